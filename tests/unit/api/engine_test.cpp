// The embedding API, used directly: statements, queries pulled and pushed, errors as values,
// watermarks and late rows, multi-source event-time order, cancel, INSERT INTO a file sink.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "eddy/engine.h"

namespace eddy {
namespace {

namespace fs = std::filesystem;

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("eddy_api_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write_file(const std::string& name, const std::string& content) {
    auto path = (dir_ / name).string();
    std::ofstream(path) << content;
    return path;
  }

  // Runs `sql` (the last statement must be a query) and returns each change as
  // "op|v1|v2|..." text.
  static std::vector<std::string> rows(Engine& engine, const std::string& sql) {
    auto outcome = engine.execute(sql);
    EXPECT_TRUE(outcome.is_ok()) << (outcome ? "" : outcome.error().to_string());
    if (!outcome || !outcome.value().query) return {};
    std::vector<std::string> out;
    auto status = outcome.value().query->run([&](const Chunk& chunk) {
      for (size_t r = 0; r < chunk.size(); ++r) {
        std::string line = row_kind_symbol(chunk.kind(r));
        for (size_t c = 0; c < chunk.schema().size(); ++c)
          line += "|" + chunk.value(r, c).to_string();
        out.push_back(line);
      }
    });
    EXPECT_TRUE(status.is_ok()) << (status ? "" : status.error().to_string());
    return out;
  }

  std::string logins_ddl(const std::string& path) {
    return "CREATE STREAM logins (uid STRING, status STRING, ts TIMESTAMP(3), "
           "WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH ('connector' = 'file', 'path' = '" +
           path + "', 'format' = 'csv', 'csv.header' = 'true');";
  }

  fs::path dir_;
};

const char* kLogins =
    "uid,status,ts\n"
    "u1,ok,2024-01-01 10:00:00\n"
    "u2,fail,2024-01-01 10:00:05\n"
    "u3,fail,2024-01-01 10:00:04\n"  // out of order, within the 2 s bound
    "u4,fail,2024-01-01 10:00:01\n"  // behind the watermark 10:00:03
    "u5,fail,2024-01-01 10:00:03\n"  // behind: ts == watermark
    "u6,ok,2024-01-01 10:00:09\n";

TEST_F(EngineTest, DdlReturnsMessagesAndTables) {
  Engine engine;
  auto created = engine.execute(logins_ddl(write_file("l.csv", kLogins)));
  ASSERT_TRUE(created.is_ok()) << created.error().to_string();
  EXPECT_EQ(created.value().message, "Stream 'logins' created.");
  auto shown = engine.execute("SHOW STREAMS");
  ASSERT_TRUE(shown.is_ok());
  ASSERT_TRUE(shown.value().table);
  ASSERT_EQ(shown.value().table->rows.size(), 1u);
  EXPECT_EQ(shown.value().table->rows[0][0].to_string(), "logins");
  auto described = engine.execute("DESCRIBE logins");
  ASSERT_TRUE(described.is_ok());
  const auto& ts_row = described.value().table->rows[2];
  EXPECT_EQ(ts_row[1].to_string(), "TIMESTAMP(3) *ROWTIME*");
  EXPECT_EQ(ts_row[3].to_string(), "ts - INTERVAL '2' SECOND");
}

TEST_F(EngineTest, FilterAndProjectKeepRowsBehindTheWatermark) {
  Engine engine;
  ASSERT_TRUE(engine.execute(logins_ddl(write_file("l.csv", kLogins))).is_ok());
  auto outcome = engine.execute("SELECT uid, UPPER(status) AS s FROM logins WHERE status = 'fail'");
  ASSERT_TRUE(outcome.is_ok()) << outcome.error().to_string();
  Query& query = *outcome.value().query;
  ASSERT_EQ(query.schema().size(), 2u);
  EXPECT_EQ(query.schema()[1].name, "s");
  std::vector<std::string> got;
  Chunk chunk;
  while (true) {
    auto more = query.fetch(chunk);
    ASSERT_TRUE(more.is_ok()) << more.error().to_string();
    if (!more.value()) break;
    for (size_t r = 0; r < chunk.size(); ++r) got.emplace_back(chunk.string_value(r, 0));
  }
  EXPECT_EQ(got, (std::vector<std::string>{"u2", "u3", "u4", "u5"}));
  EXPECT_EQ(query.stats().late_rows, 0u);
  EXPECT_EQ(query.stats().rows_in, 6u);
  EXPECT_EQ(query.stats().watermark, kMaxTimestamp);  // end of input
}

TEST_F(EngineTest, WindowsDropAndCountRowsWhoseWindowFired) {
  Engine engine;
  ASSERT_TRUE(engine.execute(logins_ddl(write_file("l.csv", kLogins))).is_ok());
  auto outcome = engine.execute(
      "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE logins, DESCRIPTOR(ts), "
      "INTERVAL '1' SECOND)) GROUP BY window_start, window_end");
  ASSERT_TRUE(outcome.is_ok()) << outcome.error().to_string();
  Query& query = *outcome.value().query;
  ASSERT_TRUE(query.run(nullptr).is_ok());
  // u4 (10:00:01) comes at watermark 10:00:03, after its window [10:00:01, 10:00:02) fired;
  // u5's window [10:00:03, 10:00:04) has not.
  EXPECT_EQ(query.stats().late_rows, 1u);
  EXPECT_EQ(query.stats().rows_out, 5u);
  // EXPLAIN of the run query names the operator that dropped it.
  const std::string plan = query.explain();
  EXPECT_NE(
      plan.find("WindowAssign  window: TUMBLE  time: ts  size: 1 s  late: drop  [late rows: 1]"),
      std::string::npos)
      << plan;
}

TEST_F(EngineTest, ResultsDoNotDependOnBatchSize) {
  std::string path = write_file("l.csv", kLogins);
  std::vector<std::string> expected;
  for (size_t batch_size : {1024, 1, 2, 3}) {
    EngineOptions options;
    options.batch_size = batch_size;
    Engine engine(options);
    ASSERT_TRUE(engine.execute(logins_ddl(path)).is_ok());
    auto got = rows(engine, "SELECT uid, ts FROM logins");
    if (expected.empty()) expected = got;
    EXPECT_EQ(got, expected) << "batch size " << batch_size;
  }
  EXPECT_EQ(expected.size(), 6u);
}

TEST_F(EngineTest, SyntaxErrorIsAValueWithPositionAndCaret) {
  Engine engine;
  auto outcome = engine.execute("SELECT 1;\nSELEC uid FROM logins");
  ASSERT_FALSE(outcome.is_ok());
  const Error& error = outcome.error();
  EXPECT_EQ(error.kind, Error::Kind::Syntax);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 1);
  EXPECT_NE(error.snippet.find("SELEC uid FROM logins\n^"), std::string::npos) << error.snippet;
}

