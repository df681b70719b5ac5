// + - * / % on numbers, TIMESTAMP +- INTERVAL, INTERVAL arithmetic, || and unary minus
// (DATE / TIME +- INTERVAL: date_time_arithmetic.cpp).
//
// Typing follows Flink: INT op INT stays INT and BIGINT is the wider integer (overflow is a
// runtime error, never a wrap-around); `/` on integers is integer division truncating toward
// zero (Calcite's least-restrictive rule: SELECT 7 / 2 is 3); `%` takes the dividend's sign. An
// integer meeting a DECIMAL is DECIMAL(10, 0) / DECIMAL(19, 0), with Flink's result precision and
// scale rules capped at 18 digits; anything meeting a DOUBLE is DOUBLE. Division (or %) by zero
// is a runtime error for every numeric type, DOUBLE included, as in PostgreSQL: silently
// producing Infinity/NaN in a stream is rarely what anyone wants.
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "expr/decimal.h"
#include "expr/expr_internal.h"

namespace eddy::expr {

namespace {

enum class ArithOp { Add, Sub, Mul, Div, Mod };

const char* arith_text(ArithOp op) {
  switch (op) {
    case ArithOp::Add:
      return "+";
    case ArithOp::Sub:
      return "-";
    case ArithOp::Mul:
      return "*";
    case ArithOp::Div:
      return "/";
    case ArithOp::Mod:
      return "%";
  }
  return "?";
}

[[noreturn]] void integer_overflow() { fail(Error::Kind::Runtime, "integer overflow"); }
[[noreturn]] void division_by_zero() { fail(Error::Kind::Runtime, "division by zero"); }

// How the operands are combined.
enum class Domain { Integer, Double, Decimal };

class ArithmeticExpr final : public Expr {
 public:
  ArithmeticExpr(ArithOp op, Domain domain, Type result, std::vector<ExprPtr> operands)
      : Expr(result, any_nullable(operands), std::move(operands)), op_(op), domain_(domain) {
    // Only DOUBLE +, -, * cannot fail (overflow gives Infinity, as Java does).
    if (!(domain == Domain::Double && op != ArithOp::Div && op != ArithOp::Mod)) set_may_fail();
    if (domain == Domain::Decimal) {
      int p;
      decimal_shape(child(0).type(), p, scale_a_);
      decimal_shape(child(1).type(), p, scale_b_);
    }
  }

  void eval(const Batch& input, Column& out) const override {
    Arg a, b;
    eval_arg(child(0), input, a);
    eval_arg(child(1), input, b);
    const size_t n = input.rows;
    reset_column(out, type(), n);
    union_nulls({&a, &b}, n, out);
    switch (domain_) {
      case Domain::Integer:
        eval_integer(a, b, n, out);
        break;
      case Domain::Double:
        eval_double(a, b, n, out);
        break;
      case Domain::Decimal:
        eval_decimal(a, b, n, out);
        break;
    }
  }

  std::string to_string() const override {
    return operand_string(child(0)) + " " + arith_text(op_) + " " + operand_string(child(1));
  }
  bool is_compound() const override { return true; }

 private:
  template <ArithOp Op>
  void integer_loop(const Arg& a, const Arg& b, size_t n, Column& out) const {
    const bool int32 = type().id == TypeId::Int;
    const uint8_t* nulls = out.nulls.empty() ? nullptr : out.nulls.data();
    int64_t* res = out.ints.data();
    for (size_t i = 0; i < n; ++i) {
      if (nulls && nulls[i]) continue;  // values stay 0
      const int64_t x = a.i64(i), y = b.i64(i);
      int64_t r;
      if constexpr (Op == ArithOp::Add) {
        if (__builtin_add_overflow(x, y, &r)) integer_overflow();
      } else if constexpr (Op == ArithOp::Sub) {
        if (__builtin_sub_overflow(x, y, &r)) integer_overflow();
      } else if constexpr (Op == ArithOp::Mul) {
        if (__builtin_mul_overflow(x, y, &r)) integer_overflow();
      } else if constexpr (Op == ArithOp::Div) {
        if (y == 0) division_by_zero();
        if (y == -1) {
          if (x == std::numeric_limits<int64_t>::min()) integer_overflow();
          r = -x;
        } else {
          r = x / y;
        }
      } else {
        if (y == 0) division_by_zero();
        r = y == -1 ? 0 : x % y;
      }
      if (int32 &&
          (r < std::numeric_limits<int32_t>::min() || r > std::numeric_limits<int32_t>::max())) {
        integer_overflow();
      }
      res[i] = r;
    }
  }

