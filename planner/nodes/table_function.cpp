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
  auto made = function->make(call);
  if (!made) return made.error();
  return builder.add_over(std::move(made.value()), inputs);
}

}  // namespace eddy