TEST_F(EngineTest, UnknownColumnSuggestsTheClosestName) {
  Engine engine;
  ASSERT_TRUE(engine.execute(logins_ddl(write_file("l.csv", kLogins))).is_ok());
  auto outcome = engine.execute("SELECT uid,\n  stauts FROM logins");
  ASSERT_FALSE(outcome.is_ok());
  EXPECT_EQ(outcome.error().kind, Error::Kind::Bind);
  EXPECT_EQ(outcome.error().line, 2);
  EXPECT_EQ(outcome.error().column, 3);
  EXPECT_NE(outcome.error().message.find("did you mean 'status'"), std::string::npos)
      << outcome.error().message;
}

TEST_F(EngineTest, UnionAllReadsSourcesInEventTimeOrder) {
  std::string a = write_file("a.csv",
                             "k,ts\na1,2024-01-01 00:00:01\na2,2024-01-01 00:00:04\n"
                             "a3,2024-01-01 00:00:05\n");
  std::string b = write_file("b.csv",
                             "k,ts\nb1,2024-01-01 00:00:02\nb2,2024-01-01 00:00:04\n"
                             "b3,2024-01-01 00:00:09\n");
  auto ddl = [](const std::string& name, const std::string& path) {
    return "CREATE STREAM " + name +
           " (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH "
           "('connector' = 'file', 'path' = '" +
           path + "', 'format' = 'csv', 'csv.header' = 'true');";
  };
  for (size_t batch_size : {1024, 1}) {
    EngineOptions options;
    options.batch_size = batch_size;
    Engine engine(options);
    ASSERT_TRUE(engine.execute(ddl("a", a) + ddl("b", b)).is_ok());
    auto got = rows(engine, "SELECT k FROM a UNION ALL SELECT k FROM b");
    // Ties (a2, b2 at 00:00:04) go to the earlier input.
    EXPECT_EQ(got, (std::vector<std::string>{"+I|a1", "+I|b1", "+I|a2", "+I|b2", "+I|a3", "+I|b3"}))
        << "batch size " << batch_size;
  }
}

