#include "operators/window_aggregate.h"

#include <algorithm>

#include <fmt/format.h>

#include "runtime/failure.h"

namespace eddy {

namespace {

// The key columns other than the window's (window_end, and window_start if given).
std::vector<int> non_window_columns(size_t key_count, int window_end, int window_start) {
  std::vector<int> columns;
  for (int c = 0; c < int(key_count); ++c)
    if (c != window_end && c != window_start) columns.push_back(c);
  return columns;
}

}  // namespace

WindowAggregate::WindowAggregate(size_t key_count, int window_end,
                                 std::vector<std::string> key_names,
                                 std::vector<AggregateSpec> aggregates, Schema input, Schema output,
                                 bool processing_time, bool retracting)
    : key_count_(key_count),
      window_end_(window_end),
      window_start_(output.window_start >= 0 && size_t(output.window_start) < key_count &&
                            output.window_start != window_end
                        ? output.window_start
                        : -1),
      group_columns_(non_window_columns(key_count, window_end, window_start_)),
      key_names_(std::move(key_names)),
      windows_(state_.declare<WindowSlots>("windows", per_window_)),
      keys_(group_columns_),
      aggregates_(std::move(aggregates), per_window_, "agg", retracting, /*compact_counts=*/true),
      output_schema_(std::move(output)),
      processing_time_(processing_time) {
  std::vector<Type> group_types;
  for (int c : group_columns_) group_types.push_back(input.fields[c].type);
  state_.set_key_types(group_types);
  if (retracting) row_count_ = &per_window_.declare<FixedState<int64_t>>("rows");
  output_position_ = group_columns_;
  output_position_.push_back(window_end_);
  if (window_start_ >= 0) output_position_.push_back(window_start_);
  for (size_t c = key_count_; c < output_schema_.size(); ++c) output_position_.push_back(int(c));
  for (int c : output_position_) staging_schema_.fields.push_back(output_schema_.fields[c]);
  checkpointed_.keyed(state_);  // no timers: windows fire by end (WindowSlots::pop_due)
  checkpointed_.value("emitted_watermark", emitted_watermark_);
  checkpointed_.value("fired_through", fired_through_);
  checkpointed_.counter("window_sequence", window_sequence_);
}

void WindowAggregate::slice(const WindowSpec& window) {
  cumulate_ = window.kind == WindowKind::Cumulate;
  size_ = window.size;
  slide_ = window.slide;
  offset_ = window.offset;
  slice_ = slice_size(window);
}

void WindowAggregate::fold_range(const Batch& batch, size_t begin, size_t end) {
  if (begin == end) return;
  aggregates_.fold_rows(std::span<const SlotId>(row_slots_).subspan(begin, end - begin), batch,
                        begin);
  if (row_count_)
    for (size_t row = begin; row < end; ++row) ++row_count_->get_or_init(row_slots_[row]);
}

void WindowAggregate::on_batch(Batch& batch, int, Output& out) {
  metrics_.rows_in += batch.size();
  keys_.hash(batch);
  keys_.find_runs();
  previous_key_ = -1;
  // Event time: a row that arrived under watermark W comes after the windows due by W, as with
  // one row per batch (where the watermark before it fires them). So before a row whose W is
  // ahead of what has fired, the rows before it fold and the windows due by W fire, under the
  // watermark the row before it arrived at; a sliced window then takes no more rows, and a
  // retraction for a closed window is ignored. Firing only on the watermark after the batch
  // would stamp every window with the watermark before the batch, and a join downstream would
  // expire its rows after them instead of before (DESIGN.md §2: output independent of the
  // batch size).
  const Timestamp* arrivals = processing_time_ || batch.arrival_watermark.empty()
                                  ? nullptr
                                  : batch.arrival_watermark.data();
  // Append-only rows fold in runs: `folded` rows are in, the rest have their slots.
  size_t folded = 0;
  const auto fire_before = [&](size_t row) {
    if (!arrivals || arrivals[row] <= fired_through_) return;
    if (next_event_time() <= arrivals[row]) {
      fold_range(batch, folded, row);
      folded = row;
      close_windows(arrivals[row], out, row > 0 ? arrivals[row - 1] : fired_through_);
      previous_key_ = -1;  // the key may have been released
    }
    fired_through_ = arrivals[row];
  };
  if (batch.kinds.empty()) {
    // Append-only: every row's window slot, then the rows folded one aggregate at a time (in
    // runs between the rows that fire windows).
    row_slots_.resize(batch.size());
    for (size_t row = 0; row < batch.size(); ++row) {
      fire_before(row);
      row_slots_[row] = slot_for(batch, row);
    }
    fold_range(batch, folded, batch.size());
  } else {
    // Updating: rows apply in order (a retraction must follow the row it takes back).
    for (size_t row = 0; row < batch.size(); ++row) {
      folded = row;  // the rows before are in
      fire_before(row);
      const RowKind kind = batch.kind(row);
      if (kind != RowKind::UpdateBefore && kind != RowKind::Delete) {
        const SlotId slot = slot_for(batch, row);
        aggregates_.fold(slot, batch, row);
        if (row_count_) ++row_count_->get_or_init(slot);
        continue;
      }
      if (!row_count_)
        fail(Error::Kind::Runtime, "WindowAggregate: an update row on an append-only input");
      const int64_t found = state_.keys().find(keys_, row);
      if (found < 0) continue;  // nothing to take back
      const SlotId slot = windows_.find(KeyId(found), window_of(batch, row));
      if (slot == WindowSlots::kNoSlot) continue;
      windows_.touch(KeyId(found));
      aggregates_.retract(slot, batch, row);
      --row_count_->get_or_init(slot);
    }
  }
  window_sequence_ += batch.size();
  update_metrics();
}

WindowNamespace WindowAggregate::window_of(const Batch& batch, size_t row) const {
  return {batch.columns[window_end_].ints[row],
          window_start_ >= 0 ? batch.columns[window_start_].ints[row] : 0};
}

WindowAggregate::SlotId WindowAggregate::slot_for(const Batch& batch, size_t row) {
  const WindowNamespace window = window_of(batch, row);
  // A run of rows of one key (a HOP assignment's copies of a row) interns the key once.
  KeyId key;
  bool inserted = false;
  if (previous_key_ >= 0 && previous_row_ + 1 == row && keys_.same_as_previous(row)) {
    key = KeyId(previous_key_);
  } else {
    key = state_.intern(keys_, row, inserted);
  }
  previous_key_ = key, previous_row_ = row;
  SlotId slot = inserted ? WindowSlots::kNoSlot : windows_.find(key, window);
  if (slot != WindowSlots::kNoSlot) {
    windows_.touch(key);
    return slot;
  }
  slot = windows_.add(key, window);
  per_window_.set_sequence(slot,
                           batch.positions.empty() ? window_sequence_ + row : batch.positions[row]);
  return slot;
}

void WindowAggregate::update_metrics() {
  metrics_.keys = state_.key_count();
  metrics_.state_bytes = state_.memory_bytes();
  metrics_.timers = windows_.pending_ends();
}

void WindowAggregate::on_watermark(Timestamp watermark, Output& out) {
  // Under the watermark the last row arrived at (or the last one emitted), as with one row per
  // batch.
  if (!processing_time_) {
    close_windows(watermark, out, fired_through_);
    fired_through_ = std::max(fired_through_, watermark);
  }
  emitted_watermark_ = watermark;
  out.watermark(watermark);
}

void WindowAggregate::on_arrival_watermark(Timestamp watermark, Output& out) {
  // The windows a row arriving at `watermark` would fire before it fire now (a keyed exchange's
  // instance whose rows of the batch ended earlier); the batch's last row arrived at it.
  if (processing_time_ || watermark <= fired_through_) return;
  if (next_event_time() <= watermark) close_windows(watermark, out, fired_through_);
  fired_through_ = watermark;
}

void WindowAggregate::on_processing_time(Timestamp now, Output& out) {
  if (processing_time_) close_windows(now, out, emitted_watermark_);
}

void WindowAggregate::on_end(Output& out) {
  if (processing_time_) close_windows(kMaxTimestamp, out, emitted_watermark_);
}

void WindowAggregate::close_windows(Timestamp time, Output& out, Timestamp arrival) {
  out_ = Batch::with_schema(staging_schema_);
  order_.clear();
  if (slice_ > 0)
    fire_slices(time);
  else
    fire_windows(time);
  update_metrics();
  if (out_.empty()) return;
  sort_emitted(out_, order_);  // already in order: a check
  std::vector<Column> columns(out_.columns.size());
  for (size_t i = 0; i < columns.size(); ++i)
    columns[output_position_[i]] = std::move(out_.columns[i]);
  out_.columns = std::move(columns);
  out_.arrival_watermark.assign(out_.rows, arrival);
  metrics_.rows_out += out_.size();
  out.emit_fired(out_, order_);
}

namespace {

// The smallest value >= x that is `phase` modulo `unit`.
int64_t ceil_to(int64_t x, int64_t unit, int64_t phase) {
  int64_t shifted = x - phase;
  int64_t q = shifted / unit;
  if (shifted % unit != 0 && shifted > 0) ++q;
  return q * unit + phase;
}

}  // namespace

int64_t WindowAggregate::window_start_of(int64_t end) const {
  if (!cumulate_) return end - size_;
  // The tumbling window of `size` holding end - 1.
  const int64_t shifted = end - 1 - offset_;
  int64_t q = shifted / size_;
  if (shifted % size_ != 0 && shifted < 0) --q;
  return q * size_ + offset_;
}

bool WindowAggregate::next_window_end(int64_t& end) const {
  int64_t first_slice_end;
  if (!windows_.first_end(first_slice_end)) return false;
  // Window ends are offset + size modulo the slide (CUMULATE: offset modulo the step). The
  // first window holding the earliest slice, unless it has fired already.
  const int64_t phase = (cumulate_ ? offset_ : offset_ + size_) % slide_;
  end = ceil_to(first_slice_end, slide_, phase);
  if (fired_through_ > kMaxTimestamp - 2 * slide_) return false;  // past the end of input
  if (fired_through_ != kMinTimestamp)
    end = std::max(end, ceil_to(fired_through_ + 2, slide_, phase));
  return true;
}

Timestamp WindowAggregate::next_event_time() const {
  if (processing_time_) return kMaxTimestamp;  // its windows close by the processing clock
  int64_t end;
  if (slice_ > 0) return next_window_end(end) ? end - 1 : kMaxTimestamp;
  return windows_.first_end(end) ? end - 1 : kMaxTimestamp;  // (an end may be stale: early)
}

void WindowAggregate::fire_slices(Timestamp time) {
  const size_t group_count = group_columns_.size();
  int64_t end;
  while (next_window_end(end) && end - 1 <= time) {
    // The window [end - size, end) is its slices ending in (end - size, end], per key; keys
    // in the order their first row in the window came (the smallest sequence of their slices).
    const int64_t start = window_start_of(end);
    windows_.slots_ending_in(start, end, due_);
    groups_.clear();
    merged_.clear();
    ++fire_count_;
    for (SlotId slot : due_) {
      const KeyId key = windows_.owner(slot);
      if (key >= key_marks_.size()) key_marks_.resize(size_t(key) + 1, 0);
      if (key_marks_[key] == fire_count_) continue;  // the key's group is there
      key_marks_[key] = fire_count_;
      Group group{UINT64_MAX, uint32_t(merged_.size()), 0, key};
      for (SlotId s = windows_.first(key); s != WindowSlots::kNoSlot; s = windows_.next(s)) {
        const int64_t slice_end = windows_.window(s).end;
        if (slice_end <= start || slice_end > end) continue;
        merged_.push_back(s);
        ++group.count;
        group.sequence = std::min(group.sequence, per_window_.sequence(s));
      }
      groups_.push_back(group);
    }
    std::sort(groups_.begin(), groups_.end(),
              [](const Group& a, const Group& b) { return a.sequence < b.sequence; });
    for (const Group& group : groups_) {
      const KeyId key = group.key;
      order_.push_back({end - 1, group.sequence});
      state_.append_key(key, out_);
      out_.columns[group_count].append_int(end);
      if (window_start_ >= 0) out_.columns[group_count + 1].append_int(start);
      aggregates_.append_merged(std::span<const SlotId>(merged_).subspan(group.first, group.count),
                                out_, key_count_);
      ++out_.rows;
    }
    fired_through_ = std::max(fired_through_, end - 1);
    // Slices no later window holds (the next ends at end + slide) go.
    windows_.pop_ending_by(window_start_of(end + slide_), freed_);
    for (SlotId slot : freed_) {
      const KeyId key = windows_.owner(slot);
      windows_.remove(key, slot);
      if (windows_.empty(key)) state_.release(key);
    }
  }
  fired_through_ = std::max(fired_through_, time);
}

void WindowAggregate::fire_windows(Timestamp time) {
  const size_t group_count = group_columns_.size();
  int64_t end;
  // Window ends in order; each end's windows in the order their (window, key) was first seen.
  while (windows_.pop_due(time, due_, end)) {
    // Listed as first seen, so mostly in order already (not after a restore).
    const auto by_sequence = [&](SlotId a, SlotId b) {
      return per_window_.sequence(a) < per_window_.sequence(b);
    };
    if (!std::is_sorted(due_.begin(), due_.end(), by_sequence))
      std::sort(due_.begin(), due_.end(), by_sequence);
    for (SlotId slot : due_) {
      const KeyId key = windows_.owner(slot);
      // A window whose rows were all retracted emits nothing.
      if (!row_count_ || row_count_->get(slot) > 0) {
        const WindowNamespace& window = windows_.window(slot);
        order_.push_back({end - 1, per_window_.sequence(slot)});
        state_.append_key(key, out_);
        out_.columns[group_count].append_int(window.end);
        if (window_start_ >= 0) out_.columns[group_count + 1].append_int(window.start);
        aggregates_.append_results(slot, out_, key_count_);
        ++out_.rows;
      }
      windows_.remove(key, slot);  // the window is closed: its state goes
      if (windows_.empty(key)) state_.release(key);
    }
  }
}

OperatorDescription WindowAggregate::describe() const {
  std::string keys, groups, aggs;
  for (const auto& name : key_names_) keys += (keys.empty() ? "" : ", ") + name;
  for (int c : group_columns_) groups += (groups.empty() ? "" : ", ") + key_names_[c];
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
  if (slice_ > 0)
    d.properties.emplace_back(
        "slices", fmt::format("{}{} of {} per window: a row folds into its slice, a window "
                              "merges its slices when it fires",
                              cumulate_ ? "up to " : "", size_ / slice_, format_interval(slice_)));
  const std::string kept = slice_ > 0 ? "the open slices with their accumulators, freed when "
                                        "the last window holding them closes"
                                      : "the open windows with their accumulators, freed on close";
  d.properties.emplace_back("state",
                            groups.empty() ? kept : "per " + groups + ": its " + kept.substr(4));
  d.properties.emplace_back("timers", processing_time_
                                          ? "one processing-time timer per window end, listing "
                                            "the windows it closes"
                                          : "one event-time timer per window end, listing the "
                                            "windows it closes");
  return d;
}

}  // namespace eddy
