#include "planner/nodes/window_aggregate.h"

#include "operators/window_aggregate.h"
#include "planner/physical_builder.h"

namespace eddy {

Result<int> WindowAggregateNode::build(PhysicalBuilder& builder) {
  std::vector<std::string> keys;
  for (size_t k = 0; k < key_count; ++k) keys.push_back(schema[k].name);
  return builder.add_after(
      *inputs[0], std::make_unique<WindowAggregate>(key_count, window_end_key, keys,
                                                    std::move(aggregates), inputs[0]->schema,
                                                    schema, processing_time, inputs[0]->updating));
}

}  // namespace eddy
