#include "state/key_index.h"

#include <bit>
#include <cassert>
#include <cmath>
#include <cstring>

#define XXH_INLINE_ALL  // short strings: the hash inlines into the per-column loop
#include <xxhash.h>

#include "state/bytes.h"
#include "state/prefetch.h"

namespace eddy {

// ---- Row encoding

namespace {

double canonical(double d) {
  if (d == 0) d = 0;           // -0.0 groups with 0.0
  if (std::isnan(d)) d = NAN;  // one NaN
  return d;
}

// The bytes of a row's values as encode_row lays them out, handed to `put(data, size)` piece by
// piece; false as soon as `put` refuses one (out of room).
template <class Put>
bool encode_values(const Batch& batch, const std::vector<int>& columns, size_t row, Put&& put) {
  static constexpr char kNull = '\0', kPresent = '\1';
  for (int c : columns) {
    const Column& column = batch.columns[c];
    if (column.is_null(row)) {
      if (!put(&kNull, 1)) return false;
      continue;
    }
    if (!put(&kPresent, 1)) return false;
    switch (column.type.id) {
      case TypeId::Double: {
        const uint64_t bits = std::bit_cast<uint64_t>(canonical(column.doubles[row]));
        if (!put(&bits, sizeof bits)) return false;
        break;
      }
      case TypeId::String: {
        const std::string_view s = column.strings[row];
        const uint32_t length = uint32_t(s.size());
        if (!put(&length, sizeof length) || !put(s.data(), s.size())) return false;
        break;
      }
      default:
        if (!put(&column.ints[row], sizeof(int64_t))) return false;
    }
  }
  return true;
}

}  // namespace

void encode_row(const Batch& batch, const std::vector<int>& columns, size_t row, std::string& out) {
  encode_values(batch, columns, row, [&out](const void* data, size_t size) {
    out.append(static_cast<const char*>(data), size);
    return true;
  });
}

size_t encode_row_into(const Batch& batch, const std::vector<int>& columns, size_t row, char* out,
                       size_t capacity) {
  size_t length = 0;
  const bool fits = encode_values(batch, columns, row, [&](const void* data, size_t size) {
    if (length + size > capacity) return false;
    std::memcpy(out + length, data, size);
    length += size;
    return true;
  });
  return fits ? length : 0;
}

bool decode_row(std::string_view& in, Batch& out) {
  if (!decode_columns(in, out.columns)) return false;
  ++out.rows;
  return true;
}

bool decode_columns(std::string_view& in, std::span<Column> columns) {
  for (Column& column : columns) {
    uint8_t present = 0;
    if (!bytes::get(in, present)) return false;
    if (!present) {
      column.append_null();
      continue;
    }
    switch (column.type.id) {
      case TypeId::Double: {
        uint64_t bits = 0;
        if (!bytes::get(in, bits)) return false;
        column.append_double(std::bit_cast<double>(bits));
        break;
      }
      case TypeId::String: {
        uint32_t n = 0;
        if (!bytes::get(in, n) || in.size() < n) return false;
        column.append_string(in.substr(0, n));
        in.remove_prefix(n);
        break;
      }
      default: {
        int64_t v = 0;
        if (!bytes::get(in, v)) return false;
        column.append_int(v);
      }
    }
  }
  return true;
}

// ---- Hashing: per column value a 64-bit word (the integer, the canonical double's bits, a
// string's XXH3, a constant for NULL) folded into the row's hash, then one final mix.

namespace {

constexpr uint64_t kSeed = 0x9E3779B97F4A7C15ull;
constexpr uint64_t kNullWord = 0x5BD1E9955BD1E995ull;

inline uint64_t fold(uint64_t h, uint64_t word) {
  h = (h ^ word) * 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 31);
}

inline uint64_t finish(uint64_t h) {  // murmur3's fmix64: every bit of the slot index mixes
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 33);
}

