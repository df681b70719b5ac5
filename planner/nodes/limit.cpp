#include "planner/nodes/limit.h"

#include "operators/limit.h"
#include "operators/updating_limit.h"
#include "planner/physical_builder.h"

namespace eddy {

Result<int> LimitNode::build(PhysicalBuilder& builder) {
  if (updating)
    return builder.add_after(*inputs[0], std::make_unique<UpdatingLimit>(schema, limit));
  return builder.add_after(*inputs[0], std::make_unique<Limit>(limit));
}

}  // namespace eddy
