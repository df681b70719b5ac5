// OneRow: a single row with no columns, the input of a SELECT without FROM.
#pragma once

#include "planner/plan.h"

namespace eddy {

struct OneRowNode final : PlanNode {
  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
