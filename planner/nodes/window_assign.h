// WindowAssign: TUMBLE / HOP / CUMULATE, each row once per window it falls in, with
// window_start, window_end and window_time appended.
#pragma once

#include "operators/window_assign.h"
#include "planner/plan.h"

namespace eddy {

struct WindowAssignNode final : PlanNode {
  WindowSpec window;

  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
