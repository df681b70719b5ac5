// File sinks (csv, jsonl, changelog mode), the print sink's Flink-style lines and the blackhole.
#include "connector_test_util.h"

namespace eddy {
namespace {

using namespace testing_util;
using ::testing::ElementsAre;

Schema all_types() {
  return make_schema({{"b", Type::boolean()},
                      {"i", Type::int32()},
                      {"d", Type::float64()},
                      {"m", Type::decimal(10, 2)},
                      {"s", Type::string()},
                      {"t", Type::timestamp()}});
}

Batch sample_batch(const Schema& schema) {
  Batch batch = Batch::with_schema(schema);
  auto add = [&](std::vector<Value> values) {
    for (size_t c = 0; c < values.size(); ++c) batch.columns[c].append(values[c]);
    ++batch.rows;
  };
  const Type dec = Type::decimal(10, 2);
  add({Value::boolean(true), Value::integer(1, Type::int32()), Value::float64(1.5),
       Value::decimal(1234, dec), Value::string("alice"), Value::timestamp(1704103200000)});
  add({Value::boolean(false), Value::integer(-2, Type::int32()), Value::float64(2),
       Value::decimal(-5, dec), Value::string("a,b \"q\"\nline"), Value::timestamp(0)});
  add({Value::null(Type::boolean()), Value::null(Type::int32()), Value::null(Type::float64()),
       Value::null(dec), Value::null(Type::string()), Value::null(Type::timestamp())});
  add({Value::boolean(true), Value::integer(0, Type::int32()), Value::float64(-0.25),
       Value::decimal(0, dec), Value::string(""), Value::timestamp(-1)});
  return batch;
}

std::unique_ptr<Sink> open_file_sink_at(const std::string& path, const Schema& schema,
                                        std::map<std::string, std::string> options) {
  options["connector"] = "file";
  options["path"] = path;
  auto sink = open_sink(make_context(schema, options));
  EXPECT_TRUE(sink.is_ok()) << sink.error().message;
  return std::move(sink).value();
}

TEST(FileSink, CsvWithHeaderQuotesOnlyWhenNeeded) {
  const std::string path = temp_path("out.csv");
  {
    auto sink = open_file_sink_at(path, all_types(), {{"format", "csv"}, {"csv.header", "true"}});
    sink->write(sample_batch(all_types()));
    EXPECT_EQ(sink->describe(), "file " + path + " (csv)");
  }
  EXPECT_EQ(read_file(path),
            "b,i,d,m,s,t\n"
            "true,1,1.5,12.34,alice,2024-01-01 10:00:00.000\n"
            "false,-2,2.0,-0.05,\"a,b \"\"q\"\"\nline\",1970-01-01 00:00:00.000\n"
            ",,,,,\n"
            "true,0,-0.25,0.00,\"\",1969-12-31 23:59:59.999\n");
}

TEST(FileSink, CsvRoundTripsThroughTheCsvSource) {
  const std::string path = temp_path("round.csv");
  const Schema schema = all_types();
  const Batch batch = sample_batch(schema);
  for (const char* delimiter : {",", "\\t", ";"}) {
    {
      auto sink = open_file_sink_at(
          path, schema,
          {{"format", "csv"}, {"csv.header", "true"}, {"csv.field-delimiter", delimiter}});
      sink->write(batch);
      sink->write(batch);
    }
    auto source = open_source(make_context(schema, {{"connector", "filesystem"},
                                                    {"path", path},
                                                    {"format", "csv"},
                                                    {"csv.header", "true"},
                                                    {"csv.field-delimiter", delimiter}}));
    ASSERT_TRUE(source.is_ok()) << source.error().message;
    std::vector<std::string> expected;
    for (int k = 0; k < 2; ++k) {
      for (size_t r = 0; r < batch.rows; ++r) expected.push_back(row_text(batch, r));
    }
    EXPECT_EQ(read_all(**source, schema), expected) << delimiter;
  }
}

TEST(FileSink, NullLiteralRoundTrips) {
  const std::string path = temp_path("nulls.csv");
  const Schema schema = make_schema({{"s", Type::string()}, {"i", Type::int32()}});
  Batch batch = Batch::with_schema(schema);
  for (auto [s, i] :
       {std::pair<Value, Value>{Value::string("NULL"), Value::integer(1, Type::int32())},
        {Value::null(Type::string()), Value::null(Type::int32())},
        {Value::string(""), Value::integer(2, Type::int32())}}) {
    batch.columns[0].append(s);
    batch.columns[1].append(i);
    ++batch.rows;
  }
  std::map<std::string, std::string> options{{"format", "csv"}, {"csv.null-literal", "NULL"}};
  open_file_sink_at(path, schema, options)->write(batch);
  EXPECT_EQ(read_file(path), "\"NULL\",1\nNULL,NULL\n,2\n");
  options["connector"] = "file";
  options["path"] = path;
  auto source = open_source(make_context(schema, options));
  ASSERT_TRUE(source.is_ok());
  EXPECT_THAT(read_all(**source, schema), ElementsAre("NULL|1", "NULL|NULL", "|2"));
}

TEST(FileSink, JsonlOneObjectPerLine) {
  const std::string path = temp_path("out.jsonl");
  const Schema schema = all_types();
  open_file_sink_at(path, schema, {{"format", "json"}})->write(sample_batch(schema));
  EXPECT_EQ(
      read_file(path),
      "{\"b\":true,\"i\":1,\"d\":1.5,\"m\":12.34,\"s\":\"alice\",\"t\":\"2024-01-01 "
      "10:00:00.000\"}\n"
      "{\"b\":false,\"i\":-2,\"d\":2.0,\"m\":-0.05,\"s\":\"a,b "
      "\\\"q\\\"\\nline\",\"t\":\"1970-01-01 00:00:00.000\"}\n"
      "{\"b\":null,\"i\":null,\"d\":null,\"m\":null,\"s\":null,\"t\":null}\n"
      "{\"b\":true,\"i\":0,\"d\":-0.25,\"m\":0.00,\"s\":\"\",\"t\":\"1969-12-31 23:59:59.999\"}\n");
  auto source = open_source(
      make_context(schema, {{"connector", "file"}, {"path", path}, {"format", "jsonl"}}));
  ASSERT_TRUE(source.is_ok());
  const Batch batch = sample_batch(schema);
  std::vector<std::string> expected;
  for (size_t r = 0; r < batch.rows; ++r) expected.push_back(row_text(batch, r));
  EXPECT_EQ(read_all(**source, schema), expected);
}

Batch changelog_batch(const Schema& schema) {
  Batch batch = Batch::with_schema(schema);
  const RowKind kinds[] = {RowKind::Insert, RowKind::UpdateBefore, RowKind::UpdateAfter,
                           RowKind::Delete};
  for (int k = 0; k < 4; ++k) {
    batch.columns[0].append(Value::string("u"));
    batch.columns[1].append(Value::integer(k, Type::int64()));
    batch.kinds.push_back(kinds[k]);
    ++batch.rows;
  }
  return batch;
}

TEST(FileSink, AppendOnlyRejectsUpdates) {
  const Schema schema = make_schema({{"uid", Type::string()}, {"cnt", Type::int64()}});
  const std::string path = temp_path("append.csv");
  auto sink = open_file_sink_at(path, schema, {{"format", "csv"}});
  try {
    sink->write(changelog_batch(schema));
    FAIL() << "expected a failure";
  } catch (const Failure& f) {
    EXPECT_EQ(f.error().message,
              "file sink '" + path +
                  "' received an update (-U) but writes inserts only; set 'sink.changelog-mode' = "
                  "'all' to write every change with an op column");
  }
  // The insert before the update is written; nothing after it.
  sink.reset();
  EXPECT_EQ(read_file(path), "u,0\n");
}

TEST(FileSink, ALargeBatchIsWrittenWholeInSlices) {
  // A batch of many rows is rendered a slice at a time and written whenever the buffer passes
  // 1 MB: the file holds every row once, in order, as the cell-by-cell text.
  const Schema schema =
      make_schema({{"n", Type::int64()}, {"s", Type::string()}, {"t", Type::timestamp()}});
  Batch batch = Batch::with_schema(schema);
  std::string expected;
  for (int64_t i = 0; i < 20'000; ++i) {
    batch.columns[0].append_int(i * 7919 - 50'000);
    batch.columns[1].append_string(std::string(40 + size_t(i % 30), char('a' + i % 26)) +
                                   (i % 1000 == 0 ? ",comma" : ""));
    batch.columns[2].append_int(1'704'067'200'000 + i * 86'399);
    ++batch.rows;
    for (size_t c = 0; c < 3; ++c) {
      if (c > 0) expected += ',';
      append_csv_value(expected, batch.columns[c], size_t(i));
    }
    expected += '\n';
  }
  ASSERT_GT(expected.size(), size_t(1) << 20);
  const std::string path = temp_path("large.csv");
  open_file_sink_at(path, schema, {{"format", "csv"}})->write(batch);
  EXPECT_EQ(read_file(path), expected);
}

TEST(FileSink, ChangelogModeWritesAnOpColumn) {
  const Schema schema = make_schema({{"uid", Type::string()}, {"cnt", Type::int64()}});
  const std::string csv = temp_path("changes.csv");
  open_file_sink_at(csv, schema,
                    {{"format", "csv"}, {"csv.header", "true"}, {"sink.changelog-mode", "all"}})
      ->write(changelog_batch(schema));
  EXPECT_EQ(read_file(csv), "op,uid,cnt\n+I,u,0\n-U,u,1\n+U,u,2\n-D,u,3\n");
  const std::string jsonl = temp_path("changes.jsonl");
  open_file_sink_at(jsonl, schema, {{"format", "jsonl"}, {"sink.changelog-mode", "all"}})
      ->write(changelog_batch(schema));
  EXPECT_EQ(read_file(jsonl),
            "{\"op\":\"+I\",\"uid\":\"u\",\"cnt\":0}\n{\"op\":\"-U\",\"uid\":\"u\",\"cnt\":1}\n"
            "{\"op\":\"+U\",\"uid\":\"u\",\"cnt\":2}\n{\"op\":\"-D\",\"uid\":\"u\",\"cnt\":3}\n");
}

TEST(FileSink, TruncatesAnExistingFileAndReportsOpenErrors) {
  const std::string path = write_file("old.csv", "old content that must go\n");
  const Schema schema = make_schema({{"x", Type::int32()}});
  { auto sink = open_file_sink_at(path, schema, {{"format", "csv"}}); }
  EXPECT_EQ(read_file(path), "");
  auto bad = open_sink(make_context(
      schema, {{"connector", "file"}, {"path", "/nonexistent/dir/x.csv"}, {"format", "csv"}}));
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.error().kind, Error::Kind::Io);
  EXPECT_EQ(bad.error().message,
            "cannot open '/nonexistent/dir/x.csv' for writing: No such file or directory");
}

std::string print_output(std::map<std::string, std::string> options, const Batch& batch,
                         const Schema& schema) {
  std::FILE* out = std::tmpfile();
  options["connector"] = "print";
  ConnectorContext context = make_context(schema, options);
  context.print_output = out;
  auto sink = open_sink(context);
  EXPECT_TRUE(sink.is_ok()) << sink.error().message;
  (*sink)->write(batch);
  std::rewind(out);
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, out)) > 0) text.append(buf, n);
  std::fclose(out);
  return text;
}

