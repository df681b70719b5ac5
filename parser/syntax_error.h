// Syntax errors from ANTLR, turned into messages a person can act on. Private to parser/.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "antlr4-runtime.h"

namespace eddy::parser_internal {

// An error at a script position (1-based line and column, columns in code points).
struct SyntaxProblem {
  int line = 0;
  int column = 0;
  std::string message;
  // Where the problem really is, as a character index into the statement's text: "unexpected
  // end of input" is reported just after the last token, but the input ends further on, past any
  // characters the lexer dropped (`SELECT @`), and those come first.
  size_t offset = 0;
};

// Thrown by ParserErrorListener to stop the parse at the first error: recovering would only
// produce follow-on errors that nobody reads.
struct StopParsing {};

// The candidate closest to `word` (case-insensitively) if it is close enough to be a typo of it,
// else "". Used for "did you mean SELECT?" and "unknown type 'INTT'; did you mean INT?".
std::string closest_word(std::string_view word, const std::vector<std::string>& candidates);

// Records the lexer's first error and lets it carry on: a parser error at an earlier token is
// the better report, so the front end compares positions once parsing stops.
class LexerErrorListener : public antlr4::BaseErrorListener {
 public:
  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                   size_t column, const std::string& msg, std::exception_ptr e) override;
  std::optional<SyntaxProblem> first;
};

// DefaultErrorStrategy that also remembers every token type the rules passed through could have
// accepted at the token the parser is looking at. ANTLR's expected set at an error holds only the
// failing rule's choices: `SELECT * FORM s` fails at `match(EOF)`, although ',', FROM, WHERE,
// UNION and LIMIT were possible there too, and those are what the user needs to see.
class ExpectingErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  void sync(antlr4::Parser* parser) override;
  size_t token_index = std::numeric_limits<size_t>::max();
  antlr4::misc::IntervalSet expected;
};

// Describes the parser's first error (offending token, what could have come instead, a likely
// misspelt keyword) as a SyntaxProblem, then throws StopParsing.
class ParserErrorListener : public antlr4::BaseErrorListener {
 public:
  // `at_script_end`: the statement ends at the end of the script, not at a ';', so running out of
  // tokens is "unexpected end of input" rather than an error at the ';'.
  ParserErrorListener(const ExpectingErrorStrategy& strategy, bool at_script_end)
      : strategy_(strategy), at_script_end_(at_script_end) {}
  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                   size_t column, const std::string& msg, std::exception_ptr e) override;
  std::optional<SyntaxProblem> problem;

 private:
  const ExpectingErrorStrategy& strategy_;
  bool at_script_end_;
};

}  // namespace eddy::parser_internal
