// The jsonl format of the file source: keys to columns, every type, NULLs, errors naming
// file:line, skipping malformed lines, records across read-block boundaries.
#include "connector_test_util.h"
#include "connectors/text_source.h"

namespace eddy {
namespace {

using namespace testing_util;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TextFormatOptions jsonl() {
  TextFormatOptions o;
  o.format = TextFormatOptions::Format::Jsonl;
  return o;
}

std::unique_ptr<Source> open_jsonl(const std::string& path, const Schema& schema,
                                   TextFormatOptions options) {
  auto source = open_text_file_source(schema, path, options, nullptr);
  EXPECT_TRUE(source.is_ok()) << source.error().message;
  return std::move(source).value();
}

std::vector<std::string> read_jsonl(const std::string& content, const Schema& schema,
                                    TextFormatOptions options = jsonl(), size_t batch = 1024) {
  auto source = open_jsonl(write_file("in.jsonl", content), schema, options);
  return read_all(*source, schema, batch);
}

// The error message with the temp directory cut off the path.
std::string jsonl_error(const std::string& content, const Schema& schema,
                        TextFormatOptions options = jsonl()) {
  auto source = open_jsonl(write_file("e.jsonl", content), schema, options);
  std::string message = read_error(*source, schema);
  return message.substr(std::min(message.size(), ::testing::TempDir().size()));
}

std::string file_name() { return temp_path("e.jsonl").substr(::testing::TempDir().size()); }

Schema all_types() {
  return make_schema({{"b", Type::boolean()},
                      {"i", Type::int32()},
                      {"l", Type::int64()},
                      {"d", Type::float64()},
                      {"m", Type::decimal(10, 2)},
                      {"s", Type::string()},
                      {"t", Type::timestamp()}});
}

TEST(JsonlSource, ReadsEveryType) {
  auto rows = read_jsonl(
      R"({"b": true, "i": -5, "l": 9223372036854775807, "d": 1.5, "m": 12.345, "s": "x\u00e9\n\"", "t": "2024-01-01 10:00:00.5"})"
      "\n"
      R"({"b": false, "i": "42", "l": "-1", "d": "NaN", "m": "-0.5", "s": 12.50, "t": 1704103200000})"
      "\n"
      R"({"b": "TRUE", "i": null, "s": {"a": [1, 2]}, "t": null, "d": 1e3, "m": 3})"
      "\n",
      all_types());
  EXPECT_THAT(
      rows,
      ElementsAre("TRUE|-5|9223372036854775807|1.5|12.35|x\xC3\xA9\n\"|2024-01-01 10:00:00.500",
                  "FALSE|42|-1|NaN|-0.50|12.50|2024-01-01 10:00:00.000",
                  "TRUE|NULL|NULL|1000.0|3.00|{\"a\": [1, 2]}|NULL"));
}

TEST(JsonlSource, KeysMatchColumnsLikeFlink) {
  Schema schema = make_schema({{"id", Type::int32()}, {"userName", Type::string()}});
  auto rows = read_jsonl(
      "{\"id\": 1, \"username\": \"case-insensitive\", \"other\": [1, {\"x\": 2}]}\n"
      "{\"userName\": \"exact\", \"id\": 2, \"id\": 3}\n"
      "{}\n"
      "  \t\n"
      "{\"USERNAME\": \"b\", \"userName\": \"a\"}\r\n",
      schema);
  EXPECT_THAT(rows, ElementsAre("1|case-insensitive", "3|exact", "NULL|NULL", "NULL|a"));
}

