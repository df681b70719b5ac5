// Keyed state: per-key values that an operator declares by name, so checkpoints can save and
// restore them without knowing the operator (DESIGN.md §3).
//
// Keys are the encoded values of the key columns (GROUP BY, PARTITION BY, join keys), interned
// into dense KeyIds; each state is a vector indexed by KeyId, so a per-key record costs a few
// bytes and a lookup is one hash probe per row. Released ids (RESET STATE, TTL) are reused.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "eddy/types.h"
#include "runtime/batch.h"
#include "state/bytes.h"
#include "state/key_index.h"
#include "state/key_records.h"
#include "state/prefetch.h"
#include "state/timer_service.h"

namespace eddy {

// Which keys changed since the last checkpoint (incremental checkpoints write only those). Off
// unless a query checkpoints incrementally; then every state mutator and the timer service mark
// the key they touch (a flag test per mutation, no allocation once sized).
class ChangedKeys {
 public:
  // The hot path: one byte test (KeyedState sizes the flags with its states while it tracks).
  void mark(KeyId key) {
    if (!flags_[key]) [[unlikely]]
      add(key);
  }
  void resize(size_t keys) {
    if (keys > flags_.size()) flags_.resize(keys, 0);
  }
  const std::vector<KeyId>& list() const { return list_; }
  void clear() {
    for (KeyId key : list_) flags_[key] = 0;
    list_.clear();
  }

 private:
  void add(KeyId key) {
    flags_[key] = 1;
    list_.push_back(key);
  }
  std::vector<uint8_t> flags_;
  std::vector<KeyId> list_;
};

// One named piece of per-key state.
class State {
 public:
  explicit State(std::string name) : name_(std::move(name)) {}
  virtual ~State() = default;
  const std::string& name() const { return name_; }
  virtual void resize(size_t keys) = 0;  // make room for ids < keys
  virtual void clear(KeyId key) = 0;
  virtual size_t memory_bytes() const = 0;
  // Checkpoints: appends the key's value (or its absence) to `out`; reads it back into a key
  // whose values are clear. False on malformed input.
  virtual void save_key(KeyId key, std::string& out) const = 0;
  virtual bool load_key(KeyId key, std::string_view& in) = 0;
  // Set by KeyedState when the operator checkpoints incrementally.
  void track_changes(ChangedKeys* changed) { changed_ = changed; }

 protected:
  void changed(KeyId key) {
    if (changed_) changed_->mark(key);
  }

 private:
  std::string name_;
  ChangedKeys* changed_ = nullptr;
};

// A fixed-size value per key (T trivially copyable: counters, sums, timestamps), stored in the
// key's record beside the operator's other fixed-size values (state/key_records.h).
template <class T>
class FixedState final : public State {
 public:
  static_assert(std::is_trivially_copyable_v<T>);
  FixedState(std::string name, KeyRecords& records)
      : State(std::move(name)),
        records_(records),
        field_(records.add_field(sizeof(T), alignof(T))) {}
  bool has(KeyId key) const { return records_.present(key, field_); }
  const T& get(KeyId key) const { return *records_.value<T>(key, field_); }
  T& get_or_init(KeyId key) {
    changed(key);
    T& value = *records_.value<T>(key, field_);
    if (!has(key)) records_.set_present(key, field_), value = T{};
    return value;
  }
  void set(KeyId key, const T& value) {
    changed(key);
    records_.set_present(key, field_);
    *records_.value<T>(key, field_) = value;
  }
  void resize(size_t keys) override { records_.resize(keys); }
  void clear(KeyId key) override { changed(key), records_.clear_present(key, field_); }
  // The record's share of this value (KeyedState counts the presence bits and padding).
  size_t memory_bytes() const override { return 0; }
  void save_key(KeyId key, std::string& out) const override {
    bytes::put<uint8_t>(out, has(key) ? 1 : 0);
    if (has(key)) bytes::put(out, get(key));
  }
  bool load_key(KeyId key, std::string_view& in) override {
    uint8_t present = 0;
    if (!bytes::get(in, present) || present > 1) return false;
    if (!present) {
      records_.clear_present(key, field_);
      return true;
    }
    T value;
    if (!bytes::get(in, value)) return false;
    records_.set_present(key, field_);
    *records_.value<T>(key, field_) = value;
    return true;
  }

