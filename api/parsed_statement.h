// What a public eddy::Statement holds opaquely: its parsed AST. Only the api/ layer sees it, so
// include/eddy/ names no parser type.
#pragma once

#include "parser/ast.h"

namespace eddy::detail {

struct ParsedStatement {
  // A constructor, not an aggregate: clang 14 (the fuzz build) lacks C++20's make_shared of
  // aggregates.
  explicit ParsedStatement(ast::StatementPtr parsed) : ast(std::move(parsed)) {}
  ast::StatementPtr ast;
};

}  // namespace eddy::detail
