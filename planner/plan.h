// Logical plans: what the binder produces from a query AST and the physical planner turns into
// operators. A node holds its output schema, whether its output updates, and its inputs; each
// kind is a subclass in planner/nodes/<kind>.h with its own fields and its physical build, so a
// new kind of node is one file there (and its operator).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eddy/error.h"
#include "eddy/types.h"
#include "expr/expr.h"
#include "parser/ast.h"
#include "planner/catalog.h"

namespace eddy {

class PhysicalBuilder;

struct PlanNode {
  Schema schema;
  bool updating = false;  // the output may contain -U/+U/-D rows
  std::vector<std::unique_ptr<PlanNode>> inputs;

  PlanNode() = default;
  PlanNode(const PlanNode&) = delete;
  PlanNode& operator=(const PlanNode&) = delete;
  virtual ~PlanNode() = default;

  // Adds the node's operators to the query's runtime, building its inputs through `builder`,
  // and returns the id of the operator producing its output. Runs once per plan: it may move
  // the node's fields into the operators.
  virtual Result<int> build(PhysicalBuilder& builder) = 0;

  // This node as a `T`, or nullptr when it is another kind (for the binder's checks of what
  // lies below, e.g. a window table function under a GROUP BY).
  template <class T>
  T* as() {
    return dynamic_cast<T*>(this);
  }
  template <class T>
  const T* as() const {
    return dynamic_cast<const T*>(this);
  }
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
