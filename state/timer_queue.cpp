#include "state/timer_queue.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <utility>

namespace eddy::timer_detail {

namespace {

bool before(const WheelEntry& a, const WheelEntry& b) {
  return a.time != b.time ? a.time < b.time : a.key < b.key;
}

// std heap functions build max-heaps: invert the order for a min-heap.
bool after(const WheelEntry& a, const WheelEntry& b) { return before(b, a); }

// Bits below digit `level` (all 64 bits from level 11 on).
uint64_t low_mask(int level, int slot_bits) {
  int bits = level * slot_bits;
  return bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
}

// Stable LSD radix sort on the low `bits` bits of digit(entry), 11 bits per pass: O(n) for the
// large runs (many keys coalesced onto one timestamp, snapshots of a million timers) where a
// comparison sort would cost O(n log n).
template <typename Digit>
void radix_sort(std::vector<WheelEntry>& entries, std::vector<WheelEntry>& scratch, int bits,
                Digit digit) {
  scratch.resize(entries.size());
  for (int shift = 0; shift < bits; shift += 11) {
    std::array<size_t, 2048> offsets{};
    for (const WheelEntry& e : entries) ++offsets[(digit(e) >> shift) & 2047];
    size_t sum = 0;
    for (size_t& o : offsets) sum += std::exchange(o, sum);
    for (const WheelEntry& e : entries) scratch[offsets[(digit(e) >> shift) & 2047]++] = e;
    entries.swap(scratch);
  }
}

// Entries of one level-0 slot share their time: order them by key.
void sort_by_key(std::vector<WheelEntry>& run, std::vector<WheelEntry>& scratch) {
  if (run.size() < 256) {
    std::sort(run.begin(), run.end(),
              [](const WheelEntry& a, const WheelEntry& b) { return a.key < b.key; });
    return;
  }
  uint32_t all_keys = 0;
  for (const WheelEntry& e : run) all_keys |= e.key;
  radix_sort(run, scratch, std::bit_width(all_keys), [](const WheelEntry& e) { return e.key; });
}

// Orders entries [from, to), all of one timestamp, by key.
void sort_run(std::vector<WheelEntry>& entries, size_t from, size_t to,
              std::vector<WheelEntry>& scratch) {
  if (to - from >= 256) {
    // Many keys on one timestamp: radix sort them (rare; a run of its own).
    std::vector<WheelEntry> run(entries.begin() + ptrdiff_t(from), entries.begin() + ptrdiff_t(to));
    sort_by_key(run, scratch);
    std::copy(run.begin(), run.end(), entries.begin() + ptrdiff_t(from));
    return;
  }
  // Insertion sort: a run of one timestamp holds a few keys.
  for (size_t i = from + 1; i < to; ++i) {
    const WheelEntry e = entries[i];
    size_t j = i;
    for (; j > from && entries[j - 1].key > e.key; --j) entries[j] = entries[j - 1];
    entries[j] = e;
  }
}

// Orders entries sorted by time by (time, key): each run of one timestamp by key.
void sort_runs_by_key(std::vector<WheelEntry>& entries, std::vector<WheelEntry>& scratch) {
  for (size_t from = 0; from < entries.size();) {
    size_t to = from + 1;
    while (to < entries.size() && entries[to].time == entries[from].time) ++to;
    if (to - from > 1) sort_run(entries, from, to, scratch);
    from = to;
  }
}

// Orders the entries of one 64 ms block starting at `start` by (time, key): a counting sort by
// time, then each run of one timestamp by key.
void sort_block(std::vector<WheelEntry>& block, uint64_t start, std::vector<WheelEntry>& scratch) {
  std::array<uint32_t, 65> starts{};
  for (const WheelEntry& e : block) ++starts[size_t(e.time - start) + 1];
  for (size_t i = 1; i < starts.size(); ++i) starts[i] += starts[i - 1];
  scratch.resize(block.size());
  for (const WheelEntry& e : block) scratch[starts[size_t(e.time - start)]++] = e;
  block.swap(scratch);
  sort_runs_by_key(block, scratch);
}

// Orders by (time, key): by key, then stably by time relative to the earliest.
void sort_by_time_and_key(std::vector<WheelEntry>& entries) {
  if (entries.size() < 256) {
    std::sort(entries.begin(), entries.end(), before);
    return;
  }
  std::vector<WheelEntry> scratch;
  uint32_t all_keys = 0;
  uint64_t min_time = ~uint64_t(0), max_time = 0;
  for (const WheelEntry& e : entries) {
    all_keys |= e.key;
    min_time = std::min(min_time, e.time);
    max_time = std::max(max_time, e.time);
  }
  radix_sort(entries, scratch, std::bit_width(all_keys), [](const WheelEntry& e) { return e.key; });
  radix_sort(entries, scratch, std::bit_width(max_time - min_time),
             [min_time](const WheelEntry& e) { return e.time - min_time; });
}

}  // namespace

TimerQueue::TimerQueue()
    : current_(to_wheel_time(kMinTimestamp)), wheel_time_(to_wheel_time(kMinTimestamp)) {}

void TimerQueue::add(KeyId key, Timestamp timestamp) {
  uint64_t time = to_wheel_time(timestamp);
  if (!live_.insert(time, key)) return;  // already pending: one timer per (key, timestamp)
  ++entries_;
  if (live_.size() == 1 || (earliest_known_ && time < earliest_)) {
    earliest_ = time;
    earliest_known_ = true;
  }
  if (time > wheel_time_) {
    if (place(WheelEntry{time, key}) == 0 && track_soon_) soon_.emplace_back(timestamp, key);
  } else {
    // Due already, or within the block whose timers are in ready_ (which fires soon).
    if (time > current_ && track_soon_) soon_.emplace_back(timestamp, key);
    late_.push_back(WheelEntry{time, key});
    std::push_heap(late_.begin(), late_.end(), after);
  }
}

void TimerQueue::remove(KeyId key, Timestamp timestamp) {
  uint64_t time = to_wheel_time(timestamp);
  if (!live_.erase(time, key)) return;
  if (time == earliest_) earliest_known_ = false;
  // Sweep when the dead entries outnumber the live ones (and pay for scanning the set).
  size_t garbage = entries_ - live_.size();
  if (garbage > std::max({live_.size(), live_.scan_cost() / 8, kMinGarbage})) compact();
}

int TimerQueue::place(const WheelEntry& entry) {
  assert(entry.time > wheel_time_);
  int level = (63 - std::countl_zero((entry.time ^ wheel_time_) | (kSlots - 1))) / kSlotBits;
  int slot = int(entry.time >> (level * kSlotBits)) & (kSlots - 1);
  Chunk*& head = slots_[size_t(level * kSlots + slot)];
  if (head == nullptr || head->count == Chunk::kCapacity) head = pool_.get(head);
  head->times[head->count] = entry.time;
  head->keys[head->count] = entry.key;
  ++head->count;
  occupied_[size_t(level)] |= uint64_t(1) << slot;
  return level;
}

bool TimerQueue::cascade(uint64_t target) {
  for (int level = 0; level < kLevels; ++level) {
    uint64_t bits = occupied_[size_t(level)];
    if (bits == 0) continue;
    int slot = std::countr_zero(bits);
    uint64_t start =
        (wheel_time_ & ~low_mask(level + 1, kSlotBits)) | (uint64_t(slot) << (level * kSlotBits));
    assert(start > wheel_time_);
    if (start > target) return false;
    occupied_[size_t(level)] &= ~(uint64_t(1) << slot);
    Chunk* chunk = std::exchange(slots_[size_t(level * kSlots + slot)], nullptr);
    assert(ready_.empty());
    // Level 0 was empty (its slots come first). A level-0 slot holds one timestamp: all of it
    // is due. From a higher level, the entries of its first 64 ms block go to ready_ at once,
    // sorted by (time, key) (a level-0 slot per millisecond would cost a chunk each), and the
    // wheel's time moves to that block's end; the rest moves down (to level 1 or above: it is
    // in a later block).
    const uint64_t block_end = level == 0 ? start : start | (kSlots - 1);
    wheel_time_ = block_end;
    if (level == 1 && chunk->next == nullptr && chunk->count <= kSmallBlock) {
      // One block of a few timers (sparse timers): insertion-sorted into ready_.
      for (uint32_t i = 0; i < chunk->count; ++i) {
        const WheelEntry e{chunk->times[i], chunk->keys[i]};
        ready_.push_back(e);
        for (size_t j = ready_.size() - 1; j > 0 && before(e, ready_[j - 1]); --j)
          std::swap(ready_[j], ready_[j - 1]);
        live_.prefetch(e.time, e.key);
      }
      pool_.put(chunk);
      if (track_soon_)
        for (const WheelEntry& e : ready_)
          soon_.emplace_back(from_wheel_time(e.time), KeyId(e.key));
      return true;
    }
    if (level == 1) {
      // One block, all of it to ready_ (the case of every block of timers placed 1 to 4 s
      // ahead): counted by time, then written to its place, without a pass of its own.
      std::array<uint32_t, kSlots + 1> starts{};
      size_t count = 0;
      for (const Chunk* c = chunk; c != nullptr; c = c->next) {
        if (c->next != nullptr)
          for (size_t line = 0; line < sizeof(Chunk); line += 64)
            prefetch_line(reinterpret_cast<const char*>(c->next) + line);
        for (uint32_t i = 0; i < c->count; ++i) ++starts[size_t(c->times[i] - start) + 1];
        count += c->count;
      }
      for (size_t i = 1; i < starts.size(); ++i) starts[i] += starts[i - 1];
      ready_.resize(count);
      while (chunk != nullptr) {
        for (uint32_t i = 0; i < chunk->count; ++i) {
          const WheelEntry e{chunk->times[i], chunk->keys[i]};
          ready_[starts[size_t(e.time - start)]++] = e;
          live_.prefetch(e.time, e.key);  // what firing it checks, within 64 ms
        }
        Chunk* next = chunk->next;
        pool_.put(chunk);
        chunk = next;
      }
      // Each time's entries are now at [starts[t - 1], starts[t]): order those of a shared
      // time by key.
      for (size_t t = 0, from = 0; t < kSlots; from = starts[t++])
        if (starts[t] - from > 1) sort_run(ready_, from, starts[t], scratch_);
      if (track_soon_)
        for (const WheelEntry& e : ready_)
          soon_.emplace_back(from_wheel_time(e.time), KeyId(e.key));
      return true;
    }
    while (chunk != nullptr) {
      // Chunks of a slot are scattered: stream the next one in while this one is distributed.
      if (chunk->next != nullptr) {
        for (size_t line = 0; line < sizeof(Chunk); line += 64) {
          prefetch_line(reinterpret_cast<const char*>(chunk->next) + line);
        }
      }
      for (uint32_t i = 0; i < chunk->count; ++i) {
        WheelEntry e{chunk->times[i], chunk->keys[i]};
        // Those going to ready_ fire within 64 ms: start loading the set records firing will
        // check.
        if (e.time <= block_end) {
          ready_.push_back(e);
          if (level != 0) live_.prefetch(e.time, e.key);
        } else {
          place(e);
        }
      }
      Chunk* next = chunk->next;
      pool_.put(chunk);  // reused, still in cache, by the next placements
      chunk = next;
    }
    if (ready_.size() > 1) {
      if (level == 0)
        sort_by_key(ready_, scratch_);
      else
        sort_block(ready_, start, scratch_);
    }
    if (level != 0 && track_soon_)
      for (const WheelEntry& e : ready_) soon_.emplace_back(from_wheel_time(e.time), KeyId(e.key));
    return true;
  }
  return false;
}

bool TimerQueue::pop(Timestamp target, KeyId& key, Timestamp& timestamp) {
  // The clock never moves backwards: an older target still fires what is due at the current
  // time (timers registered late, at or before it).
  uint64_t until = std::max(to_wheel_time(target), current_);
  current_ = until;
  for (;;) {
    // ready_ and late_ hold entries at or before wheel_time_, the wheel only later ones.
    const WheelEntry* next = ready_pos_ < ready_.size() ? &ready_[ready_pos_] : nullptr;
    bool from_late = !late_.empty() && (next == nullptr || before(late_.front(), *next));
    if (from_late) next = &late_.front();
    if (next == nullptr) {
      if (cascade(until)) continue;
      // Nothing in the wheel is due, so no slot is skipped (the wheel's time may be ahead
      // already: at the end of the block last moved to ready_).
      wheel_time_ = std::max(wheel_time_, until);
      return false;
    }
    // ready_ and late_ may hold the rest of the block now firing: later than `until`, and
    // earlier than anything in the wheel.
    if (next->time > until) return false;
    WheelEntry entry = *next;
    if (from_late) {
      std::pop_heap(late_.begin(), late_.end(), after);
      late_.pop_back();
    } else if (++ready_pos_ == ready_.size()) {
      ready_.clear();
      ready_pos_ = 0;
    } else if (ready_pos_ + kPrefetchDistance < ready_.size()) {
      // A long run (many keys on one timestamp): keep the set records coming.
      const WheelEntry& ahead = ready_[ready_pos_ + kPrefetchDistance];
      live_.prefetch(ahead.time, ahead.key);
    }
    --entries_;
    if (live_.erase(entry.time, entry.key)) {  // else deleted (or a duplicate already fired)
      if (entry.time == earliest_) earliest_known_ = false;
      key = entry.key;
      timestamp = from_wheel_time(entry.time);
      return true;
    }
  }
}

Timestamp TimerQueue::next_block(std::vector<std::pair<Timestamp, KeyId>>& out) const {
  const uint64_t bits = occupied_[1];
  if (bits == 0) return kMinTimestamp;
  const int slot = std::countr_zero(bits);
  const uint64_t start = (wheel_time_ & ~low_mask(2, kSlotBits)) | (uint64_t(slot) << kSlotBits);
  for (const Chunk* c = slots_[size_t(kSlots + slot)]; c != nullptr; c = c->next)
    for (uint32_t i = 0; i < c->count; ++i)
      out.emplace_back(from_wheel_time(c->times[i]), KeyId(c->keys[i]));
  return from_wheel_time(start + (kSlots - 1));
}

Timestamp TimerQueue::earliest() const {
  if (live_.size() == 0) return kMaxTimestamp;
  if (!earliest_known_) {
    earliest_ = find_earliest();
    earliest_known_ = true;
  }
  return from_wheel_time(earliest_);
}

uint64_t TimerQueue::find_earliest() const {
  // ready_ and late_ entries precede every wheel entry; within the wheel, lower levels precede
  // higher ones and slots are in time order, so the first slot holding a live entry decides.
  const WheelEntry* best = nullptr;
  for (size_t i = ready_pos_; i < ready_.size(); ++i) {
    if (live_.contains(ready_[i].time, ready_[i].key)) {
      best = &ready_[i];
      break;
    }
  }
  for (const WheelEntry& e : late_) {
    if ((best == nullptr || before(e, *best)) && live_.contains(e.time, e.key)) best = &e;
  }
  if (best != nullptr) return best->time;
  for (int level = 0; level < kLevels; ++level) {
    for (uint64_t bits = occupied_[size_t(level)]; bits != 0; bits &= bits - 1) {
      uint64_t earliest = ~uint64_t(0);
      bool found = false;
      for (const Chunk* c = slots_[size_t(level * kSlots + std::countr_zero(bits))]; c != nullptr;
           c = c->next) {
        for (uint32_t i = 0; i < c->count; ++i) {
          if (c->times[i] < earliest || (!found && c->times[i] == earliest)) {
            if (live_.contains(c->times[i], c->keys[i])) {
              earliest = c->times[i];
              found = true;
            }
          }
        }
      }
      if (found) return earliest;
    }
  }
  assert(false && "a live timer without a wheel entry");
  return ~uint64_t(0);
}

void TimerQueue::compact() {
  // Rebuild everything from the live set: one sequential sweep, no lookup per entry, and the
  // duplicates left by delete-then-register vanish with the dead entries.
  clear_wheel();
  ready_.clear();
  ready_pos_ = 0;
  late_.clear();
  live_.for_each([this](uint64_t time, uint32_t key) {
    if (time > wheel_time_) {
      place(WheelEntry{time, key});
    } else {
      ready_.push_back(WheelEntry{time, key});
    }
  });
  sort_by_time_and_key(ready_);
  entries_ = live_.size();
}

void TimerQueue::clear_wheel() {
  for (int level = 0; level < kLevels; ++level) {
    for (uint64_t bits = occupied_[size_t(level)]; bits != 0; bits &= bits - 1) {
      pool_.put_list(
          std::exchange(slots_[size_t(level * kSlots + std::countr_zero(bits))], nullptr));
    }
  }
  occupied_ = {};
}

std::vector<std::pair<Timestamp, KeyId>> TimerQueue::sorted_timers() const {
  std::vector<WheelEntry> entries;
  entries.reserve(live_.size());
  live_.for_each([&](uint64_t time, uint32_t key) { entries.push_back(WheelEntry{time, key}); });
  sort_by_time_and_key(entries);
  std::vector<std::pair<Timestamp, KeyId>> timers;
  timers.reserve(entries.size());
  for (const WheelEntry& e : entries) timers.emplace_back(from_wheel_time(e.time), e.key);
  return timers;
}

void TimerQueue::reset(Timestamp current) {
  live_.clear();
  earliest_known_ = false;
  current_ = wheel_time_ = to_wheel_time(current);
  entries_ = 0;
  clear_wheel();
  pool_ = ChunkPool();  // nothing in use: give the memory back
  std::vector<WheelEntry>().swap(ready_);
  ready_pos_ = 0;
  std::vector<WheelEntry>().swap(late_);
  std::vector<WheelEntry>().swap(scratch_);
  soon_.clear();  // keys of timers that are gone
}

size_t TimerQueue::memory_bytes() const {
  size_t bytes = sizeof(*this) + live_.memory_bytes();
  bytes += pool_.memory_bytes();
  bytes += (ready_.capacity() + late_.capacity() + scratch_.capacity()) * sizeof(WheelEntry);
  return bytes;
}

}  // namespace eddy::timer_detail
