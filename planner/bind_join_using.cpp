// Binder for JOIN ... USING (columns) and NATURAL JOIN (docs/language.md, "Joins"): an equi join
// on the named columns, as in standard SQL and Flink. The output shows each USING column once,
// first, under its plain name — the left side's value (the right's for RIGHT JOIN, COALESCE of
// the two for FULL JOIN) — then the rest of the left side, then the rest of the right. `l.k` and
// `r.k` still name each side's own column; `*` and an unqualified `k` see the merged one.
#include <algorithm>

#include <fmt/format.h>

#include "planner/binder.h"
#include "planner/nodes/calc.h"
#include "planner/plan.h"
#include "runtime/suggest.h"

namespace eddy {

namespace {

// The column `name` reaches unqualified in `scope` (unknown and ambiguous names are errors).
Result<int> find_column(const Scope& scope, const ast::Name& name) {
  ast::ColumnRef ref(std::nullopt, name, name.pos);
  auto bound = bind_expr(ref, scope);
  if (!bound) return bound.error();
  return bound.value()->column_index();
}

// The names both sides show unqualified, in the left side's order (NATURAL JOIN).
std::vector<ast::Name> common_names(const Scope& left, const Scope& right, const ast::Pos& pos) {
  std::vector<ast::Name> names;
  auto visible = [](const Scope& scope, const std::string& name) {
    for (const auto& entry : scope.entries)
      for (size_t i = 0; i < entry.schema.size(); ++i)
        if (!entry.hidden(i) && iequals(entry.schema[i].name, name)) return true;
    return false;
  };
  for (const auto& entry : left.entries)
    for (size_t i = 0; i < entry.schema.size(); ++i) {
      const std::string& name = entry.schema[i].name;
      if (entry.hidden(i) || !visible(right, name)) continue;
      if (std::none_of(names.begin(), names.end(),
                       [&](const ast::Name& n) { return iequals(n.text, name); }))
        names.push_back(ast::Name{name, false, pos});
    }
  return names;
}

// A projection of `input`'s column `column`, keeping its time attributes.
void pass_through(CalcNode& calc, const Schema& input, int column) {
  add_projection(calc, input, make_column_ref(column, input[column]), input[column].name);
}

}  // namespace

Result<BoundRelation> bind_join_using(ast::JoinKind kind, BoundRelation left, BoundRelation right,
                                      const std::vector<const ast::Expr*>& conditions,
                                      const std::vector<ast::Name>& columns, bool natural,
                                      const ast::Pos& pos) {
  std::vector<ast::Name> names = natural ? common_names(left.scope, right.scope, pos) : columns;
  if (names.empty())
    return bind_error(pos,
                      "NATURAL JOIN: the two sides have no column name in common (write JOIN ... "
                      "ON <condition>)");
  std::vector<int> left_columns, right_columns;
  std::vector<JoinKey> keys;
  for (size_t i = 0; i < names.size(); ++i) {
    for (size_t j = 0; j < i; ++j)
      if (iequals(names[i].text, names[j].text))
        return bind_error(names[i].pos,
                          fmt::format("column '{}' appears twice in USING", names[i].text));
    auto l = find_column(left.scope, names[i]);
    if (!l) return l.error();
    auto r = find_column(right.scope, names[i]);
    if (!r) return r.error();
    left_columns.push_back(l.value());
    right_columns.push_back(r.value());
    JoinKey key;
    key.left = make_column_ref(l.value(), left.scope.schema[l.value()]);
    key.right = make_column_ref(r.value(), right.scope.schema[r.value()]);
    key.text =
        qualified_name(left.scope, l.value()) + " = " + qualified_name(right.scope, r.value());
    keys.push_back(std::move(key));
  }
  const int left_size = int(left.plan->schema.size());
  auto joined =
      bind_join(kind, std::move(left), std::move(right), conditions, pos, std::move(keys));
  if (!joined) return joined;
  // SEMI / ANTI show the left side's columns only: nothing to merge.
  if (kind == ast::JoinKind::LeftSemi || kind == ast::JoinKind::LeftAnti) return joined;

  PlanPtr input = std::move(joined.value().plan);
  const Scope& sides = joined.value().scope;
  const Schema& in = input->schema;
  auto calc = std::make_unique<CalcNode>();
  calc->updating = input->updating;
  Schema merged;
  for (size_t i = 0; i < names.size(); ++i) {
    const int l = left_columns[i], r = left_size + right_columns[i];
    ExprPtr value;
    if (kind == ast::JoinKind::Right) {
      value = make_column_ref(r, in[r]);
    } else if (kind == ast::JoinKind::Full) {
      auto common = common_super_type(in[l].type, in[r].type);
      ExprPtr a = make_column_ref(l, in[l]), b = make_column_ref(r, in[r]);
      if (common && !(a->type() == *common)) a = make_cast(std::move(a), *common, false).value();
      if (common && !(b->type() == *common)) b = make_cast(std::move(b), *common, false).value();
      std::vector<ExprPtr> args;
      args.push_back(std::move(a));
      args.push_back(std::move(b));
      auto coalesced = make_function("COALESCE", std::move(args));
      if (!coalesced) return bind_error(names[i].pos, coalesced.error().message);
      value = std::move(coalesced.value());
    } else {
      value = make_column_ref(l, in[l]);
    }
    Field field{in[kind == ast::JoinKind::Right ? r : l].name, value->type(), value->nullable()};
    merged.fields.push_back(field);
    calc->schema.fields.push_back(field);
    calc->projections.push_back(std::move(value));
  }
  for (int c = 0; c < int(in.size()); ++c) pass_through(*calc, in, c);
  calc->inputs.push_back(std::move(input));

  // The merged columns first (unqualified), then each side's entries, whose USING columns only a
  // qualified name reaches now.
  BoundRelation result;
  result.scope.add("", merged);
  for (const auto& entry : sides.entries) {
    std::vector<bool> hidden(entry.schema.size(), false);
    for (size_t i = 0; i < entry.schema.size(); ++i) {
      const int column = entry.offset + int(i);
      hidden[i] =
          entry.hidden(i) ||
          std::find(left_columns.begin(), left_columns.end(), column) != left_columns.end() ||
          std::any_of(right_columns.begin(), right_columns.end(),
                      [&](int r) { return left_size + r == column; });
    }
    result.scope.add(entry.qualifier, entry.schema, std::move(hidden));
  }
  result.plan = std::move(calc);
  return result;
}

}  // namespace eddy
