// Limit: forwards the first `limit` rows, then finishes (Output::finish): the driver stops the
// operators and sources feeding it and ends its downstream input, so only its own branch ends
// (the whole query when it is the root). Watermarks pass through unchanged until then.
#pragma once

#include <cstdint>

#include "runtime/operator.h"

namespace eddy {

class Limit final : public Operator {
 public:
  explicit Limit(int64_t limit) : limit_(limit), remaining_(limit) {
    checkpointed_.value("remaining", remaining_);
  }
  void on_batch(Batch& batch, int port, Output& out) override;
  OperatorDescription describe() const override;

 private:
  int64_t limit_;
  int64_t remaining_;
  std::vector<uint32_t> selection_;
};

}  // namespace eddy
