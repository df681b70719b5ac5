// IntervalJoin: the keyed co-process join of two inputs (port 0 = left, port 1 = right), in two
// modes that share one state layout (docs/language.md, "Joins").
//
// Interval mode (a time bound lo <= right.t - left.t <= hi). A row arriving on one side probes
// the other side's stored rows of its key, emits every pair within the bound whose residual
// predicate holds, and is stored until the watermark (the minimum over both inputs) is past the
// end of its interval (W > end): left.t + hi for a left row, right.t - lo for a right one — no
// row still to come on the other side can match it after that; until then a row exactly at the
// watermark still can, as in Flink. On expiry an unmatched row of a preserved
// side is emitted: null-padded (LEFT / RIGHT / FULL) or as itself (ANTI). State is therefore
// bounded by the interval length times the input rate.
//
// A row at or behind the watermark is never dropped (Flink's TimeIntervalJoin): it joins the
// other side's rows still stored, is stored itself only if its interval ends ahead of the
// watermark (end > W), and otherwise, unmatched on a preserved side, is emitted padded at once. An
// empty interval (lo > hi) stores nothing and treats every row that way.
//
// Regular mode (no time bound). Rows are kept until 'state.ttl' forgets them (never by default).
// An unmatched row of a preserved side is emitted at once (+I), and retracted (-D) when its
// first match arrives; SEMI emits a left row at its first match.
//
// Rows are processed one by one against the combined watermark in force when they arrived
// (Batch::arrival_watermark), so timers fire between rows exactly as with batch size 1 and the
// output never depends on the batch size. Rows expiring together are emitted in (expiry time,
// arrival) order. The output watermark is the input watermark minus `watermark_delay`, which the
// planner chooses so that no emitted row is late downstream.
//
// Regular joins also take updating inputs: a -U / -D row removes its stored copy and retracts the
// pairs it made (and re-emits a null-padded row that loses its last match).
//
// Processing time (the bound is on PROCTIME() columns): the same, with rows expiring by the
// processing clock, 1 ms after their interval ends (a row still to come may arrive at the clock's
// now), and the rest at the end of the input.
//
// On parallel instances (a keyed exchange, operators/keyed_exchange.h, routing both sides by
// their equi key): rows are numbered by their position in the exchange's input (their place in
// the merge of both inputs) instead of by the instance's own count, so the pairs of a probe and
// the rows expiring together order as in one instance; rows a row causes go out as caused
// (Output::emit_caused), rows its interval's end or a TTL emits as fired (emit_fired, by
// expiry time, then arrival).
//
// State per key: the stored rows of each side (operators/join_rows.h): per row its time, expiry,
// arrival and match count, and the row encoded; in time order for an interval join, so a probe
// visits only the rows within its interval and expiry pops rows from the front. Timers: one per
// key and distinct expiry time (event time; processing time for a processing-time TTL).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "eddy/clock.h"
#include "expr/expr.h"
#include "operators/expiry_lookahead.h"
#include "operators/join_rows.h"
#include "runtime/failure.h"
#include "runtime/operator.h"
#include "state/keyed_state.h"
#include "state/timer_service.h"

