#include "operators/join_rows.h"

#include <algorithm>
#include <cstring>

#include "state/bytes.h"

namespace eddy {

namespace {

// Heap bytes of a string (none while its bytes fit in the string itself).
size_t heap_bytes(const std::string& s) {
  static const size_t inline_capacity = std::string().capacity();
  return s.capacity() > inline_capacity ? s.capacity() : 0;
}

}  // namespace

void JoinRows::time_range(KeyId key, Timestamp from, Timestamp to, size_t& first,
                          size_t& last) const {
  if (live_[key] == kInline) {
    const Timestamp time = inline_[key].time;
    first = time < from ? 1 : 0;
    last = time <= to ? 1 : first;
    return;
  }
  const KeyRows& k = keys_[key];
  const auto begin = k.rows.begin() + k.head, end = k.rows.end();
  const auto lo =
      std::lower_bound(begin, end, from, [](const Row& r, Timestamp t) { return r.time < t; });
  const auto hi =
      std::upper_bound(lo, end, to, [](Timestamp t, const Row& r) { return t < r.time; });
  first = size_t(lo - begin);
  last = size_t(hi - begin);
}

namespace {

// Grows a per-key vector to hold `key`: doubling, but never past the keys there are (`limit`).
template <class T>
T& grown_to(std::vector<T>& records, KeyId key, size_t limit) {
  if (key >= records.size())
    records.resize(std::min(limit, std::max({size_t(key) + 1, 2 * records.size(), size_t(64)})));
  return records[key];
}

}  // namespace

JoinRows::InlineRow& JoinRows::inline_record(KeyId key) {
  return grown_to(inline_, key, live_.size());
}

JoinRows::KeyRows& JoinRows::spilled_record(KeyId key) {
  return grown_to(keys_, key, live_.size());
}

void JoinRows::add(KeyId key, Row row, const Batch& batch, const std::vector<int>& columns,
                   size_t index) {
  changed(key);
  if (!live_[key] && new_rows_fit_) {
    // A key without rows: inline if the row fits, else the first of its spilled rows.
    InlineRow& one = inline_record(key);
    const size_t length = encode_row_into(batch, columns, index, one.bytes, kInlineBytes);
    if (length != 0) {
      live_[key] = kInline;
      one.time = row.time;
      one.expiry = row.expiry;
      one.arrival = row.arrival;
      one.matches = row.matches;
      one.length = uint32_t(length);
      return;
    }
    // Rows too long to be inline (q7's bids) are encoded straight into the key's bytes from
    // now on, until one fits again.
    new_rows_fit_ = false;
    KeyRows& k = spilled_record(key);
    live_[key] = kSpilled;
    start_spilled(k);
    const size_t capacity = heap_bytes(k.bytes);
    row.offset = 0;
    encode_row(batch, columns, index, k.bytes);
    row.length = uint32_t(k.bytes.size());
    bytes_ += heap_bytes(k.bytes) - capacity;
    insert_spilled(k, row);
    return;
  }
  KeyRows& k = spilled_record(key);
  if (!live_[key]) {
    start_spilled(k);
  } else if (live_[key] == kInline) {
    spill(inline_[key], k);
  }
  live_[key] = kSpilled;
  row.offset = k.bytes.size();
  const size_t capacity = heap_bytes(k.bytes);
  encode_row(batch, columns, index, k.bytes);
  row.length = uint32_t(k.bytes.size() - row.offset);
  bytes_ += heap_bytes(k.bytes) - capacity;
  if (row.offset == 0 && row.length <= kInlineBytes) new_rows_fit_ = true;
  insert_spilled(k, row);
}

void JoinRows::start_spilled(KeyRows& k) {
  if (k.rows.capacity() == 0 && !spares_.empty()) {
    k.rows.swap(spares_.back().rows);
    k.bytes.swap(spares_.back().bytes);
    spares_.pop_back();
  }
  k.rows.clear();
  k.bytes.clear();
  k.head = 0;
  k.dead = 0;
}

void JoinRows::spill(const InlineRow& one, KeyRows& k) {
  start_spilled(k);
  const size_t capacity = heap_bytes(k.bytes);
  k.bytes.append(one.bytes, one.length);
  bytes_ += heap_bytes(k.bytes) - capacity;
  k.rows.push_back(Row{one.time, one.expiry, one.arrival, one.matches, one.length, 0});
  ++rows_;
}

void JoinRows::insert_spilled(KeyRows& k, const Row& row) {
  ++rows_;
  // Rows mostly arrive in time order: find the place from the back.
  size_t at = k.rows.size();
  if (time_ordered_)
    while (at > k.head && k.rows[at - 1].time > row.time) --at;
  k.rows.insert(k.rows.begin() + ptrdiff_t(at), row);
}

void JoinRows::remove(KeyId key, size_t i) {
  changed(key);
  if (live_[key] == kInline) {
    live_[key] = 0;
    return;
  }
  KeyRows& k = keys_[key];
  k.dead += k.rows[k.head + i].length;
  k.rows.erase(k.rows.begin() + k.head + i);
  --rows_;
  compact(key);
  live_[key] = k.head < k.rows.size() ? kSpilled : 0;
}

// An emptied key's small buffers go to the spares for the next key that stores a row on this
// side, so keys that come and go do not allocate each time.
void JoinRows::empty_key(KeyRows& k) {
  if (k.rows.capacity() > kKeptRows || k.bytes.capacity() > kKeptBytes ||
      (k.rows.capacity() != 0 && spares_.size() >= kMaxSpares)) {
    bytes_ -= heap_bytes(k.bytes);
    std::vector<Row>().swap(k.rows);
    std::string().swap(k.bytes);
  } else if (k.rows.capacity() != 0) {
    k.rows.clear();
    k.bytes.clear();
    spares_.push_back({std::move(k.rows), std::move(k.bytes)});
    k.rows = {};
    k.bytes = {};
  }
  k.head = 0;
  k.dead = 0;
}

void JoinRows::compact(KeyId key) {
  KeyRows& k = keys_[key];
  if (k.head == k.rows.size()) return empty_key(k);
  if (k.head > 8 && k.head * 2 > k.rows.size()) {
    k.rows.erase(k.rows.begin(), k.rows.begin() + k.head);
    k.head = 0;
  }
  if (k.dead < 64 || k.dead * 2 < k.bytes.size()) return;
  // Rewrite the live rows' bytes in stored order.
  std::string bytes;
  bytes.reserve(k.bytes.size() - k.dead);
  for (size_t i = k.head; i < k.rows.size(); ++i) {
    Row& row = k.rows[i];
    const uint64_t offset = bytes.size();
    bytes.append(k.bytes, row.offset, row.length);
    row.offset = offset;
  }
  bytes_ -= heap_bytes(k.bytes);
  k.bytes = std::move(bytes);
  bytes_ += heap_bytes(k.bytes);
  k.dead = 0;
}

void JoinRows::clear(KeyId key) {
  changed(key);
  if (!live_[key]) return;  // emptied already (its records are not even looked at)
  const bool spilled = live_[key] == kSpilled;
  live_[key] = 0;
  if (!spilled) return;
  KeyRows& k = keys_[key];
  rows_ -= k.rows.size() - k.head;
  empty_key(k);
}

size_t JoinRows::memory_bytes() const {
  // Inline rows are in their records. Spares: their string capacity is in bytes_; their row
  // buffers hold up to kKeptRows.
  return live_.capacity() + inline_.capacity() * sizeof(InlineRow) +
         keys_.capacity() * sizeof(KeyRows) + rows_ * sizeof(Row) + bytes_ +
         spares_.capacity() * sizeof(Spare) + spares_.size() * kKeptRows * sizeof(Row);
}

// Per key: u32 rows, then per row its time, expiry, arrival, match count and encoded bytes
// (u32 length + bytes), in stored order.
void JoinRows::save_key(KeyId key, std::string& out) const {
  const size_t count = size(key);
  bytes::put<uint32_t>(out, uint32_t(count));
  for (size_t i = 0; i < count; ++i) {
    const Row r = row(key, i);
    bytes::put(out, r.time);
    bytes::put(out, r.expiry);
    bytes::put(out, r.arrival);
    bytes::put(out, r.matches);
    bytes::put_string(out, bytes(key, r));
  }
}

bool JoinRows::load_key(KeyId key, std::string_view& in) {
  uint32_t count = 0;
  if (!bytes::get(in, count) || count > in.size() / 28) return false;
  // The key is clear, as every state of a key being restored.
  for (uint32_t i = 0; i < count; ++i) {
    Row row{};
    std::string_view encoded;
    if (!bytes::get(in, row.time) || !bytes::get(in, row.expiry) || !bytes::get(in, row.arrival) ||
        !bytes::get(in, row.matches) || !bytes::get_string(in, encoded))
      return false;
    if (count == 1 && !encoded.empty() && encoded.size() <= kInlineBytes) {
      InlineRow& one = inline_record(key);
      one.time = row.time;
      one.expiry = row.expiry;
      one.arrival = row.arrival;
      one.matches = row.matches;
      one.length = uint32_t(encoded.size());
      std::memcpy(one.bytes, encoded.data(), encoded.size());
      live_[key] = kInline;
      return true;
    }
    KeyRows& k = spilled_record(key);
    if (i == 0) {
      start_spilled(k);
      k.rows.reserve(count);
    }
    const size_t held = heap_bytes(k.bytes);
    row.offset = k.bytes.size();
    row.length = uint32_t(encoded.size());
    k.bytes.append(encoded);
    bytes_ += heap_bytes(k.bytes) - held;
    k.rows.push_back(row);
    ++rows_;
  }
  live_[key] = count > 0 ? kSpilled : 0;
  return true;
}

}  // namespace eddy
