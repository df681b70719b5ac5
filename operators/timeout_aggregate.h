// TimeoutAggregate: GROUP BY k TIMEOUT INTERVAL t [KEEP STATE | RESET STATE] [ON PROCESSING TIME]
// — the seed's count-with-timeout as an operator (DESIGN.md §2). Output columns: the key, the
// timeout time (TIMEOUT_TIME()), then one column per aggregate.
//
// Event time (default). Input rows are buffered per key and applied in event-time order (ties in
// arrival order) when the watermark passes them, so out-of-order rows within the watermark bound
// do not change the result. Applying is lazy, as nothing observable depends on when a passed
// row is folded before its span can end: a key's rows are applied when its timer fires (at its
// span's timeout, or at its earliest pending row's time + t when no span is open, the earliest
// any span of it can end) or when another row of the key arrives (catch_up) — so a pending row
// costs no timer of its own. A row that extends its key's open span (ts <= last + t, nothing of
// the key pending) would join that span whatever arrives later, so when the aggregates do not
// depend on the fold order it is folded on arrival instead; the span's timer is not moved then
// but moves on when it fires early. A key whose last applied row is at t_i emits one row — its key
// columns, its aggregates, and the timeout time t_i + t — exactly when its next row has
// ts > t_i + t or never comes: the event-time timer at t_i + t fires after every row with
// ts <= t_i + t has been applied. End of input (watermark +inf) flushes every key. Output rows
// are append-only, ordered by timeout time, then by the arrival of the first row the key applied
// since it (re)started; they carry the timeout time as their rowtime. Timers due by a row's
// arrival watermark fire before the row is taken, so the output never depends on the batch size.
//
// Rows behind the watermark (ts <= W on arrival; DESIGN.md §2) are applied at once when their
// span [ts, ts + t] touches the key's open span (which it then extends), or opens a new span
// when ts + t > W; otherwise the span they would belong to has already timed out, and they are
// late for the stream's 'late.policy'.
//
// Sessions (session mode, gap g = t + 1 ms) merge as Flink's session windows do: a session fires
// when W >= last + g - 1, and a row at exactly last + g that has arrived by then joins it.
//
// Processing time (ON PROCESSING TIME). Rows are applied on arrival; a key emits when the
// processing clock reaches its last arrival + t; end of input flushes the pending keys.
//
// KEEP STATE keeps the key's aggregates after emitting (the count keeps growing); RESET STATE
// forgets the key. State: the accumulators, the last applied time and the buffered rows per key.
// Timers: one per key (a timer left early by a span that grew fires, and moves on).
#pragma once

#include <string>
#include <vector>

#include "eddy/clock.h"
#include "operators/expiry_lookahead.h"
#include "runtime/late_rows.h"
#include "runtime/operator.h"
#include "state/aggregate_set.h"
#include "state/keyed_state.h"
#include "state/row_buffer.h"
#include "state/timer_service.h"

namespace eddy {

struct TimeoutConfig {
  size_t key_count = 0;  // the input's first key_count columns are the key
  std::vector<std::string> key_names;
  std::vector<AggregateSpec> aggregates;
  int rowtime = -1;  // input column holding event time (event-time mode)
  int64_t timeout_ms = 0;
  bool reset_state = false;
  bool processing_time = false;
  // SESSION windows: a session of gap g is a timeout of g - 1 ms with RESET STATE whose output
  // carries window_start (its first row's time) and window_end (the timeout time + 1 ms) in
  // place of the timeout time.
  bool session = false;
  Schema input;                  // input column types (to decode buffered rows)
  Schema output;                 // keys, timeout time, aggregates
  const Clock* clock = nullptr;  // processing time
  LateRows late;                 // event time: rows whose span has already timed out
};

class TimeoutAggregate final : public Operator {
 public:
  explicit TimeoutAggregate(TimeoutConfig config);
  void on_batch(Batch& batch, int port, Output& out) override;
  void on_watermark(Timestamp watermark, Output& out) override;
  void on_processing_time(Timestamp now, Output& out) override;
  void on_end(Output& out) override;
  void on_arrival_watermark(Timestamp watermark, Output& out) override;
  // Event time: timeouts go out through emit_fired at their time.
  bool places_rows() const override { return !config_.processing_time; }
  OperatorDescription describe() const override;

