// The accumulators of a list of aggregates, kept per key in a KeyedState, with the two
// operations every aggregating operator needs: fold one input row into a key's accumulators and
// append a key's current results to output columns.
#pragma once

#include <span>
#include <vector>

#include "runtime/batch.h"
#include "state/aggregate.h"
#include "state/keyed_state.h"

namespace eddy {

class AggregateSet {
 public:
  // Declares the accumulator states in `state`, named "<prefix><i>". `retractable` (an updating
  // input) also keeps what retract() needs: every value of MIN and MAX, in order. FIRST_VALUE
  // and LAST_VALUE cannot retract (the binder rejects them over an updating input).
  // `compact_counts`: COUNT(*) and COUNT(x) keep an 8-byte count rather than an Accumulator (a
  // different checkpoint record, so only for operators whose checkpoints are new anyway: window
  // aggregations, where every open window has its own).
  AggregateSet(std::vector<AggregateSpec> specs, KeyedState& state, const std::string& prefix,
               bool retractable = false, bool compact_counts = false);

  // Folds row `row` of `input` (arguments at each spec's `arg` column) into `key`'s
  // accumulators. Returns true if any result changed (a new row for the key, or a value that
  // differs), so operators can skip emitting an unchanged update, as Flink does.
  bool fold(KeyId key, const Batch& input, size_t row);
  // Folds rows first.. of `input` (all inserts) into their keys, `keys[row - first]`: one pass
  // per aggregate over the rows rather than one dispatch per aggregate and row. Same result as
  // fold() row by row.
  void fold_rows(std::span<const KeyId> keys, const Batch& input, size_t first = 0);
  // Takes row `row` back out of `key`'s accumulators (a -U or -D input row): the inverse of
  // fold. Only for a retractable set.
  void retract(KeyId key, const Batch& input, size_t row);
  // Appends `key`'s results, one per aggregate, to out.columns[first_column + i].
  void append_results(KeyId key, Batch& out, size_t first_column) const;
  // Appends the results of `keys`' accumulators merged, as if every row folded into any of
  // them had been folded into one key (HOP slicing: a window's result from its slices'). Only
  // for a mergeable set.
  void append_merged(std::span<const KeyId> keys, Batch& out, size_t first_column) const;
  // Whether append_merged gives exactly what folding every row into one key gives: COUNT, and
  // SUM, AVG, MIN and MAX of integers and DECIMALs. Not COUNT(DISTINCT), FIRST_VALUE,
  // LAST_VALUE, STRING MIN/MAX (kept elsewhere), nor floating point (a merged sum rounds
  // differently, and MIN/MAX of 0.0 and -0.0 depend on the order).
  static bool mergeable(const std::vector<AggregateSpec>& specs);
  // Forgets `key`'s accumulators (RESET STATE).
  void clear(KeyId key);

  // Whether folding the same rows in any order gives the same results, to the bit: no
  // FIRST_VALUE / LAST_VALUE, and no floating-point sum (rounding depends on the order).
  bool order_insensitive() const;

  const std::vector<AggregateSpec>& specs() const { return specs_; }
  size_t size() const { return specs_.size(); }

 private:
  bool fold_one(size_t i, KeyId key, const Column& arg, size_t row);
  // Appends aggregate i's result from `acc` (no distinct set nor string: append_results).
  void append_value(size_t i, const Accumulator& acc, Column& column) const;
  void retract_one(size_t i, KeyId key, const Column& arg, size_t row);
  // The argument's bytes for the distinct / sorted sets, in scratch_; `ordered`: their byte
  // order is the value order (sorted sets).
  std::string_view value_bytes(const AggregateSpec& spec, const Column& arg, size_t row,
                               bool ordered);

  std::vector<AggregateSpec> specs_;
  std::vector<FixedState<Accumulator>*> accumulators_;  // nullptr where counts_ has the state
  std::vector<FixedState<int64_t>*> counts_;            // compact COUNTs; else nullptr
  std::vector<StringState*> strings_;                   // STRING MIN/MAX/FIRST/LAST; else nullptr
  std::vector<MultisetState*> distinct_;                // COUNT(DISTINCT); else nullptr
  std::vector<SortedMultisetState*> sorted_;  // MIN / MAX of a retractable set; else nullptr
  std::string scratch_;
};

}  // namespace eddy
