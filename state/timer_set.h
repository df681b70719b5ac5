// The set of live timers of one time domain, keyed by (time, key): it makes registering a timer
// idempotent, deleting one O(1), and decides whether an entry found in the timing wheel is still
// live when it comes due (deleted timers are left in the wheel as garbage, see timer_queue.h).
// Private to the timer service.
//
// Open addressing with linear probing and backward-shift deletion (no tombstones). Beside the
// 16-byte records sits one control byte per slot (0 = empty, else 0x80 | 7 bits of the hash),
// so probing reads the small control array (2 MB at a million timers, cache-resident) and
// touches a record only on a fingerprint match: inserting a new timer costs no cache miss on
// the records, finding one costs at most one (and TimerQueue prefetches those it will fire).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>

#include "state/prefetch.h"

namespace eddy::timer_detail {

struct TimerRecord {
  uint64_t time;  // order-preserving unsigned image of the timestamp (see timer_queue.h)
  uint32_t key;
};

class TimerSet {
 public:
  TimerSet() { allocate(kMinCapacity); }

  size_t size() const { return size_; }
  size_t capacity() const { return mask_ + 1; }
  size_t memory_bytes() const { return capacity() * (sizeof(TimerRecord) + 1); }

  // Returns false if (time, key) was already present.
  bool insert(uint64_t time, uint32_t key) {
    if ((size_ + 1) * 4 > capacity() * 3) allocate(capacity() * 2);
    uint64_t h = hash(time, key);
    uint8_t tag = tag_of(h);
    for (size_t i = index_of(h);; i = (i + 1) & mask_) {
      if (control_[i] == 0) {
        control_[i] = tag;
        records_[i] = TimerRecord{time, key};
        ++size_;
        return true;
      }
      if (control_[i] == tag && records_[i].time == time && records_[i].key == key) return false;
    }
  }

  bool contains(uint64_t time, uint32_t key) const { return find(time, key) != kNotFound; }

  // Returns false if (time, key) was not present.
  bool erase(uint64_t time, uint32_t key) {
    size_t i = find(time, key);
    if (i == kNotFound) return false;
    erase_at(i);
    return true;
  }

  // Starts loading the record (time, key) would occupy, ahead of a lookup.
  void prefetch(uint64_t time, uint32_t key) const {
    prefetch_line(&records_[index_of(hash(time, key))]);
  }

  void clear() {
    records_.reset();
    control_.reset();
    size_ = 0;
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
      if (control_[i] != 0) fn(records_[i]);
    }
  }

 private:
  static constexpr size_t kMinCapacity = 16;
  static constexpr size_t kNotFound = ~size_t(0);

  static uint64_t hash(uint64_t time, uint32_t key) {
    // Timestamps are often multiples of a second and keys dense small integers: mix both fully.
    uint64_t h = time * 0x9E3779B97F4A7C15ull ^ (uint64_t(key) + 0x632BE59BD9B4E019ull);
    h ^= h >> 29;
    return h * 0xBF58476D1CE4E5B9ull;
  }
  // The index takes the top bits (Fibonacci hashing), the tag 7 bits below any index bits.
  size_t index_of(uint64_t h) const { return size_t(h >> shift_); }
  static uint8_t tag_of(uint64_t h) { return uint8_t(0x80 | ((h >> 24) & 0x7f)); }

  size_t find(uint64_t time, uint32_t key) const {
    uint64_t h = hash(time, key);
    uint8_t tag = tag_of(h);
    for (size_t i = index_of(h);; i = (i + 1) & mask_) {
      if (control_[i] == 0) return kNotFound;
      if (control_[i] == tag && records_[i].time == time && records_[i].key == key) return i;
    }
  }

  void erase_at(size_t hole) {
    // Backward-shift deletion: pull later records of the probe run into the hole when their
    // home slot allows it, so lookups never need tombstones.
    for (size_t i = (hole + 1) & mask_; control_[i] != 0; i = (i + 1) & mask_) {
      size_t home = index_of(hash(records_[i].time, records_[i].key));
      // The record at i may move to `hole` iff its home is not in the cyclic range (hole, i].
      if (((i - home) & mask_) >= ((i - hole) & mask_)) {
        control_[hole] = control_[i];
        records_[hole] = records_[i];
        hole = i;
      }
    }
    control_[hole] = 0;
    --size_;
  }

  void allocate(size_t capacity) {
    std::unique_ptr<TimerRecord[]> old_records = std::move(records_);
    std::unique_ptr<uint8_t[]> old_control = std::move(control_);
    size_t old_capacity = old_control ? mask_ + 1 : 0;
    records_.reset(new TimerRecord[capacity]);
    control_.reset(new uint8_t[capacity]);
    std::memset(control_.get(), 0, capacity);
    mask_ = capacity - 1;
    shift_ = 64 - std::countr_zero(uint64_t(capacity));
    for (size_t i = 0; i < old_capacity; ++i) {
      if (old_control[i] == 0) continue;
      size_t j = index_of(hash(old_records[i].time, old_records[i].key));
      while (control_[j] != 0) j = (j + 1) & mask_;
      control_[j] = old_control[i];
      records_[j] = old_records[i];
    }
  }

  std::unique_ptr<TimerRecord[]> records_;
  std::unique_ptr<uint8_t[]> control_;
  size_t mask_ = 0;
  int shift_ = 64;
  size_t size_ = 0;
};

}  // namespace eddy::timer_detail