  void eval_integer(const Arg& a, const Arg& b, size_t n, Column& out) const {
    if (a.all_null() || b.all_null()) return;
    switch (op_) {
      case ArithOp::Add:
        integer_loop<ArithOp::Add>(a, b, n, out);
        break;
      case ArithOp::Sub:
        integer_loop<ArithOp::Sub>(a, b, n, out);
        break;
      case ArithOp::Mul:
        integer_loop<ArithOp::Mul>(a, b, n, out);
        break;
      case ArithOp::Div:
        integer_loop<ArithOp::Div>(a, b, n, out);
        break;
      case ArithOp::Mod:
        integer_loop<ArithOp::Mod>(a, b, n, out);
        break;
    }
  }

  void eval_double(const Arg& a, const Arg& b, size_t n, Column& out) const {
    if (a.all_null() || b.all_null()) return;
    double* res = out.doubles.data();
    const uint8_t* nulls = out.nulls.empty() ? nullptr : out.nulls.data();
    switch (op_) {
      case ArithOp::Add:
        for (size_t i = 0; i < n; ++i) res[i] = a.f64(i) + b.f64(i);
        break;
      case ArithOp::Sub:
        for (size_t i = 0; i < n; ++i) res[i] = a.f64(i) - b.f64(i);
        break;
      case ArithOp::Mul:
        for (size_t i = 0; i < n; ++i) res[i] = a.f64(i) * b.f64(i);
        break;
      case ArithOp::Div:
      case ArithOp::Mod:
        for (size_t i = 0; i < n; ++i) {
          if (nulls && nulls[i]) continue;
          const double y = b.f64(i);
          if (y == 0) division_by_zero();
          res[i] = op_ == ArithOp::Div ? a.f64(i) / y : std::fmod(a.f64(i), y);
        }
        break;
    }
  }

  [[noreturn]] void decimal_overflow() const {
    fail(Error::Kind::Runtime, "numeric overflow: result of {} does not fit {}", arith_text(op_),
         type().to_string());
  }

  void eval_decimal(const Arg& a, const Arg& b, size_t n, Column& out) const {
    if (a.all_null() || b.all_null()) return;
    const int sa = scale_a_, sb = scale_b_, s = type().scale, p = type().precision;
    const int m = std::max(sa, sb);
    const i128 fa = pow10_i128(m - sa), fb = pow10_i128(m - sb);
    const uint8_t* nulls = out.nulls.empty() ? nullptr : out.nulls.data();
    for (size_t i = 0; i < n; ++i) {
      if (nulls && nulls[i]) continue;
      const i128 x = a.i64(i), y = b.i64(i);
      i128 r = 0;
      switch (op_) {
        case ArithOp::Add:
          if (!rescale(x * fa + y * fb, m, s, r)) decimal_overflow();
          break;
        case ArithOp::Sub:
          if (!rescale(x * fa - y * fb, m, s, r)) decimal_overflow();
          break;
        case ArithOp::Mul:
          if (!rescale(x * y, sa + sb, s, r)) decimal_overflow();
          break;
        case ArithOp::Div:
          r = divide(x, y, s - sa + sb);
          break;
        case ArithOp::Mod:
          if (y == 0) division_by_zero();
          if (!rescale((x * fa) % (y * fb), m, s, r)) decimal_overflow();
          break;
      }
      if (!fits_precision(r, p)) decimal_overflow();
      out.ints[i] = static_cast<int64_t>(r);
    }
  }

  // round(x * 10^k / y), half away from zero, by long division so no intermediate overflows.
  i128 divide(i128 x, i128 y, int k) const {
    if (y == 0) division_by_zero();
    const bool negative = (x < 0) != (y < 0);
    i128 num = abs_i128(x), den = abs_i128(y);
    if (k < 0) {
      den *= pow10_i128(-k);
      k = 0;
    }
    i128 q = num / den, r = num % den;
    const i128 limit = pow10_i128(19);
    for (int j = 0; j < k; ++j) {
      r *= 10;
      q = q * 10 + r / den;
      r %= den;
      if (q >= limit) decimal_overflow();
    }
    if (r * 2 >= den) ++q;
    return negative ? -q : q;
  }

  ArithOp op_;
  Domain domain_;
  int scale_a_ = 0, scale_b_ = 0;
};

class ConcatExpr final : public Expr {
 public:
  explicit ConcatExpr(std::vector<ExprPtr> operands)
      : Expr(Type::string(), any_nullable(operands), std::move(operands)) {}

