// Binder for queries: FROM items (streams, views, subqueries), WHERE, the select list, UNION ALL
// and LIMIT, producing a logical plan.
#include <algorithm>

#include <fmt/format.h>

#include "connectors/connector.h"
#include "planner/binder.h"
#include "planner/nodes/calc.h"
#include "planner/nodes/distinct.h"
#include "planner/nodes/limit.h"
#include "planner/nodes/one_row.h"
#include "planner/nodes/scan.h"
#include "planner/nodes/session_window.h"
#include "planner/nodes/sort_limit.h"
#include "planner/nodes/time_sort.h"
#include "planner/nodes/union_all.h"
#include "planner/plan.h"
#include "runtime/suggest.h"

namespace eddy {

// A rowtime passed through becomes the output's `rowtime`, or an extra rowtime after the first.
void add_projection(CalcNode& calc, const Schema& input, ExprPtr expr, std::string name) {
  const int source = expr->column_index();
  const int column = static_cast<int>(calc.schema.fields.size());
  if (input.is_rowtime(source)) {
    if (calc.schema.rowtime < 0)
      calc.schema.rowtime = column;
    else
      calc.schema.extra_rowtimes.push_back(column);
  } else if (input.is_event_time(source)) {
    calc.schema.watermarked.push_back(column);
  }
  if (calc.schema.proctime < 0 && source >= 0 && source == input.proctime)
    calc.schema.proctime = column;
  if (source >= 0 && source == input.window_start) calc.schema.window_start = column;
  if (source >= 0 && source == input.window_end) calc.schema.window_end = column;
  if (source >= 0 && std::find(input.materialized.begin(), input.materialized.end(), source) !=
                         input.materialized.end())
    calc.schema.materialized.push_back(column);
  calc.schema.fields.push_back(Field{std::move(name), expr->type(), expr->nullable()});
  calc.projections.push_back(std::move(expr));
}

namespace {

// Views expand at each use; a view that (after CREATE OR REPLACE) refers to itself would expand
// forever, so expansion depth is bounded.
constexpr int kMaxViewDepth = 64;

class QueryBinder {
 public:
  QueryBinder(const Catalog& catalog, std::vector<std::string>* relations)
      : catalog_(catalog), relations_(relations) {}

  Result<PlanPtr> bind(const ast::QueryExpr& query, int depth) {
    if (depth > kMaxViewDepth)
      return bind_error(query.pos, "views nest too deeply (does a view refer to itself?)");
    std::vector<PlanPtr> selects;
    for (const auto& select : query.selects) {
      auto plan = bind_select(select, depth);
      if (!plan) return plan.error();
      selects.push_back(std::move(plan.value()));
    }
    PlanPtr plan;
    if (selects.size() == 1) {
      plan = std::move(selects[0]);
    } else {
      auto unioned = bind_union(std::move(selects), query);
      if (!unioned) return unioned.error();
      plan = std::move(unioned.value());
    }
    if (!query.order_by.empty()) return bind_order_by(query, std::move(plan));
    if (query.limit) {
      if (*query.limit < 0) return bind_error(query.pos, "LIMIT must not be negative");
      plan = limited(std::move(plan), *query.limit);
    }
    return plan;
  }

 private:
  static PlanPtr limited(PlanPtr plan, int64_t rows) {
    auto limit = std::make_unique<LimitNode>();
    limit->schema = plan->schema;
    limit->limit = rows;
    // Over an updating result the first rows change as rows are retracted (UpdatingLimit); an
    // empty LIMIT 0 never changes.
    limit->updating = plan->updating && rows > 0;
    limit->inputs.push_back(std::move(plan));
    return limit;
  }

