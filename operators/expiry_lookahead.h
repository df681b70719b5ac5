// ExpiryLookahead: which keys' timers fire next, so an operator loads their state before they
// fire.
//
// Keyed operators whose timers touch large state (the interval join's rows, the timeout
// aggregate's pending rows) fire a few timers or a step of tens at a time as the watermark
// moves; each key's state was last touched seconds of event time ago, so each would wait for
// its cache misses in turn. The timer service names the timers ahead: those that came within
// 64 ms of the watermark (TimerService::event_timers_due_soon, in about time order) and, read
// only, those of the next 64 ms block (upcoming_event_timers). The operator adds them here,
// which keeps them in expiry order. Each time the operator fires, it drops the entries now due
// from the front and visits the keys a few entries ahead in two stages: `far` ahead for what can
// be loaded at once (records), `near` for what those point to — either `near` entries ahead in
// the same call (advance), or, when many timers fire per call, a call later, every entry the far
// stage visited (visit_near, drop_due, visit_far). Rows in store order are no substitute: the
// interval join's rows arrive out of order and its two sides expire at different distances
// from their time, so the rows in store order named the key expiring next about one time in
// five. It is only a hint: an entry of a timer deleted, a row removed or a key released since
// costs a wasted prefetch and never changes what fires. Not checkpointed (a restored operator
// starts without hints and fills them as timers come due).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "eddy/types.h"
#include "state/key_index.h"

namespace eddy {

class ExpiryLookahead {
 public:
  using Timer = std::pair<Timestamp, KeyId>;
  ExpiryLookahead(size_t near, size_t far) : near_distance_(near), far_distance_(far) {}

  // A timer of `key` at `expiry` comes due. Timers mostly come in expiry order and are appended;
  // one that comes earlier goes in its place (found from the back), unvisited if that is before
  // an entry already visited.
  void add(Timestamp expiry, KeyId key) {
    if (entries_.size() == head_ || entries_.back().expiry <= expiry) {
      entries_.push_back(Entry{expiry, key});
      return;
    }
    size_t at = entries_.size();
    while (at > head_ && entries_[at - 1].expiry > expiry) --at;
    entries_.insert(entries_.begin() + ptrdiff_t(at), Entry{expiry, key});
    if (at < far_) ++far_;
    if (at < near_) ++near_;
  }
  // Takes the timers that came due soon (TimerService::event_timers_due_soon, which it
  // empties for the next ones); those a block added already are skipped.
  void take_due_soon(std::vector<Timer>& timers) {
    for (const auto& [expiry, key] : timers)
      if (expiry > covered_) add(expiry, key);
    timers.clear();
  }
  // All timers up to `last` (a block of the timer wheel read ahead), in any order.
  void add_block(std::vector<Timer>& timers, Timestamp last) {
    sort_by_expiry(timers);
    for (const auto& [expiry, key] : timers) add(expiry, key);
    covered_ = std::max(covered_, last);
  }
  // Up to where the blocks added reach.
  Timestamp covered() const { return covered_; }

  // Timers due by `upto` are firing: drops the entries at the front due by then, then calls
  // far(key, expiry) for each entry up to `far` entries ahead of the front, and
  // near(key, expiry) up to `near` ahead, each entry once per stage.
  template <class Far, class Near>
  void advance(Timestamp upto, Far&& far, Near&& near) {
    drop_due(upto);
    visit(far_, far_distance_, far);
    visit(near_, near_distance_, near);
    reclaim();
  }

  // The same in separate steps, for an operator that fires many timers per call: the near stage
  // for every entry an earlier call's far stage visited (its records have had time to arrive),
  // then, once the due timers fired, drop_due and the far stage.
  template <class Near>
  void visit_near(Near&& near) {
    for (near_ = std::max(near_, head_); near_ < far_; ++near_)
      near(entries_[near_].key, entries_[near_].expiry);
  }
  void drop_due(Timestamp upto) {
    while (head_ < entries_.size() && entries_[head_].expiry <= upto) ++head_;
  }
  template <class Far>
  void visit_far(Far&& far) {
    visit(far_, far_distance_, far);
    reclaim();
  }

  // Forgets every entry (the operator's state was replaced, e.g. restored).
  void clear() {
    entries_.clear();
    head_ = far_ = near_ = 0;
    covered_ = kMinTimestamp;
  }
  size_t size() const { return entries_.size() - head_; }  // entries not yet due
  size_t memory_bytes() const {
    return entries_.capacity() * sizeof(Entry) + sorted_.capacity() * sizeof(Timer);
  }

 private:
  struct Entry {
    Timestamp expiry;
    KeyId key;
  };
  template <class Visit>
  void visit(size_t& next, size_t distance, Visit& fn) {
    const size_t end = std::min(entries_.size(), head_ + distance);
    for (next = std::max(next, head_); next < end; ++next)
      fn(entries_[next].key, entries_[next].expiry);
  }
  // Reclaims the dropped front once it is most of the vector (amortized O(1) per entry).
  void reclaim() {
    if (head_ >= 1024 && head_ * 2 >= entries_.size()) {
      entries_.erase(entries_.begin(), entries_.begin() + ptrdiff_t(head_));
      far_ -= std::min(far_, head_);
      near_ -= std::min(near_, head_);
      head_ = 0;
    }
  }
  // A block of the wheel spans 64 ms: a counting sort over the timers' spread, unless wider.
  void sort_by_expiry(std::vector<Timer>& timers) {
    if (timers.empty()) return;
    Timestamp low = timers[0].first, high = low;
    for (const Timer& timer : timers) {
      low = std::min(low, timer.first);
      high = std::max(high, timer.first);
    }
    constexpr uint64_t kSpread = 256;
    if (uint64_t(high) - uint64_t(low) >= kSpread) {
      std::sort(timers.begin(), timers.end(),
                [](const Timer& a, const Timer& b) { return a.first < b.first; });
      return;
    }
    std::array<uint32_t, kSpread + 1> starts{};
    for (const Timer& timer : timers) ++starts[size_t(timer.first - low) + 1];
    for (size_t i = 1; i <= kSpread; ++i) starts[i] += starts[i - 1];
    sorted_.resize(timers.size());
    for (const Timer& timer : timers) sorted_[starts[size_t(timer.first - low)]++] = timer;
    timers.swap(sorted_);
  }

  size_t near_distance_, far_distance_;
  std::vector<Entry> entries_;  // by expiry; entries before head_ are due (dropped)
  size_t head_ = 0;
  size_t far_ = 0, near_ = 0;          // the next entry each stage visits
  Timestamp covered_ = kMinTimestamp;  // blocks added reach this far
  std::vector<Timer> sorted_;          // sort_by_expiry's scratch
};

}  // namespace eddy