 private:
  KeyRecords& records_;
  const KeyRecords::Field& field_;
};

// A string value per key (MIN/MAX/FIRST_VALUE of strings).
class StringState final : public State {
 public:
  using State::State;
  bool has(KeyId key) const { return present_[key] != 0; }
  // One past the largest key id this state has room for (to visit every key that has a value).
  size_t key_limit() const { return present_.size(); }
  std::string_view get(KeyId key) const { return values_[key]; }
  void set(KeyId key, std::string_view value) {
    changed(key);
    bytes_ += value.size() - values_[key].size();
    present_[key] = 1, values_[key].assign(value);
  }
  // In-place access to the key's bytes, for flags kept inside them (the size must not change).
  char* edit(KeyId key) {
    changed(key);
    return values_[key].data();
  }
  // Appends to the key's string (created empty if absent).
  void append(KeyId key, std::string_view value) {
    changed(key);
    if (!present_[key]) present_[key] = 1, bytes_ -= values_[key].size(), values_[key].clear();
    bytes_ += value.size();
    values_[key].append(value);
  }
  void resize(size_t keys) override {
    if (keys > values_.size()) values_.resize(keys), present_.resize(keys, 0);
  }
  void clear(KeyId key) override {
    changed(key);
    bytes_ -= values_[key].size();
    present_[key] = 0, values_[key].clear(), values_[key].shrink_to_fit();
  }
  size_t memory_bytes() const override;
  void save_key(KeyId key, std::string& out) const override;
  bool load_key(KeyId key, std::string_view& in) override;

 private:
  std::vector<std::string> values_;
  std::vector<uint8_t> present_;
  size_t bytes_ = 0;  // total value bytes, kept up to date so memory_bytes() is O(1)
};

// A list of fixed-size values per key (T trivially copyable), e.g. buffered timestamps.
template <class T>
class VectorState final : public State {
 public:
  using State::State;
  void add(KeyId key, const T& value) { changed(key), lists_[key].push_back(value), ++entries_; }
  const std::vector<T>& get(KeyId key) const { return lists_[key]; }
  // Replaces the key's list (e.g. after removing the entries a timer consumed).
  void update(KeyId key, std::vector<T> values) {
    changed(key);
    entries_ += values.size() - lists_[key].size();
    lists_[key] = std::move(values);
  }
  void resize(size_t keys) override {
    if (keys > lists_.size()) lists_.resize(keys);
  }
  void clear(KeyId key) override {
    changed(key);
    entries_ -= lists_[key].size();
    std::vector<T>().swap(lists_[key]);
  }
  size_t memory_bytes() const override {
    return lists_.capacity() * sizeof(std::vector<T>) + entries_ * sizeof(T);
  }
  void save_key(KeyId key, std::string& out) const override {
    bytes::put<uint32_t>(out, uint32_t(lists_[key].size()));
    for (const T& v : lists_[key]) bytes::put(out, v);
  }
  bool load_key(KeyId key, std::string_view& in) override {
    uint32_t n = 0;
    if (!bytes::get(in, n) || n > in.size() / sizeof(T)) return false;
    auto& list = lists_[key];
    list.resize(n);
    for (T& v : list)
      if (!bytes::get(in, v)) return false;
    entries_ += n;
    return true;
  }

 private:
  std::vector<std::vector<T>> lists_;
  size_t entries_ = 0;
};

// A map from byte strings to byte strings per key (user state of process functions, join
// buffers keyed by a second key).
class BytesMapState final : public State {
 public:
  explicit BytesMapState(std::string name);
  ~BytesMapState() override;
  void put(KeyId key, std::string_view map_key, std::string_view value);
  // The value under `map_key`, or nullopt.
  std::optional<std::string_view> get(KeyId key, std::string_view map_key) const;
  bool remove(KeyId key, std::string_view map_key);
  size_t size(KeyId key) const;
  // Every entry of the key, in map-key order (deterministic).
  std::vector<std::pair<std::string_view, std::string_view>> entries(KeyId key) const;
  void resize(size_t keys) override;
  void clear(KeyId key) override;
  size_t memory_bytes() const override;
  void save_key(KeyId key, std::string& out) const override;
  bool load_key(KeyId key, std::string_view& in) override;

