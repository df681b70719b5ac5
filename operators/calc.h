// Calc: the stateless operator. Per batch it evaluates the filter, keeps the rows where it is
// TRUE (NULL and FALSE drop the row), then evaluates the projections over the kept rows. It emits
// one batch per input batch (when any row survives), passes watermarks through unchanged and has
// no timers or state. Row kinds and arrival watermarks travel with the kept rows.
#pragma once

#include <vector>

#include "expr/expr.h"
#include "runtime/operator.h"

namespace eddy {

class Failure;

class Calc final : public Operator {
 public:
  // `filter` may be null. `names` label the projections in EXPLAIN.
  Calc(ExprPtr filter, std::vector<ExprPtr> projections, std::vector<std::string> names);
  void on_batch(Batch& batch, int port, Output& out) override;
  bool row_wise() const override { return true; }
  bool keeps_row_indices() const override { return filter_ == nullptr; }
  OperatorDescription describe() const override;

 private:
  // Filters and projects `batch` into `result` (empty when no row passes); never emits.
  void evaluate(Batch& batch, Batch& result);
  void emit(Batch& result, Output& out);
  // Rethrows an evaluation failure of input row `row`, naming the column that failed.
  [[noreturn]] void fail_at(Failure& failure, size_t row);

  ExprPtr filter_;
  std::vector<ExprPtr> projections_;
  std::vector<std::string> names_;
  // Input columns that exactly one projection passes through unchanged: moved, not copied.
  std::vector<int> movable_;
  Column condition_;                 // reused per batch
  std::vector<uint32_t> selection_;  // reused per batch
  // The projection being evaluated (-1: the filter), to name the column an error comes from.
  int evaluating_ = -1;
};

}  // namespace eddy
