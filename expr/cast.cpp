// CAST, TRY_CAST and the implicit casts the factories insert.
//
// Choices (Flink where it has an answer):
//  - DOUBLE / DECIMAL -> INT / BIGINT truncate toward zero (Java's narrowing); out of range is an
//    error ("cannot cast 1.0E10 to INT"), not a wrap-around.
//  - DECIMAL -> DECIMAL and DOUBLE -> DECIMAL round half-up (BigDecimal.HALF_UP); a value that
//    does not fit the target precision is an error.
//  - STRING -> number/BOOLEAN/TIMESTAMP parses (surrounding blanks ignored); bad text is an
//    error `cannot cast 'abc' to INT`; TRY_CAST yields NULL instead of any of these errors.
//  - TIMESTAMP <-> BIGINT/INT is epoch milliseconds (Flink refuses this cast; eddy allows it
//    because timestamps are epoch milliseconds everywhere else: watermarks, TO_TIMESTAMP_LTZ).
//    INTERVAL <-> BIGINT is milliseconds likewise.
//  - DATE, TIME and TIMESTAMP convert as in Flink: TIMESTAMP -> DATE keeps the day, DATE ->
//    TIMESTAMP is its midnight, TIMESTAMP -> TIME keeps the time of day, TIME -> TIMESTAMP is that
//    time on 1970-01-01; TIME(p) keeps p fraction digits (truncated). DATE and TIME do not cast
//    to or from numbers (Flink refuses that too), nor DATE to TIME.
//  - anything -> STRING is the display text (Value::to_string): TRUE, 1.5, 2024-01-01 00:00:00.000,
//    2024-01-01, 10:20:30.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "expr/decimal.h"
#include "expr/expr_internal.h"
#include "expr/time_util.h"
#include "runtime/suggest.h"