  void eval(const Batch& input, Column& out) const override {
    Arg a, b;
    eval_arg(child(0), input, a);
    eval_arg(child(1), input, b);
    const size_t n = input.rows;
    reset_column(out, type(), n);
    union_nulls({&a, &b}, n, out);
    if (a.all_null() || b.all_null()) return;
    // One arena allocation for the whole batch.
    size_t total = 0;
    for (size_t i = 0; i < n; ++i) {
      if (!out.is_null(i)) total += a.str(i).size() + b.str(i).size();
    }
    char* p = out.arena().allocate(total);
    for (size_t i = 0; i < n; ++i) {
      if (out.is_null(i)) continue;
      const std::string_view x = a.str(i), y = b.str(i);
      std::copy(x.begin(), x.end(), p);
      std::copy(y.begin(), y.end(), p + x.size());
      out.strings[i] = {p, x.size() + y.size()};
      p += x.size() + y.size();
    }
  }
  std::string to_string() const override {
    return operand_string(child(0)) + " || " + operand_string(child(1));
  }
  bool is_compound() const override { return true; }
};

class NegateExpr final : public Expr {
 public:
  explicit NegateExpr(std::vector<ExprPtr> operand)
      : Expr(operand[0]->type(), operand[0]->nullable(), std::move(operand)) {
    if (type().id != TypeId::Double && type().id != TypeId::Decimal) set_may_fail();
  }