inline uint64_t string_word(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

inline uint64_t load_word(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

std::vector<Type> leading_types(const Schema& schema, size_t n) {
  std::vector<Type> types;
  for (size_t i = 0; i < n; ++i) types.push_back(schema.fields[i].type);
  return types;
}

BatchKeys BatchKeys::first(size_t n) {
  std::vector<int> columns(n);
  for (size_t i = 0; i < n; ++i) columns[i] = int(i);
  return BatchKeys(std::move(columns));
}

void BatchKeys::hash(const Batch& batch) {
  batch_ = &batch;
  const size_t n = batch.size();
  hashes_.assign(n, kSeed);
  uint64_t* h = hashes_.data();
  for (int c : columns_) {
    const Column& column = batch.columns[c];
    const uint8_t* nulls = column.nulls.empty() ? nullptr : column.nulls.data();
    switch (column.type.id) {
      case TypeId::String:
        for (size_t i = 0; i < n; ++i)
          h[i] = fold(h[i], nulls && nulls[i] ? kNullWord : string_word(column.strings[i]));
        break;
      case TypeId::Double:
        for (size_t i = 0; i < n; ++i)
          h[i] =
              fold(h[i], nulls && nulls[i] ? kNullWord
                                           : std::bit_cast<uint64_t>(canonical(column.doubles[i])));
        break;
      default:
        if (!nulls) {
          for (size_t i = 0; i < n; ++i) h[i] = fold(h[i], uint64_t(column.ints[i]));
        } else {
          for (size_t i = 0; i < n; ++i)
            h[i] = fold(h[i], nulls[i] ? kNullWord : uint64_t(column.ints[i]));
        }
    }
  }
  for (size_t i = 0; i < n; ++i) h[i] = finish(h[i]);
}

bool BatchKeys::equals(size_t row, std::string_view encoded) const {
  const char* p = encoded.data();
  const char* end = p + encoded.size();
  for (int c : columns_) {
    const Column& column = batch_->columns[c];
    if (p == end) return false;
    const bool present = *p++ != 0;
    if (present == column.is_null(row)) return false;
    if (!present) continue;
    if (column.type.id == TypeId::String) {
      std::string_view s = column.strings[row];
      uint32_t n;
      if (end - p < 4) return false;
      std::memcpy(&n, p, 4);
      p += 4;
      if (n != s.size() || size_t(end - p) < n || std::memcmp(p, s.data(), n) != 0) return false;
      p += n;
    } else {
      if (end - p < 8) return false;
      const uint64_t word = column.type.id == TypeId::Double
                                ? std::bit_cast<uint64_t>(canonical(column.doubles[row]))
                                : uint64_t(column.ints[row]);
      if (load_word(p) != word) return false;
      p += 8;
    }
  }
  return p == end;
}

void BatchKeys::find_runs() {
  const size_t n = hashes_.size();
  same_as_previous_.resize(n);
  if (n == 0) return;
  uint8_t* same = same_as_previous_.data();
  same[0] = 0;
  for (size_t i = 1; i < n; ++i) same[i] = hashes_[i] == hashes_[i - 1];
  for (int c : columns_) {
    const Column& column = batch_->columns[c];
    const uint8_t* nulls = column.nulls.empty() ? nullptr : column.nulls.data();
    if (nulls)
      for (size_t i = 1; i < n; ++i) same[i] &= nulls[i] == nulls[i - 1];
    // Two NULLs are the same key whatever their value slots hold.
    auto both_null = [&](size_t i) { return nulls && nulls[i] && nulls[i - 1]; };
    switch (column.type.id) {
      case TypeId::String:
        for (size_t i = 1; i < n; ++i)
          if (same[i] && !both_null(i)) same[i] = column.strings[i] == column.strings[i - 1];
        break;
      case TypeId::Double:
        for (size_t i = 1; i < n; ++i)
          if (same[i] && !both_null(i))
            same[i] = std::bit_cast<uint64_t>(canonical(column.doubles[i])) ==
                      std::bit_cast<uint64_t>(canonical(column.doubles[i - 1]));
        break;
      default: {
        const int64_t* v = column.ints.data();
        if (!nulls) {
          for (size_t i = 1; i < n; ++i) same[i] &= v[i] == v[i - 1];
        } else {
          for (size_t i = 1; i < n; ++i) same[i] &= v[i] == v[i - 1] || both_null(i);
        }
      }
    }
  }
}

// ---- KeyStore

KeyStore::~KeyStore() {
  for (size_t c = 0; c < chunks_.size(); ++c)
    free_large(chunks_[c], chunk_size(c) * slot_bytes_, 1);
}

void KeyStore::set_width(size_t width) {
  assert(size_ == 0 && width <= 254);
  width_ = width;
  // A power of two up to a cache line, so no slot straddles two lines.
  slot_bytes_ = width == 0 ? 1 + kInline : 1 + width <= 64 ? std::bit_ceil(1 + width) : 1 + width;
}

void KeyStore::add() {
  const size_t id = size_++;
  if (id == chunk_base(chunks_.size())) {
    const size_t bytes = chunk_size(chunks_.size()) * slot_bytes_;
    chunks_.push_back(static_cast<char*>(allocate_large(bytes, 1)));
  }
  slot_of(KeyId(id))[0] = 0;
}

void KeyStore::release_spilled(char* slot) {
  if (uint8_t(slot[0]) != kSpilled) return;
  uint32_t index;
  std::memcpy(&index, slot + 1, sizeof index);
  spilled_bytes_ -= spilled_[index].capacity();
  std::string().swap(spilled_[index]);
  free_spilled_.push_back(index);
}

void KeyStore::set(KeyId id, std::string_view bytes) {
  char* slot = slot_of(id);
  release_spilled(slot);
  if (bytes.size() <= (width_ == 0 ? kInline : width_)) {
    slot[0] = char(uint8_t(bytes.size()));
    std::memcpy(slot + 1, bytes.data(), bytes.size());
    return;
  }
  assert(width_ == 0);
  uint32_t index;
  if (free_spilled_.empty()) {
    index = uint32_t(spilled_.size());
    spilled_.emplace_back(bytes);
  } else {
    index = free_spilled_.back();
    free_spilled_.pop_back();
    spilled_[index].assign(bytes);
  }
  spilled_bytes_ += spilled_[index].capacity();
  slot[0] = char(kSpilled);
  std::memcpy(slot + 1, &index, sizeof index);
}

void KeyStore::clear(KeyId id) {
  char* slot = slot_of(id);
  release_spilled(slot);
  slot[0] = 0;
}

size_t KeyStore::memory_bytes() const {
  return chunk_base(chunks_.size()) * slot_bytes_ + spilled_.size() * sizeof(std::string) +
         spilled_bytes_;
}

// ---- KeyIndex

void KeyIndex::set_types(const std::vector<Type>& types) {
  assert(keys_.size() == 0);
  is_string_.clear();
  bool fixed = true;
  for (const Type& type : types) {
    is_string_.push_back(type.id == TypeId::String);
    fixed = fixed && type.id != TypeId::String;
  }
  // A fixed-width value encodes as a flag and 8 bytes (a NULL as the flag alone).
  if (fixed && types.size() * 9 <= 255) keys_.set_width(types.size() * 9);
  typed_ = true;
}

uint64_t KeyIndex::hash_encoded(std::string_view key) const {
  if (!typed_) return finish(XXH3_64bits(key.data(), key.size()));
  // The same words BatchKeys::hash folds, read back from the encoding. Malformed bytes (a
  // damaged checkpoint is caught before this) hash as far as they go.
  uint64_t h = kSeed;
  const char* p = key.data();
  const char* end = p + key.size();
  for (bool is_string : is_string_) {
    if (p == end) break;
    if (*p++ == 0) {
      h = fold(h, kNullWord);
    } else if (is_string) {
      uint32_t n = 0;
      if (end - p < 4) break;
      std::memcpy(&n, p, 4);
      p += 4;
      if (size_t(end - p) < n) break;
      h = fold(h, string_word(std::string_view(p, n)));
      p += n;
    } else {
      if (end - p < 8) break;
      h = fold(h, load_word(p));
      p += 8;
    }
  }
  return finish(h);
}

template <class Equal>
size_t KeyIndex::probe(uint64_t hash, const Equal& equal) const {
  const uint64_t tag = hash & ~0xFFFFFFFFull;
  for (size_t i = home(hash);; i = (i + 1) & mask_) {
    const uint64_t slot = slots_[i];
    if (slot == 0) return i;
    if ((slot & ~0xFFFFFFFFull) == tag && equal(KeyId((slot & 0xFFFFFFFF) - 1))) return i;
  }
}

KeyId KeyIndex::insert(size_t slot, uint64_t hash) {
  KeyId id;
  if (!free_.empty()) {
    id = free_.back();
    free_.pop_back();
  } else {
    id = KeyId(keys_.size());
    keys_.add();
    live_flags_.push_back(0);
    tags_.push_back(0);
  }
  live_flags_[id] = 1;
  tags_[id] = uint32_t(hash >> 32);
  slots_[slot] = slot_of(id, hash);
  if (++live_ * 2 > slots_.size()) rehash(slots_.size() * 2);
  return id;
}

void KeyIndex::prefetch(const BatchKeys& keys, size_t row) {
  // Lookups miss the cache on large key sets: fetch the slot of a row a few ahead, and the key
  // bytes of one nearer (its slot arrived meanwhile), so they overlap instead of queueing. The
  // key bytes are prefetched by address (KeyStore::prefetch), never read here: reading a string
  // key's object to find its bytes would wait for that line, the very miss this hides.
  constexpr size_t kSlotAhead = 8, kKeyAhead = 4;
  if (row + kSlotAhead < keys.size()) prefetch_line(&slots_[home(keys.hash(row + kSlotAhead))]);
  ahead_ = kNoKey;
  if (row + kKeyAhead < keys.size()) {
    const uint64_t hash = keys.hash(row + kKeyAhead);
    const uint64_t slot = slots_[home(hash)];
    if (slot != 0 && (slot ^ hash) >> 32 == 0) {
      ahead_ = KeyId((slot & 0xFFFFFFFF) - 1);
      keys_.prefetch(ahead_);
    }
  }
}

KeyId KeyIndex::intern(const BatchKeys& keys, size_t row, bool& inserted) {
  assert(typed_);
  prefetch(keys, row);
  const uint64_t hash = keys.hash(row);
  const size_t slot = probe(hash, [&](KeyId id) { return keys.equals(row, keys_.get(id)); });
  if (slots_[slot] != 0) {
    inserted = false;
    return KeyId((slots_[slot] & 0xFFFFFFFF) - 1);
  }
  inserted = true;
  KeyId id = insert(slot, hash);
  encoded_.clear();
  keys.encode(row, encoded_);
  keys_.set(id, encoded_);
  return id;
}

int64_t KeyIndex::find(const BatchKeys& keys, size_t row) const {
  const size_t slot =
      probe(keys.hash(row), [&](KeyId id) { return keys.equals(row, keys_.get(id)); });
  return slots_[slot] == 0 ? -1 : int64_t((slots_[slot] & 0xFFFFFFFF) - 1);
}

KeyId KeyIndex::intern(std::string_view key, bool& inserted) {
  const uint64_t hash = hash_encoded(key);
  const size_t slot = probe(hash, [&](KeyId id) { return keys_.get(id) == key; });
  if (slots_[slot] != 0) {
    inserted = false;
    return KeyId((slots_[slot] & 0xFFFFFFFF) - 1);
  }
  inserted = true;
  KeyId id = insert(slot, hash);
  keys_.set(id, key);
  return id;
}

int64_t KeyIndex::find(std::string_view key) const {
  const size_t slot = probe(hash_encoded(key), [&](KeyId id) { return keys_.get(id) == key; });
  return slots_[slot] == 0 ? -1 : int64_t((slots_[slot] & 0xFFFFFFFF) - 1);
}

void KeyIndex::release(KeyId id) {
  size_t hole = home(uint64_t(tags_[id]) << 32);
  while ((slots_[hole] & 0xFFFFFFFF) != uint64_t(id) + 1) hole = (hole + 1) & mask_;
  // Backward-shift deletion: pull later entries of the probe run into the hole when the hole
  // lies between their home slot and where they are, so every key stays reachable.
  for (size_t j = (hole + 1) & mask_; slots_[j] != 0; j = (j + 1) & mask_) {
    if (((j - home(slots_[j])) & mask_) >= ((j - hole) & mask_)) {
      slots_[hole] = slots_[j];
      hole = j;
    }
  }
  slots_[hole] = 0;
  keys_.clear(id);
  live_flags_[id] = 0;
  free_.push_back(id);
  --live_;
}

void KeyIndex::rehash(size_t size) {
  assert(std::has_single_bit(size) && size <= (size_t(1) << 32));
  LargeVector<uint64_t> old(size, 0);
  old.swap(slots_);
  mask_ = size - 1;
  shift_ = 64 - std::countr_zero(size);
  for (uint64_t slot : old) {
    if (slot == 0) continue;
    size_t i = home(slot);
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = slot;
  }
}

void KeyIndex::reserve(size_t keys) {
  if (keys * 2 > slots_.size()) rehash(std::bit_ceil(keys * 2));
  live_flags_.reserve(keys);
  tags_.reserve(keys);
}

size_t KeyIndex::memory_bytes() const {
  return slots_.capacity() * sizeof(uint64_t) + live_flags_.capacity() + keys_.memory_bytes() +
         free_.capacity() * sizeof(KeyId) + tags_.capacity() * sizeof(uint32_t);
}

}  // namespace eddy
