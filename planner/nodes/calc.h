// Calc: a filter then a projection, row by row.
#pragma once

#include <vector>

#include "planner/plan.h"

namespace eddy {

struct CalcNode final : PlanNode {
  ExprPtr filter;  // may be null
  std::vector<ExprPtr> projections;

  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
