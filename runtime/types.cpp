// Types, values and the text forms of timestamps, durations and decimals.
//
// Civil-date arithmetic follows Howard Hinnant's days_from_civil / civil_from_days algorithms
// (proleptic Gregorian calendar, exact for any int64 day count we can meet), because g++ 12 has
// neither std::chrono::parse nor the C++20 calendar formatting.
#include "eddy/types.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "expr/time_util.h"
#include "runtime/suggest.h"

namespace eddy {

// ---------------------------------------------------------------------------------------------
// Calendar helpers (declared in expr/time_util.h, shared with the time functions).

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilDate civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool is_leap_year(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int64_t floor_mod(int64_t a, int64_t b) { return a - floor_div(a, b) * b; }

CivilTime split_timestamp(Timestamp ms) {
  CivilTime t;
  const int64_t days = floor_div(ms, kMillisPerDay);
  int64_t rest = ms - days * kMillisPerDay;  // 0 .. kMillisPerDay-1, also for pre-1970 times
  t.date = civil_from_days(days);
  t.hour = static_cast<unsigned>(rest / 3'600'000);
  rest %= 3'600'000;
  t.minute = static_cast<unsigned>(rest / 60'000);
  rest %= 60'000;
  t.second = static_cast<unsigned>(rest / 1000);
  t.millis = static_cast<unsigned>(rest % 1000);
  return t;
}

Timestamp join_timestamp(const CivilTime& t) {
  return days_from_civil(t.date.year, t.date.month, t.date.day) * kMillisPerDay +
         int64_t(t.hour) * 3'600'000 + int64_t(t.minute) * 60'000 + int64_t(t.second) * 1000 +
         t.millis;
}

// ---------------------------------------------------------------------------------------------
// Types and values

std::string Type::to_string() const {
  switch (id) {
    case TypeId::Null:
      return "NULL";
    case TypeId::Boolean:
      return "BOOLEAN";
    case TypeId::Int:
      return "INT";
    case TypeId::BigInt:
      return "BIGINT";
    case TypeId::Double:
      return "DOUBLE";
    case TypeId::Decimal:
      return fmt::format("DECIMAL({}, {})", precision, scale);
    case TypeId::String:
      return "STRING";
    case TypeId::Timestamp:
      return "TIMESTAMP(3)";
    case TypeId::Interval:
      return "INTERVAL";
    case TypeId::Date:
      return "DATE";
    case TypeId::Time:
      return fmt::format("TIME({})", precision);
    case TypeId::IntervalMonths:
      return "INTERVAL MONTH";
  }
  return "?";
}

std::string format_double(double v) {
  // Java (and so Flink) spells the special values this way; shortest round-trip otherwise, with
  // ".0" on integral values so a DOUBLE never reads like an INT.
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  std::string s = fmt::format("{}", v);
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

std::string Value::to_string() const {
  if (is_null()) return "NULL";
  switch (type_.id) {
    case TypeId::Null:
      return "NULL";
    case TypeId::Boolean:
      return bool_value() ? "TRUE" : "FALSE";
    case TypeId::Int:
    case TypeId::BigInt:
      return fmt::format("{}", int_value());
    case TypeId::Double:
      return format_double(double_value());
    case TypeId::Decimal:
      return format_decimal(int_value(), type_.scale);
    case TypeId::String:
      return string_value();
    case TypeId::Timestamp:
      return format_timestamp(int_value());
    case TypeId::Interval:
      return format_interval(int_value());
    case TypeId::Date:
      return format_date(int_value());
    case TypeId::Time:
      return format_time(int_value(), type_.precision);
    case TypeId::IntervalMonths:
      return format_interval_months(int_value());
  }
  return "?";
}

int Schema::find(std::string_view name) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (iequals(fields[i].name, name)) return static_cast<int>(i);
  }
  return -1;
}

std::string format_offset(int64_t ms) {
  if (ms == 0) return "";
  return (ms > 0 ? " + " : " - ") + format_interval(ms > 0 ? ms : -ms);
}

bool Schema::is_rowtime(int column) const {
  if (column < 0) return false;
  return column == rowtime ||
         std::find(extra_rowtimes.begin(), extra_rowtimes.end(), column) != extra_rowtimes.end();
}

bool Schema::is_event_time(int column) const {
  if (is_rowtime(column)) return true;
  return column >= 0 &&
         std::find(watermarked.begin(), watermarked.end(), column) != watermarked.end();
}

const char* row_kind_symbol(RowKind kind) {
  switch (kind) {
    case RowKind::Insert:
      return "+I";
    case RowKind::UpdateBefore:
      return "-U";
    case RowKind::UpdateAfter:
      return "+U";
    case RowKind::Delete:
      return "-D";
  }
  return "?";
}

// ---------------------------------------------------------------------------------------------
// Timestamps

std::string format_timestamp(Timestamp ms) {
  const CivilTime t = split_timestamp(ms);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}", t.date.year, t.date.month,
                     t.date.day, t.hour, t.minute, t.second, t.millis);
}

