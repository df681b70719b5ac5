// validate_connector: connector names and aliases, unknown options with a suggestion, option
// values checked at CREATE STREAM time, and direction (source / sink) checks.
#include "connector_test_util.h"

namespace eddy {
namespace {

using namespace testing_util;

Schema schema() { return make_schema({{"id", Type::int32()}, {"name", Type::string()}}); }

std::string check(std::map<std::string, std::string> options, bool as_sink = false) {
  Status st = validate_connector(make_context(schema(), std::move(options)), as_sink);
  if (st) return "";
  EXPECT_EQ(st.error().kind, Error::Kind::Bind);
  return st.error().message;
}

TEST(Registry, AcceptsValidOptions) {
  EXPECT_EQ(check({{"connector", "file"},
                   {"path", "x.csv"},
                   {"format", "csv"},
                   {"csv.header", "TRUE"},
                   {"csv.field-delimiter", "\\t"},
                   {"csv.ignore-parse-errors", "false"},
                   {"csv.null-literal", ""}}),
            "");
  EXPECT_EQ(check({{"connector", "filesystem"},
                   {"path", "x.jsonl"},
                   {"format", "json"},
                   {"json.ignore-parse-errors", "true"}}),
            "");
  EXPECT_EQ(check({{"connector", "file"},
                   {"path", "x.csv"},
                   {"format", "csv"},
                   {"csv.field-delimiter", "\t"}}),
            "");
  EXPECT_EQ(check({{"connector", "stdin"}}), "");
  EXPECT_EQ(
      check({{"connector", "print"}, {"print-identifier", "x"}, {"standard-error", "false"}}, true),
      "");
  EXPECT_EQ(check({{"connector", "blackhole"}}, true), "");
  EXPECT_EQ(check({{"connector", "file"},
                   {"path", "o.csv"},
                   {"format", "csv"},
                   {"sink.changelog-mode", "all"}},
                  true),
            "");
}

TEST(Registry, UnknownNamesGetSuggestions) {
  EXPECT_EQ(check({{"connector", "fil"}}),
            "stream 's': unknown connector 'fil' (did you mean 'file'?)");
  EXPECT_EQ(check({{"connector", "pulsar"}}), "stream 's': unknown connector 'pulsar'");
  EXPECT_EQ(
      check({{"connector", "file"}, {"path", "x"}, {"format", "csv"}, {"csv.heder", "true"}}),
      "stream 's': unknown option 'csv.heder' for connector 'file' (did you mean 'csv.header'?)");
  EXPECT_EQ(check({{"connector", "print"}, {"print.identifier", "x"}}, true),
            "stream 's': unknown option 'print.identifier' for connector 'print' (did you mean "
            "'print-identifier'?)");
  EXPECT_EQ(check({}),
            "stream 's': missing option 'connector' (one of file, stdin, datagen, nexmark, "
            "embedded, print, blackhole, sqlite, kafka, upsert-kafka)");
}

TEST(Registry, ValuesAreChecked) {
  EXPECT_EQ(check({{"connector", "file"}, {"path", "x"}, {"format", "csv"}, {"csv.header", "yes"}}),
            "stream 's': option 'csv.header' = 'yes': expected 'true' or 'false'");
  EXPECT_EQ(
      check(
          {{"connector", "file"}, {"path", "x"}, {"format", "csv"}, {"csv.field-delimiter", "||"}}),
      "stream 's': option 'csv.field-delimiter' = '||': expected one character");
  EXPECT_EQ(check({{"connector", "file"}, {"path", "x"}, {"format", "cvs"}}),
            "stream 's': option 'format' = 'cvs': expected 'csv', 'json', 'jsonl' or "
            "'debezium-json' (did you mean 'csv'?)");
  EXPECT_EQ(
      check(
          {{"connector", "file"}, {"path", "x"}, {"format", "csv"}, {"csv.quote-character", ","}}),
      "stream 's': 'csv.field-delimiter' and 'csv.quote-character' must differ");
  EXPECT_EQ(
      check({{"connector", "file"}, {"path", "x"}, {"format", "json"}, {"csv.header", "true"}}),
      "stream 's': option 'csv.header' applies only to 'format' = 'csv' (this stream's format "
      "is 'json')");
  EXPECT_EQ(check({{"connector", "file"}, {"format", "csv"}}),
            "stream 's': connector 'file' requires option 'path' (file to read or write)");
  EXPECT_EQ(check({{"connector", "file"}, {"path", "x"}}),
            "stream 's': connector 'file' requires option 'format' (record format: csv, json / "
            "jsonl (one JSON object per line), or debezium-json (Debezium change events))");
  EXPECT_EQ(check({{"connector", "datagen"}, {"number-of-rows", "ten"}}),
            "stream 's': option 'number-of-rows' = 'ten': expected an integer");
}

TEST(Registry, DirectionIsChecked) {
  EXPECT_EQ(check({{"connector", "print"}}),
            "stream 's': connector 'print' cannot be read from (it is a sink)");
  EXPECT_EQ(check({{"connector", "stdin"}}, true),
            "stream 's': connector 'stdin' cannot be written to (it is a source)");
  auto source = open_source(make_context(schema(), {{"connector", "blackhole"}}));
  ASSERT_FALSE(source.is_ok());
  EXPECT_EQ(source.error().message,
            "stream 's': connector 'blackhole' cannot be read from (it is a sink)");
}

// Options are checked before the direction, so a stream's bad option is reported whichever
// direction is asked about (CREATE STREAM tries both).
TEST(Registry, OptionsAreCheckedBeforeTheDirection) {
  for (bool as_sink : {false, true}) {
    EXPECT_EQ(check({{"connector", "blackhole"}, {"path", "x"}}, as_sink),
              "stream 's': unknown option 'path' for connector 'blackhole'")
        << as_sink;
    EXPECT_EQ(check({{"connector", "stdin"}, {"formt", "csv"}}, as_sink),
              "stream 's': unknown option 'formt' for connector 'stdin' (did you mean 'format'?)")
        << as_sink;
  }
  EXPECT_EQ(check({{"connector", "print"}, {"standard-error", "maybe"}}),
            "stream 's': option 'standard-error' = 'maybe': expected 'true' or 'false'");
}

TEST(Registry, OptionLookupFallsBack) {
  ConnectorContext context = make_context(schema(), {{"a", "1"}});
  EXPECT_EQ(context.option("a", "x"), "1");
  EXPECT_EQ(context.option("b", "x"), "x");
}

}  // namespace
}  // namespace eddy
