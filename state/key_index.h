// Keys of keyed operators: the values of a row's key columns, interned into dense KeyIds.
//
// A key is stored once, encoded (encode_row: the bytes checkpoints save and key groups hash), and
// found again by a hash of its typed values: an operator hashes the key columns of a whole batch
// at once (BatchKeys::hash — one pass per column, no per-row encoding or allocation), then interns
// row by row, comparing a row's values with the stored key only on a hash-tag match. Interning
// stays per row because operators release keys between rows (timers fire at each row's arrival
// watermark), so a batch's ids cannot all be fixed up front.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/types.h"
#include "runtime/batch.h"
#include "state/huge_pages.h"
#include "state/prefetch.h"

namespace eddy {

// Dense id of a key within one keyed operator.
using KeyId = uint32_t;

// Appends the values of `columns` at `row` to `out`: per value a null flag, then 8 bytes
// (int64-backed types; DOUBLE with -0.0 and NaN canonical) or a 4-byte length and the bytes.
// Equal SQL values (NULL equal to NULL, as GROUP BY treats them) give equal bytes.
void encode_row(const Batch& batch, const std::vector<int>& columns, size_t row, std::string& out);
// The same bytes written to `out` (`capacity` bytes, e.g. a record's inline room): their length,
// or 0 when they do not fit (or there are none).
size_t encode_row_into(const Batch& batch, const std::vector<int>& columns, size_t row, char* out,
                       size_t capacity);
// Reads one row encoded by encode_row from the front of `in` and appends it to `out`, whose
// columns have the encoded columns' types. Returns false on malformed input.
bool decode_row(std::string_view& in, Batch& out);
// The same, into `columns` only (a range of a wider batch, e.g. one side of a join's pairs); the
// caller counts the row.
bool decode_columns(std::string_view& in, std::span<Column> columns);

// The types of a schema's first `n` columns (keyed operators get their key columns first).
std::vector<Type> leading_types(const Schema& schema, size_t n);

// The key columns of the rows of one batch, hashed by their typed values. An operator keeps one
// (its key columns), calls hash() when a batch arrives and then interns or finds row by row.
class BatchKeys {
 public:
  explicit BatchKeys(std::vector<int> columns) : columns_(std::move(columns)) {}
  // The key of the first `n` columns (keyed operators get their key columns first).
  static BatchKeys first(size_t n);
  // Hashes every row's key; the batch must outlive the calls that use its rows.
  void hash(const Batch& batch);
  const Batch& batch() const { return *batch_; }
  uint64_t hash(size_t row) const { return hashes_[row]; }
  size_t size() const { return hashes_.size(); }  // rows hashed
  // Whether `row`'s key equals an encoded key (compared value by value, nothing encoded).
  bool equals(size_t row, std::string_view encoded) const;
  // After hash(): marks the rows whose key is the previous row's (as GROUP BY compares: NULLs
  // equal), one pass per key column. Operators skip interning such a row (runs of a key, e.g. a
  // HOP window assignment's copies of a row).
  void find_runs();
  bool same_as_previous(size_t row) const { return same_as_previous_[row] != 0; }
  // Appends the row's encoded key (when a key is stored for the first time).
  void encode(size_t row, std::string& out) const { encode_row(*batch_, columns_, row, out); }
  const std::vector<int>& columns() const { return columns_; }

 private:
  std::vector<int> columns_;
  const Batch* batch_ = nullptr;
  std::vector<uint64_t> hashes_;
  std::vector<uint8_t> same_as_previous_;  // per row, after find_runs()
};

// The encoded keys, by id, in slots of one size: a length byte, then the bytes. Keys of
// fixed-width columns only (no STRING) have a bounded length and always fit; other keys of up to
// kInline bytes (most string keys) sit in the slot too, and a longer one is a string of its own
// that the slot points to. Slots live in chunks that double in size (large ones on huge pages,
// state/huge_pages.h), so a key's id gives its address by arithmetic alone: a lookup, a prefetch
// or appending a key's values reads one line, with nothing to dereference on the way. A key's
// bytes never move while it lives, so views of them stay valid.
class KeyStore {
 public:
  KeyStore() = default;
  KeyStore(const KeyStore&) = delete;
  KeyStore& operator=(const KeyStore&) = delete;
  ~KeyStore();
  // Keys of at most `width` bytes (<= 255) from now on, or 0: any length. Before the first key.
  void set_width(size_t width);
  size_t size() const { return size_; }
  bool fits(std::string_view bytes) const { return width_ == 0 || bytes.size() <= width_; }
  void add();  // one more id, empty
  std::string_view get(KeyId id) const {
    const char* slot = slot_of(id);
    const uint8_t length = uint8_t(slot[0]);
    if (length != kSpilled) return {slot + 1, length};
    uint32_t index;
    std::memcpy(&index, slot + 1, sizeof index);
    return spilled_[index];
  }
  void set(KeyId id, std::string_view bytes);
  void clear(KeyId id);
  // Starts loading what get(id) will read (slots up to 64 bytes are powers of two in
  // cache-line aligned chunks: one line; a longer one may straddle two).
  void prefetch(KeyId id) const {
    if (id >= size_) return;
    const char* slot = slot_of(id);
    prefetch_line(slot);
    if (slot_bytes_ > 64) prefetch_line(slot + slot_bytes_ - 1);
  }
  size_t memory_bytes() const;

