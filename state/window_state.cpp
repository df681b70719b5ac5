#include "state/window_state.h"

#include <algorithm>

#include "state/bytes.h"

namespace eddy {

WindowSlots::SlotId WindowSlots::allocate(const WindowNamespace& window) {
  SlotId slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
    slots_[slot].window = window;
  } else {
    slot = SlotId(slots_.size());
    slots_.push_back({window, kNoSlot, kNoKey});
    per_window_.make_room(slots_.size());
  }
  return slot;
}

void WindowSlots::free_slot(SlotId slot) {
  for (const auto& state : per_window_.states()) state->clear(slot);
  slots_[slot].owner = kNoKey;
  free_.push_back(slot);
}

WindowSlots::SlotId WindowSlots::link(KeyId key, const WindowNamespace& window) {
  const SlotId slot = allocate(window);
  slots_[slot].next = heads_[key];
  slots_[slot].owner = key;
  heads_[key] = slot;
  by_end_[window.end].push_back(slot);
  return slot;
}

WindowSlots::SlotId WindowSlots::remove(KeyId key, SlotId slot) {
  changed(key);
  const SlotId after = slots_[slot].next;
  if (heads_[key] == slot) {
    heads_[key] = after;
  } else {
    SlotId before = heads_[key];
    while (slots_[before].next != slot) before = slots_[before].next;
    slots_[before].next = after;
  }
  free_slot(slot);
  return after;
}

void WindowSlots::clear(KeyId key) {
  changed(key);
  for (SlotId slot = heads_[key]; slot != kNoSlot; slot = slots_[slot].next) free_slot(slot);
  heads_[key] = kNoSlot;
}

bool WindowSlots::pop_due(Timestamp time, std::vector<SlotId>& slots, int64_t& end) {
  slots.clear();
  while (!by_end_.empty() && by_end_.begin()->first - 1 <= time) {
    auto first = by_end_.begin();
    end = first->first;
    // Each live slot once, in the order listed (a mark per slot, not a sort: an end may list
    // a window per key).
    if (popped_.size() < slots_.size()) popped_.resize(slots_.size(), 0);
    if (++pop_mark_ == 0) std::fill(popped_.begin(), popped_.end(), 0), pop_mark_ = 1;
    for (SlotId slot : first->second) {
      if (slots_[slot].owner == kNoKey || slots_[slot].window.end != end) continue;
      if (popped_[slot] == pop_mark_) continue;
      popped_[slot] = pop_mark_;
      slots.push_back(slot);
    }
    by_end_.erase(first);
    if (slots.empty()) continue;  // only entries left behind
    return true;
  }
  return false;
}

bool WindowSlots::first_end(int64_t& end) const {
  if (by_end_.empty()) return false;
  end = by_end_.begin()->first;
  return true;
}

namespace {

void sort_unique(std::vector<WindowSlots::SlotId>& slots) {
  std::sort(slots.begin(), slots.end());
  slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
}

}  // namespace

void WindowSlots::slots_ending_in(int64_t after, int64_t through,
                                  std::vector<SlotId>& slots) const {
  slots.clear();
  for (auto it = by_end_.upper_bound(after); it != by_end_.end() && it->first <= through; ++it)
    for (SlotId slot : it->second)
      if (slots_[slot].owner != kNoKey && slots_[slot].window.end == it->first)
        slots.push_back(slot);
}

void WindowSlots::pop_ending_by(int64_t through, std::vector<SlotId>& slots) {
  slots.clear();
  while (!by_end_.empty() && by_end_.begin()->first <= through) {
    auto first = by_end_.begin();
    for (SlotId slot : first->second)
      if (slots_[slot].owner != kNoKey && slots_[slot].window.end == first->first)
        slots.push_back(slot);
    by_end_.erase(first);
  }
  sort_unique(slots);
}

size_t WindowSlots::memory_bytes() const {
  // A map node per pending end (three pointers, colour, key, vector) and its list's entries.
  size_t lists =
      by_end_.size() * (4 * sizeof(void*) + sizeof(int64_t) + sizeof(std::vector<SlotId>));
  for (const auto& [end, slots] : by_end_) lists += slots.capacity() * sizeof(SlotId);
  return heads_.capacity() * sizeof(SlotId) + slots_.capacity() * sizeof(Slot) +
         free_.capacity() * sizeof(SlotId) + lists + per_window_.memory_bytes();
}

void WindowSlots::save_key(KeyId key, std::string& out) const {
  // Oldest first, so that loading (which adds newest first) rebuilds the same list.
  std::vector<SlotId> slots;
  for (SlotId slot = heads_[key]; slot != kNoSlot; slot = slots_[slot].next) slots.push_back(slot);
  bytes::put<uint32_t>(out, uint32_t(slots.size()));
  for (auto it = slots.rbegin(); it != slots.rend(); ++it) {
    bytes::put(out, slots_[*it].window.end);
    bytes::put(out, slots_[*it].window.start);
    for (const auto& state : per_window_.states()) state->save_key(*it, out);
  }
}

bool WindowSlots::load_key(KeyId key, std::string_view& in) {
  uint32_t n = 0;
  if (!bytes::get(in, n) || n > in.size() / (2 * sizeof(int64_t))) return false;
  for (uint32_t i = 0; i < n; ++i) {
    WindowNamespace window;
    if (!bytes::get(in, window.end) || !bytes::get(in, window.start)) return false;
    const SlotId slot = link(key, window);  // restoring: not a change
    for (const auto& state : per_window_.states())
      if (!state->load_key(slot, in)) return false;
  }
  return true;
}

}  // namespace eddy