TEST(JsonlSource, ErrorsNameFileLineAndColumn) {
  Schema schema = make_schema({{"id", Type::int32()}, {"ts", Type::timestamp()}});
  EXPECT_EQ(jsonl_error("{\"id\": 1}\n\n{\"id\": \"abc\"}\n", schema),
            file_name() + ":3: column 'id': cannot parse 'abc' as INT");
  EXPECT_EQ(jsonl_error("{\"id\": 3000000000}\n", schema),
            file_name() + ":1: column 'id': value '3000000000' is out of range for INT");
  EXPECT_EQ(jsonl_error("{\"id\": 1.5}\n", schema),
            file_name() + ":1: column 'id': cannot parse '1.5' as INT");
  EXPECT_EQ(jsonl_error("{\"id\": true}\n", schema),
            file_name() + ":1: column 'id': cannot parse 'true' as INT");
  EXPECT_EQ(jsonl_error("{\"id\": [1]}\n", schema),
            file_name() + ":1: column 'id': expected INT, found a JSON array");
  EXPECT_EQ(jsonl_error("{\"ts\": \"yesterday\"}\n", schema),
            file_name() + ":1: column 'ts': cannot parse 'yesterday' as TIMESTAMP(3)");
  EXPECT_EQ(jsonl_error("[1, 2]\n", schema), file_name() + ":1: expected a JSON object");
  EXPECT_THAT(jsonl_error("{\"id\": 1\n", schema),
              StartsWith(file_name() + ":1: malformed JSON: "));
  EXPECT_THAT(jsonl_error("{\"id\": tru}\n", schema),
              StartsWith(file_name() + ":1: malformed JSON"));
  EXPECT_EQ(jsonl_error("{\"id\": 1} {\"id\": 2}\n", schema),
            file_name() + ":1: malformed JSON: unexpected text after the object");
  Schema strict = make_schema({{"id", Type::int32(), false}});
  EXPECT_EQ(jsonl_error("{}\n", strict),
            file_name() + ":1: column 'id': NULL in a NOT NULL column");
  EXPECT_EQ(jsonl_error("{\"id\": null}\n", strict),
            file_name() + ":1: column 'id': NULL in a NOT NULL column");
  TextFormatOptions fail_missing = jsonl();
  fail_missing.fail_on_missing_field = true;
  EXPECT_EQ(jsonl_error("{\"id\": 1}\n", schema, fail_missing),
            file_name() + ":1: column 'ts': missing from the JSON object");
}

TEST(JsonlSource, IgnoreParseErrorsSkipsAndCounts) {
  Schema schema = make_schema({{"id", Type::int32()}, {"s", Type::string()}});
  TextFormatOptions options = jsonl();
  options.ignore_parse_errors = true;
  auto source =
      open_jsonl(write_file("in.jsonl",
                            "{\"id\": 1, \"s\": \"a\"}\n{\"s\": \"half\", \"id\": \"x\"}\n"
                            "not json\n{\"id\": 2, \"s\": \"b\"}\n{\"id\": 3"),
                 schema, options);
  EXPECT_THAT(read_all(*source, schema), ElementsAre("1|a", "2|b"));
  EXPECT_EQ(source->skipped(), 3u);
}

TEST(JsonlSource, RecordsSpanningBlockBoundaries) {
  Schema schema =
      make_schema({{"id", Type::int64()}, {"s", Type::string()}, {"d", Type::float64()}});
  std::string content = "\xEF\xBB\xBF";
  for (int i = 0; i < 100; ++i) {
    content += "{\"id\": " + std::to_string(i) + ", \"s\": \"" + std::string(i % 17, 'q') +
               "\\t\", \"d\": " + std::to_string(i) + ".25}\n";
    if (i % 7 == 0) content += "\n";
  }
  const auto expected = read_jsonl(content, schema);
  ASSERT_EQ(expected.size(), 100u);
  EXPECT_EQ(expected[3], "3|qqq\t|3.25");
  for (size_t block : {8, 13, 50, 64, 1000}) {
    for (size_t batch : {1, 5, 1024}) {
      TextFormatOptions options = jsonl();
      options.block_size = block;
      EXPECT_EQ(read_jsonl(content, schema, options, batch), expected) << block << " " << batch;
    }
  }
}

TEST(JsonlSource, GarbageNeverCrashes) {
  Schema schema =
      make_schema({{"id", Type::int32()}, {"s", Type::string()}, {"m", Type::decimal(4, 1)}});
  uint64_t state = 7;
  auto next = [&state] { return state = state * 6364136223846793005ull + 1442695040888963407ull; };
  const char alphabet[] = "{}[]\":,0123456789.e-truefalsnl \n\\u\xc3\xa9\x00";
  for (int iteration = 0; iteration < 300; ++iteration) {
    std::string content;
    const size_t size = (next() >> 33) % 200;
    for (size_t i = 0; i < size; ++i) {
      content +=
          iteration % 2 ? char(next() >> 56) : alphabet[(next() >> 33) % (sizeof alphabet - 1)];
    }
    TextFormatOptions options = jsonl();
    options.ignore_parse_errors = true;
    options.block_size = 1 + (next() >> 33) % 50;
    auto source = open_jsonl(write_file("fuzz.jsonl", content), schema, options);
    EXPECT_NO_THROW(read_all(*source, schema, 3));
  }
}

}  // namespace
}  // namespace eddy
