// The sorting operators driven by hand, for what a SQL file cannot reach: TimeSort's late rows
// (rows behind the watermark are still dropped at the source today) and its release of rows
// between the rows of one batch by their arrival watermarks; SortLimit's retractions and ties.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "operators/sort_limit.h"
#include "operators/time_sort.h"

namespace eddy {
namespace {

Schema schema() {
  Schema s;
  s.fields = {{"ts", Type::timestamp(), false}, {"v", Type::int64(), true}};
  s.rowtime = 0;
  return s;
}

struct Row {
  int64_t ts;
  int64_t v;
  Timestamp arrival = kMinTimestamp;
  RowKind kind = RowKind::Insert;
};

Batch batch_of(const std::vector<Row>& rows, bool with_arrival, bool with_kinds) {
  Batch batch = Batch::with_schema(schema());
  for (const Row& row : rows) {
    batch.columns[0].ints.push_back(row.ts);
    batch.columns[1].ints.push_back(row.v);
    if (with_arrival) batch.arrival_watermark.push_back(row.arrival);
    if (with_kinds) batch.kinds.push_back(row.kind);
    ++batch.rows;
  }
  return batch;
}

// Rows as "ts:v", counting those emitted behind the arrival watermark they carry (only rows
// that themselves arrived behind the watermark may be).
struct Capture final : Output {
  std::vector<std::string> rows;
  int behind = 0;
  Timestamp watermark_out = kMinTimestamp;
  void emit(Batch& batch) override {
    for (size_t r = 0; r < batch.size(); ++r) {
      rows.push_back(fmt::format("{}:{}", batch.columns[0].ints[r], batch.columns[1].ints[r]));
      if (!batch.arrival_watermark.empty() &&
          batch.arrival_watermark[r] >= batch.columns[0].ints[r])
        ++behind;
    }
  }
  void watermark(Timestamp w) override { watermark_out = w; }
  void finish() override {}
};

std::vector<SortKey> by_time_then_v_desc() { return {{0, false, true}, {1, true, false}}; }

TEST(TimeSort, ReleasesRowsInTimeOrderAsTheWatermarkPasses) {
  TimeSort sort(schema(), by_time_then_v_desc());
  Capture out;
  Batch rows = batch_of({{30, 1}, {10, 2}, {20, 3}, {10, 4}}, false, false);
  sort.on_batch(rows, 0, out);
  EXPECT_TRUE(out.rows.empty());
  sort.on_watermark(20, out);
  // Equal rowtimes by the second key (v descending).
  EXPECT_EQ(out.rows, (std::vector<std::string>{"10:4", "10:2", "20:3"}));
  sort.on_watermark(kMaxTimestamp, out);
  EXPECT_EQ(out.rows.back(), "30:1");
}

TEST(TimeSort, ArrivalWatermarksReleaseBetweenRowsAndMakeLaterRowsLate) {
  // One batch, as batch size 1 would see it: 5 arrives, then the watermark 6 releases it, then
  // 4 arrives before the last rowtime emitted (late), 6 behind the watermark but after 5 (it
  // waits for the next release, as in Flink), then 7.
  auto run = [](bool one_batch) {
    TimeSort sort(schema(), by_time_then_v_desc());
    Capture out;
    std::vector<Row> rows = {{5, 1, kMinTimestamp}, {8, 2, 6}, {4, 3, 6}, {6, 5, 6}, {7, 4, 6}};
    if (one_batch) {
      Batch batch = batch_of(rows, true, false);
      sort.on_batch(batch, 0, out);
    } else {
      Timestamp watermark = kMinTimestamp;
      for (const Row& row : rows) {
        if (row.arrival > watermark) sort.on_watermark(watermark = row.arrival, out);
        Batch batch = batch_of({row}, true, false);
        sort.on_batch(batch, 0, out);
      }
    }
    sort.on_watermark(kMaxTimestamp, out);
    EXPECT_EQ(sort.metrics().late_rows, 1u);
    EXPECT_EQ(out.behind, 1);  // 6
    return out.rows;
  };
  std::vector<std::string> expected = {"5:1", "6:5", "7:4", "8:2"};
  EXPECT_EQ(run(true), expected);
  EXPECT_EQ(run(false), expected);
}

TEST(TimeSort, SnapshotKeepsBufferedRows) {
  TimeSort sort(schema(), by_time_then_v_desc());
  Capture out;
  Batch rows = batch_of({{30, 1}, {10, 2}}, false, false);
  sort.on_batch(rows, 0, out);
  sort.on_watermark(15, out);
  TimeSort restored(schema(), by_time_then_v_desc());
  ASSERT_TRUE(restored.checkpointed().restore_values(sort.checkpointed().save_values()));
  ASSERT_TRUE(restored.checkpointed().finish_restore());
  // 10 was emitted before the snapshot: another 10 is late; 12 is behind the watermark but
  // still placeable.
  Batch more = batch_of({{10, 9}, {12, 8}}, false, false);
  restored.on_batch(more, 0, out);
  EXPECT_EQ(restored.metrics().late_rows, 1u);
  restored.on_watermark(kMaxTimestamp, out);
  EXPECT_EQ(out.rows, (std::vector<std::string>{"10:2", "12:8", "30:1"}));
  EXPECT_EQ(out.behind, 1);  // 12
}

TEST(TimeSort, ManyRowsOutOfOrderComeOutSorted) {
  // Rows up to 50 ms out of order under a watermark 60 ms behind: none is late, every release
  // takes a few rows, and released rows are compacted away many times over.
  std::mt19937 random(7);
  std::vector<Row> rows;
  Timestamp max_ts = kMinTimestamp;
  for (int64_t i = 0; i < 5000; ++i) {
    Row row{1000 + i + int64_t(random() % 50), int64_t(random() % 3)};
    row.arrival = max_ts == kMinTimestamp ? kMinTimestamp : max_ts - 60;
    max_ts = std::max(max_ts, row.ts);
    rows.push_back(row);
  }
  std::vector<size_t> order(rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return rows[a].ts != rows[b].ts ? rows[a].ts < rows[b].ts : rows[a].v > rows[b].v;
  });
  std::vector<std::string> expected;
  for (size_t i : order) expected.push_back(fmt::format("{}:{}", rows[i].ts, rows[i].v));
  for (size_t batch_size : {size_t(1), size_t(7), rows.size()}) {
    TimeSort sort(schema(), by_time_then_v_desc());
    Capture out;
    for (size_t begin = 0; begin < rows.size(); begin += batch_size) {
      std::vector<Row> part(rows.begin() + begin,
                            rows.begin() + std::min(rows.size(), begin + batch_size));
      Batch batch = batch_of(part, true, false);
      sort.on_batch(batch, 0, out);
      sort.on_watermark(part.back().arrival, out);
    }
    sort.on_watermark(kMaxTimestamp, out);
    EXPECT_EQ(sort.metrics().late_rows, 0u);
    EXPECT_EQ(out.behind, 0);
    EXPECT_EQ(out.rows, expected) << "batch size " << batch_size;
  }
}

TEST(SortLimit, SortsTheFinalTableOfAnUpdatingInput) {
  SortLimit sort(schema(), {{1, true, false}}, 2);
  Capture out;
  Batch rows = batch_of({{1, 5, kMinTimestamp, RowKind::Insert},
                         {2, 9, kMinTimestamp, RowKind::Insert},
                         {2, 9, kMinTimestamp, RowKind::UpdateBefore},
                         {2, 1, kMinTimestamp, RowKind::UpdateAfter},
                         {3, 7, kMinTimestamp, RowKind::Insert},
                         {4, 7, kMinTimestamp, RowKind::Insert},
                         {4, 7, kMinTimestamp, RowKind::Delete}},
                        false, true);
  sort.on_batch(rows, 0, out);
  sort.on_watermark(100, out);
  EXPECT_TRUE(out.rows.empty());  // nothing before the end
  sort.on_end(out);
  EXPECT_EQ(out.rows, (std::vector<std::string>{"3:7", "1:5"}));
}

TEST(SortLimit, TiesKeepFirstSeenOrderAndDuplicatesCount) {
  SortLimit sort(schema(), {{1, false, true}}, std::nullopt);
  Capture out;
  Batch rows = batch_of({{3, 1}, {1, 1}, {3, 1}, {2, 0}}, false, false);
  sort.on_batch(rows, 0, out);
  sort.on_end(out);
  EXPECT_EQ(out.rows, (std::vector<std::string>{"2:0", "3:1", "3:1", "1:1"}));
}

}  // namespace
}  // namespace eddy
