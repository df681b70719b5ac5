// The live timers of one time domain: which (time, key) pairs are registered and not yet fired
// or deleted. The timing wheel (timer_queue.h) asks it whether an entry that comes due still
// counts. Private to the timer service.
//
// Keys are dense per operator (state/keyed_state.h), and most keyed operators keep one
// pending timer per key (the timeout operator moves it on every record). So each key below a
// bound owns a 16-byte slot indexed by key holding one timer; further timers of that key, and
// keys too large for the slot array, go to the TimerSet hash. Moving a key's timer (delete the
// old, register the new) then touches one cache line, and firing checks the same line, which
// the wheel prefetches ahead of time.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "state/huge_pages.h"
#include "state/timer_set.h"

namespace eddy::timer_detail {

class LiveTimers {
 public:
  size_t size() const { return in_slots_ + overflow_.size(); }

  // Returns false if (time, key) was already live.
  bool insert(uint64_t time, uint32_t key) {
    if (key >= slots_.size() && !grow_for(key)) return overflow_.insert(time, key);
    KeySlot& slot = slots_[key];
    if (slot.used) {
      if (slot.time == time) return false;
      if (!overflow_.insert(time, key)) return false;
      ++slot.overflow;
      return true;
    }
    if (slot.overflow != 0 && overflow_.contains(time, key)) return false;
    slot.time = time;
    slot.used = 1;
    ++in_slots_;
    return true;
  }

  // Returns false if (time, key) was not live.
  bool erase(uint64_t time, uint32_t key) {
    if (key >= slots_.size()) return overflow_.erase(time, key);
    KeySlot& slot = slots_[key];
    if (slot.used && slot.time == time) {
      slot.used = 0;
      --in_slots_;
      return true;
    }
    if (slot.overflow == 0 || !overflow_.erase(time, key)) return false;
    --slot.overflow;
    return true;
  }

  bool contains(uint64_t time, uint32_t key) const {
    if (key >= slots_.size()) return overflow_.contains(time, key);
    const KeySlot& slot = slots_[key];
    if (slot.used && slot.time == time) return true;
    return slot.overflow != 0 && overflow_.contains(time, key);
  }

  // Starts loading what a lookup of (time, key) will read first.
  void prefetch(uint64_t time, uint32_t key) const {
    if (key < slots_.size()) {
      prefetch_line(&slots_[key]);
    } else {
      overflow_.prefetch(time, key);
    }
  }

  // Starts loading everything a lookup of (time, key) may read: the key's slot, and the hash
  // record a key's further timers are kept in (whether the key has any is in the slot, which
  // is not in cache yet).
  void prefetch_timer(uint64_t time, uint32_t key) const {
    if (key < slots_.size()) prefetch_line(&slots_[key]);
    if (overflow_.size() != 0) overflow_.prefetch(time, key);
  }

  // Starts loading the key's slot (where an insert of any time for it looks first).
  void prefetch_key(uint32_t key) const {
    if (key < slots_.size()) prefetch_line(&slots_[key]);
  }

  // fn(time, key) for every live timer, in no particular order.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (size_t key = 0; key < slots_.size(); ++key) {
      if (slots_[key].used) fn(slots_[key].time, uint32_t(key));
    }
    overflow_.for_each([&](const TimerRecord& r) { fn(r.time, r.key); });
  }

  // Work of one for_each: lets the caller decide when a sweep pays off.
  size_t scan_cost() const { return slots_.size() + overflow_.capacity(); }

  size_t memory_bytes() const {
    return slots_.capacity() * sizeof(KeySlot) + overflow_.memory_bytes();
  }

  // Before inserting `count` timers with keys up to `max_key` in no useful key order (restore):
  // size the slot array up front if those keys look dense, rather than growing it (and
  // overflowing into the hash set) along the way.
  void reserve(size_t count, uint32_t max_key) {
    if (max_key >= slots_.size() && max_key < std::max(kMinSlots, 2 * count)) {
      slots_.resize(std::bit_ceil(size_t(max_key) + 1), KeySlot{0, 0, 0});
    }
  }

  void clear() {
    LargeVector<KeySlot>().swap(slots_);
    in_slots_ = 0;
    overflow_.clear();
  }

 private:
  struct KeySlot {
    uint64_t time;
    uint32_t overflow;  // this key's timers in overflow_
    uint32_t used;      // 1 if `time` is a live timer
  };
  static constexpr size_t kMinSlots = 1024;

  // Extends the slot array to cover `key` if keys look dense (no more than about twice the
  // slots or timers so far); sparse keys (hashes, say) stay in the hash set.
  bool grow_for(uint32_t key) {
    size_t limit = std::max({kMinSlots, 2 * slots_.size(), 2 * size()});
    if (key >= limit) return false;
    size_t old_size = slots_.size();
    size_t new_size = std::max({kMinSlots, 2 * old_size, std::bit_ceil(size_t(key) + 1)});
    slots_.resize(new_size, KeySlot{0, 0, 0});
    // Keys entering the slot range may already have timers in the hash set: count them, so a
    // zero count keeps meaning "no need to look there".
    if (overflow_.size() != 0) {
      overflow_.for_each([&](const TimerRecord& r) {
        if (r.key >= old_size && r.key < new_size) ++slots_[r.key].overflow;
      });
    }
    return true;
  }

  LargeVector<KeySlot> slots_;
  size_t in_slots_ = 0;
  TimerSet overflow_;
};

}  // namespace eddy::timer_detail
