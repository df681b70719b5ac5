#include "planner/nodes/table_function.h"

#include "planner/physical_builder.h"

namespace eddy {

Result<int> TableFunctionNode::build(PhysicalBuilder& builder) {
  TableFunctionCall call;
  for (const auto& input : inputs) call.inputs.push_back(input->schema);
  call.partition_by = partition_by;
  call.args = arguments;
  call.output = schema;
  call.clock = builder.options().clock.get();
  if (function->keyed_instances && inputs.size() == 1 && !partition_by[0].empty()) {
    // Instances own keys by the PARTITION BY columns (the key of the function's state). Each
    // is made (and its function opened) before any is placed, so an error leaves no plan.
    std::vector<std::unique_ptr<Operator>> made;
    const size_t n = std::max<size_t>(1, builder.options().parallelism);
    for (size_t i = 0; i < n; ++i) {
      auto instance = function->make(call);
      if (!instance) return instance.error();
      made.push_back(std::move(instance.value()));
    }
    size_t next = 0;
    return builder.add_keyed_after(*inputs[0], partition_by[0],
                                   [&] { return std::move(made[next++]); });
  }
  auto made = function->make(call);
  if (!made) return made.error();
  return builder.add_over(std::move(made.value()), inputs);
}

}  // namespace eddy