namespace eddy {

enum class JoinType { Inner, Left, Right, Full, Semi, Anti };
const char* join_type_name(JoinType type);  // "INNER", "LEFT OUTER", ..., "LEFT ANTI"

struct JoinConfig {
  JoinType type = JoinType::Inner;
  Schema left, right;
  Schema output;  // left's columns then right's (SEMI / ANTI: left's only)
  // Equi keys, evaluated on each side's rows; pairwise of the same type. NULL never matches
  // (unless the key is null-safe).
  std::vector<ExprPtr> left_keys, right_keys;
  // Per key: written IS NOT DISTINCT FROM, so a NULL matches a NULL (empty: none is).
  std::vector<bool> null_safe_keys;
  // ANTI join of `x NOT IN (SELECT y ...)` (one key): `x = y` may be unknown, which keeps the left
  // row out as a match would, so a NULL y matches every left row and a NULL x every right row.
  // Rows with a NULL key are stored under the NULL key; one probes every key of the other side
  // (a pass over all keys, paid only by rows with a NULL key).
  bool null_aware = false;
  std::string key_text;       // "o.id = s.order_id" for EXPLAIN
  ExprPtr residual;           // over left's then right's columns; null: none
  std::string residual_text;  // as written, for EXPLAIN
  // Interval mode: lower <= right[right_time] - left[left_time] <= upper. Regular mode: the
  // sides' rowtimes (or -1), from which an event-time TTL counts.
  bool bounded = false;
  // Regular mode: an input may retract rows (-U / -D), e.g. a GROUP BY result.
  bool updating_inputs = false;
  int left_time = -1, right_time = -1;
  int64_t lower = 0, upper = 0;
  // lower > upper: no pair can ever match (Flink builds no join then). No row is kept; a preserved
  // side's rows are emitted at once, null-padded (ANTI: as themselves).
  bool empty_interval = false;
  // The time attributes are PROCTIME() columns: rows expire by the processing clock (`clock`).
  bool processing_time = false;
  std::string interval_text;  // "o.ts - 5 s <= s.ts <= o.ts + 10 s" for EXPLAIN
  int64_t watermark_delay = 0;
  std::string rowtime_text;  // the output's time attribute, for EXPLAIN ("" = none)
  // Regular mode: forget rows this long after they arrived (processing time) or after their
  // time passed the watermark (event time; rows without a rowtime: the watermark on arrival).
  int64_t ttl_ms = 0;
  bool ttl_event_time = false;
  const Clock* clock = nullptr;
};

class IntervalJoin final : public Operator {
 public:
  explicit IntervalJoin(JoinConfig config);
  void on_batch(Batch& batch, int port, Output& out) override;
  // Both inputs' rows at once: processed run by run in the driver's merge order.
  bool takes_merged() const override { return true; }
  void on_merged(MergedInputs& merged, Output& out) override;
  void on_input_watermark(int port, Timestamp watermark) override;
  void on_input_idle(int port, bool idle) override;
  void on_watermark(Timestamp watermark, Output& out) override;
  void on_processing_time(Timestamp now, Output& out) override;
  void on_end(Output& out) override;
  void on_arrival_watermark(Timestamp watermark, Output& out) override;
  bool timer_watermarks(const std::vector<const Batch*>& inputs,
                        const std::vector<MergedInputs::Run>& runs, std::vector<Timestamp>& due,
                        std::vector<Timestamp>& carried) const override;
  OperatorDescription describe() const override;

  bool updating() const { return updating_; }

 private:
  struct Side {
    JoinRows* rows = nullptr;  // per key: the stored rows
    Schema schema;
    std::vector<int> columns;  // all of them, for encode_row
    std::vector<ExprPtr>* keys = nullptr;
    Batch key_values;                        // the key expressions over the current batch
    BatchKeys hashed = BatchKeys::first(0);  // key_values' rows hashed (all its columns)
    int time = -1;
    bool preserved = false;  // its unmatched rows are emitted
    uint64_t stored = 0;     // rows in state
  };

