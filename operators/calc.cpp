#include "operators/calc.h"

#include <algorithm>

#include <fmt/format.h>

#include "runtime/failure.h"

namespace eddy {

Calc::Calc(ExprPtr filter, std::vector<ExprPtr> projections, std::vector<std::string> names)
    : filter_(std::move(filter)), projections_(std::move(projections)), names_(std::move(names)) {
  // A column referenced by one plain projection and nothing else can be moved to the output.
  movable_.assign(projections_.size(), -1);
  for (size_t i = 0; i < projections_.size(); ++i) {
    int column = projections_[i]->column_index();
    if (column < 0) continue;
    bool shared = false;
    for (size_t j = 0; j < projections_.size(); ++j)
      if (j != i && projections_[j]->column_index() == column) shared = true;
    // Other expressions may read the column too; they are evaluated before any move.
    if (!shared) movable_[i] = column;
  }
}

void Calc::on_batch(Batch& batch, int, Output& out) {
  metrics_.rows_in += batch.size();
  Batch result;
  try {
    evaluate(batch, result);
  } catch (Failure& failure) {
    if (batch.size() <= 1) {
      if (!batch.sequence.empty()) failure.set_merge_place(batch.sequence[0]);
      fail_at(failure, 0);
    }
    // An evaluation error ends the query. Re-run the batch row by row so that the rows before
    // the failing one are emitted first, exactly as with batch size 1. (evaluate() moves nothing
    // out of `batch` before it has succeeded, and emits nothing itself, so errors from further
    // down the plan never come here.)
    Batch whole = std::move(batch);
    for (size_t row = 0; row < whole.size(); ++row) {
      Batch single, single_result;
      single.append_row(whole, row);
      try {
        evaluate(single, single_result);
      } catch (Failure& at_row) {
        if (!whole.sequence.empty()) at_row.set_merge_place(whole.sequence[row]);
        fail_at(at_row, row);
      }
      try {
        emit(single_result, out);
      } catch (Failure& below) {
        // A row-numbered failure further down counts rows of this one-row batch.
        if (below.row() == 0) below.set_row(uint32_t(row));
        throw;
      }
    }
    throw;
  }
  emit(result, out);
}

void Calc::fail_at(Failure& failure, size_t row) {
  // Name the column (or the WHERE clause) whose expression failed; the driver adds where the
  // row came from.
  const std::string where = evaluating_ < 0 ? std::string("WHERE clause")
                                            : fmt::format("column '{}'", names_[evaluating_]);
  failure.prefix_message(where + ": ");
  failure.set_row(uint32_t(row));
  throw failure;
}

void Calc::emit(Batch& result, Output& out) {
  if (result.empty()) return;
  metrics_.rows_out += result.size();
  out.emit(result);
}

void Calc::evaluate(Batch& batch, Batch& result) {
  evaluating_ = -1;
  if (filter_) {
    filter_->eval(batch, condition_);
    selection_.clear();
    const size_t n = batch.size();
    for (size_t row = 0; row < n; ++row)
      if (!condition_.is_null(row) && condition_.ints[row]) selection_.push_back(uint32_t(row));
    if (selection_.empty()) return;
    if (selection_.size() != n) batch.select(selection_);
  }
  result.rows = batch.rows;
  result.columns.resize(projections_.size());
  for (size_t i = 0; i < projections_.size(); ++i) {
    evaluating_ = int(i);
    if (movable_[i] < 0) projections_[i]->eval(batch, result.columns[i]);
  }
  // Nothing is moved out of `batch` until every expression has succeeded (see on_batch).
  result.kinds = std::move(batch.kinds);
  result.arrival_watermark = std::move(batch.arrival_watermark);
  result.sequence = std::move(batch.sequence);
  for (size_t i = 0; i < projections_.size(); ++i)
    if (movable_[i] >= 0) result.columns[i] = std::move(batch.columns[movable_[i]]);
}

OperatorDescription Calc::describe() const {
  OperatorDescription d{"Calc", {}};
  if (filter_) d.properties.emplace_back("filter", filter_->to_string());
  std::string project;
  for (size_t i = 0; i < projections_.size(); ++i) {
    std::string expr = projections_[i]->to_string();
    if (!project.empty()) project += ", ";
    project += expr == names_[i] ? expr : fmt::format("{} AS {}", expr, names_[i]);
  }
  d.properties.emplace_back("project", project);
  return d;
}

}  // namespace eddy
