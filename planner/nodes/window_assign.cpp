#include "planner/nodes/window_assign.h"

#include "planner/physical_builder.h"

namespace eddy {

Result<int> WindowAssignNode::build(PhysicalBuilder& builder) {
  LateRows late;
  if (window.aggregated && !window.processing_time) {
    auto rows = builder.late_rows(*inputs[0], window_kind_name(window.kind));
    if (!rows) return rows.error();
    late = std::move(rows.value());
  }
  return builder.add_after(*inputs[0], std::make_unique<WindowAssign>(window, std::move(late)));
}

}  // namespace eddy
