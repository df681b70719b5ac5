#include "planner/nodes/join.h"

#include "planner/physical_builder.h"

namespace eddy {

Result<int> JoinNode::build(PhysicalBuilder& builder) {
  JoinConfig config = std::move(join);
  config.left = inputs[0]->schema;
  config.right = inputs[1]->schema;
  config.output = schema;
  config.ttl_ms = config.bounded ? 0 : builder.options().state_ttl_ms;
  config.ttl_event_time = builder.options().state_ttl_event_time;
  config.clock = builder.options().clock.get();
  return builder.add_over(std::make_unique<IntervalJoin>(std::move(config)), inputs);
}

}  // namespace eddy
