// Literals get the type and value their spelling implies; type names map to eddy::Type.
#include <gtest/gtest.h>

#include "parser/parser.h"

namespace eddy {
namespace {

// The value of the literal `SELECT <literal>`.
Value literal(const std::string& text) {
  auto result = parse_script("SELECT " + text);
  if (!result) {
    ADD_FAILURE() << text << ": " << result.error().to_string();
    return Value();
  }
  const auto& expr = *result.value()[0]->as<ast::QueryStatement>().query->selects[0].items[0].expr;
  if (expr.kind != ast::ExprKind::Literal) {
    ADD_FAILURE() << text << " is not a literal";
    return Value();
  }
  EXPECT_EQ(expr.text, text);
  return expr.as<ast::Literal>().value;
}

// The error message for `SELECT <text>`, or "" if it parses.
std::string literal_error(const std::string& text) {
  auto result = parse_script("SELECT " + text);
  if (result) return "";
  EXPECT_EQ(result.error().kind, Error::Kind::Syntax);
  return result.error().message;
}

Type column_type(const std::string& type) {
  auto result = parse_script("CREATE STREAM s (c " + type + ")");
  if (!result) {
    ADD_FAILURE() << type << ": " << result.error().to_string();
    return Type::null();
  }
  return result.value()[0]->as<ast::CreateStream>().columns.at(0).type;
}

TEST(LiteralTest, Integers) {
  EXPECT_EQ(literal("0"), Value::integer(0, Type::int32()));
  EXPECT_EQ(literal("42"), Value::integer(42, Type::int32()));
  EXPECT_EQ(literal("2147483647"), Value::integer(2147483647, Type::int32()));
  EXPECT_EQ(literal("2147483648"), Value::integer(2147483648LL, Type::int64()));
  EXPECT_EQ(literal("9223372036854775807"), Value::integer(9223372036854775807LL, Type::int64()));
  EXPECT_NE(literal_error("9223372036854775808").find("out of range"), std::string::npos);
  EXPECT_NE(literal_error("123456789012345678901234567890").find("out of range"),
            std::string::npos);
}

TEST(LiteralTest, Decimals) {
  EXPECT_EQ(literal("1.50"), Value::decimal(150, Type::decimal(3, 2)));
  EXPECT_EQ(literal("0.5"), Value::decimal(5, Type::decimal(1, 1)));
  EXPECT_EQ(literal(".25"), Value::decimal(25, Type::decimal(2, 2)));
  EXPECT_EQ(literal("0.05"), Value::decimal(5, Type::decimal(2, 2)));
  EXPECT_EQ(literal("12."), Value::decimal(12, Type::decimal(2, 0)));
  EXPECT_EQ(literal("007.5"), Value::decimal(75, Type::decimal(2, 1)));
  EXPECT_EQ(literal("123456789012345.678"),
            Value::decimal(123456789012345678LL, Type::decimal(18, 3)));
  // Too many digits for DECIMAL(18): DOUBLE.
  EXPECT_EQ(literal("1234567890123456789.5"), Value::float64(1234567890123456789.5));
}

TEST(LiteralTest, Doubles) {
  EXPECT_EQ(literal("1e3"), Value::float64(1000.0));
  EXPECT_EQ(literal("1.5E-2"), Value::float64(0.015));
  EXPECT_EQ(literal("2.e+1"), Value::float64(20.0));
  EXPECT_NE(literal_error("1e999").find("out of range"), std::string::npos);
}

TEST(LiteralTest, StringsBooleansNull) {
  EXPECT_EQ(literal("'text'"), Value::string("text"));
  EXPECT_EQ(literal("''"), Value::string(""));
  EXPECT_EQ(literal("'it''s'"), Value::string("it's"));
  EXPECT_EQ(literal("'multi\nline'"), Value::string("multi\nline"));
  EXPECT_EQ(literal("TRUE"), Value::boolean(true));
  EXPECT_EQ(literal("false"), Value::boolean(false));
  Value null = literal("NULL");
  EXPECT_TRUE(null.is_null());
  EXPECT_EQ(null.type().id, TypeId::Null);
}

TEST(LiteralTest, Timestamps) {
  Timestamp expected = 0;
  ASSERT_TRUE(parse_timestamp("2024-01-01 10:00:00", expected));
  EXPECT_EQ(literal("TIMESTAMP '2024-01-01 10:00:00'"), Value::timestamp(expected));
  EXPECT_EQ(literal("timestamp '1970-01-01 00:00:01.500'"), Value::timestamp(1500));
  EXPECT_NE(literal_error("TIMESTAMP 'yesterday'").find("invalid TIMESTAMP literal 'yesterday'"),
            std::string::npos);
  auto result = parse_script("SELECT a,\n   TIMESTAMP '2024-13-45'");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().line, 2);
  EXPECT_EQ(result.error().column, 4);
}

TEST(LiteralTest, DatesAndTimes) {
  EXPECT_EQ(literal("DATE '2024-01-31'"), Value::date(19'753));
  EXPECT_EQ(literal("date '1969-12-31'"), Value::date(-1));
  EXPECT_EQ(literal("TIME '10:20:30'"), Value::time(37'230'000, 0));
  EXPECT_EQ(literal("TIME '10:20:30.1'"), Value::time(37'230'100, 1));
  EXPECT_EQ(literal("TIME '10:20:30.123'"), Value::time(37'230'123, 3));
  EXPECT_EQ(literal("TIME '10:20:30.1239'"), Value::time(37'230'123, 3));
  EXPECT_NE(literal_error("DATE '2024-02-30'").find("invalid DATE literal '2024-02-30'"),
            std::string::npos);
  EXPECT_NE(literal_error("TIME '24:00:00'").find("invalid TIME literal '24:00:00'"),
            std::string::npos);
  auto result = parse_script("SELECT a,\n  DATE '2024-13-01'");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().line, 2);
  EXPECT_EQ(result.error().column, 3);
}

TEST(LiteralTest, Intervals) {
  EXPECT_EQ(literal("INTERVAL '5' SECOND"), Value::interval(5'000));
  EXPECT_EQ(literal("INTERVAL '5' SECONDS"), Value::interval(5'000));
  EXPECT_EQ(literal("INTERVAL '10' MINUTES"), Value::interval(600'000));
  EXPECT_EQ(literal("INTERVAL '1' MINUTE"), Value::interval(60'000));
  EXPECT_EQ(literal("INTERVAL '1' HOUR"), Value::interval(3'600'000));
  EXPECT_EQ(literal("INTERVAL '3' HOURS"), Value::interval(10'800'000));
  EXPECT_EQ(literal("INTERVAL '2' DAY"), Value::interval(172'800'000));
  EXPECT_EQ(literal("INTERVAL '2' DAYS"), Value::interval(172'800'000));
  EXPECT_EQ(literal("INTERVAL '250' MILLISECOND"), Value::interval(250));
  EXPECT_EQ(literal("INTERVAL '250' MILLISECONDS"), Value::interval(250));
  EXPECT_EQ(literal("INTERVAL '1.5' SECOND"), Value::interval(1'500));
  EXPECT_EQ(literal("INTERVAL '-5' SECOND"), Value::interval(-5'000));
  EXPECT_EQ(literal("INTERVAL ' 7 ' second"), Value::interval(7'000));
  EXPECT_EQ(literal("INTERVAL 5 SECOND"), Value::interval(5'000));
  EXPECT_EQ(literal("INTERVAL -5 SECOND"), Value::interval(-5'000));
  EXPECT_EQ(literal("INTERVAL 0.5 MINUTE"), Value::interval(30'000));
  EXPECT_EQ(literal("INTERVAL '10 s'"), Value::interval(10'000));
  EXPECT_EQ(literal("interval '1 hour'"), Value::interval(3'600'000));
  EXPECT_EQ(literal("INTERVAL '3' MONTH"), Value::interval_months(3));
  EXPECT_EQ(literal("INTERVAL '2' YEARS"), Value::interval_months(24));
  EXPECT_EQ(literal("INTERVAL -'1' YEAR"), Value::interval_months(-12));
  EXPECT_NE(literal_error("INTERVAL '1.5' MONTH").find("whole number of months"),
            std::string::npos);

  EXPECT_NE(literal_error("INTERVAL '1.0005' SECOND").find("whole number of milliseconds"),
            std::string::npos);
  EXPECT_NE(literal_error("INTERVAL 'abc' SECOND").find("is not a number"), std::string::npos);
  EXPECT_NE(literal_error("INTERVAL '5'").find("needs a unit"), std::string::npos);
  EXPECT_NE(literal_error("INTERVAL 5").find("needs a unit"), std::string::npos);
  EXPECT_NE(literal_error("INTERVAL '99999999999999999999' DAY").find("out of range"),
            std::string::npos);
}

TEST(LiteralTest, NegativeNumbersAreUnaryMinus) {
  auto result = parse_script("SELECT -5");
  ASSERT_TRUE(result);
  const auto& e = *result.value()[0]->as<ast::QueryStatement>().query->selects[0].items[0].expr;
  ASSERT_EQ(e.kind, ast::ExprKind::Unary);
  EXPECT_EQ(e.as<ast::Unary>().op, "-");
  EXPECT_EQ(e.text, "-5");
}

TEST(TypeTest, TypeNames) {
  EXPECT_EQ(column_type("BOOLEAN"), Type::boolean());
  EXPECT_EQ(column_type("INT"), Type::int32());
  EXPECT_EQ(column_type("integer"), Type::int32());
  EXPECT_EQ(column_type("TINYINT"), Type::int32());
  EXPECT_EQ(column_type("SMALLINT"), Type::int32());
  EXPECT_EQ(column_type("BIGINT"), Type::int64());
  EXPECT_EQ(column_type("DOUBLE"), Type::float64());
  EXPECT_EQ(column_type("DOUBLE PRECISION"), Type::float64());
  EXPECT_EQ(column_type("FLOAT"), Type::float64());
  EXPECT_EQ(column_type("DECIMAL"), Type::decimal(10, 0));
  EXPECT_EQ(column_type("DECIMAL(5)"), Type::decimal(5, 0));
  EXPECT_EQ(column_type("DECIMAL(18, 4)"), Type::decimal(18, 4));
  EXPECT_EQ(column_type("NUMERIC(7,2)"), Type::decimal(7, 2));
  EXPECT_EQ(column_type("STRING"), Type::string());
  EXPECT_EQ(column_type("VARCHAR"), Type::string());
  EXPECT_EQ(column_type("VARCHAR(255)"), Type::string());
  EXPECT_EQ(column_type("CHAR(3)"), Type::string());
  EXPECT_EQ(column_type("TIMESTAMP"), Type::timestamp());
  EXPECT_EQ(column_type("TIMESTAMP(3)"), Type::timestamp());
  EXPECT_EQ(column_type("timestamp(3) NOT NULL"), Type::timestamp());
  EXPECT_EQ(column_type("DATE"), Type::date());
  EXPECT_EQ(column_type("TIME"), Type::time(0));
  EXPECT_EQ(column_type("time(3)"), Type::time(3));
}

TEST(TypeTest, BadTypesAreSyntaxErrorsAtTheirPosition) {
  auto check = [](const std::string& type, int column, const std::string& message) {
    auto result = parse_script("CREATE STREAM s (c " + type + ")");
    ASSERT_FALSE(result) << type;
    EXPECT_EQ(result.error().kind, Error::Kind::Syntax);
    EXPECT_EQ(result.error().line, 1);
    EXPECT_EQ(result.error().column, column) << type;
    EXPECT_NE(result.error().message.find(message), std::string::npos)
        << type << ": " << result.error().message;
  };
  check("DECIMAL(19, 2)", 28, "DECIMAL precision must be between 1 and 18");
  check("DECIMAL(0)", 28, "DECIMAL precision must be between 1 and 18");
  check("DECIMAL(5, 6)", 31, "DECIMAL scale");
  check("TIMESTAMP(6)", 30, "TIMESTAMP precision must be 3");
  check("TIMESTAMP(0)", 30, "TIMESTAMP precision must be 3");
  check("TIME(4)", 25, "TIME precision must be between 0 and 3");
  check("DATE(1)", 25, "type DATE takes no parameters");
  check("INTT", 20, "unknown type 'INTT'; did you mean INT?");
  check("BLOB", 20, "unknown type 'BLOB'");
  check("INT(3)", 24, "type INT takes no parameters");
  check("STRING PRECISION", 27, "PRECISION only follows DOUBLE");
}

TEST(TypeTest, CastTargetTypes) {
  auto result = parse_script("SELECT CAST(a AS DECIMAL(40, 2))");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().column, 26);
  EXPECT_NE(result.error().message.find("DECIMAL precision must be between 1 and 18"),
            std::string::npos);
}

}  // namespace
}  // namespace eddy
