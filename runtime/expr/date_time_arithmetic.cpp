// DATE and TIME plus or minus an INTERVAL, with Flink's results:
//  - DATE +- INTERVAL is a DATE moved by the interval's whole days (truncated toward zero, so
//    DATE '2024-01-31' + INTERVAL '36' HOUR is 2024-02-01); CAST the DATE to TIMESTAMP first to
//    keep the hours.
//  - TIME +- INTERVAL wraps around midnight (TIME '23:00:00' + INTERVAL '2' HOUR is 01:00:00) and
//    keeps the TIME's precision.
// DATE - DATE is not an operator in Flink (TIMESTAMPDIFF(DAY, d1, d2) is), so not here either.
#include <fmt/format.h>

#include "runtime/expr/expr_internal.h"
#include "runtime/expr/time_util.h"

namespace eddy::expr {

namespace {

class DateTimeShiftExpr final : public Expr {
 public:
  // Operands: the DATE or TIME first, the interval second; to_string() prints them as written.
  DateTimeShiftExpr(bool plus, bool interval_first, std::vector<ExprPtr> operands)
      : Expr(operands[0]->type(), any_nullable(operands), std::move(operands)),
        plus_(plus),
        interval_first_(interval_first) {
    if (type().id == TypeId::Date) set_may_fail();  // far past the calendar's range
  }

  void eval(const Batch& input, Column& out) const override {
    Arg point, interval;
    eval_arg(child(0), input, point);
    eval_arg(child(1), input, interval);
    const size_t n = input.rows;
    reset_column(out, type(), n);
    union_nulls({&point, &interval}, n, out);
    const uint8_t* nulls = out.nulls.empty() ? nullptr : out.nulls.data();
    int64_t* res = out.ints.data();
    if (type().id == TypeId::Date) {
      for (size_t i = 0; i < n; ++i) {
        if (nulls && nulls[i]) continue;
        const int64_t days = interval.i64(i) / kMillisPerDay;
        if (__builtin_add_overflow(point.i64(i), plus_ ? days : -days, &res[i]) ||
            res[i] > kMaxDateDays || res[i] < kMinDateDays) {
          fail(Error::Kind::Runtime, "date overflow");
        }
      }
      return;
    }
    const int precision = type().precision;
    for (size_t i = 0; i < n; ++i) {
      if (nulls && nulls[i]) continue;
      const int64_t within_day = interval.i64(i) % kMillisPerDay;
      const int64_t moved = point.i64(i) + kMillisPerDay + (plus_ ? within_day : -within_day);
      res[i] = truncate_time(moved % kMillisPerDay, precision);
    }
  }

  std::string to_string() const override {
    const std::string point = operand_string(child(0)), interval = operand_string(child(1));
    const char* op = plus_ ? " + " : " - ";
    return interval_first_ ? interval + op + point : point + op + interval;
  }
  bool is_compound() const override { return true; }

 private:
  bool plus_;
  bool interval_first_;
};

}  // namespace

std::optional<Result<ExprPtr>> make_date_time_arithmetic(const std::string& op, ExprPtr& left,
                                                         ExprPtr& right) {
  const auto is_point = [](Type t) { return t.id == TypeId::Date || t.id == TypeId::Time; };
  const Type lt = left->type(), rt = right->type();
  if (!is_point(lt) && !is_point(rt)) return std::nullopt;
  const auto interval_like = [](Type t) {
    return t.id == TypeId::Interval || t.id == TypeId::Null;
  };
  const bool plus = op == "+";
  const bool interval_first = !is_point(lt);
  if ((plus || op == "-") && is_point(lt) && interval_like(rt)) {
    return ExprPtr(std::make_unique<DateTimeShiftExpr>(
        plus, false, exprs(std::move(left), coerce(std::move(right), Type::interval()))));
  }
  if (plus && interval_like(lt) && is_point(rt)) {
    return ExprPtr(std::make_unique<DateTimeShiftExpr>(
        plus, interval_first, exprs(std::move(right), coerce(std::move(left), Type::interval()))));
  }
  std::string message = fmt::format("operator {} cannot be applied to {} and {}", op,
                                    lt.to_string(), rt.to_string());
  if (op == "-" && lt.id == TypeId::Date && rt.id == TypeId::Date) {
    message += " (TIMESTAMPDIFF(DAY, d1, d2) counts the days between two dates)";
  }
  return Result<ExprPtr>(bind_error(message));
}

}  // namespace eddy::expr
