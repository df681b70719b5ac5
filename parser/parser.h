// The parser front end: script text -> eddy AST. Only parser/*.cpp include ANTLR headers.
#pragma once

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

// The source line `line` of `text` and a caret under `column` (both 1-based), two lines of text.
std::string caret_snippet(std::string_view text, int line, int column);

}  // namespace eddy
