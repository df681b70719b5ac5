// The null-aware ANTI join of `x NOT IN (SELECT y ...)`: random rows with NULL keys on both
// sides, checked against SQL's definition evaluated by brute force — a left row is emitted iff
// no right row in its interval makes `x = y` TRUE or unknown (a NULL x or y). Interval mode
// (rows in time order, watermarks trailing) and regular mode with retractions (the changelog,
// applied, must equal the definition over the rows still live).
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <random>

#include <fmt/format.h>

#include "join_test_util.h"
#include "operators/interval_join.h"

namespace eddy {
namespace {

struct Row {
  int port;
  std::optional<int64_t> k;
  int64_t ts, v;
};

JoinConfig not_in(int64_t lower, int64_t upper, bool bounded) {
  JoinConfig c = interval_join_config(JoinType::Anti, lower, upper, /*nullable_keys=*/true);
  c.null_aware = true;
  c.bounded = bounded;
  c.updating_inputs = !bounded;
  c.watermark_delay = bounded ? std::max<int64_t>(0, upper + 1) : 0;
  return c;
}

Batch batch_of(const Row& row) {
  Batch batch = Batch::with_schema(side_schema(row.port == 0 ? "v" : "w", /*nullable_key=*/true));
  if (row.k)
    batch.columns[0].append_int(*row.k);
  else
    batch.columns[0].append_null();
  batch.columns[1].append_int(row.ts);
  batch.columns[2].append_int(row.v);
  batch.rows = 1;
  return batch;
}

// SQL's NOT IN, row by row, as sorted "+I k ts v" texts.
std::vector<std::string> expected(const std::vector<Row>& rows, int64_t lower, int64_t upper) {
  std::vector<std::string> out;
  for (const Row& l : rows) {
    if (l.port != 0) continue;
    bool excluded = false;
    for (const Row& r : rows) {
      if (r.port != 1 || r.ts - l.ts < lower || r.ts - l.ts > upper) continue;
      excluded = excluded || !l.k || !r.k || *l.k == *r.k;
    }
    if (!excluded)
      out.push_back(fmt::format("+I {} {} {}", l.k ? std::to_string(*l.k) : "null", l.ts, l.v));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<int64_t> random_key(std::mt19937& rng) {
  const int64_t k = int64_t(rng() % 5);
  if (k == 4) return std::nullopt;
  return k;
}

TEST(IntervalJoinNotIn, IntervalModeMatchesSqlNotIn) {
  for (auto [lower, upper] : {std::pair<int64_t, int64_t>{-5, 5}, {0, 10}, {-8, -2}}) {
    for (uint32_t seed = 1; seed <= 30; ++seed) {
      std::mt19937 rng(seed);
      IntervalJoin join(not_in(lower, upper, true));
      JoinRowCapture out;
      std::vector<Row> rows;
      Timestamp max[2] = {0, 0}, port_watermark[2] = {kMinTimestamp, kMinTimestamp};
      Timestamp combined = kMinTimestamp;
      for (int i = 0; i < 200; ++i) {
        const int port = int(rng() % 2);
        const Timestamp ts =
            std::max<Timestamp>(max[port] - 19, max[port] + int64_t(rng() % 10) - 4);
        max[port] = std::max(max[port], ts);
        rows.push_back({port, random_key(rng), ts, i});
        Batch batch = batch_of(rows.back());
        batch.arrival_watermark.push_back(port_watermark[port]);
        join.on_batch(batch, port, out);
        port_watermark[port] = std::max(port_watermark[port], max[port] - 20);
        join.on_input_watermark(port, port_watermark[port]);
        const Timestamp w = std::min(port_watermark[0], port_watermark[1]);
        if (w > combined) join.on_watermark(combined = w, out);
      }
      join.on_input_watermark(0, kMaxTimestamp);
      join.on_input_watermark(1, kMaxTimestamp);
      join.on_watermark(kMaxTimestamp, out);
      std::sort(out.rows.begin(), out.rows.end());
      EXPECT_EQ(out.rows, expected(rows, lower, upper))
          << "[" << lower << ", " << upper << "] seed " << seed;
      EXPECT_EQ(join.metrics().keys, 0u);
    }
  }
}

TEST(IntervalJoinNotIn, RegularModeChangelogNetsToSqlNotInOfTheLiveRows) {
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    std::mt19937 rng(seed);
    IntervalJoin join(not_in(0, 0, false));
    JoinRowCapture out;
    std::vector<Row> live;
    for (int step = 0; step < 150; ++step) {
      const int port = int(rng() % 2);
      auto [row, kind] = random_change(rng, port, live, [&] {
        return Row{port, random_key(rng), int64_t(rng() % 4), int64_t(rng() % 2)};
      });
      Batch batch = batch_of(row);
      batch.kinds = {kind};
      join.on_batch(batch, port, out);
    }
    EXPECT_EQ(net_changelog(out.rows, fmt::format("seed {}", seed)),
              expected(live, std::numeric_limits<int64_t>::min() / 2,
                       std::numeric_limits<int64_t>::max() / 2))
        << "seed " << seed;
  }
}

}  // namespace
}  // namespace eddy
