#include "operators/timeout_aggregate.h"

#include <algorithm>

#include <fmt/format.h>

#include "runtime/failure.h"

namespace eddy {

namespace {}  // namespace

TimeoutAggregate::TimeoutAggregate(TimeoutConfig config)
    : config_(std::move(config)),
      keys_(BatchKeys::first(config_.key_count)),
      aggregates_(config_.aggregates, state_, "agg"),
      last_(state_.declare<FixedState<Timestamp>>("last")),
      start_(state_.declare<FixedState<Timestamp>>("start")),
      buffer_(state_.declare<RowBufferState>("buffer", config_.input)),
      out_(Batch::with_schema(config_.output)) {
  state_.set_key_types(leading_types(config_.input, config_.key_count));
  fold_any_order_ = aggregates_.order_insensitive();
  // Buffered rows are only folded: keep just the aggregates' arguments (not the key, which the
  // row's key id stands for, nor the rowtime, which its entry holds).
  std::vector<int> arguments;
  for (const AggregateSpec& spec : aggregates_.specs())
    if (spec.arg >= 0) arguments.push_back(spec.arg);
  buffer_.keep_only(arguments);
  if (!config_.processing_time) timers_.track_event_timers_due_soon();
  checkpointed_.keyed(state_, &timers_);
  checkpointed_.value("fired_to", fired_to_);
  checkpointed_.counter("arrivals", arrivals_);
  config_.late.declare(checkpointed_);
}

void TimeoutAggregate::on_batch(Batch& batch, int, Output& out) {
  metrics_.rows_in += batch.size();
  keys_.hash(batch);
  if (config_.processing_time) {
    const Timestamp now = config_.clock->now();
    for (size_t row = 0; row < batch.size(); ++row, ++arrivals_) {
      arrival_ = batch.positions.empty() ? arrivals_ : batch.positions[row];
      bool inserted = false;
      KeyId key = state_.intern(keys_, row, inserted);
      if (last_.has(key)) {
        timers_.delete_processing_timer(key, last_.get(key) + config_.timeout_ms);
      } else {
        state_.set_sequence(key, arrival_);
        start_.set(key, now);
      }
      aggregates_.fold(key, batch, row);
      last_.set(key, now);
      timers_.register_processing_timer(key, now + config_.timeout_ms);
    }
    update_metrics();
    return;
  }
  // Event time: buffer until the watermark passes the row, then apply in time order.
  const Column& times = batch.columns[config_.rowtime];
  const bool watermarked = !batch.arrival_watermark.empty();
  for (size_t row = 0; row < batch.size(); ++row, ++arrivals_) {
    arrival_ = batch.positions.empty() ? arrivals_ : batch.positions[row];
    if (watermarked) fire_due(batch.arrival_watermark[row]);
    bool inserted = false;
    KeyId key = state_.intern(keys_, row, inserted);
    // The key of a row a few ahead: its record (which holds a first pending row) is on the way
    // (KeyedState::intern); its timer entry is what a new pending row touches too.
    if (const KeyId ahead = state_.upcoming(); ahead != KeyIndex::kNoKey)
      timers_.prefetch_event_timers(ahead);
    const Timestamp ts = times.ints[row];
    catch_up(key);
    if (ts <= fired_to_) {
      apply_behind(key, inserted, batch, row, ts, out);
      continue;
    }
    if (applies_at_once(key, ts)) {
      // The row extends the key's open span: buffered, it would join that span whatever else
      // arrives (every row up to last + reach does, in time order), and these aggregates do not
      // care about the order, so it is folded now. The timeout timer stays where it is; when
      // it fires it finds the span extended and moves on to the new timeout (on_event_timer).
      aggregates_.fold(key, batch, row);
      if (ts > last_.get(key)) last_.set(key, ts);
      continue;
    }
    buffer_row(key, ts, batch, row);
  }
  config_.late.flush();
  flush(out);
}

void TimeoutAggregate::apply_behind(KeyId key, bool new_key, const Batch& batch, size_t row,
                                    Timestamp ts, Output& out) {
  const Timestamp w = fired_to_;
  const int64_t t = config_.timeout_ms;
  // The open span is [start, last + t] (its timer has not fired); the row's own is [ts, ts + t].
  // Session windows [start, last + g) and [ts, ts + g) merge when they touch: one more ms.
  const bool open = span_open(key);
  // A session's window [ts, ts + g) also touches a row still buffered at exactly ts + g: Flink
  // merges them on arrival (only possible when ts + g - 1 ms is the watermark itself).
  const bool touches_buffered = config_.session && !open && has_buffered(key, ts + reach());
  if (open ? ts + reach() < start_.get(key) : ts + t <= w && !touches_buffered) {
    if (config_.late.fails()) {
      // Timeouts due before the failing row go out first, as with batch size 1.
      flush(out);
      out.watermark(w);
    }
    config_.late.add(batch, row, ts, w, [&] {
      return config_.session ? fmt::format(
                                   "the session it would open, ending at {}, has already "
                                   "fired",
                                   format_timestamp(ts + t + 1))
                             : fmt::format("the timeout it would start, at {}, has already passed",
                                           format_timestamp(ts + t));
    });
    if (new_key) state_.release(key);
    return;
  }
  if (!open) {
    // A new span: its timeout is still ahead of the watermark, or (a session) a row buffered at
    // exactly ts + gap extends it at once.
    if (!last_.has(key)) state_.set_sequence(key, arrival_);
    start_.set(key, ts);
    last_.set(key, ts);
    aggregates_.fold(key, batch, row);
    if (touches_buffered)
      apply_buffered(key, ts + reach());
    else
      timers_.register_event_timer(key, ts + t);
    return;
  }
  // Joins the open span, earlier than its last row or after it.
  if (ts < start_.get(key)) start_.set(key, ts);
  const Timestamp last = last_.get(key);
  if (ts > last) {
    move_timeout(key, last + t, ts + t);
    last_.set(key, ts);
  }
  aggregates_.fold(key, batch, row);
}

void TimeoutAggregate::catch_up(KeyId key) {
  if (!buffer_.empty(key) && buffer_.entries(key).front().time <= fired_to_)
    apply_buffered(key, fired_to_);
}

void TimeoutAggregate::buffer_row(KeyId key, Timestamp ts, const Batch& batch, size_t row) {
  // An open span's timer takes every row up to its timeout when it fires; without one, nothing
  // of the key can time out before its earliest pending row's time + t.
  const bool earliest = buffer_.empty(key) || ts < buffer_.entries(key).front().time;
  buffer_.add(key, ts, arrival_, batch, row);
  if (earliest && !span_open(key)) timers_.register_event_timer(key, ts + config_.timeout_ms);
}

void TimeoutAggregate::time_pending(KeyId key) {
  if (!buffer_.empty(key))
    timers_.register_event_timer(key, buffer_.entries(key).front().time + config_.timeout_ms);
}

bool TimeoutAggregate::has_buffered(KeyId key, Timestamp at) const {
  if (buffer_.empty(key)) return false;
  // Entries are in time order: a binary search, as a hot key can have thousands pending.
  const auto entries = buffer_.entries(key);
  const auto found = std::partition_point(entries.begin(), entries.end(),
                                          [at](const auto& entry) { return entry.time < at; });
  return found != entries.end() && found->time == at;
}

void TimeoutAggregate::move_timeout(KeyId key, Timestamp from, Timestamp to) {
  timers_.delete_event_timer(key, from);
  timers_.register_event_timer(key, to);
}

void TimeoutAggregate::fire_due(Timestamp watermark) {
  if (watermark <= fired_to_) return;
  const size_t before = out_.rows;
  KeyId key;
  Timestamp at;
  while (timers_.pop_event_timer(watermark, key, at)) {
    load_ahead(at);
    on_event_timer(key, at);
  }
  if (out_.rows > before) steps_.emplace_back(watermark, fired_to_);
  fired_to_ = watermark;
}

void TimeoutAggregate::load_ahead(Timestamp firing) {
  // The watermark moves in steps that fire tens of timers each, whose keys were last touched
  // seconds of event time ago: each would wait for its state in turn. Instead the state of the
  // keys a few timers ahead is loaded while these fire, in two stages: a key's record (with its
  // first pending row) and bytes far ahead, then where the list of a key with more rows pending
  // is. The timers come from the wheel's level 0 (the next 64 ms), in time order.
  lookahead_.take_due_soon(timers_.event_timers_due_soon());
  lookahead_.advance(
      firing - 1, [&](KeyId key, Timestamp) { state_.prefetch(key); },
      [&](KeyId key, Timestamp) { buffer_.prefetch_list(key); });
}

void TimeoutAggregate::on_watermark(Timestamp watermark, Output& out) {
  fire_due(watermark);
  flush(out);
  out.watermark(watermark);
}

void TimeoutAggregate::on_arrival_watermark(Timestamp watermark, Output& out) {
  if (config_.processing_time) return;
  fire_due(watermark);
  flush(out);
}

void TimeoutAggregate::on_processing_time(Timestamp now, Output& out) {
  if (!config_.processing_time) return;
  KeyId key;
  Timestamp at;
  while (timers_.pop_processing_timer(now, key, at)) on_processing_timer(key, at);
  flush(out);
}

void TimeoutAggregate::on_end(Output& out) {
  // End of input flushes: every pending processing-time timeout fires now, in time order.
  if (config_.processing_time) on_processing_time(kMaxTimestamp, out);
  config_.late.finish();
}

bool TimeoutAggregate::apply_buffered(KeyId key, Timestamp at) {
  if (buffer_.empty(key)) return false;  // a timeout timer's key, mostly
  // The key's rows are kept in (time, arrival) order: the due ones are a prefix.
  const auto entries = buffer_.entries(key);
  size_t due = 0;
  while (due < entries.size() && entries[due].time <= at) ++due;
  if (due == 0) return false;
  const Batch& rows = buffer_.rows();
  for (size_t i = 0; i < due; ++i) {
    const auto& entry = entries[i];
    // A key (re)starts with its first applied row: that row's arrival orders its emissions
    // among keys timing out together, whatever the batch size. A row after the key's timeout
    // (KEEP STATE) starts a new span.
    if (!last_.has(key)) {
      state_.set_sequence(key, entry.arrival);
      start_.set(key, entry.time);
    } else if (entry.time > last_.get(key) + reach()) {
      start_.set(key, entry.time);
    }
    aggregates_.fold(key, rows, entry.row);
    // Rows apply in time order, except that a session may have taken a later row early (one
    // that touched it exactly): the key's last row time never goes back.
    if (!last_.has(key) || entry.time > last_.get(key)) last_.set(key, entry.time);
  }
  buffer_.pop_front(key, due);  // `entries` is stale from here
  // The span's timeout, unless that is `at` itself (the timer firing now, which judges it). A
  // timer the key had before (an earlier timeout, a pending row's) fires early, finds the span
  // going on and moves on to this one (on_event_timer).
  if (const Timestamp timeout = last_.get(key) + config_.timeout_ms; timeout > at)
    timers_.register_event_timer(key, timeout);
  return true;
}

void TimeoutAggregate::on_event_timer(KeyId key, Timestamp at) {
  // Rows at exactly the timeout time count as activity: apply them before judging idleness.
  apply_buffered(key, at);
  const Timestamp timeout = last_.has(key) ? last_.get(key) + config_.timeout_ms : kMinTimestamp;
  if (timeout < at) {
    // No span open at `at` (this timer is left from one that has fired): rows still pending
    // wait for their own timer.
    time_pending(key);
    return;
  }
  if (timeout > at) {
    // Rows applied since this timer was set extended the span: it now ends later.
    timers_.register_event_timer(key, timeout);
    return;
  }
  // A session also takes a row at exactly last + gap: touching windows merge, as in Flink.
  if (config_.session && apply_buffered(key, at + 1)) return;
  emit_key(key, at);
  if (config_.reset_state) forget(key);
  time_pending(key);  // rows after the span start the next one
}

void TimeoutAggregate::forget(KeyId key) {
  // Rows still buffered for later times keep the key alive; only its aggregates go.
  if (!buffer_.empty(key)) {
    aggregates_.clear(key);
    last_.clear(key);
  } else {
    state_.release(key);
  }
}

void TimeoutAggregate::on_processing_timer(KeyId key, Timestamp at) {
  if (!last_.has(key) || last_.get(key) + config_.timeout_ms != at) return;
  emit_key(key, at);
  if (config_.reset_state) forget(key);
}

void TimeoutAggregate::emit_key(KeyId key, Timestamp at) {
  state_.append_key(key, out_);
  size_t column = config_.key_count;
  if (config_.session) {
    out_.columns[column++].append_int(start_.get(key));
    out_.columns[column++].append_int(at + 1);
  } else {
    out_.columns[column++].append_int(at);
  }
  aggregates_.append_results(key, out_, column);
  ++out_.rows;
  order_.push_back({at, state_.sequence(key)});
}

void TimeoutAggregate::flush(Output& out) {
  update_metrics();
  if (out_.empty()) return;
  sort_emitted(out_, order_);
  // Steps fire disjoint, ascending time ranges, so the sorted rows fall into them in order.
  // Processing-time emissions have no steps: their rows carry the watermark reached so far.
  out_.arrival_watermark.resize(out_.rows);
  size_t step = 0;
  for (size_t row = 0; row < out_.rows; ++row) {
    while (step < steps_.size() && steps_[step].first < order_[row].time) ++step;
    out_.arrival_watermark[row] = step < steps_.size() ? steps_[step].second : fired_to_;
  }
  steps_.clear();
  metrics_.rows_out += out_.size();
  out.emit_fired(out_, order_);
  order_.clear();
  out_ = Batch::with_schema(config_.output);
}

void TimeoutAggregate::update_metrics() {
  metrics_.late_rows = config_.late.count();
  metrics_.keys = state_.key_count();
  metrics_.state_bytes = state_.memory_bytes() + timers_.memory_bytes() + lookahead_.memory_bytes();
  metrics_.timers = timers_.event_timer_count() + timers_.processing_timer_count();
}

OperatorDescription TimeoutAggregate::describe() const {
  std::string keys, aggs;
  for (const auto& name : config_.key_names) keys += (keys.empty() ? "" : ", ") + name;
  for (const auto& spec : aggregates_.specs()) aggs += (aggs.empty() ? "" : ", ") + spec.text;
  OperatorDescription d{config_.session ? "SessionWindow" : "Timeout", {}};
  d.properties.emplace_back("key", keys.empty() ? "(global)" : keys);
  if (config_.session)
    d.properties.emplace_back("gap", format_interval(config_.timeout_ms + 1));
  else
    d.properties.emplace_back("timeout", format_interval(config_.timeout_ms));
  d.properties.emplace_back("time", config_.processing_time ? "processing time" : "event time");
  if (!config_.session)
    d.properties.emplace_back("mode", config_.reset_state ? "RESET STATE" : "KEEP STATE");
  d.properties.emplace_back("aggregates", aggs.empty() ? "(none)" : aggs);
  if (!config_.processing_time) d.properties.emplace_back("late", config_.late.describe());
  d.properties.emplace_back("state", config_.processing_time
                                         ? "accumulators + last arrival per key"
                                         : "accumulators + last row time + buffered rows per key");
  d.properties.emplace_back("timers", config_.processing_time ? "one processing-time timer per key"
                                                              : "one event-time timer per key");
  return d;
}

}  // namespace eddy
