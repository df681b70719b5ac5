// Text -> typed values (see value_parse.h). Hand-written integer and decimal parsers because they
// sit in the csv hot loop; doubles go through fast_float.
#include "connectors/value_parse.h"

#include "expr/time_util.h"

#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <array>
#include <limits>

namespace eddy {

namespace {

inline bool is_digit(char c) { return static_cast<unsigned char>(c - '0') < 10; }

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c; }

bool iequal_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// 10^0 .. 10^18
constexpr std::array<int64_t, 19> kPow10 = [] {
  std::array<int64_t, 19> p{};
  p[0] = 1;
  for (size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}();

}  // namespace

ParseStatus parse_int64_text(std::string_view s, int64_t& out) {
  const char* p = s.data();
  const char* end = p + s.size();
  bool negative = false;
  if (p < end && (*p == '-' || *p == '+')) negative = *p++ == '-';
  if (p == end) return ParseStatus::Invalid;
  const uint64_t limit = negative ? uint64_t(1) << 63 : (uint64_t(1) << 63) - 1;
  uint64_t v = 0;
  bool overflow = false;
  for (; p < end; ++p) {
    if (!is_digit(*p)) return ParseStatus::Invalid;
    const uint64_t d = static_cast<uint64_t>(*p - '0');
    if (v > (limit - d) / 10)
      overflow = true;  // keep scanning: "12x" is Invalid, not a range error
    else
      v = v * 10 + d;
  }
  if (overflow) return ParseStatus::OutOfRange;
  out = negative ? static_cast<int64_t>(uint64_t(0) - v) : static_cast<int64_t>(v);
  return ParseStatus::Ok;
}

ParseStatus parse_int32_text(std::string_view s, int64_t& out) {
  ParseStatus st = parse_int64_text(s, out);
  if (st == ParseStatus::Ok &&
      (out < std::numeric_limits<int32_t>::min() || out > std::numeric_limits<int32_t>::max())) {
    return ParseStatus::OutOfRange;
  }
  return st;
}

ParseStatus parse_double_text(std::string_view s, double& out) {
  const char* p = s.data();
  const char* end = p + s.size();
  // fast_float follows std::from_chars, which takes no leading '+'.
  if (p < end && *p == '+' && p + 1 < end && *(p + 1) != '-' && *(p + 1) != '+') ++p;
  if (p == end) return ParseStatus::Invalid;
  auto [ptr, ec] = fast_float::from_chars(p, end, out);
  if (ptr != end) return ParseStatus::Invalid;
  if (ec == std::errc::invalid_argument) return ParseStatus::Invalid;
  // A magnitude beyond DOUBLE's range reads as +-Infinity, as in Java's Double.parseDouble.
  return ParseStatus::Ok;
}

ParseStatus parse_decimal_text(std::string_view s, int precision, int scale, int64_t& out) {
  if (precision <= 0 || precision > 18) precision = 18;
  if (scale < 0) scale = 0;
  if (scale > precision) scale = precision;
  const char* p = s.data();
  const char* end = p + s.size();
  bool negative = false;
  if (p < end && (*p == '-' || *p == '+')) negative = *p++ == '-';
  // Integer digits: at most precision - scale significant ones fit.
  const int max_int_digits = precision - scale;
  int64_t v = 0;
  int int_digits = 0, digits = 0;
  bool too_big = false;
  for (; p < end && is_digit(*p); ++p, ++digits) {
    if (int_digits == 0 && *p == '0') continue;  // leading zeros
    if (++int_digits > max_int_digits)
      too_big = true;
    else
      v = v * 10 + (*p - '0');
  }
  int frac_digits = 0;
  bool round_up = false;
  if (p < end && *p == '.') {
    ++p;
    for (; p < end && is_digit(*p); ++p, ++digits) {
      if (frac_digits < scale) {
        v = v * 10 + (*p - '0');
        ++frac_digits;
      } else if (frac_digits == scale) {
        round_up = *p >= '5';  // half-up on the first dropped digit
        ++frac_digits;
      }
    }
  }
  if (p != end || digits == 0) return ParseStatus::Invalid;
  if (too_big) return ParseStatus::OutOfRange;
  if (frac_digits < scale) v *= kPow10[scale - frac_digits];
  if (round_up) ++v;
  if (v >= kPow10[precision]) return ParseStatus::OutOfRange;
  out = negative ? -v : v;
  return ParseStatus::Ok;
}

ParseStatus parse_bool_text(std::string_view s, bool& out) {
  if (s.size() == 1) {
    if (s[0] == '1') return out = true, ParseStatus::Ok;
    if (s[0] == '0') return out = false, ParseStatus::Ok;
    return ParseStatus::Invalid;
  }
  if (iequal_ascii(s, "true")) return out = true, ParseStatus::Ok;
  if (iequal_ascii(s, "false")) return out = false, ParseStatus::Ok;
  return ParseStatus::Invalid;
}

ParseStatus parse_scalar_text(std::string_view text, const Type& type, int64_t& int_out,
                              double& double_out, TimestampDayCache* day_cache) {
  switch (type.id) {
    case TypeId::Boolean: {
      bool b = false;
      ParseStatus st = parse_bool_text(text, b);
      int_out = b;
      return st;
    }
    case TypeId::Int:
      return parse_int32_text(text, int_out);
    case TypeId::BigInt:
      return parse_int64_text(text, int_out);
    case TypeId::Double:
      return parse_double_text(text, double_out);
    case TypeId::Decimal:
      return parse_decimal_text(text, type.precision, type.scale, int_out);
    case TypeId::Timestamp:
      if (day_cache)
        return parse_timestamp(text, int_out, *day_cache) ? ParseStatus::Ok : ParseStatus::Invalid;
      return parse_timestamp(text, int_out) ? ParseStatus::Ok : ParseStatus::Invalid;
    case TypeId::Date:
      return parse_date(text, int_out) ? ParseStatus::Ok : ParseStatus::Invalid;
    case TypeId::Time:
      // A TIME(p) column keeps p fraction digits, as CAST does.
      if (!parse_time(text, int_out)) return ParseStatus::Invalid;
      int_out = truncate_time(int_out, type.precision);
      return ParseStatus::Ok;
    case TypeId::Interval: {
      ParseStatus st = parse_int64_text(text, int_out);
      if (st == ParseStatus::Invalid) {
        st = parse_duration(text, int_out) ? ParseStatus::Ok : ParseStatus::Invalid;
      }
      return st;
    }
    case TypeId::Null:
    case TypeId::String:
    case TypeId::IntervalMonths:  // never a column type
      break;
  }
  return ParseStatus::Invalid;
}

std::string quote_for_message(std::string_view text) {
  constexpr size_t kMax = 60;
  std::string out = "'";
  const size_t n = std::min(text.size(), kMax);
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    out += (c < 0x20 || c == 0x7f) ? '?' : char(c);
  }
  if (text.size() > kMax) out += "...";
  out += "'";
  return out;
}

std::string parse_error_text(ParseStatus status, std::string_view text, const Type& type) {
  if (status == ParseStatus::OutOfRange) {
    return fmt::format("value {} is out of range for {}", quote_for_message(text),
                       type.to_string());
  }
  return fmt::format("cannot parse {} as {}", quote_for_message(text), type.to_string());
}

}  // namespace eddy