 private:
  struct Maps;
  std::unique_ptr<Maps> maps_;
  size_t entries_ = 0, bytes_ = 0;
};

// A multiset of byte strings per key: value -> multiplicity. The storage and checkpointing that
// MultisetState (hashed) and SortedMultisetState (ordered by bytes) share; `kSorted` picks the
// container, which is all they differ in.
template <bool kSorted>
class BasicMultisetState : public State {
 public:
  explicit BasicMultisetState(std::string name);
  ~BasicMultisetState() override;
  void resize(size_t keys) override;
  void clear(KeyId key) override;
  size_t memory_bytes() const override;
  // Values in byte order with their counts (the same bytes for equal state, whatever the hash
  // order).
  void save_key(KeyId key, std::string& out) const override;
  bool load_key(KeyId key, std::string_view& in) override;

 protected:
  // Adds one occurrence; returns true if the value is new for this key.
  bool add_occurrence(KeyId key, std::string_view value);
  // Removes one occurrence; returns true if it was the last (the value is gone for this key).
  // Removing a value that is not there does nothing (and returns false).
  bool remove_occurrence(KeyId key, std::string_view value);

  struct Sets;
  std::unique_ptr<Sets> sets_;
  size_t entries_ = 0, bytes_ = 0;  // kept up to date so memory_bytes() is O(1)
};

// A multiset of byte strings per key (COUNT(DISTINCT x)).
class MultisetState final : public BasicMultisetState<false> {
 public:
  using BasicMultisetState::BasicMultisetState;
  // As add_occurrence / remove_occurrence: true when the value is new / gone for this key.
  bool add(KeyId key, std::string_view value) { return add_occurrence(key, value); }
  bool remove(KeyId key, std::string_view value) { return remove_occurrence(key, value); }
  size_t distinct(KeyId key) const;
};

// An ordered multiset of byte strings per key: MIN / MAX over an updating input, which must find
// the next smallest (largest) value when the current one is retracted. Values are compared as
// bytes, so callers encode them order-preservingly (encode_ordered).
class SortedMultisetState final : public BasicMultisetState<true> {
 public:
  using BasicMultisetState::BasicMultisetState;
  void add(KeyId key, std::string_view value) { add_occurrence(key, value); }
  void remove(KeyId key, std::string_view value) { remove_occurrence(key, value); }
  bool empty(KeyId key) const;
  std::string_view first(KeyId key) const;  // the smallest value; the key must not be empty
  std::string_view last(KeyId key) const;   // the largest value
};

// The state of one keyed operator: its key index and its named states.
class KeyedState {
 public:
  KeyIndex& keys() { return keys_; }
  const KeyIndex& keys() const { return keys_; }

  // Declares a state; names are unique within the operator.
  template <class S, class... Args>
  S& declare(const std::string& name, Args&&... args) {
    std::unique_ptr<S> state;
    if constexpr (std::is_constructible_v<S, std::string, KeyRecords&, Args...>)
      state = std::make_unique<S>(name, records_, std::forward<Args>(args)...);
    else
      state = std::make_unique<S>(name, std::forward<Args>(args)...);
    S& ref = *state;
    states_.push_back(std::move(state));
    return ref;
  }
  const std::vector<std::unique_ptr<State>>& states() const { return states_; }
  KeyedState() : sequence_(declare<FixedState<uint64_t>>("sequence")) {}

