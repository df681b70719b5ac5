#include "planner/nodes/window_aggregate.h"

#include "operators/window_aggregate.h"
#include "planner/nodes/calc.h"
#include "planner/nodes/window_assign.h"
#include "planner/physical_builder.h"

namespace eddy {

namespace {

// What a column below the aggregation holds of the WindowAssign's window columns.
enum class WindowColumn { None, Start, End, Time };

// The HOP or CUMULATE below `node` when its windows can be sliced (WindowAggregate::slice): event
// time, append-only, mergeable aggregates, and between the WindowAssign and the aggregation only
// Calcs that pass window_start / window_end through, unchanged, into the keys that the
// operator treats as the window (window_end, and window_start when it is the window's), and
// read no window column otherwise. nullptr otherwise.
WindowAssignNode* sliceable_windows(WindowAggregateNode& node) {
  if (node.processing_time || node.updating || node.inputs[0]->updating) return nullptr;
  if (node.window_end_key < 0 || !AggregateSet::mergeable(node.aggregates)) return nullptr;
  std::vector<CalcNode*> calcs;
  PlanNode* below = node.inputs[0].get();
  while (auto* calc = below->as<CalcNode>()) {
    calcs.push_back(calc);
    below = calc->inputs[0].get();
  }
  auto* assign = below->as<WindowAssignNode>();
  if (!assign || assign->window.kind == WindowKind::Tumble || assign->window.processing_time ||
      !assign->window.aggregated || assign->updating)
    return nullptr;
  const size_t width = assign->inputs[0]->schema.size();
  std::vector<WindowColumn> columns(assign->schema.size(), WindowColumn::None);
  columns[width] = WindowColumn::Start;
  columns[width + 1] = WindowColumn::End;
  columns[width + 2] = WindowColumn::Time;
  for (auto it = calcs.rbegin(); it != calcs.rend(); ++it) {
    const CalcNode& calc = **it;
    auto reads_window = [&](const BoundExpr& e) {
      const std::vector<bool> read = columns_read(e, columns.size());
      for (size_t c = 0; c < read.size(); ++c)
        if (read[c] && columns[c] != WindowColumn::None) return true;
      return false;
    };
    if (calc.filter && reads_window(*calc.filter)) return nullptr;
    std::vector<WindowColumn> next(calc.projections.size(), WindowColumn::None);
    for (size_t j = 0; j < calc.projections.size(); ++j) {
      const BoundExpr& e = *calc.projections[j];
      if (const int c = e.column_index(); c >= 0 && size_t(c) < columns.size())
        next[j] = columns[size_t(c)];
      else if (reads_window(e))
        return nullptr;
    }
    columns = std::move(next);
  }
  // The key the operator takes as window_start (WindowAggregate's constructor).
  const int start_key = node.schema.window_start >= 0 &&
                                size_t(node.schema.window_start) < node.key_count &&
                                node.schema.window_start != node.window_end_key
                            ? node.schema.window_start
                            : -1;
  if (size_t(node.window_end_key) >= columns.size() ||
      columns[size_t(node.window_end_key)] != WindowColumn::End)
    return nullptr;
  if (start_key >= 0 &&
      (size_t(start_key) >= columns.size() || columns[size_t(start_key)] != WindowColumn::Start))
    return nullptr;
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c] == WindowColumn::None || int(c) == node.window_end_key || int(c) == start_key)
      continue;
    if (c < node.key_count) return nullptr;  // a window column grouped as a plain key
    for (const AggregateSpec& spec : node.aggregates)
      if (spec.arg == int(c)) return nullptr;
  }
  return assign;
}

}  // namespace

Result<int> WindowAggregateNode::build(PhysicalBuilder& builder) {
  std::vector<std::string> keys;
  for (size_t k = 0; k < key_count; ++k) keys.push_back(schema[k].name);
  WindowAssignNode* sliced = sliceable_windows(*this);
  if (sliced) sliced->window.sliced = true;
  // Instances own keys by the group columns (the key without the window columns: its keyed
  // state's key); a window aggregate without any stays single. A sliced one too runs on
  // instances: its windows fire by the rows' arrival watermarks, which every instance is brought
  // to at the end of a batch (WindowAggregate::on_arrival_watermark).
  std::vector<int> key_columns;
  const int window_start = schema.window_start;
  for (int c = 0; c < int(key_count); ++c)
    if (c != window_end_key && c != window_start) key_columns.push_back(c);
  return builder.add_keyed_after(*inputs[0], key_columns, [&] {
    auto op = std::make_unique<WindowAggregate>(key_count, window_end_key, keys, aggregates,
                                                inputs[0]->schema, schema, processing_time,
                                                inputs[0]->updating);
    if (sliced) op->slice(sliced->window);
    return op;
  });
}

}  // namespace eddy
