#include "planner/prune_columns.h"

#include <algorithm>

#include "planner/nodes/aggregate.h"
#include "planner/nodes/calc.h"
#include "planner/nodes/join.h"
#include "planner/nodes/scan.h"
#include "planner/nodes/timeout.h"
#include "planner/nodes/window_aggregate.h"
#include "planner/nodes/window_assign.h"
#include "runtime/failure.h"

namespace eddy {

namespace {

// A node's output columns before pruning -> after, or -1 where a column was dropped. Always
// increasing where kept: the columns keep their order.
using Mapping = std::vector<int>;
using Needed = std::vector<bool>;

Mapping identity(size_t n) {
  Mapping m(n);
  for (size_t i = 0; i < n; ++i) m[i] = int(i);
  return m;
}

bool is_identity(const Mapping& m) {
  for (size_t i = 0; i < m.size(); ++i)
    if (m[i] != int(i)) return false;
  return true;
}

// The mapping that keeps the `needed` columns, in order.
Mapping keeping(const Needed& needed) {
  Mapping m(needed.size(), -1);
  int next = 0;
  for (size_t i = 0; i < needed.size(); ++i)
    if (needed[i]) m[i] = next++;
  return m;
}

size_t kept_count(const Mapping& m) {
  return size_t(std::count_if(m.begin(), m.end(), [](int c) { return c >= 0; }));
}

int map_column(int column, const Mapping& m) {
  return column < 0 || size_t(column) >= m.size() ? -1 : m[size_t(column)];
}

void map_list(std::vector<int>& columns, const Mapping& m) {
  std::vector<int> kept;
  for (int c : columns)
    if (int to = map_column(c, m); to >= 0) kept.push_back(to);
  columns = std::move(kept);
}

Schema map_schema(const Schema& schema, const Mapping& m) {
  Schema out = schema;
  out.fields.assign(kept_count(m), Field{});
  for (size_t c = 0; c < m.size(); ++c)
    if (m[c] >= 0) out.fields[size_t(m[c])] = schema.fields[c];
  out.rowtime = map_column(schema.rowtime, m);
  out.proctime = map_column(schema.proctime, m);
  out.window_start = map_column(schema.window_start, m);
  out.window_end = map_column(schema.window_end, m);
  map_list(out.watermarked, m);
  map_list(out.extra_rowtimes, m);
  map_list(out.materialized, m);
  return out;
}

void mark_read(const BoundExpr* e, Needed& needed, size_t offset = 0) {
  if (!e) return;
  const std::vector<bool> read = columns_read(*e, needed.size() - offset);
  for (size_t c = 0; c < read.size(); ++c)
    if (read[c]) needed[offset + c] = true;
}

void mark_column(int column, Needed& needed) {
  if (column >= 0 && size_t(column) < needed.size()) needed[size_t(column)] = true;
}

// Points `e` at its input's columns after pruning. The input kept every column `e` reads (the
// needs were computed from it), so this cannot fail for an expression eddy built; an input
// that kept everything (any expression eddy did not build makes it so) needs no change.
void remap(BoundExpr* e, const Mapping& m) {
  if (!e || is_identity(m)) return;
  if (!remap_columns(*e, m))
    fail(Error::Kind::Plan, "column pruning: an expression reads a column that was dropped");
}

bool routes_late_rows(const PlanNode& plan) {
  if (const auto* scan = plan.as<ScanNode>();
      scan && scan->stream->late_policy == LatePolicy::Route && scan->stream->late_sink)
    return true;
  return std::any_of(plan.inputs.begin(), plan.inputs.end(),
                     [](const PlanPtr& input) { return routes_late_rows(*input); });
}

// Prunes `node` (which may be replaced, a scan by a projection over it) to the `needed` of its
// output columns, and returns how its output columns moved. It may keep more than needed, and
// with every column needed it keeps them all, in place.
Mapping prune(PlanPtr& node, Needed needed);

// The node reads all of its inputs' columns; its output stays as it is.
Mapping keep_all(PlanNode& node) {
  for (PlanPtr& input : node.inputs) prune(input, Needed(input->schema.size(), true));
  return identity(node.schema.size());
}

// Tells the scan which of its columns the query reads (with its rowtime and what its watermark
// reads), for its connector; not through computed columns (the connector's columns differ).
void note_reads(ScanNode& scan, const Needed& needed) {
  if (scan.updating || !scan.stream->columns.empty()) return;
  Needed read = needed;
  mark_column(scan.stream->schema.rowtime, read);
  mark_read(scan.stream->watermark.get(), read);
  scan.read = std::move(read);
}

Mapping prune_scan(PlanPtr& node, const Needed& needed) {
  const PlanNode& scan = *node;
  // A changelog keeps its rows whole (its key and kinds go together).
  if (scan.updating || std::all_of(needed.begin(), needed.end(), [](bool n) { return n; }))
    return identity(scan.schema.size());
  note_reads(*node->as<ScanNode>(), needed);
  Mapping m = keeping(needed);
  auto projection = std::make_unique<CalcNode>();
  for (size_t c = 0; c < needed.size(); ++c)
    if (needed[c]) projection->projections.push_back(make_column_ref(int(c), scan.schema[c]));
  projection->schema = map_schema(scan.schema, m);
  projection->inputs.push_back(std::move(node));
  node = std::move(projection);
  return m;
}

Mapping prune_calc(CalcNode& calc, const Needed& needed) {
  PlanPtr& input = calc.inputs[0];
  Needed reads(input->schema.size(), false);
  mark_read(calc.filter.get(), reads);
  for (size_t j = 0; j < calc.projections.size(); ++j)
    if (needed[j]) mark_read(calc.projections[j].get(), reads);
  // A Calc right above a scan is already its projection.
  if (auto* scan = input->as<ScanNode>()) note_reads(*scan, reads);
  const Mapping below =
      input->as<ScanNode>() ? prune(input, Needed(reads.size(), true)) : prune(input, reads);
  remap(calc.filter.get(), below);
  std::vector<ExprPtr> kept;
  for (size_t j = 0; j < calc.projections.size(); ++j) {
    if (!needed[j]) continue;
    remap(calc.projections[j].get(), below);
    kept.push_back(std::move(calc.projections[j]));
  }
  calc.projections = std::move(kept);
  const Mapping m = keeping(needed);
  calc.schema = map_schema(calc.schema, m);
  return m;
}

Mapping prune_window_assign(WindowAssignNode& assign, const Needed& needed) {
  PlanPtr& input = assign.inputs[0];
  const size_t n = input->schema.size();
  Needed reads(needed.begin(), needed.begin() + std::ptrdiff_t(n));
  mark_column(assign.window.time_column, reads);
  const Mapping below = prune(input, reads);
  assign.window.time_column = below[size_t(assign.window.time_column)];
  // The input's columns pass through; window_start, window_end and window_time follow them.
  Mapping m = below;
  const int width = int(kept_count(below));
  for (int k = 0; k < 3; ++k) m.push_back(width + k);
  assign.schema = map_schema(assign.schema, m);
  return m;
}

// GROUP BY (unbounded, window, TIMEOUT): the keys are the input's first columns, then what the
// aggregates and the time read. Its own output (keys, then aggregates) stays.
Mapping prune_aggregating(AggregatingNode& node, int* time_column) {
  PlanPtr& input = node.inputs[0];
  Needed reads(input->schema.size(), false);
  for (size_t k = 0; k < node.key_count; ++k) reads[k] = true;
  for (const AggregateSpec& spec : node.aggregates) mark_column(spec.arg, reads);
  if (time_column) mark_column(*time_column, reads);
  const Mapping below = prune(input, reads);
  for (AggregateSpec& spec : node.aggregates)
    if (spec.arg >= 0) spec.arg = below[size_t(spec.arg)];
  if (time_column && *time_column >= 0) *time_column = below[size_t(*time_column)];
  return identity(node.schema.size());
}

Mapping prune_join(JoinNode& node, const Needed& needed) {
  JoinConfig& join = node.join;
  const size_t left_width = node.inputs[0]->schema.size();
  const size_t right_width = node.inputs[1]->schema.size();
  const bool left_only = join.type == JoinType::Semi || join.type == JoinType::Anti;
  Needed both(left_width + right_width, false);
  for (size_t c = 0; c < needed.size(); ++c) both[c] = needed[c];
  mark_read(join.residual.get(), both);
  Needed left(both.begin(), both.begin() + std::ptrdiff_t(left_width));
  Needed right(both.begin() + std::ptrdiff_t(left_width), both.end());
  for (const ExprPtr& key : join.left_keys) mark_read(key.get(), left);
  for (const ExprPtr& key : join.right_keys) mark_read(key.get(), right);
  mark_column(join.left_time, left);
  mark_column(join.right_time, right);
  const Mapping left_map = prune(node.inputs[0], left);
  const Mapping right_map = prune(node.inputs[1], right);
  for (ExprPtr& key : join.left_keys) remap(key.get(), left_map);
  for (ExprPtr& key : join.right_keys) remap(key.get(), right_map);
  join.left_time = map_column(join.left_time, left_map);
  join.right_time = map_column(join.right_time, right_map);
  Mapping combined = left_map;
  const int left_kept = int(kept_count(left_map));
  for (int c : right_map) combined.push_back(c < 0 ? -1 : left_kept + c);
  remap(join.residual.get(), combined);
  const Mapping m = left_only ? left_map : combined;
  node.schema = map_schema(node.schema, m);
  return m;
}

Mapping prune(PlanPtr& node, Needed needed) {
  // A node keeps at least one column (a batch's row count lives with its columns).
  if (!needed.empty() && std::none_of(needed.begin(), needed.end(), [](bool n) { return n; }))
    needed[0] = true;
  if (node->as<ScanNode>()) return prune_scan(node, needed);
  if (auto* calc = node->as<CalcNode>()) return prune_calc(*calc, needed);
  if (auto* assign = node->as<WindowAssignNode>()) return prune_window_assign(*assign, needed);
  if (auto* timeout = node->as<TimeoutNode>())
    return prune_aggregating(*timeout, &timeout->time_column);
  if (auto* aggregating = node->as<AggregatingNode>())
    return prune_aggregating(*aggregating, nullptr);
  if (auto* join = node->as<JoinNode>()) return prune_join(*join, needed);
  return keep_all(*node);
}

}  // namespace

void prune_columns(PlanPtr& plan) {
  if (routes_late_rows(*plan)) return;
  prune(plan, Needed(plan->schema.size(), true));
}

}  // namespace eddy
