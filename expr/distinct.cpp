// a IS [NOT] DISTINCT FROM b: equality that treats NULL as a value (two NULLs are not distinct,
// a NULL and a value are), so the result is never NULL. Operands are brought to one type as for
// `=`, so it works over every type `=` does.
#include <fmt/format.h>

#include "expr/expr_internal.h"

namespace eddy::expr {

namespace {

class DistinctExpr final : public Expr {
 public:
  DistinctExpr(std::vector<ExprPtr> operands, bool distinct)
      : Expr(Type::boolean(), false, std::move(operands)), distinct_(distinct) {}

  void eval(const Batch& input, Column& out) const override {
    Arg a, b;
    eval_arg(child(0), input, a);
    eval_arg(child(1), input, b);
    const size_t n = input.rows;
    // `=` where both are values (0 where either is NULL), then NULLs decide the rest.
    compare_args(CompareOp::Eq, a, b, n, out);
    int64_t* res = out.ints.data();
    if (a.has_nulls() || b.has_nulls()) {
      for (size_t i = 0; i < n; ++i) {
        const bool an = a.null(i), bn = b.null(i);
        if (an || bn) res[i] = an && bn;
      }
    }
    out.nulls.clear();
    if (distinct_)
      for (size_t i = 0; i < n; ++i) res[i] ^= 1;
  }
  std::string to_string() const override {
    return operand_string(child(0)) +
           (distinct_ ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ") + operand_string(child(1));
  }
  bool is_compound() const override { return true; }

 private:
  bool distinct_;
};

}  // namespace

Result<ExprPtr> make_is_distinct(ExprPtr left, ExprPtr right, bool distinct) {
  const Type lt = left->type(), rt = right->type();
  const std::optional<Type> family = comparison_family(lt, rt);
  if (!family)
    return bind_error(fmt::format("cannot compare {} with {}", lt.to_string(), rt.to_string()));
  left = coerce(std::move(left), comparison_target(lt, *family));
  right = coerce(std::move(right), comparison_target(rt, *family));
  return ExprPtr(
      std::make_unique<DistinctExpr>(exprs(std::move(left), std::move(right)), distinct));
}

}  // namespace eddy::expr
