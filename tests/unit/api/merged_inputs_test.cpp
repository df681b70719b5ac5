// Interleaved inputs handed to a UNION ALL or a join in whole batches (QueryRuntime's merge,
// MergedInputs): the changes, their order, and the rows delivered before a failure must be those
// of batch size 1, where every run of the event-time merge is a row or two and goes alone. The
// inputs interleave finely, filters drop rows whose watermarks still count, and errors stop the
// query on a row in the middle of a merged batch.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "eddy/engine.h"

namespace eddy {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  std::vector<std::string> changes;  // "op|v1|v2|..."
  std::string error;                 // empty: the query ended normally
};

class MergedInputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("eddy_merge_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Rows "k<key>,<v>,<d>,<ts>" every 0-400 ms (a linear congruence, so the file is fixed), with
  // d = 0 at `zero_at` and an empty ts at `null_ts_at`.
  std::string write_stream(const std::string& name, int rows, uint32_t seed, int zero_at = -1,
                           int null_ts_at = -1) {
    std::string text;
    uint32_t x = seed;
    auto next = [&x](uint32_t n) {
      x = x * 1103515245u + 12345u;
      return (x >> 8) % n;
    };
    int64_t t = 0;
    for (int i = 0; i < rows; ++i) {
      t += next(401);
      const int key = int(next(12));
      const int d = i == zero_at ? 0 : 1 + int(next(5));
      std::string ts = i == null_ts_at ? ""
                                       : fmt::format("2024-01-01 00:{:02}:{:02}.{:03}",
                                                     t / 60000 % 60, t / 1000 % 60, t % 1000);
      text += fmt::format("k{},{},{},{}\n", key, i, d, ts);
    }
    const fs::path path = dir_ / (name + ".csv");
    std::ofstream(path) << text;
    return "CREATE STREAM " + name +
           " (k STRING, v BIGINT, d BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL "
           "'1' SECOND) WITH ('connector' = 'file', 'path' = '" +
           path.string() + "', 'format' = 'csv');";
  }

  static Outcome run(const std::string& ddl, const std::string& query, size_t batch_size) {
    EngineOptions options;
    options.batch_size = batch_size;
    Engine engine(options);
    Outcome out;
    auto created = engine.execute(ddl);
    EXPECT_TRUE(created.is_ok()) << (created ? "" : created.error().to_string());
    auto outcome = engine.execute(query);
    EXPECT_TRUE(outcome.is_ok()) << (outcome ? "" : outcome.error().to_string());
    if (!outcome || !outcome.value().query) return out;
    auto status = outcome.value().query->run([&](const Chunk& chunk) {
      for (size_t r = 0; r < chunk.size(); ++r) {
        std::string line = row_kind_symbol(chunk.kind(r));
        for (size_t c = 0; c < chunk.schema().size(); ++c)
          line += "|" + chunk.value(r, c).to_string();
        out.changes.push_back(line);
      }
    });
    if (!status) out.error = status.error().message;
    return out;
  }

  // The query's changes at batch size 1, checked to be the same at other batch sizes.
  static Outcome same_at_every_batch_size(const std::string& ddl, const std::string& query) {
    const Outcome one = run(ddl, query, 1);
    for (size_t batch_size : {2, 5, 64, 1024}) {
      const Outcome other = run(ddl, query, batch_size);
      EXPECT_EQ(other.error, one.error) << "batch size " << batch_size;
      EXPECT_EQ(other.changes, one.changes) << "batch size " << batch_size;
    }
    return one;
  }

  fs::path dir_;
};

TEST_F(MergedInputsTest, LeftIntervalJoinWithFilteredInputs) {
  const std::string ddl = write_stream("a", 600, 1) + write_stream("b", 600, 2);
  // Filters drop rows on both sides; the dropped rows still move their input's watermark,
  // which decides when unmatched left rows go out null-padded.
  const Outcome one = same_at_every_batch_size(
      ddl,
      "SELECT a.k, a.v, b.v FROM (SELECT * FROM a WHERE v % 3 <> 0) a LEFT JOIN "
      "(SELECT * FROM b WHERE v % 2 = 0) b ON a.k = b.k AND b.ts BETWEEN a.ts - INTERVAL '1' "
      "SECOND AND a.ts + INTERVAL '2' SECOND");
  EXPECT_EQ(one.error, "");
  size_t padded = 0;
  for (const std::string& change : one.changes) padded += change.ends_with("|NULL");
  EXPECT_GT(padded, 50u);
  EXPECT_GT(one.changes.size() - padded, 50u);
}

TEST_F(MergedInputsTest, UnionAllIntoAWindow) {
  const std::string ddl = write_stream("a", 600, 3) + write_stream("b", 600, 4);
  // The window's lateness decisions read each row's arrival watermark after the union.
  const Outcome one = same_at_every_batch_size(
      ddl,
      "CREATE VIEW u AS SELECT k, v, ts FROM a WHERE d > 1 UNION ALL SELECT k, v, ts FROM b; "
      "SELECT window_start, COUNT(*), SUM(v) FROM TABLE(TUMBLE(TABLE u, DESCRIPTOR(ts), INTERVAL "
      "'2' "
      "SECOND)) GROUP BY window_start, window_end");
  EXPECT_EQ(one.error, "");
  EXPECT_GT(one.changes.size(), 20u);
}

TEST_F(MergedInputsTest, ACalcFailsRightAfterRowsItDropped) {
  // a's row 300 divides by zero; rows 296, 297 and 299 before it are filtered out, so the last
  // row of a that reaches the join is not the one before the failing row.
  const std::string ddl = write_stream("a", 600, 5, 300) + write_stream("b", 600, 6);
  const Outcome one = same_at_every_batch_size(
      ddl,
      "SELECT a.k, a.v, b.v, a.x FROM (SELECT k, v, ts, 10 / d AS x FROM a WHERE v NOT IN "
      "(296, 297, 299)) a LEFT JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts - INTERVAL '1' SECOND "
      "AND a.ts + INTERVAL '2' SECOND");
  EXPECT_NE(one.error.find("division by zero"), std::string::npos) << one.error;
  // The error names the failing row's file and line (row 300 is line 301) and the column.
  EXPECT_NE(one.error.find("a.csv:301: column 'x': division by zero"), std::string::npos)
      << one.error;
  EXPECT_GT(one.changes.size(), 100u);
}

TEST_F(MergedInputsTest, AScanFailsOnANullRowtime) {
  const std::string ddl = write_stream("a", 400, 7) + write_stream("b", 400, 8, -1, 250);
  const Outcome one = same_at_every_batch_size(
      ddl, "SELECT k, v FROM a WHERE v % 2 = 0 UNION ALL SELECT k, v FROM b WHERE v % 5 <> 0");
  EXPECT_NE(one.error.find("NULL"), std::string::npos) << one.error;
  EXPECT_NE(one.error.find("b.csv:251: stream 'b': rowtime column 'ts' is NULL"), std::string::npos)
      << one.error;
  EXPECT_GT(one.changes.size(), 200u);
}

}  // namespace
}  // namespace eddy
