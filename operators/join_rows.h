// JoinRows: the stored rows of one side of a join (operators/interval_join.h), per key.
//
// A key's rows are a vector of fixed-size headers (time, expiry, arrival, match count, where the
// encoded row is) over one byte string holding the encoded rows (encode_row over all of the
// side's columns). Headers are ordered by (time, arrival) when the join has a time bound, so a
// probe binary-searches the rows within its interval, and by arrival otherwise. Rows expire from
// the front (expiry grows with time, or with arrival for a processing-time TTL); the bytes of
// removed rows are reclaimed by rewriting the key's string once they are more than half of it,
// so no row is decoded or re-encoded to probe, count a match or expire another.
//
// The common case of an interval join is a key that holds one row on a side for the length of
// the interval, then none (keys come and go): a key's first row, when its encoding fits in
// kInlineBytes, is kept inline, header and bytes, in a one-line record of its own (InlineRow),
// so storing, probing and expiring it touch that line only, not the key's vector and string
// and the two buffers they point to. A second row moves it out to those ("spills"); an emptied
// key starts inline again. A dense byte per key says which record holds its rows.
//
// Checkpoints save a key's rows in order (State::save_key), so keys stay in their key groups.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "state/keyed_state.h"
#include "state/prefetch.h"

namespace eddy {

class JoinRows final : public State {
 public:
  struct Row {
    Timestamp time;  // the row's time attribute (interval mode; else 0)
    Timestamp expiry;
    uint64_t arrival;
    uint32_t matches;  // rows of the other side it currently matches
    uint32_t length;   // of the encoded row
    uint64_t offset;   // of the encoded row within the key's bytes
  };

  using State::State;
  // Keep rows by (time, arrival) (interval joins); else by arrival. Set before any row is added.
  void set_time_ordered(bool time_ordered) { time_ordered_ = time_ordered; }

  // Whether the key has rows (a dense byte per key: cheap for keys with no rows on this side).
  bool has(KeyId key) const { return key < live_.size() && live_[key]; }
  // One past the largest key id this state has room for.
  size_t key_limit() const { return live_.size(); }
  size_t size(KeyId key) const {
    switch (live_[key]) {
      case kInline:
        return 1;
      case kSpilled:
        return keys_[key].rows.size() - keys_[key].head;
      default:
        return 0;
    }
  }
  // Row `i` (0 = the first live row) of `key` (a copy: an inline row has no header of its own
  // type), and its encoded bytes (those of `key`'s row given, valid until the key changes).
  Row row(KeyId key, size_t i) const {
    if (live_[key] == kInline) {
      const InlineRow& r = inline_[key];
      return Row{r.time, r.expiry, r.arrival, r.matches, r.length, 0};
    }
    return keys_[key].rows[keys_[key].head + i];
  }
  std::string_view bytes(KeyId key, const Row& row) const {
    if (live_[key] == kInline) return std::string_view(inline_[key].bytes, inline_[key].length);
    return std::string_view(keys_[key].bytes).substr(row.offset, row.length);
  }
  uint32_t& matches(KeyId key, size_t i) {
    changed(key);
    if (live_[key] == kInline) return inline_[key].matches;
    return keys_[key].rows[keys_[key].head + i].matches;
  }
  // The live rows [first, last) of `key` whose time is within [from, to] (time-ordered only).
  void time_range(KeyId key, Timestamp from, Timestamp to, size_t& first, size_t& last) const;

  // Starts loading what expire(key, ...) reads: the key's record (`far`: one line, records are
  // line-aligned; an inline row is all in it), then, once that has arrived, a spilled key's
  // first live row header and its bytes, up to three lines (near: a row emitted on expiry is
  // decoded from them, and once the key's rows expire, the next key stored on this side writes
  // its row into the same buffers, JoinRows::Spare: q7's rows of some 110 bytes take two lines).
  // Keys are visited a few ahead of their expiry (IntervalJoin::fire), so the expiries' cache
  // misses overlap. A key without rows on this side costs its live byte only.
  void prefetch_record(KeyId key) const {
    if (!has(key)) return;
    if (live_[key] == kInline)
      prefetch_line(&inline_[key]);
    else
      prefetch_line(&keys_[key]);
  }
  // Starts loading the record the next row of a key without rows goes to: a key just released,
  // whose id the next new key is given (ids are reused, most recently released first).
  void prefetch_slot(KeyId key) const {
    if (new_rows_fit_ && key < inline_.size())
      prefetch_line(&inline_[key]);
    else if (key < keys_.size())
      prefetch_line(&keys_[key]);
  }
  void prefetch_rows(KeyId key) const {
    if (!has(key) || live_[key] == kInline) return;  // an inline row is all in its record
    const KeyRows& k = keys_[key];
    prefetch_line(&k.rows[k.head]);
    const size_t bytes = std::min<size_t>(k.bytes.size(), 192);
    for (size_t at = 0; at < bytes; at += 64) prefetch_line(k.bytes.data() + at);
  }
  // Stores a row (its `offset` and `length` are set here) in its place by the key's order:
  // `columns` of `batch` at `index`, encoded (encode_row) straight into the key's bytes.
  void add(KeyId key, Row row, const Batch& batch, const std::vector<int>& columns, size_t index);
  // Removes the live row `i`.
  void remove(KeyId key, size_t i);
  // Removes the rows with expiry <= `at`, calling `expired(row, bytes)` for each first, in
  // stored order. Rows expire from the front when expiry follows the key's order
  // (`expiry_ordered`); otherwise every row is looked at.
  template <class F>
  void expire(KeyId key, Timestamp at, bool expiry_ordered, F&& expired);

