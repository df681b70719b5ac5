// Checkpoint hooks of the connectors: a file or datagen source continued from position() in a
// fresh source (as a resumed process opens it) yields exactly the rows, row kinds, skipped counts
// and error lines of an uninterrupted read; the file sink rolled back to a commit() and written
// again ends byte-identical to an uninterrupted run.
#include <fcntl.h>
#include <unistd.h>

#include "connector_test_util.h"
#include "connectors/text_source.h"

namespace eddy {
namespace {

using namespace testing_util;
using ::testing::HasSubstr;

// What a source gave: each row as "kind a|b|c", the first error's message, whether it ended.
struct Read {
  std::vector<std::string> rows;
  std::string error;
  bool ended = false;
};

// Reads until `limit` rows (a debezium update may bring one more: records are never split), the
// end, or an error. Asks for at most `batch_size` rows per call. `debezium`: check that no batch
// ends between an update's -U and +U (one record), where a position cannot be.
void read_into(Source& source, const Schema& schema, size_t batch_size, Read& read,
               size_t limit = SIZE_MAX, bool debezium = false) {
  int idle = 0;
  while (read.rows.size() < limit && !read.ended) {
    Batch batch = Batch::with_schema(schema);
    SourceStatus st;
    try {
      st = source.next(batch, std::min(batch_size, limit - read.rows.size()));
    } catch (const Failure& f) {
      read.error = f.error().message;
      return;
    }
    expect_consistent(batch);
    for (size_t r = 0; r < batch.rows; ++r) {
      read.rows.push_back(std::string(row_kind_symbol(batch.kind(r))) + " " + row_text(batch, r));
    }
    if (debezium && batch.rows > 0) {
      EXPECT_NE(batch.kind(batch.rows - 1), RowKind::UpdateBefore);
    }
    if (st == SourceStatus::End) read.ended = true;
    if (st == SourceStatus::Idle && ++idle > 1000) {
      ADD_FAILURE() << "source stayed idle";
      return;
    }
  }
}

std::unique_ptr<Source> open_file(const Schema& schema, const std::string& path,
                                  const TextFormatOptions& options) {
  auto source = open_text_file_source(schema, path, options, nullptr);
  EXPECT_TRUE(source.is_ok()) << source.error().message;
  return std::move(source).value();
}

// For several batch sizes and split points k: read k rows, take the position, open the file
// again, seek, read k + 3 more (a second resume, from a source that was itself resumed), then the
// rest. The pieces together must be the uninterrupted read: rows, kinds, error, skipped count.
void expect_resumable(const Schema& schema, const std::string& content, TextFormatOptions options) {
  const std::string path = write_file("in", content);
  const bool debezium = options.format == TextFormatOptions::Format::DebeziumJson;
  for (size_t block_size : {size_t(8), size_t(29), size_t(4) << 20}) {
    options.block_size = block_size;
    Read whole;
    auto straight = open_file(schema, path, options);
    read_into(*straight, schema, 1000, whole);
    ASSERT_FALSE(whole.rows.empty());
    for (size_t batch_size : {size_t(1), size_t(2), size_t(5), size_t(1000)}) {
      for (size_t k = 0; k <= whole.rows.size() + 1; ++k) {
        SCOPED_TRACE(fmt::format("block {} batch {} k {}", block_size, batch_size, k));
        Read read;
        auto first = open_file(schema, path, options);
        // k past the rows: read to the end (or the error), then take the position.
        read_into(*first, schema, batch_size, read, k > whole.rows.size() ? SIZE_MAX : k, debezium);
        if (!read.error.empty()) {
          // Only when k reaches past the good rows, and then it is the uninterrupted error.
          EXPECT_EQ(read.rows, whole.rows);
          EXPECT_EQ(read.error, whole.error);
          continue;
        }
        std::optional<SourcePosition> at = first->position();
        ASSERT_TRUE(at.has_value());
        EXPECT_EQ(first->position()->offset, at->offset);  // taking it changes nothing
        for (size_t more : {size_t(3), SIZE_MAX}) {
          auto next = open_file(schema, path, options);
          Status sought = next->seek(*at);
          ASSERT_TRUE(sought) << sought.error().message;
          read_into(*next, schema, batch_size, read,
                    more == SIZE_MAX ? SIZE_MAX : read.rows.size() + more, debezium);
          if (more == SIZE_MAX || !read.error.empty() || read.ended) {
            EXPECT_EQ(next->skipped(), straight->skipped());
            break;
          }
          at = next->position();
          ASSERT_TRUE(at.has_value());
        }
        EXPECT_EQ(read.rows, whole.rows);
        EXPECT_EQ(read.error, whole.error);
      }
    }
  }
}

Schema people() {
  return make_schema({{"id", Type::int32()}, {"name", Type::string()}, {"ts", Type::timestamp()}});
}

TEST(SourceResume, CsvWithHeaderQuotedNewlinesAndALateError) {
  TextFormatOptions options;
  options.header = true;
  // A BOM, a header naming the columns in another order (and an extra one), CRLF, blank lines,
  // a quoted field spanning lines (so record and line numbers differ), an error on line 12.
  expect_resumable(people(),
                   "\xEF\xBB\xBFname,extra,ts,id\r\n"
                   "alice,x,2024-01-01 10:00:00,1\r\n"
                   "\n"
                   "\"bob\nsmith\",y,2024-01-01 10:00:01,2\n"
                   "carol,z,2024-01-01 10:00:02,3\n"
                   "\"d,\"\"q\"\"\",,2024-01-01 10:00:03,4\n"
                   "\n"
                   "eve,,2024-01-01 10:00:04,5\n"
                   "frank,,2024-01-01 10:00:05,6\n"
                   "gina,,2024-01-01 10:00:06,7\n"
                   "hank,,2024-01-01 10:00:07,eight\n"
                   "ivan,,2024-01-01 10:00:08,9\n",
                   options);
}

TEST(SourceResume, CsvSkippingMalformedLinesKeepsTheCount) {
  TextFormatOptions options;
  options.header = true;
  options.ignore_parse_errors = true;
  expect_resumable(people(),
                   "id,name,ts\n"
                   "x,bad,2024-01-01\n"
                   "1,a,2024-01-01 10:00:00\n"
                   "2,b,2024-01-01 10:00:01\n"
                   "3,too,many,fields\n"
                   "4,d,2024-01-01 10:00:03\n"
                   "5,\"unterminated\n",
                   options);
}

TEST(SourceResume, CsvHeaderStillToComeAfterBlankLines) {
  TextFormatOptions options;
  options.header = true;
  expect_resumable(people(), "\n\nid,name,ts\n1,a,2024-01-01\n2,b,2024-01-02", options);
}

TEST(SourceResume, CsvChangelog) {
  TextFormatOptions options;
  options.changelog = true;
  expect_resumable(people(),
                   "+I,1,a,2024-01-01\n-U,1,a,2024-01-01\n+U,1,b,2024-01-01\n-D,1,b,2024-01-01\n"
                   "+I,2,c,2024-01-02\n",
                   options);
}

TEST(SourceResume, Jsonl) {
  TextFormatOptions options;
  options.format = TextFormatOptions::Format::Jsonl;
  expect_resumable(people(),
                   "{\"id\": 1, \"name\": \"alice\", \"ts\": \"2024-01-01 10:00:00\"}\n"
                   "\n"
                   "{\"name\": \"b\\nb\", \"id\": 2}\n"
                   "  {\"id\": 3, \"name\": \"a long name to cross the blocks\"}  \n"
                   "{\"id\": 4}\n"
                   "{\"id\": \"five\"}\n"
                   "{\"id\": 6}\n",
                   options);
  options.ignore_parse_errors = true;
  expect_resumable(people(), "{\"id\": 1}\nnot json\n{\"id\": 2}\n[3]\n{\"id\": 4}", options);
}

TEST(SourceResume, DebeziumNeverSplitsAnUpdate) {
  TextFormatOptions options;
  options.format = TextFormatOptions::Format::DebeziumJson;
  const std::string events =
      "{\"before\": null, \"after\": {\"id\": 1, \"name\": \"a\"}, \"op\": \"c\"}\n"
      "{\"before\": {\"id\": 1, \"name\": \"a\"}, \"after\": {\"id\": 1, \"name\": \"b\"}, "
      "\"op\": \"u\"}\n"
      "{\"before\": null, \"after\": {\"id\": 2, \"name\": \"c\"}, \"op\": \"r\"}\n"
      "{\"before\": {\"id\": 2, \"name\": \"c\"}, \"after\": {\"id\": 2, \"name\": \"d\"}, "
      "\"op\": \"u\"}\n"
      "{\"before\": {\"id\": 1, \"name\": \"b\"}, \"after\": null, \"op\": \"d\"}\n";
  expect_resumable(people(), events + "{\"before\": null, \"after\": null, \"op\": \"u\"}\n",
                   options);
  options.ignore_parse_errors = true;
  expect_resumable(people(), events + "{\"op\": \"x\"}\n" + events, options);
}

TEST(SourceResume, ErrorLinesCountFromTheCheckpointedLine) {
  const std::string path = write_file("logins.csv", "1,a,2024-01-01\n2,b,2024-01-02\n3,c,oops\n");
  auto first = open_file(people(), path, {});
  Read read;
  read_into(*first, people(), 10, read, 1);
  auto next = open_file(people(), path, {});
  ASSERT_TRUE(next->seek(*first->position()));
  read_into(*next, people(), 10, read);
  EXPECT_EQ(read.rows.size(), 2u);
  EXPECT_EQ(read.error, path + ":3: column 'ts': cannot parse 'oops' as TIMESTAMP(3)");
}

TEST(SourceResume, APositionBeforeAPendingErrorMeetsItAgain) {
  // next() hands over the good rows before a malformed record and raises the error on the next
  // call: a position taken in between lies before the malformed record, not past it.
  const std::string path =
      write_file("logins.csv", "1,a,2024-01-01\n2,b,2024-01-02\n3,c,oops\n4,d,\n");
  auto first = open_file(people(), path, {});
  Batch batch = Batch::with_schema(people());
  ASSERT_EQ(first->next(batch, 100), SourceStatus::Data);
  ASSERT_EQ(batch.rows, 2u);
  const SourcePosition at = *first->position();
  EXPECT_EQ(at.offset, 30u);
  EXPECT_EQ(at.line, 3u);
  Read rest;
  read_into(*first, people(), 100, rest);
  EXPECT_THAT(rest.error, HasSubstr(":3: column 'ts'"));
  auto next = open_file(people(), path, {});
  ASSERT_TRUE(next->seek(at));
  Read read;
  read_into(*next, people(), 100, read);
  EXPECT_TRUE(read.rows.empty());
  EXPECT_EQ(read.error, rest.error);
}

TEST(SourceResume, AFileShorterThanTheOffsetIsAnError) {
  const std::string path = write_file("logins.csv", "1,a,2024-01-01\n2,b,2024-01-02\n");
  SourcePosition at;
  {
    auto first = open_file(people(), path, {});
    Read read;
    read_into(*first, people(), 10, read);
    at = *first->position();
    EXPECT_EQ(at.offset, 30u);
    EXPECT_EQ(at.line, 3u);
  }
  write_file("logins.csv", "1,a\n");
  auto next = open_file(people(), path, {});
  Status sought = next->seek(at);
  ASSERT_FALSE(sought);
  EXPECT_EQ(sought.error().message,
            path + " is shorter (4 bytes) than the checkpointed offset 30; was it replaced?");
  // As long as before, but other bytes before the offset: another file.
  write_file("logins.csv", "1,a,2024-01-01\n2,b,2024-01-03\n3,c,2024-01-03\n");
  auto replaced = open_file(people(), path, {});
  EXPECT_EQ(replaced->seek(at).error().message,
            path +
                " differs from the file read before the checkpointed offset 30; was it "
                "replaced?");
  // Grown by appending: the resumed source reads the new rows.
  write_file("logins.csv", "1,a,2024-01-01\n2,b,2024-01-02\n3,c,2024-01-03\n");
  auto grown = open_file(people(), path, {});
  ASSERT_TRUE(grown->seek(at));
  EXPECT_EQ(read_all(*grown, people()), std::vector<std::string>{"3|c|2024-01-03 00:00:00.000"});
  // A position from another format or a damaged checkpoint is refused, not guessed at.
  at.state = "??";
  EXPECT_THAT(next->seek(at).error().message, HasSubstr("checkpointed position is malformed"));
}

TEST(SourceResume, StdinHasNoPosition) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ::close(fds[1]);
  auto source = make_text_source(people(), fds[0], true, "<stdin>", "stdin (csv)", {}, nullptr);
  EXPECT_FALSE(source->position().has_value());
  EXPECT_EQ(source->seek(SourcePosition{}).error().message,
            "stdin (csv) cannot resume from a checkpoint");
  // A regular file behind stdin is still stdin: a new process cannot be sure to see it again.
  const std::string path = write_file("in.csv", "1,a,2024-01-01\n");
  auto redirected = make_text_source(people(), ::open(path.c_str(), O_RDONLY), true, "<stdin>",
                                     "stdin (csv)", {}, nullptr);
  EXPECT_FALSE(redirected->position().has_value());
}

// --- datagen

std::unique_ptr<Source> open_datagen(const Schema& schema,
                                     std::map<std::string, std::string> options,
                                     const Clock* clock) {
  options["connector"] = "datagen";
  auto source = open_source(make_context(schema, options, clock));
  EXPECT_TRUE(source.is_ok()) << source.error().message;
  return std::move(source).value();
}

TEST(SourceResume, DatagenContinuesByteIdentically) {
  ManualClock clock(1'700'000'000'000);
  const Schema schema = make_schema({{"id", Type::int64()},
                                     {"label", Type::string()},
                                     {"word", Type::string()},
                                     {"price", Type::decimal(8, 2)},
                                     {"score", Type::float64()},
                                     {"step", Type::float64()},
                                     {"ok", Type::boolean()},
                                     {"n", Type::int32()},
                                     {"gap", Type::interval()},
                                     {"ts", Type::timestamp()},
                                     {"seq_ts", Type::timestamp()},
                                     {"day", Type::date()},
                                     {"at", Type::time()}});
  const std::map<std::string, std::string> options{
      {"rows-per-second", "0"},
      {"number-of-rows", "60"},
      {"seed", "7"},
      {"fields.id.kind", "sequence"},
      {"fields.id.start", "100"},
      {"fields.label.kind", "sequence"},
      {"fields.label.start", "5"},
      {"fields.label.step", "3"},
      {"fields.word.length", "4"},
      {"fields.word.null-rate", "0.3"},
      {"fields.score.min", "-1"},
      {"fields.score.max", "1"},
      {"fields.step.kind", "sequence"},
      {"fields.step.start", "0.5"},
      {"fields.step.step", "0.25"},
      {"fields.n.min", "0"},
      {"fields.n.max", "9"},
      {"fields.n.null-rate", "0.5"},
      {"fields.ts.max-past", "1 h"},
      {"fields.seq_ts.kind", "sequence"},
      {"fields.seq_ts.start", "2024-01-01 00:00:00"},
      {"fields.seq_ts.step", "1 min"},
      {"fields.day.max-past", "30 d"},
      {"fields.at.max-past", "1 d"},
  };
  Read whole;
  read_into(*open_datagen(schema, options, &clock), schema, 1000, whole);
  ASSERT_EQ(whole.rows.size(), 60u);
  ASSERT_TRUE(whole.ended);
  for (size_t k : {size_t(0), size_t(1), size_t(17), size_t(59), size_t(60)}) {
    SCOPED_TRACE(k);
    Read read;
    auto first = open_datagen(schema, options, &clock);
    read_into(*first, schema, 7, read, k);
    ASSERT_EQ(read.rows.size(), k);
    const SourcePosition at = *first->position();
    EXPECT_EQ(at.offset, k);
    auto next = open_datagen(schema, options, &clock);
    ASSERT_TRUE(next->seek(at));
    read_into(*next, schema, 7, read);
    EXPECT_EQ(read.rows, whole.rows);
    EXPECT_TRUE(read.ended);
  }
  // A position past the rows a source makes, or from another schema, is refused.
  SourcePosition past = *open_datagen(schema, options, &clock)->position();
  past.offset = 61;
  EXPECT_EQ(open_datagen(schema, options, &clock)->seek(past).error().message,
            "stream 's': the checkpointed position (row 61) is past its 60 rows");
  const Schema narrow = make_schema({{"id", Type::int64()}});
  EXPECT_EQ(open_datagen(narrow, {{"rows-per-second", "0"}}, &clock)
                ->seek(*open_datagen(schema, options, &clock)->position())
                .error()
                .message,
            "stream 's': the checkpointed position is malformed");
}

TEST(SourceResume, DatagenPacesFromTheResume) {
  ManualClock clock(10'000);
  const Schema schema = make_schema({{"id", Type::int64()}});
  const std::map<std::string, std::string> options{
      {"rows-per-second", "10"}, {"fields.id.kind", "sequence"}, {"fields.id.start", "0"}};
  auto take = [&](Source& source, size_t max_rows) {
    Batch b = Batch::with_schema(schema);
    SourceStatus st = source.next(b, max_rows);
    std::vector<std::string> rows;
    for (size_t r = 0; r < b.rows; ++r) rows.push_back(row_text(b, r));
    return std::make_pair(st, rows);
  };
  auto first = open_datagen(schema, options, &clock);
  EXPECT_EQ(take(*first, 100).second, std::vector<std::string>{"0"});  // due at once
  clock.advance(1000);  // ten more due (1..10), three taken
  EXPECT_EQ(take(*first, 3).second, (std::vector<std::string>{"1", "2", "3"}));
  const SourcePosition at = *first->position();

  // Resumed much later: the next row is due at once, then one per 100 ms, with no burst for the
  // time the query was down.
  clock.advance(3'600'000);
  auto next = open_datagen(schema, options, &clock);
  ASSERT_TRUE(next->seek(at));
  EXPECT_EQ(take(*next, 100), std::make_pair(SourceStatus::Data, std::vector<std::string>{"4"}));
  EXPECT_EQ(take(*next, 100).first, SourceStatus::Idle);
  clock.advance(250);
  EXPECT_EQ(take(*next, 100).second, (std::vector<std::string>{"5", "6"}));
}

// --- file sink

Schema sink_schema() { return make_schema({{"id", Type::int32()}, {"name", Type::string()}}); }

Batch rows_batch(int from, int to, bool updates = false) {
  Batch batch = Batch::with_schema(sink_schema());
  for (int i = from; i < to; ++i) {
    batch.columns[0].append(Value::integer(i, Type::int32()));
    batch.columns[1].append(Value::string(fmt::format("name \"{}\", with a comma", i)));
    if (updates) batch.kinds.push_back(i % 2 ? RowKind::UpdateAfter : RowKind::UpdateBefore);
    ++batch.rows;
  }
  return batch;
}

std::unique_ptr<Sink> open_file_sink_at(const std::string& path,
                                        std::map<std::string, std::string> options, bool resume) {
  options["connector"] = "file";
  options["path"] = path;
  ConnectorContext context = make_context(sink_schema(), options);
  context.resume = resume;
  auto sink = open_sink(context);
  EXPECT_TRUE(sink.is_ok()) << sink.error().message;
  return std::move(sink).value();
}

TEST(SinkResume, FileSinkRollsBackToTheCommitAndWritesTheTailOnce) {
  struct Format {
    std::map<std::string, std::string> options;
    bool updates;  // the sink takes every row kind
  };
  const std::vector<Format> formats{
      {{{"format", "csv"}, {"csv.header", "true"}}, false},
      {{{"format", "csv"}, {"csv.header", "true"}, {"sink.changelog-mode", "all"}}, true},
      {{{"format", "json"}}, false},
      {{{"format", "debezium-json"}}, true},
  };
  for (const auto& [format, updates] : formats) {
    SCOPED_TRACE(format.at("format") + (updates ? " with updates" : ""));
    const std::string straight_path = temp_path("straight");
    {
      auto sink = open_file_sink_at(straight_path, format, false);
      EXPECT_TRUE(sink->exactly_once());
      sink->write(rows_batch(0, 3, updates));
      sink->write(rows_batch(3, 5, updates));
      sink->write(rows_batch(5, 9, updates));
    }
    const std::string expected = read_file(straight_path);

    const std::string path = temp_path("resumed");
    SinkPosition at;
    {
      auto sink = open_file_sink_at(path, format, false);
      sink->write(rows_batch(0, 3, updates));
      at = sink->commit();
      EXPECT_EQ(at.rows, 3u);
      EXPECT_EQ(at.bytes, read_file(path).size());
      sink->write(rows_batch(3, 5, updates));  // then the process dies before the next commit
    }
    ASSERT_GT(read_file(path).size(), at.bytes);
    {
      auto sink = open_file_sink_at(path, format, true);
      Status rolled = sink->rollback(at);
      ASSERT_TRUE(rolled) << rolled.error().message;
      EXPECT_EQ(read_file(path).size(), at.bytes);
      sink->write(rows_batch(3, 5, updates));
      const SinkPosition later = sink->commit();
      EXPECT_EQ(later.rows, 5u);
      sink->write(rows_batch(5, 9, updates));
    }
    EXPECT_EQ(read_file(path), expected);
  }
}

TEST(SinkResume, OpeningToResumeKeepsTheFileAsItIs) {
  const std::string path = write_file("out.csv", "id,name\n1,a\n");
  { auto sink = open_file_sink_at(path, {{"format", "csv"}, {"csv.header", "true"}}, true); }
  EXPECT_EQ(read_file(path), "id,name\n1,a\n");
  {
    // Without a rollback, rows go to the end, never over what is there.
    auto sink = open_file_sink_at(path, {{"format", "csv"}, {"csv.header", "true"}}, true);
    sink->write(rows_batch(2, 3));
  }
  EXPECT_EQ(read_file(path), "id,name\n1,a\n2,\"name \"\"2\"\", with a comma\"\n");
}

TEST(SinkResume, AFileShorterThanTheCommitIsAnError) {
  const std::string path = temp_path("out.csv");
  SinkPosition at;
  {
    auto sink = open_file_sink_at(path, {{"format", "csv"}}, false);
    sink->write(rows_batch(0, 4));
    at = sink->commit();
  }
  write_file("out.csv", "0,x\n");
  auto sink = open_file_sink_at(path, {{"format", "csv"}}, true);
  Status rolled = sink->rollback(at);
  ASSERT_FALSE(rolled);
  EXPECT_EQ(rolled.error().message,
            fmt::format("{} is shorter (4 bytes) than the checkpointed length {}; was it replaced?",
                        path, at.bytes));
  EXPECT_EQ(read_file(path), "0,x\n");  // the evidence is left alone
}

TEST(SinkResume, PrintIsAtLeastOnceAndBlackholeExactlyOnce) {
  std::FILE* out = std::tmpfile();
  ConnectorContext print = make_context(sink_schema(), {{"connector", "print"}});
  print.print_output = out;
  print.resume = true;
  auto sink = std::move(open_sink(print)).value();
  EXPECT_FALSE(sink->exactly_once());
  sink->write(rows_batch(0, 1));
  EXPECT_EQ(sink->commit().rows, 0u);
  EXPECT_TRUE(sink->rollback(SinkPosition{}));
  std::fclose(out);
  auto blackhole =
      std::move(open_sink(make_context(sink_schema(), {{"connector", "blackhole"}}))).value();
  EXPECT_TRUE(blackhole->exactly_once());
}

}  // namespace
}  // namespace eddy
