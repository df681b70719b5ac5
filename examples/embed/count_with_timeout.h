// The seed's CountWithTimeoutFunction as an eddy process function (examples/embed and the API
// tests use it): per key it counts the rows and remembers the newest row time; when the key has
// been idle for the timeout (in event time) it emits the count so far, at the time it timed out.
// The count keeps growing across idle periods, as in the seed and as KEEP STATE does.
//
// Unlike the seed's sample it gives exactly the rows of GROUP BY k TIMEOUT INTERVAL t, which
// applies rows in event-time order: a row ahead of the watermark waits (in a list) for its
// timer, so a row that came early cannot hide an idle period before it; a row behind the
// watermark is applied at once if the key's span is still open or the row's own span has not
// timed out yet, and is otherwise late and left out.
#pragma once

#include <utility>
#include <vector>

#include "eddy/process_function.h"

class CountWithTimeout : public eddy::KeyedProcessFunction {
 public:
  void open(eddy::OpenContext& ctx) override {
    count_ = ctx.value_state<int64_t>("count");
    last_ = ctx.value_state<eddy::Timestamp>("last");
    pending_ = ctx.list_state<eddy::Timestamp>("pending");
    timeout_ = ctx.arguments().at(0).int_value();  // an INTERVAL: milliseconds
  }

  void process_element(const eddy::Row&, eddy::Context& ctx, eddy::Collector&) override {
    const eddy::Timestamp ts = ctx.timestamp(), watermark = ctx.current_watermark();
    if (ts > watermark) {  // applied when the watermark reaches it, in time order
      pending_.add(ts);
      ctx.timers().register_event_time_timer(ts);
      return;
    }
    const bool open = last_.has_value() && *last_.value() + timeout_ > watermark;
    if (open || ts + timeout_ > watermark) apply(ts, ctx);
  }

  void on_timer(eddy::Timestamp at, eddy::Context& ctx, eddy::Collector& out) override {
    std::vector<eddy::Timestamp> later;
    for (eddy::Timestamp ts : pending_.get()) {
      if (ts <= at)
        apply(ts, ctx);
      else
        later.push_back(ts);
    }
    pending_.update(std::move(later));
    // The timeout of the newest row, and nothing newer applied: the key was idle.
    if (last_.has_value() && *last_.value() + timeout_ == at)
      out.collect({eddy::Value::integer(*count_.value())});
  }

 private:
  void apply(eddy::Timestamp ts, eddy::Context& ctx) {
    count_.update(count_.value_or(0) + 1);
    if (last_.has_value() && ts <= *last_.value()) return;  // not the key's newest row
    last_.update(ts);
    ctx.timers().register_event_time_timer(ts + timeout_);
  }

  eddy::ValueState<int64_t> count_;
  eddy::ValueState<eddy::Timestamp> last_;
  eddy::ListState<eddy::Timestamp> pending_;
  int64_t timeout_ = 0;
};
