// The timers of one time domain (event time or processing time): a hierarchical timing wheel
// over the whole int64 range (slots stored in pooled chunks, timer_chunks.h) plus the set of
// live timers (timer_live.h). Private to the timer service.
//
// Layout. Timestamps are mapped to uint64 by flipping the sign bit (order-preserving, so
// kMinTimestamp is 0 and negative times need no special case). The wheel has 11 levels of 64
// slots (6 bits per level; the top level uses the remaining 4 bits). A timer at time t is placed
// relative to the wheel's time w (every timer still in the wheel has t > w) at the level of the
// highest 6-bit digit in which t and w differ, in the slot named by t's digit there. So all
// timers of a level-l slot share every digit above l with w, and:
//   - a level-0 slot holds timers of exactly one timestamp;
//   - every timer at level l comes before every timer at a level above l, and within a level
//     slots are in time order. The next due slot is therefore the lowest set bit of the lowest
//     non-empty level's occupancy bitmap: no scanning of empty slots, whatever the time gap.
// When the wheel's time reaches a slot of level l > 0, the slot is cascaded: the timers of its
// first 64 ms block go to the `ready_` run, sorted by (time, key), and the wheel's time moves to
// that block's end; the rest are re-placed at lower levels (level 1 and up: they are in later
// blocks), so a timer moves at most once per level and firing is O(1) amortized (the first
// watermark, jumping from kMinTimestamp, costs at most the 11 levels once). A timer less than
// 4 s ahead is placed at level 1 (level 2 if it is across a 4096 ms boundary) and moved once,
// to `ready_` (or twice); one 4 s to 4 minutes ahead mostly at level 2, moved twice.
// Level 0 holds only timers registered within the block of a wheel time that is not at a
// block's end (after an advance with nothing due); a level-0 slot that comes due becomes the
// `ready_` run, sorted by key. End of input (kMaxTimestamp) takes the same path: the bitmaps
// visit only occupied slots, and each timer moves down at most once per level, which measured
// faster than collecting and sorting them. `ready_` may hold the rest of the block beyond the
// target of a pop: popping stops at the first entry later than the target.
//
// Deleting is lazy: it removes the timer from the live set and leaves its wheel entry behind;
// an entry is fired only if its (time, key) is still live, and firing removes it, so an entry
// left by a delete-then-register of the same timer cannot fire twice. When the dead entries
// outnumber the live timers, compact() rebuilds the wheel from the live set (a sequential sweep,
// O(1) amortized per delete).
//
// Timers registered at or before the wheel's time (late: from a callback, or at a timestamp
// the clock has already passed; or within the block now in `ready_`) go to the small `late_`
// min-heap, merged with `ready_` by (time, key) when popping.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "state/timer_chunks.h"
#include "state/timer_live.h"
#include "state/timer_service.h"

namespace eddy::timer_detail {

// Order-preserving map of signed timestamps onto the unsigned wheel time line.
inline uint64_t to_wheel_time(Timestamp t) { return uint64_t(t) ^ (uint64_t(1) << 63); }
inline Timestamp from_wheel_time(uint64_t t) { return Timestamp(t ^ (uint64_t(1) << 63)); }

struct WheelEntry {
  uint64_t time;
  uint32_t key;
};

class TimerQueue {
 public:
  TimerQueue();

  void add(KeyId key, Timestamp timestamp);
  void remove(KeyId key, Timestamp timestamp);
  // See TimerService::pop_event_timer. The current time moves to max(current, target) on the
  // first call, so callbacks already see it.
  bool pop(Timestamp target, KeyId& key, Timestamp& timestamp);

  Timestamp current() const { return from_wheel_time(current_); }
  size_t size() const { return live_.size(); }
  // The earliest pending timer, or kMaxTimestamp if none. Memoized: repeated calls (the driver
  // asks before every sleep) cost O(1) until that timer fires or is deleted.
  Timestamp earliest() const;
  size_t memory_bytes() const;

