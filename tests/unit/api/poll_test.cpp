// Query::poll(timeout) and Query::run with progress: a poll returns at its timeout whatever the
// query waits for (an embedded stream, a paced source under a manual clock), a manual clock
// moved by the test fires processing-time timers on the next poll, a producer thread feeds a
// polling consumer, cancel() ends a waiting poll, and run() pushes row kinds and progress.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "embedded_helpers.h"

namespace eddy {
namespace {

using namespace eddy::testing;
using namespace std::chrono;
using ::testing::ElementsAre;

// How long one poll took, with its status.
struct Timed {
  PollStatus status;
  milliseconds took;
};

Timed timed_poll(Query& query, milliseconds timeout) {
  Chunk chunk;
  const auto start = steady_clock::now();
  auto polled = query.poll(chunk, timeout);
  const auto took = duration_cast<milliseconds>(steady_clock::now() - start);
  EXPECT_TRUE(polled.is_ok()) << (polled ? "" : polled.error().to_string());
  EXPECT_EQ(chunk.size(), 0u);
  return {polled ? polled.value() : PollStatus::Finished, took};
}

// A poll with nothing to return comes back at its timeout: not much before, not much after.
void expect_returns_at_timeout(Query& query) {
  const Timed waited = timed_poll(query, milliseconds(300));
  EXPECT_EQ(waited.status, PollStatus::Timeout);
  EXPECT_GE(waited.took.count(), 290);
  EXPECT_LT(waited.took.count(), 300 + 200);
  const Timed at_once = timed_poll(query, milliseconds(0));
  EXPECT_EQ(at_once.status, PollStatus::Timeout);
  EXPECT_LT(at_once.took.count(), 200);
}

TEST(Poll, ReturnsAtItsTimeoutWhileAnEmbeddedStreamHasNothing) {
  auto engine = engine_on(manual_clock());
  run_ok(*engine, "CREATE STREAM e (n INT) WITH ('connector' = 'embedded')");
  auto query = start(*engine, "SELECT n FROM e");
  expect_returns_at_timeout(*query);
}

TEST(Poll, ReturnsAtItsTimeoutWhileAPacedSourceWaitsForAManualClock) {
  // One row per second of a clock that does not move: the first row is due at once, the
  // second never (Query::fetch would spin until another thread moved the clock).
  auto clock = manual_clock();
  auto engine = engine_on(clock);
  run_ok(*engine,
         "CREATE STREAM g (n BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '1', "
         "'fields.n.kind' = 'sequence', 'fields.n.start' = '1', 'fields.n.end' = '100')");
  auto query = start(*engine, "SELECT n FROM g");
  EXPECT_THAT(poll_rows(*query, 1), ElementsAre("+I|1"));
  expect_returns_at_timeout(*query);
  clock->advance(1000);
  EXPECT_THAT(poll_rows(*query, 1), ElementsAre("+I|2"));
}

TEST(Poll, AManualClockMovedByTheTestFiresProcessingTimeTimers) {
  auto clock = manual_clock();
  auto engine = engine_on(clock);
  run_ok(*engine, "CREATE STREAM e (uid STRING, amount INT) WITH ('connector' = 'embedded')");
  auto query = start(*engine,
                     "SELECT uid, COUNT(*) AS n, SUM(amount) AS total FROM e GROUP BY uid "
                     "TIMEOUT INTERVAL '1' MINUTE ON PROCESSING TIME");
  Input e = input_of(*engine, "e");
  ASSERT_TRUE(e.row().set(0, "u1").set(1, 5).append());
  ASSERT_TRUE(e.row().set(0, "u1").set(1, 7).append());
  expect_nothing_more(*query);  // read at processing time 0: u1 times out at 60 s
  clock->advance(30'000);
  ASSERT_TRUE(e.row().set(0, "u2").set(1, 1).append());
  expect_nothing_more(*query);  // u2 times out at 90 s
  clock->advance(29'999);
  const Timed nothing_due = timed_poll(*query, milliseconds(100));
  EXPECT_EQ(nothing_due.status, PollStatus::Timeout);
  EXPECT_GE(nothing_due.took.count(), 90);
  clock->advance(1);
  EXPECT_THAT(poll_rows(*query, 1), ElementsAre("+I|u1|2|12"));
  clock->advance(30'000);
  EXPECT_THAT(poll_rows(*query, 1), ElementsAre("+I|u2|1|1"));
  expect_nothing_more(*query);
}

TEST(Poll, AProducerThreadFeedsAPollingConsumer) {
  auto engine = engine_on(std::make_shared<WallClock>(), 64);
  run_ok(*engine,
         "CREATE STREAM e (k BIGINT NOT NULL, label STRING) WITH ('connector' = "
         "'embedded')");
  auto query = start(*engine, "SELECT k, label FROM e WHERE k % 2 = 0");
  constexpr int64_t kRows = 5000;
  std::thread producer([input = input_of(*engine, "e")]() mutable {
    for (int64_t k = 0; k < kRows; ++k) {
      ASSERT_TRUE(input.row().set(0, k).set(1, "row " + std::to_string(k)).append());
      if (k % 1000 == 999) std::this_thread::sleep_for(milliseconds(20));  // the consumer waits
    }
    ASSERT_TRUE(input.close());
  });
  int64_t rows = 0, sum = 0;
  bool in_order = true, labels_match = true;
  Chunk chunk;
  const auto give_up = steady_clock::now() + seconds(30);
  for (;;) {
    auto polled = query->poll(chunk, milliseconds(10));
    ASSERT_TRUE(polled.is_ok()) << polled.error().to_string();
    if (polled.value() == PollStatus::Finished || steady_clock::now() > give_up) break;
    for (size_t r = 0; r < chunk.size(); ++r) {
      const int64_t k = chunk.int_value(r, 0);
      in_order = in_order && k == rows * 2;
      labels_match = labels_match && chunk.string_value(r, 1) == "row " + std::to_string(k);
      ++rows, sum += k;
    }
  }
  producer.join();
  EXPECT_EQ(rows, kRows / 2);
  EXPECT_EQ(sum, (kRows / 2) * (kRows - 2) / 2);  // 0 + 2 + ... + (kRows - 2)
  EXPECT_TRUE(in_order);
  EXPECT_TRUE(labels_match);
}

TEST(Poll, TwoProducerThreadsEachWithItsOwnInput) {
  auto engine = engine_on(std::make_shared<WallClock>(), 16);
  run_ok(*engine, "CREATE STREAM e (producer INT, k BIGINT) WITH ('connector' = 'embedded')");
  auto query = start(*engine, "SELECT producer, k FROM e");
  constexpr int64_t kRows = 3000;
  auto produce = [](Input input, int producer) {
    for (int64_t k = 0; k < kRows; ++k)
      ASSERT_TRUE(input.row().set(0, producer).set(1, k).append());
  };
  std::thread first(produce, input_of(*engine, "e"), 0);
  std::thread second(produce, input_of(*engine, "e"), 1);
  // Each producer's rows arrive in its order, interleaved with the other's.
  int64_t next[2] = {0, 0};
  bool in_order = true;
  Chunk chunk;
  const auto give_up = steady_clock::now() + seconds(30);
  while (next[0] + next[1] < 2 * kRows && steady_clock::now() < give_up) {
    auto polled = query->poll(chunk, milliseconds(10));
    ASSERT_TRUE(polled.is_ok()) << polled.error().to_string();
    for (size_t r = 0; r < chunk.size(); ++r) {
      int64_t& expected = next[chunk.int_value(r, 0)];
      in_order = in_order && chunk.int_value(r, 1) == expected;
      ++expected;
    }
  }
  first.join();
  second.join();
  EXPECT_EQ(next[0], kRows);
  EXPECT_EQ(next[1], kRows);
  EXPECT_TRUE(in_order);
  EXPECT_EQ(query->stats().rows_in, uint64_t(2 * kRows));
}

TEST(Poll, CancelEndsAWaitingPoll) {
  auto engine = engine_on(manual_clock());
  run_ok(*engine, "CREATE STREAM e (n INT) WITH ('connector' = 'embedded')");
  auto query = start(*engine, "SELECT n FROM e");
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(100));
    query->cancel();
  });
  const Timed waited = timed_poll(*query, seconds(10));
  canceller.join();
  EXPECT_EQ(waited.status, PollStatus::Finished);
  EXPECT_LT(waited.took.count(), 1000);
}

TEST(Poll, RunPushesRowKindsAndProgress) {
  auto engine = engine_on(std::make_shared<WallClock>());
  run_ok(*engine,
         "CREATE STREAM e (uid STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS SOURCE_WATERMARK()) "
         "WITH ('connector' = 'embedded')");
  auto query = start(*engine, "SELECT uid, COUNT(*) AS n FROM e GROUP BY uid");
  Input e = input_of(*engine, "e");
  ASSERT_TRUE(e.row().set(0, "a").set(1, int64_t(1000)).append());
  ASSERT_TRUE(e.row().set(0, "a").set(1, int64_t(2000)).append());
  std::atomic<bool> watermark_seen{false};
  std::thread producer([&] {
    // Once the two rows are out, a watermark alone, and only then the end.
    std::this_thread::sleep_for(milliseconds(200));
    ASSERT_TRUE(e.watermark(5000));
    for (int i = 0; i < 200 && !watermark_seen.load(); ++i)
      std::this_thread::sleep_for(milliseconds(10));
    ASSERT_TRUE(e.close());
  });
  std::vector<std::string> changes;
  std::vector<Timestamp> watermarks;
  Status status = query->run([&](const Chunk& chunk) { append_lines(chunk, changes); },
                             [&](const QueryStats& stats) {
                               watermarks.push_back(stats.watermark);
                               if (stats.watermark == 5000) watermark_seen.store(true);
                             });
  producer.join();
  ASSERT_TRUE(status.is_ok()) << status.error().to_string();
  EXPECT_THAT(changes, ElementsAre("+I|a|1", "-U|a|1", "+U|a|2"));
  EXPECT_TRUE(watermark_seen.load()) << ::testing::PrintToString(watermarks);
}

}  // namespace
}  // namespace eddy