  // The key columns' types (before the first key), so keys interned from batches (BatchKeys)
  // are hashed by their typed values.
  void set_key_types(const std::vector<Type>& types) { keys_.set_types(types); }
  // Interns `row`'s key (keys.hash(batch) done) and makes room for it in every state.
  KeyId intern(const BatchKeys& keys, size_t row, bool& inserted) {
    const KeyId id = keys_.intern(keys, row, inserted);
    // The key of a row a few ahead (KeyIndex::ahead): its record is loaded meanwhile.
    if (const KeyId next = keys_.ahead(); next < sized_) records_.prefetch(next);
    return admit(id, inserted);
  }
  // The key a few rows ahead of the last interned row, if the index saw it (else
  // KeyIndex::kNoKey; it may be released by then): operators prefetch their other state of it.
  KeyId upcoming() const { return keys_.ahead(); }
  // The same by encoded key.
  KeyId intern(std::string_view key, bool& inserted) {
    const KeyId id = keys_.intern(key, inserted);
    return admit(id, inserted);
  }
  // When the key was first seen (since it was last released): a total order of keys that, unlike
  // KeyIds (which are reused), does not depend on when other keys were released, and so not on
  // the batch size. Operators emit keys that fire at the same time in this order.
  uint64_t sequence(KeyId key) const { return sequence_.get(key); }
  // Operators that define "first seen" by data rather than by interning (e.g. a key reset while
  // it still has buffered rows) set the sequence themselves.
  void set_sequence(KeyId key, uint64_t sequence) { sequence_.set(key, sequence); }
  // Forgets a key and clears its values in every state.
  void release(KeyId key);
  // Starts loading the key's record and bytes (an operator about to visit it, e.g. a timer soon
  // due).
  void prefetch(KeyId key) const {
    if (key < sized_) records_.prefetch(key);
    keys_.prefetch_bytes(key);
  }
  // Then, once those arrived, what release(key) looks up in the key index.
  void prefetch_release(KeyId key) const { keys_.prefetch_release(key); }
  // Appends the key's column values to out's first columns (the caller counts the row).
  void append_key(KeyId key, Batch& out) const;
  size_t key_count() const { return keys_.size(); }
  size_t memory_bytes() const;

  // ---- checkpoints (state/operator_state.cpp writes and reads the per-key records)
  // Starts recording changed keys and removed keys (for incremental checkpoints).
  void track_changes();
  ChangedKeys* changes() { return tracking_ ? &changed_ : nullptr; }
  // Keys removed since the last checkpoint: their encoded bytes, each as u32 length + bytes.
  const std::string& removed() const { return removed_; }
  uint32_t removed_count() const { return removed_count_; }
  void clear_changes() {
    changed_.clear();
    removed_.clear();
    removed_count_ = 0;
  }
  // Restoring: the id of `key` with every state of it clear (interned if absent), not counted as
  // a change and without a new sequence (the sequence is a state and comes with the record).
  KeyId restore_key(std::string_view key);
  // Before restoring `keys` keys: sizes the index and every state once.
  void reserve(size_t keys) {
    keys_.reserve(keys);
    if (keys > sized_) grow(keys);
  }
  uint64_t& next_sequence() { return next_sequence_; }

  // Makes room for ids < `ids` in every state, for a KeyedState used as plain storage indexed
  // by ids its owner hands out (the per-window states of state/window_state.h): nothing is
  // interned, and the sequence is set by the owner.
  void make_room(size_t ids) {
    if (ids > sized_) grow(ids);
  }

 private:
  KeyId admit(KeyId id, bool inserted) {
    if (id >= sized_) grow(id + 1);
    if (inserted) sequence_.set(id, next_sequence_++);
    return id;
  }
  void grow(size_t keys);
  KeyIndex keys_;
  KeyRecords records_;  // every FixedState's values (before sequence_, which is one)
  std::vector<std::unique_ptr<State>> states_;
  size_t sized_ = 0;
  FixedState<uint64_t>& sequence_;
  uint64_t next_sequence_ = 0;
  bool tracking_ = false;
  ChangedKeys changed_;
  std::string removed_;
  uint32_t removed_count_ = 0;
};

// Rows that keyed operators emit from timers are ordered by (time, key sequence) — see
// KeyedState::sequence — whatever order the timers popped in. `order[i]` belongs to row i.
struct EmitOrder {
  Timestamp time;
  uint64_t sequence;
  friend bool operator<(const EmitOrder& a, const EmitOrder& b) {
    return a.time != b.time ? a.time < b.time : a.sequence < b.sequence;
  }
};
void sort_emitted(Batch& rows, std::vector<EmitOrder>& order);

}  // namespace eddy
