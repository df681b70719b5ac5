// Distinct: SELECT DISTINCT, each distinct row once (+I, and -D on an updating input).
#pragma once

#include "planner/plan.h"

namespace eddy {

struct DistinctNode final : PlanNode {
  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
