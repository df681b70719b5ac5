#include "state/window_state.h"

#include "state/bytes.h"

namespace eddy {

WindowSlots::SlotId WindowSlots::allocate(const WindowNamespace& window) {
  SlotId slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
    windows_[slot] = window;
  } else {
    slot = SlotId(windows_.size());
    windows_.push_back(window);
    next_.push_back(kNoSlot);
    per_window_.make_room(windows_.size());
  }
  return slot;
}

void WindowSlots::free_slot(SlotId slot) {
  for (const auto& state : per_window_.states()) state->clear(slot);
  free_.push_back(slot);
}

WindowSlots::SlotId WindowSlots::link(KeyId key, const WindowNamespace& window) {
  const SlotId slot = allocate(window);
  next_[slot] = heads_[key];
  heads_[key] = slot;
  return slot;
}

WindowSlots::SlotId WindowSlots::remove(KeyId key, SlotId slot) {
  changed(key);
  const SlotId after = next_[slot];
  if (heads_[key] == slot) {
    heads_[key] = after;
  } else {
    SlotId before = heads_[key];
    while (next_[before] != slot) before = next_[before];
    next_[before] = after;
  }
  free_slot(slot);
  return after;
}

void WindowSlots::clear(KeyId key) {
  changed(key);
  for (SlotId slot = heads_[key]; slot != kNoSlot; slot = next_[slot]) free_slot(slot);
  heads_[key] = kNoSlot;
}

size_t WindowSlots::memory_bytes() const {
  return heads_.capacity() * sizeof(SlotId) +
         windows_.capacity() * (sizeof(WindowNamespace) + sizeof(SlotId)) +
         free_.capacity() * sizeof(SlotId) + per_window_.memory_bytes();
}

void WindowSlots::save_key(KeyId key, std::string& out) const {
  // Oldest first, so that loading (which adds newest first) rebuilds the same list.
  std::vector<SlotId> slots;
  for (SlotId slot = heads_[key]; slot != kNoSlot; slot = next_[slot]) slots.push_back(slot);
  bytes::put<uint32_t>(out, uint32_t(slots.size()));
  for (auto it = slots.rbegin(); it != slots.rend(); ++it) {
    bytes::put(out, windows_[*it].end);
    bytes::put(out, windows_[*it].start);
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
