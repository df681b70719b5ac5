#include "operators/time_sort.h"

#include <algorithm>

#include "runtime/failure.h"
#include "runtime/keyed_state.h"

namespace eddy {

TimeSort::TimeSort(Schema schema, std::vector<SortKey> keys)
    : schema_(std::move(schema)),
      keys_(std::move(keys)),
      rowtime_(keys_.at(0).column),
      buffer_(Batch::with_schema(schema_)) {}

void TimeSort::on_batch(Batch& batch, int, Output& out) {
  metrics_.rows_in += batch.size();
  const Column& times = batch.columns[rowtime_];
  for (size_t row = 0; row < batch.size(); ++row) {
    if (!batch.arrival_watermark.empty()) release(batch.arrival_watermark[row], out);
    const Timestamp ts = times.is_null(row) ? kMinTimestamp : times.ints[row];
    if (ts <= released_) {
      ++metrics_.late_rows;
      continue;
    }
    buffer_.append_row(batch, row);
    earliest_ = std::min(earliest_, ts);
  }
  metrics_.state_bytes = buffer_.size() * schema_.size() * 8;
}

void TimeSort::on_watermark(Timestamp watermark, Output& out) {
  release(watermark, out);
  out.watermark(watermark);
}

void TimeSort::release(Timestamp watermark, Output& out) {
  if (watermark <= released_) return;
  const Timestamp before = released_;
  released_ = watermark;
  if (earliest_ > watermark) return;
  const Column& times = buffer_.columns[rowtime_];
  ready_.clear();
  keep_.clear();
  earliest_ = kMaxTimestamp;
  for (uint32_t row = 0; row < buffer_.size(); ++row) {
    if (times.ints[row] <= watermark) {
      ready_.push_back(row);
    } else {
      keep_.push_back(row);
      earliest_ = std::min(earliest_, times.ints[row]);
    }
  }
  // Stable: equal keys keep their arrival order.
  std::stable_sort(ready_.begin(), ready_.end(), [&](uint32_t a, uint32_t b) {
    return compare_rows(buffer_, a, buffer_, b, keys_) < 0;
  });
  Batch rows = Batch::with_schema(schema_);
  for (uint32_t row : ready_) rows.append_row(buffer_, row);
  // Downstream, the rows arrive under the watermark that was in force before this release.
  rows.arrival_watermark.assign(rows.size(), before);
  Batch rest = Batch::with_schema(schema_);
  for (uint32_t row : keep_) rest.append_row(buffer_, row);
  buffer_ = std::move(rest);
  metrics_.state_bytes = buffer_.size() * schema_.size() * 8;
  metrics_.rows_out += rows.size();
  out.emit(rows);
}

std::string TimeSort::snapshot() const {
  std::string out;
  bytes::put<int64_t>(out, released_);
  std::vector<int> all(schema_.size());
  for (size_t c = 0; c < all.size(); ++c) all[c] = int(c);
  bytes::put<uint64_t>(out, buffer_.size());
  for (size_t row = 0; row < buffer_.size(); ++row) encode_row(buffer_, all, row, out);
  return out;
}

void TimeSort::restore(const std::string& blob) {
  std::string_view in = blob;
  int64_t released = 0;
  uint64_t rows = 0;
  buffer_ = Batch::with_schema(schema_);
  earliest_ = kMaxTimestamp;
  bool ok = bytes::get(in, released) && bytes::get(in, rows);
  for (uint64_t row = 0; ok && row < rows; ++row) ok = decode_row(in, buffer_);
  if (!ok) fail(Error::Kind::Runtime, "TimeSort: damaged state snapshot");
  released_ = released;
  for (size_t row = 0; row < buffer_.size(); ++row)
    earliest_ = std::min(earliest_, buffer_.columns[rowtime_].ints[row]);
}

OperatorDescription TimeSort::describe() const {
  OperatorDescription d{"TimeSort", {}};
  d.properties.emplace_back("order", describe_sort_keys(keys_, schema_));
  d.properties.emplace_back("emits", "rows in rowtime order once the watermark passes them");
  d.properties.emplace_back("state", "rows not yet passed by the watermark");
  return d;
}

}  // namespace eddy
