#include "state/keyed_state.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <type_traits>

#include <absl/container/flat_hash_map.h>
#include <absl/strings/string_view.h>

namespace eddy {

// ---- StringState

size_t StringState::memory_bytes() const {
  return values_.capacity() * (sizeof(std::string) + 1) + bytes_;
}

void StringState::save_key(KeyId key, std::string& out) const {
  bytes::put<uint8_t>(out, present_[key]);
  if (present_[key]) bytes::put_string(out, values_[key]);
}

bool StringState::load_key(KeyId key, std::string_view& in) {
  std::string_view value;
  if (!bytes::get(in, present_[key])) return false;
  if (!present_[key]) return true;
  if (!bytes::get_string(in, value)) return false;
  values_[key].assign(value);
  bytes_ += value.size();
  return true;
}

// ---- BytesMapState

struct BytesMapState::Maps {
  std::vector<absl::flat_hash_map<std::string, std::string>> per_key;
};

BytesMapState::BytesMapState(std::string name)
    : State(std::move(name)), maps_(std::make_unique<Maps>()) {}
BytesMapState::~BytesMapState() = default;

void BytesMapState::put(KeyId key, std::string_view map_key, std::string_view value) {
  changed(key);
  auto [it, inserted] = maps_->per_key[key].try_emplace(std::string(map_key));
  if (inserted) ++entries_, bytes_ += map_key.size();
  bytes_ += value.size() - it->second.size();
  it->second.assign(value);
}

std::optional<std::string_view> BytesMapState::get(KeyId key, std::string_view map_key) const {
  const auto& map = maps_->per_key[key];
  auto it = map.find(std::string(map_key));
  if (it == map.end()) return std::nullopt;
  return std::string_view(it->second);
}

bool BytesMapState::remove(KeyId key, std::string_view map_key) {
  auto& map = maps_->per_key[key];
  auto it = map.find(std::string(map_key));
  if (it == map.end()) return false;
  changed(key);
  --entries_;
  bytes_ -= it->first.size() + it->second.size();
  map.erase(it);
  return true;
}

size_t BytesMapState::size(KeyId key) const { return maps_->per_key[key].size(); }

std::vector<std::pair<std::string_view, std::string_view>> BytesMapState::entries(KeyId key) const {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (const auto& [k, v] : maps_->per_key[key]) out.emplace_back(k, v);
  std::sort(out.begin(), out.end());
  return out;
}

void BytesMapState::resize(size_t keys) {
  if (keys > maps_->per_key.size()) maps_->per_key.resize(keys);
}

void BytesMapState::clear(KeyId key) {
  changed(key);
  auto& map = maps_->per_key[key];
  entries_ -= map.size();
  for (const auto& [k, v] : map) bytes_ -= k.size() + v.size();
  absl::flat_hash_map<std::string, std::string>().swap(map);
}

size_t BytesMapState::memory_bytes() const {
  return maps_->per_key.capacity() * sizeof(maps_->per_key[0]) +
         entries_ * (2 * sizeof(std::string) + 1) + bytes_;
}

void BytesMapState::save_key(KeyId key, std::string& out) const {
  auto sorted = entries(key);
  bytes::put<uint32_t>(out, uint32_t(sorted.size()));
  for (const auto& [k, v] : sorted) {
    bytes::put_string(out, k);
    bytes::put_string(out, v);
  }
}

bool BytesMapState::load_key(KeyId key, std::string_view& in) {
  uint32_t n = 0;
  if (!bytes::get(in, n) || n > in.size()) return false;
  auto& map = maps_->per_key[key];
  for (uint32_t i = 0; i < n; ++i) {
    std::string_view k, v;
    if (!bytes::get_string(in, k) || !bytes::get_string(in, v)) return false;
    map.emplace(std::string(k), std::string(v));
    ++entries_, bytes_ += k.size() + v.size();
  }
  return true;
}

// ---- MultisetState, SortedMultisetState

template <bool kSorted>
struct BasicMultisetState<kSorted>::Sets {
  using Set = std::conditional_t<kSorted, std::map<std::string, int64_t, std::less<>>,
                                 absl::flat_hash_map<std::string, int64_t>>;
  // Memory per entry besides the value's bytes and the count: a hash slot's control byte, or a
  // tree node's three pointers and colour.
  static constexpr size_t kEntryOverhead = kSorted ? 4 * sizeof(void*) : 1;
  // `value` as a key to find without copying it (absl's hash takes its own string_view).
  static auto lookup_key(std::string_view value) {
    if constexpr (kSorted)
      return value;
    else
      return absl::string_view(value.data(), value.size());
  }
  std::vector<Set> per_key;
};

template <bool kSorted>
BasicMultisetState<kSorted>::BasicMultisetState(std::string name)
    : State(std::move(name)), sets_(std::make_unique<Sets>()) {}
template <bool kSorted>
BasicMultisetState<kSorted>::~BasicMultisetState() = default;

template <bool kSorted>
bool BasicMultisetState<kSorted>::add_occurrence(KeyId key, std::string_view value) {
  changed(key);
  // A value already there is counted without building a string (no allocation per row).
  auto& set = sets_->per_key[key];
  if (auto it = set.find(Sets::lookup_key(value)); it != set.end()) {
    ++it->second;
    return false;
  }
  set.emplace(std::string(value), 1);
  ++entries_, bytes_ += value.size();
  return true;
}

template <bool kSorted>
bool BasicMultisetState<kSorted>::remove_occurrence(KeyId key, std::string_view value) {
  changed(key);
  auto& set = sets_->per_key[key];
  auto it = set.find(Sets::lookup_key(value));
  if (it == set.end() || --it->second > 0) return false;
  --entries_, bytes_ -= value.size();
  set.erase(it);
  return true;
}

template <bool kSorted>
void BasicMultisetState<kSorted>::resize(size_t keys) {
  if (keys > sets_->per_key.size()) sets_->per_key.resize(keys);
}

template <bool kSorted>
void BasicMultisetState<kSorted>::clear(KeyId key) {
  changed(key);
  auto& set = sets_->per_key[key];
  entries_ -= set.size();
  for (const auto& [value, count] : set) bytes_ -= value.size();
  typename Sets::Set().swap(set);  // frees the memory, not just the entries
}

template <bool kSorted>
size_t BasicMultisetState<kSorted>::memory_bytes() const {
  return sets_->per_key.capacity() * sizeof(sets_->per_key[0]) +
         entries_ * (sizeof(std::string) + sizeof(int64_t) + Sets::kEntryOverhead) + bytes_;
}

template <bool kSorted>
void BasicMultisetState<kSorted>::save_key(KeyId key, std::string& out) const {
  const auto& set = sets_->per_key[key];
  std::vector<const std::pair<const std::string, int64_t>*> entries;
  entries.reserve(set.size());
  for (const auto& entry : set) entries.push_back(&entry);
  if constexpr (!kSorted) {
    std::sort(entries.begin(), entries.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });
  }
  bytes::put<uint32_t>(out, uint32_t(entries.size()));
  for (const auto* entry : entries) {
    bytes::put_string(out, entry->first);
    bytes::put(out, entry->second);
  }
}

