// What a public eddy::Statement holds opaquely: its parsed AST. Only the api/ layer sees it, so
// include/eddy/ names no parser type.
#pragma once

#include "parser/ast.h"

namespace eddy::detail {

struct ParsedStatement {
  ast::StatementPtr ast;
};

}  // namespace eddy::detail
