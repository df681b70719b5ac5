// Decoding a file on several threads ('parallelism', connectors/parallel_text_reader.h) gives
// exactly what one thread gives: the same batches, rows, row kinds, row origins (file:line), the
// same position() after every batch, the same skipped counts and the same error after the same
// rows. Files of several shapes are read with tiny blocks (so they are cut into many ranges) at
// 1, 2 and 3 threads and several batch sizes, and the transcripts compared byte for byte.
#include <random>

#include <fmt/format.h>

#include "connector_test_util.h"
#include "connectors/text_source.h"

namespace eddy {
namespace {

using namespace testing_util;

std::string hex(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
  return out;
}

std::unique_ptr<Source> open_with(const Schema& schema, const std::string& path,
                                  TextFormatOptions options, size_t threads,
                                  const std::atomic<bool>* cancel = nullptr) {
  options.decode_threads = threads;
  auto source = open_text_file_source(schema, path, options, cancel);
  EXPECT_TRUE(source.is_ok()) << source.error().message;
  return std::move(source).value();
}

// Everything a reader of `source` sees: per batch its rows ("kind a|b|c @file:line"), status,
// position and skipped count; the error and the position after it.
std::string transcript(Source& source, const Schema& schema, size_t batch_size) {
  std::string out;
  const auto where = [&] {
    std::optional<SourcePosition> p = source.position();
    if (!p) return std::string("nowhere");
    return fmt::format("{}:{} state {} skipped {}", p->offset, p->line, hex(p->state),
                       source.skipped());
  };
  for (int calls = 0; calls < 100000; ++calls) {
    Batch batch = Batch::with_schema(schema);
    SourceStatus status;
    try {
      status = source.next(batch, batch_size);
    } catch (const Failure& f) {
      out += fmt::format("error {} | at {}\n", f.error().message, where());
      return out;
    }
    expect_consistent(batch);
    for (size_t r = 0; r < batch.rows; ++r) {
      out += fmt::format("{} {} @{}\n", row_kind_symbol(batch.kind(r)), row_text(batch, r),
                         source.row_origin(r));
    }
    out += fmt::format("batch of {} status {} at {}\n", batch.rows, int(status), where());
    if (status == SourceStatus::End) return out;
  }
  return out + "never ended\n";
}

std::string read_transcript(const Schema& schema, const std::string& path,
                            const TextFormatOptions& options, size_t threads, size_t batch_size) {
  auto source = open_with(schema, path, options, threads);
  return transcript(*source, schema, batch_size);
}

// The same transcript at 2 and 3 threads as at 1, for each block and batch size.
void expect_same_as_one_thread(const Schema& schema, const std::string& content,
                               TextFormatOptions options,
                               std::initializer_list<size_t> blocks = {8, 13, 64, 4 << 20},
                               std::initializer_list<size_t> batches = {1, 3, 1000}) {
  const std::string path = write_file("in", content);
  for (size_t block : blocks) {
    options.block_size = block;
    for (size_t batch : batches) {
      const std::string expected = read_transcript(schema, path, options, 1, batch);
      for (size_t threads : {2, 3}) {
        SCOPED_TRACE(fmt::format("block {} batch {} threads {}", block, batch, threads));
        EXPECT_EQ(read_transcript(schema, path, options, threads, batch), expected);
      }
    }
  }
}

Schema people() {
  return make_schema({{"id", Type::int32()}, {"name", Type::string()}, {"ts", Type::timestamp()}});
}

std::string people_csv(int rows, int bad_at = -1) {
  std::string out;
  for (int i = 0; i < rows; ++i) {
    if (i == bad_at) {
      out += "oops,x,2024-01-01\n";
      continue;
    }
    out += fmt::format("{},name {},2024-01-{:02} 10:00:{:02}\n", i, i, 1 + i % 28, i % 60);
    if (i % 17 == 5) out += "\n";  // blank lines are skipped
  }
  return out;
}

TEST(ParallelTextSource, ManySmallRecordsInManyRanges) {
  expect_same_as_one_thread(people(), people_csv(400), {});
}

TEST(ParallelTextSource, RowsBeforeADataErrorComeFirstAndTheErrorIsExact) {
  const std::string content = people_csv(300, 211);
  expect_same_as_one_thread(people(), content, {});
  const std::string path = write_file("bad.csv", content);
  TextFormatOptions options;
  options.block_size = 16;
  const std::string text = read_transcript(people(), path, options, 2, 1000);
  // Row 211 is on line 212, after 13 blank lines.
  EXPECT_NE(text.find("bad.csv:225: column 'id'"), std::string::npos) << text;
}

TEST(ParallelTextSource, SkippedRecordsAreCountedAlike) {
  std::string content = people_csv(200, 50);
  content += "7,x\n\"unterminated,\n";
  content += people_csv(100, 3);
  TextFormatOptions options;
  options.ignore_parse_errors = true;
  expect_same_as_one_thread(people(), content, options);
}

TEST(ParallelTextSource, QuotedNewlinesAndAHeader) {
  // Records that span lines make many guessed range starts wrong: they are decoded again.
  std::string content = "\xEF\xBB\xBFname,extra,ts,id\r\n";
  for (int i = 0; i < 150; ++i) {
    if (i % 3 == 0) {
      content +=
          fmt::format("\"multi\nline \"\"{}\"\"\n\",x,2024-02-01 00:00:{:02},{}\r\n", i, i % 60, i);
    } else {
      content += fmt::format("plain {},\"y\ny\",2024-02-01 00:01:{:02},{}\n", i, i % 60, i);
    }
  }
  TextFormatOptions options;
  options.header = true;
  expect_same_as_one_thread(people(), content, options);
  // A header that does not fit fails on line 1, whatever the threads.
  expect_same_as_one_thread(make_schema({{"a", Type::int32()}}), content, options, {8, 4 << 20},
                            {1000});
}

TEST(ParallelTextSource, ChangelogCsv) {
  std::string content;
  for (int i = 0; i < 120; ++i) {
    content += fmt::format("{},{},n{},2024-03-01\n",
                           i % 4 == 1   ? "-U"
                           : i % 4 == 2 ? "+U"
                                        : "+I",
                           i / 4, i);
  }
  content += "?X,1,a,2024-03-01\n";
  TextFormatOptions options;
  options.changelog = true;
  expect_same_as_one_thread(people(), content, options);
}

TEST(ParallelTextSource, JsonLinesWithErrorsAndBlankLines) {
  std::string content;
  for (int i = 0; i < 250; ++i) {
    content +=
        fmt::format("{{\"id\": {}, \"name\": \"n\\\"{}\", \"ts\": \"2024-01-01 00:00:{:02}\"}}\n",
                    i, i, i % 60);
    if (i % 31 == 0) content += "   \n";
  }
  TextFormatOptions options;
  options.format = TextFormatOptions::Format::Jsonl;
  expect_same_as_one_thread(people(), content + "{\"id\": \"x\"}\n" + content, options);
  options.ignore_parse_errors = true;
  expect_same_as_one_thread(people(), content + "{\"id\": \"x\"}\n{]\n" + content, options);
}

TEST(ParallelTextSource, DebeziumUpdatesStayWhole) {
  std::string content;
  for (int i = 0; i < 150; ++i) {
    if (i % 3 == 2) {
      content += fmt::format(
          "{{\"before\": {{\"id\": {}, \"name\": \"a\"}}, \"after\": {{\"id\": {}, \"name\": "
          "\"b\"}}, \"op\": \"u\"}}\n",
          i, i);
    } else {
      content += fmt::format(
          "{{\"before\": null, \"after\": {{\"id\": {}, \"name\": \"c\"}}, "
          "\"op\": \"c\"}}\n",
          i);
    }
  }
  TextFormatOptions options;
  options.format = TextFormatOptions::Format::DebeziumJson;
  expect_same_as_one_thread(people(), content, options, {8, 64, 4 << 20}, {1, 2, 1000});
}

TEST(ParallelTextSource, InvalidUtf8InTheMiddle) {
  std::string content = people_csv(100);
  content += "5,bad \xC3\x28 byte,2024-01-01\n";
  content += people_csv(100);
  expect_same_as_one_thread(people(), content, {});
  TextFormatOptions options;
  options.ignore_parse_errors = true;
  expect_same_as_one_thread(people(), content, options);
}

TEST(ParallelTextSource, ResumesFromEveryBatchBoundaryOnThreads) {
  // A position taken after any batch, continued on 2 threads, reads on as 1 thread does.
  const std::string content = people_csv(120, 97);
  const std::string path = write_file("resume.csv", content);
  TextFormatOptions options;
  options.block_size = 16;
  auto straight = open_with(people(), path, options, 1);
  std::vector<SourcePosition> positions;
  for (;;) {
    Batch batch = Batch::with_schema(people());
    SourceStatus status;
    try {
      status = straight->next(batch, 7);
    } catch (const Failure&) {
      break;
    }
    positions.push_back(*straight->position());
    if (status == SourceStatus::End) break;
  }
  ASSERT_GT(positions.size(), 10u);
  for (const SourcePosition& at : positions) {
    SCOPED_TRACE(at.offset);
    auto one = open_with(people(), path, options, 1);
    auto two = open_with(people(), path, options, 2);
    ASSERT_TRUE(one->seek(at));
    ASSERT_TRUE(two->seek(at));
    EXPECT_EQ(transcript(*two, people(), 5), transcript(*one, people(), 5));
  }
}

TEST(ParallelTextSource, HeldBatchesKeepTheirStrings) {
  // Batches held past later reads still read right: each keeps the block its strings are in.
  const std::string content = people_csv(300);
  const std::string path = write_file("held.csv", content);
  TextFormatOptions options;
  options.block_size = 32;
  std::vector<std::string> expected, rows;
  for (size_t threads : {size_t(1), size_t(2)}) {
    auto source = open_with(people(), path, options, threads);
    std::vector<Batch> held;
    for (;;) {
      Batch batch = Batch::with_schema(people());
      const SourceStatus status = source->next(batch, 4);
      held.push_back(std::move(batch));
      if (status == SourceStatus::End) break;
    }
    std::vector<std::string>& out = threads == 1 ? expected : rows;
    for (const Batch& b : held)
      for (size_t r = 0; r < b.rows; ++r) out.push_back(row_text(b, r));
  }
  EXPECT_EQ(rows.size(), 300u);
  EXPECT_EQ(rows, expected);
}

TEST(ParallelTextSource, CancelStopsTheThreads) {
  const std::string path = write_file("big.csv", people_csv(5000));
  TextFormatOptions options;
  options.block_size = 64;
  std::atomic<bool> cancel{false};
  auto source = open_with(people(), path, options, 2, &cancel);
  Batch batch = Batch::with_schema(people());
  ASSERT_EQ(source->next(batch, 10), SourceStatus::Data);
  cancel.store(true);
  // Nothing more comes once cancelled (never End: the input did not end), and the source goes
  // away without waiting for the rest of the file.
  for (int i = 0; i < 3; ++i) {
    Batch more = Batch::with_schema(people());
    const SourceStatus status = source->next(more, 1000000);
    EXPECT_NE(status, SourceStatus::End);
    if (status == SourceStatus::Idle) break;
  }
  EXPECT_EQ(source->next(batch, 10), SourceStatus::Idle);
  source.reset();
}

TEST(ParallelTextSource, GarbageDecodesAlike) {
  std::mt19937_64 rng(7);
  Schema schema =
      make_schema({{"i", Type::int32()}, {"s", Type::string()}, {"d", Type::float64()}});
  const char alphabet[] = "0123456789,,,\"\"\r\n\n\n.-e abc\xff";
  for (int iteration = 0; iteration < 120; ++iteration) {
    std::string content;
    const size_t size = rng() % 400;
    for (size_t i = 0; i < size; ++i) content += alphabet[rng() % (sizeof alphabet - 1)];
    TextFormatOptions options;
    options.block_size = 1 + rng() % 40;
    options.ignore_parse_errors = rng() % 2 == 0;
    options.header = rng() % 4 == 0;
    const std::string path = write_file("garbage.csv", content);
    const size_t batch = 1 + rng() % 5;
    const std::string expected = read_transcript(schema, path, options, 1, batch);
    SCOPED_TRACE(fmt::format("iteration {}: {}", iteration, hex(content)));
    EXPECT_EQ(read_transcript(schema, path, options, 2, batch), expected);
    EXPECT_EQ(read_transcript(schema, path, options, 3, batch), expected);
  }
}

}  // namespace
}  // namespace eddy
