#include "parser/syntax_error.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "EddyLexer.h"
#include "EddyParser.h"

namespace eddy::parser_internal {

using antlr4::Token;
using antlr4::misc::IntervalSet;
using eddygen::EddyParser;

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Optimal string alignment distance: a transposition (FORM/FROM) costs one edit.
int edit_distance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

// The grammar lists its keywords alphabetically, from ADVANCE to YEARS.
bool is_keyword(size_t type) { return type >= EddyParser::ADVANCE && type <= EddyParser::YEARS; }

// The keyword as written in SQL: token NULL_ is spelled NULL.
std::string keyword_name(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
  std::string name = vocabulary.getSymbolicName(type);
  if (!name.empty() && name.back() == '_') name.pop_back();
  return name;
}

// Token sets that stand for a whole category in messages ("an expression" rather than sixty
// tokens). Taken from the grammar's FIRST sets so they follow the grammar as it grows.
struct TokenClasses {
  IntervalSet statement_start;
  IntervalSet expression_start;
  IntervalSet identifier_start;
  IntervalSet operators;
};

const TokenClasses& token_classes(const antlr4::atn::ATN& atn) {
  static const TokenClasses classes = [&atn] {
    auto first = [&atn](size_t rule) { return atn.nextTokens(atn.ruleToStartState[rule]); };
    TokenClasses c;
    c.statement_start = first(EddyParser::RuleStatement);
    c.expression_start = first(EddyParser::RuleExpression);
    c.identifier_start = first(EddyParser::RuleIdentifier);
    for (size_t t : {EddyParser::EQ, EddyParser::NEQ, EddyParser::LT, EddyParser::LTE,
                     EddyParser::GT, EddyParser::GTE, EddyParser::PLUS, EddyParser::MINUS,
                     EddyParser::ASTERISK, EddyParser::SLASH, EddyParser::PERCENT,
                     EddyParser::CONCAT, EddyParser::AND, EddyParser::OR, EddyParser::NOT,
                     EddyParser::BETWEEN, EddyParser::IN, EddyParser::LIKE, EddyParser::IS}) {
      c.operators.add(static_cast<ssize_t>(t));
    }
    return c;
  }();
  return classes;
}

std::string token_display(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
  switch (type) {
    case EddyParser::NEQ:
      return "'<>'";
    case EddyParser::IDENTIFIER:
    case EddyParser::QUOTED_IDENTIFIER:
    case EddyParser::BACKQUOTED_IDENTIFIER:
      return "a name";
    case EddyParser::STRING:
      return "a string";
    case EddyParser::INTEGER_VALUE:
      return "an integer";
    case EddyParser::DECIMAL_VALUE:
    case EddyParser::DOUBLE_VALUE:
      return "a number";
    default:
      break;
  }
  std::string literal = vocabulary.getLiteralName(type);
  if (!literal.empty()) return literal;
  return keyword_name(vocabulary, type);
}

// "',', FROM or WHERE"; "" when the list is too long to help.
std::string describe_expected(IntervalSet expected, const antlr4::dfa::Vocabulary& vocabulary,
                              const TokenClasses& classes) {
  expected.remove(Token::EPSILON);
  auto has = [&expected](size_t t) { return expected.contains(t); };
  std::vector<std::string> categories;
  if (has(EddyParser::SELECT) && has(EddyParser::INSERT) && has(EddyParser::CREATE)) {
    categories.push_back("a statement (SELECT, INSERT, CREATE, ...)");
    expected = expected.subtract(classes.statement_start);
  }
  if (has(EddyParser::IDENTIFIER) && has(EddyParser::STRING) && has(EddyParser::INTEGER_VALUE)) {
    categories.push_back("an expression");
    expected = expected.subtract(classes.expression_start);
  } else if (has(EddyParser::IDENTIFIER)) {
    categories.push_back("a name");
    expected = expected.subtract(classes.identifier_start);
  }
  if (expected.And(classes.operators).size() >= 3) {
    categories.push_back("an operator");
    expected = expected.subtract(classes.operators);
  }
  // After a relation, INNER, LEFT, RIGHT, FULL, CROSS and NATURAL all lead to JOIN: one item
  // says it.
  if (has(EddyParser::JOIN)) {
    for (size_t t : {EddyParser::INNER, EddyParser::LEFT, EddyParser::RIGHT, EddyParser::FULL,
                     EddyParser::CROSS, EddyParser::NATURAL}) {
      expected.remove(static_cast<ssize_t>(t));
    }
  }
  bool end_of_statement = has(Token::EOF);
  expected.remove(Token::EOF);

  // Single tokens first ("')' or an operator"), then categories, then the end of the statement.
  std::vector<std::string> items;
  for (ssize_t t : expected.toList()) {
    std::string item = token_display(vocabulary, static_cast<size_t>(t));
    if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
  }
  items.insert(items.end(), categories.begin(), categories.end());
  if (end_of_statement) items.push_back("';'");
  if (items.empty() || items.size() > 10) return "";
  std::string out = items[0];
  for (size_t i = 1; i < items.size(); ++i) {
    out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

// The token as quoted in a message: first line only, and not too long.
std::string quote_token(const std::string& text) {
  std::string out = text.substr(0, text.find('\n'));
  if (out.size() > 40) {
    size_t cut = 37;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "...";
  }
  return "'" + out + "'";
}

// Line and column just after `token`, where "unexpected end of input" is best pointed at: the
// real end may be several blank lines further down.
std::pair<int, int> position_after(Token* token) {
  int line = static_cast<int>(token->getLine());
  int column = static_cast<int>(token->getCharPositionInLine()) + 1;
  for (unsigned char c : token->getText()) {
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

std::string suggest(Token* offending, Token* previous, const IntervalSet& expected,
                    const antlr4::dfa::Vocabulary& vocabulary) {
  size_t type = offending->getType();
  // Other SQL shells take HELP as a statement (MySQL's client); here it is the shell's .help.
  if (previous == nullptr && upper(offending->getText()) == "HELP")
    return "HELP is a command of the eddy shell, not a statement; SHOW FUNCTIONS lists the "
           "functions";
  if (type == EddyParser::IDENTIFIER || is_keyword(type)) {
    // A keyword in the wrong place is spelt right; only its plural or singular is a likely slip
    // (SHOW STREAM), not some other keyword that happens to be close (FROM and FOR).
    std::string spelled = upper(offending->getText());
    std::vector<std::string> keywords;
    for (ssize_t t : expected.toList()) {
      if (t <= 0 || !is_keyword(static_cast<size_t>(t))) continue;
      std::string keyword = keyword_name(vocabulary, static_cast<size_t>(t));
      if (is_keyword(type) && keyword != spelled + "S" && keyword + "S" != spelled) continue;
      keywords.push_back(keyword);
    }
    std::string best = closest_word(spelled, keywords);
    if (!best.empty()) return fmt::format("did you mean {}?", best);
  }
  // `SELECT a FORM s` takes FORM for an alias and fails at `s`; so does `FROM s GRUOP BY a`.
  if (previous != nullptr && previous->getType() == EddyParser::IDENTIFIER) {
    std::string best = closest_word(previous->getText(), {"FROM", "WHERE", "LIMIT", "UNION",
                                                          "GROUP", "HAVING", "TIMEOUT", "JOIN"});
    if (!best.empty())
      return fmt::format("did you mean {} instead of '{}'?", best, previous->getText());
  }
  return "";
}

}  // namespace

std::string closest_word(std::string_view word, const std::vector<std::string>& candidates) {
  std::string target = upper(word);
  // Short words are one edit away from too many others for a guess to help.
  int allowed = target.size() <= 3 ? 0 : target.size() <= 5 ? 1 : 2;
  std::string best;
  int best_distance = allowed + 1;
  for (const auto& candidate : candidates) {
    std::string c = upper(candidate);
    if (c == target) continue;
    int d = edit_distance(target, c);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

void LexerErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token*, size_t line,
                                     size_t column, const std::string&, std::exception_ptr) {
  if (first) return;
  auto* lexer = static_cast<antlr4::Lexer*>(recognizer);
  antlr4::CharStream* input = lexer->getInputStream();
  std::string bad = input->getText(
      antlr4::misc::Interval(lexer->tokenStartCharIndex, lexer->tokenStartCharIndex));
  std::string shown;
  if (bad.size() == 1 && !std::isprint(static_cast<unsigned char>(bad[0]))) {
    shown = fmt::format("\\x{:02X}", static_cast<unsigned char>(bad[0]));
  } else {
    shown = bad;
  }
  first =
      SyntaxProblem{static_cast<int>(line), static_cast<int>(column) + 1,
                    fmt::format("unexpected character '{}'", shown), lexer->tokenStartCharIndex};
}

void ExpectingErrorStrategy::sync(antlr4::Parser* parser) {
  size_t index = parser->getCurrentToken()->getTokenIndex();
  if (index != token_index) {
    token_index = index;
    expected.clear();
  }
  const antlr4::atn::ATN& atn = parser->getATN();
  expected.addAll(atn.nextTokens(atn.states[parser->getState()]));
  DefaultErrorStrategy::sync(parser);
}

void ParserErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending,
                                      size_t line, size_t column, const std::string&,
                                      std::exception_ptr e) {
  auto* parser = static_cast<antlr4::Parser*>(recognizer);
  const antlr4::dfa::Vocabulary& vocabulary = parser->getVocabulary();

  // What could have come at the offending token. For a failed prediction that looked several
  // tokens ahead, the decision's choices were at its first token, not at the offending one, so
  // listing them would mislead.
  IntervalSet expected;
  bool known = true;
  if (e) {
    try {
      std::rethrow_exception(e);
    } catch (const antlr4::NoViableAltException& nva) {
      known = nva.getStartToken() == offending;
      if (known) expected = nva.getExpectedTokens();
    } catch (const antlr4::RecognitionException& re) {
      expected = re.getExpectedTokens();
    } catch (...) {
      known = false;
    }
  } else {
    expected = parser->getExpectedTokens();
  }
  if (known && offending->getTokenIndex() == strategy_.token_index) {
    expected.addAll(strategy_.expected);
  }

  antlr4::TokenStream* tokens = parser->getTokenStream();
  size_t index = offending->getTokenIndex();
  Token* previous = index > 0 ? tokens->get(index - 1) : nullptr;

  int error_line = static_cast<int>(line);
  int error_column = static_cast<int>(column) + 1;
  std::string message;
  if (offending->getType() == Token::EOF) {
    if (at_script_end_) {
      message = "unexpected end of input";
      if (previous != nullptr) std::tie(error_line, error_column) = position_after(previous);
    } else {
      message = "syntax error at ';'";  // the statement ends at the ';' the front end split at
    }
  } else {
    message = "syntax error at " + quote_token(offending->getText());
  }
  if (known) {
    std::string what = describe_expected(expected, vocabulary, token_classes(parser->getATN()));
    if (!what.empty()) message += ": expected " + what;
  }
  if (offending->getType() != Token::EOF) {
    std::string hint = suggest(offending, previous, known ? expected : IntervalSet(), vocabulary);
    if (!hint.empty()) message += "; " + hint;
  }
  problem = SyntaxProblem{error_line, error_column, std::move(message), offending->getStartIndex()};
  throw StopParsing{};
}

}  // namespace eddy::parser_internal
