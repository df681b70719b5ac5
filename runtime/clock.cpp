// The wall clock.
#include "eddy/clock.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace eddy {

Timestamp WallClock::now() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

bool WallClock::wait_until(Timestamp t, const std::atomic<bool>& cancel) const {
  // Sleep in short slices so a cancel (Ctrl-C in the shell, Query::cancel) is noticed promptly
  // and a wall-clock jump does not leave us asleep for its whole size.
  constexpr int64_t kSliceMs = 50;
  for (;;) {
    const Timestamp current = now();
    if (current >= t) return true;
    if (cancel.load(std::memory_order_relaxed)) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(kSliceMs, t - current)));
  }
}

}  // namespace eddy
