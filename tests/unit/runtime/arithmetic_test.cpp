// Arithmetic typing and evaluation: widening, integer division, overflow and division errors,
// DECIMAL precision rules, temporal arithmetic, ||.
#include "expr_test_util.h"

namespace eddy {
namespace {

using namespace eddy::testing;

TEST(Arithmetic, IntStaysIntAndWidensToBigint) {
  EXPECT_EQ(bin("+", lit(1), lit(2))->type(), Type::int32());
  EXPECT_EQ(bin("+", lit(1), big(2))->type(), Type::int64());
  EXPECT_EQ(bin("*", lit(1), dbl(2))->type(), Type::float64());
  EXPECT_EQ(text(bin("+", lit(40), big(2))), "42");
}

TEST(Arithmetic, IntegerDivisionTruncatesTowardZeroAsFlink) {
  EXPECT_EQ(text(bin("/", lit(7), lit(2))), "3");
  EXPECT_EQ(text(bin("/", lit(-7), lit(2))), "-3");
  EXPECT_EQ(text(bin("/", lit(1), lit(2))), "0");
  EXPECT_EQ(text(bin("%", lit(-7), lit(2))), "-1");
  EXPECT_EQ(text(bin("%", lit(7), lit(-2))), "1");
  EXPECT_EQ(text(bin("/", dbl(1), lit(2))), "0.5");
  EXPECT_EQ(text(fn("MOD", args(lit(10), lit(3)))), "1");
}

TEST(Arithmetic, IntegerOverflowIsARuntimeError) {
  EXPECT_EQ(runtime_error(bin("+", lit(2147483647), lit(1))), "integer overflow");
  EXPECT_EQ(runtime_error(bin("*", lit(65536), lit(65536))), "integer overflow");
  EXPECT_EQ(runtime_error(bin("-", lit(-2147483648), lit(1))), "integer overflow");
  EXPECT_EQ(runtime_error(bin("/", lit(-2147483648), lit(-1))), "integer overflow");
  EXPECT_EQ(runtime_error(bin("+", big(INT64_MAX), big(1))), "integer overflow");
  EXPECT_EQ(runtime_error(bin("/", big(INT64_MIN), big(-1))), "integer overflow");
  EXPECT_EQ(runtime_error(ok(make_unary("-", big(INT64_MIN)))), "integer overflow");
  // The same values in BIGINT do not overflow.
  EXPECT_EQ(text(bin("+", big(2147483647), lit(1))), "2147483648");
}

TEST(Arithmetic, DivisionByZeroIsARuntimeErrorForEveryType) {
  EXPECT_EQ(runtime_error(bin("/", lit(1), lit(0))), "division by zero");
  EXPECT_EQ(runtime_error(bin("%", lit(1), lit(0))), "division by zero");
  EXPECT_EQ(runtime_error(bin("/", dbl(1), dbl(0))), "division by zero");
  EXPECT_EQ(runtime_error(bin("/", dec(100, 5, 2), lit(0))), "division by zero");
  EXPECT_EQ(runtime_error(fn("MOD", args(big(5), big(0)))), "division by zero");
}

TEST(Arithmetic, NullRowsNeitherFailNorProduceValues) {
  // 1 / x over x = {0 as NULL, 2}: the NULL row must not trip the zero check.
  Schema s;
  s.fields = {{"x", Type::int32()}};
  Batch b = make_batch(s, {{Value::null(Type::int32())}, {Value::integer(2, Type::int32())}});
  ExprPtr e = bin("/", lit(10), make_column_ref(0, s.fields[0]));
  const auto v = eval_all(*e, b);
  EXPECT_TRUE(v[0].is_null());
  EXPECT_EQ(v[1].to_string(), "5");
  EXPECT_EQ(text(bin("+", lit(1), null_lit())), "NULL");
  EXPECT_EQ(bin("+", lit(1), null_lit())->type(), Type::int32());
  EXPECT_EQ(text(bin("/", null_lit(), lit(0))), "NULL");
}

TEST(Arithmetic, DecimalResultTypesFollowFlinkCappedAt18) {
  // DECIMAL(5,2) + DECIMAL(5,2) -> DECIMAL(6,2)
  EXPECT_EQ(bin("+", dec(150, 5, 2), dec(225, 5, 2))->type(), Type::decimal(6, 2));
  EXPECT_EQ(text(bin("+", dec(150, 5, 2), dec(225, 5, 2))), "3.75");
  // INT is DECIMAL(10, 0): 1.50 + 2 = 3.50 as DECIMAL(13, 2)
  EXPECT_EQ(bin("+", dec(150, 5, 2), lit(2))->type(), Type::decimal(13, 2));
  EXPECT_EQ(text(bin("+", dec(150, 5, 2), lit(2))), "3.50");
  // multiplication adds scales
  EXPECT_EQ(text(bin("*", dec(150, 5, 2), dec(15, 3, 1))), "2.250");
  // division: scale max(6, s1 + p2 + 1), rounded half-up
  // DECIMAL(5,2) / DECIMAL(10,0) -> scale max(6, 2 + 10 + 1) = 13, precision 3 + 13 = 16
  EXPECT_EQ(bin("/", dec(100, 5, 2), lit(3))->type(), Type::decimal(16, 13));
  EXPECT_EQ(text(bin("/", dec(100, 5, 2), lit(3))), "0.3333333333333");
  EXPECT_EQ(text(bin("/", dec(200, 5, 2), lit(3))), "0.6666666666667");
  // capped at 18 digits: the scale shrinks, but not below 6
  EXPECT_EQ(bin("/", dec(100, 18, 2), dec(300, 18, 2))->type(), Type::decimal(18, 6));
  EXPECT_EQ(text(bin("/", dec(100, 18, 2), dec(300, 18, 2))), "0.333333");
  EXPECT_EQ(text(bin("-", dec(100, 5, 2), dec(1, 5, 3))), "0.999");
  EXPECT_EQ(text(bin("%", dec(1050, 5, 2), lit(3))), "1.50");
  // DOUBLE wins over DECIMAL
  EXPECT_EQ(text(bin("+", dec(150, 5, 2), dbl(0.25))), "1.75");
}

TEST(Arithmetic, DecimalOverflowIsARuntimeError) {
  const int64_t big18 = 999'999'999'999'999'999;  // 18 nines
  const std::string e = runtime_error(bin("*", dec(big18, 18, 0), dec(big18, 18, 0)));
  EXPECT_NE(e.find("overflow"), std::string::npos) << e;
}

TEST(Arithmetic, TimestampPlusMinusInterval) {
  EXPECT_EQ(text(bin("+", ts("2024-02-28 23:00:00"), interval_ms(2 * 3'600'000))),
            "2024-02-29 01:00:00.000");
  EXPECT_EQ(text(bin("-", ts("1970-01-01 00:00:00"), interval_ms(1))), "1969-12-31 23:59:59.999");
  EXPECT_EQ(text(bin("+", interval_ms(5000), ts("2024-01-01 00:00:00"))),
            "2024-01-01 00:00:05.000");
  EXPECT_EQ(bin("+", interval_ms(1), interval_ms(2))->type(), Type::interval());
  EXPECT_EQ(text(bin("*", interval_ms(60'000), lit(3))), "3 min");
  EXPECT_EQ(text(bin("*", lit(2), interval_ms(1000))), "2 s");
  EXPECT_EQ(text(bin("/", interval_ms(60'000), lit(4))), "15 s");
  EXPECT_NE(bind_error(make_binary("-", ts("2024-01-01"), ts("2024-01-01"))), "");
  EXPECT_NE(bind_error(make_binary("+", ts("2024-01-01"), lit(1))), "");
}

TEST(Arithmetic, ConcatNeedsStrings) {
  EXPECT_EQ(text(bin("||", str("ab"), str("cd"))), "abcd");
  EXPECT_EQ(text(bin("||", str("ab"), null_lit())), "NULL");
  const std::string e = bind_error(make_binary("||", str("a"), lit(1)));
  EXPECT_NE(e.find("CAST"), std::string::npos) << e;
}

TEST(Arithmetic, TypeErrorsAreBindErrors) {
  EXPECT_EQ(bind_error(make_binary("+", str("a"), lit(1))),
            "operator + cannot be applied to STRING and INT");
  EXPECT_NE(bind_error(make_binary("*", boolean(true), lit(1))), "");
  EXPECT_NE(bind_error(make_unary("-", str("x"))), "");
}

TEST(Arithmetic, UnaryMinusAndPlus) {
  EXPECT_EQ(text(ok(make_unary("-", lit(5)))), "-5");
  EXPECT_EQ(text(ok(make_unary("-", dbl(1.5)))), "-1.5");
  EXPECT_EQ(text(ok(make_unary("-", dec(150, 5, 2)))), "-1.50");
  EXPECT_EQ(text(ok(make_unary("+", lit(5)))), "5");
  EXPECT_EQ(ok(make_unary("-", ok(make_unary("-", lit(5)))))->to_string(), "-(-5)");
}

}  // namespace
}  // namespace eddy
