// Helpers shared by the parser tests: parse a script that must parse, or one that must fail.
#pragma once

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "parser/parser.h"

namespace eddy {

// The statements of `sql`; a parse error fails the test (and gives `SELECT 1` to go on with).
inline std::vector<ast::StatementPtr> parse_ok(std::string_view sql) {
  auto result = parse_script(sql);
  if (!result) {
    ADD_FAILURE() << sql << ": " << result.error().to_string();
    return std::move(parse_script("SELECT 1").value());
  }
  return std::move(result).value();
}

// The syntax error of `sql`; parsing fine fails the test.
inline Error error_of(std::string_view sql) {
  auto result = parse_script(sql);
  if (result) {
    ADD_FAILURE() << "expected a syntax error for: " << sql;
    return Error{};
  }
  EXPECT_EQ(result.error().kind, Error::Kind::Syntax);
  return result.error();
}

// A parsed single-SELECT query.
struct ParsedSelect {
  std::vector<ast::StatementPtr> statements;
  const ast::Select& select() const {
    return statements.at(0)->as<ast::QueryStatement>().query->selects.at(0);
  }
  const ast::TableRef& from() const { return select().from.value(); }
};

inline ParsedSelect parse_select(std::string_view sql) { return ParsedSelect{parse_ok(sql)}; }

}  // namespace eddy
