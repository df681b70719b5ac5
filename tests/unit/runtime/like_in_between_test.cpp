// LIKE (wildcards, escapes, UTF-8, constant vs per-row patterns), IN lists and BETWEEN with NULLs.
#include "expr_test_util.h"

namespace eddy {
namespace {

using namespace eddy::testing;

std::string like(const std::string& s, const std::string& p, const char* escape = nullptr) {
  return text(ok(make_like(str(s), str(p), escape ? str(escape) : nullptr, false)));
}

TEST(Like, Wildcards) {
  EXPECT_EQ(like("apple", "a%"), "TRUE");
  EXPECT_EQ(like("apple", "%le"), "TRUE");
  EXPECT_EQ(like("apple", "%pl%"), "TRUE");
  EXPECT_EQ(like("apple", "apple"), "TRUE");
  EXPECT_EQ(like("apple", "Apple"), "FALSE");
  EXPECT_EQ(like("apple", "a_ple"), "TRUE");
  EXPECT_EQ(like("apple", "a___le"), "FALSE");
  EXPECT_EQ(like("apple", "%"), "TRUE");
  EXPECT_EQ(like("", "%"), "TRUE");
  EXPECT_EQ(like("", "_"), "FALSE");
  EXPECT_EQ(like("abcabc", "%b%c"), "TRUE");
  EXPECT_EQ(like("abcabd", "a%c%d"), "TRUE");
  EXPECT_EQ(like("mississippi", "%iss%pi"), "TRUE");
  EXPECT_EQ(like("mississippi", "m%s_s%x"), "FALSE");
}

TEST(Like, UnderscoreMatchesOneUtf8Character) {
  EXPECT_EQ(like("naïve", "na_ve"), "TRUE");
  EXPECT_EQ(like("日本", "__"), "TRUE");
  EXPECT_EQ(like("日本", "_"), "FALSE");
  EXPECT_EQ(like("😀x", "_x"), "TRUE");
}

TEST(Like, EscapedWildcardsAreLiteral) {
  EXPECT_EQ(like("100%", "100!%", "!"), "TRUE");
  EXPECT_EQ(like("1000", "100!%", "!"), "FALSE");
  EXPECT_EQ(like("a_b", "a\\_b", "\\"), "TRUE");
  EXPECT_EQ(like("axb", "a\\_b", "\\"), "FALSE");
  EXPECT_EQ(like("a!b", "a!!b", "!"), "TRUE");
  EXPECT_EQ(like("50% off", "%!%%", "!"), "TRUE");
}

TEST(Like, BadPatternsAreBindErrorsWhenConstant) {
  EXPECT_EQ(bind_error(make_like(str("a"), str("a!x"), str("!"), false)),
            "invalid escape sequence in LIKE pattern 'a!x'");
  EXPECT_EQ(bind_error(make_like(str("a"), str("a!"), str("!"), false)),
            "invalid escape sequence in LIKE pattern 'a!'");
  EXPECT_EQ(bind_error(make_like(str("a"), str("a"), str("!!"), false)),
            "LIKE escape must be a single character, got '!!'");
  EXPECT_NE(bind_error(make_like(lit(1), str("1"), nullptr, false)), "");
}

TEST(Like, NotLikeAndNulls) {
  EXPECT_EQ(text(ok(make_like(str("abc"), str("a%"), nullptr, true))), "FALSE");
  EXPECT_EQ(text(ok(make_like(str("abc"), str("x%"), nullptr, true))), "TRUE");
  EXPECT_EQ(text(ok(make_like(null_lit(), str("x%"), nullptr, true))), "NULL");
  EXPECT_EQ(text(ok(make_like(str("abc"), null_lit(), nullptr, false))), "NULL");
}

TEST(Like, PerRowPatternsMatchConstantPatterns) {
  Schema s;
  s.fields = {{"v", Type::string()}, {"p", Type::string()}};
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"apple", "a%"}, {"apple", "%x%"}, {"a_b", "a!_b"}, {"naïve", "na_ve"}, {"", "%"},
      {"abc", "abc"},  {"abc", "ab"},    {"xyz", "%y_"},  {"100%", "%!%"}};
  std::vector<std::vector<Value>> rows;
  for (const auto& [v, p] : cases) rows.push_back({Value::string(v), Value::string(p)});
  rows.push_back({Value::null(Type::string()), Value::string("%")});
  Batch b = make_batch(s, rows);
  ExprPtr e = ok(
      make_like(make_column_ref(0, s.fields[0]), make_column_ref(1, s.fields[1]), str("!"), false));
  const auto got = eval_all(*e, b);
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(got[i].to_string(), like(cases[i].first, cases[i].second, "!")) << i;
  }
  EXPECT_TRUE(got.back().is_null());
  // A malformed per-row pattern fails at run time.
  Batch bad = make_batch(s, {{Value::string("a"), Value::string("a!")}});
  EXPECT_THROW(eval_all(*e, bad), Failure);
}

