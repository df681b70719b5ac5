// Union: UNION ALL of inputs with equal column types, merged in event-time order.
#pragma once

#include "planner/plan.h"

namespace eddy {

struct UnionNode final : PlanNode {
  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
