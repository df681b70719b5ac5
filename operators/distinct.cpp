#include "operators/distinct.h"

#include "runtime/failure.h"

namespace eddy {

Distinct::Distinct(const Schema& schema, bool updating_input)
    : schema_(schema),
      updating_input_(updating_input),
      keys_(BatchKeys::first(schema.size())),
      count_(state_.declare<FixedState<int64_t>>("count")) {
  state_.set_key_types(leading_types(schema_, schema_.size()));
  checkpointed_.keyed(state_);
}

void Distinct::on_batch(Batch& batch, int, Output& out) {
  metrics_.rows_in += batch.size();
  selection_.clear();
  kinds_.clear();
  keys_.hash(batch);
  for (size_t row = 0; row < batch.size(); ++row) {
    const RowKind kind = batch.kind(row);
    const bool adds = kind == RowKind::Insert || kind == RowKind::UpdateAfter;
    bool inserted = false;
    KeyId key;
    if (adds) {
      key = state_.intern(keys_, row, inserted);
    } else {
      int64_t found = state_.keys().find(keys_, row);
      if (found < 0) continue;  // retracting a row never seen (e.g. forgotten): nothing to undo
      key = KeyId(found);
    }
    int64_t& count = count_.get_or_init(key);
    count += adds ? 1 : -1;
    if (adds && count == 1) {
      selection_.push_back(uint32_t(row));
      kinds_.push_back(RowKind::Insert);
    } else if (!adds && count == 0) {
      selection_.push_back(uint32_t(row));
      kinds_.push_back(RowKind::Delete);
      state_.release(key);
    }
  }
  metrics_.keys = state_.key_count();
  metrics_.state_bytes = state_.memory_bytes();
  if (selection_.empty()) return;
  batch.select(selection_);
  if (updating_input_) batch.kinds.assign(kinds_.begin(), kinds_.end());
  metrics_.rows_out += batch.size();
  // Each row out is the input row the selection names (a keyed exchange merges instances by
  // them, Output::emit_caused).
  out.emit_caused(batch, selection_);
}

OperatorDescription Distinct::describe() const {
  std::string keys;
  for (const auto& field : schema_.fields) keys += (keys.empty() ? "" : ", ") + field.name;
  OperatorDescription d{"Distinct", {}};
  d.properties.emplace_back("key", keys);
  d.properties.emplace_back("emits", updating_input_ ? "updating changelog (+I, -D)"
                                                     : "each distinct row once (append-only)");
  d.properties.emplace_back("state", "a count per distinct row, kept forever");
  return d;
}

}  // namespace eddy
