// WindowAggregate: GROUP BY window_start, window_end, k... over a window table function (and the
// GROUP BY TUMBLE(...)/HOP(...) group windows). Rows fold into their window's accumulators
// within their key; when the watermark reaches window_end - 1 the window emits one append-only
// row (the key columns, then the aggregates) and its state is freed. Windows closing at the same
// time emit in the order their (window, key) pairs were first seen. End of input (watermark
// +inf) closes every window.
// State, as in Flink's WindowOperator: keyed by the group key without the window columns
// (window_end, and window_start when it is a key and the planner marks it), with the window as a
// namespace inside the key (state/window_state.h): each key holds its open windows and their
// accumulators, and is forgotten when its last window closes. Timers: one per window end
// (window_end - 1), with the list of the windows it closes (WindowSlots::pop_due), rather than
// one per key and window.
// An updating input (a changelog stream) retracts: -U / -D rows are taken back out of their
// window (a retraction for a window and key never seen is ignored), and a window left with no
// rows emits nothing, as in Flink.
// Checkpoints of the earlier layout (one key per window and group key) do not restore.
// Event time, batches: a row that arrived under watermark W comes after the windows due by W, so
// before a row whose W is ahead of what has fired the rows before it fold and those windows fire
// (as they would on the watermark before the row with one row per batch), carrying the previous
// row's arrival watermark; the windows the watermark after a batch fires carry its last row's
// (fired_through_: what one row per batch would have emitted last). Downstream operators fire
// their timers by these arrival watermarks (an outer interval join expires its unmatched rows
// between windows), so their output does not depend on where batches are cut. On N instances
// (operators/keyed_exchange.h) every instance is brought to the batch's last arrival watermark
// (on_arrival_watermark), so each window fires in the batch one instance fires it in, and a
// window's rows order by (window_end - 1, the position of the row that opened it), as in one
// instance.
// HOP slicing (slice(), Flink's slice-shared windows): a HOP window of size S and slide L is the
// union of S / gcd(S, L) slices of gcd(S, L) (a CUMULATE window, of the slices of its step from
// the start of its tumbling window). The WindowAssign below sends each row once, with
// its slice as window_start / window_end; the state is kept per key and slice (the slices are
// the namespaces), and a window fires as its slices' accumulators merged. A slice is freed once
// the last window holding it has fired. Rows behind the watermark: a row that arrived under
// watermark W takes no window ending by W + 1 ms (the windows due by W have fired before it), so
// later windows hold no more rows than without slicing; a window's rows order by the position
// of the row that opened the key's first slice in it.
#pragma once

#include <string>
#include <vector>

#include "operators/window_assign.h"
#include "runtime/operator.h"
#include "state/aggregate_set.h"
#include "state/keyed_state.h"
#include "state/window_state.h"

namespace eddy {

class WindowAggregate final : public Operator {
 public:
  // The input's first `key_count` columns are the group key; key column `window_end` holds the
  // window end, and key column `output.window_start`, if set, the window start. `output` is the
  // key columns then the aggregates.
  // `processing_time`: windows over PROCTIME() close by the processing clock; end of input
  // closes every open window.
  WindowAggregate(size_t key_count, int window_end, std::vector<std::string> key_names,
                  std::vector<AggregateSpec> aggregates, Schema input, Schema output,
                  bool processing_time, bool retracting = false);
  // HOP / CUMULATE slicing (see above): the input holds each row's slice. Only for an append-only,
  // event-time input and mergeable aggregates (AggregateSet::mergeable; the planner checks).
  // Call before the first row.
  void slice(const WindowSpec& window);
  void on_batch(Batch& batch, int port, Output& out) override;
  void on_watermark(Timestamp watermark, Output& out) override;
  void on_arrival_watermark(Timestamp watermark, Output& out) override;
  void on_processing_time(Timestamp now, Output& out) override;
  void on_end(Output& out) override;
  // Event time: windows go out through emit_fired at window_end - 1.
  bool places_rows() const override { return !processing_time_; }
  Timestamp next_event_time() const override;
  OperatorDescription describe() const override;

 private:
  using SlotId = WindowSlots::SlotId;

  size_t key_count_;
  int window_end_;
  int window_start_ = -1;           // the key column of window_start, or -1 (not a namespace value)
  std::vector<int> group_columns_;  // the key columns that are not window columns
  std::vector<std::string> key_names_;
  KeyedState state_;       // by group key
  KeyedState per_window_;  // by window slot (state/window_state.h)
  WindowSlots& windows_;
  BatchKeys keys_;
  AggregateSet aggregates_;
  Schema output_schema_;
  // Closed windows are appended in the order group columns, window columns, aggregates (the
  // group key decodes in one piece), then their columns move to `output_position_`.
  Schema staging_schema_;
  std::vector<int> output_position_;
  Batch out_;
  std::vector<EmitOrder> order_;
  Timestamp emitted_watermark_ = kMinTimestamp;
  // Input rows so far (a keyed exchange's instances: their counts add up to it). A window's
  // sequence (the emission order of windows closing together) is the number of the row that
  // opened it: this count, or Batch::positions under a keyed exchange.
  uint64_t window_sequence_ = 0;
  bool processing_time_;
  FixedState<int64_t>* row_count_ = nullptr;  // retracting: rows in the window, per slot
  std::vector<SlotId> due_;                   // the windows closing at one end
  std::vector<SlotId> row_slots_;  // per row of the batch being folded: its window's slot
  int64_t previous_key_ = -1;      // the key of `previous_row_` in this batch, or -1
  size_t previous_row_ = 0;
  // HOP slicing: the windows' size, slide, offset and slice (0: not sliced).
  int64_t size_ = 0, slide_ = 0, offset_ = 0, slice_ = 0;
  bool cumulate_ = false;  // CUMULATE (slide_ is its step); else HOP
  // Event time: the watermark through which windows have fired or take no more rows, the latest
  // of the rows' arrival watermarks and the watermarks received. With one row per batch it is
  // the watermark emitted before the next one, which the windows that one fires carry.
  Timestamp fired_through_ = kMinTimestamp;
  struct Group {        // a key's slices in the window being fired: merged_[first, first + count)
    uint64_t sequence;  // the smallest of its slices': when the key's first row came
    uint32_t first, count;
    KeyId key;
  };
  std::vector<Group> groups_;
  std::vector<SlotId> merged_;
  // Per key, the last window firing (fire_count_) that grouped its slices.
  std::vector<uint64_t> key_marks_;
  uint64_t fire_count_ = 0;
  std::vector<SlotId> freed_;
  WindowNamespace window_of(const Batch& batch, size_t row) const;
  // The slot of `row`'s window in its key (added on first sight).
  SlotId slot_for(const Batch& batch, size_t row);
  // Closes the windows with window_end - 1 <= `time` and emits them, each with the arrival
  // watermark `arrival` (the watermark downstream has seen where they go out).
  void close_windows(Timestamp time, Output& out, Timestamp arrival);
  void fire_windows(Timestamp time);  // into out_ / order_
  // Sliced: the next window end to fire (after fired_through_, holding a live slice); false
  // when no slice is left.
  bool next_window_end(int64_t& end) const;
  // Sliced: the start of the window ending at `end` (its slices end in (start, end]).
  int64_t window_start_of(int64_t end) const;
  void fire_slices(Timestamp time);
  // Folds rows [begin, end) of `batch` into their slots (row_slots_) and counts them.
  void fold_range(const Batch& batch, size_t begin, size_t end);
  void update_metrics();
};

}  // namespace eddy
