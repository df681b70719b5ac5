// Hostile and large inputs give errors or results, never a crash: deep nesting is rejected before
// ANTLR's recursive descent sees it, long operator chains are bounded, big scripts parse.

#include <gtest/gtest.h>

#include "parser/parser.h"

namespace eddy {
namespace {

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(LimitsTest, HundredThousandNestedParenthesesAreAnError) {
  std::string sql = "SELECT " + repeat("(", 100'000) + "1" + repeat(")", 100'000);
  auto result = parse_script(sql);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, Error::Kind::Syntax);
  EXPECT_EQ(result.error().line, 1);
  EXPECT_EQ(result.error().column, 8 + kMaxNesting);  // the first '(' past the limit
  EXPECT_TRUE(contains(result.error().message, "nested too deeply")) << result.error().message;
}

TEST(LimitsTest, NestingUpToTheLimitParses) {
  std::string sql = "SELECT " + repeat("(", kMaxNesting) + "1" + repeat(")", kMaxNesting);
  auto result = parse_script(sql);
  ASSERT_TRUE(result) << result.error().to_string();
  std::string too_deep =
      "SELECT " + repeat("(", kMaxNesting + 1) + "1" + repeat(")", kMaxNesting + 1);
  EXPECT_FALSE(parse_script(too_deep));
}

TEST(LimitsTest, NestedSubqueriesAndCallsCountAsNesting) {
  std::string calls = "SELECT " + repeat("f(", 100'000) + "1" + repeat(")", 100'000);
  EXPECT_FALSE(parse_script(calls));
  std::string subqueries =
      "SELECT * FROM " + repeat("(SELECT * FROM ", 50'000) + "s" + repeat(")", 50'000);
  EXPECT_FALSE(parse_script(subqueries));
  std::string ok = "SELECT * FROM " + repeat("(SELECT * FROM ", 60) + "s" + repeat(")", 60);
  EXPECT_TRUE(parse_script(ok));
}

TEST(LimitsTest, HundredThousandNotsAreAnError) {
  auto result = parse_script("SELECT * FROM s WHERE " + repeat("NOT ", 100'000) + "a");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().column, 23 + 4 * kMaxNesting);
  EXPECT_TRUE(contains(result.error().message, "nested too deeply")) << result.error().message;
  EXPECT_TRUE(parse_script("SELECT " + repeat("NOT ", 150) + "a"));
}

TEST(LimitsTest, HundredThousandUnaryMinusesAreAnError) {
  EXPECT_FALSE(parse_script("SELECT " + repeat("- ", 100'000) + "1"));
  EXPECT_FALSE(parse_script("SELECT " + repeat("-", 100'000) + "1"));  // `--` starts a comment
  EXPECT_FALSE(parse_script("SELECT " + repeat("+", 100'000) + "1"));
  EXPECT_FALSE(parse_script("SELECT 1 " + repeat("- +", 50'000) + "1"));
  EXPECT_TRUE(parse_script("SELECT " + repeat("- ", 150) + "1"));
}

TEST(LimitsTest, NestedCaseExpressionsAreBounded) {
  std::string sql =
      "SELECT " + repeat("CASE WHEN a THEN ", 100'000) + "1" + repeat(" END", 100'000);
  auto result = parse_script(sql);
  ASSERT_FALSE(result);
  EXPECT_TRUE(contains(result.error().message, "nested too deeply")) << result.error().message;
}

TEST(LimitsTest, MixedNestingIsBoundedToo) {
  EXPECT_FALSE(parse_script("SELECT " + repeat("NOT (- (", 40'000) + "1" + repeat("))", 40'000)));
  EXPECT_FALSE(parse_script("SELECT " + repeat("CASE WHEN (NOT ", 30'000) + "1"));
}

TEST(LimitsTest, LongOperatorChainsAreAnErrorNotACrash) {
  for (const char* op : {"+", "*", "||", " AND ", " OR "}) {
    std::string sql = "SELECT a" + repeat(std::string(op) + "a", 100'000);
    auto result = parse_script(sql);
    ASSERT_FALSE(result) << op;
    EXPECT_TRUE(contains(result.error().message, "nested too deeply")) << result.error().message;
  }
}

TEST(LimitsTest, LongChainErrorPointsAtTheOperatorPastTheLimit) {
  auto result = parse_script("SELECT a" + repeat("+a", 100'000));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().column, 9 + 2 * (1000 - 1));  // the 1000th '+': a 1001-level tree
  EXPECT_TRUE(parse_script("SELECT a" + repeat("+a", 998)));
  EXPECT_TRUE(parse_script("SELECT * FROM s WHERE a = 0" + repeat(" AND a = 1", 600)));
}

TEST(LimitsTest, ModerateOperatorChainsParseLeftDeep) {
  auto result = parse_script("SELECT a" + repeat(" + a", 500) + " FROM s");
  ASSERT_TRUE(result) << result.error().to_string();
  const ast::Expr* e =
      result.value()[0]->as<ast::QueryStatement>().query->selects[0].items[0].expr.get();
  int depth = 0;
  while (e->kind == ast::ExprKind::Binary) {
    const auto& b = e->as<ast::Binary>();
    EXPECT_EQ(b.right->kind, ast::ExprKind::Column);
    e = b.left.get();
    ++depth;
  }
  EXPECT_EQ(depth, 500);
}

TEST(LimitsTest, LongFlatListsAreFine) {
  std::string in_list = "SELECT * FROM s WHERE a IN (0";
  for (int i = 1; i < 100'000; ++i) in_list += ", " + std::to_string(i);
  in_list += ")";
  auto result = parse_script(in_list);
  ASSERT_TRUE(result) << result.error().to_string();
  const auto& where = *result.value()[0]->as<ast::QueryStatement>().query->selects[0].where;
  EXPECT_EQ(where.as<ast::InList>().list.size(), 100'000u);

  std::string columns = "SELECT c0";
  for (int i = 1; i < 20'000; ++i) columns += ", -c" + std::to_string(i);
  EXPECT_TRUE(parse_script(columns));
}

TEST(LimitsTest, OneMegabyteScriptParses) {
  const std::string statement =
      "INSERT INTO sink SELECT uid, amount * 2 AS doubled FROM s WHERE amount > 10;\n";
  size_t count = (1 << 20) / statement.size() + 1;
  std::string script = repeat(statement, count);
  ASSERT_GE(script.size(), 1u << 20);
  // A parse that went quadratic would run into ctest's timeout; speed itself is for bench/.
  auto result = parse_script(script);
  ASSERT_TRUE(result) << result.error().to_string();
  ASSERT_EQ(result.value().size(), count);
  EXPECT_EQ(result.value().back()->pos.line, static_cast<int>(count));
  EXPECT_EQ(result.value().back()->text, statement.substr(0, statement.size() - 2));
}

TEST(LimitsTest, OneMegabyteStringLiteralParses) {
  std::string big(1 << 20, 'x');
  auto result = parse_script("SELECT '" + big + "' AS s");
  ASSERT_TRUE(result);
  const auto& literal =
      result.value()[0]->as<ast::QueryStatement>().query->selects[0].items[0].expr;
  EXPECT_EQ(literal->as<ast::Literal>().value.string_value().size(), big.size());
}

TEST(LimitsTest, GarbageNeverCrashes) {
  const std::string inputs[] = {
      ")",
      "(",
      ")))(((",
      "END END",
      "CASE",
      "SELECT (((",
      "'",
      "\"",
      "`",
      "/*",
      "--",
      "*/",
      "SELECT * FROM (SELECT",
      "SELECT 1 +",
      "\x01\x02",
      std::string("SELECT \0 1", 10),
      "SELECT CASE WHEN END",
      "CREATE STREAM s (",
      "INSERT INTO",
      "EXPLAIN",
      "SET 'a' =",
      "SELECT INTERVAL",
      "SELECT TIMESTAMP",
      "SELECT CAST(a AS)",
      "\xEF\xBB\xBFSELECT 1",
  };
  for (const auto& input : inputs) {
    auto result = parse_script(input);
    if (!result) {
      EXPECT_EQ(result.error().kind, Error::Kind::Syntax) << input;
      EXPECT_GE(result.error().line, 1) << input;
      EXPECT_GE(result.error().column, 1) << input;
      EXPECT_FALSE(result.error().message.empty()) << input;
    }
  }
}

}  // namespace
}  // namespace eddy