  // ORDER BY over the query's result columns (by name, by position, or an expression of them).
  // Rowtime first, ascending, on an append-only result: a TimeSort, which streams. Anything else
  // sorts the final table at the end of a bounded input (SortLimit, a top-n with LIMIT).
  Result<PlanPtr> bind_order_by(const ast::QueryExpr& query, PlanPtr plan) {
    if (query.limit && *query.limit < 0) return bind_error(query.pos, "LIMIT must not be negative");
    const size_t visible = plan->schema.size();
    Scope scope;
    scope.add("", plan->schema);
    std::vector<SortKey> keys;
    std::vector<ExprPtr> computed;  // ORDER BY expressions that are not plain result columns
    // Of a plain SELECT, expressions of its FROM that the select list leaves out (ORDER BY ts
    // without selecting ts), as in Flink: extra columns of its Calc, dropped after the sort.
    std::vector<ExprPtr> hidden;
    std::vector<int> origin;  // per key: 0 a result column, 1 hidden, 2 computed
    std::vector<std::string> hidden_names, computed_names;  // as written, for EXPLAIN
    const bool plain = plain_select_ == plan.get() && query.selects.size() == 1;
    for (const auto& item : query.order_by) {
      int column = -1;
      origin.push_back(0);
      const ast::Expr& e = *item.expr;
      if (e.kind == ast::ExprKind::Literal &&
          (e.as<ast::Literal>().value.type().id == TypeId::Int ||
           e.as<ast::Literal>().value.type().id == TypeId::BigInt)) {
        const int64_t position = e.as<ast::Literal>().value.int_value();
        if (position < 1 || position > int64_t(visible))
          return bind_error(e.pos, fmt::format("ORDER BY position {} is not in the select list "
                                               "(it has {} columns)",
                                               position, visible));
        column = int(position - 1);
      } else {
        auto bound = bind_expr(e, scope);
        if (!bound && plain) {
          if (auto from = bind_expr(e, plain_scope_)) {
            bound = std::move(from);
            origin.back() = 1;
          }
        }
        if (!bound) return bound.error();
        column = origin.back() == 1 ? -1 : bound.value()->column_index();
        if (origin.back() == 1) {
          column = int(hidden.size());
          hidden.push_back(std::move(bound.value()));
          hidden_names.push_back(e.text);
        } else if (column < 0) {
          origin.back() = 2;
          column = int(computed.size());
          computed.push_back(std::move(bound.value()));
          computed_names.push_back(e.text);
        }
      }
      SortKey key;
      key.column = column;
      key.descending = item.descending;
      key.nulls_first = item.nulls_first.value_or(!item.descending);
      keys.push_back(key);
    }
    for (size_t k = 0; k < keys.size(); ++k)
      keys[k].column += origin[k] == 1   ? int(visible)
                        : origin[k] == 2 ? int(visible + hidden.size())
                                         : 0;
    // Hidden columns come only from a plain SELECT: `plan` is its Calc.
    for (size_t i = 0; i < hidden.size(); ++i)
      add_projection(*plan->as<CalcNode>(), plan->inputs[0]->schema, std::move(hidden[i]),
                     hidden_names[i]);
    const bool by_time = !plan->updating && plan->schema.rowtime >= 0 &&
                         keys[0].column == plan->schema.rowtime && !keys[0].descending;
    if (!by_time && !bounded(*plan)) {
      const Schema& schema = plan->schema;
      std::string what =
          plan->updating ? "ORDER BY over an unbounded, updating result"
          : schema.rowtime < 0
              ? "ORDER BY over an unbounded input without a rowtime"
              : fmt::format(
                    "ORDER BY over an unbounded input must start with its rowtime '{}' "
                    "ascending (rows are sorted as the watermark passes them); any "
                    "other order",
                    schema[schema.rowtime].name);
      return bind_error(query.order_pos, what +
                                             " needs every input to end (a file, or a datagen with "
                                             "'number-of-rows')");
    }
    if (!computed.empty()) {
      // The computed keys become extra columns, dropped again after the sort.
      auto calc = std::make_unique<CalcNode>();
      calc->updating = plan->updating;
      calc->schema = plan->schema;
      for (size_t c = 0; c < plan->schema.size(); ++c)
        calc->projections.push_back(make_column_ref(int(c), plan->schema[c]));
      for (size_t i = 0; i < computed.size(); ++i) {
        calc->schema.fields.push_back(
            Field{computed_names[i], computed[i]->type(), computed[i]->nullable()});
        calc->projections.push_back(std::move(computed[i]));
      }
      calc->inputs.push_back(std::move(plan));
      plan = std::move(calc);
    }
    PlanPtr sort;
    if (by_time) {
      auto node = std::make_unique<TimeSortNode>();
      node->sort_keys = std::move(keys);
      node->schema = plan->schema;
      sort = std::move(node);
    } else {
      auto node = std::make_unique<SortLimitNode>();
      node->sort_keys = std::move(keys);
      node->schema = plan->schema;
      // The sorted table comes at the end: no longer a time attribute.
      node->schema.rowtime = -1;
      node->schema.watermarked.clear();
      node->limit = query.limit;
      sort = std::move(node);
    }
    sort->inputs.push_back(std::move(plan));
    plan = std::move(sort);
    if (by_time && query.limit) plan = limited(std::move(plan), *query.limit);
    if (!computed.empty() || !hidden.empty()) {
      auto calc = std::make_unique<CalcNode>();
      for (size_t c = 0; c < visible; ++c)
        calc->projections.push_back(make_column_ref(int(c), plan->schema[c]));
      calc->schema = plan->schema;
      calc->schema.fields.resize(visible);
      std::erase_if(calc->schema.watermarked, [&](int c) { return c >= int(visible); });
      if (calc->schema.rowtime >= int(visible)) calc->schema.rowtime = -1;
      if (calc->schema.proctime >= int(visible)) calc->schema.proctime = -1;
      calc->inputs.push_back(std::move(plan));
      plan = std::move(calc);
    }
    return plan;
  }

