#include "state/row_buffer.h"

#include "state/bytes.h"

namespace eddy {

namespace {

bool before(const RowBufferState::Entry& a, const RowBufferState::Entry& b) {
  return a.time != b.time ? a.time < b.time : a.arrival < b.arrival;
}

// Compaction waits for this many rows in the store, so small buffers never pay for it.
constexpr size_t kCompactMinimum = 4096;

// Entries a key's list keeps room for when it shrinks (most keys have one or two pending).
constexpr size_t kKeepCapacity = 8;

}  // namespace

RowBufferState::RowBufferState(std::string name, KeyRecords& records, const Schema& schema)
    : State(std::move(name)),
      records_(records),
      pending_(records.add_field(sizeof(uint32_t), alignof(uint32_t))),
      single_(records.add_field(sizeof(Entry), alignof(Entry))),
      schema_(schema),
      kept_(BatchKeys::first(schema.size()).columns()),
      is_kept_(schema.size(), 1),
      store_(Batch::with_schema(schema)) {
  for (size_t c = 0; c < schema.size(); ++c) {
    one_column_.push_back({int(c)});
    dropped_.emplace_back(schema[c].type);
  }
}

void RowBufferState::keep_only(const std::vector<int>& columns) {
  std::fill(is_kept_.begin(), is_kept_.end(), 0);
  for (int c : columns) is_kept_[size_t(c)] = 1;
  kept_.clear();
  for (size_t c = 0; c < is_kept_.size(); ++c)
    if (is_kept_[c]) kept_.push_back(int(c));
}

void RowBufferState::add(KeyId key, Timestamp time, uint64_t arrival, const Batch& batch,
                         size_t row) {
  changed(key);
  for (int c : kept_) store_.columns[size_t(c)].append_from(batch.columns[size_t(c)], row);
  const Entry entry{time, arrival, uint32_t(store_.rows++)};
  ++live_;
  uint32_t& n = pending(key);
  if (n++ == 0) {
    *single(key) = entry;
    return;
  }
  auto& [list, head] = list_of(key);
  if (n == 2) list.push_back(*single(key)), ++listed_;  // the list starts with the record's entry
  list.push_back(entry);
  ++listed_;
  // Rows arrive nearly in time order: the new entry moves back past the few later ones.
  for (size_t i = list.size() - 1; i > head && before(list[i], list[i - 1]); --i)
    std::swap(list[i], list[i - 1]);
}

RowBufferState::KeyList& RowBufferState::list_of(KeyId key) {
  std::unique_ptr<KeyList>& list = lists_[key];
  if (!list) list = std::make_unique<KeyList>(), ++lists_made_;
  return *list;
}

void RowBufferState::drop_list(KeyId key) {
  if (lists_[key]) lists_[key].reset(), --lists_made_;
}

void RowBufferState::list_to_single(KeyId key) {
  const KeyList& list = *lists_[key];
  *single(key) = list.entries[list.head];
  drop_list(key);
}

void RowBufferState::pop_front(KeyId key, size_t n) {
  if (n == 0) return;
  changed(key);
  uint32_t& left = pending(key);
  const uint32_t had = left;
  left -= uint32_t(n);
  live_ -= n;
  if (had == 1) return maybe_compact();  // the record's entry
  listed_ -= left == 1 ? had : n;
  auto& [list, head] = *lists_[key];
  head += uint32_t(n);
  if (left == 1) {
    list_to_single(key);
  } else if (left == 0) {
    drop_list(key);
  } else if (head * 2 >= list.size()) {
    // Erasing the taken entries once they are half the list moves each live entry a bounded
    // number of times per entry taken.
    list.erase(list.begin(), list.begin() + head);
    head = 0;
    // A key that once had many rows pending (a hot key, until its rows slowed down) gives back
    // what it no longer uses, so capacity follows the pending rows rather than their peak.
    if (list.capacity() > kKeepCapacity && list.size() * 4 < list.capacity()) list.shrink_to_fit();
  }
  maybe_compact();
}

void RowBufferState::maybe_compact() {
  // A compaction visits every key's list: waiting for as many holes as there are keys (and
  // live rows) keeps its cost per taken row constant.
  const size_t holes = store_.rows - live_;
  if (store_.rows < kCompactMinimum || holes <= live_ || holes <= lists_.size()) return;
  Batch compacted = Batch::with_schema(schema_);
  const auto move_row = [&](Entry& entry) {
    for (int c : kept_)
      compacted.columns[size_t(c)].append_from(store_.columns[size_t(c)], entry.row);
    entry.row = uint32_t(compacted.rows++);
  };
  for (KeyId key = 0; key < lists_.size(); ++key) {
    const uint32_t n = pending(key);
    if (n == 1) move_row(*single(key));
    if (n <= 1) continue;
    auto& [list, head] = *lists_[key];
    list.erase(list.begin(), list.begin() + head);  // taken entries point at holes
    head = 0;
    for (Entry& entry : list) move_row(entry);
  }
  store_ = std::move(compacted);
}

void RowBufferState::resize(size_t keys) {
  records_.resize(keys);
  if (keys > lists_.size()) lists_.resize(keys);
}

void RowBufferState::clear(KeyId key) {
  changed(key);
  const uint32_t n = pending(key);
  live_ -= n;
  if (n > 1) listed_ -= n;
  drop_list(key);
  pending(key) = 0;
  maybe_compact();
}

size_t RowBufferState::memory_bytes() const {
  // The store's rows (holes included, as they hold memory until a compaction): 8 bytes a value,
  // plus a string's view and bytes (counted as a view's size again, an estimate).
  size_t row_bytes = 0;
  for (int c : kept_)
    row_bytes +=
        store_.columns[size_t(c)].type.id == TypeId::String ? 2 * sizeof(std::string_view) : 8;
  // A key's single entry is in its record, which KeyedState counts.
  return lists_.capacity() * sizeof(lists_[0]) + lists_made_ * sizeof(KeyList) +
         listed_ * sizeof(Entry) + store_.rows * row_bytes;
}

void RowBufferState::save_key(KeyId key, std::string& out) const {
  const auto list = entries(key);
  bytes::put<uint32_t>(out, uint32_t(list.size()));
  for (const Entry& entry : list) {
    bytes::put(out, entry.time);
    bytes::put(out, entry.arrival);
    // Every column, as encode_row writes a row; one not kept as NULL (a null flag alone).
    for (size_t c = 0; c < is_kept_.size(); ++c) {
      if (is_kept_[c])
        encode_row(store_, one_column_[c], entry.row, out);
      else
        out.push_back('\0');
    }
  }
}

bool RowBufferState::load_key(KeyId key, std::string_view& in) {
  uint32_t n = 0;
  if (!bytes::get(in, n) || n > in.size()) return false;
  // The key's entries so far (none, for a key restored once), then the restored ones, in a list
  // until the end.
  auto& [list, head] = list_of(key);
  uint32_t& count = pending(key);
  if (count == 1) {
    list.assign(1, *single(key));
  } else {
    list.erase(list.begin(), list.begin() + head);
    listed_ -= count;
  }
  head = 0;
  for (uint32_t i = 0; i < n; ++i) {
    Entry entry{};
    if (!bytes::get(in, entry.time) || !bytes::get(in, entry.arrival)) return false;
    for (size_t c = 0; c < is_kept_.size(); ++c) {
      // A column not kept is read (a checkpoint may hold its value) and dropped.
      Column& into = is_kept_[c] ? store_.columns[c] : dropped_[c];
      if (!decode_columns(in, std::span<Column>(&into, 1))) return false;
      if (!is_kept_[c]) into.clear();
    }
    entry.row = uint32_t(store_.rows++);
    if (!list.empty() && !before(list.back(), entry)) return false;  // not in order: damaged
    list.push_back(entry);
    ++count;
    ++live_;
  }
  if (count == 1)
    list_to_single(key);
  else if (count == 0)
    drop_list(key);
  else
    listed_ += count;
  return true;
}

}  // namespace eddy
