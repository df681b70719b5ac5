#include "operators/window_aggregate.h"

#include "runtime/failure.h"

namespace eddy {

WindowAggregate::WindowAggregate(size_t key_count, int window_end,
                                 std::vector<std::string> key_names,
                                 std::vector<AggregateSpec> aggregates, Schema input, Schema output,
                                 bool processing_time, bool retracting)
    : key_count_(key_count),
      window_end_(window_end),
      key_names_(std::move(key_names)),
      keys_(BatchKeys::first(key_count)),
      aggregates_(std::move(aggregates), state_, "agg", retracting),
      output_schema_(std::move(output)),
      processing_time_(processing_time) {
  state_.set_key_types(leading_types(input, key_count));
  if (retracting) row_count_ = &state_.declare<FixedState<int64_t>>("rows");
  checkpointed_.keyed(state_, &timers_);
  checkpointed_.value("emitted_watermark", emitted_watermark_);
}

void WindowAggregate::on_batch(Batch& batch, int, Output&) {
  metrics_.rows_in += batch.size();
  const Column& ends = batch.columns[window_end_];
  keys_.hash(batch);
  for (size_t row = 0; row < batch.size(); ++row) {
    const RowKind kind = batch.kind(row);
    if (kind == RowKind::UpdateBefore || kind == RowKind::Delete) {
      if (!row_count_)
        fail(Error::Kind::Runtime, "WindowAggregate: an update row on an append-only input");
      const int64_t found = state_.keys().find(keys_, row);
      if (found < 0) continue;  // nothing to take back
      aggregates_.retract(KeyId(found), batch, row);
      --row_count_->get_or_init(KeyId(found));
      continue;
    }
    bool inserted = false;
    KeyId key = state_.intern(keys_, row, inserted);
    aggregates_.fold(key, batch, row);
    if (row_count_) ++row_count_->get_or_init(key);
    if (!inserted) continue;
    if (processing_time_)
      timers_.register_processing_timer(key, ends.ints[row] - 1);
    else
      timers_.register_event_timer(key, ends.ints[row] - 1);
  }
  metrics_.keys = state_.key_count();
  metrics_.state_bytes = state_.memory_bytes() + timers_.memory_bytes();
  metrics_.timers = timers_.event_timer_count() + timers_.processing_timer_count();
}

void WindowAggregate::on_watermark(Timestamp watermark, Output& out) {
  if (!processing_time_) close_windows(watermark, out);
  emitted_watermark_ = watermark;
  out.watermark(watermark);
}

void WindowAggregate::on_processing_time(Timestamp now, Output& out) {
  if (processing_time_) close_windows(now, out);
}

void WindowAggregate::on_end(Output& out) {
  if (processing_time_) close_windows(kMaxTimestamp, out);
}

void WindowAggregate::close_windows(Timestamp time, Output& out) {
  out_ = Batch::with_schema(output_schema_);
  order_.clear();
  KeyId key;
  Timestamp at;
  while (processing_time_ ? timers_.pop_processing_timer(time, key, at)
                          : timers_.pop_event_timer(time, key, at)) {
    // A window whose rows were all retracted emits nothing.
    if (!row_count_ || row_count_->get_or_init(key) > 0) {
      order_.push_back({at, state_.sequence(key)});
      state_.append_key(key, out_);
      aggregates_.append_results(key, out_, key_count_);
      ++out_.rows;
    }
    state_.release(key);  // the window is closed: its state goes
  }
  metrics_.keys = state_.key_count();
  metrics_.timers = timers_.event_timer_count() + timers_.processing_timer_count();
  if (!out_.empty()) {
    sort_emitted(out_, order_);
    out_.arrival_watermark.assign(out_.rows, emitted_watermark_);
    metrics_.rows_out += out_.size();
    out.emit(out_);
  }
}

OperatorDescription WindowAggregate::describe() const {
  std::string keys, aggs;
  for (const auto& name : key_names_) keys += (keys.empty() ? "" : ", ") + name;
  for (const auto& spec : aggregates_.specs()) aggs += (aggs.empty() ? "" : ", ") + spec.text;
  OperatorDescription d{"WindowAggregate", {}};
  d.properties.emplace_back("key", keys);
  d.properties.emplace_back("time", processing_time_ ? "processing time" : "event time");
  d.properties.emplace_back("aggregates", aggs.empty() ? "(none)" : aggs);
  d.properties.emplace_back("emits", processing_time_
                                         ? "once per window when the processing clock passes "
                                           "window_end"
                                         : "once per window when the watermark passes window_end");
  if (row_count_) d.properties.emplace_back("input", "updating (retracts -U / -D rows)");
  d.properties.emplace_back("state", "accumulators per open window and key, freed on close");
  d.properties.emplace_back("timers", processing_time_
                                          ? "one processing-time timer per open window and key"
                                          : "one event-time timer per open window and key");
  return d;
}

}  // namespace eddy
