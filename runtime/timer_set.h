// The set of live timers of one time domain, keyed by (time, key): it makes registering a timer
// idempotent, deleting one O(1), and decides whether an entry found in the timing wheel is still
// live when it comes due (deleted timers are left in the wheel as garbage, see timer_queue.h).
//
// Open addressing with linear probing and backward-shift deletion (no tombstones), 16-byte
// records, so a lookup at a million timers is one cache miss. Private to the timer service.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace eddy::timer_detail {

struct TimerRecord {
  uint64_t time;  // order-preserving unsigned image of the timestamp (see timer_queue.h)
  uint32_t key;
  uint32_t tag;  // 0 = empty slot; otherwise a mark used by TimerQueue::compact()
};

class TimerSet {
 public:
  static constexpr uint32_t kFreshTag = 1;

  TimerSet() { allocate(kMinCapacity); }

  size_t size() const { return size_; }
  size_t capacity() const { return mask_ + 1; }
  size_t memory_bytes() const { return capacity() * sizeof(TimerRecord); }

  // Returns false if (time, key) was already present.
  bool insert(uint64_t time, uint32_t key) {
    if ((size_ + 1) * 4 > capacity() * 3) allocate(capacity() * 2);
    for (size_t i = index_of(time, key);; i = (i + 1) & mask_) {
      TimerRecord& r = slots_[i];
      if (r.tag == 0) {
        r = TimerRecord{time, key, kFreshTag};
        ++size_;
        return true;
      }
      if (r.time == time && r.key == key) return false;
    }
  }

  TimerRecord* find(uint64_t time, uint32_t key) const {
    for (size_t i = index_of(time, key);; i = (i + 1) & mask_) {
      TimerRecord& r = slots_[i];
      if (r.tag == 0) return nullptr;
      if (r.time == time && r.key == key) return &r;
    }
  }

  bool contains(uint64_t time, uint32_t key) const { return find(time, key) != nullptr; }

  // Returns false if (time, key) was not present.
  bool erase(uint64_t time, uint32_t key) {
    TimerRecord* r = find(time, key);
    if (r == nullptr) return false;
    erase_at(size_t(r - slots_.get()));
    return true;
  }

  void clear() {
    slots_.reset();
    allocate(kMinCapacity);
  }

  // Pre-sizes for `n` records (restore).
  void reserve(size_t n) {
    size_t capacity = kMinCapacity;
    while (n * 4 > capacity * 3) capacity *= 2;
    if (capacity > this->capacity()) allocate(capacity);
  }

  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (size_t i = 0; i <= mask_; ++i) {
      if (slots_[i].tag != 0) fn(slots_[i]);
    }
  }

  // Sets every record's tag to `tag` (TimerQueue restarts its marks when they wrap around).
  void retag_all(uint32_t tag) {
    for (size_t i = 0; i <= mask_; ++i) {
      if (slots_[i].tag != 0) slots_[i].tag = tag;
    }
  }

 private:
  static constexpr size_t kMinCapacity = 16;

  size_t index_of(uint64_t time, uint32_t key) const {
    // Timestamps are often multiples of a second and keys dense small integers: mix both
    // fully, then take the high bits (Fibonacci hashing).
    uint64_t h = time * 0x9E3779B97F4A7C15ull ^ (uint64_t(key) + 0x632BE59BD9B4E019ull);
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return size_t(h >> shift_);
  }

  void erase_at(size_t hole) {
    // Backward-shift deletion: pull later records of the probe run into the hole when their
    // home slot allows it, so lookups never need tombstones.
    for (size_t i = (hole + 1) & mask_;; i = (i + 1) & mask_) {
      TimerRecord& r = slots_[i];
      if (r.tag == 0) break;
      size_t home = index_of(r.time, r.key);
      // r may move to `hole` iff its home is not in the cyclic range (hole, i].
      if (((i - home) & mask_) >= ((i - hole) & mask_)) {
        slots_[hole] = r;
        hole = i;
      }
    }
    slots_[hole].tag = 0;
    --size_;
  }

  void allocate(size_t capacity) {
    std::unique_ptr<TimerRecord[]> old = std::move(slots_);
    size_t old_capacity = old ? mask_ + 1 : 0;
    slots_.reset(new TimerRecord[capacity]);
    std::fill_n(slots_.get(), capacity, TimerRecord{0, 0, 0});
    mask_ = capacity - 1;
    shift_ = 64 - std::countr_zero(uint64_t(capacity));
    size_ = 0;
    for (size_t i = 0; i < old_capacity; ++i) {
      const TimerRecord& r = old[i];
      if (r.tag == 0) continue;
      size_t j = index_of(r.time, r.key);
      while (slots_[j].tag != 0) j = (j + 1) & mask_;
      slots_[j] = r;
      ++size_;
    }
  }

  std::unique_ptr<TimerRecord[]> slots_;
  size_t mask_ = 0;
  int shift_ = 64;
  size_t size_ = 0;
};

}  // namespace eddy::timer_detail
