// SortLimit: ORDER BY ... [LIMIT n] of a bounded input, the sorted rows at its end.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "operators/sort_keys.h"
#include "planner/plan.h"

namespace eddy {

struct SortLimitNode final : PlanNode {
  std::vector<SortKey> sort_keys;
  std::optional<int64_t> limit;

  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
