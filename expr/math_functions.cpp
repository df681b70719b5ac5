// Numeric function kernels. DOUBLE functions follow Java's Math (NaN for a domain error, no
// exception), as Flink does; ROUND on DOUBLE rounds the shortest decimal text of the value half
// away from zero, like Java's BigDecimal.valueOf(x).setScale(d, HALF_UP) (ROUND(2.675, 2) is 2.68).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "expr/decimal.h"
#include "expr/function.h"
#include "expr/time_util.h"

namespace eddy::expr {

namespace {

[[noreturn]] void integer_overflow() { fail(Error::Kind::Runtime, "integer overflow"); }

int64_t int_min(Type t) {
  return t.id == TypeId::Int ? std::numeric_limits<int32_t>::min()
                             : std::numeric_limits<int64_t>::min();
}

bool int_fits(Type t, i128 v) {
  if (t.id == TypeId::Int) {
    return v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max();
  }
  return v >= std::numeric_limits<int64_t>::min() && v <= std::numeric_limits<int64_t>::max();
}

template <class F>
void unary_double(const std::vector<Arg>& a, size_t n, Column& out, F&& f) {
  for (size_t i = 0; i < n; ++i) out.doubles[i] = f(a[0].f64(i));
}

template <class F>
void binary_double(const std::vector<Arg>& a, size_t n, Column& out, F&& f) {
  for (size_t i = 0; i < n; ++i) out.doubles[i] = f(a[0].f64(i), a[1].f64(i));
}

// Rounds (or truncates) x to `digits` fraction digits through its shortest decimal text.
double round_double(double x, int64_t digits, bool truncate) {
  if (!std::isfinite(x) || x == 0) return x;
  digits = std::clamp<int64_t>(digits, -400, 400);
  char text[64];
  const auto end = fmt::format_to_n(text, sizeof(text) - 1, "{}", std::fabs(x)).out;
  // value = 0.D * 10^point, D the significant digits
  std::string d;
  int64_t point = 0;
  bool seen_point = false;
  const char* p = text;
  for (; p < end && *p != 'e'; ++p) {
    if (*p == '.') {
      seen_point = true;
    } else {
      if (d.empty() && *p == '0') {
        if (seen_point) --point;
        continue;
      }
      d += *p;
      if (!seen_point) ++point;
    }
  }
  if (p < end && *p == 'e') point += std::strtol(p + 1, nullptr, 10);
  const int64_t keep = point + digits;  // significant digits kept
  if (keep <= 0) {
    // Everything is dropped: the result is 0, or one unit in the last kept place.
    const bool up = !truncate && keep == 0 && d[0] >= '5';
    const double r = up ? std::pow(10.0, double(-digits)) : 0.0;
    return x < 0 ? -r : r;
  }
  if (size_t(keep) >= d.size()) return x;  // nothing to drop
  std::string kept = d.substr(0, size_t(keep));
  if (!truncate && d[size_t(keep)] >= '5') {
    int k = int(kept.size()) - 1;
    while (k >= 0 && kept[size_t(k)] == '9') kept[size_t(k--)] = '0';
    if (k < 0) {
      kept.insert(kept.begin(), '1');
      ++point;
    } else {
      ++kept[size_t(k)];
    }
  }
  // kept digits followed by e(point - kept.size())
  const std::string s = fmt::format("{}e{}", kept, point - int64_t(kept.size()));
  double r = 0;
  std::from_chars(s.data(), s.data() + s.size(), r);
  return x < 0 ? -r : r;
}

void round_kernel(const std::vector<Arg>& a, size_t n, Column& out, bool truncate) {
  const Type in = a[0].col.type;
  each_row(n, out, [&](size_t i) {
    const int64_t digits = std::clamp<int64_t>(a[1].i64(i), -40, 40);
    switch (in.id) {
      case TypeId::Double:
        out.doubles[i] = round_double(a[0].f64(i), digits, truncate);
        return;
      case TypeId::Decimal: {
        const int s = in.scale, rs = out.type.scale;
        const i128 v = a[0].i64(i);
        if (digits >= s) {
          i128 r;
          if (!rescale(v, s, rs, r) || !fits_precision(r, out.type.precision)) integer_overflow();
          out.ints[i] = int64_t(r);
          return;
        }
        const int64_t drop = s - digits;  // digits dropped from the unscaled value
        i128 q = 0;
        if (drop <= 38) {
          const i128 p = pow10_i128(int(drop));
          q = truncate ? v / p : divide_round(v, p);
        }
        // back to the output scale: q is at scale `digits`
        const int64_t up = rs - digits;
        i128 r = 0;
        if (q != 0 && (up > 38 || __builtin_mul_overflow(q, pow10_i128(int(up)), &r))) {
          integer_overflow();
        }
        if (!fits_precision(r, out.type.precision)) {
          fail(Error::Kind::Runtime, "numeric overflow: result does not fit {}",
               out.type.to_string());
        }
        out.ints[i] = int64_t(r);
        return;
      }
      default: {
        const int64_t v = a[0].i64(i);
        if (digits >= 0) {
          out.ints[i] = v;
          return;
        }
        if (digits < -18) {
          out.ints[i] = 0;
          return;
        }
        const i128 p = pow10_i128(int(-digits));
        const i128 r = (truncate ? i128(v) / p : divide_round(v, p)) * p;
        if (!int_fits(out.type, r)) integer_overflow();
        out.ints[i] = int64_t(r);
        return;
      }
    }
  });
}

}  // namespace

EDDY_KERNEL(k_abs) {
  const Type t = out.type;
  if (t.id == TypeId::Double) return unary_double(a, n, out, [](double x) { return std::fabs(x); });
  const int64_t min = int_min(t);
  each_row(n, out, [&](size_t i) {
    const int64_t v = a[0].i64(i);
    if (v == min && t.id != TypeId::Decimal) integer_overflow();
    out.ints[i] = v < 0 ? -v : v;
  });
}

EDDY_KERNEL(k_sign) {
  const Type t = out.type;
  if (t.id == TypeId::Double) {
    return unary_double(a, n, out,
                        [](double x) { return std::isnan(x) ? x : double((x > 0) - (x < 0)); });
  }
  const int64_t one = t.id == TypeId::Decimal ? int64_t(pow10_i128(t.scale)) : 1;
  each_row(n, out, [&](size_t i) {
    const int64_t v = a[0].i64(i);
    out.ints[i] = ((v > 0) - (v < 0)) * one;
  });
}

EDDY_KERNEL(k_floor) {
  const Type in = a[0].col.type;
  if (in.id == TypeId::Double)
    return unary_double(a, n, out, [](double x) { return std::floor(x); });
  const int64_t p = in.id == TypeId::Decimal ? int64_t(pow10_i128(in.scale)) : 1;
  each_row(n, out, [&](size_t i) { out.ints[i] = floor_div(a[0].i64(i), p); });
}

EDDY_KERNEL(k_ceil) {
  const Type in = a[0].col.type;
  if (in.id == TypeId::Double)
    return unary_double(a, n, out, [](double x) { return std::ceil(x); });
  const int64_t p = in.id == TypeId::Decimal ? int64_t(pow10_i128(in.scale)) : 1;
  const bool decimal = out.type.id == TypeId::Decimal;
  each_row(n, out, [&](size_t i) {
    const int64_t v = a[0].i64(i);
    const int64_t c = floor_div(v, p) + (floor_mod(v, p) != 0);
    if (decimal && !fits_precision(c, out.type.precision)) {
      fail(Error::Kind::Runtime, "numeric overflow: result does not fit {}", out.type.to_string());
    }
    out.ints[i] = c;
  });
}

EDDY_KERNEL(k_round) { round_kernel(a, n, out, false); }
EDDY_KERNEL(k_truncate) { round_kernel(a, n, out, true); }

EDDY_KERNEL(k_power) {
  binary_double(a, n, out, [](double x, double y) { return std::pow(x, y); });
}
EDDY_KERNEL(k_sqrt) {
  unary_double(a, n, out, [](double x) { return std::sqrt(x); });
}
EDDY_KERNEL(k_ln) {
  unary_double(a, n, out, [](double x) { return std::log(x); });
}
EDDY_KERNEL(k_log10) {
  unary_double(a, n, out, [](double x) { return std::log10(x); });
}
EDDY_KERNEL(k_log2) {
  unary_double(a, n, out, [](double x) { return std::log2(x); });
}
EDDY_KERNEL(k_exp) {
  unary_double(a, n, out, [](double x) { return std::exp(x); });
}
EDDY_KERNEL(k_sin) {
  unary_double(a, n, out, [](double x) { return std::sin(x); });
}
EDDY_KERNEL(k_cos) {
  unary_double(a, n, out, [](double x) { return std::cos(x); });
}
EDDY_KERNEL(k_tan) {
  unary_double(a, n, out, [](double x) { return std::tan(x); });
}
EDDY_KERNEL(k_cot) {
  unary_double(a, n, out, [](double x) { return 1.0 / std::tan(x); });
}
EDDY_KERNEL(k_asin) {
  unary_double(a, n, out, [](double x) { return std::asin(x); });
}
EDDY_KERNEL(k_acos) {
  unary_double(a, n, out, [](double x) { return std::acos(x); });
}
EDDY_KERNEL(k_atan) {
  unary_double(a, n, out, [](double x) { return std::atan(x); });
}
EDDY_KERNEL(k_atan2) {
  binary_double(a, n, out, [](double y, double x) { return std::atan2(y, x); });
}
EDDY_KERNEL(k_degrees) {
  unary_double(a, n, out, [](double x) { return x * 180.0 / M_PI; });
}
EDDY_KERNEL(k_radians) {
  unary_double(a, n, out, [](double x) { return x * M_PI / 180.0; });
}
EDDY_KERNEL(k_pi) { std::fill(out.doubles.begin(), out.doubles.end(), M_PI); }
EDDY_KERNEL(k_e) { std::fill(out.doubles.begin(), out.doubles.end(), M_E); }

// LOG(x) is the natural logarithm; LOG(base, x) as Flink.
EDDY_KERNEL(k_log) {
  if (a.size() == 1) return unary_double(a, n, out, [](double x) { return std::log(x); });
  binary_double(a, n, out, [](double base, double x) { return std::log(x) / std::log(base); });
}

}  // namespace eddy::expr
