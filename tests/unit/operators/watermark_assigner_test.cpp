// The WatermarkAssigner: per-row arrival watermarks, rows behind the watermark passing on (only
// windows, sessions and timeouts drop late rows), and event time advancing with
// the processing clock while a stream is idle (ADVANCE AFTER ... IDLE), driven by hand.
#include <gtest/gtest.h>

#include "operators/watermark_assigner.h"
#include "runtime/failure.h"

namespace eddy {
namespace {

struct Capture final : Output {
  std::vector<Timestamp> rows;        // rowtimes emitted
  std::vector<Timestamp> arrivals;    // their arrival watermarks
  std::vector<Timestamp> watermarks;  // watermarks emitted
  void emit(Batch& batch) override {
    for (size_t r = 0; r < batch.size(); ++r) {
      rows.push_back(batch.columns[0].ints[r]);
      arrivals.push_back(batch.arrival_watermark[r]);
    }
  }
  void watermark(Timestamp w) override { watermarks.push_back(w); }
  void finish() override {}
};

Batch rows(std::initializer_list<Timestamp> times) {
  Schema schema;
  schema.fields = {{"ts", Type::timestamp()}};
  Batch batch = Batch::with_schema(schema);
  for (Timestamp t : times) batch.columns[0].append_int(t), ++batch.rows;
  return batch;
}

// WATERMARK FOR ts AS ts - 5 ms
std::shared_ptr<const BoundExpr> minus_five() {
  auto expr = make_binary("-", make_column_ref(0, Field{"ts", Type::timestamp(), true}),
                          make_literal(Value::interval(5)));
  return std::shared_ptr<const BoundExpr>(std::move(expr.value()));
}

TEST(WatermarkAssigner, RowsBehindTheWatermarkPassWithTheirArrivalWatermark) {
  WatermarkAssigner assigner("s", 0, "ts", minus_five(), "test");
  Capture out;
  Batch batch = rows({100, 96, 95, 94, 120});  // watermark after 100 is 95: 95 and 94 behind it
  assigner.on_batch(batch, 0, out);
  EXPECT_EQ(out.rows, (std::vector<Timestamp>{100, 96, 95, 94, 120}));
  EXPECT_EQ(out.arrivals, (std::vector<Timestamp>{kMinTimestamp, 95, 95, 95, 95}));
  EXPECT_EQ(out.watermarks, (std::vector<Timestamp>{115}));
  EXPECT_EQ(assigner.metrics().late_rows, 0u);
}

TEST(WatermarkAssigner, ANullRowtimeFailsAfterTheRowsBeforeIt) {
  WatermarkAssigner assigner("s", 0, "ts", minus_five(), "test");
  Capture out;
  Batch batch = rows({100, 101, 0});
  batch.columns[0].set_null(2);
  EXPECT_THROW(assigner.on_batch(batch, 0, out), Failure);
  EXPECT_EQ(out.rows, (std::vector<Timestamp>{100, 101}));
}

TEST(WatermarkAssigner, IdleStreamAdvancesEventTimeWithTheProcessingClock) {
  WatermarkAssigner assigner("s", 0, "ts", minus_five(), "test",
                             /*idle_advance_ms=*/1000);
  Capture out;
  assigner.on_processing_time(10'000, out);
  Batch batch = rows({100});
  assigner.on_batch(batch, 0, out);  // watermark 95, last row at processing time 10 s
  assigner.on_processing_time(10'999, out);
  assigner.on_processing_time(11'000, out);  // exactly the idle interval: no advance yet
  EXPECT_EQ(out.watermarks, (std::vector<Timestamp>{95}));
  assigner.on_processing_time(11'250, out);  // 250 ms beyond: event time follows
  assigner.on_processing_time(12'000, out);
  EXPECT_EQ(out.watermarks, (std::vector<Timestamp>{95, 345, 1095}));
  // A row behind the advanced watermark passes; a new row restarts the idle interval.
  Batch more = rows({1000, 1200});
  assigner.on_batch(more, 0, out);
  EXPECT_EQ(out.rows, (std::vector<Timestamp>{100, 1000, 1200}));
  EXPECT_EQ(out.arrivals, (std::vector<Timestamp>{kMinTimestamp, 1095, 1095}));
  assigner.on_processing_time(12'500, out);
  EXPECT_EQ(out.watermarks.back(), 1195);
}

TEST(WatermarkAssigner, WithoutIdleAdvanceProcessingTimeChangesNothing) {
  WatermarkAssigner assigner("s", 0, "ts", minus_five(), "test");
  Capture out;
  Batch batch = rows({100});
  assigner.on_batch(batch, 0, out);
  assigner.on_processing_time(1'000'000, out);
  EXPECT_EQ(out.watermarks, (std::vector<Timestamp>{95}));
}

}  // namespace
}  // namespace eddy
