// GroupAggregate: unbounded GROUP BY (Flink's GroupAggregate, a keyed-process operator).
//
// Input: rows whose first `key_count` columns are the group key and whose other columns are
// aggregate arguments. For each row, in arrival order, it folds the row into its key's
// accumulators and emits the change to that key's result row (key columns, then one column per
// aggregate): +I for a new key; -U (the old row) then +U (the new row) when the result changed;
// nothing when it did not. An updating input (`retracting`) may also bring -U / -D rows, which
// are taken back out of the accumulators (Flink's retraction): the key's result is updated the
// same way, or deleted (-D of the old row, state forgotten) when its last row is retracted; a
// retraction for a key with no state is ignored, as in Flink. Watermarks pass through; it has no
// timers; state is one accumulator set per key, kept forever unless a state TTL is set: then a key
// untouched for the TTL (processing time by the clock, or event time: the watermark passing the
// watermark at its last access plus the TTL, checked row by row) is forgotten silently, as Flink's
// state TTL does — its next row starts it afresh with +I. See on_end for a global aggregate
// over an empty bounded input.
#pragma once

#include <memory>
#include <vector>

#include "eddy/clock.h"
#include "runtime/operator.h"
#include "state/aggregate_set.h"
#include "state/keyed_state.h"
#include "state/timer_service.h"

namespace eddy {

class GroupAggregate final : public Operator {
 public:
  // `output` is the result schema: key columns then aggregates.
  struct Ttl {
    int64_t ms = 0;           // 0: keep state forever
    bool event_time = false;  // measured by the watermark instead of the clock
    const Clock* clock = nullptr;
  };
  GroupAggregate(size_t key_count, std::vector<std::string> key_names,
                 std::vector<AggregateSpec> aggregates, Schema output, Ttl ttl,
                 bool retracting = false);
  void on_batch(Batch& batch, int port, Output& out) override;
  void on_watermark(Timestamp watermark, Output& out) override;
  void on_processing_time(Timestamp now, Output& out) override;
  // A global aggregate (no GROUP BY) whose bounded input ended with no rows (or with every row
  // retracted) emits its result over no rows, as a SQL database does: COUNT 0, the others NULL.
  // (Flink's streaming mode emits nothing then; its batch mode, like DuckDB, the row.) A grouped
  // aggregate emits nothing more at the end.
  void on_end(Output& out) override;
  void on_arrival_watermark(Timestamp watermark, Output& out) override;
  // Its changes go out through emit_caused; an expired key goes silently.
  bool places_rows() const override { return true; }
  OperatorDescription describe() const override;

 private:
  void process(const Batch& batch);  // into out_
  void retract(const Batch& batch, size_t row);
  bool same_rows(size_t a, size_t b) const;  // out_'s rows a and b hold equal values
  void truncate(size_t rows);                // drops out_'s rows from `rows` on
  void append_row(const Batch& input, size_t row, KeyId key, RowKind kind);
  void touch(KeyId key);
  void expire(KeyId key, Timestamp at);
  void advance_event_time(Timestamp watermark);
  void update_metrics();

  size_t key_count_;
  std::vector<std::string> key_names_;
  KeyedState state_;
  BatchKeys keys_;
  AggregateSet aggregates_;
  Schema output_schema_;
  Batch out_;
  Ttl ttl_;
  FixedState<Timestamp>& touched_;  // last access, for the TTL
  bool retracting_;
  FixedState<int64_t>* row_count_ = nullptr;  // retracting: rows in the key's group
  TimerService timers_;
  Timestamp watermark_ = kMinTimestamp;
  // For a keyed exchange (Output::wants_origins): per row of out_, the input row that caused it.
  bool track_origins_ = false;
  std::vector<uint32_t> origins_;
  size_t processing_row_ = 0;  // the input row being folded (names a failure's row)
};

}  // namespace eddy
