// Process functions through the embedding API: registered with an engine, called from SQL as
// table functions, their output a stream with a time attribute; the same rows at every batch
// size, and after a checkpoint and a resume in a new engine as in one uninterrupted run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "eddy/engine.h"
#include "examples/embed/count_with_timeout.h"

namespace eddy {
namespace {

namespace fs = std::filesystem;

// Joins rows of `a` (k, x, ts) with rows of `b` (k, y, ts) of the same key seen before them:
// each b row emits the sum of the x seen so far; a processing-time timer registered by each
// a row emits the number of a rows (-1 for y).
class SumJoin final : public KeyedCoProcessFunction {
 public:
  void open(OpenContext& ctx) override {
    sum_ = ctx.value_state<int64_t>("sum");
    seen_ = ctx.map_state<int64_t, int64_t>("seen");  // x -> how often
  }
  void process_element1(const Row& row, Context& ctx, Collector&) override {
    sum_.update(sum_.value_or(0) + row.int_value(1));
    seen_.put(row.int_value(1), seen_.get(row.int_value(1)).value_or(0) + 1);
    ctx.timers().register_processing_time_timer(ctx.current_processing_time() + 100);
  }
  void process_element2(const Row& row, Context& ctx, Collector& out) override {
    EXPECT_EQ(ctx.input(), 1);
    out.collect({Value::integer(sum_.value_or(0)), Value::integer(row.int_value(1))});
  }
  void on_timer(Timestamp, Context& ctx, Collector& out) override {
    EXPECT_EQ(ctx.time_domain(), TimeDomain::ProcessingTime);
    int64_t rows = 0;
    for (const auto& [x, n] : seen_.entries()) rows += n;
    out.collect({Value::integer(rows), Value::integer(-1)});
  }

 private:
  ValueState<int64_t> sum_;
  MapState<int64_t, int64_t> seen_;
};

class ProcessFunctionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::path(::testing::TempDir()) /
        ("eddy_pf_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // 3000 events of 50 users, 0..4 s apart, out of order by up to 3 s.
    std::mt19937 rng(7);
    std::ofstream events(dir_ / "events.csv");
    events << "uid,ts\n";
    Timestamp t = 1'700'000'000'000;
    std::vector<std::pair<Timestamp, int>> rows;
    for (int i = 0; i < 3000; ++i) {
      t += rng() % 4000;
      rows.push_back({t, int(rng() % 50)});
    }
    for (size_t i = 0; i + 1 < rows.size(); ++i)
      if (rng() % 3 == 0 && rows[i + 1].first - rows[i].first < 3000)
        std::swap(rows[i], rows[i + 1]);
    for (const auto& [ts, user] : rows)
      events << "u" << user << "," << format_timestamp(ts) << "\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Engine> engine(size_t batch_size, const std::string& checkpoint_path = "",
                                 std::shared_ptr<Clock> clock = nullptr) {
    EngineOptions options;
    options.batch_size = batch_size;
    options.clock = std::move(clock);
    if (!checkpoint_path.empty()) {
      options.settings["checkpoint.path"] = checkpoint_path;
      options.settings["checkpoint.interval"] = "500 records";
    }
    auto e = std::make_unique<Engine>(options);
    Status registered = e->register_function(
        "count_with_timeout",
        ProcessFunctionSpec{{{"cnt", Type::int64(), false}}, {Type::interval()}, [] {
                              return std::make_unique<CountWithTimeout>();
                            }});
    EXPECT_TRUE(registered.is_ok()) << registered.error().to_string();
    exec(*e,
         "CREATE STREAM events (uid STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - "
         "INTERVAL '3' SECOND) WITH ('connector' = 'file', 'path' = '" +
             (dir_ / "events.csv").string() + "', 'format' = 'csv', 'csv.header' = 'true')");
    return e;
  }

  static void exec(Engine& engine, const std::string& sql) {
    auto outcome = engine.execute(sql);
    ASSERT_TRUE(outcome.is_ok()) << outcome.error().to_string();
  }

  // Runs a query to the end: its rows as text.
  static std::vector<std::string> rows(Engine& engine, const std::string& sql) {
    std::vector<std::string> out;
    auto outcome = engine.execute(sql);
    EXPECT_TRUE(outcome.is_ok()) << outcome.error().to_string();
    if (!outcome) return out;
    Status status = outcome.value().query->run([&](const Chunk& chunk) {
      for (size_t r = 0; r < chunk.size(); ++r) {
        std::string line = row_kind_symbol(chunk.kind(r));
        for (size_t c = 0; c < chunk.schema().fields.size(); ++c)
          line += " " + chunk.value(r, c).to_string();
        out.push_back(line);
      }
    });
    EXPECT_TRUE(status.is_ok()) << status.error().to_string();
    return out;
  }

  static std::string error_of(Engine& engine, const std::string& sql) {
    auto outcome = engine.execute(sql);
    if (!outcome) return outcome.error().to_string();
    Status status = outcome.value().query->run([](const Chunk&) {});
    return status ? "" : status.error().to_string();
  }

