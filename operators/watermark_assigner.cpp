#include "operators/watermark_assigner.h"

#include <algorithm>

#include "runtime/failure.h"

namespace eddy {

const char* late_policy_name(LatePolicy policy) {
  switch (policy) {
    case LatePolicy::Drop:
      return "drop";
    case LatePolicy::Error:
      return "error";
    case LatePolicy::Route:
      return "route";
  }
  return "?";
}

WatermarkAssigner::WatermarkAssigner(std::string stream, int rowtime, std::string rowtime_name,
                                     std::shared_ptr<const BoundExpr> watermark, LatePolicy policy,
                                     std::string connector_description, int64_t idle_advance_ms,
                                     std::unique_ptr<Sink> late_sink, std::string late_sink_name)
    : stream_(std::move(stream)),
      rowtime_(rowtime),
      rowtime_name_(std::move(rowtime_name)),
      watermark_expr_(std::move(watermark)),
      policy_(policy),
      connector_description_(std::move(connector_description)),
      idle_advance_ms_(idle_advance_ms),
      late_sink_(std::move(late_sink)),
      late_sink_name_(std::move(late_sink_name)) {}

void WatermarkAssigner::on_batch(Batch& batch, int, Output& out) {
  metrics_.rows_in += batch.size();
  if (rowtime_ < 0 || !watermark_expr_) {
    metrics_.rows_out += batch.size();
    out.emit(batch);
    return;
  }
  watermark_expr_->eval(batch, candidates_);
  const Column& times = batch.columns[rowtime_];
  const size_t n = batch.size();
  batch.arrival_watermark.resize(n);
  selection_.clear();
  late_.clear();
  for (size_t row = 0; row < n; ++row) {
    if (times.is_null(row))
      fail(Error::Kind::Data, "stream '{}': rowtime column '{}' is NULL", stream_, rowtime_name_);
    Timestamp ts = times.ints[row];
    batch.arrival_watermark[row] = watermark_;
    if (ts <= watermark_) {
      if (policy_ == LatePolicy::Error) {
        // Rows before the late one go out first, as they would with batch size 1.
        batch.select(selection_);
        if (!batch.empty()) out.emit(batch);
        fail(Error::Kind::Runtime,
             "stream '{}': late row at {} (watermark {}; 'late.policy' = 'error')", stream_,
             format_timestamp(ts), format_timestamp(watermark_));
      }
      ++metrics_.late_rows;
      late_.push_back(static_cast<uint32_t>(row));
      continue;
    }
    selection_.push_back(static_cast<uint32_t>(row));
    if (!candidates_.is_null(row)) watermark_ = std::max(watermark_, candidates_.ints[row]);
  }
  if (late_sink_ && !late_.empty()) {
    // Late rows go to the 'late.sink' stream, in arrival order, before this batch moves on.
    Batch late;
    for (uint32_t row : late_) late.append_row(batch, row);
    late.arrival_watermark.clear();
    late_sink_->write(late);
  }
  if (selection_.size() != n) batch.select(selection_);
  metrics_.rows_out += batch.size();
  out.emit(batch);
  out.watermark(watermark_);
  last_row_at_ = now_;
  watermark_at_last_row_ = watermark_;
}

void WatermarkAssigner::on_end(Output&) {
  if (late_sink_) late_sink_->flush();
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
    d.properties.emplace_back("late", late_sink_ || policy_ == LatePolicy::Route
                                          ? "route to " + late_sink_name_
                                          : late_policy_name(policy_));
  }
  return d;
}

}  // namespace eddy