 private:
  static constexpr size_t kFirstChunk = 64;  // slots in chunks 0 and 1; then doubling
  static constexpr size_t kInline = 31;      // bytes of a variable-length key kept in its slot
  static constexpr uint8_t kSpilled = 0xFF;  // length byte of a key kept in spilled_
  // Chunk c holds ids from chunk_base(c), chunk_size(c) of them.
  static size_t chunk_of(size_t id) {
    return id < kFirstChunk ? 0 : size_t(std::bit_width(id / kFirstChunk));
  }
  static size_t chunk_base(size_t c) { return c == 0 ? 0 : kFirstChunk << (c - 1); }
  static size_t chunk_size(size_t c) { return c == 0 ? kFirstChunk : kFirstChunk << (c - 1); }
  char* slot_of(KeyId id) const {
    const size_t c = chunk_of(id);
    return chunks_[c] + (id - chunk_base(c)) * slot_bytes_;
  }
  // Frees the spilled string of a slot that holds one.
  void release_spilled(char* slot);

  size_t width_ = 0;
  size_t slot_bytes_ = 32;  // 1 + kInline for any length; a power of two for fixed widths
  size_t size_ = 0;
  std::vector<char*> chunks_;
  std::deque<std::string> spilled_;  // keys longer than kInline, by index
  std::vector<uint32_t> free_spilled_;
  size_t spilled_bytes_ = 0;  // their heap bytes
};

// Interns keys to dense ids. Keys are hashed by typed values once the key column types are known
// (set_types; every operator that uses BatchKeys declares them), so a key found through a batch
// and the same key found through its encoded bytes (a restore, a checkpointed key reference) meet
// in the same slot.
class KeyIndex {
 public:
  // The key columns' types, before any key is interned.
  void set_types(const std::vector<Type>& types);
  // The id of `row`'s key in `keys` (hashed), inserting it when absent (`inserted` tells which).
  KeyId intern(const BatchKeys& keys, size_t row, bool& inserted);
  // The id of `row`'s key, or -1.
  int64_t find(const BatchKeys& keys, size_t row) const;
  // The same by encoded key (checkpoints, and operators whose keys are not batch columns).
  KeyId intern(std::string_view key, bool& inserted);
  int64_t find(std::string_view key) const;

  // The key a few rows ahead of the last interned row, as its prefetch found it (its home slot
  // holds a key of the same hash tag), or kNoKey: callers start loading that key's state too.
  KeyId ahead() const { return ahead_; }
  static constexpr KeyId kNoKey = ~KeyId(0);
  std::string_view bytes(KeyId id) const { return keys_.get(id); }
  // The hash of an encoded key: the same as BatchKeys::hash gives its row once the types are
  // set (key groups, state/checkpoint.h, are taken from it).
  uint64_t hash_of(std::string_view key) const { return hash_encoded(key); }
  void prefetch_bytes(KeyId id) const { keys_.prefetch(id); }
  // Whether `key` can be a key of this index (a fixed-width key has a bounded length): checked
  // before interning encoded bytes from outside (a restore).
  bool fits(std::string_view key) const { return keys_.fits(key); }
  // Forgets a key; its id may be handed out again.
  void release(KeyId id);
  // Starts loading the table slot where release(id) starts looking (from the key's hash tag, a
  // dense array by id).
  void prefetch_release(KeyId id) const {
    if (id < tags_.size()) prefetch_line(&slots_[home(uint64_t(tags_[id]) << 32)]);
  }
  // Makes room for `keys` keys at once (a restore knows how many are coming).
  void reserve(size_t keys);
  size_t size() const { return live_; }             // live keys
  size_t capacity() const { return keys_.size(); }  // ids handed out so far (state vector size)
  size_t column_count() const { return is_string_.size(); }  // once set_types was called
  bool live(KeyId id) const { return size_t(id) < live_flags_.size() && live_flags_[id]; }
  size_t memory_bytes() const;

 private:
  // A slot holds the key's id + 1 (0: empty) in its low 32 bits and its hash's high 32 bits.
  static uint64_t slot_of(KeyId id, uint64_t hash) { return (hash & ~0xFFFFFFFFull) | (id + 1); }
  // A hash's home slot: its top bits. A slot keeps them, so moving entries (release, growth)
  // finds their home without reading anything else (the table has at most 2^32 slots).
  size_t home(uint64_t hash_or_slot) const { return size_t(hash_or_slot >> shift_); }
  uint64_t hash_encoded(std::string_view key) const;
  void prefetch(const BatchKeys& keys, size_t row);
  // Finds the key with `hash` for which `equal(id)` holds: its slot index, or the empty slot
  // where it would go.
  template <class Equal>
  size_t probe(uint64_t hash, const Equal& equal) const;
  KeyId insert(size_t slot, uint64_t hash);  // a new id at an empty slot; its bytes go in keys_
  void rehash(size_t size);  // a table of `size` slots (a power of two) with every live key

  std::vector<bool> is_string_;  // per key column (its encoding is a length and bytes)
  bool typed_ = false;
  LargeVector<uint64_t> slots_ = LargeVector<uint64_t>(16, 0);  // open addressing, linear probing
  size_t mask_ = 15;
  int shift_ = 60;       // 64 - log2(slots)
  KeyStore keys_;        // encoded, per id
  std::string encoded_;  // a key being stored
  std::vector<KeyId> free_;
  std::vector<uint8_t> live_flags_;  // per id: 1 while a key holds it
  // Per id: its key's hash tag (the high 32 bits, which give its home slot), so releasing a
  // key finds its slot without hashing its bytes again (keys that come and go release as
  // often as they intern).
  std::vector<uint32_t> tags_;
  size_t live_ = 0;
  KeyId ahead_ = kNoKey;
};

}  // namespace eddy
