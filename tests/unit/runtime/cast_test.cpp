// CAST and TRY_CAST: conversions, rounding choices and error messages.
#include "expr_test_util.h"

namespace eddy {
namespace {

using namespace eddy::testing;

std::string cast_text(ExprPtr e, Type t) { return text(ok(make_cast(std::move(e), t, false))); }
std::string try_text(ExprPtr e, Type t) { return text(ok(make_cast(std::move(e), t, true))); }
std::string cast_error(ExprPtr e, Type t) {
  return runtime_error(ok(make_cast(std::move(e), t, false)));
}

TEST(Cast, StringToNumbersAndBack) {
  EXPECT_EQ(cast_text(str("42"), Type::int32()), "42");
  EXPECT_EQ(cast_text(str(" -7 "), Type::int64()), "-7");
  EXPECT_EQ(cast_text(str("1.5"), Type::float64()), "1.5");
  EXPECT_EQ(cast_text(str("1e3"), Type::float64()), "1000.0");
  EXPECT_EQ(cast_text(str("12.345"), Type::decimal(10, 2)), "12.35");
  EXPECT_EQ(cast_text(str("-12.345"), Type::decimal(10, 2)), "-12.35");
  EXPECT_EQ(cast_text(str("NaN"), Type::float64()), "NaN");
  EXPECT_EQ(cast_text(lit(42), Type::string()), "42");
  EXPECT_EQ(cast_text(dbl(0.1), Type::string()), "0.1");
  EXPECT_EQ(cast_text(dbl(3), Type::string()), "3.0");
  EXPECT_EQ(cast_text(dec(-5, 5, 2), Type::string()), "-0.05");
  EXPECT_EQ(cast_text(boolean(true), Type::string()), "TRUE");
  EXPECT_EQ(cast_text(ts("2024-03-01 12:00:00.5"), Type::string()), "2024-03-01 12:00:00.500");
}

TEST(Cast, BadTextFailsWithTheValueInTheMessage) {
  EXPECT_EQ(cast_error(str("abc"), Type::int32()), "cannot cast 'abc' to INT");
  EXPECT_EQ(cast_error(str("1.5"), Type::int32()), "cannot cast '1.5' to INT");
  EXPECT_EQ(cast_error(str("3000000000"), Type::int32()), "cannot cast '3000000000' to INT");
  EXPECT_EQ(cast_error(str("x"), Type::float64()), "cannot cast 'x' to DOUBLE");
  EXPECT_EQ(cast_error(str("2024-13-01"), Type::timestamp()),
            "cannot cast '2024-13-01' to TIMESTAMP(3)");
  EXPECT_EQ(cast_error(str("maybe"), Type::boolean()), "cannot cast 'maybe' to BOOLEAN");
  EXPECT_EQ(cast_error(str("123.4"), Type::decimal(3, 1)), "cannot cast '123.4' to DECIMAL(3, 1)");
  EXPECT_EQ(cast_error(big(3'000'000'000), Type::int32()), "cannot cast 3000000000 to INT");
  EXPECT_EQ(cast_error(dbl(1e10), Type::int32()), "cannot cast 10000000000.0 to INT");
}

TEST(Cast, TryCastGivesNullInsteadOfAnError) {
  EXPECT_EQ(try_text(str("abc"), Type::int32()), "NULL");
  EXPECT_EQ(try_text(str("12"), Type::int32()), "12");
  EXPECT_EQ(try_text(big(3'000'000'000), Type::int32()), "NULL");
  EXPECT_EQ(try_text(str("nope"), Type::timestamp()), "NULL");
  EXPECT_TRUE(ok(make_cast(str("1"), Type::int32(), true))->nullable());
}

TEST(Cast, NumericNarrowingTruncatesAndDecimalRoundsHalfUp) {
  EXPECT_EQ(cast_text(dbl(2.9), Type::int32()), "2");
  EXPECT_EQ(cast_text(dbl(-2.9), Type::int32()), "-2");
  EXPECT_EQ(cast_text(dec(-299, 5, 2), Type::int64()), "-2");
  EXPECT_EQ(cast_text(dec(125, 5, 2), Type::decimal(5, 1)), "1.3");
  EXPECT_EQ(cast_text(dec(-125, 5, 2), Type::decimal(5, 1)), "-1.3");
  EXPECT_EQ(cast_text(dec(124, 5, 2), Type::decimal(5, 1)), "1.2");
  EXPECT_EQ(cast_text(dbl(0.125), Type::decimal(5, 2)), "0.13");
  EXPECT_EQ(cast_text(dbl(2.675), Type::decimal(5, 2)),
            "2.68");  // shortest text, as BigDecimal.valueOf
  EXPECT_EQ(cast_text(lit(7), Type::decimal(5, 2)), "7.00");
  EXPECT_EQ(cast_text(dec(750, 5, 2), Type::float64()), "7.5");
  EXPECT_EQ(cast_error(lit(1000), Type::decimal(5, 2)), "cannot cast 1000 to DECIMAL(5, 2)");
  EXPECT_EQ(cast_error(dbl(std::nan("")), Type::int64()), "cannot cast NaN to BIGINT");
}

TEST(Cast, BooleansAndNumbers) {
  EXPECT_EQ(cast_text(str("true"), Type::boolean()), "TRUE");
  EXPECT_EQ(cast_text(str("F"), Type::boolean()), "FALSE");
  EXPECT_EQ(cast_text(str("yes"), Type::boolean()), "TRUE");
  EXPECT_EQ(cast_text(lit(0), Type::boolean()), "FALSE");
  EXPECT_EQ(cast_text(dbl(0.5), Type::boolean()), "TRUE");
  EXPECT_EQ(cast_text(boolean(true), Type::int32()), "1");
}

TEST(Cast, TimestampIsEpochMillisAsBigint) {
  EXPECT_EQ(cast_text(ts("1970-01-01 00:00:01"), Type::int64()), "1000");
  EXPECT_EQ(cast_text(ts("1969-12-31 23:59:59"), Type::int64()), "-1000");
  EXPECT_EQ(cast_text(big(86'400'000), Type::timestamp()), "1970-01-02 00:00:00.000");
  EXPECT_EQ(cast_text(str("2024-01-02T03:04:05Z"), Type::timestamp()), "2024-01-02 03:04:05.000");
  EXPECT_EQ(cast_text(interval_ms(5000), Type::string()), "5 s");
  EXPECT_EQ(cast_text(interval_ms(5000), Type::int64()), "5000");
}

TEST(Cast, ImpossibleCastsAreBindErrors) {
  EXPECT_EQ(bind_error(make_cast(boolean(true), Type::timestamp(), false)),
            "cannot cast BOOLEAN to TIMESTAMP(3)");
  EXPECT_NE(bind_error(make_cast(ts("2024-01-01"), Type::float64(), false)), "");
  EXPECT_NE(bind_error(make_cast(lit(1), Type::decimal(30, 2), false)), "");
}

TEST(Cast, NullCastsToAnything) {
  EXPECT_EQ(cast_text(null_lit(), Type::int32()), "NULL");
  EXPECT_EQ(ok(make_cast(null_lit(), Type::string(), false))->type(), Type::string());
}

TEST(Cast, PrintsAsSql) {
  EXPECT_EQ(ok(make_cast(str("1"), Type::int32(), false))->to_string(), "CAST('1' AS INT)");
  EXPECT_EQ(ok(make_cast(str("1"), Type::decimal(10, 2), true))->to_string(),
            "TRY_CAST('1' AS DECIMAL(10, 2))");
}

}  // namespace
}  // namespace eddy