TEST(InList, ThreeValuedMembership) {
  EXPECT_EQ(text(ok(make_in_list(lit(2), args(lit(1), lit(2), lit(3)), false))), "TRUE");
  EXPECT_EQ(text(ok(make_in_list(lit(5), args(lit(1), lit(2)), false))), "FALSE");
  EXPECT_EQ(text(ok(make_in_list(lit(5), args(lit(1), null_lit()), false))), "NULL");
  EXPECT_EQ(text(ok(make_in_list(lit(1), args(lit(1), null_lit()), false))), "TRUE");
  EXPECT_EQ(text(ok(make_in_list(null_lit(), args(lit(1)), false))), "NULL");
  EXPECT_EQ(text(ok(make_in_list(lit(5), args(lit(1), lit(2)), true))), "TRUE");
  EXPECT_EQ(text(ok(make_in_list(lit(5), args(lit(1), null_lit()), true))), "NULL");
  EXPECT_EQ(text(ok(make_in_list(lit(1), args(lit(1), null_lit()), true))), "FALSE");
  EXPECT_EQ(text(ok(make_in_list(str("b"), args(str("a"), str("b")), false))), "TRUE");
  EXPECT_EQ(text(ok(make_in_list(lit(2), args(dbl(2.0), lit(3)), false))), "TRUE");
  EXPECT_EQ(text(ok(make_in_list(dec(150, 5, 2), args(dec(15, 5, 1), lit(3)), false))), "TRUE");
  EXPECT_NE(bind_error(make_in_list(lit(1), args(str("a")), false)), "");
}

TEST(InList, NonConstantItemsAgreeWithConstantSets) {
  Schema s;
  s.fields = {{"x", Type::int32()}, {"y", Type::int32()}};
  const auto I = [](int v) { return Value::integer(v, Type::int32()); };
  const Value N = Value::null(Type::int32());
  Batch b = make_batch(s, {{I(1), I(1)}, {I(2), I(3)}, {N, I(1)}, {I(3), N}, {I(4), N}});
  const auto x = [&] { return make_column_ref(0, s.fields[0]); };
  const auto y = [&] { return make_column_ref(1, s.fields[1]); };
  // x IN (y, 3)
  ExprPtr e = ok(make_in_list(x(), args(y(), lit(3)), false));
  const auto v = eval_all(*e, b);
  EXPECT_EQ(v[0].to_string(), "TRUE");
  EXPECT_EQ(v[1].to_string(), "FALSE");
  EXPECT_TRUE(v[2].is_null());
  EXPECT_EQ(v[3].to_string(), "TRUE");
  EXPECT_TRUE(v[4].is_null());
}

TEST(Between, InclusiveAndNegated) {
  EXPECT_EQ(text(ok(make_between(lit(5), lit(1), lit(5), false))), "TRUE");
  EXPECT_EQ(text(ok(make_between(lit(1), lit(1), lit(5), false))), "TRUE");
  EXPECT_EQ(text(ok(make_between(lit(6), lit(1), lit(5), false))), "FALSE");
  EXPECT_EQ(text(ok(make_between(lit(6), lit(1), lit(5), true))), "TRUE");
  EXPECT_EQ(text(ok(make_between(lit(3), lit(1), lit(5), true))), "FALSE");
  EXPECT_EQ(text(ok(make_between(lit(3), null_lit(), lit(5), false))), "NULL");
  EXPECT_EQ(text(ok(make_between(lit(9), null_lit(), lit(5), false))), "FALSE");
  EXPECT_EQ(text(ok(make_between(lit(9), null_lit(), lit(5), true))), "TRUE");
  EXPECT_EQ(text(ok(make_between(dbl(2.5), lit(2), lit(3), false))), "TRUE");
  EXPECT_EQ(text(ok(make_between(ts("2024-01-01 12:00:00"), str("2024-01-01"), str("2024-01-02"),
                                 false))),
            "TRUE");
}

TEST(Case, SimpleAndSearchedWithCommonResultType) {
  std::vector<std::pair<ExprPtr, ExprPtr>> w;
  w.emplace_back(lit(1), str("one"));
  w.emplace_back(lit(2), str("two"));
  EXPECT_EQ(text(ok(make_case(lit(2), std::move(w), str("many")))), "two");
  std::vector<std::pair<ExprPtr, ExprPtr>> w2;
  w2.emplace_back(bin(">", lit(1), lit(2)), lit(1));
  w2.emplace_back(boolean(true), dbl(2.5));
  ExprPtr e = ok(make_case(nullptr, std::move(w2), nullptr));
  EXPECT_EQ(e->type(), Type::float64());
  EXPECT_EQ(text(e), "2.5");
  std::vector<std::pair<ExprPtr, ExprPtr>> w3;
  w3.emplace_back(boolean(false), lit(1));
  EXPECT_EQ(text(ok(make_case(nullptr, std::move(w3), nullptr))), "NULL");
  std::vector<std::pair<ExprPtr, ExprPtr>> w4;
  w4.emplace_back(null_lit(), lit(1));  // NULL operand never matches
  EXPECT_EQ(text(ok(make_case(null_lit(), std::move(w4), lit(0)))), "0");
  std::vector<std::pair<ExprPtr, ExprPtr>> bad;
  bad.emplace_back(boolean(true), lit(1));
  EXPECT_EQ(bind_error(make_case(nullptr, std::move(bad), str("x"))),
            "CASE mixes incompatible types INT and STRING");
}

}  // namespace
}  // namespace eddy
