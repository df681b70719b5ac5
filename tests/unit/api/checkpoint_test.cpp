// Checkpoints of processing-time timers through the embedding API: a query checkpointed with
// timers pending and resumed by a new Engine whose clock has moved past them fires the overdue
// timers once, at once, in timer order, and never again; a resumed finished query produces
// nothing more.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "eddy/engine.h"

namespace eddy {
namespace {

namespace fs = std::filesystem;

// A manual clock that a waiting source moves forward: wait_until(t) jumps to t. A paced
// datagen source then produces its rows at deterministic processing times without a thread
// moving the clock, and nothing else moves it.
class VirtualClock final : public Clock {
 public:
  explicit VirtualClock(Timestamp start) : now_(start) {}
  Timestamp now() const override { return now_.load(); }
  bool wait_until(Timestamp t, const std::atomic<bool>&) const override {
    if (t > now_.load()) now_.store(t);
    return true;
  }

 private:
  mutable std::atomic<Timestamp> now_;
};

// One key per row (k = 1..6), a row a second by the clock; each key times out 10 s after its
// row arrived, or at the end of input.
constexpr const char* kStream =
    "CREATE STREAM g (k INT) WITH ('connector' = 'datagen', 'rows-per-second' = '1', "
    "'number-of-rows' = '6', 'fields.k.kind' = 'sequence', 'fields.k.start' = '1', "
    "'fields.k.end' = '6')";
constexpr const char* kQuery =
    "SELECT k, TIMEOUT_TIME() AS at FROM g GROUP BY k TIMEOUT INTERVAL '10' SECOND ON "
    "PROCESSING TIME";

struct Row {
  int64_t k = 0;
  Timestamp at = 0;
};

class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("eddy_checkpoint_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // An engine on `clock`, row by row, checkpointing to ckpt.db every 4 records (or not at all):
  // once in a run of 6 rows.
  std::unique_ptr<Engine> engine(std::shared_ptr<Clock> clock, bool checkpoints) {
    EngineOptions options;
    options.batch_size = 1;
    options.clock = std::move(clock);
    if (checkpoints) {
      options.settings["checkpoint.path"] = (dir_ / "ckpt.db").string();
      options.settings["checkpoint.interval"] = "4 records";
    }
    auto result = std::make_unique<Engine>(options);
    auto created = result->execute(kStream);
    EXPECT_TRUE(created.is_ok()) << created.error().to_string();
    return result;
  }

  static std::unique_ptr<Query> start(Engine& engine) {
    auto outcome = engine.execute(kQuery);
    EXPECT_TRUE(outcome.is_ok()) << outcome.error().to_string();
    return outcome ? std::move(outcome.value().query) : nullptr;
  }

  // Fetches one chunk; false at the end.
  static bool fetch(Query& query, std::vector<Row>& rows) {
    Chunk chunk;
    auto more = query.fetch(chunk);
    EXPECT_TRUE(more.is_ok()) << more.error().to_string();
    if (!more || !more.value()) return false;
    for (size_t r = 0; r < chunk.size(); ++r)
      rows.push_back({chunk.int_value(r, 0), chunk.int_value(r, 1)});
    return true;
  }

  fs::path dir_;
};

TEST_F(CheckpointTest, OverdueProcessingTimeTimersFireOnceInOrderAfterAResume) {
  // The uncut run: all six keys time out only at the end of input (the clock reaches about
  // 5 s); their timeout times are the timers the checkpoint will hold.
  std::vector<Row> reference;
  {
    auto plain = engine(std::make_shared<VirtualClock>(0), false);
    auto query = start(*plain);
    while (fetch(*query, reference)) {
    }
  }
  ASSERT_EQ(reference.size(), 6u);
  for (size_t i = 0; i < 6; ++i) ASSERT_EQ(reference[i].k, int64_t(i + 1));
  for (size_t i = 1; i < 6; ++i) ASSERT_LT(reference[i - 1].at, reference[i].at);

  // Engine A checkpoints after the first 4 rows (keys 1-4 pending, nothing emitted yet), goes
  // on to the end of its input (its first results), and is dropped as by a crash.
  {
    auto a = engine(std::make_shared<VirtualClock>(0), true);
    auto query = start(*a);
    std::vector<Row> rows;
    ASSERT_TRUE(fetch(*query, rows));
    QueryStats stats = query->stats();
    ASSERT_GE(stats.checkpoints.taken, 1u);
    EXPECT_EQ(stats.checkpoints.rows_out, 0u);
    EXPECT_EQ(stats.checkpoints.failed, 0u);
  }

  // Engine B starts with its clock past the four pending timers: they fire first, before the
  // source has ended, in timer order, with their original times, and the clock has not moved.
  const Timestamp restart_at = reference[3].at + 20000;
  auto clock = std::make_shared<VirtualClock>(restart_at);
  auto b = engine(clock, true);
  auto query = start(*b);
  ASSERT_NE(query->stats().checkpoints.resumed_from, 0u);
  std::vector<Row> rows;
  while (rows.size() < 4) ASSERT_TRUE(fetch(*query, rows));
  ASSERT_EQ(rows.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(rows[i].k, reference[i].k);
    EXPECT_EQ(rows[i].at, reference[i].at);
  }
  EXPECT_LT(query->stats().rows_in, 6u);
  EXPECT_EQ(clock->now(), restart_at);

  // The rest: keys 5 and 6 (arriving after the restart), and never keys 1-4 again.
  while (fetch(*query, rows)) {
  }
  ASSERT_EQ(rows.size(), 6u);
  for (size_t i = 4; i < 6; ++i) {
    EXPECT_EQ(rows[i].k, int64_t(i + 1));
    EXPECT_GE(rows[i].at, restart_at + 10000);
  }
  EXPECT_EQ(query->stats().rows_in, 6u);
  query.reset();
  b.reset();

  // A third engine resumes the finished query from its final checkpoint: nothing more.
  auto c = engine(std::make_shared<VirtualClock>(restart_at + 60000), true);
  auto finished = start(*c);
  EXPECT_NE(finished->stats().checkpoints.resumed_from, 0u);
  std::vector<Row> none;
  EXPECT_FALSE(fetch(*finished, none));
  EXPECT_TRUE(none.empty());
}

TEST_F(CheckpointTest, TimersNotYetDueAtTheResumeWaitForTheirTime) {
  // Engine A as above; B's clock stands at the first timer: only key 1 fires at once; keys 2-4
  // fire when the clock (moved by the paced source) reaches them, or at the end of input, with
  // their own times.
  std::vector<Row> reference;
  {
    auto plain = engine(std::make_shared<VirtualClock>(0), false);
    auto query = start(*plain);
    while (fetch(*query, reference)) {
    }
  }
  ASSERT_EQ(reference.size(), 6u);
  {
    auto a = engine(std::make_shared<VirtualClock>(0), true);
    auto query = start(*a);
    std::vector<Row> rows;
    ASSERT_TRUE(fetch(*query, rows));
    ASSERT_GE(query->stats().checkpoints.taken, 1u);
  }
  const Timestamp restart_at = reference[0].at;  // key 1's timer is due, key 2's is not
  auto clock = std::make_shared<VirtualClock>(restart_at);
  auto b = engine(clock, true);
  auto query = start(*b);
  std::vector<Row> rows;
  ASSERT_TRUE(fetch(*query, rows));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].k, 1);
  EXPECT_EQ(rows[0].at, reference[0].at);
  EXPECT_EQ(clock->now(), restart_at);
  while (fetch(*query, rows)) {
  }
  ASSERT_EQ(rows.size(), 6u);
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(rows[i].k, int64_t(i + 1)) << i;
  for (size_t i = 1; i < 4; ++i) EXPECT_EQ(rows[i].at, reference[i].at) << i;
}

}  // namespace
}  // namespace eddy
