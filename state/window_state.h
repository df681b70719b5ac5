// The open windows of each key of a window aggregation: the window as a namespace inside the
// key's state, as in Flink's WindowOperator (keyed state by the GROUP BY key, the window as the
// state's namespace). So a key is interned once while it has any open window, not once per
// window, and the per-window state is a small slot in a pool rather than a key of its own.
//
// Each key owns a short list of window slots (with HOP windows, size / slide of them; with
// TUMBLE, usually one or two while the watermark lags). A slot holds the window's namespace
// values (window_end, and window_start when it is a group column) and is an id into a
// second KeyedState, `per_window`, in which the operator declares the per-window states
// (accumulators, row counts, the window's sequence): that KeyedState is plain storage indexed by
// slot id, and never interns anything.
//
// WindowSlots is itself a State of the key's KeyedState, so a checkpoint saves a key's record
// with all its windows (namespace values, then every per-window state in declaration order), and
// releasing the key frees its windows.
//
// Firing: every key's windows of one end close together, so instead of a timer per key and
// window, WindowSlots keeps per window end the list of its slots (pop_due), 4 bytes a window,
// rebuilt from the keys' records on restore (so nothing about it is checkpointed).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "state/keyed_state.h"

namespace eddy {

// A window's namespace inside its key: its end and, when the query groups by it, its start (0
// otherwise). Windows of one key are told apart by both.
struct WindowNamespace {
  int64_t end = 0;
  int64_t start = 0;
  friend bool operator==(const WindowNamespace&, const WindowNamespace&) = default;
};

class WindowSlots final : public State {
 public:
  using SlotId = uint32_t;
  static constexpr SlotId kNoSlot = UINT32_MAX;

  WindowSlots(std::string name, KeyedState& per_window)
      : State(std::move(name)), per_window_(per_window) {}

  // The key's slot for `window`, or kNoSlot.
  SlotId find(KeyId key, const WindowNamespace& window) const {
    for (SlotId slot = heads_[key]; slot != kNoSlot; slot = slots_[slot].next)
      if (slots_[slot].window == window) return slot;
    return kNoSlot;
  }
  // A new slot for `window` in `key` (which must not have one), its per-window states clear.
  // Newest first: rows mostly go to the latest windows.
  SlotId add(KeyId key, const WindowNamespace& window) {
    changed(key);
    return link(key, window);
  }
  // The key's slots, newest first: for (s = first(key); s != kNoSlot; s = next(s)).
  SlotId first(KeyId key) const { return heads_[key]; }
  SlotId next(SlotId slot) const { return slots_[slot].next; }
  const WindowNamespace& window(SlotId slot) const { return slots_[slot].window; }
  bool empty(KeyId key) const { return heads_[key] == kNoSlot; }
  // Frees `slot` of `key` (clears its per-window states). Returns the slot that followed it.
  SlotId remove(KeyId key, SlotId slot);
  KeyId owner(SlotId slot) const { return slots_[slot].owner; }
  // The live slots of the earliest window end with end - 1 <= `time` into `slots` (in no
  // particular order; each once), and that end; false when no window is due. The end's list
  // goes: the caller closes (removes) those slots.
  bool pop_due(Timestamp time, std::vector<SlotId>& slots, int64_t& end);
  size_t pending_ends() const { return by_end_.size(); }
  // HOP slicing (operators/window_aggregate.h), where the slots are slices and a window is the
  // slices ending in (window_end - size, window_end]:
  // The smallest end with slots listed (some may have been freed since); false when none.
  bool first_end(int64_t& end) const;
  // The live slots ending in (after, through] into `slots` (cleared first; a slot may be
  // listed twice).
  void slots_ending_in(int64_t after, int64_t through, std::vector<SlotId>& slots) const;
  // The live slots ending by `through`, each once, into `slots` (cleared first); their ends'
  // lists go (the caller removes those slots).
  void pop_ending_by(int64_t through, std::vector<SlotId>& slots);
  // Marks the key changed (its windows' states were written), for incremental checkpoints.
  void touch(KeyId key) { changed(key); }
  size_t slot_count() const { return slots_.size() - free_.size(); }

  void resize(size_t keys) override {
    if (keys > heads_.size()) heads_.resize(keys, kNoSlot);
  }
  void clear(KeyId key) override;
  size_t memory_bytes() const override;
  // Per window, oldest first: its namespace, then every per-window state's save_key.
  void save_key(KeyId key, std::string& out) const override;
  bool load_key(KeyId key, std::string_view& in) override;

 private:
  SlotId allocate(const WindowNamespace& window);
  SlotId link(KeyId key, const WindowNamespace& window);  // add() without marking a change
  void free_slot(SlotId slot);

  // One record per slot, so that walking a key's windows touches one cache line per window.
  struct Slot {
    WindowNamespace window;
    SlotId next;  // the key's next (older) window
    KeyId owner;  // its key, or kNoKey while free
  };

  KeyedState& per_window_;
  std::vector<SlotId> heads_;  // per key: its newest window, or kNoSlot
  std::vector<Slot> slots_;
  std::vector<SlotId> free_;
  // Per window end, the slots added with it. A slot freed without firing (a restore replacing
  // a key's record) leaves its entry behind; pop_due skips entries whose slot is free or now
  // holds another window, and a duplicate of a reused slot.
  std::map<int64_t, std::vector<SlotId>> by_end_;
  std::vector<uint32_t> popped_;  // pop_due: per slot, the mark of the last pop that took it
  uint32_t pop_mark_ = 0;
  static constexpr KeyId kNoKey = UINT32_MAX;
};

}  // namespace eddy