  // True when every source under `plan` ends by itself (files, datagen with a row count).
  static bool bounded(const PlanNode& plan) {
    if (const auto* scan = plan.as<ScanNode>())
      return bounded_source(scan->stream->connector_options);
    for (const auto& input : plan.inputs)
      if (!bounded(*input)) return false;
    return true;
  }

  // SELECT DISTINCT: the select list's rows, each once (Flink plans it as a GROUP BY of every
  // selected column). The rowtime is no longer a time attribute after it.
  static PlanPtr distinct(PlanPtr plan) {
    auto node = std::make_unique<DistinctNode>();
    node->schema = plan->schema;
    node->schema.rowtime = -1;
    node->schema.proctime = -1;
    node->schema.watermarked.clear();
    node->updating = plan->updating;
    node->inputs.push_back(std::move(plan));
    return node;
  }

  Result<PlanPtr> bind_select(const ast::Select& select, int depth) {
    auto plan = bind_select_list(select, depth);
    if (!plan || !select.distinct) return plan;
    return distinct(std::move(plan.value()));
  }

  Result<PlanPtr> bind_select_list(const ast::Select& select, int depth) {
    if (select.where && contains_aggregate(*select.where))
      return bind_error(select.where->pos, "aggregate functions are not allowed in WHERE");
    // WHERE, split at AND: [NOT] EXISTS conjuncts become semi / anti joins, conjuncts that
    // relate the tables of an inner join become its conditions, the rest filter the FROM.
    std::vector<const ast::Expr*> where;
    if (select.where) split_conjuncts(*select.where, where);
    const std::vector<const ast::Expr*> exists = take_subquery_conjuncts(where);
    PlanPtr input;
    Scope scope;
    if (select.from) {
      auto from = bind_from(*select.from, depth, where);
      if (from) from = semi_join_subqueries(exists, std::move(from.value()), depth);
      if (!from) return from.error();
      input = std::move(from.value().plan);
      scope = std::move(from.value().scope);
      // A condition pushed into a join bound against part of the FROM; against all of it, a
      // name could be ambiguous.
      if (select.where && select.from->kind == ast::TableRef::Kind::Join) {
        std::vector<const ast::Expr*> all;
        split_conjuncts(*select.where, all);
        for (const ast::Expr* e : all)
          if (!is_subquery_conjunct(*e)) {
            auto bound = bind_expr(*e, scope);
            if (!bound) return bound.error();
          }
      }
    } else {
      if (!exists.empty())
        return bind_error(exists[0]->pos,
                          exists[0]->kind == ast::ExprKind::InQuery
                              ? "IN (SELECT ...) needs a FROM clause in the outer query"
                              : "EXISTS needs a FROM clause in the outer query");
      input = std::make_unique<OneRowNode>();
    }
    ExprPtr filter;
    if (!where.empty()) {
      auto bound = bind_where(where, scope);
      if (!bound) return bound.error();
      filter = std::move(bound.value());
    }

    bool aggregating = select.has_group_by || select.having;
    for (const auto& item : select.items)
      aggregating = aggregating || contains_aggregate(*item.expr);
    if (input->as<SessionWindowNode>()) {
      if (!aggregating)
        return bind_error(select.pos,
                          "a SESSION window table needs GROUP BY window_start, "
                          "window_end");
      // WHERE filters the rows before they are windowed (as in Flink); the session bounds
      // exist only once a session closes.
      if (filter) {
        Scope rows;
        rows.add(scope.entries[0].qualifier, input->inputs[0]->schema);
        for (const ast::Expr* conjunct : where)
          if (!bind_expr(*conjunct, rows))
            return bind_error(conjunct->pos,
                              "WHERE cannot use window_start, window_end or window_time of a "
                              "SESSION window table: they exist only after GROUP BY (use HAVING "
                              "or an outer query)");
        input->inputs[0] = filtered(std::move(input->inputs[0]), std::move(filter));
      }
    }
    if (aggregating) {
      input = filtered(std::move(input), std::move(filter));
      auto windowed = group_window(select, std::move(input), scope);
      if (!windowed) return windowed.error();
      plain_select_ = nullptr;  // (a subquery's may have been set meanwhile)
      return bind_aggregate(select, std::move(windowed.value()), scope);
    }

    auto calc = std::make_unique<CalcNode>();
    calc->updating = input->updating;
    calc->filter = std::move(filter);
    for (const auto& item : select.items) {
      if (item.expr->kind == ast::ExprKind::Star) {
        auto status = expand_star(item.expr->as<ast::Star>(), scope, input->schema, *calc);
        if (!status) return status.error();
        continue;
      }
      auto expr = bind_expr(*item.expr, scope);
      if (!expr) return expr.error();
      std::string name = item.alias ? item.alias->text
                         : item.expr->kind == ast::ExprKind::Column
                             ? item.expr->as<ast::ColumnRef>().name.text
                             : item.expr->text;
      add_projection(*calc, input->schema, std::move(expr.value()), std::move(name));
    }
    calc->inputs.push_back(std::move(input));
    plain_select_ = calc.get();
    plain_scope_ = scope;
    return PlanPtr(std::move(calc));
  }

