#include "planner/nodes/time_sort.h"

#include "operators/time_sort.h"
#include "planner/physical_builder.h"

namespace eddy {

Result<int> TimeSortNode::build(PhysicalBuilder& builder) {
  // Its rows are its input's: no columns can be passed along for a late sink.
  auto late = builder.late_rows(*inputs[0], "ORDER BY", /*may_extend_input=*/false);
  if (!late) return late.error();
  return builder.add_after(*inputs[0],
                           std::make_unique<TimeSort>(schema, sort_keys, std::move(late.value())));
}

}  // namespace eddy
