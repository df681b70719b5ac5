#include "planner/nodes/sort_limit.h"

#include "operators/sort_limit.h"
#include "planner/physical_builder.h"

namespace eddy {

Result<int> SortLimitNode::build(PhysicalBuilder& builder) {
  return builder.add_after(*inputs[0], std::make_unique<SortLimit>(schema, sort_keys, limit));
}

}  // namespace eddy
