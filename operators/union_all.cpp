#include "operators/union_all.h"

#include <algorithm>

namespace eddy {

void UnionAll::on_batch(Batch& batch, int port, Output& out) {
  metrics_.rows_in += batch.size();
  if (!batch.arrival_watermark.empty()) {
    Timestamp others = kMaxTimestamp;
    for (size_t p = 0; p < input_watermarks_.size(); ++p)
      if (int(p) != port && !input_idle_[p]) others = std::min(others, input_watermarks_[p]);
    for (auto& w : batch.arrival_watermark) w = std::min(w, others);
  }
  metrics_.rows_out += batch.size();
  out.emit(batch);
}

void UnionAll::on_input_watermark(int port, Timestamp watermark) {
  input_watermarks_[port] = watermark;
}

OperatorDescription UnionAll::describe() const {
  return {"UnionAll", {{"inputs", std::to_string(input_watermarks_.size())}}};
}

}  // namespace eddy
