#include "planner/nodes/limit.h"

#include "operators/limit.h"
#include "planner/physical_builder.h"

namespace eddy {

Result<int> LimitNode::build(PhysicalBuilder& builder) {
  return builder.add_after(*inputs[0], std::make_unique<Limit>(limit));
}

}  // namespace eddy
