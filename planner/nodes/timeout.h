// Timeout: GROUP BY ... TIMEOUT (keys, the timeout time, aggregates; append-only), and SESSION
// windows in session mode.
#pragma once

#include <cstdint>

#include "planner/nodes/aggregate.h"

namespace eddy {

struct TimeoutNode final : AggregatingNode {
  int64_t timeout_ms = 0;
  bool reset_state = false;  // RESET STATE
  bool session = false;      // emits session windows (gap = timeout + 1)
  int time_column = -1;      // event time: the input column of the rowtime

  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
