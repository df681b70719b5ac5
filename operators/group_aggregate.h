// GroupAggregate: unbounded GROUP BY (Flink's GroupAggregate, a keyed-process operator).
//
// Input: append-only rows whose first `key_count` columns are the group key and whose other
// columns are aggregate arguments. For each row, in arrival order, it folds the row into its
// key's accumulators and emits the change to that key's result row (key columns, then one
// column per aggregate): +I for a new key; -U (the old row) then +U (the new row) when the
// result changed; nothing when it did not. Watermarks pass through; it has no timers; state is
// one accumulator set per key, kept forever (state TTL arrives with the timer service).
#pragma once

#include <memory>
#include <vector>

#include "runtime/aggregate_set.h"
#include "runtime/keyed_state.h"
#include "runtime/operator.h"

namespace eddy {

class GroupAggregate final : public Operator {
 public:
  // `output` is the result schema: key columns then aggregates.
  GroupAggregate(size_t key_count, std::vector<std::string> key_names,
                 std::vector<AggregateSpec> aggregates, Schema output);
  void on_batch(Batch& batch, int port, Output& out) override;
  std::string snapshot() const override { return state_.snapshot(); }
  void restore(const std::string& blob) override;
  OperatorDescription describe() const override;

 private:
  void append_row(const Batch& input, size_t row, KeyId key, RowKind kind);

  size_t key_count_;
  std::vector<std::string> key_names_;
  KeyedState state_;
  KeyEncoder encoder_;
  AggregateSet aggregates_;
  Schema output_schema_;
  Batch out_;
};

}  // namespace eddy
