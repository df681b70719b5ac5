// Syntax errors point at the offending token (line:col, caret) with a message a person can act
// on.
#include <gtest/gtest.h>

#include "parse_test_util.h"
#include "parser/parser.h"

namespace eddy {
namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(SyntaxErrorTest, MisspelledStatementKeyword) {
  Error e = error_of("SELEC * FROM s");
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, 1);
  EXPECT_EQ(e.message,
            "syntax error at 'SELEC': expected a statement (SELECT, INSERT, CREATE, ...); "
            "did you mean SELECT?");
  EXPECT_EQ(e.snippet, "SELEC * FROM s\n^");
}

TEST(SyntaxErrorTest, MisspelledClauseKeyword) {
  Error e = error_of("SELECT * FORM s");
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, 10);
  EXPECT_TRUE(contains(e.message, "syntax error at 'FORM'")) << e.message;
  EXPECT_TRUE(contains(e.message, "FROM")) << e.message;
  EXPECT_TRUE(contains(e.message, "did you mean FROM?")) << e.message;
  EXPECT_EQ(e.snippet, "SELECT * FORM s\n         ^");
}

TEST(SyntaxErrorTest, MisspelledKeywordTakenForAnAlias) {
  // `a FORM` reads as `a AS FORM`; the error comes at `s`, and the hint names the likely typo.
  Error e = error_of("SELECT a FORM s");
  EXPECT_EQ(e.column, 15);
  EXPECT_TRUE(contains(e.message, "syntax error at 's'")) << e.message;
  EXPECT_TRUE(contains(e.message, "did you mean FROM instead of 'FORM'?")) << e.message;
}

TEST(SyntaxErrorTest, ExpectedTokensAfterACompleteClause) {
  Error e = error_of("SELECT a FROM s x y");
  EXPECT_EQ(e.column, 19);
  EXPECT_EQ(e.message,
            "syntax error at 'y': expected ',', GROUP, HAVING, JOIN, LIMIT, ORDER, TIMEOUT, UNION, "
            "WHERE or ';'");
}

TEST(SyntaxErrorTest, MisspelledWordAfterCreate) {
  Error e = error_of("CREATE STRAEM s (a INT)");
  EXPECT_EQ(e.column, 8);
  EXPECT_TRUE(contains(e.message, "syntax error at 'STRAEM'")) << e.message;
  EXPECT_TRUE(contains(e.message, "did you mean STREAM?")) << e.message;
}

TEST(SyntaxErrorTest, UnexpectedEndOfInput) {
  Error e = error_of("SELECT a\nFROM s\nWHERE (a = 1\n\n");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.column, 13);  // just after the last token, not on the blank lines
  EXPECT_TRUE(contains(e.message, "unexpected end of input: expected ')'")) << e.message;
  EXPECT_EQ(e.snippet, "WHERE (a = 1\n            ^");
}

TEST(SyntaxErrorTest, StatementCutShortByASemicolon) {
  Error e = error_of("SELECT a FROM s; SELECT (1;");
  EXPECT_EQ(e.column, 27);
  EXPECT_TRUE(contains(e.message, "syntax error at ';': expected ')'")) << e.message;
}

TEST(SyntaxErrorTest, MissingExpression) {
  Error e = error_of("SELECT a + FROM s");
  EXPECT_EQ(e.column, 12);
  EXPECT_EQ(e.message, "syntax error at 'FROM': expected an expression");
  Error e2 = error_of("SELECT a FROM");
  EXPECT_EQ(e2.column, 14);
  EXPECT_EQ(e2.message, "unexpected end of input: expected '(' or a name");
}

TEST(SyntaxErrorTest, ErrorsInLaterStatementsHaveScriptPositions) {
  Error e = error_of("SELECT 1;\nSELECT 2;\n  SELEC 3;\nSELECT 4");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.column, 3);
  EXPECT_EQ(e.snippet, "  SELEC 3;\n  ^");
  Error same_line = error_of("SELECT 1; SELECT * FORM s");
  EXPECT_EQ(same_line.line, 1);
  EXPECT_EQ(same_line.column, 20);
}

