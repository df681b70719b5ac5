#include "operators/limit.h"

namespace eddy {

void Limit::on_batch(Batch& batch, int, Output& out) {
  metrics_.rows_in += batch.size();
  if (remaining_ <= 0) {
    out.finish();
    return;
  }
  if (static_cast<int64_t>(batch.size()) > remaining_) {
    selection_.clear();
    for (int64_t row = 0; row < remaining_; ++row) selection_.push_back(uint32_t(row));
    batch.select(selection_);
  }
  remaining_ -= static_cast<int64_t>(batch.size());
  metrics_.rows_out += batch.size();
  out.emit(batch);
  if (remaining_ <= 0) out.finish();
}

OperatorDescription Limit::describe() const {
  return {"Limit", {{"rows", std::to_string(limit_)}}};
}

}  // namespace eddy
