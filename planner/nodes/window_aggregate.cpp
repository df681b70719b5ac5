#include "planner/nodes/window_aggregate.h"

#include "operators/window_aggregate.h"
#include "planner/physical_builder.h"

namespace eddy {

Result<int> WindowAggregateNode::build(PhysicalBuilder& builder) {
  std::vector<std::string> keys;
  for (size_t k = 0; k < key_count; ++k) keys.push_back(schema[k].name);
  // Instances own keys by the group columns (the key without the window columns: its keyed
  // state's key); a window aggregate without any stays single.
  std::vector<int> key_columns;
  const int window_start = schema.window_start;
  for (int c = 0; c < int(key_count); ++c)
    if (c != window_end_key && c != window_start) key_columns.push_back(c);
  return builder.add_keyed_after(*inputs[0], key_columns, [&] {
    return std::make_unique<WindowAggregate>(key_count, window_end_key, keys, aggregates,
                                             inputs[0]->schema, schema, processing_time,
                                             inputs[0]->updating);
  });
}

}  // namespace eddy