TEST(SyntaxErrorTest, UnterminatedStringQuotedIdentifierAndComment) {
  Error s = error_of("SELECT a,\n  'abc FROM s;\nSELECT 1");
  EXPECT_EQ(s.line, 2);
  EXPECT_EQ(s.column, 3);
  EXPECT_TRUE(contains(s.message, "unterminated string literal")) << s.message;
  Error q = error_of("SELECT \"abc FROM s");
  EXPECT_EQ(q.column, 8);
  EXPECT_TRUE(contains(q.message, "unterminated quoted identifier")) << q.message;
  Error b = error_of("SELECT `abc FROM s");
  EXPECT_EQ(b.column, 8);
  Error c = error_of("SELECT 1; /* comment\n SELECT 2");
  EXPECT_EQ(c.line, 1);
  EXPECT_EQ(c.column, 11);
  EXPECT_TRUE(contains(c.message, "unterminated comment")) << c.message;
}

TEST(SyntaxErrorTest, UnexpectedCharacter) {
  Error e = error_of("SELECT a # b FROM s");
  EXPECT_EQ(e.column, 10);
  EXPECT_EQ(e.message, "unexpected character '#'");
  // The earlier of a lexer and a parser error wins.
  Error earlier = error_of("SELECT * FORM s WHERE a ? 1");
  EXPECT_EQ(earlier.column, 10);
  // Running out of tokens is reported just after the last token, but the dropped character
  // comes before the end of the input, so it is the error.
  for (const char* text : {"SELECT @", "SELECT @  ", "SELECT a +\n  @", "SELECT (1 + @"}) {
    Error at_end = error_of(text);
    EXPECT_EQ(at_end.message, "unexpected character '@'") << text;
  }
  Error last = error_of("SELECT @");
  EXPECT_EQ(last.line, 1);
  EXPECT_EQ(last.column, 8);
  Error second_line = error_of("SELECT a +\n  @");
  EXPECT_EQ(second_line.line, 2);
  EXPECT_EQ(second_line.column, 3);
}

TEST(SyntaxErrorTest, InvalidUtf8) {
  Error e = error_of("SELECT 'a\xff'");
  EXPECT_EQ(e.column, 10);
  EXPECT_TRUE(contains(e.message, "invalid UTF-8")) << e.message;
}

TEST(SyntaxErrorTest, UnionNeedsAll) {
  Error e = error_of("SELECT a FROM s UNION SELECT a FROM t");
  EXPECT_EQ(e.column, 17);
  EXPECT_TRUE(contains(e.message, "only UNION ALL is supported")) << e.message;
}

TEST(SyntaxErrorTest, ExtraTokensAfterAStatement) {
  Error e = error_of("SHOW STREAMS now");
  EXPECT_EQ(e.column, 14);
  EXPECT_EQ(e.message, "syntax error at 'now': expected ';'");
  Error s = error_of("SHOW STREAM");
  EXPECT_TRUE(contains(s.message, "syntax error at 'STREAM'")) << s.message;
  EXPECT_TRUE(contains(s.message, "did you mean STREAMS?")) << s.message;
}

TEST(SyntaxErrorTest, ReservedWordsNeedQuotingAsNames) {
  Error e = error_of("SELECT from FROM s");
  EXPECT_EQ(e.column, 8);
  EXPECT_TRUE(parse_script("SELECT `from`, \"select\" FROM s"));
}

TEST(SyntaxErrorTest, EmptyQuotedIdentifier) {
  Error e = error_of("SELECT `` FROM s");
  EXPECT_EQ(e.column, 8);
}

TEST(CaretSnippetTest, MarksTheColumn) {
  EXPECT_EQ(caret_snippet("SELECT x", 1, 8), "SELECT x\n       ^");
  EXPECT_EQ(caret_snippet("a\nbc\nd", 2, 2), "bc\n ^");
  EXPECT_EQ(caret_snippet("a\r\nbc\r\n", 2, 1), "bc\n^");
  EXPECT_EQ(caret_snippet("abc", 1, 4), "abc\n   ^");  // end of input
  EXPECT_EQ(caret_snippet("abc", 5, 1), "");
}

TEST(CaretSnippetTest, TabsAreKeptSoTheCaretLinesUp) {
  EXPECT_EQ(caret_snippet("\tSELECT\tx", 1, 9), "\tSELECT\tx\n\t      \t^");
  Error e = error_of("SELECT\t*\tFORM s");
  EXPECT_EQ(e.column, 10);
  EXPECT_EQ(e.snippet, "SELECT\t*\tFORM s\n      \t \t^");
}

TEST(CaretSnippetTest, CountsCharactersNotBytes) {
  EXPECT_EQ(caret_snippet("'é' x", 1, 5), "'é' x\n    ^");
}

}  // namespace
}  // namespace eddy
