// = <> < <= > >= : typed kernels, specialized for constant operands so `col > 10` reads the
// literal once per batch and runs a tight loop.
#include <fmt/format.h>

#include "expr/decimal.h"
#include "expr/expr_internal.h"

namespace eddy::expr {

namespace {

template <CompareOp Op, class T>
inline bool apply(const T& x, const T& y) {
  if constexpr (Op == CompareOp::Eq) return x == y;
  if constexpr (Op == CompareOp::Ne) return x != y;
  if constexpr (Op == CompareOp::Lt) return x < y;
  if constexpr (Op == CompareOp::Le) return x <= y;
  if constexpr (Op == CompareOp::Gt) return x > y;
  if constexpr (Op == CompareOp::Ge) return x >= y;
  return false;
}

template <CompareOp Op, class T, bool AConst, bool BConst>
void loop(const T* a, const T* b, size_t n, int64_t* res) {
  for (size_t i = 0; i < n; ++i) res[i] = apply<Op>(a[AConst ? 0 : i], b[BConst ? 0 : i]);
}

template <CompareOp Op, class T>
void strides(const T* a, bool ac, const T* b, bool bc, size_t n, int64_t* res) {
  if (!ac && !bc)
    loop<Op, T, false, false>(a, b, n, res);
  else if (!ac)
    loop<Op, T, false, true>(a, b, n, res);
  else if (!bc)
    loop<Op, T, true, false>(a, b, n, res);
  else
    loop<Op, T, true, true>(a, b, n, res);
}

template <class T>
void typed(CompareOp op, const T* a, bool ac, const T* b, bool bc, size_t n, int64_t* res) {
  switch (op) {
    case CompareOp::Eq:
      strides<CompareOp::Eq>(a, ac, b, bc, n, res);
      break;
    case CompareOp::Ne:
      strides<CompareOp::Ne>(a, ac, b, bc, n, res);
      break;
    case CompareOp::Lt:
      strides<CompareOp::Lt>(a, ac, b, bc, n, res);
      break;
    case CompareOp::Le:
      strides<CompareOp::Le>(a, ac, b, bc, n, res);
      break;
    case CompareOp::Gt:
      strides<CompareOp::Gt>(a, ac, b, bc, n, res);
      break;
    case CompareOp::Ge:
      strides<CompareOp::Ge>(a, ac, b, bc, n, res);
      break;
  }
}

bool is_exact(Type t) { return t.is_integer() || t.id == TypeId::Decimal; }

int scale_of(Type t) { return t.id == TypeId::Decimal ? t.scale : 0; }

class ComparisonExpr final : public Expr {
 public:
  ComparisonExpr(CompareOp op, std::vector<ExprPtr> operands)
      : Expr(Type::boolean(), any_nullable(operands), std::move(operands)), op_(op) {}

  void eval(const Batch& input, Column& out) const override {
    Arg a, b;
    eval_arg(child(0), input, a);
    eval_arg(child(1), input, b);
    compare_args(op_, a, b, input.rows, out);
  }
  std::string to_string() const override {
    return operand_string(child(0)) + " " + compare_op_text(op_) + " " + operand_string(child(1));
  }
  bool is_compound() const override { return true; }

 private:
  CompareOp op_;
};

}  // namespace

const char* compare_op_text(CompareOp op) {
  switch (op) {
    case CompareOp::Eq:
      return "=";
    case CompareOp::Ne:
      return "<>";
    case CompareOp::Lt:
      return "<";
    case CompareOp::Le:
      return "<=";
    case CompareOp::Gt:
      return ">";
    case CompareOp::Ge:
      return ">=";
  }
  return "?";
}

void compare_args(CompareOp op, const Arg& a, const Arg& b, size_t n, Column& out) {
  reset_column(out, Type::boolean(), n);
  union_nulls({&a, &b}, n, out);
  if (a.all_null() || b.all_null() || n == 0) return;
  const Type ta = a.col.type, tb = b.col.type;
  int64_t* res = out.ints.data();
  const bool ac = a.constant(), bc = b.constant();
  if (ta.id == TypeId::Double) {
    typed(op, a.col.doubles.data(), ac, b.col.doubles.data(), bc, n, res);
  } else if (ta.id == TypeId::String) {
    typed(op, a.col.strings.data(), ac, b.col.strings.data(), bc, n, res);
  } else if (is_exact(ta) && is_exact(tb) && scale_of(ta) != scale_of(tb)) {
    // Exact comparison of different scales: align both sides in 128 bits.
    const int s = std::max(scale_of(ta), scale_of(tb));
    const i128 fa = pow10_i128(s - scale_of(ta)), fb = pow10_i128(s - scale_of(tb));
    std::vector<i128> x(ac ? 1 : n), y(bc ? 1 : n);
    for (size_t i = 0; i < x.size(); ++i) x[i] = i128(a.col.ints[i]) * fa;
    for (size_t i = 0; i < y.size(); ++i) y[i] = i128(b.col.ints[i]) * fb;
    typed(op, x.data(), ac, y.data(), bc, n, res);
  } else {
    typed(op, a.col.ints.data(), ac, b.col.ints.data(), bc, n, res);
  }
  // Keep NULL rows' values at 0 so equal results never depend on garbage.
  if (!out.nulls.empty()) {
    for (size_t i = 0; i < n; ++i) res[i] &= ~int64_t(out.nulls[i]) & 1;
  }
}

Result<ExprPtr> make_comparison(CompareOp op, ExprPtr left, ExprPtr right) {
  const Type lt = left->type(), rt = right->type();
  const std::optional<Type> family = comparison_family(lt, rt);
  if (!family) {
    return bind_error(fmt::format("cannot compare {} with {}", lt.to_string(), rt.to_string()));
  }
  left = coerce(std::move(left), comparison_target(lt, *family));
  right = coerce(std::move(right), comparison_target(rt, *family));
  // A constant that cannot be converted (TIMESTAMP compared with 'not a time') is a bind error,
  // not a failure of every batch.
  for (const ExprPtr* side : {&left, &right}) {
    if ((*side)->is_constant() && expr::may_fail(**side)) {
      try {
        Column c;
        eval_one_row(**side, c);
      } catch (const Failure& f) {
        return bind_error(f.error().message);
      }
    }
  }
  return ExprPtr(std::make_unique<ComparisonExpr>(op, exprs(std::move(left), std::move(right))));
}

}  // namespace eddy::expr