  fs::path dir_;
};

constexpr const char* kMine =
    "SELECT uid, rowtime, cnt FROM count_with_timeout(TABLE events PARTITION BY uid, "
    "INTERVAL '5' SECOND)";
constexpr const char* kBuiltin =
    "SELECT uid, TIMEOUT_TIME(), COUNT(*) FROM events GROUP BY uid TIMEOUT INTERVAL '5' SECOND";

TEST_F(ProcessFunctionTest, CountWithTimeoutGivesTheBuiltInTimeoutsRowsAtEveryBatchSize) {
  auto reference = engine(1024);
  const auto builtin = rows(*reference, kBuiltin);
  ASSERT_GT(builtin.size(), 100u);
  for (size_t batch_size : {size_t(1), size_t(7), size_t(1024)}) {
    auto e = engine(batch_size);
    EXPECT_EQ(rows(*e, kMine), builtin) << "batch size " << batch_size;
  }
}

TEST_F(ProcessFunctionTest, LateRowsAreLeftOutAsTheBuiltInTimeoutLeavesThemOut) {
  // examples/data/logins.csv has a row behind the watermark (mallory, 09:07) whose span has
  // timed out: GROUP BY ... TIMEOUT drops it, and so does the function.
  for (size_t batch_size : {size_t(1), size_t(1024)}) {
    auto e = engine(batch_size);
    exec(*e,
         "CREATE STREAM logins (uid STRING, status STRING, ip STRING, ts TIMESTAMP(3), "
         "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'file', 'path' = "
         "'" EDDY_SOURCE_DIR
         "/examples/data/logins.csv', 'format' = 'csv', "
         "'csv.header' = 'true')");
    const auto builtin = rows(*e,
                              "SELECT uid, TIMEOUT_TIME(), COUNT(*) FROM logins GROUP BY uid "
                              "TIMEOUT INTERVAL '1' MINUTE");
    ASSERT_GT(builtin.size(), 5u);
    EXPECT_EQ(rows(*e,
                   "SELECT uid, rowtime, cnt FROM count_with_timeout(TABLE logins PARTITION "
                   "BY uid, INTERVAL '1' MINUTE)"),
              builtin)
        << "batch size " << batch_size;
  }
}

TEST_F(ProcessFunctionTest, ItsOutputIsAStreamWithATimeAttribute) {
  auto e = engine(64);
  // A tumbling window over the function's rowtime, through a view.
  exec(*e,
       "CREATE VIEW timeouts AS SELECT * FROM count_with_timeout(TABLE events PARTITION BY uid, "
       "INTERVAL '5' SECOND)");
  const auto via_view = rows(*e,
                             "SELECT COUNT(*), window_start, SUM(cnt) FROM TABLE(TUMBLE(TABLE "
                             "timeouts, DESCRIPTOR(rowtime), INTERVAL '1' MINUTE)) "
                             "GROUP BY window_start, window_end");
  ASSERT_GT(via_view.size(), 10u);
  // Each window counts the timeouts of its minute: as many as the built-in's rows there.
  int64_t total = 0;
  for (const auto& row : via_view) total += std::stoll(row.substr(3));
  EXPECT_EQ(size_t(total), rows(*e, kBuiltin).size());
  auto explain = e->execute(std::string("EXPLAIN ") + kMine);
  ASSERT_TRUE(explain.is_ok()) << explain.error().to_string();
  std::string text;
  for (const auto& row : explain.value().table->rows)
    for (const auto& v : row) text += v.to_string() + "\n";
  EXPECT_NE(text.find("ProcessFunction"), std::string::npos) << text;
  EXPECT_NE(text.find("count_with_timeout"), std::string::npos) << text;
}

TEST_F(ProcessFunctionTest, ResumedFromACheckpointInANewEngineItGivesTheUninterruptedOutput) {
  const std::string insert = std::string("INSERT INTO out ") + kMine;
  auto sink = [&](Engine& e, const std::string& file) {
    exec(e,
         "CREATE STREAM out (uid STRING, t TIMESTAMP(3), cnt BIGINT) WITH ('connector' = "
         "'file', 'path' = '" +
             (dir_ / file).string() + "', 'format' = 'csv')");
  };
  {
    auto whole = engine(16);
    sink(*whole, "whole.csv");
    rows(*whole, insert);
  }
  const std::string ckpt = (dir_ / "ckpt.db").string();
  {
    auto first = engine(16, ckpt);
    sink(*first, "resumed.csv");
    auto outcome = first->execute(insert);
    ASSERT_TRUE(outcome.is_ok()) << outcome.error().to_string();
    Query& query = *outcome.value().query;
    Chunk chunk;
    // fetch() returns after each checkpoint of an INSERT: stop after the second.
    for (int i = 0; i < 2; ++i) ASSERT_TRUE(query.fetch(chunk).is_ok());
    ASSERT_GE(query.stats().checkpoints.taken, 2u);
    query.cancel();
  }
  {
    auto second = engine(16, ckpt);
    sink(*second, "resumed.csv");
    auto outcome = second->execute(insert);
    ASSERT_TRUE(outcome.is_ok()) << outcome.error().to_string();
    EXPECT_GT(outcome.value().query->stats().checkpoints.resumed_from, 0u);
    ASSERT_TRUE(outcome.value().query->run([](const Chunk&) {}).is_ok());
  }
  auto read = [&](const std::string& file) {
    std::ifstream in(dir_ / file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  EXPECT_GT(read("whole.csv").size(), 1000u);
  EXPECT_EQ(read("resumed.csv"), read("whole.csv"));
}

TEST_F(ProcessFunctionTest, TwoInputsShareTheKeysStateAndProcessingTimeTimersFire) {
  auto clock = std::make_shared<ManualClock>(0);
  auto e = engine(4, "", clock);
  Status registered = e->register_function(
      "sum_join",
      CoProcessFunctionSpec{{{"sum", Type::int64(), false}, {"y", Type::int64(), false}}, {}, [] {
                              return std::make_unique<SumJoin>();
                            }});
  ASSERT_TRUE(registered.is_ok()) << registered.error().to_string();
  auto at = [](int ms) { return format_timestamp(ms); };
  std::ofstream(dir_ / "a.csv") << "k,x,ts\n1,10," << at(1000) << "\n2,5," << at(1500) << "\n1,7,"
                                << at(2000) << "\n";
  std::ofstream(dir_ / "b.csv") << "k,y,ts\n1,100," << at(1200) << "\n2,200," << at(1600)
                                << "\n1,300," << at(2500) << "\n3,400," << at(2600) << "\n";
  for (const char* name : {"a", "b"})
    exec(*e, std::string("CREATE STREAM ") + name + " (k INT, " + (name[0] == 'a' ? "x" : "y") +
                 " BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH "
                 "('connector' = 'file', 'path' = '" +
                 (dir_ / (std::string(name) + ".csv")).string() +
                 "', 'format' = 'csv', 'csv.header' = 'true')");
  // Rows merge in event-time order; the processing-time timers fire at the end of input.
  EXPECT_EQ(rows(*e,
                 "SELECT k, sum, y FROM sum_join(TABLE a PARTITION BY k, TABLE b PARTITION "
                 "BY k)"),
            (std::vector<std::string>{"+I 1 10 100", "+I 2 5 200", "+I 1 17 300", "+I 3 0 400",
                                      "+I 1 2 -1", "+I 2 1 -1"}));
}

TEST_F(ProcessFunctionTest, MistakesAreErrorsNotCrashes) {
  auto e = engine(8);
  // The name is taken.
  Status again = e->register_function(
      "COUNT_WITH_TIMEOUT", ProcessFunctionSpec{{{"cnt", Type::int64()}}, {}, [] {
                                                  return std::make_unique<CountWithTimeout>();
                                                }});
  EXPECT_FALSE(again.is_ok());
  // A function that collects a value of the wrong type, and one that throws.
  struct Wrong final : KeyedProcessFunction {
    void process_element(const Row&, Context&, Collector& out) override {
      out.collect({Value::string("not a number")});
    }
  };
  struct Throws final : KeyedProcessFunction {
    void process_element(const Row&, Context&, Collector&) override {
      throw std::runtime_error("no such customer");
    }
  };
  ASSERT_TRUE(e->register_function(
                   "wrong",
                   ProcessFunctionSpec{
                       {{"n", Type::int64()}}, {}, [] { return std::make_unique<Wrong>(); }})
                  .is_ok());
  ASSERT_TRUE(e->register_function(
                   "throws",
                   ProcessFunctionSpec{
                       {{"n", Type::int64()}}, {}, [] { return std::make_unique<Throws>(); }})
                  .is_ok());
  EXPECT_NE(error_of(*e, "SELECT * FROM wrong(TABLE events PARTITION BY uid)")
                .find("collected a STRING value (not a number) for column 'n' (BIGINT)"),
            std::string::npos)
      << error_of(*e, "SELECT * FROM wrong(TABLE events PARTITION BY uid)");
  EXPECT_NE(error_of(*e, "SELECT * FROM throws(TABLE events PARTITION BY uid)")
                .find("process function 'throws' failed in process_element: no such customer"),
            std::string::npos);
  // Bind errors: an unknown partition column, a missing argument.
  EXPECT_NE(error_of(*e,
                     "SELECT * FROM count_with_timeout(TABLE events PARTITION BY user, "
                     "INTERVAL '5' SECOND)")
                .find("user"),
            std::string::npos);
  EXPECT_FALSE(
      error_of(*e, "SELECT * FROM count_with_timeout(TABLE events PARTITION BY uid)").empty());
}

}  // namespace
}  // namespace eddy