  // The EXISTS node of a WHERE conjunct `[NOT] EXISTS (...)`, or nullptr; `negated` says NOT.
  static const ast::Exists* exists_of(const ast::Expr& expr, bool* negated = nullptr) {
    const ast::Expr* e = &expr;
    bool flip = false;
    while (e->kind == ast::ExprKind::Unary && e->as<ast::Unary>().op == "NOT") {
      flip = !flip;
      e = e->as<ast::Unary>().operand.get();
    }
    if (e->kind != ast::ExprKind::Exists) return nullptr;
    if (negated) *negated = flip != e->as<ast::Exists>().negated;
    return &e->as<ast::Exists>();
  }

  static bool is_subquery_conjunct(const ast::Expr& e) {
    return exists_of(e) || e.kind == ast::ExprKind::InQuery;
  }

  // The [NOT] EXISTS and [NOT] IN (SELECT ...) conjuncts of a WHERE, taken out of `conjuncts`.
  static std::vector<const ast::Expr*> take_subquery_conjuncts(
      std::vector<const ast::Expr*>& conjuncts) {
    std::vector<const ast::Expr*> subqueries;
    std::erase_if(conjuncts, [&](const ast::Expr* e) {
      if (!is_subquery_conjunct(*e)) return false;
      subqueries.push_back(e);
      return true;
    });
    return subqueries;
  }