 private:
  // Fires the event-time timers due by `watermark` (their rows go to out_).
  void fire_due(Timestamp watermark);
  // Starts loading the state of the keys whose timers fire after the one at `firing`.
  void load_ahead(Timestamp firing);
  void on_event_timer(KeyId key, Timestamp at);
  // A row behind the watermark: applied at once, or late (see the contract above).
  void apply_behind(KeyId key, bool new_key, const Batch& batch, size_t row, Timestamp ts,
                    Output& out);
  // Applies the key's buffered rows the watermark has passed (their timer has not fired yet,
  // see buffer_row) before a new row of the key is looked at.
  void catch_up(KeyId key);
  // Buffers a row ahead of the watermark; a key without an open span gets a timer at its
  // earliest pending row's time + t.
  void buffer_row(KeyId key, Timestamp ts, const Batch& batch, size_t row);
  // A key whose span has closed (or never opened) and that has rows pending: their timer.
  void time_pending(KeyId key);
  // Whether the key's span is open: its rows were applied and it has not timed out.
  bool span_open(KeyId key) const {
    return last_.has(key) && last_.get(key) + config_.timeout_ms > fired_to_;
  }
  // Whether the key has a row buffered at time `at`.
  bool has_buffered(KeyId key, Timestamp at) const;
  // Moves the key's timeout timer (pending rows have no timers of their own to keep).
  void move_timeout(KeyId key, Timestamp from, Timestamp to);
  void on_processing_timer(KeyId key, Timestamp at);
  // Applies the key's buffered rows with ts <= at, in time order; true if any was applied.
  bool apply_buffered(KeyId key, Timestamp at);
  void emit_key(KeyId key, Timestamp at);
  void forget(KeyId key);  // RESET STATE after an emission
  void flush(Output& out);
  void update_metrics();
  // How far after a key's last row a row still joins its span: the timeout, or the whole gap
  // of a session (touching session windows merge).
  int64_t reach() const { return config_.session ? config_.timeout_ms + 1 : config_.timeout_ms; }

  // Whether a row can be applied on arrival instead of buffered (see on_batch).
  bool applies_at_once(KeyId key, Timestamp ts) const {
    return fold_any_order_ && last_.has(key) && ts <= last_.get(key) + reach() &&
           buffer_.empty(key);
  }

  TimeoutConfig config_;
  KeyedState state_;
  BatchKeys keys_;
  AggregateSet aggregates_;
  FixedState<Timestamp>& last_;   // time of the key's last applied row
  FixedState<Timestamp>& start_;  // time of the first row applied since the key (re)started
  RowBufferState& buffer_;        // event time: rows not yet applied
  TimerService timers_;
  Batch out_;                           // rows emitted by the current advance
  std::vector<EmitOrder> order_;        // (timeout time, key sequence) of each row in out_
  Timestamp fired_to_ = kMinTimestamp;  // event-time timers have fired up to here
  // For the rows in out_: (watermark of a firing step, the watermark before it), so each row
  // carries the watermark in force before the step that emitted it, as with batch size 1.
  std::vector<std::pair<Timestamp, Timestamp>> steps_;
  // Rows received so far: each row's arrival number, unless a keyed exchange numbers the rows
  // (Batch::positions; then the instances' counts add up to it).
  uint64_t arrivals_ = 0;
  uint64_t arrival_ = 0;  // the arrival number of the row being taken
  // The event-time timers firing next (their keys' state is loaded ahead; see fire_due).
  ExpiryLookahead lookahead_{8, 16};
  bool fold_any_order_;  // the aggregates give the same result in any fold order
};

}  // namespace eddy
