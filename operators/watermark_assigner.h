// WatermarkAssigner: the first operator after a source. It counts the source's rows and, for a
// stream with WATERMARK FOR ts AS expr, gives event time its meaning (DESIGN.md §2):
//   - a row is late when ts <= the watermark in force on its arrival; late rows are counted and
//     dropped, or fail the query under 'late.policy' = 'error';
//   - after each row the watermark becomes max(watermark, expr(row)), never decreasing;
//   - every emitted row carries its arrival watermark (Batch::arrival_watermark);
//   - after each batch it emits the watermark; at end of input the driver raises it to +inf.
// A stream without a watermark passes rows through unchanged and emits no watermark.
// WATERMARK ... ADVANCE AFTER INTERVAL 'n' IDLE: once no row has arrived for n of processing
// time, event time follows the processing clock — the watermark moves on from where the last
// row left it by the processing time elapsed beyond n — so timers still fire when traffic stops.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "runtime/expr.h"
#include "runtime/operator.h"
#include "runtime/source.h"

namespace eddy {

// drop: count and discard; error: fail the query; route: count and write to the 'late.sink'.
enum class LatePolicy { Drop, Error, Route };
const char* late_policy_name(LatePolicy policy);

class WatermarkAssigner final : public Operator {
 public:
  // `rowtime` < 0 means no event time. `description` names the stream and its connector.
  WatermarkAssigner(std::string stream, int rowtime, std::string rowtime_name,
                    std::shared_ptr<const BoundExpr> watermark, LatePolicy policy,
                    std::string connector_description, int64_t idle_advance_ms = 0,
                    std::unique_ptr<Sink> late_sink = nullptr, std::string late_sink_name = "");
  void on_batch(Batch& batch, int port, Output& out) override;
  void on_processing_time(Timestamp now, Output& out) override;
  void on_end(Output& out) override;
  OperatorDescription describe() const override;

 private:
  std::string stream_;
  int rowtime_;
  std::string rowtime_name_;
  std::shared_ptr<const BoundExpr> watermark_expr_;
  LatePolicy policy_;
  std::string connector_description_;
  Timestamp watermark_ = kMinTimestamp;
  int64_t idle_advance_ms_;
  Timestamp now_ = kMinTimestamp;          // processing time, as last told by the driver
  Timestamp last_row_at_ = kMinTimestamp;  // processing time of the last row
  Timestamp watermark_at_last_row_ = kMinTimestamp;
  std::unique_ptr<Sink> late_sink_;
  std::string late_sink_name_;
  std::vector<uint32_t> late_;       // reused per batch
  Column candidates_;                // reused per batch
  std::vector<uint32_t> selection_;  // reused per batch
};

}  // namespace eddy
