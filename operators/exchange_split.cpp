#include "operators/exchange_split.h"

#include "state/checkpoint.h"

namespace eddy {

ExchangeKeys::ExchangeKeys(std::vector<int> columns) : columns_(std::move(columns)) {}

ExchangeKeys::ExchangeKeys(std::vector<SharedExprs> per_port)
    : columns_(std::vector<int>{}), exprs_(std::move(per_port)) {
  hashed_ = BatchKeys::first(exprs_.empty() ? 0 : exprs_[0].size());
}

void ExchangeKeys::route(const Batch& batch, int port, const std::vector<int>& owner,
                         std::vector<std::vector<uint32_t>>& selection) {
  for (auto& rows : selection) rows.clear();
  if (batch.empty()) return;  // a merge's input without rows may have no columns either
  BatchKeys* keys = &columns_;
  if (!exprs_.empty()) {
    const SharedExprs& exprs = exprs_[size_t(port)];
    values_.columns.resize(exprs.size());
    for (size_t k = 0; k < exprs.size(); ++k) exprs[k]->eval(batch, values_.columns[k]);
    values_.rows = batch.size();
    hashed_.hash(values_);
    keys = &hashed_;
  } else {
    columns_.hash(batch);
  }
  for (size_t row = 0; row < batch.size(); ++row)
    selection[size_t(owner[key_group_of_hash(keys->hash(row))])].push_back(uint32_t(row));
}

void split_batch(const Batch& batch, const std::vector<std::vector<uint32_t>>& selection,
                 uint64_t first, std::vector<Batch>& parts,
                 std::vector<std::vector<uint64_t>>& positions) {
  for (size_t i = 0; i < parts.size(); ++i) {
    Batch& part = parts[i];
    part = batch.take(selection[i]);
    std::vector<uint64_t>& numbers = positions[i];
    numbers.resize(selection[i].size());
    for (size_t k = 0; k < selection[i].size(); ++k) numbers[k] = first + selection[i][k];
    part.positions = numbers;
  }
}

size_t merged_rows(const MergedInputs& merged) {
  size_t rows = 0;
  for (const Batch& input : merged.inputs) rows += input.size();
  return rows;
}

void split_merged(const MergedInputs& merged,
                  const std::vector<std::vector<std::vector<uint32_t>>>& selection, uint64_t first,
                  std::vector<MergedInputs>& parts, std::vector<std::vector<uint64_t>>& positions) {
  const size_t ports = merged.inputs.size();
  // Every row's place in the merge.
  std::vector<std::vector<uint64_t>> place(ports);
  for (size_t p = 0; p < ports; ++p) place[p].resize(merged.inputs[p].size());
  {
    std::vector<size_t> next(ports, 0);
    uint64_t at = first;
    for (const MergedInputs::Run& run : merged.runs) {
      const size_t p = size_t(run.port);
      for (size_t row = next[p]; row < run.end; ++row) place[p][row] = at++;
      next[p] = run.end;
    }
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    MergedInputs& part = parts[i];
    part.inputs.resize(ports);
    part.runs.clear();
    for (size_t p = 0; p < ports; ++p) {
      const std::vector<uint32_t>& rows = selection[p][i];
      Batch& input = part.inputs[p];
      input = merged.inputs[p].take(rows);
      input.positions.resize(rows.size());
      for (size_t k = 0; k < rows.size(); ++k) input.positions[k] = place[p][rows[k]];
    }
    // The runs over the instance's rows: how many of its rows of the run's input come before
    // the run's end. Its rows in merge order follow.
    std::vector<uint64_t>& numbers = positions[i];
    numbers.clear();
    std::vector<size_t> taken(ports, 0);
    for (const MergedInputs::Run& run : merged.runs) {
      const size_t p = size_t(run.port);
      const std::vector<uint32_t>& rows = selection[p][i];
      size_t& end = taken[p];
      while (end < rows.size() && rows[end] < run.end) numbers.push_back(place[p][rows[end++]]);
      part.runs.push_back({run.port, end, run.watermark});
    }
  }
}

}  // namespace eddy