  void eval(const Batch& input, Column& out) const override {
    Arg a;
    eval_arg(child(0), input, a);
    const size_t n = input.rows;
    reset_column(out, type(), n);
    union_nulls({&a}, n, out);
    if (a.all_null()) return;
    if (type().id == TypeId::Double) {
      for (size_t i = 0; i < n; ++i) out.doubles[i] = -a.f64(i);
      return;
    }
    const int64_t min = type().id == TypeId::Int ? std::numeric_limits<int32_t>::min()
                                                 : std::numeric_limits<int64_t>::min();
    for (size_t i = 0; i < n; ++i) {
      if (out.is_null(i)) continue;
      const int64_t v = a.i64(i);
      if (v == min && type().id != TypeId::Decimal) integer_overflow();
      out.ints[i] = -v;
    }
  }
  std::string to_string() const override {
    const std::string s = operand_string(child(0));
    return !s.empty() && s[0] == '-' ? "-(" + s + ")" : "-" + s;
  }
  bool is_compound() const override { return true; }
};

Error operand_error(const std::string& op, Type a, Type b) {
  return bind_error(
      fmt::format("operator {} cannot be applied to {} and {}", op, a.to_string(), b.to_string()));
}

bool is_temporal(Type t) { return t.id == TypeId::Timestamp || t.id == TypeId::Interval; }

}  // namespace

Result<ExprPtr> make_arithmetic(const std::string& op_text, ExprPtr left, ExprPtr right) {
  Type lt = left->type(), rt = right->type();
  if (op_text == "||") {
    const auto ok = [](Type t) { return t.id == TypeId::String || t.id == TypeId::Null; };
    if (!ok(lt) || !ok(rt)) {
      return bind_error(
          fmt::format("operator || needs STRING operands, got {} and {} (use CAST(... AS STRING))",
                      lt.to_string(), rt.to_string()));
    }
    return ExprPtr(std::make_unique<ConcatExpr>(
        exprs(coerce(std::move(left), Type::string()), coerce(std::move(right), Type::string()))));
  }
  if (auto shifted = make_date_time_arithmetic(op_text, left, right)) return std::move(*shifted);
  ArithOp op;
  if (op_text == "+")
    op = ArithOp::Add;
  else if (op_text == "-")
    op = ArithOp::Sub;
  else if (op_text == "*")
    op = ArithOp::Mul;
  else if (op_text == "/")
    op = ArithOp::Div;
  else if (op_text == "%")
    op = ArithOp::Mod;
  else
    return bind_error(fmt::format("unknown operator '{}'", op_text));

  // Year-month intervals with each other and with integers, on their month counts.
  if (lt.id == TypeId::IntervalMonths || rt.id == TypeId::IntervalMonths) {
    const bool mul_div = op == ArithOp::Mul || op == ArithOp::Div;
    if (lt.id == TypeId::Null) lt = mul_div ? Type::int64() : Type::interval_months();
    if (rt.id == TypeId::Null) rt = mul_div ? Type::int64() : Type::interval_months();
    const bool l_months = lt.id == TypeId::IntervalMonths,
               r_months = rt.id == TypeId::IntervalMonths;
    const bool ok =
        ((op == ArithOp::Add || op == ArithOp::Sub) && l_months && r_months) ||
        (op == ArithOp::Mul && ((l_months && rt.is_integer()) || (lt.is_integer() && r_months))) ||
        (op == ArithOp::Div && l_months && rt.is_integer());
    if (!ok) return operand_error(op_text, left->type(), right->type());
    return ExprPtr(std::make_unique<ArithmeticExpr>(
        op, Domain::Integer, Type::interval_months(),
        exprs(coerce(std::move(left), lt), coerce(std::move(right), rt))));
  }

  // TIMESTAMP and INTERVAL arithmetic, on their millisecond values.
  if (is_temporal(lt) || is_temporal(rt)) {
    const bool mul_div = op == ArithOp::Mul || op == ArithOp::Div;
    const auto partner = [&](Type other) {
      return other.id == TypeId::Interval && mul_div ? Type::int64() : Type::interval();
    };
    if (lt.id == TypeId::Null) lt = partner(rt);
    if (rt.id == TypeId::Null) rt = partner(lt);
    const TypeId l = lt.id, r = rt.id;
    std::optional<Type> result;
    if (op == ArithOp::Add && ((l == TypeId::Timestamp && r == TypeId::Interval) ||
                               (l == TypeId::Interval && r == TypeId::Timestamp))) {
      result = Type::timestamp();
    } else if (op == ArithOp::Sub && l == TypeId::Timestamp && r == TypeId::Interval) {
      result = Type::timestamp();
    } else if ((op == ArithOp::Add || op == ArithOp::Sub) && l == TypeId::Interval &&
               r == TypeId::Interval) {
      result = Type::interval();
    } else if (op == ArithOp::Mul && ((l == TypeId::Interval && rt.is_integer()) ||
                                      (lt.is_integer() && r == TypeId::Interval))) {
      result = Type::interval();
    } else if (op == ArithOp::Div && l == TypeId::Interval && rt.is_integer()) {
      result = Type::interval();
    }
    if (!result) return operand_error(op_text, left->type(), right->type());
    left = coerce(std::move(left), lt);
    right = coerce(std::move(right), rt);
    return ExprPtr(std::make_unique<ArithmeticExpr>(op, Domain::Integer, *result,
                                                    exprs(std::move(left), std::move(right))));
  }

  if (lt.id == TypeId::Null && rt.id == TypeId::Null) lt = rt = Type::int32();
  const std::optional<Type> common = common_numeric_type(lt, rt);
  if (!common) return operand_error(op_text, lt, rt);
  if (lt.id == TypeId::Null) lt = *common;
  if (rt.id == TypeId::Null) rt = *common;

  if (common->id == TypeId::Double) {
    return ExprPtr(
        std::make_unique<ArithmeticExpr>(op, Domain::Double, Type::float64(),
                                         exprs(coerce(std::move(left), Type::float64()),
                                               coerce(std::move(right), Type::float64()))));
  }
  if (common->id == TypeId::Decimal) {
    int p1, s1, p2, s2;
    decimal_shape(lt, p1, s1);
    decimal_shape(rt, p2, s2);
    Type result;
    switch (op) {
      case ArithOp::Add:
      case ArithOp::Sub: {
        const int s = std::max(s1, s2);
        result = adjust_decimal(std::max(p1 - s1, p2 - s2) + s + 1, s);
        break;
      }
      case ArithOp::Mul:
        result = adjust_decimal(p1 + p2, s1 + s2);
        break;
      case ArithOp::Div: {
        const int s = std::max(6, s1 + p2 + 1);
        result = adjust_decimal(p1 - s1 + s2 + s, s);
        break;
      }
      case ArithOp::Mod: {
        const int s = std::max(s1, s2);
        result = adjust_decimal(std::min(p1 - s1, p2 - s2) + s, s);
        break;
      }
    }
    return ExprPtr(std::make_unique<ArithmeticExpr>(
        op, Domain::Decimal, result,
        exprs(coerce(std::move(left), lt), coerce(std::move(right), rt))));
  }
  return ExprPtr(std::make_unique<ArithmeticExpr>(
      op, Domain::Integer, *common,
      exprs(coerce(std::move(left), lt), coerce(std::move(right), rt))));
}

Result<ExprPtr> make_negate(ExprPtr operand) {
  Type t = operand->type();
  if (t.id == TypeId::Null) {
    t = Type::int32();
    operand = coerce(std::move(operand), t);
  }
  if (!t.is_numeric() && t.id != TypeId::Interval && t.id != TypeId::IntervalMonths) {
    return bind_error(fmt::format("operator - cannot be applied to {}", t.to_string()));
  }
  return ExprPtr(std::make_unique<NegateExpr>(exprs(std::move(operand))));
}

}  // namespace eddy::expr
