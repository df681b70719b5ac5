#include "planner/nodes/aggregate.h"

#include "operators/group_aggregate.h"
#include "planner/physical_builder.h"

namespace eddy {

Result<int> AggregateNode::build(PhysicalBuilder& builder) {
  std::vector<std::string> keys;
  for (size_t k = 0; k < key_count; ++k) keys.push_back(schema[k].name);
  const PhysicalOptions& options = builder.options();
  std::vector<int> key_columns;
  for (size_t k = 0; k < key_count; ++k) key_columns.push_back(int(k));
  return builder.add_keyed_after(*inputs[0], key_columns, [&] {
    return std::make_unique<GroupAggregate>(
        key_count, keys, aggregates, schema,
        GroupAggregate::Ttl{options.state_ttl_ms, options.state_ttl_event_time,
                            options.clock.get()},
        inputs[0]->updating);
  });
}

}  // namespace eddy
