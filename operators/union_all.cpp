#include "operators/union_all.h"

#include <algorithm>

namespace eddy {

namespace {

// Appends rows [begin, end) of `from` to `to` (same column types). Strings keep pointing into
// `from`'s arenas: the caller makes `to` share them.
void append_rows(Batch& to, const Batch& from, size_t begin, size_t end) {
  if (begin >= end) return;
  if (to.columns.empty())
    for (const Column& c : from.columns) to.columns.emplace_back(c.type);
  const size_t n = end - begin;
  for (size_t c = 0; c < to.columns.size(); ++c) {
    Column& dst = to.columns[c];
    const Column& src = from.columns[c];
    switch (dst.type.id) {
      case TypeId::Double:
        dst.doubles.insert(dst.doubles.end(), src.doubles.begin() + begin,
                           src.doubles.begin() + end);
        break;
      case TypeId::String:
        dst.strings.insert(dst.strings.end(), src.strings.begin() + begin,
                           src.strings.begin() + end);
        break;
      default:
        dst.ints.insert(dst.ints.end(), src.ints.begin() + begin, src.ints.begin() + end);
        break;
    }
    if (!src.nulls.empty()) {
      if (dst.nulls.empty()) dst.nulls.assign(to.rows, 0);
      dst.nulls.insert(dst.nulls.end(), src.nulls.begin() + begin, src.nulls.begin() + end);
    } else if (!dst.nulls.empty()) {
      dst.nulls.resize(to.rows + n, 0);
    }
  }
  if (!from.kinds.empty()) {
    if (to.kinds.empty()) to.kinds.assign(to.rows, RowKind::Insert);
    to.kinds.insert(to.kinds.end(), from.kinds.begin() + begin, from.kinds.begin() + end);
  } else if (!to.kinds.empty()) {
    to.kinds.resize(to.rows + n, RowKind::Insert);
  }
  to.rows += n;
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
  merged_.clear();
  merged_.columns.clear();
  for (const MergedInputs::Run& run : merged.runs) {
    const Batch& rows = merged.inputs[run.port];
    size_t& begin = next[run.port];
    if (run.end > begin) {
      append_rows(merged_, rows, begin, run.end);
      if (with) {
        // Each row's arrival watermark, lowered to what the union had from its other inputs.
        const Timestamp lowest = others(run.port);
        for (size_t row = begin; row < run.end; ++row)
          merged_.arrival_watermark.push_back(std::min(rows.arrival_watermark[row], lowest));
      }
    }
    begin = run.end;
    input_watermarks_[run.port] = std::max(input_watermarks_[run.port], run.watermark);
  }
  for (const Batch& rows : merged.inputs)
    for (size_t c = 0; c < merged_.columns.size() && !rows.empty(); ++c)
      merged_.columns[c].share_arenas(rows.columns[c]);
  metrics_.rows_in += merged_.size();
  metrics_.rows_out += merged_.size();
  if (!merged_.empty()) out.emit(merged_);
}

void UnionAll::on_input_watermark(int port, Timestamp watermark) {
  input_watermarks_[port] = watermark;
}

OperatorDescription UnionAll::describe() const {
  return {"UnionAll", {{"inputs", std::to_string(input_watermarks_.size())}}};
}

}  // namespace eddy
