// The text source over a pipe (how the stdin connector reads): rows are handed over as soon as
// whole lines arrive, a quiet pipe gives Idle instead of blocking, EOF ends the source.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>

#include "connector_test_util.h"
#include "connectors/text_source.h"

namespace eddy {
namespace {

using namespace testing_util;
using ::testing::ElementsAre;

struct Pipe {
  int read_end = -1, write_end = -1;
  Pipe() {
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    read_end = fds[0];
    write_end = fds[1];
  }
  ~Pipe() { close_write(); }
  void write(const std::string& s) {
    ASSERT_EQ(::write(write_end, s.data(), s.size()), ssize_t(s.size()));
  }
  void close_write() {
    if (write_end >= 0) ::close(write_end);
    write_end = -1;
  }
};

Schema schema() { return make_schema({{"id", Type::int32()}, {"name", Type::string()}}); }

std::vector<std::string> rows_of(const Batch& b) {
  std::vector<std::string> out;
  for (size_t r = 0; r < b.rows; ++r) out.push_back(row_text(b, r));
  return out;
}

TEST(StreamSource, HandsOverCompleteLinesWithoutWaitingForMore) {
  Pipe pipe;
  std::atomic<bool> cancel{false};
  auto source =
      make_text_source(schema(), pipe.read_end, true, "<stdin>", "stdin (csv)", {}, &cancel);
  pipe.write("1,a\n2,b\n3,");
  Batch batch = Batch::with_schema(schema());
  ASSERT_EQ(source->next(batch, 1000), SourceStatus::Data);
  EXPECT_THAT(rows_of(batch), ElementsAre("1|a", "2|b"));

  // Nothing complete: Idle after the short poll, not a hang.
  Batch idle = Batch::with_schema(schema());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(source->next(idle, 1000), SourceStatus::Idle);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(idle.rows, 0u);

  pipe.write("c\n4,d");
  Batch more = Batch::with_schema(schema());
  ASSERT_EQ(source->next(more, 1000), SourceStatus::Data);
  EXPECT_THAT(rows_of(more), ElementsAre("3|c"));

  pipe.close_write();  // EOF completes the last line
  Batch last = Batch::with_schema(schema());
  ASSERT_EQ(source->next(last, 1000), SourceStatus::Data);
  EXPECT_THAT(rows_of(last), ElementsAre("4|d"));
  Batch end = Batch::with_schema(schema());
  EXPECT_EQ(source->next(end, 1000), SourceStatus::End);
  EXPECT_EQ(source->next(end, 1000), SourceStatus::End);
}

TEST(StreamSource, RespectsMaxRows) {
  Pipe pipe;
  auto source =
      make_text_source(schema(), pipe.read_end, true, "<stdin>", "stdin (csv)", {}, nullptr);
  pipe.write("1,a\n2,b\n3,c\n");
  pipe.close_write();
  Batch b1 = Batch::with_schema(schema());
  ASSERT_EQ(source->next(b1, 2), SourceStatus::Data);
  EXPECT_EQ(b1.rows, 2u);
  Batch b2 = Batch::with_schema(schema());
  ASSERT_EQ(source->next(b2, 2), SourceStatus::Data);
  EXPECT_THAT(rows_of(b2), ElementsAre("3|c"));
}

TEST(StreamSource, ErrorsNameStdin) {
  Pipe pipe;
  auto source =
      make_text_source(schema(), pipe.read_end, true, "<stdin>", "stdin (csv)", {}, nullptr);
  pipe.write("1,a\n\nx,b\n");
  pipe.close_write();
  EXPECT_EQ(read_error(*source, schema()), "<stdin>:3: column 'id': cannot parse 'x' as INT");
}

TEST(StreamSource, JsonlOverAPipe) {
  Pipe pipe;
  TextFormatOptions options;
  options.format = TextFormatOptions::Format::Jsonl;
  options.block_size = 16;
  auto source =
      make_text_source(schema(), pipe.read_end, true, "<stdin>", "stdin (jsonl)", options, nullptr);
  pipe.write("{\"id\": 1, \"name\": \"a long enough name\"}\n{\"id\"");
  Batch b = Batch::with_schema(schema());
  ASSERT_EQ(source->next(b, 100), SourceStatus::Data);
  EXPECT_THAT(rows_of(b), ElementsAre("1|a long enough name"));
  pipe.write(": 2}\n");
  pipe.close_write();
  EXPECT_THAT(read_all(*source, schema()), ElementsAre("2|NULL"));
}

}  // namespace
}  // namespace eddy
