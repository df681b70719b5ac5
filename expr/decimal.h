// Exact DECIMAL arithmetic helpers: values are int64 scaled by 10^scale (types.h); intermediate
// results use 128-bit integers so that products and aligned sums of 18-digit values are exact.
#pragma once

#include <cstdint>
#include <string_view>

namespace eddy::expr {

using i128 = __int128;

inline i128 pow10_i128(int k) {
  static const auto kTable = [] {
    struct T {
      i128 v[39];
    } t{};
    t.v[0] = 1;
    for (int i = 1; i < 39; ++i) t.v[i] = t.v[i - 1] * 10;
    return t;
  }();
  return kTable.v[k];
}

inline i128 abs_i128(i128 v) { return v < 0 ? -v : v; }

// Whether |v| < 10^precision.
inline bool fits_precision(i128 v, int precision) { return abs_i128(v) < pow10_i128(precision); }

// Moves v from scale `from` to scale `to`, rounding half away from zero (Java's HALF_UP) when
// digits are dropped. False when scaling up overflows 128 bits.
inline bool rescale(i128 v, int from, int to, i128& out) {
  if (to >= from) {
    const int k = to - from;
    if (k > 38) return v == 0 ? (out = 0, true) : false;
    return !__builtin_mul_overflow(v, pow10_i128(k), &out);
  }
  const int k = from - to;
  if (k > 38) {
    out = 0;
    return true;
  }
  const i128 p = pow10_i128(k);
  i128 q = v / p;
  const i128 r = v % p;
  if (abs_i128(r) * 2 >= p) q += v < 0 ? -1 : 1;
  out = q;
  return true;
}

// Divides a by b (b != 0), rounding half away from zero.
inline i128 divide_round(i128 a, i128 b) {
  i128 q = a / b;
  const i128 r = a % b;
  if (abs_i128(r) * 2 >= abs_i128(b)) q += ((a < 0) != (b < 0)) ? -1 : 1;
  return q;
}

// Parses decimal text ("-12.5", "3", ".5", "1e3") into an unscaled value at `scale`, rounding
// half-up; false when malformed or when it does not fit `precision` digits.
bool parse_decimal_text(std::string_view text, int precision, int scale, int64_t& out);

}  // namespace eddy::expr
