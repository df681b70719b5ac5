// Aggregate: an unbounded GROUP BY (keys, then aggregates), an updating changelog. Its base,
// AggregatingNode, holds what the three aggregating nodes share (Timeout and WindowAggregate
// are the others).
#pragma once

#include <cstddef>
#include <vector>

#include "planner/plan.h"
#include "state/aggregate.h"

namespace eddy {

struct AggregatingNode : PlanNode {
  size_t key_count = 0;  // the keys are the input's first key_count columns
  std::vector<AggregateSpec> aggregates;
  bool processing_time = false;  // Timeout: ON PROCESSING TIME; WindowAggregate: PROCTIME windows
};

struct AggregateNode final : AggregatingNode {
  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
