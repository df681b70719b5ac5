// SessionWindow: TABLE(SESSION(...)), the input's rows with window_start, window_end and
// window_time to come. Only a GROUP BY window_start, window_end above it can run it: the
// aggregate (a Timeout in session mode) produces the window columns.
#pragma once

#include <cstdint>
#include <vector>

#include "planner/plan.h"

namespace eddy {

struct SessionWindowNode final : PlanNode {
  int64_t gap_ms = 0;
  int time_column = -1;  // the input's time attribute
  bool processing_time = false;
  std::vector<int> partition_by;  // PARTITION BY columns of the input

  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
