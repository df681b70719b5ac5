#include "planner/nodes/calc.h"

#include "operators/calc.h"
#include "planner/physical_builder.h"

namespace eddy {

Result<int> CalcNode::build(PhysicalBuilder& builder) {
  std::vector<std::string> names;
  for (const auto& field : schema.fields) names.push_back(field.name);
  return builder.add_after(
      *inputs[0], std::make_unique<Calc>(std::move(filter), std::move(projections), names));
}

}  // namespace eddy
