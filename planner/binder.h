// Binder internals shared by bind_query.cpp and bind_expr.cpp.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/error.h"
#include "eddy/types.h"
#include "expr/expr.h"
#include "parser/ast.h"

namespace eddy {

// The columns visible to an expression: one entry per FROM item, laid side by side.
struct Scope {
  struct Entry {
    std::string qualifier;  // alias or stream name ("" for a subquery without alias)
    int offset = 0;         // index of the entry's first column in `schema`
    Schema schema;
    // Columns only a qualified name reaches (not `*` nor an unqualified name): a USING
    // column's two sides, shown once, merged, by an entry of their own. Empty: none.
    std::vector<bool> qualified_only;
    // A table of the enclosing query, seen from a subquery's conditions: an unqualified name
    // reaches it only when no table of the subquery has that column (innermost first, as SQL).
    bool outer = false;
    bool hidden(size_t column) const {
      return column < qualified_only.size() && qualified_only[column];
    }
  };
  std::vector<Entry> entries;
  Schema schema;  // all entries' columns, in order

  void add(std::string qualifier, const Schema& entry_schema,
           std::vector<bool> qualified_only = {}) {
    entries.push_back({std::move(qualifier), static_cast<int>(schema.size()), entry_schema,
                       std::move(qualified_only)});
    for (const auto& field : entry_schema.fields) schema.fields.push_back(field);
  }
};

// Lets a caller bind some nodes itself before the default rules apply (e.g. aggregate calls and
// group keys above a GROUP BY). Returns nullopt to fall through to the default rules, whose
// children are offered to the interceptor again.
using ExprInterceptor = std::function<std::optional<Result<ExprPtr>>(const ast::Expr&)>;

Result<ExprPtr> bind_expr(const ast::Expr& expr, const Scope& scope,
                          const ExprInterceptor* intercept = nullptr);

class FunctionCatalog;
// The engine's registered functions, which bind_expr resolves scalar calls against after the
// built-in ones. Set for the binding of one statement (bind_query sets it): bind_expr is called
// from many places, with scopes built on the fly, always within one statement's binding.
class FunctionsInScope {
 public:
  explicit FunctionsInScope(const FunctionCatalog& functions);
  ~FunctionsInScope();
  FunctionsInScope(const FunctionsInScope&) = delete;
  FunctionsInScope& operator=(const FunctionsInScope&) = delete;

 private:
  const FunctionCatalog* saved_;
};

struct PlanNode;
struct CalcNode;

// `column` of `scope` as "qualifier.name" (just "name" for an entry without a qualifier).
std::string qualified_name(const Scope& scope, int column);

// Appends `expr` as output column `name` of `calc` (over `input`). A column passed through
// unchanged keeps what it was in `input`: a rowtime, watermarked, proctime, a window bound, or
// materialized; any other expression of it is plain.
void add_projection(CalcNode& calc, const Schema& input, ExprPtr expr, std::string name);

// Binds the select list, HAVING and GROUP BY of an aggregating SELECT over `input` (whose
// columns `scope` describes) into Calc -> GroupAggregate -> Calc.
Result<std::unique_ptr<PlanNode>> bind_aggregate(const ast::Select& select,
                                                 std::unique_ptr<PlanNode> input,
                                                 const Scope& scope);
// GROUP BY TUMBLE(...), HOP(...), SESSION(...), CUMULATE(...): the older group-window syntax.
bool is_group_window(const std::string& upper_name);
// True if `expr` contains an aggregate call.
bool contains_aggregate(const ast::Expr& expr);

// A bound FROM item: its plan and the columns it shows (one scope entry per table).
struct BoundRelation {
  std::unique_ptr<PlanNode> plan;
  Scope scope;
};

// An equi key its caller bound (USING, IN (SELECT ...)): left over the left side's columns,
// right over the right's; `text` for EXPLAIN.
struct JoinKey {
  ExprPtr left, right;
  bool null_safe = false;  // NULL matches NULL
  std::string text;
};

// Joins two bound FROM items on `conditions` (the ON clause's conjuncts, plus WHERE conjuncts
// pushed into an inner join) and `keys`: equi keys, a time bound and a residual predicate; an
// interval join when time is bounded on both ends, else a regular join (bind_join.cpp).
// `null_aware`: the ANTI join of NOT IN (JoinConfig::null_aware).
Result<BoundRelation> bind_join(ast::JoinKind kind, BoundRelation left, BoundRelation right,
                                const std::vector<const ast::Expr*>& conditions,
                                const ast::Pos& pos, std::vector<JoinKey> keys = {},
                                bool null_aware = false);
// JOIN ... USING (columns) and NATURAL JOIN: an equi join on the named columns, whose output
// shows each of them once, first, then the rest of the left side, then the rest of the right
// (bind_join_using.cpp).
Result<BoundRelation> bind_join_using(ast::JoinKind kind, BoundRelation left, BoundRelation right,
                                      const std::vector<const ast::Expr*>& conditions,
                                      const std::vector<ast::Name>& columns, bool natural,
                                      const ast::Pos& pos);
// Appends the operands of a chain of ANDs (or `expr` itself) to `out`.
void split_conjuncts(const ast::Expr& expr, std::vector<const ast::Expr*>& out);
// `input` under a Calc that keeps the rows where `condition` holds (no Calc if it is null).
std::unique_ptr<PlanNode> filtered(std::unique_ptr<PlanNode> input, ExprPtr condition);

// The WindowAssign node over `input` for window function `function` (TUMBLE, HOP, CUMULATE,
// SESSION) on its column `time` (named `time_name` in the query) with the interval arguments
// `args`: the input's columns plus window_start, window_end and window_time (the new time
// attribute). SESSION gives a SessionWindow node, which a GROUP BY above runs
// (bind_window.cpp).
Result<std::unique_ptr<PlanNode>> window_assign(std::unique_ptr<PlanNode> input,
                                                const std::string& function, int time,
                                                const ast::Name& time_name,
                                                const std::vector<const ast::Expr*>& args,
                                                ast::Pos pos);

class Catalog;
// Binds the stream or view a TABLE argument names (views expanded).
using RelationBinder = std::function<Result<std::unique_ptr<PlanNode>>(const ast::Name&)>;
// A table function call in FROM: a window table function, or one registered with the engine
// (the catalog's), over the relations `bind_relation` binds (bind_table_function.cpp).
Result<std::unique_ptr<PlanNode>> bind_table_function(const ast::TableFunction& call,
                                                      const Catalog& catalog,
                                                      const RelationBinder& bind_relation);
// What qualifies a table function's columns when it has no alias: a window table function's
// input table name (as in Flink), or the function's name.
std::string table_function_qualifier(const ast::TableFunction& call);

// A bind error pointing at `pos`.
Error bind_error(const ast::Pos& pos, std::string message);
// For errors about an interval that must be a fixed length (window sizes, gaps, timeouts): why a
// year-month INTERVAL is not one, or "" for other types.
inline std::string fixed_interval_hint(Type t) {
  return t.id == TypeId::IntervalMonths
             ? " (months and years vary in length: use days, e.g. INTERVAL '30' DAY)"
             : "";
}

}  // namespace eddy
