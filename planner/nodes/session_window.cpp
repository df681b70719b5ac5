#include "planner/nodes/session_window.h"

#include "planner/physical_builder.h"

namespace eddy {

// The window columns are produced by the Timeout above (session mode): the rows pass.
Result<int> SessionWindowNode::build(PhysicalBuilder& builder) { return builder.build(*inputs[0]); }

}  // namespace eddy
