// WindowAggregate: GROUP BY window_start, window_end, ... over a window table function: one
// row per key and window, once the window closes.
#pragma once

#include "planner/nodes/aggregate.h"

namespace eddy {

struct WindowAggregateNode final : AggregatingNode {
  int window_end_key = -1;  // the key column holding window_end

  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
