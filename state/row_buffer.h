// Rows an operator holds per key until their time comes (a timeout aggregation applies a key's
// rows in event-time order once the watermark passes them).
//
// The rows live in one columnar store shared by every key, appended column by column as they
// arrive (no encoding); each key keeps its entries (time, arrival, row in the store) sorted by
// (time, arrival), so taking the rows due by a time is a prefix and nothing is sorted, decoded or
// rewritten on the hot path. Most keys have one row pending at a time: that one entry sits in the
// key's record (KeyRecords), beside the operator's own values, so buffering and taking it touch
// no other memory; from two rows on, the entries are in a list of the key's. Taking a prefix moves
// the list's head; the taken entries are erased only once they are half of it, so a hot key with
// thousands of pending rows does not move them all each time a few are taken. Taken rows leave
// holes that a compaction reclaims once they outnumber the live rows. Checkpoints save a key's
// entries with its record (save_key), so they stay in its key group.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "runtime/batch.h"
#include "state/huge_pages.h"
#include "state/key_records.h"
#include "state/keyed_state.h"
#include "state/prefetch.h"

namespace eddy {

class RowBufferState final : public State {
 public:
  struct Entry {
    Timestamp time;
    uint64_t arrival;  // orders rows of equal time (their arrival order)
    uint32_t row;      // in rows()
  };

  // `schema`: the buffered rows' columns (the operator's input). `records`: the operator's key
  // records, which hold each key's count of pending rows (KeyedState::declare passes them).
  RowBufferState(std::string name, KeyRecords& records, const Schema& schema);

  // Only these columns of a buffered row are ever read (e.g. the aggregates' arguments): the
  // others are not stored, so buffering a row copies no key string nobody reads again. Call
  // before any row is added. Checkpoints still write every column (NULL for one not kept), so
  // their format does not depend on it.
  void keep_only(const std::vector<int>& columns);
  // Buffers `batch`'s row `row` for `key`.
  void add(KeyId key, Timestamp time, uint64_t arrival, const Batch& batch, size_t row);
  // The key's entries in (time, arrival) order; their `row` indexes rows() (whose columns not
  // kept are empty).
  std::span<const Entry> entries(KeyId key) const {
    const uint32_t n = pending(key);
    if (n <= 1) return std::span<const Entry>(single(key), n);
    const KeyList& list = *lists_[key];
    return std::span<const Entry>(list.entries).subspan(list.head);
  }
  // Read from the key's record, which its operator is reading anyway: most keys have nothing
  // pending when asked, and their list (another cache line) is then not touched.
  bool empty(KeyId key) const { return pending(key) == 0; }
  const Batch& rows() const { return store_; }
  // Starts loading where the key's list is, which it has from two rows pending on (without
  // reading its record to know: that may not have arrived yet).
  void prefetch_list(KeyId key) const {
    if (key < lists_.size()) prefetch_line(&lists_[key]);
  }
  // Drops the key's first `n` entries (the ones the operator took).
  void pop_front(KeyId key, size_t n);

  void resize(size_t keys) override;
  void clear(KeyId key) override;
  size_t memory_bytes() const override;
  void save_key(KeyId key, std::string& out) const override;
  bool load_key(KeyId key, std::string_view& in) override;

 private:
  uint32_t& pending(KeyId key) const { return *records_.value<uint32_t>(key, pending_); }
  // The entry of a key with one row pending (in its record).
  Entry* single(KeyId key) const { return records_.value<Entry>(key, single_); }
  // The key's list, made on its second pending row and dropped when it has one or none.
  struct KeyList;
  KeyList& list_of(KeyId key);
  void drop_list(KeyId key);
  // A key's list is left with one live entry: it moves to the record and the list goes.
  void list_to_single(KeyId key);
  // Rebuilds the store with only the live rows once holes outnumber them.
  void maybe_compact();

  KeyRecords& records_;
  const KeyRecords::Field& pending_;  // per key: its live entries
  const KeyRecords::Field& single_;   // per key: its entry while it has exactly one
  Schema schema_;
  std::vector<int> kept_;                     // the columns stored, ascending
  std::vector<uint8_t> is_kept_;              // per column
  std::vector<std::vector<int>> one_column_;  // per column c: {c} (checkpoints, per column)
  std::vector<Column> dropped_;               // per column: where a restore reads one not kept
  Batch store_;
  // A key's entries while it has two or more: taken ones before `head`, then the live ones. Most
  // keys have none, so each key has only a pointer to one (8 bytes, not a vector's 32).
  struct KeyList {
    std::vector<Entry> entries;
    uint32_t head = 0;
  };
  LargeVector<std::unique_ptr<KeyList>> lists_;
  size_t lists_made_ = 0;
  size_t live_ = 0;    // entries of all keys (the rest of the store is holes)
  size_t listed_ = 0;  // of them, in lists (the others are in records)
  std::string scratch_;
};

}  // namespace eddy
