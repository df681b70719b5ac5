#include "planner/nodes/timeout.h"

#include "operators/timeout_aggregate.h"
#include "planner/physical_builder.h"

namespace eddy {

Result<int> TimeoutNode::build(PhysicalBuilder& builder) {
  TimeoutConfig config;
  if (!processing_time) {
    auto late = builder.late_rows(*inputs[0], session ? "SESSION window" : "TIMEOUT");
    if (!late) return late.error();
    config.late = std::move(late.value());
  }
  config.key_count = key_count;
  for (size_t k = 0; k < key_count; ++k) config.key_names.push_back(schema[k].name);
  config.aggregates = std::move(aggregates);
  config.rowtime = time_column;
  config.timeout_ms = timeout_ms;
  config.reset_state = reset_state;
  config.processing_time = processing_time;
  config.session = session;
  config.output = schema;
  config.clock = builder.options().clock.get();
  // The input's schema once late_rows may have extended it, and before it is built.
  config.input = inputs[0]->schema;
  // Rows routed to a 'late.sink' go out in arrival order from one place: such a TIMEOUT stays
  // single.
  std::vector<int> key_columns;
  if (!config.late.routes())
    for (size_t k = 0; k < key_count; ++k) key_columns.push_back(int(k));
  return builder.add_keyed_after(*inputs[0], key_columns,
                                 [&] { return std::make_unique<TimeoutAggregate>(config); });
}

}  // namespace eddy
