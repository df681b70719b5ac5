#include "operators/time_sort.h"

#include <algorithm>

#include "runtime/failure.h"
#include "state/keyed_state.h"

namespace eddy {

TimeSort::TimeSort(Schema schema, std::vector<SortKey> keys, LateRows late)
    : schema_(std::move(schema)),
      keys_(std::move(keys)),
      rowtime_(keys_.at(0).column),
      store_(Batch::with_schema(schema_)),
      late_(std::move(late)) {
  checkpointed_.rows("store", store_);
  checkpointed_.value("released_rows", released_rows_);
  checkpointed_.values("heap", heap_);
  checkpointed_.value("next_sequence", next_sequence_);
  checkpointed_.value("released", released_);
  checkpointed_.value("last_emitted", last_emitted_);
  late_.declare(checkpointed_);
}

void TimeSort::on_batch(Batch& batch, int, Output& out) {
  metrics_.rows_in += batch.size();
  const Column& times = batch.columns[rowtime_];
  for (size_t row = 0; row < batch.size(); ++row) {
    // What the watermark this row arrived under releases goes first, as with batch size 1.
    if (!batch.arrival_watermark.empty()) release(batch.arrival_watermark[row], out);
    const Timestamp ts = times.is_null(row) ? kMinTimestamp : times.ints[row];
    if (ts <= last_emitted_) {
      if (late_.fails()) out.watermark(released_);  // as with batch size 1, before failing
      late_.add(batch, row, ts, released_, [&] {
        return "rows up to " + format_timestamp(last_emitted_) + " were already sorted out";
      });
      continue;
    }
    store_.append_row(batch, row);
    heap_.push_back({ts, next_sequence_++, uint32_t(store_.size() - 1)});
    std::push_heap(heap_.begin(), heap_.end(), Pending::later);
  }
  late_.flush();
  metrics_.late_rows = late_.count();
  update_metrics();
}

void TimeSort::on_watermark(Timestamp watermark, Output& out) {
  release(watermark, out);
  out.watermark(watermark);
}

void TimeSort::release(Timestamp watermark, Output& out) {
  if (watermark <= released_) return;
  const Timestamp before = released_;
  released_ = watermark;
  ready_.clear();
  while (!heap_.empty() && heap_.front().ts <= watermark) {
    std::pop_heap(heap_.begin(), heap_.end(), Pending::later);
    ready_.push_back(heap_.back());
    heap_.pop_back();
  }
  if (ready_.empty()) return;
  // ready_ is in (rowtime, arrival) order; the other keys order rows of equal rowtime, ties
  // keeping their arrival order.
  if (keys_.size() > 1)
    std::stable_sort(ready_.begin(), ready_.end(), [&](const Pending& a, const Pending& b) {
      return compare_rows(store_, a.row, store_, b.row, keys_) < 0;
    });
  Batch rows = Batch::with_schema(schema_);
  for (const Pending& p : ready_) rows.append_row(store_, p.row);
  for (const Pending& p : ready_) last_emitted_ = std::max(last_emitted_, p.ts);
  // Downstream, the rows arrive under the watermark that was in force before this release.
  rows.arrival_watermark.assign(rows.size(), before);
  released_rows_ += ready_.size();
  if (released_rows_ >= 1024 && released_rows_ * 2 >= store_.size()) compact();
  update_metrics();
  metrics_.rows_out += rows.size();
  out.emit(rows);
}

void TimeSort::compact() {
  Batch live = Batch::with_schema(schema_);
  for (Pending& p : heap_) {
    live.append_row(store_, p.row);
    p.row = uint32_t(live.size() - 1);
  }
  store_ = std::move(live);
  released_rows_ = 0;
}

void TimeSort::update_metrics() {
  metrics_.state_bytes = heap_.size() * (sizeof(Pending) + schema_.size() * 8);
}

OperatorDescription TimeSort::describe() const {
  OperatorDescription d{"TimeSort", {}};
  d.properties.emplace_back("order", describe_sort_keys(keys_, schema_));
  d.properties.emplace_back("emits", "rows in rowtime order once the watermark passes them");
  d.properties.emplace_back("state", "rows not yet passed by the watermark");
  return d;
}

}  // namespace eddy