// Interleaved inputs reach the union as merged batches (up to two batch sizes of rows), and
// fetch hands results out in chunks of up to the batch size while the inputs have rows ready.
TEST_F(EngineTest, InterleavedInputsStillFetchWholeChunks) {
  std::string a, b;
  for (int i = 0; i < 100; ++i) {
    a += fmt::format("a{},2024-01-01 00:00:{:02}.{:03}\n", i, i / 2 % 60, (i % 2) * 500);
    b += fmt::format("b{},2024-01-01 00:00:{:02}.{:03}\n", i, i / 2 % 60, (i % 2) * 500 + 250);
  }
  write_file("a.csv", a);
  write_file("b.csv", b);
  EngineOptions options;
  options.batch_size = 64;
  Engine engine(options);
  const std::string ddl =
      "CREATE STREAM a (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = "
      "'file', 'path' = '" +
      (dir_ / "a.csv").string() +
      "', 'format' = 'csv');"
      "CREATE STREAM b (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = "
      "'file', 'path' = '" +
      (dir_ / "b.csv").string() + "', 'format' = 'csv');";
  ASSERT_TRUE(engine.execute(ddl).is_ok());
  auto outcome = engine.execute("SELECT k FROM a UNION ALL SELECT k FROM b");
  ASSERT_TRUE(outcome.is_ok());
  Query& query = *outcome.value().query;
  std::vector<size_t> chunks;
  std::vector<std::string> keys;
  Chunk chunk;
  while (true) {
    auto more = query.fetch(chunk);
    ASSERT_TRUE(more.is_ok());
    if (!more.value()) break;
    chunks.push_back(chunk.size());
    for (size_t r = 0; r < chunk.size(); ++r) keys.push_back(chunk.value(r, 0).to_string());
  }
  ASSERT_EQ(keys.size(), 200u);
  EXPECT_EQ(keys[0], "a0");
  EXPECT_EQ(keys[1], "b0");
  EXPECT_EQ(keys[199], "b99");
  EXPECT_EQ(chunks, (std::vector<size_t>{64, 64, 64, 8}));
}

TEST_F(EngineTest, LimitFinishesAnUnboundedQuery) {
  Engine engine;
  ASSERT_TRUE(engine
                  .execute("CREATE STREAM g (id BIGINT) WITH ('connector' = 'datagen', "
                           "'rows-per-second' = '0', 'fields.id.kind' = 'sequence', "
                           "'fields.id.start' = '1', 'fields.id.end' = '1000000000')")
                  .is_ok());
  auto got = rows(engine, "SELECT id * 2 AS twice FROM g WHERE id % 2 = 0 LIMIT 3");
  EXPECT_EQ(got, (std::vector<std::string>{"+I|4", "+I|8", "+I|12"}));
}

TEST_F(EngineTest, CancelStopsARunningQueryFromAnotherThread) {
  Engine engine;
  ASSERT_TRUE(engine
                  .execute("CREATE STREAM g (id BIGINT) WITH ('connector' = 'datagen', "
                           "'rows-per-second' = '1000')")
                  .is_ok());
  auto outcome = engine.execute("SELECT id FROM g");
  ASSERT_TRUE(outcome.is_ok()) << outcome.error().to_string();
  Query& query = *outcome.value().query;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    query.cancel();
  });
  auto status = query.run(nullptr);
  canceller.join();
  EXPECT_TRUE(status.is_ok());
  EXPECT_TRUE(query.cancelled());
}

TEST_F(EngineTest, InsertIntoFileSinkWritesCsv) {
  Engine engine;
  std::string out = (dir_ / "out.csv").string();
  ASSERT_TRUE(engine.execute(logins_ddl(write_file("l.csv", kLogins))).is_ok());
  auto created = engine.execute(
      "CREATE STREAM alerts (who STRING, at TIMESTAMP(3)) WITH ("
      "'connector' = 'file', 'path' = '" +
      out + "', 'format' = 'csv')");
  ASSERT_TRUE(created.is_ok()) << created.error().to_string();
  auto outcome =
      engine.execute("INSERT INTO alerts SELECT uid, ts FROM logins WHERE status = 'fail'");
  ASSERT_TRUE(outcome.is_ok()) << outcome.error().to_string();
  ASSERT_TRUE(outcome.value().query->run(nullptr).is_ok());
  EXPECT_EQ(outcome.value().query->stats().rows_out, 4u);
  std::ifstream in(out);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content,
            "u2,2024-01-01 10:00:05.000\nu3,2024-01-01 10:00:04.000\n"
            "u4,2024-01-01 10:00:01.000\nu5,2024-01-01 10:00:03.000\n");
}

