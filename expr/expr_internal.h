// Shared machinery of the expression nodes (private to expr/).
//
// Every node eddy builds derives from expr::Expr, which owns the children and knows two things
// the public BoundExpr interface does not: whether evaluating may throw on some row (so that
// AND/OR/CASE/COALESCE/IF evaluate such a subtree only on the rows that reach it, as SQL users
// expect of `x <> 0 AND 10 / x > 1`), and which columns a subtree reads (so that evaluating on a
// subset of rows gathers only those columns).
//
// Kernels read their operands through Arg, which is either a full column (stride 1) or a single
// value (stride 0) for constant operands, so literals are never materialized per row.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "expr/expr.h"
#include "runtime/failure.h"

namespace eddy::expr {

class Expr : public BoundExpr {
 public:
  // Takes `children` by rvalue reference so that a derived constructor may compute `type` and
  // `nullable` from them in the same argument list without reading a moved-from vector.
  Expr(Type type, bool nullable, std::vector<ExprPtr>&& children);
  Expr(Type type, bool nullable) : Expr(type, nullable, {}) {}
  static bool any_nullable(const std::vector<ExprPtr>& children);

  const std::vector<ExprPtr>& children() const { return children_; }
  const BoundExpr& child(size_t i) const { return *children_[i]; }
  // Whether this subtree may throw while evaluating some row.
  bool may_fail() const { return may_fail_; }
  // Whether to_string() needs parentheses when printed as an operand ("a + b", "x LIKE 'a%'").
  virtual bool is_compound() const { return false; }
  bool is_constant() const override;

 protected:
  // Nodes whose own kernel may throw (division, overflow, casts from text) call this.
  void set_may_fail() { may_fail_ = true; }

 private:
  std::vector<ExprPtr> children_;
  bool may_fail_ = false;
};

// Builds a child list (null pointers are skipped).
std::vector<ExprPtr> exprs(ExprPtr a, ExprPtr b = nullptr, ExprPtr c = nullptr);

// For expressions not built by eddy's factories (the planner may add its own): assume the worst.
bool may_fail(const BoundExpr& e);
bool is_compound(const BoundExpr& e);
// Marks in `used` the input columns `e` reads (all of them for a foreign expression).
void collect_columns(const BoundExpr& e, std::vector<bool>& used);
// e.to_string(), parenthesized when it is a compound operand.
std::string operand_string(const BoundExpr& e);

// An evaluated operand: a whole column, or one value standing for every row.
struct Arg {
  Column col;
  size_t stride = 1;  // 0: constant