namespace {

// Reads between min_digits and max_digits decimal digits at `pos`.
bool read_digits(std::string_view s, size_t& pos, int min_digits, int max_digits, int64_t& out) {
  int n = 0;
  out = 0;
  while (pos < s.size() && n < max_digits && std::isdigit(static_cast<unsigned char>(s[pos]))) {
    out = out * 10 + (s[pos] - '0');
    ++pos;
    ++n;
  }
  return n >= min_digits;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Reads a date, YYYY-M[M]-D[D], at `pos`; false when malformed or not a day of the calendar.
bool read_date(std::string_view s, size_t& pos, CivilDate& out) {
  int64_t year, month, day;
  if (!read_digits(s, pos, 4, 4, year) || pos >= s.size() || s[pos++] != '-' ||
      !read_digits(s, pos, 1, 2, month) || pos >= s.size() || s[pos++] != '-' ||
      !read_digits(s, pos, 1, 2, day)) {
    return false;
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, static_cast<unsigned>(month))) {
    return false;
  }
  out = {year, unsigned(month), unsigned(day)};
  return true;
}

// Reads a time of day, H[H]:M[M] with optional :S[S] and .F (1 to 9 digits), at `pos` into
// out.hour .. out.millis. Milliseconds are kept; finer digits are truncated (TIMESTAMP(3),
// TIME(3)). False when malformed or out of range.
bool read_time_of_day(std::string_view s, size_t& pos, CivilTime& out) {
  int64_t hour, minute, second = 0, millis = 0;
  if (!read_digits(s, pos, 1, 2, hour) || pos >= s.size() || s[pos++] != ':' ||
      !read_digits(s, pos, 1, 2, minute)) {
    return false;
  }
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!read_digits(s, pos, 1, 2, second)) return false;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      const size_t start = pos;
      if (!read_digits(s, pos, 1, 9, millis)) return false;
      int digits = static_cast<int>(pos - start);
      while (digits < 3) millis *= 10, ++digits;
      while (digits > 3) millis /= 10, --digits;
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return false;
  out.hour = unsigned(hour), out.minute = unsigned(minute), out.second = unsigned(second);
  out.millis = unsigned(millis);
  return true;
}

}  // namespace

bool parse_timestamp(std::string_view text, Timestamp& out) {
  TimestampDayCache cache;
  return parse_timestamp(text, out, cache);
}

