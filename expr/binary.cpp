// make_binary / make_unary: route an operator to the node family that implements it.
#include <fmt/format.h>

#include "expr/expr_internal.h"
#include "runtime/suggest.h"

namespace eddy {

Result<ExprPtr> make_binary(const std::string& op_text, ExprPtr left, ExprPtr right) {
  const std::string op = to_upper(op_text);
  if (op == "AND" || op == "OR")
    return expr::make_logic(op == "AND", std::move(left), std::move(right));
  static const std::pair<const char*, expr::CompareOp> kCompare[] = {
      {"=", expr::CompareOp::Eq},  {"==", expr::CompareOp::Eq}, {"<>", expr::CompareOp::Ne},
      {"!=", expr::CompareOp::Ne}, {"<", expr::CompareOp::Lt},  {"<=", expr::CompareOp::Le},
      {">", expr::CompareOp::Gt},  {">=", expr::CompareOp::Ge}};
  if (op == "IS DISTINCT FROM" || op == "IS NOT DISTINCT FROM")
    return expr::make_is_distinct(std::move(left), std::move(right), op == "IS DISTINCT FROM");
  for (const auto& [text, cmp] : kCompare) {
    if (op == text) return expr::make_comparison(cmp, std::move(left), std::move(right));
  }
  return expr::make_arithmetic(op, std::move(left), std::move(right));
}

Result<ExprPtr> make_unary(const std::string& op_text, ExprPtr operand) {
  const std::string op = to_upper(op_text);
  if (op == "NOT") return expr::make_not(std::move(operand));
  if (op == "-") return expr::make_negate(std::move(operand));
  if (op == "+") {
    const Type t = operand->type();
    if (!t.is_numeric() && t.id != TypeId::Interval && t.id != TypeId::IntervalMonths &&
        t.id != TypeId::Null) {
      return expr::bind_error(fmt::format("operator + cannot be applied to {}", t.to_string()));
    }
    return Result<ExprPtr>(std::move(operand));
  }
  return expr::bind_error(fmt::format("unknown operator '{}'", op_text));
}

}  // namespace eddy
