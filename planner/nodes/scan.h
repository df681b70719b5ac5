// Scan: reads a stream, its source followed by the watermark assignment (and a Calc of the
// stream's computed columns, when it has some).
#pragma once

#include <memory>

#include "planner/plan.h"

namespace eddy {

struct ScanNode final : PlanNode {
  std::shared_ptr<const StreamDef> stream;
  // Per stream column: whether the query reads it (set by column pruning, for the connector:
  // ConnectorContext::read_columns); empty: every column.
  std::vector<bool> read;

  explicit ScanNode(std::shared_ptr<const StreamDef> s) : stream(std::move(s)) {
    schema = stream->schema;
    updating = stream->changelog;
  }
  Result<int> build(PhysicalBuilder& builder) override;
};

}  // namespace eddy
