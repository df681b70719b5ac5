#include "operators/watermark_assigner.h"

#include <algorithm>

#include "runtime/failure.h"

namespace eddy {

WatermarkAssigner::WatermarkAssigner(std::string stream, int rowtime, std::string rowtime_name,
                                     std::shared_ptr<const BoundExpr> watermark,
                                     std::string connector_description, int64_t idle_advance_ms)
    : stream_(std::move(stream)),
      rowtime_(rowtime),
      rowtime_name_(std::move(rowtime_name)),
      watermark_expr_(std::move(watermark)),
      connector_description_(std::move(connector_description)),
      idle_advance_ms_(idle_advance_ms) {
  checkpointed_.value("watermark", watermark_);
  checkpointed_.value("now", now_);
  checkpointed_.value("last_row_at", last_row_at_);
  checkpointed_.value("watermark_at_last_row", watermark_at_last_row_);
}

void WatermarkAssigner::on_batch(Batch& batch, int, Output& out) {
  metrics_.rows_in += batch.size();
  metrics_.rows_out += batch.size();
  if (rowtime_ < 0 || !watermark_expr_) {
    out.emit(batch);
    return;
  }
  const size_t n = batch.size();
  const bool from_source = source_row_watermarks_ && batch.arrival_watermark.size() == n;
  if (!from_source) watermark_expr_->eval(batch, candidates_);
  const Column& times = batch.columns[rowtime_];
  batch.arrival_watermark.resize(n);
  for (size_t row = 0; row < n; ++row) {
    if (times.is_null(row)) {
      // Rows before the bad one go out first, as they would with batch size 1.
      std::vector<uint32_t> before(row);
      for (uint32_t i = 0; i < row; ++i) before[i] = i;
      batch.select(before);
      metrics_.rows_out -= n - row;
      if (row > 0) out.emit(batch);
      Failure failure(
          Error{Error::Kind::Data,
                fmt::format("stream '{}': rowtime column '{}' is NULL", stream_, rowtime_name_)});
      failure.set_row(uint32_t(row));  // the driver names the file and line
      throw failure;
    }
    if (from_source) {
      batch.arrival_watermark[row] = std::max(watermark_, batch.arrival_watermark[row]);
      continue;
    }
    batch.arrival_watermark[row] = watermark_;
    if (!candidates_.is_null(row)) watermark_ = std::max(watermark_, candidates_.ints[row]);
  }
  out.emit(batch);
  out.watermark(watermark_);
  last_row_at_ = now_;
  watermark_at_last_row_ = watermark_;
}
void WatermarkAssigner::on_watermark(Timestamp watermark, Output& out) {
  if (watermark <= watermark_) return;
  watermark_ = watermark;
  out.watermark(watermark_);
}

void WatermarkAssigner::on_processing_time(Timestamp now, Output& out) {
  now_ = now;
  if (idle_advance_ms_ <= 0 || last_row_at_ == kMinTimestamp ||
      watermark_at_last_row_ == kMinTimestamp)
    return;
  const int64_t silent = now - last_row_at_ - idle_advance_ms_;
  if (silent <= 0) return;
  const Timestamp advanced = watermark_at_last_row_ + silent;
  if (advanced <= watermark_) return;
  watermark_ = advanced;
  out.watermark(watermark_);
}

OperatorDescription WatermarkAssigner::describe() const {
  OperatorDescription d{"Scan", {{"stream", stream_}, {"source", connector_description_}}};
  if (rowtime_ >= 0 && watermark_expr_) {
    d.properties.emplace_back("rowtime", rowtime_name_);
    d.properties.emplace_back("watermark", watermark_expr_->to_string());
    if (idle_advance_ms_ > 0)
      d.properties.emplace_back("idle", "advances after " + format_interval(idle_advance_ms_));
  }
  return d;
}

}  // namespace eddy
