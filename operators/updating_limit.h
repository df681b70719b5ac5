// UpdatingLimit: LIMIT n (no ORDER BY) over an updating input, as Flink runs it (StreamExecLimit:
// a rank over the whole input with an empty sort key and the constant range 1..n, in its retract
// strategy). The result is the first n live rows of the input's current table, in arrival order.
//
// +I / +U append a row to the table: if fewer than n rows are shown, it is shown (+I). -U / -D
// take away the earliest live occurrence of an equal row (a retraction of a row never seen does
// nothing): if it was shown, it is retracted (-D) and the first live row after the shown ones, if
// any, moves up into the result (+I). So the output is +I / -D only, and at any moment it holds
// at most n rows. The query does not end at n rows (a later retraction can change them).
// Watermarks pass through.
//
// State: per distinct row (keyed by the whole row), the arrival sequences of its live
// occurrences, and the next sequence; every row is kept, as in Flink. The arrival order of all
// live occurrences (`order_`) is derived from that state: rebuilt after a restore, at the first
// batch, since the rows shown are always the first n live ones.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/operator.h"
#include "state/keyed_state.h"

namespace eddy {

class UpdatingLimit final : public Operator {
 public:
  UpdatingLimit(Schema schema, int64_t limit);
  void on_batch(Batch& batch, int port, Output& out) override;
  OperatorDescription describe() const override;

 private:
  struct Entry {
    int64_t sequence;
    KeyId key;
    bool live;
  };
  void rebuild_order();
  // Removes the earliest live occurrence of `key`; appends the changes to out_.
  void retract(KeyId key);
  void append(KeyId key, RowKind kind);
  // The next live entry after position `from`, or order_.size().
  size_t next_live(size_t from) const;
  void compact();

  Schema schema_;
  int64_t limit_;
  KeyedState state_;
  BatchKeys row_keys_;
  VectorState<int64_t>& occurrences_;  // ascending arrival sequences of a row's live copies
  int64_t next_sequence_ = 0;

  // Every live occurrence (and some dead ones, compacted away) in arrival order.
  std::vector<Entry> order_;
  bool ordered_ = false;   // order_ reflects the state (false after a restore)
  size_t live_ = 0;        // live entries in order_
  int64_t shown_ = 0;      // min(limit, live_)
  size_t last_shown_ = 0;  // position of the n-th shown entry in order_ (when shown_ == limit_)
  Batch out_;
};

}  // namespace eddy
