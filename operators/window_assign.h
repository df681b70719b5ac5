// WindowAssign: the window table functions TUMBLE, HOP and CUMULATE (Flink's windowing TVFs).
//
// Each input row is emitted once per window it belongs to, with three columns appended:
// window_start, window_end (exclusive) and window_time (window_end - 1 ms, the output rowtime).
//   TUMBLE(size [, offset])   one window:   start = floor((ts - offset) / size) * size + offset
//   HOP(slide, size [, offset]) size/slide windows whose [start, start + size) holds ts, by start
//   CUMULATE(step, size [, offset]) windows [start, start + k*step) of the tumbling window of
//                             `size` holding ts, for every k with start + k*step > ts, by end
// Stateless and timer-free; watermarks pass through.
//
// Rows behind the watermark (Flink's rules, DESIGN.md §2): alone, the function keeps every row.
// When its windows feed an aggregation (`aggregated`), a window whose end - 1 is at or behind the
// row's arrival watermark has already fired downstream, so the row goes only to the windows still
// open (a HOP or CUMULATE row can miss one window and count in the next); a row left with no open
// window is late for the stream's 'late.policy'.
// Sliced (HOP or CUMULATE under an aggregation that merges slices): each row goes out once, in
// its slice.
#pragma once

#include "runtime/late_rows.h"
#include "runtime/operator.h"

namespace eddy {

enum class WindowKind { Tumble, Hop, Cumulate };
const char* window_kind_name(WindowKind kind);

struct WindowSpec {
  WindowKind kind = WindowKind::Tumble;
  int64_t size = 0;
  int64_t slide = 0;  // HOP slide, CUMULATE step; equals size for TUMBLE
  int64_t offset = 0;
  int time_column = -1;
  std::string time_name;
  bool processing_time = false;  // windows over a PROCTIME() column
  bool aggregated = false;       // an aggregation follows: fired windows take no more rows
  // HOP or CUMULATE under a window aggregation that merges slices (WindowAggregate::slice): a
  // row goes out once, with window_start, window_end and window_time of its slice of
  // slice_size(), rather than once per window; a row is late exactly when it would be without.
  bool sliced = false;
};

// The slice of HOP windows, gcd(size, slide), and of CUMULATE windows, the step: every window is
// whole slices (Flink's SliceSharedAssigner).
int64_t slice_size(const WindowSpec& spec);

class WindowAssign final : public Operator {
 public:
  explicit WindowAssign(WindowSpec spec, LateRows late = {})
      : spec_(std::move(spec)), late_(std::move(late)) {
    late_.declare(checkpointed_);
  }
  void on_batch(Batch& batch, int port, Output& out) override;
  void on_end(Output& /*out*/) override { late_.finish(); }
  bool places_rows() const override { return true; }  // its copies of a row keep its sequence
  OperatorDescription describe() const override;

 private:
  WindowSpec spec_;
  LateRows late_;
  std::vector<uint32_t> taken_;         // per output row: its input row
  std::vector<int64_t> starts_, ends_;  // per output row: its window
  Batch assigned_;                      // the output, its buffers reused (see take_rows)
  // assigned_ = the input's rows listed in taken_, with three window columns to fill.
  void take_rows(const Batch& batch);
};

}  // namespace eddy
