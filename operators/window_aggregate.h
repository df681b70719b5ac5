// WindowAggregate: GROUP BY window_start, window_end, k... over a window table function (and the
// GROUP BY TUMBLE(...)/HOP(...) group windows). Rows fold into their (window, key) accumulators;
// when the watermark reaches window_end - 1 the window emits one append-only row (the key
// columns, then the aggregates) and its state is freed. Windows closing at the same time emit in
// the order their keys were first seen. End of input (watermark +inf) closes every window.
// State: accumulators per open (window, key). Timers: one event-time timer per open window key.
// An updating input (a changelog stream) retracts: -U / -D rows are taken back out of their
// window (a retraction for a window and key never seen is ignored), and a window left with no
// rows emits nothing, as in Flink.
#pragma once

#include <string>
#include <vector>

#include "runtime/operator.h"
#include "state/aggregate_set.h"
#include "state/keyed_state.h"
#include "state/timer_service.h"

namespace eddy {

class WindowAggregate final : public Operator {
 public:
  // The input's first `key_count` columns are the group key; key column `window_end` holds the
  // window end. `output` is the key columns then the aggregates.
  // `processing_time`: windows over PROCTIME() close by the processing clock; end of input
  // closes every open window.
  WindowAggregate(size_t key_count, int window_end, std::vector<std::string> key_names,
                  std::vector<AggregateSpec> aggregates, Schema input, Schema output,
                  bool processing_time, bool retracting = false);
  void on_batch(Batch& batch, int port, Output& out) override;
  void on_watermark(Timestamp watermark, Output& out) override;
  void on_processing_time(Timestamp now, Output& out) override;
  void on_end(Output& out) override;
  OperatorDescription describe() const override;

 private:
  size_t key_count_;
  int window_end_;
  std::vector<std::string> key_names_;
  KeyedState state_;
  BatchKeys keys_;
  AggregateSet aggregates_;
  TimerService timers_;
  Schema output_schema_;
  Batch out_;
  std::vector<EmitOrder> order_;
  Timestamp emitted_watermark_ = kMinTimestamp;
  bool processing_time_;
  FixedState<int64_t>* row_count_ = nullptr;  // retracting: rows in the window and key
  // Closes the windows whose timers are due by `time` and emits them.
  void close_windows(Timestamp time, Output& out);
};

}  // namespace eddy
