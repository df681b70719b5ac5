#include "operators/join_rows.h"

#include <algorithm>

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
  const KeyRows& k = keys_[key];
  const auto begin = k.rows.begin() + k.head, end = k.rows.end();
  const auto lo =
      std::lower_bound(begin, end, from, [](const Row& r, Timestamp t) { return r.time < t; });
  const auto hi =
      std::upper_bound(lo, end, to, [](Timestamp t, const Row& r) { return t < r.time; });
  first = size_t(lo - begin);
  last = size_t(hi - begin);
}

void JoinRows::add(KeyId key, Row row, const Batch& batch, const std::vector<int>& columns,
                   size_t index) {
  changed(key);
  KeyRows& k = keys_[key];
  if (k.head == k.rows.size()) {  // start over, in a spare's buffers if the key has none
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
  row.offset = k.bytes.size();
  const size_t capacity = heap_bytes(k.bytes);
  encode_row(batch, columns, index, k.bytes);
  row.length = uint32_t(k.bytes.size() - row.offset);
  bytes_ += heap_bytes(k.bytes) - capacity;
  ++rows_;
  // Rows mostly arrive in time order: find the place from the back.
  size_t at = k.rows.size();
  if (time_ordered_)
    while (at > k.head && k.rows[at - 1].time > row.time) --at;
  k.rows.insert(k.rows.begin() + at, row);
  live_[key] = 1;
}

void JoinRows::remove(KeyId key, size_t i) {
  changed(key);
  KeyRows& k = keys_[key];
  k.dead += k.rows[k.head + i].length;
  k.rows.erase(k.rows.begin() + k.head + i);
  --rows_;
  compact(key);
  live_[key] = k.head < k.rows.size();
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
  if (!live_[key]) return;  // emptied already (its slot is not even looked at)
  KeyRows& k = keys_[key];
  rows_ -= k.rows.size() - k.head;
  empty_key(k);
  live_[key] = 0;
}

size_t JoinRows::memory_bytes() const {
  // Spares: their string capacity is in bytes_; their row buffers hold up to kKeptRows.
  return keys_.capacity() * (sizeof(KeyRows) + 1) + rows_ * sizeof(Row) + bytes_ +
         spares_.capacity() * sizeof(Spare) + spares_.size() * kKeptRows * sizeof(Row);
}

// Per key: u32 rows, then per row its time, expiry, arrival, match count and encoded bytes
// (u32 length + bytes), in stored order.
void JoinRows::save_key(KeyId key, std::string& out) const {
  const KeyRows& k = keys_[key];
  bytes::put<uint32_t>(out, uint32_t(k.rows.size() - k.head));
  for (size_t i = k.head; i < k.rows.size(); ++i) {
    const Row& row = k.rows[i];
    bytes::put(out, row.time);
    bytes::put(out, row.expiry);
    bytes::put(out, row.arrival);
    bytes::put(out, row.matches);
    bytes::put_string(out, std::string_view(k.bytes).substr(row.offset, row.length));
  }
}

bool JoinRows::load_key(KeyId key, std::string_view& in) {
  uint32_t count = 0;
  if (!bytes::get(in, count) || count > in.size() / 28) return false;
  KeyRows& k = keys_[key];  // clear, as every state of a key being restored
  const size_t held = heap_bytes(k.bytes);
  k.rows.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    Row row{};
    std::string_view encoded;
    if (!bytes::get(in, row.time) || !bytes::get(in, row.expiry) || !bytes::get(in, row.arrival) ||
        !bytes::get(in, row.matches) || !bytes::get_string(in, encoded))
      return false;
    row.offset = k.bytes.size();
    row.length = uint32_t(encoded.size());
    k.bytes.append(encoded);
    k.rows.push_back(row);
  }
  rows_ += count;
  live_[key] = count > 0;
  bytes_ += heap_bytes(k.bytes) - held;
  return true;
}

}  // namespace eddy
