// WatermarkAssigner: the first operator after a source. It counts the source's rows and, for a
// stream with WATERMARK FOR ts AS expr, gives event time its meaning (DESIGN.md §2):
//   - rows behind the watermark (ts <= the watermark in force on arrival) pass like any other:
//     only the operators that emit final results per time span (windows, sessions, timeouts)
//     decide whether such a row is late for them (runtime/late_rows.h);
//   - a NULL rowtime is a data error;
//   - after each row the watermark becomes max(watermark, expr(row)), never decreasing;
//   - every emitted row carries its arrival watermark (Batch::arrival_watermark);
//   - after each batch it emits the watermark; at end of input the driver raises it to +inf;
//   - a watermark the source carries (an embedded stream's, from code) comes as its input's
//     watermark: the stream's watermark is the higher of the two, and rows after it carry it.
// A stream without a watermark passes rows through unchanged and emits no watermark.
// WATERMARK ... ADVANCE AFTER INTERVAL 'n' IDLE: once no row has arrived for n of processing
// time, event time follows the processing clock — the watermark moves on from where the last
// row left it by the processing time elapsed beyond n — so timers still fire when traffic stops.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "expr/expr.h"
#include "runtime/operator.h"

namespace eddy {

class WatermarkAssigner final : public Operator {
 public:
  // `rowtime` < 0 means no event time. `description` names the stream and its connector.
  WatermarkAssigner(std::string stream, int rowtime, std::string rowtime_name,
                    std::shared_ptr<const BoundExpr> watermark, std::string connector_description,
                    int64_t idle_advance_ms = 0);
  // The source keeps the watermark per partition (Source::row_watermarks): rows come with their
  // arrival watermarks, and the stream's watermark comes from the source only.
  void set_source_row_watermarks(bool on) { source_row_watermarks_ = on; }
  void on_batch(Batch& batch, int port, Output& out) override;
  void on_watermark(Timestamp watermark, Output& out) override;
  void on_processing_time(Timestamp now, Output& out) override;
  bool row_wise() const override { return true; }
  bool keeps_row_indices() const override { return true; }
  OperatorDescription describe() const override;

 private:
  std::string stream_;
  int rowtime_;
  std::string rowtime_name_;
  std::shared_ptr<const BoundExpr> watermark_expr_;
  std::string connector_description_;
  Timestamp watermark_ = kMinTimestamp;
  int64_t idle_advance_ms_;
  bool source_row_watermarks_ = false;
  Timestamp now_ = kMinTimestamp;          // processing time, as last told by the driver
  Timestamp last_row_at_ = kMinTimestamp;  // processing time of the last row
  Timestamp watermark_at_last_row_ = kMinTimestamp;
  Column candidates_;  // reused per batch
};

}  // namespace eddy
