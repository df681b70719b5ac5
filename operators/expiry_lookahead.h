// ExpiryLookahead: which keys' stored rows expire next, so an operator loads their state before
// their timers fire.
//
// An interval join's watermark mostly moves row by row (each row carries its arrival
// watermark), so its timers fire one or two at a time: a run of due timers is too short to
// prefetch within, and each expiry would wait for its key's state (last touched when the row
// arrived, seconds of event time ago) in turn. Rows are stored in about the order they expire
// (their time plus a fixed bound; event time moves forward), so the (expiry, key) of each stored
// row, kept in store order, is a good guess of the keys whose timers fire next. Each time the
// operator fires, it drops the entries now due from the front and visits the keys a few entries
// ahead in two stages: `far` ahead for what can be loaded at once (records), `near` ahead for
// what those point to. It is only a hint: an entry out of order, or of a row removed or a key
// released since, costs a wasted prefetch and never changes what fires. Not checkpointed (a
// restored operator starts without hints and fills them from the rows that arrive).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "eddy/types.h"
#include "state/key_index.h"

namespace eddy {

class ExpiryLookahead {
 public:
  ExpiryLookahead(size_t near, size_t far) : near_distance_(near), far_distance_(far) {}

  // A row of `key` stored, to expire at `expiry`.
  void add(Timestamp expiry, KeyId key) { entries_.push_back({expiry, key}); }

  // Timers due by `upto` are firing: drops the entries at the front due by then, then calls
  // far(key, expiry) for each entry up to `far` entries ahead of the front, and
  // near(key, expiry) up to `near` ahead, each entry once per stage.
  template <class Far, class Near>
  void advance(Timestamp upto, Far&& far, Near&& near) {
    while (head_ < entries_.size() && entries_[head_].expiry <= upto) ++head_;
    visit(far_, far_distance_, far);
    visit(near_, near_distance_, near);
    // Reclaim the dropped front once it is most of the vector (amortized O(1) per entry).
    if (head_ >= 1024 && head_ * 2 >= entries_.size()) {
      entries_.erase(entries_.begin(), entries_.begin() + ptrdiff_t(head_));
      far_ -= std::min(far_, head_);
      near_ -= std::min(near_, head_);
      head_ = 0;
    }
  }

  // Forgets every entry (the operator's state was replaced, e.g. restored).
  void clear() {
    entries_.clear();
    head_ = far_ = near_ = 0;
  }
  size_t size() const { return entries_.size() - head_; }  // entries not yet due
  size_t memory_bytes() const { return entries_.capacity() * sizeof(Entry); }

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

  size_t near_distance_, far_distance_;
  std::vector<Entry> entries_;  // in store order; entries before head_ are due (dropped)
  size_t head_ = 0;
  size_t far_ = 0, near_ = 0;  // the next entry each stage visits
};

}  // namespace eddy
