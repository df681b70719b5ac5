// WindowSlots: a key's open windows as namespaces of its state, with per-window states in a
// second KeyedState indexed by slot; checkpoint round trips through OperatorState; releasing a
// key frees its windows' slots for reuse with their states clear.
#include <gtest/gtest.h>

#include <algorithm>

#include "state/operator_state.h"
#include "state/window_state.h"

namespace eddy {
namespace {

// A keyed state by one BIGINT key with its windows, each window holding a counter.
struct Windows {
  KeyedState keys;
  KeyedState per_window;
  WindowSlots& slots = keys.declare<WindowSlots>("windows", per_window);
  FixedState<int64_t>& count = per_window.declare<FixedState<int64_t>>("count");

  KeyId key(int64_t k) {
    std::string encoded(1, '\1');
    encoded.append(reinterpret_cast<const char*>(&k), sizeof k);
    bool inserted = false;
    return keys.intern(encoded, inserted);
  }
  // Adds one to key k's window (end, start), creating it if needed; returns the slot.
  WindowSlots::SlotId add(int64_t k, int64_t end, int64_t start = 0) {
    const KeyId id = key(k);
    WindowSlots::SlotId slot = slots.find(id, {end, start});
    if (slot == WindowSlots::kNoSlot) slot = slots.add(id, {end, start});
    ++count.get_or_init(slot);
    return slot;
  }
  // Key k's windows newest first, as "end:count" items.
  std::string list(int64_t k) {
    std::string out;
    const KeyId id = key(k);
    for (auto s = slots.first(id); s != WindowSlots::kNoSlot; s = slots.next(s))
      out += (out.empty() ? "" : " ") + std::to_string(slots.window(s).end) + ":" +
             std::to_string(count.get(s));
    return out;
  }
};

TEST(WindowSlots, KeepsEachKeysWindowsApartNewestFirst) {
  Windows w;
  w.add(1, 10), w.add(1, 20), w.add(2, 10), w.add(1, 10), w.add(1, 20), w.add(1, 20);
  EXPECT_EQ(w.list(1), "20:3 10:2");
  EXPECT_EQ(w.list(2), "10:1");
  EXPECT_EQ(w.slots.slot_count(), 3u);
  // The start tells windows of the same end apart.
  w.add(2, 10, 5);
  EXPECT_EQ(w.list(2), "10:1 10:1");
  EXPECT_NE(w.slots.find(w.key(2), {10, 5}), w.slots.find(w.key(2), {10, 0}));
}

TEST(WindowSlots, RemovingAndReleasingFreesSlotsWithTheirStateClear) {
  Windows w;
  const auto first = w.add(1, 10);
  w.add(1, 20), w.add(1, 30);
  // Remove the middle window: the list stays linked.
  const KeyId one = w.key(1);
  const auto middle = w.slots.find(one, {20, 0});
  EXPECT_EQ(w.slots.remove(one, middle), first);
  EXPECT_EQ(w.list(1), "30:1 10:1");
  EXPECT_FALSE(w.count.has(middle));
  // A freed slot is reused, clear.
  const auto reused = w.add(2, 40);
  EXPECT_EQ(reused, middle);
  EXPECT_EQ(w.count.get(reused), 1);
  // Releasing a key frees every window it had.
  w.keys.release(one);
  EXPECT_EQ(w.slots.slot_count(), 1u);
  EXPECT_EQ(w.list(1), "");
}

TEST(WindowSlots, CheckpointRoundTripKeepsWindowsStatesAndOrder) {
  Windows from, to;
  from.add(7, 10), from.add(7, 20, 3), from.add(7, 20, 3), from.add(8, 30);
  from.add(9, 10);
  from.keys.release(from.key(9));  // freed slots are not saved
  OperatorState source, target;
  source.keyed(from.keys);
  target.keyed(to.keys);
  std::vector<KeyGroupState> groups;
  source.save_key_groups(false, groups);
  ASSERT_TRUE(target.restore_values(source.save_values()));
  for (const auto& group : groups) ASSERT_TRUE(target.restore_key_group(group.bytes));
  ASSERT_TRUE(bool(target.finish_restore()));
  EXPECT_EQ(to.list(7), "20:2 10:1");
  EXPECT_EQ(to.list(8), "30:1");
  EXPECT_EQ(to.slots.window(to.slots.first(to.key(7))).start, 3);
  EXPECT_EQ(to.slots.slot_count(), 3u);
  // Saving the restored state gives the same bytes.
  OperatorState again;
  again.keyed(to.keys);
  std::vector<KeyGroupState> regroups;
  again.save_key_groups(false, regroups);
  ASSERT_EQ(regroups.size(), groups.size());
  for (size_t i = 0; i < groups.size(); ++i) EXPECT_EQ(regroups[i].bytes, groups[i].bytes);
}

// pop_due's windows as "key:end" items, each end's sorted by key.
std::string due(Windows& w, Timestamp time) {
  std::string out;
  std::vector<WindowSlots::SlotId> slots;
  int64_t end = 0;
  while (w.slots.pop_due(time, slots, end)) {
    std::vector<std::string> items;
    for (auto slot : slots) {
      EXPECT_EQ(w.slots.window(slot).end, end);
      items.push_back(std::to_string(w.keys.keys().bytes(w.slots.owner(slot))[1]) + ":" +
                      std::to_string(end));
      w.slots.remove(w.slots.owner(slot), slot);
    }
    std::sort(items.begin(), items.end());
    for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  }
  return out;
}

TEST(WindowSlots, PopsTheWindowsOfEachDueEndInEndOrder) {
  Windows w;
  w.add(1, 20), w.add(2, 10), w.add(1, 10), w.add(3, 30), w.add(2, 20);
  EXPECT_EQ(due(w, 8), "");  // end - 1 = 9 is not due at 8
  EXPECT_EQ(due(w, 19), "1:10 2:10 1:20 2:20");
  EXPECT_EQ(w.list(1), "");
  // A window added for an end already popped is due at the next call.
  w.add(4, 15);
  EXPECT_EQ(due(w, 19), "4:15");
  EXPECT_EQ(due(w, kMaxTimestamp), "3:30");
  EXPECT_EQ(w.slots.pending_ends(), 0u);
}

TEST(WindowSlots, PopSkipsEntriesLeftByAReplacedRecord) {
  // Restoring a delta replaces a key's record: its old slots are freed (their list entries stay
  // behind) and may be reused for the same end, which must then close once.
  Windows w;
  w.add(1, 10), w.add(1, 20);
  std::string record;
  w.slots.save_key(w.key(1), record);
  const KeyId restored = w.keys.restore_key(w.keys.keys().bytes(w.key(1)));
  std::string_view in = record;
  ASSERT_TRUE(w.slots.load_key(restored, in));
  EXPECT_EQ(w.list(1), "20:1 10:1");
  EXPECT_EQ(due(w, 100), "1:10 1:20");
}

TEST(WindowSlots, RejectsATruncatedRecord) {
  Windows from, to;
  from.add(1, 10), from.add(1, 20);
  std::string bytes;
  from.slots.save_key(from.key(1), bytes);
  std::string_view cut(bytes.data(), bytes.size() - 3);
  EXPECT_FALSE(to.slots.load_key(to.key(1), cut));
}

}  // namespace
}  // namespace eddy
