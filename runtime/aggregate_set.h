// The accumulators of a list of aggregates, kept per key in a KeyedState, with the two
// operations every aggregating operator needs: fold one input row into a key's accumulators and
// append a key's current results to output columns.
#pragma once

#include <vector>

#include "runtime/aggregate.h"
#include "runtime/batch.h"
#include "runtime/keyed_state.h"

namespace eddy {

class AggregateSet {
 public:
  // Declares the accumulator states in `state`, named "<prefix><i>".
  AggregateSet(std::vector<AggregateSpec> specs, KeyedState& state, const std::string& prefix);

  // Folds row `row` of `input` (arguments at each spec's `arg` column) into `key`'s
  // accumulators. Returns true if any result changed (a new row for the key, or a value that
  // differs), so operators can skip emitting an unchanged update, as Flink does.
  bool fold(KeyId key, const Batch& input, size_t row);
  // Appends `key`'s results, one per aggregate, to out.columns[first_column + i].
  void append_results(KeyId key, Batch& out, size_t first_column) const;
  // Forgets `key`'s accumulators (RESET STATE).
  void clear(KeyId key);

  const std::vector<AggregateSpec>& specs() const { return specs_; }
  size_t size() const { return specs_.size(); }

 private:
  bool fold_one(size_t i, KeyId key, const Column& arg, size_t row);

  std::vector<AggregateSpec> specs_;
  std::vector<ValueState<Accumulator>*> accumulators_;
  std::vector<StringState*> strings_;     // STRING MIN/MAX/FIRST/LAST; else nullptr
  std::vector<MultisetState*> distinct_;  // COUNT(DISTINCT); else nullptr
  std::string scratch_;
};

}  // namespace eddy
