// Limit: the first `limit` rows, then its branch finishes. Over an updating input (`updating`):
// the first `limit` rows of the input's current table, as a changelog (UpdatingLimit).
#pragma once

#include <cstdint>

#include "planner/plan.h"

namespace eddy {

struct LimitNode final : PlanNode {
  int64_t limit = 0;

  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
