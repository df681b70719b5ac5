// runtime/text_format: csv quoting, JSON escaping and rendering, and display text identical to
// Value::to_string for every type.
#include <cmath>
#include <limits>

#include "connector_test_util.h"

namespace eddy {
namespace {

std::string csv_field(std::string_view s, char delimiter = ',') {
  std::string out;
  append_csv_field(out, s, delimiter);
  return out;
}

TEST(TextFormat, CsvQuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain text"), "plain text");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csv_field("a,b", ';'), "a,b");
  EXPECT_EQ(csv_field("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(csv_field(""), "");
}

TEST(TextFormat, JsonStringsAreEscaped) {
  std::string out;
  append_json_string(out, std::string_view("q\"b\\n\n\t\x01\x1f\xc3\xa9", 11));
  EXPECT_EQ(out, "\"q\\\"b\\\\n\\n\\t\\u0001\\u001f\xc3\xa9\"");
}

TEST(TextFormat, InvalidUtf8BecomesReplacementCharacters) {
  // Rows from code or CAST may carry bytes that are not UTF-8: no output format passes them on.
  const std::string replacement = "\xef\xbf\xbd";  // U+FFFD
  std::string out;
  append_json_string(out, std::string_view("a\xff"
                                           "b\xc3",
                                           4));
  EXPECT_EQ(out, "\"a" + replacement + "b" + replacement + "\"");
  out.clear();
  append_json_string(out, "\xed\xa0\x80 \xc3\xa9 \xef\xbf\xbd");  // a surrogate; é; U+FFFD
  EXPECT_EQ(out,
            "\"" + replacement + replacement + replacement + " \xc3\xa9 " + replacement + "\"");
  Column strings(Type::string());
  strings.append(Value::string("x\xfey"));
  out.clear();
  append_csv_value(out, strings, 0, ',', '"', "");
  EXPECT_EQ(out, "x" + replacement + "y");
  out.clear();
  append_display_text(out, strings, 0);
  EXPECT_EQ(out, "x" + replacement + "y");
}

Column column_of(Type type, std::vector<Value> values) {
  Column c(type);
  for (const auto& v : values) c.append(v);
  return c;
}

TEST(TextFormat, DisplayTextMatchesValueToString) {
  const Type dec = Type::decimal(12, 3);
  std::vector<Column> columns = {
      column_of(Type::boolean(),
                {Value::boolean(true), Value::boolean(false), Value::null(Type::boolean())}),
      column_of(Type::int64(), {Value::integer(std::numeric_limits<int64_t>::min()),
                                Value::integer(0), Value::integer(42)}),
      column_of(Type::float64(), {Value::float64(0.1), Value::float64(-3), Value::float64(NAN),
                                  Value::float64(INFINITY), Value::float64(1e300)}),
      column_of(dec, {Value::decimal(5, dec), Value::decimal(-5, dec), Value::decimal(-123456, dec),
                      Value::decimal(std::numeric_limits<int64_t>::min(), dec)}),
      column_of(Type::string(),
                {Value::string("x"), Value::string(""), Value::null(Type::string())}),
      column_of(Type::timestamp(),
                {Value::timestamp(0), Value::timestamp(-1), Value::timestamp(1704103200123),
                 Value::timestamp(253402300799999), Value::timestamp(253402300800000),
                 Value::timestamp(-62167219200001)}),
      column_of(Type::interval(), {Value::interval(5000), Value::interval(-90'061'001)}),
  };
  for (const Column& c : columns) {
    for (size_t r = 0; r < c.size(); ++r) {
      std::string out;
      append_display_text(out, c, r);
      EXPECT_EQ(out, c.get(r).to_string()) << c.type.to_string() << " row " << r;
    }
  }
}

TEST(TextFormat, TimestampsMatchFormatTimestamp) {
  for (Timestamp t : {Timestamp(0), Timestamp(-86'400'001), Timestamp(951782400000),
                      Timestamp(4102444800000), Timestamp(1234567890123)}) {
    std::string out;
    append_timestamp(out, t);
    EXPECT_EQ(out, format_timestamp(t));
  }
}

TEST(TextFormat, JsonValues) {
  Column d = column_of(Type::float64(), {Value::float64(2), Value::float64(NAN),
                                         Value::float64(-INFINITY), Value::null(Type::float64())});
  std::vector<std::string> texts;
  for (size_t r = 0; r < d.size(); ++r) {
    std::string out;
    append_json_value(out, d, r);
    texts.push_back(out);
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"2.0", "\"NaN\"", "\"-Infinity\"", "null"}));
  Column t = column_of(Type::timestamp(), {Value::timestamp(1704103200000)});
  std::string out;
  append_json_value(out, t, 0);
  EXPECT_EQ(out, "\"2024-01-01 10:00:00.000\"");
}

TEST(TextFormat, CsvValues) {
  Column s = column_of(Type::string(),
                       {Value::string(""), Value::string("N"), Value::null(Type::string())});
  std::vector<std::string> texts;
  for (size_t r = 0; r < s.size(); ++r) {
    std::string out;
    append_csv_value(out, s, r, ',', '"', "N");
    texts.push_back(out);
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"", "\"N\"", "N"}));
  Column d = column_of(Type::decimal(5, 1), {Value::decimal(15, Type::decimal(5, 1))});
  std::string out;
  append_csv_value(out, d, 0, '.', '"');
  EXPECT_EQ(out, "\"1.5\"");  // a delimiter that collides with the text forces quotes
}

}  // namespace
}  // namespace eddy