  // The key expressions over a batch of `port`'s rows.
  void evaluate_keys(const Batch& batch, int port);
  // Rows [begin, end) of `port`, each after the timers due at its arrival.
  void process_rows(Batch& batch, int port, size_t begin, size_t end);
  void process_row(Batch& batch, int port, size_t row);
  // Probes the other side's rows of `key` with a row being added (delta +1) or retracted (-1):
  // emits the pairs (+I or -D), counts the stored rows' matches; returns the number of matches.
  uint32_t probe(Batch& batch, int port, size_t row, KeyId key, Timestamp time, int delta);
  // probe(), and in a null-aware join also the other side's NULL key (or, for a NULL key, every
  // other key of the other side).
  uint32_t probe_all(Batch& batch, int port, size_t row, KeyId key, bool key_null, Timestamp time,
                     int delta);
  // A -U / -D input row: removes its stored copy and undoes what it produced.
  void retract_row(Batch& batch, int port, size_t row, KeyId key, bool key_null, Timestamp time);
  Timestamp expiry_of(int port, Timestamp time) const;
  void store(const Batch& batch, int port, size_t row, KeyId key, const JoinRows::Row& stored);
  void advance(Timestamp watermark);
  // Pops the due timers (processing or event time) up to `upto` and expires their rows.
  // Expires rows due by `upto`; those emitted carry `arrival` as their arrival watermark.
  void fire(bool processing, Timestamp upto, Timestamp arrival);
  void expire(KeyId key, Timestamp at, bool emit);
  // An output row of one side's columns (from `from`'s columns offset.. at `row`), the other
  // side's NULL (SEMI / ANTI output has only the left side's columns).
  void emit_side(RowKind kind, int port, const Batch& from, size_t row, size_t offset, Batch& out);
  // Port `port`'s columns within a batch of both sides' columns (candidates_, or the output).
  std::span<Column> side_columns(Batch& batch, int port) const;
  // Completes a row whose `port` side was appended: NULLs for the other side, its kind.
  void pad_other_side(int port, Batch& out, RowKind kind = RowKind::Insert);
  void release_if_empty(KeyId key);
  // The pair in row `candidate` of candidates_.
  void emit_joined(size_t candidate, RowKind kind);
  void flush(Output& out);
  // Starts a call that emits into `out`: an exchange's instance tags its rows (tagging_).
  void begin(Output& out);
  // A row failed: what the rows before it emitted goes out first (as with batch size 1), and the
  // failure names the row (its index in what the call received).
  [[noreturn]] void fail_at_row(Failure& failure, Output& out);
  void update_metrics();
  Timestamp output_watermark(Timestamp input) const;

  JoinConfig config_;
  bool updating_ = false;
  bool processing_timers_ = false;  // a processing-time interval or TTL; else event time
  KeyedState state_;
  JoinRows& left_rows_;
  JoinRows& right_rows_;
  TimerService timers_;
  Side sides_[2];
  Timestamp input_watermarks_[2] = {kMinTimestamp, kMinTimestamp};
  bool input_idle_[2] = {false, false};
  Timestamp watermark_ = kMinTimestamp;  // combined watermark the timers have reached
  int64_t null_key_ = -1;  // a null-aware join's id of the NULL key while it has rows, or -1
  uint64_t arrivals_ = 0;
  // An exchange's instance: caused rows (out_) go out with origins_, fired ones at once.
  Output* tagging_ = nullptr;
  std::vector<uint32_t> origins_;  // per row of out_: its input row's index in the call
  uint32_t received_ = 0;          // input rows of the call processed so far
  Batch candidates_;               // left ++ right columns of the pairs being probed
  std::vector<size_t> candidate_entries_;
  std::vector<KeyId> probe_order_;  // a NULL key's probe of every key (null-aware), per row
  Column condition_;
  Batch out_;                                     // rows for the current flush
  Batch expired_;                                 // rows emitted by expiry during one advance
  std::vector<EmitOrder> order_;                  // (expiry, arrival) of each row in expired_
  std::vector<std::pair<KeyId, Timestamp>> due_;  // the timers being fired
  // Event time: the keys whose rows expire next, whose state fire() loads ahead (the watermark
  // moves by a row or a run of rows, so few timers fire at a time).
  static constexpr size_t kExpiryLookahead = 32;
  // (Its near stage runs a call after the far one, for every entry: no near distance.)
  ExpiryLookahead lookahead_{0, kExpiryLookahead};
  std::vector<ExpiryLookahead::Timer> upcoming_;  // a block of timers read ahead
  std::vector<size_t> matching_;  // a probe's stored rows within its interval, by arrival
  std::string encoded_;
};

}  // namespace eddy
