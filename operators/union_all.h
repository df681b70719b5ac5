// UnionAll: merges its inputs (equal column types) into one stream. Rows pass through as they
// arrive; the driver already delivers them in event-time order. Its watermark is the minimum of
// its inputs' watermarks, and a row's arrival watermark is lowered to what the union had seen
// from its other inputs at that moment. No state, no timers.
#pragma once

#include <utility>
#include <vector>

#include "runtime/operator.h"

namespace eddy {

class UnionAll final : public Operator {
 public:
  explicit UnionAll(int inputs) : input_watermarks_(inputs, kMinTimestamp), input_idle_(inputs, 0) {
    checkpointed_.values("input_watermarks", input_watermarks_);
    checkpointed_.values("input_idle", input_idle_);
  }
  void on_batch(Batch& batch, int port, Output& out) override;
  bool keeps_row_indices() const override { return true; }
  void on_input_watermark(int port, Timestamp watermark) override;
  void on_input_idle(int port, bool idle) override { input_idle_[port] = idle; }
  // Every input's rows at once: one output batch in the driver's merge order.
  bool takes_merged() const override { return true; }
  void on_merged(MergedInputs& merged, Output& out) override;
  OperatorDescription describe() const override;

 private:
  // The lowest watermark of the inputs other than `port` that are not idle.
  Timestamp others(int port) const;
  std::vector<Timestamp> input_watermarks_;
  std::vector<uint8_t> input_idle_;                   // bytes, not bool: saved as they are
  Batch merged_;                                      // on_merged's output
  std::vector<std::pair<uint32_t, uint32_t>> order_;  // on_merged: (input, row) in merge order
};

}  // namespace eddy
