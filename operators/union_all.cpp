#include "operators/union_all.h"

#include <algorithm>

namespace eddy {

namespace {

// out[i] = values[order[i]] for one column's value vectors (one per input).
template <class T>
void gather(std::vector<T>& out, const std::vector<const std::vector<T>*>& values,
            const std::vector<std::pair<uint32_t, uint32_t>>& order) {
  out.resize(order.size());
  for (size_t i = 0; i < order.size(); ++i) out[i] = (*values[order[i].first])[order[i].second];
}

}  // namespace

Timestamp UnionAll::others(int port) const {
  Timestamp others = kMaxTimestamp;
  for (size_t p = 0; p < input_watermarks_.size(); ++p)
    if (int(p) != port && !input_idle_[p]) others = std::min(others, input_watermarks_[p]);
  return others;
}

void UnionAll::on_batch(Batch& batch, int port, Output& out) {
  metrics_.rows_in += batch.size();
  if (!batch.arrival_watermark.empty()) {
    const Timestamp lowest = others(port);
    for (auto& w : batch.arrival_watermark) w = std::min(w, lowest);
  }
  batch.sequence.clear();
  metrics_.rows_out += batch.size();
  out.emit(batch);
}

void UnionAll::on_merged(MergedInputs& merged, Output& out) {
  // Rows with and without arrival watermarks do not share a batch: those go run by run.
  bool with = false, without = false;
  for (const Batch& rows : merged.inputs) {
    if (rows.empty()) continue;
    (rows.arrival_watermark.empty() ? without : with) = true;
  }
  std::vector<size_t> next(merged.inputs.size(), 0);
  if (with && without) {
    for (const MergedInputs::Run& run : merged.runs) {
      size_t& begin = next[run.port];
      if (run.end > begin) {
        Batch slice = merged.inputs[run.port].slice(begin, run.end);
        on_batch(slice, run.port, out);
      }
      begin = run.end;
      input_watermarks_[run.port] = std::max(input_watermarks_[run.port], run.watermark);
    }
    return;
  }
  // The merge order as (input, row), then each column gathered in one pass.
  order_.clear();
  merged_ = Batch();
  for (const MergedInputs::Run& run : merged.runs) {
    const Batch& rows = merged.inputs[run.port];
    size_t& begin = next[run.port];
    for (size_t row = begin; row < run.end; ++row)
      order_.emplace_back(uint32_t(run.port), uint32_t(row));
    if (with && run.end > begin) {
      // Each row's arrival watermark, lowered to what the union had from its other inputs.
      const Timestamp lowest = others(run.port);
      for (size_t row = begin; row < run.end; ++row)
        merged_.arrival_watermark.push_back(std::min(rows.arrival_watermark[row], lowest));
    }
    begin = std::max(begin, run.end);
    input_watermarks_[run.port] = std::max(input_watermarks_[run.port], run.watermark);
  }
  if (order_.empty()) return;
  const Batch* first = nullptr;
  for (const Batch& rows : merged.inputs)
    if (!rows.empty()) first = first ? first : &rows;
  const size_t ports = merged.inputs.size();
  for (size_t c = 0; c < first->columns.size(); ++c) {
    Column& column = merged_.columns.emplace_back(first->columns[c].type);
    std::vector<const Column*> from(ports, &first->columns[c]);
    bool nulls = false;
    for (size_t p = 0; p < ports; ++p) {
      if (merged.inputs[p].empty()) continue;
      from[p] = &merged.inputs[p].columns[c];
      nulls = nulls || !from[p]->nulls.empty();
      column.share_arenas(*from[p]);
    }
    switch (column.type.id) {
      case TypeId::Double: {
        std::vector<const std::vector<double>*> values(ports);
        for (size_t p = 0; p < ports; ++p) values[p] = &from[p]->doubles;
        gather(column.doubles, values, order_);
        break;
      }
      case TypeId::String: {
        std::vector<const std::vector<std::string_view>*> values(ports);
        for (size_t p = 0; p < ports; ++p) values[p] = &from[p]->strings;
        gather(column.strings, values, order_);
        break;
      }
      default: {
        std::vector<const std::vector<int64_t>*> values(ports);
        for (size_t p = 0; p < ports; ++p) values[p] = &from[p]->ints;
        gather(column.ints, values, order_);
        break;
      }
    }
    if (nulls) {
      column.nulls.resize(order_.size());
      for (size_t i = 0; i < order_.size(); ++i)
        column.nulls[i] = from[order_[i].first]->is_null(order_[i].second);
    }
  }
  bool kinds = false;
  for (const Batch& rows : merged.inputs) kinds = kinds || !rows.kinds.empty();
  if (kinds) {
    merged_.kinds.resize(order_.size());
    for (size_t i = 0; i < order_.size(); ++i)
      merged_.kinds[i] = merged.inputs[order_[i].first].kind(order_[i].second);
  }
  merged_.rows = order_.size();
  metrics_.rows_in += merged_.size();
  metrics_.rows_out += merged_.size();
  out.emit(merged_);
}

void UnionAll::on_input_watermark(int port, Timestamp watermark) {
  input_watermarks_[port] = watermark;
}

OperatorDescription UnionAll::describe() const {
  return {"UnionAll", {{"inputs", std::to_string(input_watermarks_.size())}}};
}

}  // namespace eddy
