// WatermarkAssigner: the first operator after a source. It counts the source's rows and, for a
// stream with WATERMARK FOR ts AS expr, gives event time its meaning (DESIGN.md §2):
//   - a row is late when ts <= the watermark in force on its arrival; late rows are counted and
//     dropped, or fail the query under 'late.policy' = 'error';
//   - after each row the watermark becomes max(watermark, expr(row)), never decreasing;
//   - every emitted row carries its arrival watermark (Batch::arrival_watermark);
//   - after each batch it emits the watermark; at end of input the driver raises it to +inf.
// A stream without a watermark passes rows through unchanged and emits no watermark.
#pragma once

#include <memory>
#include <string>

#include "runtime/expr.h"
#include "runtime/operator.h"

namespace eddy {

enum class LatePolicy { Drop, Error };
const char* late_policy_name(LatePolicy policy);

class WatermarkAssigner final : public Operator {
 public:
  // `rowtime` < 0 means no event time. `description` names the stream and its connector.
  WatermarkAssigner(std::string stream, int rowtime, std::string rowtime_name,
                    std::shared_ptr<const BoundExpr> watermark, LatePolicy policy,
                    std::string connector_description);
  void on_batch(Batch& batch, int port, Output& out) override;
  OperatorDescription describe() const override;

 private:
  std::string stream_;
  int rowtime_;
  std::string rowtime_name_;
  std::shared_ptr<const BoundExpr> watermark_expr_;
  LatePolicy policy_;
  std::string connector_description_;
  Timestamp watermark_ = kMinTimestamp;
  Column candidates_;                // reused per batch
  std::vector<uint32_t> selection_;  // reused per batch
};

}  // namespace eddy
