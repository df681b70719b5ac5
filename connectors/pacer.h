// Paces a generating source by the processing clock: item i (a row, or a generator event) is due
// at start + ceil((i - from) * 1000 / rate) ms, counted from where pacing (re)started — the
// first next(), or the next one after a checkpoint restore.
#pragma once

#include <cstdint>

#include "eddy/types.h"

namespace eddy {

class Pacer {
 public:
  bool started() const { return started_; }
  // Item `from` is due at `now`; `per_second` > 0.
  void start(Timestamp now, uint64_t from, int64_t per_second) {
    started_ = true, start_ = now, from_ = from, rate_ = static_cast<uint64_t>(per_second);
  }
  void stop() { started_ = false; }
  // One past the last item due by `now` (saturating at UINT64_MAX).
  uint64_t due(Timestamp now) const {
    if (now < start_) return from_;
    const unsigned __int128 elapsed = static_cast<uint64_t>(now - start_);
    const unsigned __int128 due = from_ + elapsed * rate_ / 1000 + 1;
    return due > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(due);
  }
  // When `item` is due.
  Timestamp due_time(uint64_t item) const {
    const unsigned __int128 ms =
        (static_cast<unsigned __int128>(item - from_) * 1000 + rate_ - 1) / rate_;
    return ms > static_cast<unsigned __int128>(kMaxTimestamp - start_)
               ? kMaxTimestamp
               : start_ + static_cast<Timestamp>(ms);
  }

 private:
  bool started_ = false;
  Timestamp start_ = 0;
  uint64_t from_ = 0;
  uint64_t rate_ = 1;
};

}  // namespace eddy
