#include "operators/group_aggregate.h"

#include <fmt/format.h>

#include "runtime/failure.h"

namespace eddy {

GroupAggregate::GroupAggregate(size_t key_count, std::vector<std::string> key_names,
                               std::vector<AggregateSpec> aggregates, Schema output, Ttl ttl,
                               bool retracting)
    : key_count_(key_count),
      key_names_(std::move(key_names)),
      keys_(BatchKeys::first(key_count)),
      aggregates_(std::move(aggregates), state_, "agg", retracting),
      output_schema_(std::move(output)),
      ttl_(ttl),
      touched_(state_.declare<FixedState<Timestamp>>("touched")),
      retracting_(retracting) {
  state_.set_key_types(leading_types(output_schema_, key_count_));
  if (retracting_) row_count_ = &state_.declare<FixedState<int64_t>>("rows");
  checkpointed_.keyed(state_, &timers_);
  checkpointed_.value("watermark", watermark_);
}

// Records an access and moves the key's expiry timer.
void GroupAggregate::touch(KeyId key) {
  if (ttl_.ms <= 0) return;
  const Timestamp now = ttl_.event_time ? watermark_ : ttl_.clock->now();
  if (now == kMinTimestamp) return;  // no event time yet: nothing to measure from
  if (touched_.has(key)) {
    const Timestamp old = touched_.get(key) + ttl_.ms;
    if (ttl_.event_time)
      timers_.delete_event_timer(key, old);
    else
      timers_.delete_processing_timer(key, old);
  }
  touched_.set(key, now);
  if (ttl_.event_time)
    timers_.register_event_timer(key, now + ttl_.ms);
  else
    timers_.register_processing_timer(key, now + ttl_.ms);
}

void GroupAggregate::expire(KeyId key, Timestamp at) {
  if (touched_.has(key) && touched_.get(key) + ttl_.ms == at) state_.release(key);
}

void GroupAggregate::advance_event_time(Timestamp watermark) {
  if (watermark <= watermark_) return;
  watermark_ = watermark;
  KeyId key;
  Timestamp at;
  while (timers_.pop_event_timer(watermark, key, at)) expire(key, at);
}

void GroupAggregate::on_watermark(Timestamp watermark, Output& out) {
  if (ttl_.ms > 0 && ttl_.event_time) {
    advance_event_time(watermark);
    update_metrics();
  }
  out.watermark(watermark);
}

void GroupAggregate::on_arrival_watermark(Timestamp watermark, Output&) {
  if (ttl_.ms > 0 && ttl_.event_time) advance_event_time(watermark);
}

void GroupAggregate::on_processing_time(Timestamp now, Output&) {
  if (ttl_.ms <= 0 || ttl_.event_time) return;
  KeyId key;
  Timestamp at;
  while (timers_.pop_processing_timer(now, key, at)) expire(key, at);
  update_metrics();
}

void GroupAggregate::update_metrics() {
  metrics_.keys = state_.key_count();
  metrics_.state_bytes = state_.memory_bytes() + timers_.memory_bytes();
  metrics_.timers = timers_.event_timer_count() + timers_.processing_timer_count();
}

void GroupAggregate::append_row(const Batch& input, size_t row, KeyId key, RowKind kind) {
  for (size_t c = 0; c < key_count_; ++c) out_.columns[c].append_from(input.columns[c], row);
  aggregates_.append_results(key, out_, key_count_);
  out_.kinds.push_back(kind);
  ++out_.rows;
  if (track_origins_) origins_.push_back(uint32_t(row));
}

void GroupAggregate::on_batch(Batch& batch, int, Output& out) {
  metrics_.rows_in += batch.size();
  out_ = Batch::with_schema(output_schema_);
  track_origins_ = out.wants_origins();
  origins_.clear();
  try {
    process(batch);
  } catch (Failure& failure) {
    // The changes of the rows before the failing one go out first, as with batch size 1 —
    // without the failing row's tentative -U.
    if (!out_.kinds.empty() && out_.kinds.back() == RowKind::UpdateBefore) truncate(out_.rows - 1);
    if (!out_.empty()) out.emit_caused(out_, origins_);
    failure.set_operator_row(uint32_t(processing_row_));
    throw;
  }
  metrics_.rows_out += out_.size();
  update_metrics();
  if (!out_.empty()) out.emit_caused(out_, origins_);
}

void GroupAggregate::on_end(Output& out) {
  if (key_count_ > 0 || state_.key_count() > 0) return;
  out_ = Batch::with_schema(output_schema_);
  const auto& specs = aggregates_.specs();
  for (size_t a = 0; a < specs.size() && a < out_.columns.size(); ++a) {
    const AggKind kind = specs[a].kind;
    if (kind == AggKind::CountStar || kind == AggKind::Count || kind == AggKind::CountDistinct)
      out_.columns[a].append_int(0);
    else
      out_.columns[a].append_null();
  }
  out_.kinds.push_back(RowKind::Insert);
  ++out_.rows;
  metrics_.rows_out += 1;
  out.emit(out_);
}

void GroupAggregate::truncate(size_t rows) {
  for (auto& column : out_.columns) column.resize(rows);
  out_.kinds.resize(rows);
  out_.rows = rows;
  if (origins_.size() > rows) origins_.resize(rows);
}

void GroupAggregate::process(const Batch& batch) {
  keys_.hash(batch);
  for (size_t row = 0; row < batch.size(); ++row) {
    processing_row_ = row;
    const RowKind kind = batch.kind(row);
    if (kind != RowKind::Insert && !retracting_)
      fail(Error::Kind::Runtime, "GroupAggregate: an update row on an append-only input");
    if (ttl_.ms > 0 && ttl_.event_time && !batch.arrival_watermark.empty()) {
      // Expire keys by the watermark this row arrived under, exactly as with batch size 1.
      advance_event_time(batch.arrival_watermark[row]);
    }
    if (kind == RowKind::UpdateBefore || kind == RowKind::Delete) {
      retract(batch, row);
      continue;
    }
    bool inserted = false;
    KeyId key = state_.intern(keys_, row, inserted);
    touch(key);
    if (row_count_) ++row_count_->get_or_init(key);
    if (inserted) {
      aggregates_.fold(key, batch, row);
      append_row(batch, row, key, RowKind::Insert);
      continue;
    }
    // Emit the old row tentatively; drop it again if the result did not change.
    size_t before = out_.rows;
    append_row(batch, row, key, RowKind::UpdateBefore);
    if (!aggregates_.fold(key, batch, row)) {
      truncate(before);
      continue;
    }
    append_row(batch, row, key, RowKind::UpdateAfter);
  }
}

void GroupAggregate::retract(const Batch& batch, size_t row) {
  const int64_t found = state_.keys().find(keys_, row);
  if (found < 0) return;  // nothing to take back (never seen, or forgotten by the TTL)
  const KeyId key = KeyId(found);
  if (--row_count_->get_or_init(key) <= 0) {
    // The group's last row is gone: its result row goes too.
    append_row(batch, row, key, RowKind::Delete);
    if (ttl_.ms > 0 && touched_.has(key)) {
      const Timestamp at = touched_.get(key) + ttl_.ms;
      if (ttl_.event_time)
        timers_.delete_event_timer(key, at);
      else
        timers_.delete_processing_timer(key, at);
    }
    state_.release(key);
    return;
  }
  touch(key);
  const size_t before = out_.rows;
  append_row(batch, row, key, RowKind::UpdateBefore);
  aggregates_.retract(key, batch, row);
  append_row(batch, row, key, RowKind::UpdateAfter);
  if (same_rows(before, before + 1)) truncate(before);
}

bool GroupAggregate::same_rows(size_t a, size_t b) const {
  for (const Column& c : out_.columns) {
    if (c.is_null(a) != c.is_null(b)) return false;
    if (c.is_null(a)) continue;
    switch (c.type.id) {
      case TypeId::Double:
        if (c.doubles[a] != c.doubles[b]) return false;
        break;
      case TypeId::String:
        if (c.strings[a] != c.strings[b]) return false;
        break;
      default:
        if (c.ints[a] != c.ints[b]) return false;
        break;
    }
  }
  return true;
}

OperatorDescription GroupAggregate::describe() const {
  std::string keys, aggs;
  for (const auto& name : key_names_) keys += (keys.empty() ? "" : ", ") + name;
  for (const auto& spec : aggregates_.specs()) aggs += (aggs.empty() ? "" : ", ") + spec.text;
  OperatorDescription d{"GroupAggregate", {}};
  d.properties.emplace_back("key", keys.empty() ? "(global)" : keys);
  d.properties.emplace_back("aggregates", aggs.empty() ? "(none)" : aggs);
  d.properties.emplace_back("emits", retracting_ ? "updating changelog (+I, -U, +U, -D)"
                                                 : "updating changelog (+I, -U, +U)");
  if (retracting_) d.properties.emplace_back("input", "updating (retracts -U / -D rows)");
  d.properties.emplace_back(
      "state", ttl_.ms <= 0 ? "accumulators per key, kept forever"
                            : fmt::format("accumulators per key, forgotten after {} idle ({})",
                                          format_interval(ttl_.ms),
                                          ttl_.event_time ? "event time" : "processing time"));
  if (ttl_.ms > 0)
    d.properties.emplace_back("timers", ttl_.event_time ? "one event-time timer per key"
                                                        : "one processing-time timer per key");
  return d;
}

}  // namespace eddy
