// The timer service, in Flink's shape (InternalTimerServiceImpl): per-key event-time and
// processing-time timers for one keyed operator.
//
// Guarantees (tested in tests/unit/state/timer_service_test.cpp):
//   - at most one timer per (domain, key, timestamp): registering it twice fires it once;
//   - deleting a timer that was not registered is a no-op;
//   - advance_watermark(w) sets the current watermark to max(current, w) — it never moves
//     backwards — and fires every event-time timer with ts <= it, in (ts, key) order. As in
//     Flink, callbacks already see the new watermark, so a timer at next_watermark_timer()
//     registered from a callback waits for the next advance; a timer registered from inside a
//     callback with ts <= w fires in the same call, in order; a timer registered at ts <= the
//     current watermark outside a callback fires at the next advance (even one with a smaller w);
//   - processing-time timers likewise, driven by advance_processing_time(now);
//   - the current key and timer timestamp are passed to every callback (the watermark is
//     current_watermark());
//   - snapshot() / restore() round-trip every pending timer and both clocks.
// Cost: registering, deleting or firing a timer is O(1) amortized (a hierarchical timing wheel
// with occupancy bitmaps, and a slot per dense key id for the key's timer), not a heap
// operation over all pending timers. See state/timer_queue.h.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eddy/clock.h"
#include "eddy/types.h"
#include "state/key_index.h"

namespace eddy {

class ChangedKeys;

class TimerService {
 public:
  // Called for each firing timer.
  using Callback = std::function<void(KeyId key, Timestamp timestamp, TimeDomain domain)>;

  TimerService();
  ~TimerService();
  TimerService(TimerService&&) noexcept;
  TimerService& operator=(TimerService&&) noexcept;

  void register_event_timer(KeyId key, Timestamp timestamp);
  void delete_event_timer(KeyId key, Timestamp timestamp);
  void register_processing_timer(KeyId key, Timestamp timestamp);
  void delete_processing_timer(KeyId key, Timestamp timestamp);

  // The hot-path API: pops the next due timer (ts <= target) in (ts, key) order and returns true,
  // or returns false once none is due. The current watermark / processing time becomes
  // max(current, target) at the first call (never moving backwards). Timers registered between
  // pops take part in the order.
  //   while (timers.pop_event_timer(w, key, ts)) on_timer(key, ts);
  bool pop_event_timer(Timestamp watermark, KeyId& key, Timestamp& timestamp);
  bool pop_processing_timer(Timestamp now, KeyId& key, Timestamp& timestamp);

  // Look-ahead for operators whose timers touch large keyed state: once asked for, the event-time
  // timers that came within 64 ms of the watermark (fire soon) collect in
  // event_timers_due_soon() as (time, key), in time order but for the few registered that close
  // (a hint: a deleted timer may be among them). The operator takes them before popping and
  // loads the state of the next few keys to fire (operators/expiry_lookahead.h).
  void track_event_timers_due_soon();
  std::vector<std::pair<Timestamp, KeyId>>& event_timers_due_soon();
  // Further ahead, read only: the event-time timers of the next 64 ms block beyond those (some
  // perhaps deleted), appended to `out` in no order; returns that block's last timestamp, or
  // kMinTimestamp if there is none.
  Timestamp upcoming_event_timers(std::vector<std::pair<Timestamp, KeyId>>& out) const;

  // Starts loading what registering an event-time timer of `key` will look at first (an
  // operator a few rows ahead of the key).
  void prefetch_event_timers(KeyId key) const;
  // Starts loading what firing the event-time timer (key, timestamp) will look up (an operator
  // that knows which timers fire next: its key's entry, and where a key's further timers are).
  void prefetch_event_timer(KeyId key, Timestamp timestamp) const;

  // Convenience over the pop API: fires every due timer through `on_timer`.
  void advance_watermark(Timestamp watermark, const Callback& on_timer);
  void advance_processing_time(Timestamp now, const Callback& on_timer);

  Timestamp current_watermark() const;
  Timestamp current_processing_time() const;
  size_t event_timer_count() const;
  size_t processing_timer_count() const;
  // The earliest pending processing-time timer, or kMaxTimestamp (lets the driver sleep).
  Timestamp next_processing_timer() const;
  size_t memory_bytes() const;

  // Coalescing helpers (seed §6): round a target down to a whole unit (fires up to one unit
  // early, never late; floors negative times too; unit_ms <= 1 leaves t unchanged), or register
  // at the next watermark so a key's timers coalesce (kMaxTimestamp after end of input, which
  // is already due).
  static Timestamp round_down(Timestamp t, int64_t unit_ms);
  Timestamp next_watermark_timer() const;

  // ---- checkpoints (state/operator_state.cpp saves timers with their key's record)
  // Every pending timer, in no particular order.
  void for_each_timer(const std::function<void(TimeDomain, KeyId, Timestamp)>& fn) const;
  // Drops every timer and sets both clocks (restoring, before the timers are registered again).
  void reset(Timestamp watermark, Timestamp processing_time);
  Timestamp next_event_timer() const;  // the earliest pending event-time timer, or kMaxTimestamp
  // Marks the key of every timer registered, deleted or fired (incremental checkpoints).
  void track_changes(ChangedKeys* changed) { changed_ = changed; }

  // Every pending timer and both current times, in a versioned byte format.
  std::string snapshot() const;
  // Replaces the whole content; returns false (and leaves the service empty) on malformed input.
  bool restore(std::string_view blob);

 private:
  void changed(KeyId key);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  ChangedKeys* changed_ = nullptr;
};

}  // namespace eddy