  bool constant() const { return stride == 0; }
  bool has_nulls() const { return !col.nulls.empty(); }
  bool null(size_t row) const { return !col.nulls.empty() && col.nulls[row * stride]; }
  int64_t i64(size_t row) const { return col.ints[row * stride]; }
  double f64(size_t row) const { return col.doubles[row * stride]; }
  std::string_view str(size_t row) const { return col.strings[row * stride]; }
  // A constant operand that is NULL makes every row NULL.
  bool all_null() const { return constant() && null(0); }
};

// Evaluates `e` over `input` into `arg`; constant expressions are evaluated once, on one row.
void eval_arg(const BoundExpr& e, const Batch& input, Arg& arg);
// Evaluates `e` for the listed rows (ascending) only; `out` gets rows.size() entries.
void eval_rows(const BoundExpr& e, const Batch& input, const std::vector<uint32_t>& rows,
               Column& out);
// Evaluates `e` on a batch of one row with no columns (constant expressions).
void eval_one_row(const BoundExpr& e, Column& out);

// Sets `out` to an empty column of `type` sized n (values zero, no null mask, no arenas).
void reset_column(Column& out, Type type, size_t n);
// Writes into out.nulls the union of the arguments' null masks (out already sized n). Leaves
// the mask empty when no row is NULL; returns whether any row is.
bool union_nulls(const std::vector<const Arg*>& args, size_t n, Column& out);
// Drops a null mask that marks no row.
void trim_nulls(Column& out);
// Copies one cell; the caller has made `dst` share `src`'s arenas.
void copy_cell(const Column& src, size_t src_row, Column& dst, size_t dst_row);
// Three-way comparison of two non-NULL cells of the same type (DECIMALs of the same scale).
int compare_cells(const Column& a, size_t ia, const Column& b, size_t ib);

// ---- typing (typing.cpp) ----
Error bind_error(std::string message);
// Common type for arithmetic/comparison widening of two numeric types (NULL adopts the other).
std::optional<Type> common_numeric_type(Type a, Type b);
// Comparisons need no common type for exact numerics (INT, BIGINT and DECIMALs of any scale
// compare exactly as they are); other operands are brought to one type: DOUBLE beats exact
// numerics, a STRING met by a TIMESTAMP is cast to TIMESTAMP, NULL adopts the other type.
// comparison_family folds the operand types of a comparison (or IN list, BETWEEN, simple CASE)
// into a representative, nullopt when they cannot be compared; comparison_target is the type
// one operand is coerced to given that representative.
std::optional<Type> comparison_family(Type a, Type b);
Type comparison_target(Type operand, Type family);
// DECIMAL(p, s) view of an exact numeric type (INT -> (10, 0), BIGINT -> (19, 0)).
void decimal_shape(Type t, int& precision, int& scale);
// Flink's rule for a DECIMAL result whose precision exceeds the maximum (18 here): keep the
// integer digits, shrink the scale but not below min(scale, 6).
Type adjust_decimal(int precision, int scale);

// ---- casts (cast.cpp) ----
// Whether CAST(from AS to) is allowed.
bool castable(Type from, Type to);
// Wraps `e` in an implicit cast to `target` when its values need converting (INT -> BIGINT and
// DECIMALs of equal scale share their representation and are left alone). Implicit casts print
// as their operand.
ExprPtr coerce(ExprPtr e, Type target);
// Converts one column into another type (CAST's kernel; also used by functions).
void cast_column(const Arg& in, Type target, bool try_cast, size_t n, Column& out);

// ---- comparisons (compare.cpp) ----
enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge };
const char* compare_op_text(CompareOp op);
// out (BOOLEAN, n rows) = a op b, NULL where either side is NULL. Operands have the types
// comparison_type() chose (DECIMALs may differ in scale).
void compare_args(CompareOp op, const Arg& a, const Arg& b, size_t n, Column& out);
// a IS [NOT] DISTINCT FROM b (distinct.cpp): NULL-safe equality, never NULL.
Result<ExprPtr> make_is_distinct(ExprPtr left, ExprPtr right, bool distinct);

// ---- internal factories used across files ----
Result<ExprPtr> make_arithmetic(const std::string& op, ExprPtr left, ExprPtr right);
Result<ExprPtr> make_comparison(CompareOp op, ExprPtr left, ExprPtr right);
// DATE / TIME +- INTERVAL (date_time_arithmetic.cpp); nullopt when neither operand is a DATE or
// TIME, and then leaves both operands alone.
std::optional<Result<ExprPtr>> make_date_time_arithmetic(const std::string& op, ExprPtr& left,
                                                         ExprPtr& right);
Result<ExprPtr> make_logic(bool is_and, ExprPtr left, ExprPtr right);
Result<ExprPtr> make_not(ExprPtr operand);
Result<ExprPtr> make_negate(ExprPtr operand);
// COALESCE / IF / NULLIF / GREATEST / LEAST (conditional.cpp), used by the function table.
Result<ExprPtr> make_coalesce(std::string name, std::vector<ExprPtr> args);
Result<ExprPtr> make_if(std::vector<ExprPtr> args);
Result<ExprPtr> make_nullif(std::vector<ExprPtr> args);
Result<ExprPtr> make_greatest_least(bool greatest, std::vector<ExprPtr> args);

// SQL text of a value as a literal: 'it''s', TIMESTAMP '...', INTERVAL '5' SECOND, NULL.
std::string literal_text(const Value& v);
// The literal value of `e` when it is a literal (or a constant that evaluates without error).
std::optional<Value> constant_value(const BoundExpr& e);

}  // namespace eddy::expr