namespace eddy::expr {

namespace {

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool int_fits(Type t, int64_t v) {
  return t.id != TypeId::Int ||
         (v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max());
}

bool parse_int(std::string_view text, int64_t& out) {
  text = trim_blanks(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

bool parse_double(std::string_view text, double& out) {
  text = trim_blanks(text);
  bool negative = false;
  std::string_view body = text;
  if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (iequals(body, "NaN")) {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (iequals(body, "Infinity") || iequals(body, "Inf")) {
    out = negative ? -std::numeric_limits<double>::infinity()
                   : std::numeric_limits<double>::infinity();
    return true;
  }
  if (body.empty() ||
      !(std::isdigit(static_cast<unsigned char>(body.front())) || body.front() == '.')) {
    return false;
  }
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), out);
  if (ec != std::errc() || end != body.data() + body.size()) return false;
  if (negative) out = -out;
  return true;
}

bool parse_bool(std::string_view text, bool& out) {
  text = trim_blanks(text);
  static constexpr std::string_view kTrue[] = {"true", "t", "yes", "y", "on", "1"};
  static constexpr std::string_view kFalse[] = {"false", "f", "no", "n", "off", "0"};
  for (auto w : kTrue) {
    if (iequals(text, w)) return out = true, true;
  }
  for (auto w : kFalse) {
    if (iequals(text, w)) return out = false, true;
  }
  return false;
}

// Truncates toward zero into an int64 of type t; false when out of range or not a number.
bool double_to_int(double d, Type t, int64_t& out) {
  if (!(d > -9223372036854775809.0 && d < 9223372036854775808.0)) return false;
  const double truncated = std::trunc(d);
  if (truncated >= 9223372036854775807.0) return false;
  out = static_cast<int64_t>(truncated);
  return int_fits(t, out);
}

bool decimal_from_i128(i128 v, Type target, int64_t& out) {
  if (!fits_precision(v, target.precision)) return false;
  out = static_cast<int64_t>(v);
  return true;
}

bool cast_may_fail(Type from, Type to) {
  if (from == to || from.id == TypeId::Null || to.id == TypeId::String) return false;
  if (from.id == TypeId::Boolean) return to.id == TypeId::Decimal && to.precision <= to.scale;
  if (from.id == TypeId::Int && (to.id == TypeId::BigInt || to.id == TypeId::Double)) return false;
  if (from.id == TypeId::BigInt && to.id == TypeId::Double) return false;
  if (from.id == TypeId::Decimal && to.id == TypeId::Double) return false;
  if (from.is_numeric() && to.id == TypeId::Boolean) return false;
  if (from.id == TypeId::Timestamp && to.id == TypeId::BigInt) return false;
  if (from.id == TypeId::Interval && to.id == TypeId::BigInt) return false;
  if (from.id == TypeId::Date && to.id == TypeId::Timestamp) return false;
  if (from.id == TypeId::Time && to.id == TypeId::Timestamp) return false;
  if (from.id == TypeId::Time && to.id == TypeId::Time) return false;
  return true;
}

// The offending value as the error message shows it: strings quoted.
std::string value_text(const Arg& in, size_t row) {
  const Value v = in.col.get(row * in.stride);
  return v.type().id == TypeId::String ? "'" + v.string_value() + "'" : v.to_string();
}

// Value::to_string() of one cell, written into a reused buffer (no allocation per row).
void append_display_text(fmt::memory_buffer& buf, const Arg& in, size_t i) {
  auto it = std::back_inserter(buf);
  const Type type = in.col.type;
  switch (type.id) {
    case TypeId::Boolean:
      fmt::format_to(it, "{}", in.i64(i) ? "TRUE" : "FALSE");
      return;
    case TypeId::Int:
    case TypeId::BigInt:
      fmt::format_to(it, "{}", in.i64(i));
      return;
    case TypeId::Double: {
      const double d = in.f64(i);
      if (!std::isfinite(d)) {
        fmt::format_to(it, "{}", format_double(d));
        return;
      }
      const size_t start = buf.size();
      fmt::format_to(it, "{}", d);
      if (std::string_view(buf.data() + start, buf.size() - start).find_first_of(".eE") ==
          std::string_view::npos) {
        fmt::format_to(it, ".0");
      }
      return;
    }
    case TypeId::Decimal: {
      const int64_t v = in.i64(i);
      const uint64_t mag = v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
      const uint64_t p = uint64_t(pow10_i128(type.scale));
      if (v < 0) buf.push_back('-');
      fmt::format_to(it, "{}", mag / p);
      if (type.scale > 0) fmt::format_to(it, ".{:0{}}", mag % p, int(type.scale));
      return;
    }
    case TypeId::Timestamp: {
      const CivilTime t = split_timestamp(in.i64(i));
      fmt::format_to(it, "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}", t.date.year, t.date.month,
                     t.date.day, t.hour, t.minute, t.second, t.millis);
      return;
    }
    case TypeId::Interval:
      fmt::format_to(it, "{}", format_interval(in.i64(i)));
      return;
    case TypeId::Date: {
      const CivilDate d = civil_from_days(in.i64(i));
      fmt::format_to(it, "{:04}-{:02}-{:02}", d.year, d.month, d.day);
      return;
    }
    case TypeId::Time:
      fmt::format_to(it, "{}", format_time(in.i64(i), type.precision));
      return;
    case TypeId::IntervalMonths:
      fmt::format_to(it, "{}", format_interval_months(in.i64(i)));
      return;
    case TypeId::String:
      fmt::format_to(it, "{}", in.str(i));
      return;
    case TypeId::Null:
      fmt::format_to(it, "NULL");
      return;
  }
}

}  // namespace

bool parse_decimal_text(std::string_view text, int precision, int scale, int64_t& out) {
  text = trim_blanks(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  // value = digits * 10^exponent
  std::string digits;
  int64_t exponent = 0;
  size_t pos = 0;
  bool any_digit = false, seen_point = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      any_digit = true;
      if (!(digits.empty() && c == '0')) digits += c;
      if (seen_point) --exponent;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return false;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    int64_t e;
    std::string_view rest = text.substr(pos + 1);
    if (!rest.empty() && rest.front() == '+') rest.remove_prefix(1);
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), e);
    if (ec != std::errc() || end != rest.data() + rest.size() || e > 1000 || e < -1000)
      return false;
    exponent += e;
    pos = text.size();
  }
  if (pos != text.size()) return false;
  if (digits.empty()) return out = 0, true;
  // unscaled = digits * 10^k
  const int64_t k = exponent + scale;
  std::string whole;
  bool round_up = false;
  if (k >= 0) {
    if (int64_t(digits.size()) + k > precision) return false;
    whole = digits + std::string(size_t(k), '0');
  } else {
    const int64_t keep = int64_t(digits.size()) + k;
    if (keep > 0) {
      whole = digits.substr(0, size_t(keep));
      round_up = digits[size_t(keep)] >= '5';
    } else {
      whole = "0";
      round_up = keep == 0 && digits[0] >= '5';
    }
  }
  if (int64_t(whole.size()) > precision + 1) return false;
  i128 v = 0;
  for (char c : whole) v = v * 10 + (c - '0');
  if (round_up) ++v;
  if (!fits_precision(v, precision)) return false;
  out = static_cast<int64_t>(negative ? -v : v);
  return true;
}

