#include "planner/nodes/distinct.h"

#include "operators/distinct.h"
#include "planner/physical_builder.h"

namespace eddy {

Result<int> DistinctNode::build(PhysicalBuilder& builder) {
  // Keyed by the whole row.
  std::vector<int> key_columns;
  for (size_t c = 0; c < schema.size(); ++c) key_columns.push_back(int(c));
  return builder.add_keyed_after(*inputs[0], key_columns, [&] {
    return std::make_unique<Distinct>(schema, inputs[0]->updating);
  });
}

}  // namespace eddy
