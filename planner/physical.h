// Physical planning: a bound logical plan becomes a QueryRuntime of operators, sources and a
// result (subscriber or sink).
#pragma once

#include <memory>

#include "eddy/engine.h"
#include "planner/plan.h"
#include "runtime/query_runtime.h"

namespace eddy {

struct PhysicalOptions {
  size_t batch_size = 1024;
  // 'parallelism': threads that decode a file source (1: the driver's own).
  size_t parallelism = 1;
  std::shared_ptr<Clock> clock;
  std::FILE* print_output = stdout;
  // 'state.ttl' for unbounded GROUP BY (0: forever) and whether it counts event time.
  int64_t state_ttl_ms = 0;
  bool state_ttl_event_time = false;
  // 'state.max-bytes': the query fails once its operators' keyed state exceeds it (0: no limit).
  uint64_t state_max_bytes = 0;
  // EXPLAIN plans without opening sources or sinks (files need not exist yet).
  bool open_connectors = true;
  // Opening for a query resumed from a checkpoint: sinks keep what they hold (the checkpoint
  // rolls them back).
  bool resume = false;
  // EngineOptions::stdin_is_script: standard input holds the script, not a stream's rows.
  bool stdin_is_script = false;
};

// Builds the runtime for `plan` (consumed). With `sink` set the result is written to the stream
// `sink` (INSERT INTO); otherwise it is delivered through Query::fetch.
Result<std::unique_ptr<QueryRuntime>> plan_physical(PlanPtr plan,
                                                    std::shared_ptr<const StreamDef> sink,
                                                    const PhysicalOptions& options);

}  // namespace eddy