  // Calls fn(key, timestamp) for every pending timer, in no particular order.
  template <class Fn>
  void for_each(Fn&& fn) const {
    live_.for_each([&](uint64_t time, uint32_t key) { fn(KeyId(key), from_wheel_time(time)); });
  }
  // Every pending timer in (timestamp, key) order.
  std::vector<std::pair<Timestamp, KeyId>> sorted_timers() const;
  // Drops every timer and sets the current time.
  void reset(Timestamp current);
  // Prepares for adding `count` timers with keys up to `max_key` (restore).
  void reserve(size_t count, KeyId max_key) { live_.reserve(count, max_key); }
  // Timers that came within 64 ms of the wheel's time (to `ready_`, or level 0) since the last
  // clear, once track_due_soon() was called, as (time, key): an operator loads their state
  // ahead of firing them. A cascade adds its block's timers in time order; a timer registered
  // within 64 ms goes at the end. Off by default, so that no one's list grows unread.
  void track_due_soon() { track_soon_ = true; }
  std::vector<std::pair<Timestamp, KeyId>>& due_soon() { return soon_; }
  // The timers of the next 64 ms block that has any beyond the one now firing (the first
  // occupied level-1 slot), appended to `out` as (timestamp, key) in no particular order, some
  // perhaps deleted since; returns the last timestamp of that block, or kMinTimestamp if there
  // is none. Read only: an operator that loads state ahead of firing (operators/
  // expiry_lookahead.h) looks one block further than due_soon() reaches.
  Timestamp next_block(std::vector<std::pair<Timestamp, KeyId>>& out) const;
  // Starts loading the key's entry in the set of live timers (a timer of it added soon).
  void prefetch_key(KeyId key) const { live_.prefetch_key(key); }
  // Starts loading what firing or deleting the timer (key, timestamp) will look up.
  void prefetch_timer(KeyId key, Timestamp timestamp) const {
    live_.prefetch_timer(to_wheel_time(timestamp), key);
  }
  // Starts loading what add(key, timestamp) will look up (bulk adds in no key order).
  void prefetch(KeyId key, Timestamp timestamp) const {
    live_.prefetch(to_wheel_time(timestamp), key);
  }

 private:
  static constexpr int kSlotBits = 6;
  static constexpr int kSlots = 1 << kSlotBits;
  static constexpr int kLevels = (64 + kSlotBits - 1) / kSlotBits;  // 11
  // Below this many dead entries, compaction is not worth a sweep.
  static constexpr size_t kMinGarbage = 1024;
  // Up to this many timers, a block is insertion-sorted rather than counted by time.
  static constexpr uint32_t kSmallBlock = 16;
  // How far ahead of firing a long ready run prefetches set records.
  static constexpr size_t kPrefetchDistance = 8;

  // Puts an entry later than wheel_time_ into its wheel slot; returns the level.
  int place(const WheelEntry& entry);
  // Moves the next due wheel slot (start <= target) towards `ready_`; false if none is due.
  bool cascade(uint64_t target);
  void compact();
  uint64_t find_earliest() const;
  // Returns every slot's chunks to the pool.
  void clear_wheel();

  LiveTimers live_;
  uint64_t current_;  // the domain's clock (watermark / processing time); never decreases
  // Every wheel entry is later; ahead of current_ by at most the rest of the block in ready_.
  uint64_t wheel_time_;
  size_t entries_ = 0;  // wheel + ready + late entries, live or dead
  std::array<uint64_t, kLevels> occupied_{};
  // Per slot (level * kSlots + slot): the chunk being filled, linked to the full ones; null if
  // the slot is empty.
  std::array<Chunk*, kLevels * kSlots> slots_{};
  ChunkPool pool_;
  // Entries at or before wheel_time_ (a level-0 slot, a block, or everything overdue after a
  // compaction) sorted by (time, key), consumed from ready_pos_.
  std::vector<WheelEntry> ready_;
  size_t ready_pos_ = 0;
  std::vector<WheelEntry> late_;     // min-heap by (time, key) of entries at or before wheel_time_
  std::vector<WheelEntry> scratch_;  // radix-sort buffer
  bool track_soon_ = false;
  std::vector<std::pair<Timestamp, KeyId>> soon_;
  mutable uint64_t earliest_ = 0;  // memo of earliest(), valid while earliest_known_
  mutable bool earliest_known_ = false;
};

}  // namespace eddy::timer_detail