  // `relation` semi (anti) joined with each subquery conjunct in turn, in the order written.
  Result<BoundRelation> semi_join_subqueries(const std::vector<const ast::Expr*>& subqueries,
                                             BoundRelation relation, int depth) {
    for (const ast::Expr* e : subqueries) {
      auto joined = e->kind == ast::ExprKind::InQuery
                        ? bind_in_query(e->as<ast::InQuery>(), std::move(relation), depth)
                        : bind_exists(*e, std::move(relation), depth);
      if (!joined) return joined;
      relation = std::move(joined.value());
    }
    return relation;
  }

  // The FROM of an EXISTS or IN subquery, semi (anti) joined with the subqueries of its own WHERE
  // (nested EXISTS / IN), which see only that FROM. `conditions` are left with the other
  // conjuncts of that WHERE, for the caller's join: they may refer to the outer query.
  Result<BoundRelation> bind_subquery_from(const ast::Select& inner, int depth,
                                           std::vector<const ast::Expr*>& conditions) {
    if (inner.where) split_conjuncts(*inner.where, conditions);
    const std::vector<const ast::Expr*> nested = take_subquery_conjuncts(conditions);
    auto sub = bind_from(*inner.from, depth, conditions);
    if (!sub) return sub;
    return semi_join_subqueries(nested, std::move(sub.value()), depth);
  }

  // FROM items: a table, or a join of two FROM items. `pending` holds WHERE conjuncts not yet
  // placed; an inner join takes those its two sides can answer.
  Result<BoundRelation> bind_from(const ast::TableRef& ref, int depth,
                                  std::vector<const ast::Expr*>& pending) {
    if (ref.kind != ast::TableRef::Kind::Join) {
      auto plan = bind_table_ref(ref, depth);
      if (!plan) return plan.error();
      std::string qualifier = ref.alias                                ? ref.alias->text
                              : ref.kind == ast::TableRef::Kind::Named ? ref.name.text
                              : ref.kind == ast::TableRef::Kind::Function
                                  ? table_function_qualifier(*ref.function)
                                  : "";
      BoundRelation relation;
      relation.scope.add(qualifier, plan.value()->schema);
      relation.plan = std::move(plan.value());
      return relation;
    }
    const bool inner = ref.join == ast::JoinKind::Inner || ref.join == ast::JoinKind::Cross;
    std::vector<const ast::Expr*> none;
    auto left = bind_from(*ref.left, depth, inner ? pending : none);
    if (!left) return left;
    auto right = bind_from(*ref.right, depth, inner ? pending : none);
    if (!right) return right;
    std::vector<const ast::Expr*> conditions;
    if (ref.condition) split_conjuncts(*ref.condition, conditions);
    if (inner) {
      Scope both = left.value().scope;
      for (const auto& entry : right.value().scope.entries)
        both.add(entry.qualifier, entry.schema, entry.qualified_only);
      std::erase_if(pending, [&](const ast::Expr* e) {
        if (!bind_expr(*e, both)) return false;
        conditions.push_back(e);
        return true;
      });
    }
    if (ref.natural || !ref.using_columns.empty())
      return bind_join_using(ref.join, std::move(left.value()), std::move(right.value()),
                             conditions, ref.using_columns, ref.natural, ref.pos);
    return bind_join(ref.join, std::move(left.value()), std::move(right.value()), conditions,
                     ref.pos);
  }