  // The records grow as keys store rows in them (inline_record, spilled_record): a side whose
  // rows never fit inline (q7's bids) has no inline records, and spilled records reach only as
  // far as the largest key id that spilled.
  void resize(size_t keys) override {
    if (keys > live_.size()) live_.resize(keys, 0);
  }
  void clear(KeyId key) override;
  size_t memory_bytes() const override;
  void save_key(KeyId key, std::string& out) const override;
  bool load_key(KeyId key, std::string_view& in) override;

 private:
  static constexpr size_t kInlineBytes = 32;
  // A key's only row while it has no other and its encoding fits: one cache line.
  struct alignas(64) InlineRow {
    Timestamp time;
    Timestamp expiry;
    uint64_t arrival;
    uint32_t matches;
    uint32_t length;  // of the encoded row in `bytes`
    char bytes[kInlineBytes];
  };
  // Otherwise: the key's rows, live from `head`, over their bytes. One cache line.
  struct alignas(64) KeyRows {
    std::vector<Row> rows;
    std::string bytes;
    uint32_t head = 0;
    uint32_t dead = 0;  // bytes of removed rows still in `bytes`
  };
  // Small buffers of emptied keys, for the next key whose rows spill: an emptied key's buffers
  // were just touched (its rows expired), while the key given its id next may store on the
  // other side of the join, whose buffers of that id were last touched long ago.
  struct Spare {
    std::vector<Row> rows;
    std::string bytes;
  };
  // live_ per key: which record holds its rows (inline_ or keys_).
  static constexpr uint8_t kInline = 1, kSpilled = 2;
  // The key's record of either kind, grown to hold it.
  InlineRow& inline_record(KeyId key);
  KeyRows& spilled_record(KeyId key);
  // Gives a key that has no spilled rows its buffers back (a spare's, if it has none), empty.
  void start_spilled(KeyRows& k);
  // Moves the key's inline row out to its (empty) vector and string.
  void spill(const InlineRow& one, KeyRows& k);
  // Appends a row whose `offset` and `length` are set to the key's spilled rows, in its place
  // by the key's order.
  void insert_spilled(KeyRows& k, const Row& row);
  // After a removal: drops removed headers and bytes once they are the larger part.
  void compact(KeyId key);
  // A key without rows: its small buffers go to the spares, larger ones are freed.
  void empty_key(KeyRows& k);
  static constexpr size_t kKeptRows = 4, kKeptBytes = 256, kMaxSpares = 1024;
  static_assert(sizeof(KeyRows) == 64 && sizeof(InlineRow) == 64);

  bool time_ordered_ = false;
  std::vector<InlineRow> inline_;  // by key id, up to the largest that held an inline row
  std::vector<KeyRows> keys_;      // by key id, up to the largest that held spilled rows
  std::vector<uint8_t> live_;      // per key: kInline or kSpilled while it has rows, else 0
  std::vector<Spare> spares_;      // most recently emptied last
  // Live spilled rows and byte-string capacity, for memory_bytes() (inline rows are in the
  // records).
  size_t rows_ = 0, bytes_ = 0;
  bool new_rows_fit_ = true;  // whether the last new key's row fitted inline
};

template <class F>
void JoinRows::expire(KeyId key, Timestamp at, bool expiry_ordered, F&& expired) {
  if (live_[key] == kInline) {
    const InlineRow& one = inline_[key];
    if (one.expiry > at) return;
    expired(row(key, 0), std::string_view(one.bytes, one.length));
    changed(key);
    live_[key] = 0;
    return;
  }
  if (live_[key] != kSpilled) return;
  KeyRows& k = keys_[key];
  if (k.head >= k.rows.size()) return;
  bool any = false;
  if (expiry_ordered) {
    while (k.head < k.rows.size() && k.rows[k.head].expiry <= at) {
      const Row& row = k.rows[k.head];
      expired(row, std::string_view(k.bytes).substr(row.offset, row.length));
      k.dead += row.length;
      ++k.head;
      --rows_;
      any = true;
    }
  } else {
    size_t kept = k.head;
    for (size_t i = k.head; i < k.rows.size(); ++i) {
      const Row& row = k.rows[i];
      if (row.expiry > at) {
        k.rows[kept++] = row;
        continue;
      }
      expired(row, std::string_view(k.bytes).substr(row.offset, row.length));
      k.dead += row.length;
      --rows_;
      any = true;
    }
    k.rows.resize(kept);
  }
  if (!any) return;
  changed(key);
  compact(key);
  live_[key] = k.head < k.rows.size() ? kSpilled : 0;
}

}  // namespace eddy
