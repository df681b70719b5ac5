// Logical plans: what the binder produces from a query AST and the physical planner turns into
// operators. Each node knows its output schema.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eddy/error.h"
#include "eddy/types.h"
#include "expr/expr.h"
#include "operators/interval_join.h"
#include "operators/sort_keys.h"
#include "operators/window_assign.h"
#include "parser/ast.h"
#include "planner/catalog.h"
#include "state/aggregate.h"

namespace eddy {

struct PlanNode {
  enum class Kind {
    Scan,             // read a stream (source + watermark assignment)
    OneRow,           // a single empty row: SELECT without FROM
    Calc,             // filter then project, row by row
    Union,            // UNION ALL of inputs with equal column types, merged in event-time order
    Limit,            // the first `limit` rows, then its branch finishes
    Distinct,         // SELECT DISTINCT: each distinct row once (+I, and -D on updating input)
    TimeSort,         // ORDER BY rowtime[, ...]: rows in time order as the watermark passes
    SortLimit,        // ORDER BY ... [LIMIT n] on a bounded input: the sorted rows at the end
    Aggregate,        // unbounded GROUP BY: keys then aggregates, an updating changelog
    Timeout,          // GROUP BY ... TIMEOUT: keys, timeout time, aggregates; append-only
    WindowAssign,     // TUMBLE / HOP / CUMULATE: rows per window + window_start/end/time
    WindowAggregate,  // GROUP BY window_start, window_end, ...: one row per closed window
    SessionWindow,    // TABLE(SESSION(...)): only under a GROUP BY, which runs it as a Timeout
    Join,             // two inputs (left, right): an interval join or a regular join
    TableFunction,    // a registered table function over 1 or 2 partitioned inputs
  };
  Kind kind;
  Schema schema;
  bool updating = false;  // the output may contain -U/+U/-D rows
  std::vector<std::unique_ptr<PlanNode>> inputs;

  std::shared_ptr<const StreamDef> stream;  // Scan
  ExprPtr filter;                           // Calc: may be null
  std::vector<ExprPtr> projections;         // Calc
  int64_t limit = 0;                        // Limit, SortLimit (when has_limit)
  bool has_limit = false;                   // SortLimit
  std::vector<SortKey> sort_keys;           // TimeSort, SortLimit
  size_t key_count = 0;                     // Aggregate: the input's first key_count columns
  std::vector<AggregateSpec> aggregates;    // Aggregate, Timeout
  int64_t timeout_ms = 0;                   // Timeout
  bool reset_state = false;                 // Timeout: RESET STATE
  bool processing_time = false;             // Timeout: ON PROCESSING TIME
  bool session = false;                     // Timeout: emits session windows (gap = timeout+1)
  std::vector<int> partition_by;            // SessionWindow: PARTITION BY columns
  int time_column = -1;                     // Timeout (event time): input column of the rowtime
  WindowSpec window;                        // WindowAssign
  int window_end_key = -1;                  // WindowAggregate: key column holding window_end
  JoinConfig join;                          // Join (the physical planner adds TTL and clock)
  std::shared_ptr<const TableFunctionDef> table_function;  // TableFunction
  std::vector<std::vector<int>> partition_keys;            // TableFunction: per input
  std::vector<Value> arguments;                            // TableFunction: the constants

  explicit PlanNode(Kind k) : kind(k) {}
};
using PlanPtr = std::unique_ptr<PlanNode>;

// Binds a query against the catalog: resolves names (with did-you-mean), types expressions,
// expands views and `*`. Errors carry the line:col of the offending AST node.
// `relations`, when given, receives the lower-cased name of every stream and view the query
// reads, views expanded (self-reference and INSERT-into-own-input checks).
Result<PlanPtr> bind_query(const ast::QueryExpr& query, const Catalog& catalog,
                           std::vector<std::string>* relations = nullptr);

// Makes `plan` produce exactly `target`'s column types, adding a Calc of casts where a column's
// type differs (only implicit conversions: numeric widening, NULL). `what` names the context in
// the error, e.g. "UNION ALL" or "INSERT INTO alerts".
Result<PlanPtr> coerce_columns(PlanPtr plan, const Schema& target, const std::string& what);

// Binds an expression over a single stream's columns (WATERMARK expressions).
Result<ExprPtr> bind_stream_expr(const ast::Expr& expr, const Schema& schema);

}  // namespace eddy
