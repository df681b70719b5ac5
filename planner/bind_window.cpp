// The window table functions' nodes: TUMBLE / HOP / CUMULATE rows per window (WindowAssign)
// and SESSION windows (run by the GROUP BY above them), for both the table-function syntax and
// the older GROUP BY TUMBLE(...) group windows.
#include <algorithm>

#include <fmt/format.h>

#include "planner/binder.h"
#include "planner/nodes/session_window.h"
#include "planner/nodes/window_assign.h"
#include "planner/plan.h"

namespace eddy {

namespace {

// Why column `time` cannot be the time column of `function`.
std::string not_a_time_attribute(const std::string& function, const Schema& schema, int time,
                                 const ast::Name& time_name) {
  std::string message = fmt::format(
      "the time column of {} must be a rowtime (a column with a WATERMARK) or a PROCTIME() "
      "column; '{}' is neither",
      function, time_name.text);
  if (time >= 0 && std::find(schema.materialized.begin(), schema.materialized.end(), time) !=
                       schema.materialized.end())
    message +=
        ": it was a rowtime, but a regular join or an unbounded GROUP BY turns its inputs' "
        "rowtimes into plain TIMESTAMPs (as Flink does); an interval join (a time bound on "
        "both sides) or a window aggregation keeps them";
  return message;
}

}  // namespace

// The WindowAssign node over `input` for window function `function` on column `time`: the
// input's columns plus window_start, window_end and window_time (the new rowtime).
Result<PlanPtr> window_assign(PlanPtr input, const std::string& function, int time,
                              const ast::Name& time_name, const std::vector<const ast::Expr*>& args,
                              ast::Pos pos) {
  const Schema& schema = input->schema;
  // TUMBLE / HOP / CUMULATE aggregations retract an updating input (Flink's windows over a
  // changelog); sessions merge and cannot.
  if (input->updating && function == "SESSION")
    return bind_error(pos, fmt::format("{} needs an append-only input, and this one is updating "
                                       "(it has -U/+U/-D rows, e.g. from a changelog stream or "
                                       "a GROUP BY)",
                                       function));
  const bool processing = time >= 0 && time == schema.proctime;
  if (time < 0 || (!schema.is_rowtime(time) && !processing))
    return bind_error(time_name.pos, not_a_time_attribute(function, schema, time, time_name));
  WindowSpec spec;
  spec.time_column = time;
  spec.time_name = schema[time].name;
  spec.processing_time = processing;
  size_t needed = 0;
  if (function == "TUMBLE")
    spec.kind = WindowKind::Tumble, needed = 1;
  else if (function == "HOP")
    spec.kind = WindowKind::Hop, needed = 2;
  else if (function == "CUMULATE")
    spec.kind = WindowKind::Cumulate, needed = 2;
  else if (function == "SESSION")
    needed = 1;
  else
    return bind_error(pos, fmt::format("window function {} is not supported yet", function));
  if (args.size() != needed && args.size() != needed + 1)
    return bind_error(pos, fmt::format("{} takes {} interval arguments (and an optional offset)",
                                       function, needed));
  std::vector<int64_t> values;
  for (const ast::Expr* arg : args) {
    auto bound = bind_expr(*arg, Scope{});
    if (!bound) return bound.error();
    if (bound.value()->type().id != TypeId::Interval || !bound.value()->is_constant())
      return bind_error(arg->pos, "window sizes must be constant INTERVALs" +
                                      fixed_interval_hint(bound.value()->type()));
    values.push_back(eval_constant(*bound.value()).int_value());
  }
  if (function == "SESSION") {
    if (values.size() != 1) return bind_error(pos, "SESSION takes one gap INTERVAL");
    if (values[0] <= 0) return bind_error(pos, "the SESSION gap must be positive");
    // Sessions exist only once they close: a GROUP BY window_start, window_end runs them.
    auto node = std::make_unique<SessionWindowNode>();
    node->schema = schema;
    node->schema.rowtime = int(schema.size()) + 2;
    for (const char* name : {"window_start", "window_end", "window_time"})
      node->schema.fields.push_back(Field{name, Type::timestamp(), false});
    node->gap_ms = values[0];
    node->time_column = time;
    node->processing_time = processing;
    node->inputs.push_back(std::move(input));
    return PlanPtr(std::move(node));
  }
  if (spec.kind == WindowKind::Tumble) {
    spec.size = spec.slide = values[0];
  } else {
    spec.slide = values[0];
    spec.size = values[1];
  }
  if (values.size() > needed) spec.offset = values[needed];
  if (spec.size <= 0 || spec.slide <= 0) return bind_error(pos, "window sizes must be positive");
  if (spec.kind == WindowKind::Cumulate && spec.size % spec.slide != 0)
    return bind_error(pos, "CUMULATE needs a size that is a multiple of its step");
  auto node = std::make_unique<WindowAssignNode>();
  node->schema = schema;
  // window_time becomes the rowtime (event time) or the processing-time attribute.
  node->schema.rowtime = processing ? -1 : int(schema.size()) + 2;
  node->schema.proctime = processing ? int(schema.size()) + 2 : -1;
  for (const char* name : {"window_start", "window_end", "window_time"})
    node->schema.fields.push_back(Field{name, Type::timestamp(), false});
  node->window = spec;
  node->updating = input->updating;
  node->inputs.push_back(std::move(input));
  return PlanPtr(std::move(node));
}

}  // namespace eddy