  // WHERE [NOT] EXISTS (SELECT ... FROM b WHERE <conditions>): a LEFT SEMI (ANTI) JOIN of the
  // FROM so far with b on those conditions.
  Result<BoundRelation> bind_exists(const ast::Expr& conjunct, BoundRelation outer, int depth) {
    bool negated = false;
    const ast::Exists& exists = *exists_of(conjunct, &negated);
    const ast::QueryExpr& query = *exists.subquery;
    if (query.selects.size() != 1 || query.limit || !query.order_by.empty())
      return bind_error(exists.pos,
                        "EXISTS takes a single SELECT (no UNION ALL, ORDER BY or LIMIT)");
    const ast::Select& inner = query.selects[0];
    if (!inner.from) return bind_error(exists.pos, "EXISTS needs a FROM clause in its SELECT");
    if (inner.has_group_by || inner.having || inner.timeout || inner.distinct)
      return bind_error(exists.pos,
                        "EXISTS over GROUP BY, HAVING or DISTINCT is not supported: write the "
                        "subquery as SELECT ... FROM t WHERE <conditions>");
    std::vector<const ast::Expr*> conditions;
    auto sub = bind_subquery_from(inner, depth + 1, conditions);
    if (!sub) return sub;
    set_outer(outer.scope, true);
    auto joined = bind_join(negated ? ast::JoinKind::LeftAnti : ast::JoinKind::LeftSemi,
                            std::move(outer), std::move(sub.value()), conditions, exists.pos);
    if (joined) set_outer(joined.value().scope, false);
    return joined;
  }

  // Marks the tables of `scope` as the enclosing query's while a subquery's conditions bind.
  static void set_outer(Scope& scope, bool outer) {
    for (auto& entry : scope.entries) entry.outer = outer;
  }

  // `expr` as written, or qualified with its table when it is a bare column (for EXPLAIN).
  static std::string qualified_text(const ast::Expr& expr, const Scope& scope) {
    if (expr.kind != ast::ExprKind::Column || expr.as<ast::ColumnRef>().qualifier) return expr.text;
    auto bound = bind_expr(expr, scope);
    if (!bound) return expr.text;
    const int column = bound.value()->column_index();
    for (const auto& entry : scope.entries)
      if (column >= entry.offset && column < entry.offset + int(entry.schema.size()) &&
          !entry.qualifier.empty())
        return entry.qualifier + "." + expr.text;
    return expr.text;
  }

  // WHERE x [NOT] IN (SELECT y FROM b WHERE <conditions>): a LEFT SEMI (ANTI) JOIN of the FROM
  // so far with b on x = y and those conditions. NOT IN is null-aware, as SQL says: a NULL x, or
  // a NULL y among the candidates, makes it unknown, so no row (JoinConfig::null_aware).
  Result<BoundRelation> bind_in_query(const ast::InQuery& in, BoundRelation outer, int depth) {
    const ast::QueryExpr& query = *in.subquery;
    if (query.selects.size() != 1 || query.limit)
      return bind_error(in.pos, "IN takes a single SELECT (no UNION ALL or LIMIT)");
    const ast::Select& inner = query.selects[0];
    if (!inner.from) return bind_error(in.pos, "IN (SELECT ...) needs a FROM clause in its SELECT");
    if (inner.has_group_by || inner.having || inner.timeout || inner.distinct)
      return bind_error(in.pos,
                        "IN over GROUP BY, HAVING or DISTINCT is not supported: write the "
                        "subquery as SELECT column FROM t WHERE <conditions>");
    if (inner.items.size() != 1 || inner.items[0].expr->kind == ast::ExprKind::Star)
      return bind_error(inner.pos, "the SELECT of IN (SELECT ...) must have exactly one column");
    auto operand = bind_expr(*in.operand, outer.scope);
    if (!operand) return operand.error();
    std::vector<const ast::Expr*> conditions;
    auto sub = bind_subquery_from(inner, depth + 1, conditions);
    if (!sub) return sub;
    auto item = bind_expr(*inner.items[0].expr, sub.value().scope);
    if (!item) return item.error();
    std::vector<JoinKey> keys(1);
    keys[0].left = std::move(operand.value());
    keys[0].right = std::move(item.value());
    keys[0].text = qualified_text(*in.operand, outer.scope) + " = " +
                   qualified_text(*inner.items[0].expr, sub.value().scope);
    set_outer(outer.scope, true);
    auto joined = bind_join(in.negated ? ast::JoinKind::LeftAnti : ast::JoinKind::LeftSemi,
                            std::move(outer), std::move(sub.value()), conditions, in.pos,
                            std::move(keys), /*null_aware=*/in.negated);
    if (joined) set_outer(joined.value().scope, false);
    return joined;
  }

