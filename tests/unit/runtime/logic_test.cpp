// Three-valued logic, IS NULL, comparisons, and short-circuit evaluation of guarded operands.
#include "expr_test_util.h"

namespace eddy {
namespace {

using namespace eddy::testing;

// TRUE, FALSE, NULL as expressions.
ExprPtr tv(int v) { return v < 0 ? null_of(Type::boolean()) : boolean(v != 0); }
std::string name(int v) { return v < 0 ? "NULL" : (v ? "TRUE" : "FALSE"); }

TEST(ThreeValuedLogic, AndTruthTable) {
  // rows: left, right, expected (-1 = NULL)
  const int table[][3] = {{1, 1, 1},  {1, 0, 0},   {1, -1, -1}, {0, 1, 0},   {0, 0, 0},
                          {0, -1, 0}, {-1, 1, -1}, {-1, 0, 0},  {-1, -1, -1}};
  for (const auto& r : table) {
    EXPECT_EQ(text(bin("AND", tv(r[0]), tv(r[1]))), name(r[2]))
        << name(r[0]) << " AND " << name(r[1]);
  }
}

TEST(ThreeValuedLogic, OrTruthTable) {
  const int table[][3] = {{1, 1, 1},   {1, 0, 1},  {1, -1, 1},  {0, 1, 1},   {0, 0, 0},
                          {0, -1, -1}, {-1, 1, 1}, {-1, 0, -1}, {-1, -1, -1}};
  for (const auto& r : table) {
    EXPECT_EQ(text(bin("OR", tv(r[0]), tv(r[1]))), name(r[2]))
        << name(r[0]) << " OR " << name(r[1]);
  }
}

TEST(ThreeValuedLogic, NotTruthTable) {
  EXPECT_EQ(text(ok(make_unary("NOT", tv(1)))), "FALSE");
  EXPECT_EQ(text(ok(make_unary("NOT", tv(0)))), "TRUE");
  EXPECT_EQ(text(ok(make_unary("NOT", tv(-1)))), "NULL");
  EXPECT_EQ(text(ok(make_unary("NOT", null_lit()))), "NULL");
}

TEST(ThreeValuedLogic, ColumnsWithNullsMatchScalarTable) {
  Schema s;
  s.fields = {{"a", Type::boolean()}, {"b", Type::boolean()}};
  std::vector<std::vector<Value>> rows;
  const Value vals[] = {Value::boolean(true), Value::boolean(false), Value::null(Type::boolean())};
  for (const auto& x : vals) {
    for (const auto& y : vals) rows.push_back({x, y});
  }
  Batch b = make_batch(s, rows);
  ExprPtr e_and = bin("AND", make_column_ref(0, s.fields[0]), make_column_ref(1, s.fields[1]));
  ExprPtr e_or = bin("OR", make_column_ref(0, s.fields[0]), make_column_ref(1, s.fields[1]));
  const auto ands = eval_all(*e_and, b), ors = eval_all(*e_or, b);
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto lit_of = [](const Value& v) { return make_literal(v); };
    EXPECT_EQ(ands[i], value(bin("AND", lit_of(rows[i][0]), lit_of(rows[i][1])))) << i;
    EXPECT_EQ(ors[i], value(bin("OR", lit_of(rows[i][0]), lit_of(rows[i][1])))) << i;
  }
}

TEST(ThreeValuedLogic, OperandsMustBeBoolean) {
  EXPECT_EQ(bind_error(make_binary("AND", lit(1), boolean(true))),
            "AND needs BOOLEAN operands, got INT and BOOLEAN");
  EXPECT_NE(bind_error(make_unary("NOT", str("x"))), "");
}

TEST(IsNull, NeverReturnsNull) {
  EXPECT_EQ(text(ok(make_is_null(null_lit(), false))), "TRUE");
  EXPECT_EQ(text(ok(make_is_null(lit(1), false))), "FALSE");
  EXPECT_EQ(text(ok(make_is_null(null_lit(), true))), "FALSE");
  EXPECT_EQ(text(ok(make_is_null(str("x"), true))), "TRUE");
  EXPECT_FALSE(ok(make_is_null(null_lit(), false))->nullable());
}

TEST(Comparison, NumericWideningAndExactDecimals) {
  EXPECT_EQ(text(bin("=", lit(1), dbl(1.0))), "TRUE");
  EXPECT_EQ(text(bin("<", lit(1), big(2))), "TRUE");
  EXPECT_EQ(text(bin("=", dec(150, 5, 2), dec(15, 5, 1))), "TRUE");
  EXPECT_EQ(text(bin(">", dec(150, 5, 2), lit(1))), "TRUE");
  EXPECT_EQ(text(bin("<=", dec(100, 18, 2), big(1))), "TRUE");
  EXPECT_EQ(text(bin("<>", lit(1), null_lit())), "NULL");
  EXPECT_EQ(text(bin("=", null_lit(), null_lit())), "NULL");
  EXPECT_EQ(text(bin("!=", lit(1), lit(2))), "TRUE");
}

TEST(Comparison, StringsCompareBytewise) {
  EXPECT_EQ(text(bin("<", str("B"), str("a"))), "TRUE");
  EXPECT_EQ(text(bin("<", str("ab"), str("abc"))), "TRUE");
  EXPECT_EQ(text(bin("<", str("z"), str("é"))), "TRUE");
  EXPECT_EQ(text(bin("=", str(""), str(""))), "TRUE");
}

TEST(Comparison, StringLiteralAgainstTimestampIsCast) {
  EXPECT_EQ(text(bin("<", ts("2024-01-01 10:00:00"), str("2024-01-01 10:00:01"))), "TRUE");
  EXPECT_EQ(text(bin("=", str("2024-01-01"), ts("2024-01-01 00:00:00"))), "TRUE");
  EXPECT_EQ(bind_error(make_binary("<", ts("2024-01-01"), str("soon"))),
            "cannot cast 'soon' to TIMESTAMP(3)");
  EXPECT_EQ(bind_error(make_binary("=", str("1"), lit(1))), "cannot compare STRING with INT");
  EXPECT_NE(bind_error(make_binary("=", boolean(true), lit(1))), "");
}

TEST(ShortCircuit, AndSkipsTheRightSideWhereTheLeftDecides) {
  // x <> 0 AND 10 / x > 1 over x = 0, 5, 20, NULL never divides by zero.
  Schema s;
  s.fields = {{"x", Type::int32()}};
  Batch b = make_batch(s, {{Value::integer(0, Type::int32())},
                           {Value::integer(5, Type::int32())},
                           {Value::integer(20, Type::int32())},
                           {Value::null(Type::int32())}});
  const auto x = [&] { return make_column_ref(0, s.fields[0]); };
  ExprPtr e = bin("AND", bin("<>", x(), lit(0)), bin(">", bin("/", lit(10), x()), lit(1)));
  const auto v = eval_all(*e, b);
  EXPECT_EQ(v[0].to_string(), "FALSE");
  EXPECT_EQ(v[1].to_string(), "TRUE");
  EXPECT_EQ(v[2].to_string(), "FALSE");
  EXPECT_TRUE(v[3].is_null());
  // OR: x = 0 OR 10 / x > 1
  ExprPtr o = bin("OR", bin("=", x(), lit(0)), bin(">", bin("/", lit(10), x()), lit(1)));
  const auto w = eval_all(*o, b);
  EXPECT_EQ(w[0].to_string(), "TRUE");
  EXPECT_EQ(w[1].to_string(), "TRUE");
  EXPECT_EQ(w[2].to_string(), "FALSE");
}

TEST(ShortCircuit, CaseEvaluatesABranchOnlyOnItsRows) {
  Schema s;
  s.fields = {{"x", Type::int32()}, {"t", Type::string()}};
  Batch b = make_batch(s, {{Value::integer(0, Type::int32()), Value::string("12")},
                           {Value::integer(4, Type::int32()), Value::string("abc")}});
  const auto x = [&] { return make_column_ref(0, s.fields[0]); };
  const auto t = [&] { return make_column_ref(1, s.fields[1]); };
  std::vector<std::pair<ExprPtr, ExprPtr>> whens;
  whens.emplace_back(bin("=", x(), lit(0)), ok(make_cast(t(), Type::int32(), false)));
  ExprPtr e = ok(make_case(nullptr, std::move(whens), bin("/", lit(100), x())));
  const auto v = eval_all(*e, b);
  EXPECT_EQ(v[0].to_string(), "12");
  EXPECT_EQ(v[1].to_string(), "25");
}

}  // namespace
}  // namespace eddy
