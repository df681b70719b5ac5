// Implicit conversions between whole plans: UNION ALL inputs and INSERT INTO targets.
#include <fmt/format.h>

#include "planner/nodes/calc.h"
#include "planner/plan.h"

namespace eddy {

Result<PlanPtr> coerce_columns(PlanPtr plan, const Schema& target, const std::string& what) {
  const Schema& from = plan->schema;
  if (from.size() != target.size())
    return Error{Error::Kind::Bind, fmt::format("{}: the query has {} columns but {} are expected",
                                                what, from.size(), target.size())};
  bool same = true;
  for (size_t i = 0; i < from.size(); ++i) same = same && from[i].type == target[i].type;
  if (same) return plan;

  auto calc = std::make_unique<CalcNode>();
  calc->schema = from;
  calc->updating = plan->updating;
  for (size_t i = 0; i < from.size(); ++i) {
    ExprPtr column = make_column_ref(int(i), from[i]);
    calc->schema.fields[i].type = target[i].type;
    if (from[i].type == target[i].type) {
      calc->projections.push_back(std::move(column));
      continue;
    }
    auto common = common_super_type(from[i].type, target[i].type);
    // A TIME goes into a TIME column of any precision, truncated to it (as Flink's INSERT).
    if (from[i].type.id == TypeId::Time && target[i].type.id == TypeId::Time)
      common = target[i].type;
    if (!common || !(*common == target[i].type))
      return Error{
          Error::Kind::Bind,
          fmt::format("{}: column {} '{}' is {} but the query gives {} (add a CAST)", what, i + 1,
                      target[i].name, target[i].type.to_string(), from[i].type.to_string())};
    auto cast = make_cast(std::move(column), target[i].type, false);
    if (!cast) return cast.error();
    calc->projections.push_back(std::move(cast.value()));
  }
  // Casting keeps the rowtime attribute only where the column's type did not change.
  if (calc->schema.rowtime >= 0 &&
      !(from[calc->schema.rowtime].type == target[calc->schema.rowtime].type))
    calc->schema.rowtime = -1;
  std::erase_if(calc->schema.watermarked, [&](int c) { return !(from[c].type == target[c].type); });
  std::erase_if(calc->schema.extra_rowtimes,
                [&](int c) { return !(from[c].type == target[c].type); });
  calc->inputs.push_back(std::move(plan));
  return PlanPtr(std::move(calc));
}

}  // namespace eddy
