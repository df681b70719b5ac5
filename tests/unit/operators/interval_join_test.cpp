// IntervalJoin driven by hand: random inputs on both ports with advancing watermarks, checked
// against a brute-force join for every join kind; the output must never be late on either
// side's time, and a
// checkpoint restored into a fresh operator in the middle must not change it.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <random>

#include <fmt/format.h>

#include "eddy/clock.h"
#include "join_test_util.h"
#include "operators/interval_join.h"

namespace eddy {
namespace {

struct Row {
  int port;
  int64_t k, ts, v;
};

// Records rows as text (with their kind) and checks each time attribute (NULL when padded)
// against the last output watermark.
struct Capture final : JoinRowCapture {
  std::vector<int> rowtimes;
  Timestamp watermark_out = kMinTimestamp;
  int late = 0;
  void emit(Batch& batch) override {
    JoinRowCapture::emit(batch);
    for (size_t r = 0; r < batch.size(); ++r) {
      for (int c : rowtimes)
        if (!batch.columns[c].is_null(r) && batch.columns[c].ints[r] <= watermark_out) ++late;
    }
  }
  void watermark(Timestamp w) override {
    EXPECT_GE(w, watermark_out);
    watermark_out = w;
  }
};

JoinConfig config(JoinType type, int64_t lower, int64_t upper) {
  JoinConfig c = interval_join_config(type, lower, upper);
  // As the planner chooses it: no row late on either side's time (SEMI / ANTI: the left's).
  const bool semi = type == JoinType::Semi || type == JoinType::Anti;
  c.watermark_delay =
      semi ? std::max<int64_t>(0, upper + 1) : std::max<int64_t>({0, upper + 1, 1 - lower});
  return c;
}

// The join's result by brute force, as sorted row texts.
std::vector<std::string> expected(JoinType type, int64_t lower, int64_t upper,
                                  const std::vector<Row>& rows) {
  std::vector<std::string> out;
  std::vector<bool> matched(rows.size(), false);
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].port != 0) continue;
    for (size_t j = 0; j < rows.size(); ++j) {
      if (rows[j].port != 1 || rows[j].k != rows[i].k) continue;
      const int64_t d = rows[j].ts - rows[i].ts;
      if (d < lower || d > upper) continue;
      matched[i] = matched[j] = true;
      if (type != JoinType::Semi && type != JoinType::Anti)
        out.push_back(fmt::format("+I {} {} {} {} {} {}", rows[i].k, rows[i].ts, rows[i].v,
                                  rows[j].k, rows[j].ts, rows[j].v));
    }
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    const bool left = r.port == 0;
    if (left && ((type == JoinType::Semi && matched[i]) || (type == JoinType::Anti && !matched[i])))
      out.push_back(fmt::format("+I {} {} {}", r.k, r.ts, r.v));
    if (matched[i]) continue;
    if (left && (type == JoinType::Left || type == JoinType::Full))
      out.push_back(fmt::format("+I {} {} {} null null null", r.k, r.ts, r.v));
    if (!left && (type == JoinType::Right || type == JoinType::Full))
      out.push_back(fmt::format("+I null null null {} {} {}", r.k, r.ts, r.v));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Feeds `rows` in order, each port's watermark trailing its max time by 20 ms, in batches of
// `batch_size` rows of one port; restores into a fresh operator after `restore_at` rows.
std::vector<std::string> run(JoinType type, int64_t lower, int64_t upper,
                             const std::vector<Row>& rows, size_t batch_size, size_t restore_at,
                             int* late) {
  auto join = std::make_unique<IntervalJoin>(config(type, lower, upper));
  Capture out;
  out.rowtimes = {1};
  if (type != JoinType::Semi && type != JoinType::Anti) out.rowtimes.push_back(4);
  Timestamp port_watermark[2] = {kMinTimestamp, kMinTimestamp};
  Timestamp port_max[2] = {kMinTimestamp, kMinTimestamp};
  Timestamp combined = kMinTimestamp;
  auto advance = [&](int port, Timestamp w) {
    if (w <= port_watermark[port]) return;
    port_watermark[port] = w;
    join->on_input_watermark(port, w);
    Timestamp min = std::min(port_watermark[0], port_watermark[1]);
    if (min > combined) join->on_watermark(combined = min, out);
  };
  size_t i = 0;
  while (i < rows.size()) {
    if (i >= restore_at && restore_at != 0) {
      // A checkpoint as the driver takes it: the declared values, then every key group.
      OperatorState& saved = join->checkpointed();
      const std::string values = saved.save_values();
      std::vector<KeyGroupState> groups;
      saved.save_key_groups(false, groups);
      join = std::make_unique<IntervalJoin>(config(type, lower, upper));
      OperatorState& restored = join->checkpointed();
      EXPECT_TRUE(restored.restore_values(values));
      for (const KeyGroupState& group : groups)
        EXPECT_TRUE(restored.restore_key_group(group.bytes));
      EXPECT_TRUE(restored.finish_restore());
      restore_at = 0;
    }
    const int port = rows[i].port;
    Batch batch = Batch::with_schema(port == 0 ? side_schema("v") : side_schema("w"));
    Timestamp w = port_watermark[port];
    std::vector<Timestamp> next_watermarks;
    while (i < rows.size() && rows[i].port == port && batch.size() < batch_size &&
           !(restore_at != 0 && i >= restore_at)) {
      batch.columns[0].append_int(rows[i].k);
      batch.columns[1].append_int(rows[i].ts);
      batch.columns[2].append_int(rows[i].v);
      batch.arrival_watermark.push_back(w);
      ++batch.rows;
      port_max[port] = std::max(port_max[port], rows[i].ts);
      w = std::max(w, port_max[port] - 20);
      ++i;
    }
    join->on_batch(batch, port, out);
    advance(port, w);
  }
  advance(0, kMaxTimestamp);
  advance(1, kMaxTimestamp);
  join->on_end(out);
  *late = out.late;
  std::sort(out.rows.begin(), out.rows.end());
  return out.rows;
}

// Random rows, each above its port's watermark (not late), interleaved by time like the driver.
std::vector<Row> random_rows(uint32_t seed, int n) {
  std::mt19937 rng(seed);
  std::vector<Row> rows;
  Timestamp max[2] = {0, 0};
  for (int i = 0; i < n; ++i) {
    const int port = int(rng() % 2);
    const Timestamp watermark = max[port] - 20;
    // Mostly increasing, some out of order within the 20 ms bound.
    Timestamp ts = std::max<Timestamp>(watermark + 1, max[port] + int64_t(rng() % 12) - 6);
    max[port] = std::max(max[port], ts);
    rows.push_back({port, int64_t(rng() % 4), ts, i});
  }
  return rows;
}

TEST(IntervalJoin, MatchesBruteForceForEveryKindBatchSizeAndRestore) {
  const std::pair<int64_t, int64_t> bounds[] = {{0, 5}, {-5, 5}, {-10, -3}, {2, 15}, {0, 0}};
  for (JoinType type : {JoinType::Inner, JoinType::Left, JoinType::Right, JoinType::Full,
                        JoinType::Semi, JoinType::Anti}) {
    for (auto [lower, upper] : bounds) {
      for (uint32_t seed = 1; seed <= 4; ++seed) {
        const auto rows = random_rows(seed, 300);
        const auto want = expected(type, lower, upper, rows);
        for (size_t batch_size : {size_t(1), size_t(7), size_t(1000)}) {
          for (size_t restore_at : {size_t(0), size_t(150)}) {
            int late = 0;
            auto got = run(type, lower, upper, rows, batch_size, restore_at, &late);
            SCOPED_TRACE(fmt::format("{} [{}, {}] seed {} batch {} restore {}",
                                     join_type_name(type), lower, upper, seed, batch_size,
                                     restore_at));
            EXPECT_EQ(got, want);
            EXPECT_EQ(late, 0);
          }
        }
      }
    }
  }
}

TEST(IntervalJoin, StateIsFreedOnceTheWatermarkPassesTheInterval) {
  auto join = std::make_unique<IntervalJoin>(config(JoinType::Inner, 0, 10));
  Capture out;
  for (int64_t t = 0; t < 10000; t += 5) {
    for (int port = 0; port < 2; ++port) {
      Batch batch = Batch::with_schema(side_schema(port ? "w" : "v"));
      batch.columns[0].append_int(t % 50);
      batch.columns[1].append_int(t);
      batch.columns[2].append_int(t);
      batch.rows = 1;
      join->on_batch(batch, port, out);
      join->on_input_watermark(port, t - 1);
    }
    join->on_watermark(t - 1, out);
    // At most the rows of the last interval (10 ms, 2 rows per 5 ms), plus one step.
    EXPECT_LE(join->metrics().timers, 8u) << t;
  }
}

Batch one_row(const char* value, int64_t k, int64_t ts, int64_t v) {
  Batch batch = Batch::with_schema(side_schema(value));
  batch.columns[0].append_int(k);
  batch.columns[1].append_int(ts);
  batch.columns[2].append_int(v);
  batch.rows = 1;
  return batch;
}

TEST(IntervalJoin, RegularLeftJoinRetractsAndForgetsRowsAfterAProcessingTimeTtl) {
  ManualClock clock(1000);
  JoinConfig c = config(JoinType::Left, 0, 0);
  c.bounded = false;
  c.watermark_delay = 0;
  c.ttl_ms = 100;
  c.clock = &clock;
  IntervalJoin join(std::move(c));
  ASSERT_TRUE(join.updating());
  Capture out;
  Batch left = one_row("v", 1, 5, 10);
  join.on_batch(left, 0, out);  // no match yet: +I null-padded
  Batch right = one_row("w", 1, 6, 20);
  join.on_batch(right, 1, out);  // retracts it, then the pair
  EXPECT_EQ(out.rows, (std::vector<std::string>{"+I 1 5 10 null null null",
                                                "-D 1 5 10 null null null", "+I 1 5 10 1 6 20"}));
  clock.set(1099);
  join.on_processing_time(clock.now(), out);
  EXPECT_EQ(join.metrics().keys, 1u);
  clock.set(1100);  // both rows are 100 ms old: forgotten, silently
  join.on_processing_time(clock.now(), out);
  EXPECT_EQ(join.metrics().keys, 0u);
  EXPECT_EQ(join.metrics().timers, 0u);
  Batch late_right = one_row("w", 1, 7, 30);
  join.on_batch(late_right, 1, out);  // the left row is gone: no match
  EXPECT_EQ(out.rows.size(), 3u);
}

// Regular joins over updating inputs: random inserts and retractions on both sides; the
// changelog, applied, must equal the join of the rows still live, for every kind.
TEST(IntervalJoin, RegularJoinChangelogOfUpdatingInputsNetsToTheJoinOfLiveRows) {
  for (JoinType type : {JoinType::Inner, JoinType::Left, JoinType::Right, JoinType::Full,
                        JoinType::Semi, JoinType::Anti}) {
    for (uint32_t seed = 1; seed <= 20; ++seed) {
      std::mt19937 rng(seed);
      JoinConfig c = config(type, 0, 0);
      c.bounded = false;
      c.updating_inputs = true;
      c.watermark_delay = 0;
      IntervalJoin join(std::move(c));
      Capture out;
      std::vector<Row> live;
      for (int step = 0; step < 200; ++step) {
        const int port = int(rng() % 2);
        auto [row, kind] = random_change(rng, port, live, [&] {
          return Row{port, int64_t(rng() % 3), int64_t(rng() % 4), int64_t(rng() % 2)};
        });
        Batch batch = one_row(port == 0 ? "v" : "w", row.k, row.ts, row.v);
        batch.kinds = {kind};
        join.on_batch(batch, port, out);
      }
      const auto want = expected(type, std::numeric_limits<int64_t>::min() / 2,
                                 std::numeric_limits<int64_t>::max() / 2, live);
      EXPECT_EQ(net_changelog(out.rows, fmt::format("{} seed {}", join_type_name(type), seed)),
                want)
          << join_type_name(type) << " seed " << seed;
    }
  }
}

// As Flink's TimeIntervalJoin: a stored row is kept until the watermark is past its interval's
// end, so a row exactly at the watermark (a tie with the row that moved it) still matches it; a
// row whose own interval ends at the watermark is not stored (nothing still to come matches it).
TEST(IntervalJoin, ARowAtTheWatermarkMatchesTheRowsWhoseIntervalEndsThere) {
  IntervalJoin join(config(JoinType::Right, -1000, 0));  // right.ts - left.ts in [-1 s, 0]
  Capture out;
  out.rowtimes = {1, 4};
  Batch r1 = one_row("w", 1, 4000, 10);  // its interval: left rows at 4000 .. 5000
  join.on_batch(r1, 1, out);
  join.on_input_watermark(1, 5000);
  Batch l1 = one_row("v", 1, 5000, 1);
  join.on_batch(l1, 0, out);
  join.on_input_watermark(0, 5000);
  join.on_watermark(5000, out);  // at the end of r1's interval: r1 is kept
  Batch l2 = one_row("v", 1, 5000, 2);
  join.on_batch(l2, 0, out);
  EXPECT_EQ(out.take(),
            (std::vector<std::string>{"+I 1 5000 1 1 4000 10", "+I 1 5000 2 1 4000 10"}));
  join.on_watermark(5001, out);  // past it: r1 goes (matched: nothing padded), l1 too
  EXPECT_EQ(join.metrics().keys, 0u);
  Batch r2 = one_row("w", 1, 4001, 20);  // its interval ends at the watermark: padded at once
  join.on_batch(r2, 1, out);
  EXPECT_EQ(out.take(), (std::vector<std::string>{"+I null null null 1 4001 20"}));
  EXPECT_EQ(join.metrics().keys, 0u);
  // The output watermark trails by 1 s 1 ms: r1's pairs at 4000 came after an output
  // watermark of 3999, not late for a window after the join (Flink's, 1 ms ahead, makes them).
  EXPECT_EQ(out.late, 0);
}

TEST(IntervalJoin, ProcessingTimeRowsExpireByTheClockAndFlushAtTheEnd) {
  ManualClock clock(0);
  JoinConfig c = config(JoinType::Left, 0, 1000);  // right.pt - left.pt in [0, 1 s]
  c.processing_time = true;
  c.watermark_delay = 0;
  c.clock = &clock;
  IntervalJoin join(std::move(c));
  Capture out;
  Batch l1 = one_row("v", 1, 0, 10);
  join.on_batch(l1, 0, out);
  clock.set(1000);
  Batch r1 = one_row("w", 1, 1000, 20);  // at the end of l1's interval: a match
  join.on_batch(r1, 1, out);
  Batch l2 = one_row("v", 2, 1000, 30);
  join.on_batch(l2, 0, out);
  join.on_processing_time(1000, out);
  EXPECT_EQ(out.rows, (std::vector<std::string>{"+I 1 0 10 1 1000 20"}));
  // l1 expires 1 ms after its interval (matched: nothing to emit); l2 at 2001, unmatched.
  join.on_processing_time(1001, out);
  EXPECT_EQ(join.metrics().timers, 1u);  // r1 (right.pt - lo + 1 ms) went too; l2's is left
  join.on_processing_time(2000, out);
  EXPECT_EQ(out.rows.size(), 1u);
  join.on_processing_time(2001, out);
  EXPECT_EQ(out.rows,
            (std::vector<std::string>{"+I 1 0 10 1 1000 20", "+I 2 1000 30 null null null"}));
  // The end of the input flushes what is left.
  Batch l3 = one_row("v", 3, 2500, 40);
  clock.set(2500);
  join.on_batch(l3, 0, out);
  join.on_end(out);
  EXPECT_EQ(out.rows.back(), "+I 3 2500 40 null null null");
  EXPECT_EQ(join.metrics().keys, 0u);
}

}  // namespace
}  // namespace eddy