TEST(PrintSink, PrintsLikeFlink) {
  const Schema schema = all_types();
  EXPECT_EQ(print_output({}, sample_batch(schema), schema),
            "+I[true, 1, 1.5, 12.34, alice, 2024-01-01 10:00:00.000]\n"
            "+I[false, -2, 2.0, -0.05, a,b \"q\"\nline, 1970-01-01 00:00:00.000]\n"
            "+I[null, null, null, null, null, null]\n"
            "+I[true, 0, -0.25, 0.00, , 1969-12-31 23:59:59.999]\n");
  const Schema counts = make_schema({{"uid", Type::string()}, {"cnt", Type::int64()}});
  EXPECT_EQ(print_output({{"print-identifier", "counts"}}, changelog_batch(counts), counts),
            "counts> +I[u, 0]\ncounts> -U[u, 1]\ncounts> +U[u, 2]\ncounts> -D[u, 3]\n");
}

TEST(BlackholeSink, SwallowsEverything) {
  const Schema schema = all_types();
  auto sink = open_sink(make_context(schema, {{"connector", "blackhole"}}));
  ASSERT_TRUE(sink.is_ok());
  (*sink)->write(sample_batch(schema));
  (*sink)->flush();
  EXPECT_EQ((*sink)->describe(), "blackhole");
}

}  // namespace
}  // namespace eddy
