// How a keyed exchange (operators/keyed_exchange.h) splits its input among its instances: the
// key group of each row (ExchangeKeys), and each instance's part of a batch or of several
// inputs' merged runs (MergedInputs), every row with its position — its number in the
// exchange's input since the query started, which for merged inputs is its place in the merge
// (so rows caused by it, and keys it starts, order as in one instance).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "expr/expr.h"
#include "runtime/operator.h"
#include "state/key_index.h"

namespace eddy {

// The key a row is routed by, per input port: columns of the row (one key for every port), or
// expressions over it (a join's equi keys per side, which the planner may have cast to their
// common type: equal keys of both sides then hash alike). Either way the hash is the one the
// instances' key indexes give the key (BatchKeys over the key's values), so a key group's keys
// all live in the instance that owns it.
class ExchangeKeys {
 public:
  using SharedExprs = std::vector<std::shared_ptr<const BoundExpr>>;
  explicit ExchangeKeys(std::vector<int> columns);
  // Per port: the key's expressions (evaluated on the driver's thread; eval is const).
  explicit ExchangeKeys(std::vector<SharedExprs> per_port);

  size_t ports() const { return exprs_.empty() ? 1 : exprs_.size(); }
  bool empty() const { return exprs_.empty() ? columns_.columns().empty() : exprs_[0].empty(); }
  // Per instance, the rows of `batch` (input `port`) whose key group it owns (`owner`: per key
  // group its instance), ascending.
  void route(const Batch& batch, int port, const std::vector<int>& owner,
             std::vector<std::vector<uint32_t>>& selection);

 private:
  BatchKeys columns_;
  std::vector<SharedExprs> exprs_;
  Batch values_;                            // exprs_: the key over the batch being routed
  BatchKeys hashed_ = BatchKeys::first(0);  // ...and its hashes
};

// One batch: per instance its rows (parts[i], `selection[i]` of `batch`) with their positions
// (`first` + the row's index; positions[i] holds them, parts[i].positions a copy: an instance
// may hand its input batch on).
void split_batch(const Batch& batch, const std::vector<std::vector<uint32_t>>& selection,
                 uint64_t first, std::vector<Batch>& parts,
                 std::vector<std::vector<uint64_t>>& positions);

// Several inputs' merged runs: per instance (parts[i]) its rows of each input
// (`selection[port][i]`) and every run rebuilt over them — kept even where the instance has none
// of the run's rows, since the run's watermark moves its input on. Positions count the rows in
// merge order from `first`: parts[i].inputs[port].positions per input, and positions[i] the
// instance's rows in the order it processes them (merge order), which its caused rows' origins
// index.
void split_merged(const MergedInputs& merged,
                  const std::vector<std::vector<std::vector<uint32_t>>>& selection, uint64_t first,
                  std::vector<MergedInputs>& parts, std::vector<std::vector<uint64_t>>& positions);

// The rows of a merge: inputs[p] and every input's row count.
size_t merged_rows(const MergedInputs& merged);

}  // namespace eddy
