#include "operators/window_assign.h"

#include <numeric>

#include <fmt/format.h>

namespace eddy {

const char* window_kind_name(WindowKind kind) {
  switch (kind) {
    case WindowKind::Tumble:
      return "TUMBLE";
    case WindowKind::Hop:
      return "HOP";
    case WindowKind::Cumulate:
      return "CUMULATE";
  }
  return "?";
}

int64_t slice_size(const WindowSpec& spec) {
  // CUMULATE's windows end every step of a tumbling window whose size is a multiple of it.
  return spec.kind == WindowKind::Cumulate ? spec.slide : std::gcd(spec.size, spec.slide);
}

namespace {

// Floor division that rounds toward negative infinity (timestamps before 1970).
int64_t floor_to(int64_t value, int64_t unit, int64_t offset) {
  int64_t shifted = value - offset;
  int64_t q = shifted / unit;
  if (shifted % unit != 0 && shifted < 0) --q;
  return q * unit + offset;
}

}  // namespace

namespace {

// to[i] = from[rows[i]], reusing to's buffer.
template <class T>
void pick_into(const std::vector<T>& from, const std::vector<uint32_t>& rows, std::vector<T>& to) {
  to.resize(rows.size());
  T* out = to.data();
  for (size_t i = 0; i < rows.size(); ++i) out[i] = from[rows[i]];
}

}  // namespace

void WindowAssign::take_rows(const Batch& batch) {
  const size_t width = batch.columns.size() + 3;  // the input's columns, then the window's
  if (assigned_.columns.size() != width) {
    assigned_.columns.clear();
    for (const Column& c : batch.columns) assigned_.columns.emplace_back(c.type);
    for (int i = 0; i < 3; ++i) assigned_.columns.emplace_back(Type::timestamp());
  }
  assigned_.rows = taken_.size();
  for (size_t c = 0; c < batch.columns.size(); ++c) {
    const Column& from = batch.columns[c];
    Column& to = assigned_.columns[c];
    to.type = from.type;  // a receiver may have moved the column away, type and all
    switch (from.type.id) {
      case TypeId::Double:
        pick_into(from.doubles, taken_, to.doubles);
        break;
      case TypeId::String:
        pick_into(from.strings, taken_, to.strings);
        break;
      default:
        pick_into(from.ints, taken_, to.ints);
    }
    if (from.nulls.empty())
      to.nulls.clear();
    else
      pick_into(from.nulls, taken_, to.nulls);
    to.arenas = from.arenas;
  }
  for (size_t c = batch.columns.size(); c < width; ++c) {
    assigned_.columns[c].type = Type::timestamp();
    assigned_.columns[c].nulls.clear();
  }
  auto pick_or_clear = [&](const auto& from, auto& to) {
    if (from.empty())
      to.clear();
    else
      pick_into(from, taken_, to);
  };
  pick_or_clear(batch.kinds, assigned_.kinds);
  pick_or_clear(batch.arrival_watermark, assigned_.arrival_watermark);
  pick_or_clear(batch.sequence, assigned_.sequence);
}

void WindowAssign::on_batch(Batch& batch, int, Output& out) {
  metrics_.rows_in += batch.size();
  const Column& times = batch.columns[spec_.time_column];
  taken_.clear();
  starts_.clear();
  ends_.clear();
  // Windows that fired at or before the row's arrival watermark take no more rows.
  const bool drop_fired =
      spec_.aggregated && !spec_.processing_time && !batch.arrival_watermark.empty();
  size_t windows = 0;  // open windows the current row went to
  // Rows go out once per window: the row (taken below, its strings shared, not copied), then
  // its window columns.
  auto emit = [&](size_t row, int64_t start, int64_t end) {
    if (drop_fired && end - 1 <= batch.arrival_watermark[row]) return;
    ++windows;
    if (spec_.sliced) return;  // an open window would have taken the row in its slice above
    taken_.push_back(uint32_t(row));
    starts_.push_back(start);
    ends_.push_back(end);
  };
  // The rows assigned so far, as a batch with the window columns (in assigned_, whose column
  // buffers are reused from batch to batch unless the receiver moved them away).
  auto result = [&]() -> Batch& {
    take_rows(batch);
    const size_t n = taken_.size();
    const size_t first = batch.columns.size();
    assigned_.columns[first].ints.assign(starts_.begin(), starts_.end());
    assigned_.columns[first + 1].ints.assign(ends_.begin(), ends_.end());
    std::vector<int64_t>& rowtimes = assigned_.columns[first + 2].ints;
    rowtimes.resize(n);
    for (size_t i = 0; i < n; ++i) rowtimes[i] = ends_[i] - 1;
    return assigned_;
  };
  const int64_t slice = spec_.sliced ? slice_size(spec_) : 0;
  for (size_t row = 0; row < batch.size(); ++row) {
    if (times.is_null(row)) continue;  // a NULL time belongs to no window
    const int64_t ts = times.ints[row];
    windows = 0;
    if (spec_.sliced) {
      // The row's windows end in order; it has an open one when the last holding it is open
      // (and none when it falls between windows shorter than the slide).
      // (CUMULATE: the last is the tumbling window of `size` holding the row.)
      const int64_t last =
          floor_to(ts, spec_.kind == WindowKind::Cumulate ? spec_.size : spec_.slide, spec_.offset);
      if (ts < last + spec_.size &&
          !(drop_fired && last + spec_.size - 1 <= batch.arrival_watermark[row])) {
        const int64_t start = floor_to(ts, slice, spec_.offset);
        taken_.push_back(uint32_t(row));
        starts_.push_back(start);
        ends_.push_back(start + slice);
        continue;
      }
    }
    switch (spec_.kind) {
      case WindowKind::Tumble: {
        int64_t start = floor_to(ts, spec_.size, spec_.offset);
        emit(row, start, start + spec_.size);
        break;
      }
      case WindowKind::Hop: {
        int64_t last = floor_to(ts, spec_.slide, spec_.offset);
        int64_t first = last;
        while (first - spec_.slide > ts - spec_.size) first -= spec_.slide;
        // A window shorter than its slide leaves gaps: only windows holding ts take the row.
        for (int64_t start = first; start <= last; start += spec_.slide)
          if (ts < start + spec_.size) emit(row, start, start + spec_.size);
        break;
      }
      case WindowKind::Cumulate: {
        int64_t start = floor_to(ts, spec_.size, spec_.offset);
        for (int64_t end = start + spec_.slide; end <= start + spec_.size; end += spec_.slide)
          if (end > ts) emit(row, start, end);
        break;
      }
    }
    if (windows == 0 && drop_fired) {
      if (late_.fails()) {
        // What came before the failing row goes out first, with the watermark it arrived
        // under, so downstream windows fire as they would with batch size 1.
        if (!taken_.empty()) {
          Batch& before = result();
          metrics_.rows_out += before.size();
          out.emit(before);
          taken_.clear(), starts_.clear(), ends_.clear();
        }
        out.watermark(batch.arrival_watermark[row]);
      }
      // The last window holding the row ends at the end of its slice's last window.
      const int64_t unit = spec_.kind == WindowKind::Cumulate ? spec_.size : spec_.slide;
      const int64_t last_end = floor_to(ts, unit, spec_.offset) + spec_.size;
      late_.add(batch, row, ts, batch.arrival_watermark[row], [&] {
        return fmt::format("its last {} window, ending at {}, has already fired",
                           window_kind_name(spec_.kind), format_timestamp(last_end));
      });
    }
  }
  late_.flush();
  metrics_.late_rows = late_.count();
  if (taken_.empty()) return;
  Batch& assigned = result();
  metrics_.rows_out += assigned.size();
  out.emit(assigned);
}

OperatorDescription WindowAssign::describe() const {
  OperatorDescription d{
      "WindowAssign",
      {{"window", window_kind_name(spec_.kind)},
       {"time", spec_.time_name + (spec_.processing_time ? " (processing time)" : "")},
       {"size", format_interval(spec_.size)}}};
  if (spec_.kind == WindowKind::Hop)
    d.properties.emplace_back("slide", format_interval(spec_.slide));
  if (spec_.kind == WindowKind::Cumulate)
    d.properties.emplace_back("step", format_interval(spec_.slide));
  if (spec_.offset != 0) d.properties.emplace_back("offset", format_interval(spec_.offset));
  if (spec_.sliced)
    d.properties.emplace_back(
        "assigns", "each row once, to its slice of " + format_interval(slice_size(spec_)));
  if (spec_.aggregated && !spec_.processing_time)
    d.properties.emplace_back("late", late_.describe());
  return d;
}

}  // namespace eddy