bool castable(Type from, Type to) {
  if (from == to || from.id == TypeId::Null) return true;
  if (to.id == TypeId::Null) return false;
  if (to.id == TypeId::String || from.id == TypeId::String) return true;
  const auto numeric_or_bool = [](Type t) { return t.is_numeric() || t.id == TypeId::Boolean; };
  if (numeric_or_bool(from) && numeric_or_bool(to)) return true;
  if ((from.id == TypeId::Timestamp || from.id == TypeId::Interval) && to.is_integer()) return true;
  if ((to.id == TypeId::Timestamp || to.id == TypeId::Interval) && from.is_integer()) return true;
  // DATE and TIME each convert to and from TIMESTAMP only.
  if (from.id == TypeId::Timestamp && (to.id == TypeId::Date || to.id == TypeId::Time)) return true;
  if (to.id == TypeId::Timestamp && (from.id == TypeId::Date || from.id == TypeId::Time))
    return true;
  return from.id == to.id;  // DECIMALs of other shapes, ...
}

void cast_column(const Arg& in, Type target, bool try_cast, size_t n, Column& out) {
  const Type from = in.col.type;
  reset_column(out, target, n);
  if (from.id == TypeId::Null || in.all_null()) {
    out.nulls.assign(n, n ? 1 : 0);
    return;
  }
  // Runs `convert(row, out_row)` for each non-NULL row; a false return is a failed conversion.
  const auto each = [&](auto&& convert) {
    for (size_t i = 0; i < n; ++i) {
      if (in.null(i)) {
        out.set_null(i);
        continue;
      }
      if (!convert(i)) {
        if (!try_cast)
          fail(Error::Kind::Runtime, "cannot cast {} to {}", value_text(in, i), target.to_string());
        out.set_null(i);
        if (!out.ints.empty()) out.ints[i] = 0;  // no half-converted value under the NULL
        if (!out.doubles.empty()) out.doubles[i] = 0;
      }
    }
  };
  const TypeId f = from.id, t = target.id;
  auto& ints = out.ints;

  if (t == TypeId::String) {
    if (f == TypeId::String) {
      out.share_arenas(in.col);
      each([&](size_t i) { return out.strings[i] = in.str(i), true; });
      return;
    }
    Arena& arena = out.arena();
    fmt::memory_buffer buf;
    each([&](size_t i) {
      buf.clear();
      append_display_text(buf, in, i);
      out.strings[i] = arena.store({buf.data(), buf.size()});
      return true;
    });
    return;
  }

  // The calendar conversions; the others below never involve DATE or TIME.
  if (t == TypeId::Date && f == TypeId::Timestamp) {
    each([&](size_t i) { return ints[i] = floor_div(in.i64(i), kMillisPerDay), true; });
    return;
  }
  if (t == TypeId::Time && f == TypeId::Timestamp) {
    each([&](size_t i) {
      return ints[i] = truncate_time(floor_mod(in.i64(i), kMillisPerDay), target.precision), true;
    });
    return;
  }
  if (t == TypeId::Date && f == TypeId::Date) {
    each([&](size_t i) { return ints[i] = in.i64(i), true; });
    return;
  }
  if (t == TypeId::Time && f == TypeId::Time) {
    each([&](size_t i) { return ints[i] = truncate_time(in.i64(i), target.precision), true; });
    return;
  }
  if (t == TypeId::Timestamp && f == TypeId::Date) {
    // Days beyond what milliseconds can hold overflow; the DATE range never gets near that.
    each([&](size_t i) { return !__builtin_mul_overflow(in.i64(i), kMillisPerDay, &ints[i]); });
    return;
  }
  if (t == TypeId::Timestamp && f == TypeId::Time) {
    each([&](size_t i) { return ints[i] = in.i64(i), true; });
    return;
  }
  if (t == TypeId::Date && f == TypeId::String) {
    each([&](size_t i) { return parse_date(in.str(i), ints[i]); });
    return;
  }
  if (t == TypeId::Time && f == TypeId::String) {
    each([&](size_t i) {
      if (!parse_time(in.str(i), ints[i])) return false;
      ints[i] = truncate_time(ints[i], target.precision);
      return true;
    });
    return;
  }

  switch (f) {
    case TypeId::Boolean:
    case TypeId::Int:
    case TypeId::BigInt:
    case TypeId::Timestamp:
    case TypeId::Interval: {
      const bool boolean = f == TypeId::Boolean;
      switch (t) {
        case TypeId::Boolean:
          each([&](size_t i) { return ints[i] = in.i64(i) != 0, true; });
          return;
        case TypeId::Double:
          each([&](size_t i) { return out.doubles[i] = double(in.i64(i)), true; });
          return;
        case TypeId::Decimal:
          each([&](size_t i) {
            const i128 v = i128(boolean ? (in.i64(i) != 0) : in.i64(i)) * pow10_i128(target.scale);
            return decimal_from_i128(v, target, ints[i]);
          });
          return;
        default:
          each([&](size_t i) {
            ints[i] = in.i64(i);
            return int_fits(target, ints[i]);
          });
          return;
      }
    }
    case TypeId::Double:
      switch (t) {
        case TypeId::Double:
          each([&](size_t i) { return out.doubles[i] = in.f64(i), true; });
          return;
        case TypeId::Boolean:
          each([&](size_t i) { return ints[i] = in.f64(i) != 0, true; });
          return;
        case TypeId::Decimal:
          // Through the shortest decimal text, as Java's BigDecimal.valueOf(double): 0.1 -> 0.10.
          each([&](size_t i) {
            const double d = in.f64(i);
            return std::isfinite(d) && parse_decimal_text(fmt::format("{}", d), target.precision,
                                                          target.scale, ints[i]);
          });
          return;
        case TypeId::Int:
        case TypeId::BigInt:
          each([&](size_t i) { return double_to_int(in.f64(i), target, ints[i]); });
          return;
        default:
          break;
      }
      break;
    case TypeId::Decimal: {
      const int s = from.scale;
      switch (t) {
        case TypeId::Double: {
          const double p = double(pow10_i128(s));
          each([&](size_t i) { return out.doubles[i] = double(in.i64(i)) / p, true; });
          return;
        }
        case TypeId::Boolean:
          each([&](size_t i) { return ints[i] = in.i64(i) != 0, true; });
          return;
        case TypeId::Decimal:
          each([&](size_t i) {
            i128 v;
            return rescale(in.i64(i), s, target.scale, v) && decimal_from_i128(v, target, ints[i]);
          });
          return;
        case TypeId::Int:
        case TypeId::BigInt: {
          const int64_t p = int64_t(pow10_i128(s));
          each([&](size_t i) {
            ints[i] = in.i64(i) / p;  // truncation toward zero
            return int_fits(target, ints[i]);
          });
          return;
        }
        default:
          break;
      }
      break;
    }
    case TypeId::String:
      switch (t) {
        case TypeId::Int:
        case TypeId::BigInt:
          each(
              [&](size_t i) { return parse_int(in.str(i), ints[i]) && int_fits(target, ints[i]); });
          return;
        case TypeId::Double:
          each([&](size_t i) { return parse_double(in.str(i), out.doubles[i]); });
          return;
        case TypeId::Decimal:
          each([&](size_t i) {
            return parse_decimal_text(in.str(i), target.precision, target.scale, ints[i]);
          });
          return;
        case TypeId::Boolean:
          each([&](size_t i) {
            bool b;
            if (!parse_bool(in.str(i), b)) return false;
            ints[i] = b;
            return true;
          });
          return;
        case TypeId::Timestamp: {
          TimestampDayCache day_cache;  // the rows of a batch mostly share their day
          each([&](size_t i) { return parse_timestamp(in.str(i), ints[i], day_cache); });
          return;
        }
        case TypeId::Interval:
          each([&](size_t i) { return parse_duration(in.str(i), ints[i]); });
          return;
        default:
          break;
      }
      break;
    default:
      break;
  }
  fail(Error::Kind::Runtime, "cannot cast {} to {}", from.to_string(), target.to_string());
}

