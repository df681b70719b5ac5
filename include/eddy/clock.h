// The processing-time clock, injected so that tests and embedders control time.
#pragma once

#include <atomic>
#include <cstdint>

#include "eddy/export.h"
#include "eddy/types.h"

namespace eddy {

// The two kinds of time a timer can be set in: event time (fires when the watermark reaches it)
// and processing time (fires when the processing clock does).
enum class TimeDomain : uint8_t { EventTime, ProcessingTime };

class EDDY_EXPORT Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the epoch.
  virtual Timestamp now() const = 0;
  // Waits until now() >= t, or returns early (false) when `cancel` becomes true. A manual clock
  // does not wait: it returns whether its time has reached t.
  virtual bool wait_until(Timestamp t, const std::atomic<bool>& cancel) const = 0;
};

// The system wall clock (the shell and scripts).
class EDDY_EXPORT WallClock final : public Clock {
 public:
  Timestamp now() const override;
  bool wait_until(Timestamp t, const std::atomic<bool>& cancel) const override;
};

// A clock that moves only when told to (tests and the embedding API).
class EDDY_EXPORT ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start = 0) : now_(start) {}
  Timestamp now() const override { return now_.load(); }
  bool wait_until(Timestamp t, const std::atomic<bool>&) const override { return now_.load() >= t; }
  void set(Timestamp t) { now_.store(t); }
  void advance(int64_t ms) { now_.fetch_add(ms); }

 private:
  std::atomic<Timestamp> now_;
};

}  // namespace eddy
