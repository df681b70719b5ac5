// AND / OR / NOT with SQL's three-valued logic, and IS [NOT] NULL.
//
// AND and OR evaluate their right operand only on the rows the left one leaves undecided when
// the right operand could fail, so `x <> 0 AND 10 / x > 1` never divides by zero (Flink's
// generated code short-circuits the same way).
#include <fmt/format.h>

#include "expr/expr_internal.h"

namespace eddy::expr {

namespace {

bool is_boolish(Type t) { return t.id == TypeId::Boolean || t.id == TypeId::Null; }

class LogicExpr final : public Expr {
 public:
  LogicExpr(bool is_and, std::vector<ExprPtr> operands)
      : Expr(Type::boolean(), any_nullable(operands), std::move(operands)), is_and_(is_and) {}

  void eval(const Batch& input, Column& out) const override {
    const size_t n = input.rows;
    Arg a, b;
    eval_arg(child(0), input, a);
    // The value that decides a row on its own: FALSE for AND, TRUE for OR.
    const int64_t decisive = is_and_ ? 0 : 1;
    if (!expr::may_fail(child(1))) {
      eval_arg(child(1), input, b);
    } else {
      std::vector<uint32_t> rows;
      rows.reserve(n);
      for (size_t i = 0; i < n; ++i) {
        if (a.null(i) || a.i64(i) != decisive) rows.push_back(uint32_t(i));
      }
      if (rows.size() == n) {
        eval_arg(child(1), input, b);
      } else {
        Column part;
        eval_rows(child(1), input, rows, part);
        reset_column(b.col, Type::boolean(), n);
        for (size_t k = 0; k < rows.size(); ++k) copy_cell(part, k, b.col, rows[k]);
        b.stride = 1;
      }
    }
    reset_column(out, Type::boolean(), n);
    int64_t* res = out.ints.data();
    if (!a.has_nulls() && !b.has_nulls()) {
      if (is_and_) {
        for (size_t i = 0; i < n; ++i) res[i] = a.i64(i) & b.i64(i);
      } else {
        for (size_t i = 0; i < n; ++i) res[i] = a.i64(i) | b.i64(i);
      }
      return;
    }
    for (size_t i = 0; i < n; ++i) {
      const bool an = a.null(i), bn = b.null(i);
      const bool a_decides = !an && a.i64(i) == decisive;
      const bool b_decides = !bn && b.i64(i) == decisive;
      if (a_decides || b_decides) {
        res[i] = decisive;
      } else if (an || bn) {
        out.set_null(i);
      } else {
        res[i] = 1 - decisive;
      }
    }
  }
  std::string to_string() const override {
    return operand_string(child(0)) + (is_and_ ? " AND " : " OR ") + operand_string(child(1));
  }
  bool is_compound() const override { return true; }

 private:
  bool is_and_;
};

class NotExpr final : public Expr {
 public:
  explicit NotExpr(std::vector<ExprPtr> operand)
      : Expr(Type::boolean(), any_nullable(operand), std::move(operand)) {}

  void eval(const Batch& input, Column& out) const override {
    Arg a;
    eval_arg(child(0), input, a);
    const size_t n = input.rows;
    reset_column(out, Type::boolean(), n);
    union_nulls({&a}, n, out);
    for (size_t i = 0; i < n; ++i) out.ints[i] = out.is_null(i) ? 0 : !a.i64(i);
  }
  std::string to_string() const override { return "NOT " + operand_string(child(0)); }
  bool is_compound() const override { return true; }
};

class IsNullExpr final : public Expr {
 public:
  IsNullExpr(std::vector<ExprPtr> operand, bool negated)
      : Expr(Type::boolean(), false, std::move(operand)), negated_(negated) {}

  void eval(const Batch& input, Column& out) const override {
    Arg a;
    eval_arg(child(0), input, a);
    const size_t n = input.rows;
    reset_column(out, Type::boolean(), n);
    for (size_t i = 0; i < n; ++i) out.ints[i] = a.null(i) != negated_;
  }
  std::string to_string() const override {
    return operand_string(child(0)) + (negated_ ? " IS NOT NULL" : " IS NULL");
  }
  bool is_compound() const override { return true; }

 private:
  bool negated_;
};

}  // namespace

Result<ExprPtr> make_logic(bool is_and, ExprPtr left, ExprPtr right) {
  if (!is_boolish(left->type()) || !is_boolish(right->type())) {
    return bind_error(fmt::format("{} needs BOOLEAN operands, got {} and {}", is_and ? "AND" : "OR",
                                  left->type().to_string(), right->type().to_string()));
  }
  return ExprPtr(std::make_unique<LogicExpr>(
      is_and,
      exprs(coerce(std::move(left), Type::boolean()), coerce(std::move(right), Type::boolean()))));
}

Result<ExprPtr> make_not(ExprPtr operand) {
  if (!is_boolish(operand->type())) {
    return bind_error(
        fmt::format("NOT needs a BOOLEAN operand, got {}", operand->type().to_string()));
  }
  return ExprPtr(std::make_unique<NotExpr>(exprs(coerce(std::move(operand), Type::boolean()))));
}

}  // namespace eddy::expr

namespace eddy {

Result<ExprPtr> make_is_null(ExprPtr operand, bool negated) {
  return ExprPtr(std::make_unique<expr::IsNullExpr>(expr::exprs(std::move(operand)), negated));
}

}  // namespace eddy
