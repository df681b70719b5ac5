// Bound expressions: typed trees evaluated a whole batch at a time (one virtual call per node per
// batch, tight loops inside). The planner's binder resolves names and builds them through the
// factories below, which apply SQL's typing rules (implicit numeric widening, NULL handling) and
// report type errors as Error::Kind::Bind (the binder adds line:col).
//
// Evaluation errors (a bad CAST, integer overflow, division by zero) throw Failure with
// Error::Kind::Runtime.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eddy/error.h"
#include "eddy/types.h"
#include "runtime/batch.h"

namespace eddy {

class BoundExpr {
 public:
  BoundExpr(Type type, bool nullable) : type_(type), nullable_(nullable) {}
  virtual ~BoundExpr() = default;

  const Type& type() const { return type_; }
  bool nullable() const { return nullable_; }
  // Computes this expression for every row of `input` into `out` (reset to this type, sized
  // input.size()). `out` may share arenas with input columns (a column reference shares bytes).
  virtual void eval(const Batch& input, Column& out) const = 0;
  // SQL text for EXPLAIN, e.g. "(a > 10) AND (b IS NOT NULL)"; column refs print their names.
  virtual std::string to_string() const = 0;
  // True for literals and expressions of literals only (constant folding, option values).
  virtual bool is_constant() const { return false; }
  // The input column this expression reads unchanged, or -1 (lets Calc move columns through).
  virtual int column_index() const { return -1; }

 private:
  Type type_;
  bool nullable_;
};

using ExprPtr = std::unique_ptr<BoundExpr>;

// Factories. Each returns an Error (Kind::Bind, no position) when the types do not fit.
ExprPtr make_literal(const Value& value);
ExprPtr make_column_ref(int index, const Field& field);
// Which of `columns` input columns `e` reads (all of them for an expression eddy did not build).
std::vector<bool> columns_read(const BoundExpr& e, size_t columns);
// Points every column reference in `e` at mapping[old index] (the planner's column pruning,
// after the input lost columns `e` does not read). False, `e` unchanged, when `e` holds an
// expression eddy did not build or reads a column the mapping drops (-1).
bool remap_columns(BoundExpr& e, const std::vector<int>& mapping);
// op: "+", "-", "*", "/", "%", "||", "=", "<>", "<", "<=", ">", ">=", "AND", "OR"
Result<ExprPtr> make_binary(const std::string& op, ExprPtr left, ExprPtr right);
// op: "-", "+", "NOT"
Result<ExprPtr> make_unary(const std::string& op, ExprPtr operand);
Result<ExprPtr> make_cast(ExprPtr operand, Type target, bool try_cast);
Result<ExprPtr> make_is_null(ExprPtr operand, bool negated);
Result<ExprPtr> make_like(ExprPtr operand, ExprPtr pattern, ExprPtr escape, bool negated);
Result<ExprPtr> make_in_list(ExprPtr operand, std::vector<ExprPtr> list, bool negated);
Result<ExprPtr> make_between(ExprPtr operand, ExprPtr low, ExprPtr high, bool negated);
// whens: pairs of (condition or compared value, result); operand null for a searched CASE.
Result<ExprPtr> make_case(ExprPtr operand, std::vector<std::pair<ExprPtr, ExprPtr>> whens,
                          ExprPtr otherwise);
// Scalar functions by upper-case name (LOWER, SUBSTRING, EXTRACT, DATE_FORMAT, ...). Unknown
// names get a did-you-mean. Aggregate names are not handled here.
Result<ExprPtr> make_function(const std::string& name, std::vector<ExprPtr> args);
// True if `name` is a known scalar function (for SHOW FUNCTIONS and binder messages).
bool is_scalar_function(const std::string& name);
std::vector<std::string> scalar_function_names();
// (name, usage) of every built-in scalar function, by name: "SUBSTRING(s, start[, length])".
std::vector<std::pair<std::string, std::string>> scalar_function_usages();

// Common type of values that meet in one column (CASE branches, COALESCE, IN lists, UNION ALL,
// INSERT): equal types, numeric widening, NULL adopts the other; nullopt when incompatible.
std::optional<Type> common_super_type(Type a, Type b);

// Evaluates a constant expression to a single Value (no input rows).
Value eval_constant(const BoundExpr& expr);

}  // namespace eddy
