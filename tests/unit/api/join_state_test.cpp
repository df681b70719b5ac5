// Join state over long runs, through the embedding API: two datagen streams of millions of rows,
// joined with an interval bound (INNER, LEFT ANTI via NOT EXISTS, LEFT OUTER), sampled with
// Query::stats() while the result is fetched. An interval join keeps a row only until the
// watermark passes the end of its interval, so its state must stay flat however long the run
// (docs/language.md, "Joins"); the result must not depend on the batch size.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "eddy/engine.h"

namespace eddy {
namespace {

struct Sample {
  uint64_t rows_in = 0;
  uint64_t state_bytes = 0;
  uint64_t keys = 0;
  uint64_t timers = 0;
};

struct JoinRun {
  uint64_t changes = 0;
  uint64_t nulls = 0;     // result rows with a NULL in the last column (outer: unmatched)
  uint64_t checksum = 0;  // order-sensitive hash of every change
  uint64_t rows_in = 0;
  std::vector<Sample> samples;  // one per fetched chunk
};

// a: one row every 10 ms from 00:00:00; b: one every 10 ms from 00:00:00.005, other keys
// (its own seed). Keys uniform in [1, 1000].
std::string streams_ddl(uint64_t rows_per_stream) {
  std::string ddl;
  for (const char* name : {"a", "b"}) {
    bool is_b = name[0] == 'b';
    ddl += std::string("CREATE STREAM ") + name +
           " (k BIGINT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) "
           "WITH ('connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '" +
           std::to_string(rows_per_stream) + "', 'seed' = '" + (is_b ? "7" : "1") +
           "', 'fields.k.min' = '1', 'fields.k.max' = '1000', 'fields.ts.kind' = 'sequence', "
           "'fields.ts.start' = '" +
           (is_b ? "2024-01-01 00:00:00.005" : "2024-01-01 00:00:00") +
           "', 'fields.ts.step' = '10 ms');\n";
  }
  return ddl;
}

const char* kInner =
    "SELECT a.k, a.ts AS ats, b.ts AS bts FROM a JOIN b ON a.k = b.k "
    "AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '2' SECOND";
const char* kAnti =
    "SELECT * FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k "
    "AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '2' SECOND)";
const char* kLeft =
    "SELECT a.k, a.ts AS ats, b.ts AS bts FROM a LEFT JOIN b ON a.k = b.k "
    "AND b.ts BETWEEN a.ts - INTERVAL '1' SECOND AND a.ts + INTERVAL '3' SECOND";
// No time bound: a regular join, its rows forgotten 2 s of event time after their rowtime.
const char* kRegular = "SELECT a.k, a.ts AS ats, b.ts AS bts FROM a JOIN b ON a.k = b.k";
const std::map<std::string, std::string> kEventTtl = {{"state.ttl", "2 s"},
                                                      {"state.ttl.time", "event"}};

JoinRun run_join(size_t batch_size, uint64_t rows_per_stream, const std::string& query,
                 std::map<std::string, std::string> settings = {}) {
  EngineOptions options;
  options.settings = std::move(settings);
  options.batch_size = batch_size;
  options.clock = std::make_shared<ManualClock>(0);
  Engine engine(options);
  JoinRun run;
  auto outcome = engine.execute(streams_ddl(rows_per_stream) + query);
  EXPECT_TRUE(outcome.is_ok()) << (outcome ? "" : outcome.error().to_string());
  if (!outcome || !outcome.value().query) return run;
  Query& q = *outcome.value().query;
  Chunk chunk;
  uint64_t hash = 1469598103934665603ULL;
  auto mix = [&](uint64_t v) { hash = (hash ^ v) * 1099511628211ULL; };
  while (true) {
    auto more = q.fetch(chunk);
    EXPECT_TRUE(more.is_ok()) << (more ? "" : more.error().to_string());
    if (!more || !more.value()) break;
    const size_t columns = chunk.schema().size();
    for (size_t r = 0; r < chunk.size(); ++r) {
      mix(static_cast<uint64_t>(chunk.kind(r)));
      for (size_t c = 0; c < columns; ++c)
        mix(chunk.is_null(r, c) ? 0x9e3779b97f4a7c15ULL
                                : static_cast<uint64_t>(chunk.int_value(r, c)));
      if (chunk.is_null(r, columns - 1)) ++run.nulls;
    }
    run.changes += chunk.size();
    QueryStats stats = q.stats();
    run.samples.push_back({stats.rows_in, stats.state_bytes, stats.keys, stats.timers});
  }
  run.checksum = hash;
  run.rows_in = q.stats().rows_in;
  return run;
}

// The largest sample of `field` whose rows_in lies in [from, to) of `total`.
uint64_t max_between(const JoinRun& run, uint64_t Sample::*field, double from, double to) {
  uint64_t max = 0;
  const double total = static_cast<double>(run.rows_in);
  for (const Sample& s : run.samples) {
    double at = static_cast<double>(s.rows_in) / total;
    if (at >= from && at < to) max = std::max(max, s.*field);
  }
  return max;
}

// State over the last half of the input is no larger than 1.5 x over its second quarter, and
// the largest state ever is a small fraction of what keeping every input row would take (each
// row has three 8-byte columns; the join keeps one timer per live row, and 16-byte expiry
// lookahead entries, operators/expiry_lookahead.h, for the timers of the next 128 ms or so).
void expect_flat_state(const JoinRun& run, uint64_t total_rows) {
  ASSERT_EQ(run.rows_in, total_rows);
  ASSERT_GT(run.samples.size(), 40u) << "too few samples to judge";
  for (auto [field, name] :
       {std::pair{&Sample::state_bytes, "state_bytes"}, std::pair{&Sample::timers, "timers"},
        std::pair{&Sample::keys, "keys"}}) {
    uint64_t quarter2 = max_between(run, field, 0.25, 0.5);
    uint64_t half2 = max_between(run, field, 0.5, 1.01);
    EXPECT_GT(quarter2, 0u) << name;
    EXPECT_LE(half2, quarter2 + quarter2 / 2)
        << name << " grows: max " << quarter2 << " over the second quarter, " << half2
        << " over the second half";
  }
  uint64_t peak = max_between(run, &Sample::state_bytes, 0, 1.01);
  EXPECT_LT(peak, total_rows * 32 / 10) << "peak state " << peak << " bytes";
  // Live rows: a few seconds of both inputs (100 rows/s each), far below the input.
  EXPECT_LT(max_between(run, &Sample::timers, 0, 1.01), total_rows / 100);
}

// Rows per stream: 3M events in all (about 4 s a test in an optimised build); fewer without
// optimisation or under a sanitizer (make test-sanitize), still hundreds of times the rows the
// interval keeps.
// The state is sampled once per fetched chunk (up to a batch of results), so the smaller runs
// use a smaller batch to keep enough samples.
#if defined(__OPTIMIZE__) && !defined(__SANITIZE_ADDRESS__)
constexpr uint64_t kRows = 1'500'000;
constexpr size_t kBatch = 1024;
#else
constexpr uint64_t kRows = 200'000;
constexpr size_t kBatch = 128;
#endif

TEST(JoinStateTest, InnerIntervalJoinStateStaysFlat) {
  JoinRun big = run_join(kBatch, kRows, kInner);
  expect_flat_state(big, 2 * kRows);
  // Per a row: ~200 b rows in the 2 s after it, 1 in 1000 of the same key.
  EXPECT_GT(big.changes, kRows / 10);
  EXPECT_LT(big.changes, kRows / 2);
  EXPECT_EQ(big.nulls, 0u);
  JoinRun small = run_join(100, kRows, kInner);
  EXPECT_EQ(small.changes, big.changes);
  EXPECT_EQ(small.checksum, big.checksum);
  EXPECT_EQ(small.samples.back().state_bytes, big.samples.back().state_bytes);
}

TEST(JoinStateTest, AntiJoinStateStaysFlat) {
  JoinRun big = run_join(kBatch, kRows, kAnti);
  expect_flat_state(big, 2 * kRows);
  // ~18% of a's rows have a match in b.
  EXPECT_GT(big.changes, kRows * 7 / 10);
  EXPECT_LT(big.changes, kRows * 95 / 100);
  JoinRun small = run_join(100, kRows, kAnti);
  EXPECT_EQ(small.changes, big.changes);
  EXPECT_EQ(small.checksum, big.checksum);
}

TEST(JoinStateTest, LeftOuterIntervalJoinStateStaysFlat) {
  constexpr uint64_t kLeftRows = kRows / 2;
  JoinRun big = run_join(kBatch, kLeftRows, kLeft);
  expect_flat_state(big, 2 * kLeftRows);
  // ~33% of a's rows match (4 s of b, 1 in 1000); the rest come null-padded.
  EXPECT_GT(big.nulls, kLeftRows / 2);
  EXPECT_GT(big.changes - big.nulls, kLeftRows / 5);
  JoinRun small = run_join(100, kLeftRows, kLeft);
  EXPECT_EQ(small.changes, big.changes);
  EXPECT_EQ(small.nulls, big.nulls);
  EXPECT_EQ(small.checksum, big.checksum);
}

TEST(JoinStateTest, RegularJoinWithEventTimeTtlStateStaysFlat) {
  constexpr uint64_t kTtlRows = kRows / 2;
  JoinRun big = run_join(kBatch, kTtlRows, kRegular, kEventTtl);
  expect_flat_state(big, 2 * kTtlRows);
  EXPECT_GT(big.changes, kTtlRows / 10);
  EXPECT_EQ(big.nulls, 0u);
  JoinRun small = run_join(100, kTtlRows, kRegular, kEventTtl);
  EXPECT_EQ(small.changes, big.changes);
  EXPECT_EQ(small.checksum, big.checksum);
}

}  // namespace
}  // namespace eddy