  static Result<ExprPtr> bind_where(const std::vector<const ast::Expr*>& conjuncts,
                                    const Scope& scope) {
    ExprPtr filter;
    for (const ast::Expr* conjunct : conjuncts) {
      auto bound = bind_expr(*conjunct, scope);
      if (!bound) return bound;
      TypeId id = bound.value()->type().id;
      if (id != TypeId::Boolean && id != TypeId::Null)
        return bind_error(conjunct->pos, fmt::format("WHERE needs a BOOLEAN condition, not {}",
                                                     bound.value()->type().to_string()));
      if (!filter) {
        filter = std::move(bound.value());
        continue;
      }
      auto both = make_binary("AND", std::move(filter), std::move(bound.value()));
      if (!both) return both;
      filter = std::move(both.value());
    }
    return filter;
  }

  // `input` is the FROM's output schema (the scope's columns, with its time attributes).
  Status expand_star(const ast::Star& star, const Scope& scope, const Schema& input,
                     CalcNode& calc) {
    bool matched = false;
    for (const auto& entry : scope.entries) {
      if (star.qualifier && !iequals(star.qualifier->text, entry.qualifier)) continue;
      matched = true;
      for (size_t i = 0; i < entry.schema.size(); ++i) {
        if (!star.qualifier && entry.hidden(i)) continue;
        int index = entry.offset + static_cast<int>(i);
        add_projection(calc, input, make_column_ref(index, entry.schema[i]), entry.schema[i].name);
      }
    }
    if (!matched) {
      if (!star.qualifier) return bind_error(star.pos, "SELECT * needs a FROM clause");
      std::vector<std::string> names;
      for (const auto& entry : scope.entries) names.push_back(entry.qualifier);
      return bind_error(star.pos, fmt::format("unknown table '{}'{}", star.qualifier->text,
                                              did_you_mean(star.qualifier->text, names)));
    }
    return {};
  }

  Result<PlanPtr> bind_table_ref(const ast::TableRef& ref, int depth) {
    if (ref.kind == ast::TableRef::Kind::Subquery) return bind(*ref.subquery, depth + 1);
    if (ref.kind == ast::TableRef::Kind::Function)
      return bind_table_function(*ref.function, catalog_, [&](const ast::Name& name) {
        ast::TableRef named;
        named.name = name;
        named.pos = name.pos;
        return bind_table_ref(named, depth);
      });
    if (relations_) relations_->push_back(to_lower(ref.name.text));
    if (auto stream = catalog_.find_stream(ref.name.text)) {
      return PlanPtr(std::make_unique<ScanNode>(stream));
    }
    if (auto view = catalog_.find_view(ref.name.text)) {
      // Positions inside the view's own text mean nothing here: point at the reference.
      auto plan = bind(*view->query, depth + 1);
      if (!plan) {
        Error error = plan.error();
        if (error.message.rfind("view '", 0) != 0)
          error.message = fmt::format("view '{}': {}", view->name, error.message);
        error.line = ref.name.pos.line;
        error.column = ref.name.pos.column;
        return error;
      }
      return plan;
    }
    return bind_error(ref.name.pos,
                      fmt::format("unknown stream or view '{}'{}", ref.name.text,
                                  did_you_mean(ref.name.text, catalog_.relation_names())));
  }