bool parse_timestamp(std::string_view text, Timestamp& out, TimestampDayCache& cache) {
  if (read_canonical_timestamp(text, out, cache)) return true;
  std::string_view s = trim(text);
  size_t pos = 0;
  CivilTime t{};
  if (!read_date(s, pos, t.date)) return false;
  if (pos < s.size() && (s[pos] == ' ' || s[pos] == 'T')) {
    ++pos;
    if (!read_time_of_day(s, pos, t)) return false;
  }
  if (pos < s.size() && s[pos] == 'Z') ++pos;
  if (pos != s.size()) return false;
  out = join_timestamp(t);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Dates and times of day

std::string format_date(int64_t days) {
  const CivilDate d = civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

bool parse_date(std::string_view text, int64_t& out_days) {
  std::string_view s = trim(text);
  size_t pos = 0;
  CivilDate date;
  if (!read_date(s, pos, date) || pos != s.size()) return false;
  out_days = days_from_civil(date.year, date.month, date.day);
  return true;
}

std::string format_time(int64_t ms_of_day, int precision) {
  const int64_t ms = floor_mod(ms_of_day, kMillisPerDay);
  std::string out =
      fmt::format("{:02}:{:02}:{:02}", ms / 3'600'000, ms / 60'000 % 60, ms / 1000 % 60);
  if (precision > 0) {
    const std::string millis = fmt::format("{:03}", ms % 1000);
    out += '.';
    out.append(millis, 0, size_t(std::min(precision, 3)));
  }
  return out;
}

bool parse_time(std::string_view text, int64_t& out_ms) {
  std::string_view s = trim(text);
  size_t pos = 0;
  CivilTime t{};
  if (!read_time_of_day(s, pos, t) || pos != s.size()) return false;
  out_ms = int64_t(t.hour) * 3'600'000 + int64_t(t.minute) * 60'000 + int64_t(t.second) * 1000 +
           int64_t(t.millis);
  return true;
}

int64_t truncate_time(int64_t ms_of_day, int precision) {
  static constexpr int64_t kUnit[] = {1000, 100, 10, 1};
  const int64_t unit = kUnit[std::clamp(precision, 0, 3)];
  return ms_of_day - ms_of_day % unit;
}

// ---------------------------------------------------------------------------------------------
// Durations and intervals

namespace {

struct DurationUnit {
  const char* name;
  int64_t ms;
};

// Flink's TimeUtils spellings plus the SQL interval unit names, singular and plural.
constexpr DurationUnit kDurationUnits[] = {
    {"ms", 1},          {"milli", 1},          {"millis", 1},
    {"millisecond", 1}, {"milliseconds", 1},   {"s", 1000},
    {"sec", 1000},      {"secs", 1000},        {"second", 1000},
    {"seconds", 1000},  {"m", 60'000},         {"min", 60'000},
    {"mins", 60'000},   {"minute", 60'000},    {"minutes", 60'000},
    {"h", 3'600'000},   {"hour", 3'600'000},   {"hours", 3'600'000},
    {"d", 86'400'000},  {"day", 86'400'000},   {"days", 86'400'000},
    {"w", 604'800'000}, {"week", 604'800'000}, {"weeks", 604'800'000},
};

}  // namespace

bool parse_duration(std::string_view text, int64_t& out_ms) {
  std::string_view s = trim(text);
  size_t pos = 0;
  int64_t whole = 0;
  int digits = 0;
  while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
    if (whole > (std::numeric_limits<int64_t>::max() - 9) / 10) return false;
    whole = whole * 10 + (s[pos++] - '0');
    ++digits;
  }
  // An optional fraction ("1.5 s"), resolved to whole milliseconds below.
  int64_t frac = 0, frac_scale = 1;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      if (frac_scale < 1'000'000'000) {
        frac = frac * 10 + (s[pos] - '0');
        frac_scale *= 10;
      }
      ++pos;
      ++digits;
    }
  }
  if (digits == 0) return false;
  std::string_view unit = trim(s.substr(pos));
  int64_t unit_ms = 1;  // a bare number means milliseconds, as in Flink
  if (!unit.empty()) {
    bool found = false;
    for (const auto& u : kDurationUnits) {
      if (iequals(unit, u.name)) {
        unit_ms = u.ms;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  if (whole > std::numeric_limits<int64_t>::max() / unit_ms) return false;
  out_ms = whole * unit_ms + frac * unit_ms / frac_scale;
  return true;
}

std::string format_interval(int64_t ms) {
  if (ms == 0) return "0 s";
  std::string out;
  uint64_t rest;
  if (ms < 0) {
    out = "-";
    rest = uint64_t(0) - static_cast<uint64_t>(ms);
  } else {
    rest = static_cast<uint64_t>(ms);
  }
  static constexpr std::pair<uint64_t, const char*> kParts[] = {
      {86'400'000, "d"}, {3'600'000, "h"}, {60'000, "min"}, {1000, "s"}, {1, "ms"}};
  bool first = true;
  for (const auto& [unit, name] : kParts) {
    if (rest >= unit) {
      if (!first) out += ' ';
      out += fmt::format("{} {}", rest / unit, name);
      rest %= unit;
      first = false;
    }
  }
  return out;
}

std::string format_interval_months(int64_t months) {
  if (months == 0) return "0 months";
  const uint64_t rest = months < 0 ? uint64_t(0) - uint64_t(months) : uint64_t(months);
  const uint64_t years = rest / 12, remainder = rest % 12;
  std::string out = months < 0 ? "-" : "";
  if (years > 0) out += fmt::format("{} year{}", years, years == 1 ? "" : "s");
  if (years > 0 && remainder > 0) out += ' ';
  if (remainder > 0) out += fmt::format("{} month{}", remainder, remainder == 1 ? "" : "s");
  return out;
}

std::string format_decimal(int64_t unscaled, int scale) {
  const bool negative = unscaled < 0;
  const uint64_t magnitude =
      negative ? uint64_t(0) - static_cast<uint64_t>(unscaled) : static_cast<uint64_t>(unscaled);
  std::string digits = fmt::format("{}", magnitude);
  if (scale > 0) {
    if (digits.size() <= size_t(scale)) digits.insert(0, size_t(scale) + 1 - digits.size(), '0');
    digits.insert(digits.size() - size_t(scale), 1, '.');
  }
  if (negative) digits.insert(0, 1, '-');
  return digits;
}

}  // namespace eddy
