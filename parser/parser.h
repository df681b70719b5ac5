// The parser front end: script text -> eddy AST. Only parser/*.cpp include ANTLR headers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eddy/error.h"
#include "parser/ast.h"

namespace eddy {

// Parses a script of ';'-separated statements (the last ';' is optional). Statements carry their
// own source text and position. The first syntax error is returned as Error::Kind::Syntax with
// line:col, message and a caret snippet. Nesting deeper than kMaxNesting is rejected before
// ANTLR runs (its recursive descent would overflow the stack).
Result<std::vector<ast::StatementPtr>> parse_script(std::string_view text);

inline constexpr int kMaxNesting = 200;

// Most joins on any path through a statement's FROM clauses: a FROM clause's own joins (each ','
// and JOIN) plus those of the FROM clauses it is nested in. Joins nest to the left, one tree level
// each, and later stages walk the tree recursively.
inline constexpr int kMaxJoins = 200;

// The language's keywords (SELECT, TUMBLE, ...), alphabetically, for the shell's completion.
std::vector<std::string> keyword_names();

// The source line `line` of `text` and a caret under `column` (both 1-based), two lines of text.
std::string caret_snippet(std::string_view text, int line, int column);

}  // namespace eddy
