#include "runtime/late_rows.h"

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

LateRows::LateRows(LateRowsConfig config) : config_(std::move(config)) {
  if (config_.sink) routed_ = Batch::with_schema(config_.sink_schema);
}

void LateRows::add(const Batch& batch, size_t row) {
  ++count_;
  if (config_.policy != LatePolicy::Route || !config_.sink) return;  // no sink: EXPLAIN only
  for (size_t c = 0; c < config_.columns.size(); ++c)
    routed_.columns[c].append_from(batch.columns[config_.columns[c]], row);
  ++routed_.rows;
}

void LateRows::fail(size_t row, Timestamp ts, Timestamp watermark, const std::string& why) const {
  Error error{Error::Kind::Runtime,
              fmt::format("stream '{}': late row at {}: {} (watermark {}; 'late.policy' = 'error')",
                          config_.stream, format_timestamp(ts), why, format_timestamp(watermark))};
  Failure failure(std::move(error));
  failure.set_row(uint32_t(row));  // the driver names the source row when it can
  throw failure;
}

void LateRows::flush() {
  if (routed_.empty()) return;
  config_.sink->write(routed_);
  routed_ = Batch::with_schema(config_.sink_schema);
}

void LateRows::finish() {
  flush();
  if (config_.sink) config_.sink->flush();
}

std::string LateRows::describe() const {
  if (config_.policy == LatePolicy::Route) return "route to " + config_.sink_name;
  return late_policy_name(config_.policy);
}

}  // namespace eddy
