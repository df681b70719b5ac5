// Exactly-once over an embedded stream: a query checkpoints the number of rows it has read; in a
// new engine (a new process) the producer appends the same rows again from the first and the
// resumed query skips those up to its position. The rows delivered before the checkpoint
// (CheckpointProgress::rows_out) and those of the resumed query are an uninterrupted run's.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "embedded_helpers.h"

namespace eddy {
namespace {

using namespace eddy::testing;
using namespace std::chrono;
namespace fs = std::filesystem;

constexpr const char* kStream =
    "CREATE STREAM orders (uid STRING NOT NULL, amount INT, ts TIMESTAMP(3), "
    "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'embedded')";
// An updating aggregate (its state must come back) beside a window (its watermark too).
constexpr const char* kQuery =
    "SELECT uid, COUNT(*) AS n, SUM(amount) AS total, MAX(window_end) AS last_end FROM "
    "TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY uid";

struct Order {
  const char* uid;
  int amount;
  int64_t ts;
};
const std::vector<Order> kOrders = {
    {"a", 1, 1000},   {"b", 2, 2000},   {"a", 3, 4000},   {"c", 4, 9000},   {"b", 5, 11'000},
    {"a", 6, 12'000}, {"c", 7, 15'000}, {"a", 8, 21'000}, {"b", 9, 22'000}, {"a", 10, 30'000},
};

// The producer: every order from the first, a watermark from code after the sixth, then the
// end. It does the same in every engine, as a replayable producer (a log, a file) would.
void produce(Input& input, size_t count = kOrders.size(), bool close = true) {
  for (size_t i = 0; i < count; ++i) {
    const Order& o = kOrders[i];
    ASSERT_TRUE(input.row().set("uid", o.uid).set("amount", o.amount).set("ts", o.ts).append());
    if (i == 5) {
      ASSERT_TRUE(input.watermark(13'000));
    }
  }
  if (close) {
    ASSERT_TRUE(input.close());
  }
}

class EmbeddedCheckpoint : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("eddy_embedded_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string checkpoint_path() const { return (dir_ / "ckpt.db").string(); }
  fs::path dir_;
};

TEST_F(EmbeddedCheckpoint, AResumedQueryInANewEngineGivesTheUninterruptedRows) {
  // The uninterrupted run.
  std::vector<std::string> expected;
  {
    auto engine = engine_on(manual_clock());
    run_ok(*engine, kStream);
    auto query = start(*engine, kQuery);
    Input orders = input_of(*engine, "orders");
    produce(orders);
    expected = poll_to_end(*query);
  }
  ASSERT_GE(expected.size(), 10u);

  for (size_t batch_size : {1, 1024})
    for (size_t cut : {1, 4, 6, 9}) {
      SCOPED_TRACE("batch size " + std::to_string(batch_size) + ", checkpoint after " +
                   std::to_string(cut) + " rows");
      fs::remove(checkpoint_path());
      // Engine A reads `cut` rows, checkpoints, reads a few more (their results are lost with
      // it, as in a crash) and is dropped.
      std::vector<std::string> before;
      {
        auto engine = engine_on(manual_clock(), batch_size, checkpoint_path());
        run_ok(*engine, kStream);
        auto query = start(*engine, kQuery);
        Input orders = input_of(*engine, "orders");
        produce(orders, cut, /*close=*/false);
        std::vector<std::string> seen;
        Chunk chunk;
        const auto give_up = steady_clock::now() + seconds(10);
        while (query->stats().rows_in < cut && steady_clock::now() < give_up) {
          ASSERT_TRUE(query->poll(chunk, milliseconds(20)).is_ok());
          append_lines(chunk, seen);
        }
        query->checkpoint();
        while (query->stats().checkpoints.taken == 0 && steady_clock::now() < give_up) {
          ASSERT_TRUE(query->poll(chunk, milliseconds(20)).is_ok());
          append_lines(chunk, seen);
        }
        const CheckpointProgress progress = query->stats().checkpoints;
        ASSERT_EQ(progress.taken, 1u);
        ASSERT_EQ(progress.rows_in, cut);
        ASSERT_LE(progress.rows_out, seen.size());
        before.assign(seen.begin(), seen.begin() + progress.rows_out);
        const Order& extra = kOrders[cut];
        ASSERT_TRUE(orders.row()
                        .set("uid", extra.uid)
                        .set("amount", extra.amount)
                        .set("ts", extra.ts)
                        .append());
        drain(*query, milliseconds(50));
      }
      // Engine B: the same statements and checkpoint file; the producer starts over.
      auto engine = engine_on(manual_clock(), batch_size, checkpoint_path());
      run_ok(*engine, kStream);
      auto outcome = engine->execute(kQuery);
      ASSERT_TRUE(outcome.is_ok()) << outcome.error().to_string();
      ASSERT_EQ(outcome.value().notes.size(), 1u);
      EXPECT_THAT(outcome.value().notes[0], ::testing::HasSubstr("resuming job 1 from checkpoint"));
      Input orders = input_of(*engine, "orders");
      produce(orders);
      std::vector<std::string> after = poll_to_end(*outcome.value().query);
      before.insert(before.end(), after.begin(), after.end());
      EXPECT_EQ(before, expected);
    }
}

TEST_F(EmbeddedCheckpoint, ResumingAfterRowsOtherQueriesDroppedIsAnError) {
  auto engine = engine_on(manual_clock(), 1024, checkpoint_path());
  run_ok(*engine, kStream);
  {
    auto query = start(*engine, "SELECT uid FROM orders");
    Input orders = input_of(*engine, "orders");
    produce(orders, 2, false);
    poll_rows(*query, 2);
    query->checkpoint();
    drain(*query, milliseconds(100));
    ASSERT_EQ(query->stats().checkpoints.taken, 1u);
  }
  // In a new engine another query reads the stream first; our job's position (2) is behind
  // what is still held once that query has read 4 rows.
  auto engine2 = engine_on(manual_clock());
  run_ok(*engine2, kStream);
  auto other = start(*engine2, "SELECT amount FROM orders");
  Input orders = input_of(*engine2, "orders");
  produce(orders, 4, false);
  poll_rows(*other, 4);
  run_ok(*engine2, "SET 'checkpoint.path' = '" + checkpoint_path() + "'");
  auto resumed = engine2->execute("SELECT uid FROM orders");
  ASSERT_FALSE(resumed.is_ok());
  EXPECT_EQ(resumed.error().message,
            "stream 'orders': the checkpoint continues at row 2, but rows before 4 were already "
            "read by every other query and dropped");
}

}  // namespace
}  // namespace eddy
