#include "operators/updating_limit.h"

#include <algorithm>

namespace eddy {

UpdatingLimit::UpdatingLimit(Schema schema, int64_t limit)
    : schema_(std::move(schema)),
      limit_(limit),
      row_keys_(BatchKeys::first(schema_.size())),
      occurrences_(state_.declare<VectorState<int64_t>>("occurrences")) {
  state_.set_key_types(leading_types(schema_, schema_.size()));
  checkpointed_.keyed(state_);
  checkpointed_.value("next_sequence", next_sequence_);
}

void UpdatingLimit::rebuild_order() {
  ordered_ = true;
  order_.clear();
  for (KeyId key = 0; key < state_.keys().capacity(); ++key) {
    if (!state_.keys().live(key)) continue;
    for (int64_t sequence : occurrences_.get(key)) order_.push_back({sequence, key, true});
  }
  std::sort(order_.begin(), order_.end(),
            [](const Entry& a, const Entry& b) { return a.sequence < b.sequence; });
  live_ = order_.size();
  shown_ = std::min<int64_t>(limit_, int64_t(live_));
  last_shown_ = shown_ == limit_ && shown_ > 0 ? size_t(limit_ - 1) : 0;
}

size_t UpdatingLimit::next_live(size_t from) const {
  size_t at = from + 1;
  while (at < order_.size() && !order_[at].live) ++at;
  return at;
}

void UpdatingLimit::append(KeyId key, RowKind kind) {
  state_.append_key(key, out_);
  ++out_.rows;
  out_.kinds.push_back(kind);
}

void UpdatingLimit::retract(KeyId key) {
  const std::vector<int64_t>& copies = occurrences_.get(key);
  const int64_t sequence = copies.front();
  auto it = std::lower_bound(order_.begin(), order_.end(), sequence,
                             [](const Entry& e, int64_t s) { return e.sequence < s; });
  const size_t position = size_t(it - order_.begin());
  it->live = false;
  --live_;
  const bool was_shown = shown_ < limit_ || position <= last_shown_;
  if (was_shown) {
    append(key, RowKind::Delete);
    const size_t next = shown_ == limit_ ? next_live(last_shown_) : order_.size();
    if (next < order_.size()) {
      last_shown_ = next;
      append(order_[next].key, RowKind::Insert);
    } else {
      --shown_;
    }
  }
  if (copies.size() == 1) {
    state_.release(key);
  } else {
    occurrences_.update(key, std::vector<int64_t>(copies.begin() + 1, copies.end()));
  }
  if (order_.size() > 64 && live_ * 2 < order_.size()) compact();
}

void UpdatingLimit::compact() {
  size_t kept = 0;
  size_t shown_at = 0;
  for (size_t i = 0; i < order_.size(); ++i) {
    if (!order_[i].live) continue;
    if (i == last_shown_) shown_at = kept;
    order_[kept++] = order_[i];
  }
  order_.resize(kept);
  last_shown_ = shown_at;
}

void UpdatingLimit::on_batch(Batch& batch, int, Output& out) {
  metrics_.rows_in += batch.size();
  if (!ordered_) rebuild_order();
  if (out_.columns.empty()) out_ = Batch::with_schema(schema_);
  out_.clear();
  row_keys_.hash(batch);
  for (size_t row = 0; row < batch.size(); ++row) {
    const RowKind kind = batch.kind(row);
    if (kind == RowKind::Insert || kind == RowKind::UpdateAfter) {
      bool inserted = false;
      const KeyId key = state_.intern(row_keys_, row, inserted);
      const int64_t sequence = next_sequence_++;
      occurrences_.add(key, sequence);
      order_.push_back({sequence, key, true});
      ++live_;
      if (shown_ < limit_) {
        ++shown_;
        last_shown_ = order_.size() - 1;
        append(key, RowKind::Insert);
      }
      continue;
    }
    const int64_t found = state_.keys().find(row_keys_, row);
    if (found < 0) continue;  // retracting a row never seen: nothing to undo
    retract(KeyId(found));
  }
  metrics_.keys = state_.key_count();
  metrics_.state_bytes = state_.memory_bytes() + order_.capacity() * sizeof(Entry);
  if (out_.empty()) return;
  metrics_.rows_out += out_.size();
  out.emit(out_);
}

OperatorDescription UpdatingLimit::describe() const {
  OperatorDescription d{"UpdatingLimit", {}};
  d.properties.emplace_back("rows", std::to_string(limit_));
  d.properties.emplace_back("emits", "the first rows of the input's table (+I, -D)");
  d.properties.emplace_back("state", "every live row of the input's table, kept forever");
  return d;
}

}  // namespace eddy
