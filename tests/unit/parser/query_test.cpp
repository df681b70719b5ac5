// Queries: select lists, FROM relations and aliases, WHERE, UNION ALL, LIMIT, parentheses.
#include <gtest/gtest.h>

#include "parser/parser.h"

namespace eddy {
namespace {

struct Parsed {
  std::vector<ast::StatementPtr> statements;
  const ast::QueryExpr& query() const { return *statements.at(0)->as<ast::QueryStatement>().query; }
};

Parsed parse_query(std::string_view sql) {
  auto result = parse_script(sql);
  if (!result) {
    ADD_FAILURE() << sql << ": " << result.error().to_string();
    return Parsed{std::move(parse_script("SELECT 1").value())};
  }
  return Parsed{std::move(result).value()};
}

TEST(QueryTest, SelectListItems) {
  auto parsed = parse_query("SELECT *, t.*, a, b AS x, c y, `d` AS \"Z\" FROM s t");
  const ast::Select& select = parsed.query().selects.at(0);
  ASSERT_EQ(select.items.size(), 6u);
  EXPECT_EQ(select.items[0].expr->kind, ast::ExprKind::Star);
  EXPECT_FALSE(select.items[0].expr->as<ast::Star>().qualifier.has_value());
  EXPECT_EQ(select.items[0].expr->pos.column, 8);
  EXPECT_EQ(select.items[1].expr->kind, ast::ExprKind::Star);
  EXPECT_EQ(select.items[1].expr->as<ast::Star>().qualifier->text, "t");
  EXPECT_EQ(select.items[1].expr->text, "t.*");
  EXPECT_EQ(select.items[1].expr->pos.column, 11);
  EXPECT_FALSE(select.items[2].alias.has_value());
  EXPECT_EQ(select.items[3].alias->text, "x");
  EXPECT_EQ(select.items[4].alias->text, "y");
  EXPECT_EQ(select.items[5].alias->text, "Z");
  EXPECT_TRUE(select.items[5].alias->quoted);
  EXPECT_FALSE(select.distinct);
}

TEST(QueryTest, SelectWithoutFrom) {
  auto parsed = parse_query("SELECT 1, 'a'");
  const ast::Select& select = parsed.query().selects.at(0);
  EXPECT_FALSE(select.from.has_value());
  EXPECT_EQ(select.where, nullptr);
  EXPECT_EQ(select.items.size(), 2u);
}

TEST(QueryTest, DistinctAndAll) {
  EXPECT_TRUE(parse_query("SELECT DISTINCT a FROM s").query().selects[0].distinct);
  EXPECT_FALSE(parse_query("SELECT ALL a FROM s").query().selects[0].distinct);
}

TEST(QueryTest, NamedRelationWithAlias) {
  auto parsed = parse_query("SELECT a FROM logins AS l WHERE l.a > 1");
  const ast::Select& select = parsed.query().selects[0];
  ASSERT_TRUE(select.from.has_value());
  EXPECT_EQ(select.from->kind, ast::TableRef::Kind::Named);
  EXPECT_EQ(select.from->name.text, "logins");
  EXPECT_EQ(select.from->alias->text, "l");
  EXPECT_EQ(select.from->pos.column, 15);
  ASSERT_NE(select.where, nullptr);
  EXPECT_EQ(select.where->text, "l.a > 1");

  auto bare = parse_query("SELECT a FROM logins");
  EXPECT_FALSE(bare.query().selects[0].from->alias.has_value());
}

TEST(QueryTest, SubqueryRelation) {
  auto parsed = parse_query("SELECT x FROM (SELECT a AS x FROM s WHERE a > 0) sub WHERE x < 9");
  const ast::Select& select = parsed.query().selects[0];
  ASSERT_TRUE(select.from.has_value());
  EXPECT_EQ(select.from->kind, ast::TableRef::Kind::Subquery);
  EXPECT_EQ(select.from->alias->text, "sub");
  EXPECT_EQ(select.from->pos.column, 15);
  ASSERT_NE(select.from->subquery, nullptr);
  EXPECT_EQ(select.from->subquery->text, "SELECT a AS x FROM s WHERE a > 0");
  EXPECT_EQ(select.from->subquery->pos.column, 16);
  EXPECT_EQ(select.from->subquery->selects[0].items[0].alias->text, "x");

  auto nested = parse_query("SELECT * FROM (SELECT * FROM (SELECT 1) AS a) b");
  const auto& middle = *nested.query().selects[0].from->subquery;
  EXPECT_EQ(middle.selects[0].from->kind, ast::TableRef::Kind::Subquery);
  EXPECT_EQ(middle.selects[0].from->alias->text, "a");
}

TEST(QueryTest, UnionAllAndLimit) {
  auto parsed =
      parse_query("SELECT a FROM s UNION ALL SELECT b FROM t UNION ALL (SELECT c FROM u) LIMIT 10");
  const ast::QueryExpr& query = parsed.query();
  ASSERT_EQ(query.selects.size(), 3u);
  EXPECT_EQ(query.selects[0].from->name.text, "s");
  EXPECT_EQ(query.selects[1].from->name.text, "t");
  EXPECT_EQ(query.selects[1].pos.column, 27);
  EXPECT_EQ(query.selects[2].from->name.text, "u");
  EXPECT_EQ(query.limit, 10);
  EXPECT_EQ(query.pos.column, 1);
  EXPECT_EQ(query.text,
            "SELECT a FROM s UNION ALL SELECT b FROM t UNION ALL (SELECT c FROM u) LIMIT 10");
}

TEST(QueryTest, ParenthesisedQueries) {
  auto parsed = parse_query("(SELECT a FROM s)");
  EXPECT_EQ(parsed.query().selects.size(), 1u);
  EXPECT_FALSE(parsed.query().limit.has_value());

  auto limited = parse_query("((SELECT a FROM s LIMIT 3))");
  EXPECT_EQ(limited.query().limit, 3);

  auto grouped = parse_query("(SELECT 1 UNION ALL SELECT 2) UNION ALL SELECT 3");
  EXPECT_EQ(grouped.query().selects.size(), 3u);

  // A branch with its own LIMIT (or ORDER BY) becomes SELECT * FROM (branch): its LIMIT ends
  // only that branch.
  auto branch = parse_query("(SELECT 1 LIMIT 1) UNION ALL SELECT 2");
  ASSERT_EQ(branch.query().selects.size(), 2u);
  EXPECT_FALSE(branch.query().limit.has_value());
  const auto& from = branch.query().selects[0].from;
  ASSERT_TRUE(from.has_value());
  EXPECT_EQ(from->kind, ast::TableRef::Kind::Subquery);
  EXPECT_EQ(from->subquery->limit, 1);

  auto nested = parse_query("(SELECT 1 LIMIT 1) LIMIT 2");
  EXPECT_EQ(nested.query().limit, 2);
  ASSERT_EQ(nested.query().selects.size(), 1u);
  EXPECT_EQ(nested.query().selects[0].from->subquery->limit, 1);

  auto ordered = parse_query("(SELECT a FROM s ORDER BY a DESC NULLS FIRST, b) LIMIT 2");
  const auto& inner = *ordered.query().selects[0].from->subquery;
  ASSERT_EQ(inner.order_by.size(), 2u);
  EXPECT_TRUE(inner.order_by[0].descending);
  EXPECT_EQ(inner.order_by[0].nulls_first, true);
  EXPECT_FALSE(inner.order_by[1].descending);
  EXPECT_FALSE(inner.order_by[1].nulls_first.has_value());
}

TEST(QueryTest, NoLimitByDefault) {
  EXPECT_FALSE(parse_query("SELECT a FROM s").query().limit.has_value());
  EXPECT_EQ(parse_query("SELECT a FROM s LIMIT 0").query().limit, 0);
  EXPECT_FALSE(parse_script("SELECT a FROM s LIMIT 99999999999999999999"));
}

TEST(QueryTest, SelectPositionsOnLaterLines) {
  auto parsed = parse_query("SELECT a\n  FROM s\n UNION ALL\n   SELECT b FROM t");
  const auto& query = parsed.query();
  ASSERT_EQ(query.selects.size(), 2u);
  EXPECT_EQ(query.selects[0].from->pos.line, 2);
  EXPECT_EQ(query.selects[0].from->pos.column, 8);
  EXPECT_EQ(query.selects[1].pos.line, 4);
  EXPECT_EQ(query.selects[1].pos.column, 4);
}

}  // namespace
}  // namespace eddy