TEST_F(EngineTest, RuntimeErrorIsReturnedNotThrown) {
  Engine engine;
  ASSERT_TRUE(engine.execute(logins_ddl(write_file("l.csv", kLogins))).is_ok());
  auto outcome = engine.execute("SELECT CAST(status AS INT) FROM logins");
  ASSERT_TRUE(outcome.is_ok()) << outcome.error().to_string();
  auto status = outcome.value().query->run(nullptr);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().kind, Error::Kind::Runtime);
  EXPECT_NE(status.error().message.find("'ok'"), std::string::npos) << status.error().message;
}

TEST_F(EngineTest, DataErrorNamesFileAndLine) {
  Engine engine;
  ASSERT_TRUE(engine
                  .execute(logins_ddl(write_file("bad.csv",
                                                 "uid,status,ts\nu1,ok,2024-01-01\n"
                                                 "u2,ok,not-a-time\n")))
                  .is_ok());
  auto outcome = engine.execute("SELECT * FROM logins");
  ASSERT_TRUE(outcome.is_ok());
  auto status = outcome.value().query->run(nullptr);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().kind, Error::Kind::Data);
  EXPECT_NE(status.error().message.find("bad.csv:3"), std::string::npos) << status.error().message;
}

TEST_F(EngineTest, ExplainShowsTheOperators) {
  Engine engine;
  ASSERT_TRUE(engine.execute(logins_ddl(write_file("l.csv", kLogins))).is_ok());
  auto outcome = engine.execute("EXPLAIN SELECT uid FROM logins WHERE status = 'fail'");
  ASSERT_TRUE(outcome.is_ok()) << outcome.error().to_string();
  std::string plan;
  for (const auto& row : outcome.value().table->rows) plan += row[0].to_string() + "\n";
  EXPECT_NE(plan.find("Calc"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Scan  stream: logins"), std::string::npos) << plan;
  EXPECT_NE(plan.find("rowtime: ts"), std::string::npos) << plan;
}

TEST_F(EngineTest, ShowQueriesReportsKeysLateRowsAndStatus) {
  Engine engine;
  ASSERT_TRUE(engine.execute(logins_ddl(write_file("l.csv", kLogins))).is_ok());
  auto got = rows(engine, "SELECT status, COUNT(*) FROM logins GROUP BY status");
  EXPECT_EQ(got.back(), "+U|ok|2");
  auto shown = engine.execute("SHOW QUERIES");
  ASSERT_TRUE(shown.is_ok()) << shown.error().to_string();
  const Table& table = *shown.value().table;
  ASSERT_EQ(table.rows.size(), 1u);
  const auto& row = table.rows[0];
  auto column = [&](const char* name) { return row[table.schema.find(name)].to_string(); };
  EXPECT_EQ(column("status"), "finished");
  EXPECT_EQ(column("rows_in"), "6");
  EXPECT_EQ(column("late_rows"), "0");  // an unbounded GROUP BY has no late rows
  EXPECT_EQ(column("keys"), "2");
  EXPECT_EQ(column("watermark"), "end of input");
  EXPECT_NE(row[table.schema.find("state_bytes")].int_value(), 0);
}

// At 'parallelism' 2 a GROUP BY runs as two instances: stats() (and so SHOW QUERIES and the
// shell's status line) and EXPLAIN of the run query show each instance's rows in and keys, which
// add up to the operator's, and the skew.
TEST_F(EngineTest, StatsAndExplainShowEachInstanceOfAKeyedOperator) {
  Engine engine;
  ASSERT_TRUE(engine.execute(logins_ddl(write_file("l.csv", kLogins))).is_ok());
  ASSERT_TRUE(engine.execute("SET 'parallelism' = '2'").is_ok());
  auto outcome = engine.execute("SELECT uid, COUNT(*) FROM logins GROUP BY uid");
  ASSERT_TRUE(outcome.is_ok());
  Query& query = *outcome.value().query;
  ASSERT_TRUE(query.run(nullptr).is_ok());
  const QueryStats stats = query.stats();
  ASSERT_EQ(stats.parallel_operators.size(), 1u);
  const ParallelOperatorStats& group_by = stats.parallel_operators[0];
  EXPECT_EQ(group_by.name, "GroupAggregate");
  ASSERT_EQ(group_by.instances.size(), 2u);
  uint64_t rows = 0, keys = 0, most = 0;
  std::string rows_text, keys_text;
  for (const InstanceStats& instance : group_by.instances) {
    rows += instance.rows_in;
    keys += instance.keys;
    most = std::max(most, instance.rows_in);
    rows_text += (rows_text.empty() ? "" : "/") + std::to_string(instance.rows_in);
    keys_text += (keys_text.empty() ? "" : "/") + std::to_string(instance.keys);
  }
  EXPECT_EQ(rows, 6u);  // every row, each counted by the one instance that owns its key
  EXPECT_EQ(keys, 6u);
  EXPECT_EQ(keys, stats.keys);
  EXPECT_DOUBLE_EQ(group_by.skew(), double(most) * 2 / 6);
  EXPECT_NE(query.explain().find(fmt::format("[per instance: rows in {}  keys {}  skew {:.2f}]",
                                             rows_text, keys_text, group_by.skew())),
            std::string::npos)
      << query.explain();

  // At 1 nothing runs on instances.
  ASSERT_TRUE(engine.execute("SET 'parallelism' = '1'").is_ok());
  auto once = engine.execute("SELECT uid, COUNT(*) FROM logins GROUP BY uid");
  ASSERT_TRUE(once.is_ok());
  ASSERT_TRUE(once.value().query->run(nullptr).is_ok());
  EXPECT_TRUE(once.value().query->stats().parallel_operators.empty());
  EXPECT_EQ(once.value().query->explain().find("per instance"), std::string::npos);
}

TEST_F(EngineTest, ExplainOfARunQueryShowsLiveKeyedState) {
  Engine engine;
  ASSERT_TRUE(engine.execute(logins_ddl(write_file("l.csv", kLogins))).is_ok());
  auto outcome = engine.execute("SELECT status, COUNT(*) FROM logins GROUP BY status");
  ASSERT_TRUE(outcome.is_ok());
  Query& query = *outcome.value().query;
  EXPECT_EQ(query.explain().find("[keys:"), std::string::npos);
  ASSERT_TRUE(query.run(nullptr).is_ok());
  EXPECT_NE(query.explain().find("GroupAggregate"), std::string::npos);
  EXPECT_NE(query.explain().find("[keys: 2  state bytes: "), std::string::npos) << query.explain();
}

TEST_F(EngineTest, IdleSourceStopsHoldingBackAUnionAfterItsTimeout) {
  // A file stream and a datagen stream that, under a manual clock, goes quiet after its first
  // row (the second is due at 1 s). Without 'source.idle-timeout' the event-time merge would
  // wait for it; with it, the file's rows flow once the clock passes the timeout.
  auto clock = std::make_shared<ManualClock>(0);
  EngineOptions options;
  options.clock = clock;
  Engine engine(options);
  std::string path = write_file("a.csv",
                                "k,ts\na1,1970-01-01 00:00:00.100\n"
                                "a2,1970-01-01 00:00:00.200\n");
  ASSERT_TRUE(engine
                  .execute("CREATE STREAM a (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) "
                           "WITH ('connector' = 'file', 'path' = '" +
                           path +
                           "', 'format' = "
                           "'csv', 'csv.header' = 'true')")
                  .is_ok());
  auto created = engine.execute(
      "CREATE STREAM g (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ("
      "'connector' = 'datagen', 'rows-per-second' = '1', 'number-of-rows' = '2', "
      "'fields.k.length' = '1', 'source.idle-timeout' = '100 ms')");
  ASSERT_TRUE(created.is_ok()) << created.error().to_string();
  auto outcome = engine.execute("SELECT k FROM a UNION ALL SELECT k FROM g");
  ASSERT_TRUE(outcome.is_ok()) << outcome.error().to_string();
  Query& query = *outcome.value().query;
  std::thread ticker([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    clock->set(500);  // past the idle timeout, before the second generated row
  });
  std::vector<std::string> from_file;
  size_t generated = 0;
  Chunk chunk;
  while (from_file.size() < 2) {
    auto more = query.fetch(chunk);
    ASSERT_TRUE(more.is_ok() && more.value());
    for (size_t r = 0; r < chunk.size(); ++r) {
      std::string k(chunk.string_value(r, 0));
      if (k[0] == 'a' && k.size() == 2)
        from_file.push_back(k);
      else
        ++generated;
    }
  }
  ticker.join();
  EXPECT_EQ(from_file, (std::vector<std::string>{"a1", "a2"}));
  // The file's rows came while the generator had delivered only its first row: the merge did
  // not wait for the second one (due at 1 s, the clock stands at 0.5 s).
  EXPECT_EQ(generated, 1u);
  clock->set(2000);  // the second generated row, then the end
  auto status = query.run(nullptr);
  EXPECT_TRUE(status.is_ok());
  EXPECT_EQ(query.stats().rows_in, 4u);
}

TEST_F(EngineTest, UnknownSettingIsAnError) {
  Engine engine;
  EXPECT_FALSE(engine.set("execution.batch-sise", "10").is_ok());
  EXPECT_TRUE(engine.set("execution.batch-size", "10").is_ok());
  EXPECT_EQ(engine.setting("execution.batch-size"), "10");
}

}  // namespace
}  // namespace eddy
