// Join: two inputs (left, right), an interval join or a regular join (bind_join.cpp).
#pragma once

#include "operators/interval_join.h"
#include "planner/plan.h"

namespace eddy {

struct JoinNode final : PlanNode {
  JoinConfig join;  // the physical build adds the inputs' schemas, the TTL and the clock

  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
