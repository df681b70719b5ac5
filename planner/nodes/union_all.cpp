#include "planner/nodes/union_all.h"

#include "operators/union_all.h"
#include "planner/physical_builder.h"

namespace eddy {

Result<int> UnionNode::build(PhysicalBuilder& builder) {
  return builder.add_over(std::make_unique<UnionAll>(int(inputs.size())), inputs);
}

}  // namespace eddy
