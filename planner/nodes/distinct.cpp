#include "planner/nodes/distinct.h"

#include "operators/distinct.h"
#include "planner/physical_builder.h"

namespace eddy {

Result<int> DistinctNode::build(PhysicalBuilder& builder) {
  return builder.add_after(*inputs[0], std::make_unique<Distinct>(schema, inputs[0]->updating));
}

}  // namespace eddy