namespace {

class CastExpr final : public Expr {
 public:
  CastExpr(std::vector<ExprPtr> operand, Type target, bool try_cast, bool implicit)
      : Expr(target, operand[0]->nullable() || try_cast, std::move(operand)),
        try_cast_(try_cast),
        implicit_(implicit) {
    if (!try_cast && cast_may_fail(child(0).type(), target)) set_may_fail();
  }

  void eval(const Batch& input, Column& out) const override {
    Arg in;
    eval_arg(child(0), input, in);
    cast_column(in, type(), try_cast_, input.rows, out);
  }
  std::string to_string() const override {
    if (implicit_) return child(0).to_string();
    return fmt::format("{}({} AS {})", try_cast_ ? "TRY_CAST" : "CAST", child(0).to_string(),
                       type().to_string());
  }
  bool is_compound() const override { return implicit_ && expr::is_compound(child(0)); }

 private:
  bool try_cast_;
  bool implicit_;
};

}  // namespace

ExprPtr coerce(ExprPtr e, Type target) {
  const Type from = e->type();
  if (from == target) return e;
  // Shared representations need no conversion.
  if (from.id == TypeId::Int && target.id == TypeId::BigInt) return e;
  if (from.id == TypeId::Decimal && target.id == TypeId::Decimal && from.scale == target.scale &&
      from.precision <= target.precision) {
    return e;
  }
  return std::make_unique<CastExpr>(exprs(std::move(e)), target, false, true);
}

}  // namespace eddy::expr

namespace eddy {

Result<ExprPtr> make_cast(ExprPtr operand, Type target, bool try_cast) {
  const Type from = operand->type();
  if (target.id == TypeId::Decimal &&
      (target.precision < 1 || target.precision > 18 || target.scale > target.precision)) {
    return expr::bind_error(fmt::format(
        "DECIMAL({}, {}) is not supported: precision must be 1..18 and scale at most precision",
        target.precision, target.scale));
  }
  if (!expr::castable(from, target)) {
    return expr::bind_error(
        fmt::format("cannot cast {} to {}", from.to_string(), target.to_string()));
  }
  return ExprPtr(
      std::make_unique<expr::CastExpr>(expr::exprs(std::move(operand)), target, try_cast, false));
}

}  // namespace eddy