  // GROUP BY TUMBLE(ts, size) / HOP(ts, slide, size): the older group-window syntax. The input
  // gets the same WindowAssign as the table functions; the window's columns join the scope.
  static Result<PlanPtr> group_window(const ast::Select& select, PlanPtr input, Scope& scope) {
    for (const auto& item : select.group_by) {
      if (item->kind != ast::ExprKind::Call || !is_group_window(item->as<ast::Call>().name))
        continue;
      const auto& call = item->as<ast::Call>();
      if (call.name == "SESSION") return input;  // the aggregate runs sessions itself
      if (call.args.empty() || call.args[0]->kind != ast::ExprKind::Column)
        return bind_error(call.pos, fmt::format("{} needs the rowtime column first", call.name));
      auto time = bind_expr(*call.args[0], scope);
      if (!time) return time.error();
      std::vector<const ast::Expr*> sizes;
      for (size_t i = 1; i < call.args.size(); ++i) sizes.push_back(call.args[i].get());
      auto node = window_assign(std::move(input), call.name, time.value()->column_index(),
                                call.args[0]->as<ast::ColumnRef>().name, sizes, call.pos);
      if (!node) return node;
      Schema window_columns;
      for (size_t i = node.value()->schema.size() - 3; i < node.value()->schema.size(); ++i)
        window_columns.fields.push_back(node.value()->schema[i]);
      scope.add("", window_columns);
      return node;
    }
    return input;
  }

  // UNION ALL: inputs line up by position; each column takes the inputs' common type.
  Result<PlanPtr> bind_union(std::vector<PlanPtr> inputs, const ast::QueryExpr& query) {
    Schema schema = inputs[0]->schema;
    for (size_t i = 1; i < inputs.size(); ++i) {
      const Schema& other = inputs[i]->schema;
      const ast::Pos& pos = query.selects[i].pos;
      if (other.size() != schema.size())
        return bind_error(pos, fmt::format("UNION ALL inputs have {} and {} columns", schema.size(),
                                           other.size()));
      for (size_t c = 0; c < schema.size(); ++c) {
        auto common = common_super_type(schema[c].type, other[c].type);
        if (!common)
          return bind_error(
              pos, fmt::format("UNION ALL column {} is {} in one input and {} in "
                               "another (add a CAST)",
                               c + 1, schema[c].type.to_string(), other[c].type.to_string()));
        schema.fields[c].type = *common;
        schema.fields[c].nullable = schema.fields[c].nullable || other[c].nullable;
      }
      if (other.rowtime != schema.rowtime) schema.rowtime = -1;
      // A column stays a time attribute only where every input has it as one.
      std::erase_if(schema.extra_rowtimes, [&](int c) { return !other.is_rowtime(c); });
      std::erase_if(schema.watermarked, [&](int c) { return !other.is_event_time(c); });
      if (other.window_start != schema.window_start || other.window_end != schema.window_end)
        schema.window_start = schema.window_end = -1;
    }
    auto node = std::make_unique<UnionNode>();
    for (const auto& input : inputs) node->updating = node->updating || input->updating;
    for (size_t i = 0; i < inputs.size(); ++i) {
      auto coerced = coerce_columns(std::move(inputs[i]), schema, "UNION ALL");
      if (!coerced) return bind_error(query.selects[i].pos, coerced.error().message);
      if (coerced.value()->schema.rowtime != schema.rowtime) schema.rowtime = -1;
      node->inputs.push_back(std::move(coerced.value()));
    }
    node->schema = std::move(schema);
    return PlanPtr(std::move(node));
  }

  const Catalog& catalog_;
  std::vector<std::string>* relations_;
  const PlanNode* plain_select_ = nullptr;  // the Calc of the last plain SELECT bound
  Scope plain_scope_;                       // ...and its FROM's columns
};

}  // namespace

Result<PlanPtr> bind_query(const ast::QueryExpr& query, const Catalog& catalog,
                           std::vector<std::string>* relations) {
  FunctionsInScope functions(catalog.functions());
  return QueryBinder(catalog, relations).bind(query, 0);
}

Result<ExprPtr> bind_stream_expr(const ast::Expr& expr, const Schema& schema) {
  Scope scope;
  scope.add("", schema);
  return bind_expr(expr, scope);
}

}  // namespace eddy
