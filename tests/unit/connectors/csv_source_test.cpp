// The csv format of the file source: quoting, line ends, headers, NULLs, every type, errors
// naming file:line, skipping malformed lines, and records crossing read-block boundaries.
#include <random>

#include "connector_test_util.h"
#include "connectors/text_source.h"

namespace eddy {
namespace {

using namespace testing_util;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Schema people() {
  return make_schema({{"id", Type::int32()}, {"name", Type::string()}, {"ts", Type::timestamp()}});
}

std::unique_ptr<Source> open_csv(const std::string& path, const Schema& schema,
                                 TextFormatOptions options = {}) {
  auto source = open_text_file_source(schema, path, options, nullptr);
  EXPECT_TRUE(source.is_ok()) << source.error().message;
  return std::move(source).value();
}

std::vector<std::string> read_csv(const std::string& content, const Schema& schema,
                                  TextFormatOptions options = {}, size_t batch_size = 1024) {
  const std::string path = write_file("in.csv", content);
  auto source = open_csv(path, schema, options);
  return read_all(*source, schema, batch_size);
}

std::string csv_error(const std::string& content, const Schema& schema,
                      TextFormatOptions options = {}) {
  const std::string path = write_file("logins.csv", content);
  auto source = open_csv(path, schema, options);
  std::string message = read_error(*source, schema);
  // Messages name the path as given; tests compare the part after the directory.
  const size_t slash = message.rfind('/', message.find(':'));
  return slash == std::string::npos ? message : message.substr(slash + 1);
}

std::string file_name() { return temp_path("logins.csv").substr(::testing::TempDir().size()); }

TEST(CsvSource, ReadsEveryType) {
  Schema schema = make_schema({{"b", Type::boolean()},
                               {"i", Type::int32()},
                               {"l", Type::int64()},
                               {"d", Type::float64()},
                               {"m", Type::decimal(10, 2)},
                               {"s", Type::string()},
                               {"t", Type::timestamp()}});
  auto rows = read_csv(
      "true,-2147483648,9223372036854775807,1.5,12.34,hello,2024-01-01 10:00:00.123\n"
      "FALSE,2147483647,-9223372036854775808,-2e3,-0.5,x y,2024-01-01T10:00:00Z\n"
      "1, 42 ,0,NaN,7,\t,2024-02-29\n"
      "0,+5,-0,Infinity,+1.005,\"a\",2024-01-01 10:00\n",
      schema);
  EXPECT_THAT(
      rows,
      ElementsAre("TRUE|-2147483648|9223372036854775807|1.5|12.34|hello|2024-01-01 10:00:00.123",
                  "FALSE|2147483647|-9223372036854775808|-2000.0|-0.50|x y|2024-01-01 10:00:00.000",
                  "TRUE|42|0|NaN|7.00|\t|2024-02-29 00:00:00.000",
                  "FALSE|5|0|Infinity|1.01|a|2024-01-01 10:00:00.000"));
}

TEST(CsvSource, TimestampsAndBigintsOfEveryShape) {
  // The decoder reads the written timestamp spelling and BIGINTs on a fast path: the same values
  // as the general readers across day changes and back, before 1970, at the ends of the
  // four-digit years, with 'T', padded with blanks or quoted; and the same errors.
  Schema schema = make_schema({{"t", Type::timestamp()}, {"n", Type::int64()}});
  auto rows = read_csv(
      "2024-01-01 23:59:59.999,9223372036854775807\n"
      "2024-01-02 00:00:00.000,-9223372036854775808\n"
      "2024-01-01 12:00:00.500,-1\n"
      "1969-12-31 23:59:59.999,+5\n"
      "0001-01-01 00:00:00.000, 7 \n"
      "9999-12-31T23:59:59.999,\"12\"\n"
      " 2024-01-01 00:00:00.001 ,0\n"
      "\"2024-01-01 00:00:00.002\",-0\n"
      "2024-01-01 00:00:00.0035,00042\n",
      schema);
  EXPECT_THAT(rows, ElementsAre("2024-01-01 23:59:59.999|9223372036854775807",
                                "2024-01-02 00:00:00.000|-9223372036854775808",
                                "2024-01-01 12:00:00.500|-1", "1969-12-31 23:59:59.999|5",
                                "0001-01-01 00:00:00.000|7", "9999-12-31 23:59:59.999|12",
                                "2024-01-01 00:00:00.001|0", "2024-01-01 00:00:00.002|0",
                                "2024-01-01 00:00:00.003|42"));
  EXPECT_EQ(csv_error("2024-01-01 00:00:00.000,1\n2024-02-30 00:00:00.000,2\n", schema),
            file_name() + ":2: column 't': cannot parse '2024-02-30 00:00:00.000' as TIMESTAMP(3)");
  EXPECT_EQ(csv_error("2024-01-01 00:00:00.000,1\n2024-01-01 24:00:00.000,2\n", schema),
            file_name() + ":2: column 't': cannot parse '2024-01-01 24:00:00.000' as TIMESTAMP(3)");
  EXPECT_EQ(csv_error("2024-01-01 00:00:00.000,9223372036854775808\n", schema),
            file_name() + ":1: column 'n': value '9223372036854775808' is out of range for BIGINT");
  EXPECT_EQ(csv_error("2024-01-01 00:00:00.000,-\n", schema),
            file_name() + ":1: column 'n': cannot parse '-' as BIGINT");
}

TEST(CsvSource, FieldsEndAtTheEndOfTheInputNotInItsPadding) {
  // Fields are searched sixteen bytes at a time, past the input's end into the padding a
  // decoder may read: delimiters and line ends there are not the input's.
  Schema schema = make_schema({{"s", Type::string()}, {"n", Type::int64()}});
  auto decoder = make_csv_decoder(schema, "padded.csv", TextFormatOptions{});
  const std::string text = "abc,12";
  std::string buffer = text + std::string(RecordDecoder::kPadding, ',');
  buffer[text.size() + 1] = '\n';
  Batch batch = Batch::with_schema(schema);
  const char* pos = buffer.data();
  const char* end = buffer.data() + text.size();
  EXPECT_EQ(decoder->decode(pos, end, false, batch), RecordDecoder::Step::NeedMore);
  EXPECT_EQ(batch.rows, 0u);
  ASSERT_EQ(decoder->decode(pos, end, true, batch), RecordDecoder::Step::Row);
  EXPECT_EQ(pos, end);
  ASSERT_EQ(batch.rows, 1u);
  EXPECT_EQ(batch.columns[0].strings[0], "abc");
  EXPECT_EQ(batch.columns[1].ints[0], 12);
}

TEST(CsvSource, QuotingFollowsRfc4180) {
  Schema schema = make_schema({{"a", Type::string()}, {"b", Type::string()}});
  auto rows = read_csv(
      "\"x,y\",\"he said \"\"hi\"\"\"\n"
      "\"multi\nline\",\"\"\"\"\n"
      "plain\"quote,\"\"\n"
      "\"\",last\n",
      schema);
  EXPECT_THAT(rows, ElementsAre("x,y|he said \"hi\"", "multi\nline|\"", "plain\"quote|", "|last"));
}

TEST(CsvSource, CrlfNoTrailingNewlineBomAndBlankLines) {
  auto rows = read_csv(
      "\xEF\xBB\xBF"
      "1,a,2024-01-01\r\n\r\n2,\"b\r\nc\",2024-01-02\r\n\n3,c,2024-01-03",
      people());
  EXPECT_THAT(rows, ElementsAre("1|a|2024-01-01 00:00:00.000", "2|b\r\nc|2024-01-02 00:00:00.000",
                                "3|c|2024-01-03 00:00:00.000"));
  EXPECT_THAT(read_csv("1,a,2024-01-01\r", people()), ElementsAre("1|a|2024-01-01 00:00:00.000"));
  EXPECT_TRUE(read_csv("", people()).empty());
  EXPECT_TRUE(read_csv("\xEF\xBB\xBF", people()).empty());
}

TEST(CsvSource, HeaderIsSkippedAndMatchedByName) {
  TextFormatOptions options;
  options.header = true;
  // Same names: positional.
  EXPECT_THAT(read_csv("id,name,ts\n1,a,2024-01-01\n", people(), options),
              ElementsAre("1|a|2024-01-01 00:00:00.000"));
  // Reordered, other case, an extra column: by name.
  EXPECT_THAT(read_csv("TS,extra,Name,id\n2024-01-01,zzz,a,1\n", people(), options),
              ElementsAre("1|a|2024-01-01 00:00:00.000"));
  // Other names, same count: positional.
  EXPECT_THAT(read_csv("user id,user name,time\n1,a,2024-01-01\n", people(), options),
              ElementsAre("1|a|2024-01-01 00:00:00.000"));
  EXPECT_EQ(csv_error("a,b\n1,2\n", people(), options),
            file_name() +
                ":1: the header has 2 fields and does not name column 'id'; the "
                "stream has 3 columns");
}

TEST(CsvSource, DelimiterAndQuoteCharacter) {
  TextFormatOptions options;
  options.delimiter = '\t';
  options.quote = '\'';
  EXPECT_THAT(read_csv("1\t'a\tb ''q'''\t2024-01-01\n", people(), options),
              ElementsAre("1|a\tb 'q'|2024-01-01 00:00:00.000"));
  options.delimiter = ';';
  options.quote = '"';
  EXPECT_THAT(read_csv("1;a,b;2024-01-01\n", people(), options),
              ElementsAre("1|a,b|2024-01-01 00:00:00.000"));
}

TEST(CsvSource, NullHandling) {
  Schema schema =
      make_schema({{"i", Type::int32()}, {"s", Type::string()}, {"d", Type::float64()}});
  // Unquoted empty: NULL for every type; quoted empty: the empty string.
  EXPECT_THAT(read_csv(",,\n1,\"\",\"\"\n  ,x, \n", schema),
              ElementsAre("NULL|NULL|NULL", "1||NULL", "NULL|x|NULL"));
  TextFormatOptions options;
  options.null_literal = "\\N";
  EXPECT_THAT(read_csv("\\N,\\N,\\N\n,,\n1,\"\\N\",2\n", schema, options),
              ElementsAre("NULL|NULL|NULL", "NULL||NULL", "1|\\N|2.0"));
}

TEST(CsvSource, NotNullColumnRejectsNull) {
  Schema schema = make_schema({{"id", Type::int32(), false}, {"name", Type::string(), false}});
  EXPECT_EQ(csv_error("1,a\n,b\n", schema),
            file_name() + ":2: column 'id': NULL in a NOT NULL column");
  EXPECT_EQ(csv_error("1,a\n2,\n", schema),
            file_name() + ":2: column 'name': NULL in a NOT NULL column");
  EXPECT_THAT(read_csv("1,\"\"\n", schema), ElementsAre("1|"));
}

TEST(CsvSource, ErrorsNameFileLineAndColumn) {
  TextFormatOptions header;
  header.header = true;
  EXPECT_EQ(csv_error("id,name,ts\n1,a,2024-01-01\n2,b,abc\n", people(), header),
            file_name() + ":3: column 'ts': cannot parse 'abc' as TIMESTAMP(3)");
  EXPECT_EQ(csv_error("1,a,2024-01-01\n2,b\n", people()),
            file_name() + ":2: missing value for column 'ts' (expected 3 fields, found 2)");
  EXPECT_EQ(csv_error("1,a,2024-01-01,x\n", people()),
            file_name() + ":1: expected 3 fields, found 4");
  EXPECT_EQ(csv_error("2147483648,a,2024-01-01\n", people()),
            file_name() + ":1: column 'id': value '2147483648' is out of range for INT");
  EXPECT_EQ(csv_error("12x,a,2024-01-01\n", people()),
            file_name() + ":1: column 'id': cannot parse '12x' as INT");
  // Line numbers count the lines inside quoted fields.
  EXPECT_EQ(csv_error("1,\"a\nb\nc\",2024-01-01\n2,b,2024-13-01\n", people()),
            file_name() + ":4: column 'ts': cannot parse '2024-13-01' as TIMESTAMP(3)");
  EXPECT_EQ(csv_error("1,a,2024-01-01\n2,\"open,2024-01-01\n3,c,2024-01-01\n", people()),
            file_name() + ":2: unterminated quoted field");
  EXPECT_EQ(csv_error("1,\"a\"x,2024-01-01\n", people()),
            file_name() + ":1: unexpected 'x' after the closing quote of field 2");
  Schema decimal = make_schema({{"m", Type::decimal(5, 2)}});
  EXPECT_EQ(csv_error("999.995\n", decimal),
            file_name() + ":1: column 'm': value '999.995' is out of range for DECIMAL(5, 2)");
  EXPECT_EQ(csv_error("1e3\n", decimal),
            file_name() + ":1: column 'm': cannot parse '1e3' as DECIMAL(5, 2)");
  Schema boolean = make_schema({{"b", Type::boolean()}});
  EXPECT_EQ(csv_error("yes\n", boolean),
            file_name() + ":1: column 'b': cannot parse 'yes' as BOOLEAN");
}

TEST(CsvSource, LongGarbageIsQuotedShortInMessages) {
  Schema schema = make_schema({{"i", Type::int64()}});
  std::string bad(500, 'z');
  bad[3] = '\x01';
  const std::string message = csv_error(bad + "\n", schema);
  EXPECT_THAT(message, HasSubstr("cannot parse 'zzz?zzz"));
  EXPECT_THAT(message, HasSubstr("...' as BIGINT"));
  EXPECT_LT(message.size(), 200u);
}

TEST(CsvSource, IgnoreParseErrorsSkipsAndCounts) {
  TextFormatOptions options;
  options.ignore_parse_errors = true;
  const std::string path = write_file("in.csv",
                                      "1,a,2024-01-01\nx,b,2024-01-01\n3,c\n4,\"d\"e,2024-01-01\n5,"
                                      "e,2024-01-01\n6,\"f,2024-01-01\n");
  auto source = open_csv(path, people(), options);
  EXPECT_THAT(read_all(*source, people()),
              ElementsAre("1|a|2024-01-01 00:00:00.000", "5|e|2024-01-01 00:00:00.000"));
  EXPECT_EQ(source->skipped(), 4u);
}

TEST(CsvSource, DecimalRoundsHalfUp) {
  Schema schema = make_schema({{"m", Type::decimal(10, 2)}});
  EXPECT_THAT(read_csv("1.005\n-1.005\n1.004\n.5\n0012.3\n99999999.99\n", schema),
              ElementsAre("1.01", "-1.01", "1.00", "0.50", "12.30", "99999999.99"));
  Schema whole = make_schema({{"m", Type::decimal(18, 0)}});
  EXPECT_THAT(read_csv("999999999999999999\n-2.5\n", whole),
              ElementsAre("999999999999999999", "-3"));
}

// A file exercising every way a record can straddle a block: quoted fields with doubled quotes
// and line breaks, CRLF, long fields.
std::string tricky_csv(int records) {
  std::string out;
  for (int i = 0; i < records; ++i) {
    switch (i % 5) {
      case 0:
        out += std::to_string(i) + ",plain" + std::to_string(i) + ",2024-01-01 00:00:0" +
               std::to_string(i % 10) + "\n";
        break;
      case 1:
        out += std::to_string(i) + ",\"quo\"\"ted,\nmulti\",2024-01-02\r\n";
        break;
      case 2:
        out += std::to_string(i) + "," + std::string(37, 'L') + ",2024-01-03T01:02:03.5\n";
        break;
      case 3:
        out += "\"" + std::to_string(i) + "\",\"\",2024-01-04\n\n";
        break;
      case 4:
        out += std::to_string(i) + ",,\n";
        break;
    }
  }
  return out;
}

TEST(CsvSource, RecordsSpanningBlockBoundaries) {
  const std::string content = tricky_csv(200);
  const auto expected = read_csv(content, people());
  ASSERT_EQ(expected.size(), 200u);
  EXPECT_EQ(expected[1], "1|quo\"ted,\nmulti|2024-01-02 00:00:00.000");
  for (size_t block : {8, 9, 10, 13, 31, 64, 100, 1000}) {
    for (size_t batch : {1, 7, 1024}) {
      TextFormatOptions options;
      options.block_size = block;
      EXPECT_EQ(read_csv(content, people(), options, batch), expected)
          << "block " << block << " batch " << batch;
    }
  }
}

TEST(CsvSource, StringsStayValidWhileBatchesAreHeld) {
  // Holding every batch forces fresh blocks; the earlier views must still read right.
  const std::string content = tricky_csv(300);
  const auto expected = read_csv(content, people());
  TextFormatOptions options;
  options.block_size = 16;
  const std::string path = write_file("held.csv", content);
  auto source = open_csv(path, people(), options);
  std::vector<Batch> held;
  for (;;) {
    Batch batch = Batch::with_schema(people());
    SourceStatus st = source->next(batch, 3);
    held.push_back(std::move(batch));
    if (st == SourceStatus::End) break;
  }
  std::vector<std::string> rows;
  for (const Batch& b : held) {
    for (size_t r = 0; r < b.rows; ++r) rows.push_back(row_text(b, r));
  }
  EXPECT_EQ(rows, expected);
}

TEST(CsvSource, AppendsAfterExistingRows) {
  const std::string path = write_file("in.csv", "1,a,2024-01-01\n2,b,2024-01-02\n");
  auto source = open_csv(path, people());
  Batch batch = Batch::with_schema(people());
  ASSERT_EQ(source->next(batch, 1), SourceStatus::Data);
  ASSERT_EQ(source->next(batch, 5), SourceStatus::Data);
  ASSERT_EQ(batch.rows, 2u);
  expect_consistent(batch);
  EXPECT_EQ(row_text(batch, 1), "2|b|2024-01-02 00:00:00.000");
  EXPECT_EQ(source->next(batch, 5), SourceStatus::End);
}

TEST(CsvSource, GarbageNeverCrashes) {
  std::mt19937_64 rng(42);
  Schema schema = make_schema({{"i", Type::int32()},
                               {"s", Type::string()},
                               {"d", Type::decimal(6, 2)},
                               {"t", Type::timestamp()},
                               {"x", Type::float64()}});
  const char alphabet[] = "0123456789,\"\r\n.-e:T abc\x00\xff";
  for (int iteration = 0; iteration < 300; ++iteration) {
    std::string content;
    const size_t size = rng() % 300;
    for (size_t i = 0; i < size; ++i) {
      content += iteration % 3 == 0 ? char(rng() & 0xff) : alphabet[rng() % (sizeof alphabet - 1)];
    }
    for (bool ignore : {false, true}) {
      TextFormatOptions options;
      options.block_size = 1 + rng() % 40;
      options.ignore_parse_errors = ignore;
      options.header = rng() % 4 == 0;
      const std::string path = write_file("fuzz.csv", content);
      auto source = open_csv(path, schema, options);
      try {
        read_all(*source, schema, 1 + rng() % 5);
      } catch (const Failure& f) {
        EXPECT_EQ(f.error().kind, Error::Kind::Data);
        EXPECT_FALSE(ignore) << f.error().message;
      }
    }
  }
}

TEST(CsvSource, MissingFileIsAnIoError) {
  auto source = open_text_file_source(people(), "/nonexistent/x.csv", {}, nullptr);
  ASSERT_FALSE(source.is_ok());
  EXPECT_EQ(source.error().kind, Error::Kind::Io);
  EXPECT_EQ(source.error().message, "cannot open '/nonexistent/x.csv': No such file or directory");
}

TEST(CsvSource, DescribesItself) {
  const std::string path = write_file("in.csv", "");
  EXPECT_EQ(open_csv(path, people())->describe(), "file " + path + " (csv)");
}

}  // namespace
}  // namespace eddy
