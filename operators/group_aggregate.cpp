#include "operators/group_aggregate.h"

#include <numeric>

#include <fmt/format.h>

#include "runtime/failure.h"

namespace eddy {


GroupAggregate::GroupAggregate(size_t key_count, std::vector<std::string> key_names,
                               std::vector<AggregateSpec> aggregates, Schema output)
    : key_count_(key_count),
      key_names_(std::move(key_names)),
      encoder_(KeyEncoder::first(key_count)),
      aggregates_(std::move(aggregates), state_, "agg"),
      output_schema_(std::move(output)) {}

void GroupAggregate::append_row(const Batch& input, size_t row, KeyId key, RowKind kind) {
  for (size_t c = 0; c < key_count_; ++c) out_.columns[c].append_from(input.columns[c], row);
  aggregates_.append_results(key, out_, key_count_);
  out_.kinds.push_back(kind);
  ++out_.rows;
}

void GroupAggregate::on_batch(Batch& batch, int, Output& out) {
  metrics_.rows_in += batch.size();
  out_ = Batch::with_schema(output_schema_);
  for (size_t row = 0; row < batch.size(); ++row) {
    if (batch.kind(row) != RowKind::Insert)
      fail(Error::Kind::Runtime, "GROUP BY over an updating input is not supported yet");
    bool inserted = false;
    KeyId key = state_.intern(encoder_.encode(batch, row), inserted);
    if (inserted) {
      aggregates_.fold(key, batch, row);
      append_row(batch, row, key, RowKind::Insert);
      continue;
    }
    // Emit the old row tentatively; drop it again if the result did not change.
    size_t before = out_.rows;
    append_row(batch, row, key, RowKind::UpdateBefore);
    if (!aggregates_.fold(key, batch, row)) {
      for (auto& column : out_.columns) column.resize(before);
      out_.kinds.resize(before);
      out_.rows = before;
      continue;
    }
    append_row(batch, row, key, RowKind::UpdateAfter);
  }
  metrics_.rows_out += out_.size();
  metrics_.keys = state_.key_count();
  metrics_.state_bytes = state_.memory_bytes();
  if (!out_.empty()) out.emit(out_);
}

void GroupAggregate::restore(const std::string& blob) {
  if (!state_.restore(blob)) fail(Error::Kind::Runtime, "GroupAggregate: damaged state snapshot");
}

OperatorDescription GroupAggregate::describe() const {
  std::string keys, aggs;
  for (const auto& name : key_names_) keys += (keys.empty() ? "" : ", ") + name;
  for (const auto& spec : aggregates_.specs()) aggs += (aggs.empty() ? "" : ", ") + spec.text;
  OperatorDescription d{"GroupAggregate", {}};
  d.properties.emplace_back("key", keys.empty() ? "(global)" : keys);
  d.properties.emplace_back("aggregates", aggs);
  d.properties.emplace_back("emits", "updating changelog (+I, -U, +U)");
  d.properties.emplace_back("state", "accumulators per key, kept forever");
  return d;
}

}  // namespace eddy
