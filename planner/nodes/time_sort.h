// TimeSort: ORDER BY rowtime[, ...], rows in time order as the watermark passes them.
#pragma once

#include <vector>

#include "operators/sort_keys.h"
#include "planner/plan.h"

namespace eddy {

struct TimeSortNode final : PlanNode {
  std::vector<SortKey> sort_keys;

  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
