#include "result_table.h"

#include <algorithm>

namespace eddy::shell {

void ResultTable::apply(const Chunk& chunk) {
  const size_t columns = std::min(schema_.size(), chunk.schema().size());
  for (size_t r = 0; r < chunk.size(); ++r) {
    // The row's identity: every cell's text, each ended by a byte no text contains unescaped
    // (the changelog format escapes nothing, so the length goes first).
    key_.clear();
    std::string cell;
    for (size_t c = 0; c < columns; ++c) {
      cell.clear();
      if (chunk.is_null(r, c)) {
        key_ += '\x01';
        continue;
      }
      chunk.append_text(cell, r, c, TextFormat::Changelog);
      key_ += std::to_string(cell.size());
      key_ += ':';
      key_ += cell;
    }
    const RowKind kind = chunk.kind(r);
    if (kind == RowKind::Insert || kind == RowKind::UpdateAfter) {
      std::vector<Value> values;
      values.reserve(columns);
      for (size_t c = 0; c < columns; ++c) values.push_back(chunk.value(r, c));
      add(std::move(values), key_, kind == RowKind::UpdateAfter);
    } else {
      remove(key_, kind == RowKind::UpdateBefore);
    }
  }
}

void ResultTable::add(std::vector<Value> values, std::string key, bool update_after) {
  uint32_t slot;
  if (update_after && vacated_ >= 0) {
    slot = uint32_t(vacated_);
  } else {
    slot = uint32_t(slots_.size());
    slots_.emplace_back();
  }
  vacated_ = -1;
  Slot& s = slots_[slot];
  s.values = std::move(values);
  s.key = key;
  s.live = true;
  auto& list = where_[std::move(key)];
  // Live slots of a row stay in slot order; a refilled slot may sit before later copies.
  list.insert(std::upper_bound(list.begin(), list.end(), slot), slot);
  ++live_;
  ++version_;
}

void ResultTable::remove(const std::string& key, bool update_before) {
  vacated_ = -1;
  auto it = where_.find(key);
  if (it == where_.end()) return;  // not in the table: nothing to undo
  const uint32_t slot = it->second.front();
  it->second.erase(it->second.begin());
  if (it->second.empty()) where_.erase(it);
  Slot& s = slots_[slot];
  s.live = false;
  s.values.clear();
  s.key.clear();
  --live_;
  ++version_;
  if (update_before) {
    vacated_ = slot;
    return;  // the +U that follows refills it: no compaction in between
  }
  if (slots_.size() > 64 && live_ * 2 < slots_.size()) compact();
}

void ResultTable::compact() {
  size_t kept = 0;
  for (Slot& s : slots_) {
    if (!s.live) continue;
    if (&slots_[kept] != &s) slots_[kept] = std::move(s);
    ++kept;
  }
  slots_.resize(kept);
  where_.clear();
  for (uint32_t i = 0; i < slots_.size(); ++i) where_[slots_[i].key].push_back(i);
}

Chunk ResultTable::rows(size_t from, size_t count) const {
  std::vector<std::vector<Value>> rows;
  size_t index = 0;
  for (const Slot& s : slots_) {
    if (!s.live) continue;
    if (index >= from && rows.size() < count) rows.push_back(s.values);
    ++index;
  }
  return Chunk::from_rows(schema_, rows);
}

}  // namespace eddy::shell
