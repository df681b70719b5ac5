// Column pruning: before the physical build, columns that no node above reads are dropped from
// the nodes that copy or keep rows (a window table function copies each row per window, a
// join keeps each row in its state, a GROUP BY and a Calc read them), down to a projection
// right above the scan. So HOP copies only the columns its aggregation reads, and an interval
// join stores only the columns its output and conditions read (Flink's projection push-down).
//
// Each node kind says which of its input columns it reads for the output columns wanted of it;
// kinds the pass does not know keep every column of their inputs (and pruning stops there). A
// query that routes late rows to a 'late.sink' keeps every column (the sink takes the late
// stream's rows whole).
#pragma once

#include "planner/plan.h"

namespace eddy {

// Prunes `plan` in place; its own output columns (the query's result) all stay.
void prune_columns(PlanPtr& plan);

}  // namespace eddy
