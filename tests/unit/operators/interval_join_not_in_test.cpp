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
#include <set>

#include <fmt/format.h>

#include "operators/interval_join.h"

namespace eddy {
namespace {

Schema side_schema(const char* value) {
  Schema schema;
  schema.fields = {
      {"k", Type::int64(), true}, {"ts", Type::timestamp(), false}, {value, Type::int64(), false}};
  schema.rowtime = 1;
  return schema;
}

struct Row {
  int port;
  std::optional<int64_t> k;
  int64_t ts, v;
};

struct Capture final : Output {
  std::vector<std::string> rows;
  void emit(Batch& batch) override {
    for (size_t r = 0; r < batch.size(); ++r)
      rows.push_back(fmt::format("{} {} {} {}", row_kind_symbol(batch.kind(r)),
                                 batch.columns[0].is_null(r)
                                     ? std::string("null")
                                     : std::to_string(batch.columns[0].ints[r]),
                                 batch.columns[1].ints[r], batch.columns[2].ints[r]));
  }
  void watermark(Timestamp) override {}
  void finish() override {}
};

JoinConfig not_in(int64_t lower, int64_t upper, bool bounded) {
  JoinConfig c;
  c.type = JoinType::Anti;
  c.left = side_schema("v");
  c.right = side_schema("w");
  c.output = c.left;
  c.left_keys.push_back(make_column_ref(0, c.left[0]));
  c.right_keys.push_back(make_column_ref(0, c.right[0]));
  c.null_aware = true;
  c.bounded = bounded;
  c.updating_inputs = !bounded;
  c.left_time = c.right_time = 1;
  c.lower = lower;
  c.upper = upper;
  c.watermark_delay = bounded ? std::max<int64_t>(0, upper) : 0;
  return c;
}

Batch batch_of(const Row& row) {
  Batch batch = Batch::with_schema(side_schema(row.port == 0 ? "v" : "w"));
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
      Capture out;
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
    Capture out;
    std::vector<Row> live;
    for (int step = 0; step < 150; ++step) {
      const int port = int(rng() % 2);
      std::vector<size_t> candidates;
      for (size_t i = 0; i < live.size(); ++i)
        if (live[i].port == port) candidates.push_back(i);
      const bool retract = !candidates.empty() && rng() % 3 == 0;
      Row row{port, random_key(rng), int64_t(rng() % 4), int64_t(rng() % 2)};
      if (retract) {
        const size_t victim = candidates[rng() % candidates.size()];
        row = live[victim];
        live.erase(live.begin() + long(victim));
      } else {
        live.push_back(row);
      }
      Batch batch = batch_of(row);
      batch.kinds = {retract ? RowKind::Delete : RowKind::Insert};
      join.on_batch(batch, port, out);
    }
    std::multiset<std::string> net;
    for (const std::string& change : out.rows) {
      const std::string row = "+I" + change.substr(2);
      if (change.rfind("-D", 0) == 0) {
        auto it = net.find(row);
        ASSERT_NE(it, net.end()) << "seed " << seed << ": " << change;
        net.erase(it);
      } else {
        net.insert(row);
      }
    }
    EXPECT_EQ(std::vector<std::string>(net.begin(), net.end()),
              expected(live, std::numeric_limits<int64_t>::min() / 2,
                       std::numeric_limits<int64_t>::max() / 2))
        << "seed " << seed;
  }
}

}  // namespace
}  // namespace eddy