template <bool kSorted>
bool BasicMultisetState<kSorted>::load_key(KeyId key, std::string_view& in) {
  uint32_t n = 0;
  if (!bytes::get(in, n) || n > in.size()) return false;
  auto& set = sets_->per_key[key];
  for (uint32_t i = 0; i < n; ++i) {
    std::string_view value;
    int64_t count = 0;
    if (!bytes::get_string(in, value) || !bytes::get(in, count)) return false;
    set.emplace(std::string(value), count);
    ++entries_, bytes_ += value.size();
  }
  return true;
}

template class BasicMultisetState<false>;
template class BasicMultisetState<true>;

size_t MultisetState::distinct(KeyId key) const { return sets_->per_key[key].size(); }

bool SortedMultisetState::empty(KeyId key) const { return sets_->per_key[key].empty(); }
std::string_view SortedMultisetState::first(KeyId key) const {
  return sets_->per_key[key].begin()->first;
}
std::string_view SortedMultisetState::last(KeyId key) const {
  return sets_->per_key[key].rbegin()->first;
}

// ---- KeyedState

void sort_emitted(Batch& rows, std::vector<EmitOrder>& order) {
  if (std::is_sorted(order.begin(), order.end())) return;
  std::vector<uint32_t> permutation(order.size());
  for (uint32_t i = 0; i < permutation.size(); ++i) permutation[i] = i;
  std::stable_sort(permutation.begin(), permutation.end(),
                   [&](uint32_t a, uint32_t b) { return order[a] < order[b]; });
  rows.gather(permutation);
  std::sort(order.begin(), order.end());
}

void KeyedState::grow(size_t keys) {
  // Amortized: grow every state to at least double, so interning stays O(1).
  size_t target = std::max(keys, sized_ * 2);
  records_.resize(target);
  for (auto& state : states_) state->resize(target);
  if (tracking_) changed_.resize(target);
  sized_ = target;
}

void KeyedState::append_key(KeyId key, Batch& out) const {
  std::string_view bytes_view = keys_.bytes(key);
  decode_columns(bytes_view, std::span(out.columns).first(keys_.column_count()));
}

void KeyedState::release(KeyId key) {
  for (auto& state : states_) state->clear(key);
  if (tracking_) {
    std::string_view bytes_view = keys_.bytes(key);
    bytes::put<uint32_t>(removed_, uint32_t(bytes_view.size()));
    removed_.append(bytes_view);
    ++removed_count_;
  }
  keys_.release(key);
}

void KeyedState::track_changes() {
  tracking_ = true;
  changed_.resize(sized_);
  for (auto& state : states_) state->track_changes(&changed_);
}

KeyId KeyedState::restore_key(std::string_view key) {
  bool inserted = false;
  KeyId id = keys_.intern(key, inserted);
  if (id >= sized_) grow(id + 1);
  if (!inserted)
    for (auto& state : states_) state->clear(id);
  return id;
}

size_t KeyedState::memory_bytes() const {
  size_t bytes = keys_.memory_bytes() + records_.memory_bytes();
  for (const auto& state : states_) bytes += state->memory_bytes();
  return bytes;
}

}  // namespace eddy
