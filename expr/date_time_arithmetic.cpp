// DATE, TIME and TIMESTAMP plus or minus an INTERVAL that is not plain millisecond arithmetic,
// with Flink's results:
//  - DATE +- a day-time INTERVAL is a DATE moved by the interval's whole days (truncated toward
//    zero, so DATE '2024-01-31' + INTERVAL '36' HOUR is 2024-02-01); CAST the DATE to TIMESTAMP
//    first to keep the hours.
//  - TIME +- a day-time INTERVAL wraps around midnight (TIME '23:00:00' + INTERVAL '2' HOUR is
//    01:00:00) and keeps the TIME's precision.
//  - DATE / TIMESTAMP +- a year-month INTERVAL moves the calendar month and keeps the day, or the
//    month's last day when it is shorter (DATE '2024-01-31' + INTERVAL '1' MONTH is 2024-02-29);
//    a TIME is unchanged by months.
// TIMESTAMP +- a day-time INTERVAL is plain addition (arithmetic.cpp). DATE - DATE is not an
// operator in Flink (TIMESTAMPDIFF(DAY, d1, d2) is), so not here either.
#include <algorithm>

#include <fmt/format.h>

#include "expr/expr_internal.h"
#include "expr/time_util.h"

namespace eddy::expr {

namespace {

[[noreturn]] void overflow(TypeId type) {
  fail(Error::Kind::Runtime, "{} overflow", type == TypeId::Date ? "date" : "timestamp");
}

// `days` moved by `months` calendar months, the day clamped to the new month's length.
int64_t add_months_to_days(int64_t days, int64_t months, TypeId type) {
  CivilDate d = civil_from_days(days);
  int64_t total;
  if (__builtin_add_overflow(d.year * 12 + (d.month - 1), months, &total)) overflow(type);
  const int64_t year = floor_div(total, 12);
  if (year < 1 || year > 9999) overflow(type);
  d.month = unsigned(floor_mod(total, 12) + 1);
  d.day = std::min(d.day, days_in_month(year, d.month));
  return days_from_civil(year, d.month, d.day);
}

class DateTimeShiftExpr final : public Expr {
 public:
  // Operands: the DATE, TIME or TIMESTAMP first, the interval second; to_string() prints them
  // in the order written.
  DateTimeShiftExpr(bool plus, bool interval_first, std::vector<ExprPtr> operands)
      : Expr(operands[0]->type(), any_nullable(operands), std::move(operands)),
        plus_(plus),
        interval_first_(interval_first),
        months_(child(1).type().id == TypeId::IntervalMonths) {
    if (type().id != TypeId::Time) set_may_fail();  // past the calendar's range
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
    const TypeId id = type().id;
    for (size_t i = 0; i < n; ++i) {
      if (nulls && nulls[i]) continue;
      const int64_t at = point.i64(i), by = plus_ ? interval.i64(i) : -interval.i64(i);
      if (months_) {
        res[i] = shift_months(id, at, by);
      } else if (id == TypeId::Date) {
        if (__builtin_add_overflow(at, by / kMillisPerDay, &res[i]) || res[i] > kMaxDateDays ||
            res[i] < kMinDateDays) {
          overflow(id);
        }
      } else {  // TIME
        const int64_t moved = at + kMillisPerDay + by % kMillisPerDay;
        res[i] = truncate_time(moved % kMillisPerDay, type().precision);
      }
    }
  }

  std::string to_string() const override {
    const std::string point = operand_string(child(0)), interval = operand_string(child(1));
    const char* op = plus_ ? " + " : " - ";
    return interval_first_ ? interval + op + point : point + op + interval;
  }
  bool is_compound() const override { return true; }

 private:
  static int64_t shift_months(TypeId id, int64_t at, int64_t months) {
    switch (id) {
      case TypeId::Date:
        return add_months_to_days(at, months, id);
      case TypeId::Timestamp: {
        const int64_t days = floor_div(at, kMillisPerDay);
        return add_months_to_days(days, months, id) * kMillisPerDay + (at - days * kMillisPerDay);
      }
      default:
        return at;  // a TIME has no months
    }
  }

  bool plus_;
  bool interval_first_;
  bool months_;
};

}  // namespace

std::optional<Result<ExprPtr>> make_date_time_arithmetic(const std::string& op, ExprPtr& left,
                                                         ExprPtr& right) {
  const Type lt = left->type(), rt = right->type();
  const bool months = lt.id == TypeId::IntervalMonths || rt.id == TypeId::IntervalMonths;
  // A TIMESTAMP needs this only with months; with milliseconds it is plain addition.
  const auto is_point = [&](Type t) {
    return t.id == TypeId::Date || t.id == TypeId::Time || (months && t.id == TypeId::Timestamp);
  };
  if (!is_point(lt) && !is_point(rt)) return std::nullopt;
  const Type interval_type = months ? Type::interval_months() : Type::interval();
  const auto interval_like = [&](Type t) {
    return t.id == interval_type.id || t.id == TypeId::Null;
  };
  const bool plus = op == "+";
  if ((plus || op == "-") && is_point(lt) && interval_like(rt)) {
    return ExprPtr(std::make_unique<DateTimeShiftExpr>(
        plus, false, exprs(std::move(left), coerce(std::move(right), interval_type))));
  }
  if (plus && interval_like(lt) && is_point(rt)) {
    return ExprPtr(std::make_unique<DateTimeShiftExpr>(
        plus, true, exprs(std::move(right), coerce(std::move(left), interval_type))));
  }
  std::string message =
      fmt::format("operator {} cannot be applied to {} and {}", op, lt.to_string(), rt.to_string());
  if (op == "-" && lt.id == TypeId::Date && rt.id == TypeId::Date) {
    message += " (TIMESTAMPDIFF(DAY, d1, d2) counts the days between two dates)";
  }
  return Result<ExprPtr>(bind_error(message));
}

}  // namespace eddy::expr
