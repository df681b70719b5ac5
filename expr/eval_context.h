// What expression kernels may read besides their arguments: the processing-time clock of the query
// being evaluated. NOW(), CURRENT_TIMESTAMP, LOCALTIMESTAMP, PROCTIME() and UNIX_TIMESTAMP() read
// it, so they follow an injected clock (DESIGN.md §2: a ManualClock in tests and the embedding
// API) rather than the wall clock.
//
// The clock is thread-local and set for the duration of a query step by the query driver:
//   ScopedEvalClock eval_clock(clock_.get());
// Outside such a scope (an expression evaluated on its own) time functions read the wall clock.
#pragma once

#include "eddy/clock.h"

namespace eddy {

namespace eval_context_internal {
inline thread_local const Clock* current_clock = nullptr;
}  // namespace eval_context_internal

// The clock of the query being evaluated on this thread, or nullptr outside a query.
inline const Clock* current_eval_clock() { return eval_context_internal::current_clock; }

// The processing time time functions see: the current query's clock, else the wall clock.
inline Timestamp eval_now() {
  if (const Clock* clock = eval_context_internal::current_clock) return clock->now();
  return WallClock().now();
}

// Makes `clock` the evaluation clock of this thread until the guard goes out of scope; nests
// (the previous clock is restored).
class ScopedEvalClock {
 public:
  explicit ScopedEvalClock(const Clock* clock) : previous_(eval_context_internal::current_clock) {
    eval_context_internal::current_clock = clock;
  }
  ~ScopedEvalClock() { eval_context_internal::current_clock = previous_; }
  ScopedEvalClock(const ScopedEvalClock&) = delete;
  ScopedEvalClock& operator=(const ScopedEvalClock&) = delete;

 private:
  const Clock* previous_;
};

}  // namespace eddy
