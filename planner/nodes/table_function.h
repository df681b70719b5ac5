// TableFunction: a table function registered with the engine (planner/functions.h) over one or
// two partitioned inputs; its operator comes from the function's definition.
#pragma once

#include <memory>
#include <vector>

#include "planner/functions.h"
#include "planner/plan.h"

namespace eddy {

struct TableFunctionNode final : PlanNode {
  std::shared_ptr<const TableFunctionDef> function;
  std::vector<std::vector<int>> partition_by;  // per input: its PARTITION BY columns
  std::vector<Value> arguments;                // the constants, converted to function->params

  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
