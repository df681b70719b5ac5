// Time function kernels. TIMESTAMP(3) values are epoch milliseconds without a time zone, so
// "local" and "UTC" coincide: TO_TIMESTAMP_LTZ and UNIX_TIMESTAMP treat epochs as UTC.
//
// Semantics follow Flink (and Calcite behind it): EXTRACT(DOW) is 1 = Sunday .. 7 = Saturday,
// WEEK is the ISO week, EXTRACT(MILLISECOND) is the seconds field in milliseconds (12.345 s ->
// 12345, as Calcite and PostgreSQL), EPOCH is whole seconds. DATE_FORMAT / TO_TIMESTAMP take
// java.time-style patterns (yyyy MM dd HH mm ss SSS, 'quoted text', MMM / EEE names).
//
// DATE and TIME arguments arrive as TIMESTAMPs (the function table casts them: a DATE is its
// midnight, a TIME that time on 1970-01-01), so one kernel serves all three.
//
// CURRENT_TIMESTAMP / LOCALTIMESTAMP / NOW() / PROCTIME() / UNIX_TIMESTAMP() and CURRENT_DATE /
// CURRENT_TIME / LOCALTIME read the processing
// clock of the query being evaluated (expr/eval_context.h; the wall clock outside a query),
// once per batch: they are non-deterministic, so they are never constant-folded.
#include <algorithm>
#include <cctype>
#include <limits>

#include <fmt/format.h>

#include "expr/eval_context.h"
#include "expr/function.h"
#include "expr/time_util.h"
#include "runtime/suggest.h"

namespace eddy::expr {

namespace {

// ---------------------------------------------------------------------------------------------
// Units

enum class Unit {
  Millennium,
  Century,
  Decade,
  Year,
  Quarter,
  Month,
  Week,
  Day,
  Hour,
  Minute,
  Second,
  Millisecond,
  Microsecond,
  Dow,
  IsoDow,
  Doy,
  Epoch
};

struct UnitName {
  const char* name;
  Unit unit;
};

constexpr UnitName kUnits[] = {
    {"MILLENNIUM", Unit::Millennium},
    {"CENTURY", Unit::Century},
    {"DECADE", Unit::Decade},
    {"YEAR", Unit::Year},
    {"YEARS", Unit::Year},
    {"QUARTER", Unit::Quarter},
    {"MONTH", Unit::Month},
    {"MONTHS", Unit::Month},
    {"WEEK", Unit::Week},
    {"WEEKS", Unit::Week},
    {"DAY", Unit::Day},
    {"DAYS", Unit::Day},
    {"HOUR", Unit::Hour},
    {"HOURS", Unit::Hour},
    {"MINUTE", Unit::Minute},
    {"MINUTES", Unit::Minute},
    {"SECOND", Unit::Second},
    {"SECONDS", Unit::Second},
    {"MILLISECOND", Unit::Millisecond},
    {"MILLISECONDS", Unit::Millisecond},
    {"MICROSECOND", Unit::Microsecond},
    {"DOW", Unit::Dow},
    {"DAYOFWEEK", Unit::Dow},
    {"ISODOW", Unit::IsoDow},
    {"DOY", Unit::Doy},
    {"DAYOFYEAR", Unit::Doy},
    {"EPOCH", Unit::Epoch},
    {"DAYOFMONTH", Unit::Day},
};

std::optional<Unit> find_unit(std::string_view name) {
  for (const auto& u : kUnits) {
    if (iequals(name, u.name)) return u.unit;
  }
  return std::nullopt;
}

struct UnitState {
  Unit unit;
};

// Milliseconds of the fixed-length units; 0 for calendar units.
int64_t unit_millis(Unit u) {
  switch (u) {
    case Unit::Millisecond:
      return 1;
    case Unit::Second:
      return 1000;
    case Unit::Minute:
      return 60'000;
    case Unit::Hour:
      return 3'600'000;
    case Unit::Day:
      return kMillisPerDay;
    case Unit::Week:
      return 7 * kMillisPerDay;
    default:
      return 0;
  }
}

int64_t unit_months(Unit u) {
  switch (u) {
    case Unit::Month:
      return 1;
    case Unit::Quarter:
      return 3;
    case Unit::Year:
      return 12;
    default:
      return 0;
  }
}

int64_t iso_week(int64_t days) {
  const int64_t dow = floor_mod(days + 3, 7) + 1;  // Monday = 1
  const int64_t thursday = days + (4 - dow);
  const int64_t year = civil_from_days(thursday).year;
  return (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
}

int64_t extract_field(Unit unit, Timestamp ms) {
  const CivilTime t = split_timestamp(ms);
  const int64_t days = floor_div(ms, kMillisPerDay);
  const int64_t y = t.date.year;
  switch (unit) {
    case Unit::Millennium:
      return y > 0 ? (y + 999) / 1000 : -((999 - y) / 1000);
    case Unit::Century:
      return y > 0 ? (y + 99) / 100 : -((99 - y) / 100);
    case Unit::Decade:
      return floor_div(y, 10);
    case Unit::Year:
      return y;
    case Unit::Quarter:
      return (t.date.month - 1) / 3 + 1;
    case Unit::Month:
      return t.date.month;
    case Unit::Week:
      return iso_week(days);
    case Unit::Day:
      return t.date.day;
    case Unit::Hour:
      return t.hour;
    case Unit::Minute:
      return t.minute;
    case Unit::Second:
      return t.second;
    case Unit::Millisecond:
      return int64_t(t.second) * 1000 + t.millis;
    case Unit::Microsecond:
      return (int64_t(t.second) * 1000 + t.millis) * 1000;
    case Unit::Dow:
      return floor_mod(days + 4, 7) + 1;
    case Unit::IsoDow:
      return floor_mod(days + 3, 7) + 1;
    case Unit::Doy:
      return days - days_from_civil(y, 1, 1) + 1;
    case Unit::Epoch:
      return floor_div(ms, 1000);
  }
  return 0;
}

[[noreturn]] void timestamp_overflow() { fail(Error::Kind::Runtime, "timestamp overflow"); }

Timestamp add_months(Timestamp ms, int64_t months) {
  CivilTime t = split_timestamp(ms);
  const int64_t total = t.date.year * 12 + (t.date.month - 1) + months;
  t.date.year = floor_div(total, 12);
  t.date.month = unsigned(floor_mod(total, 12) + 1);
  t.date.day = std::min(t.date.day, days_in_month(t.date.year, t.date.month));
  return join_timestamp(t);
}

Timestamp floor_to(Unit unit, Timestamp ms) {
  if (unit == Unit::Week) {  // ISO weeks start on Monday
    const int64_t days = floor_div(ms, kMillisPerDay);
    return (days - floor_mod(days + 3, 7)) * kMillisPerDay;
  }
  if (const int64_t fixed = unit_millis(unit)) return floor_div(ms, fixed) * fixed;
  CivilTime t = split_timestamp(ms);
  unsigned month = t.date.month;
  if (unit == Unit::Quarter) month = (month - 1) / 3 * 3 + 1;
  if (unit == Unit::Year) month = 1;
  return days_from_civil(t.date.year, month, 1) * kMillisPerDay;
}

Timestamp add_units(Unit unit, int64_t n, Timestamp ms) {
  if (const int64_t months = unit_months(unit)) {
    int64_t total;
    if (__builtin_mul_overflow(n, months, &total) || total > 12 * 1'000'000 ||
        total < -12 * 1'000'000) {
      timestamp_overflow();
    }
    return add_months(ms, total);
  }
  int64_t delta, r;
  if (__builtin_mul_overflow(n, unit_millis(unit), &delta) ||
      __builtin_add_overflow(ms, delta, &r)) {
    timestamp_overflow();
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Date patterns

struct PatternToken {
  char letter = 0;  // 0: literal text
  int count = 0;
  std::string literal;
};

struct DatePattern {
  std::string text;
  std::vector<PatternToken> tokens;
};

constexpr std::string_view kPatternLetters = "GyYuMLQqdDEaHkKhmsSXxZz";

bool compile_pattern(std::string_view text, DatePattern& out, std::string& error) {
  out.text.assign(text);
  out.tokens.clear();
  const auto literal = [&](char c) {
    if (out.tokens.empty() || out.tokens.back().letter != 0) out.tokens.push_back({});
    out.tokens.back().literal += c;
  };
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\'') {
      if (i + 1 < text.size() && text[i + 1] == '\'') {
        literal('\'');
        i += 2;
        continue;
      }
      size_t j = i + 1;
      for (; j < text.size(); ++j) {
        if (text[j] == '\'') {
          if (j + 1 < text.size() && text[j + 1] == '\'') {
            literal('\'');
            ++j;
            continue;
          }
          break;
        }
        literal(text[j]);
      }
      if (j >= text.size()) {
        error = fmt::format("unterminated quote in date pattern '{}'", text);
        return false;
      }
      i = j + 1;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      if (kPatternLetters.find(c) == std::string_view::npos) {
        error = fmt::format("unsupported letter '{}' in date pattern '{}'", c, text);
        return false;
      }
      size_t j = i;
      while (j < text.size() && text[j] == c) ++j;
      out.tokens.push_back({c, int(j - i), {}});
      i = j;
    } else {
      literal(c);
      ++i;
    }
  }
  return true;
}

constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};
constexpr const char* kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};

// Appends v zero-padded to at least `width` digits (fmt's dynamic-width path is several times
// slower, and DATE_FORMAT runs per row).
void append_number(fmt::memory_buffer& buf, int64_t v, int width) {
  char digits[24];
  int n = 0;
  uint64_t mag = v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
  do {
    digits[n++] = char('0' + mag % 10);
    mag /= 10;
  } while (mag > 0);
  if (v < 0) buf.push_back('-');
  for (int k = n; k < width; ++k) buf.push_back('0');
  while (n > 0) buf.push_back(digits[--n]);
}

void append_text(fmt::memory_buffer& buf, std::string_view s) { buf.append(s); }

void format_with(const DatePattern& pattern, Timestamp ms, fmt::memory_buffer& buf) {
  const CivilTime t = split_timestamp(ms);
  const int64_t days = floor_div(ms, kMillisPerDay);
  for (const PatternToken& tok : pattern.tokens) {
    const int w = tok.count;
    switch (tok.letter) {
      case 0:
        append_text(buf, tok.literal);
        break;
      case 'G':
        append_text(buf, t.date.year > 0 ? "AD" : "BC");
        break;
      case 'y':
      case 'Y':
      case 'u':
        if (w == 2) {
          append_number(buf, floor_mod(t.date.year, 100), 2);
        } else {
          append_number(buf, t.date.year, w);
        }
        break;
      case 'M':
      case 'L': {
        const std::string_view name = kMonths[t.date.month - 1];
        if (w >= 4) {
          append_text(buf, name);
        } else if (w == 3) {
          append_text(buf, name.substr(0, 3));
        } else {
          append_number(buf, t.date.month, w);
        }
        break;
      }
      case 'Q':
      case 'q': {
        const unsigned q = (t.date.month - 1) / 3 + 1;
        if (w == 3) buf.push_back('Q');
        append_number(buf, q, w == 3 ? 1 : w);
        break;
      }
      case 'd':
        append_number(buf, t.date.day, w);
        break;
      case 'D':
        append_number(buf, days - days_from_civil(t.date.year, 1, 1) + 1, w);
        break;
      case 'E': {
        const std::string_view name = kWeekdays[floor_mod(days + 3, 7)];
        append_text(buf, w >= 4 ? name : name.substr(0, 3));
        break;
      }
      case 'a':
        append_text(buf, t.hour < 12 ? "AM" : "PM");
        break;
      case 'H':
        append_number(buf, t.hour, w);
        break;
      case 'k':
        append_number(buf, t.hour == 0 ? 24 : t.hour, w);
        break;
      case 'K':
        append_number(buf, t.hour % 12, w);
        break;
      case 'h':
        append_number(buf, t.hour % 12 == 0 ? 12 : t.hour % 12, w);
        break;
      case 'm':
        append_number(buf, t.minute, w);
        break;
      case 's':
        append_number(buf, t.second, w);
        break;
      case 'S': {
        // Fraction of a second: the first w digits of .mmm000...
        const char digits[3] = {char('0' + t.millis / 100), char('0' + t.millis / 10 % 10),
                                char('0' + t.millis % 10)};
        for (int k = 0; k < w; ++k) buf.push_back(k < 3 ? digits[k] : '0');
        break;
      }
      case 'X':
        buf.push_back('Z');
        break;
      case 'x':
        append_text(buf, w == 1 ? "+00" : (w == 2 ? "+0000" : "+00:00"));
        break;
      case 'Z':
        append_text(buf, "+0000");
        break;
      case 'z':
        append_text(buf, "UTC");
        break;
    }
  }
}

bool numeric_letter(const PatternToken& tok) {
  switch (tok.letter) {
    case 'y':
    case 'Y':
    case 'u':
    case 'd':
    case 'D':
    case 'H':
    case 'k':
    case 'K':
    case 'h':
    case 'm':
    case 's':
    case 'S':
      return true;
    case 'M':
    case 'L':
      return tok.count <= 2;
    default:
      return false;
  }
}

bool parse_with(const DatePattern& pattern, std::string_view s, Timestamp& out) {
  int64_t year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0;
  int64_t offset_minutes = 0;
  int pm = -1;  // -1 unknown, 0 AM, 1 PM
  bool twelve_hour = false;
  size_t pos = 0;
  const auto read_number = [&](size_t max_width, int64_t& v, size_t& width) {
    width = 0;
    v = 0;
    while (pos < s.size() && width < max_width &&
           std::isdigit(static_cast<unsigned char>(s[pos]))) {
      v = v * 10 + (s[pos++] - '0');
      ++width;
    }
    return width > 0;
  };
  const auto read_name = [&](const char* const* names, size_t count, int64_t& index) {
    for (size_t k = 0; k < count; ++k) {
      const std::string_view full = names[k];
      for (size_t len : {full.size(), size_t(3)}) {
        if (pos + len <= s.size() && iequals(s.substr(pos, len), full.substr(0, len))) {
          index = int64_t(k);
          pos += len;
          return true;
        }
      }
    }
    return false;
  };
  const auto& tokens = pattern.tokens;
  for (size_t k = 0; k < tokens.size(); ++k) {
    const PatternToken& tok = tokens[k];
    // A numeric field directly followed by another takes exactly its width ("yyyyMMdd").
    const bool adjacent = k + 1 < tokens.size() && numeric_letter(tokens[k + 1]);
    const size_t max_width = adjacent ? size_t(tok.count) : 9;
    int64_t v = 0;
    size_t width = 0;
    switch (tok.letter) {
      case 0:
        if (s.substr(pos, tok.literal.size()) != tok.literal) return false;
        pos += tok.literal.size();
        break;
      case 'y':
      case 'Y':
      case 'u':
        if (!read_number(max_width, year, width)) return false;
        if (tok.count == 2 && width == 2) year += 2000;
        break;
      case 'M':
      case 'L':
        if (tok.count >= 3) {
          if (!read_name(kMonths, 12, v)) return false;
          month = v + 1;
        } else if (!read_number(adjacent ? max_width : 2, month, width)) {
          return false;
        }
        break;
      case 'd':
        if (!read_number(adjacent ? max_width : 2, day, width)) return false;
        break;
      case 'D': {
        if (!read_number(adjacent ? max_width : 3, v, width)) return false;
        const CivilDate d = civil_from_days(days_from_civil(year, 1, 1) + v - 1);
        month = d.month;
        day = d.day;
        break;
      }
      case 'H':
      case 'k':
        if (!read_number(adjacent ? max_width : 2, hour, width)) return false;
        if (tok.letter == 'k' && hour == 24) hour = 0;
        break;
      case 'h':
      case 'K':
        if (!read_number(adjacent ? max_width : 2, hour, width)) return false;
        twelve_hour = true;
        break;
      case 'm':
        if (!read_number(adjacent ? max_width : 2, minute, width)) return false;
        break;
      case 's':
        if (!read_number(adjacent ? max_width : 2, second, width)) return false;
        break;
      case 'S': {
        if (!read_number(max_width, v, width)) return false;
        while (width < 3) v *= 10, ++width;
        while (width > 3) v /= 10, --width;
        millis = v;
        break;
      }
      case 'E':
        if (!read_name(kWeekdays, 7, v)) return false;
        break;
      case 'a':
        if (pos + 2 > s.size()) return false;
        if (iequals(s.substr(pos, 2), "AM"))
          pm = 0;
        else if (iequals(s.substr(pos, 2), "PM"))
          pm = 1;
        else
          return false;
        pos += 2;
        break;
      case 'X':
      case 'x':
      case 'Z': {
        if (pos < s.size() && s[pos] == 'Z') {
          ++pos;
          break;
        }
        if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return false;
        const int sign = s[pos++] == '-' ? -1 : 1;
        int64_t hh, mm = 0;
        if (!read_number(2, hh, width) || width != 2) return false;
        if (pos < s.size() && s[pos] == ':') ++pos;
        if (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) &&
            !read_number(2, mm, width)) {
          return false;
        }
        offset_minutes = sign * (hh * 60 + mm);
        break;
      }
      case 'z':
        while (pos < s.size() && std::isalpha(static_cast<unsigned char>(s[pos]))) ++pos;
        break;
      default:
        return false;
    }
  }
  if (pos != s.size()) return false;
  if (twelve_hour) {
    if (hour > 12) return false;
    hour %= 12;
    if (pm == 1) hour += 12;
  } else if (pm == 1 && hour < 12) {
    hour += 12;
  }
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, unsigned(month)) || hour > 23 || minute > 59 || second > 59) {
    return false;
  }
  out = join_timestamp({{year, unsigned(month), unsigned(day)},
                        unsigned(hour),
                        unsigned(minute),
                        unsigned(second),
                        unsigned(millis)}) -
        offset_minutes * 60'000;
  return true;
}

const DatePattern& default_pattern() {
  static const DatePattern kDefault = [] {
    DatePattern p;
    std::string error;
    compile_pattern("yyyy-MM-dd HH:mm:ss", p, error);
    return p;
  }();
  return kDefault;
}

// The pattern for row i: prepared, the default (no pattern argument), or compiled from the row.
class PatternSource {
 public:
  PatternSource(const FunctionExpr& fn, const std::vector<Arg>& a)
      : prepared_(fn.state<DatePattern>()), arg_(a.size() > 1 ? &a[1] : nullptr) {}
  const DatePattern& at(size_t i) {
    if (prepared_) return *prepared_;
    if (!arg_) return default_pattern();
    const std::string_view text = arg_->str(i);
    if (!have_ || text != current_.text) {
      std::string error;
      if (!compile_pattern(text, current_, error)) fail(Error::Kind::Runtime, "{}", error);
      have_ = true;
    }
    return current_;
  }

 private:
  const DatePattern* prepared_;
  const Arg* arg_;
  DatePattern current_;
  bool have_ = false;
};

void extract_kernel(Unit unit, const std::vector<Arg>& a, size_t n, Column& out) {
  const Arg& ts = a.back();
  each_row(n, out, [&](size_t i) { out.ints[i] = extract_field(unit, ts.i64(i)); });
}

Result<Unit> unit_argument(const ExprPtr& arg, bool calendar_only) {
  const std::optional<Value> v = constant_value(*arg);
  if (!v || v->is_null()) return bind_error("the time unit must be a constant such as HOUR");
  const std::optional<Unit> unit = find_unit(v->string_value());
  const bool ok = unit && (!calendar_only || unit_millis(*unit) > 0 || unit_months(*unit) > 0);
  if (!ok) return bind_error(fmt::format("unknown time unit '{}'", v->string_value()));
  return *unit;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Prepares

EDDY_PREPARE(prepare_extract) {
  Result<Unit> unit = unit_argument(args[0], false);
  if (!unit) return unit.error();
  return std::shared_ptr<const void>(std::make_shared<UnitState>(UnitState{*unit}));
}

// TIMESTAMPADD / TIMESTAMPDIFF name the unit first, FLOOR / CEIL (ts TO unit) second.
EDDY_PREPARE(prepare_time_unit) {
  const size_t at = args[0]->type().id == TypeId::String ? 0 : 1;
  Result<Unit> unit = unit_argument(args[at], true);
  if (!unit) return unit.error();
  return std::shared_ptr<const void>(std::make_shared<UnitState>(UnitState{*unit}));
}

EDDY_PREPARE(prepare_format_arg1) {
  if (args.size() < 2) return std::shared_ptr<const void>();
  const std::optional<Value> v = constant_value(*args[1]);
  if (!v || v->is_null()) return std::shared_ptr<const void>();
  auto pattern = std::make_shared<DatePattern>();
  std::string error;
  if (!compile_pattern(v->string_value(), *pattern, error)) return bind_error(error);
  return std::shared_ptr<const void>(std::move(pattern));
}

// ---------------------------------------------------------------------------------------------
// Kernels

EDDY_KERNEL(k_extract) { extract_kernel(fn.state<UnitState>()->unit, a, n, out); }
EDDY_KERNEL(k_year) { extract_kernel(Unit::Year, a, n, out); }
EDDY_KERNEL(k_quarter) { extract_kernel(Unit::Quarter, a, n, out); }
EDDY_KERNEL(k_month) { extract_kernel(Unit::Month, a, n, out); }
EDDY_KERNEL(k_week) { extract_kernel(Unit::Week, a, n, out); }
EDDY_KERNEL(k_dayofyear) { extract_kernel(Unit::Doy, a, n, out); }
EDDY_KERNEL(k_dayofmonth) { extract_kernel(Unit::Day, a, n, out); }
EDDY_KERNEL(k_dayofweek) { extract_kernel(Unit::Dow, a, n, out); }
EDDY_KERNEL(k_hour) { extract_kernel(Unit::Hour, a, n, out); }
EDDY_KERNEL(k_minute) { extract_kernel(Unit::Minute, a, n, out); }
EDDY_KERNEL(k_second) { extract_kernel(Unit::Second, a, n, out); }

EDDY_KERNEL(k_date_format) {
  PatternSource patterns(fn, a);
  Arena& arena = out.arena();
  fmt::memory_buffer buf;
  each_row(n, out, [&](size_t i) {
    buf.clear();
    format_with(patterns.at(i), a[0].i64(i), buf);
    out.strings[i] = arena.store({buf.data(), buf.size()});
  });
}

// NULL for text that does not parse, as Flink.
EDDY_KERNEL(k_to_timestamp) {
  PatternSource patterns(fn, a);
  const bool has_pattern = a.size() > 1;
  TimestampDayCache day_cache;  // the rows of a batch mostly share their day
  each_row(n, out, [&](size_t i) {
    const bool ok = has_pattern ? parse_with(patterns.at(i), a[0].str(i), out.ints[i])
                                : parse_timestamp(a[0].str(i), out.ints[i], day_cache);
    if (!ok) {
      out.ints[i] = 0;
      out.set_null(i);
    }
  });
}

EDDY_KERNEL(k_to_timestamp_ltz) {
  const bool has_precision = a.size() > 1;
  each_row(n, out, [&](size_t i) {
    const int64_t precision = has_precision ? a[1].i64(i) : 3;
    if (precision != 0 && precision != 3) {
      fail(Error::Kind::Runtime, "TO_TIMESTAMP_LTZ precision must be 0 or 3, got {}", precision);
    }
    const double ms = a[0].f64(i) * (precision == 0 ? 1000.0 : 1.0);
    if (!(ms > -9.2e18 && ms < 9.2e18)) timestamp_overflow();
    out.ints[i] = static_cast<int64_t>(std::floor(ms));
  });
}

EDDY_KERNEL(k_unix_timestamp) {
  if (a.empty()) {
    std::fill(out.ints.begin(), out.ints.end(), floor_div(eval_now(), 1000));
    return;
  }
  PatternSource patterns(fn, a);
  each_row(n, out, [&](size_t i) {
    Timestamp ts;
    if (parse_with(patterns.at(i), a[0].str(i), ts)) {
      out.ints[i] = floor_div(ts, 1000);
    } else {
      out.set_null(i);
    }
  });
}

EDDY_KERNEL(k_from_unixtime) {
  PatternSource patterns(fn, a);
  Arena& arena = out.arena();
  fmt::memory_buffer buf;
  each_row(n, out, [&](size_t i) {
    int64_t ms;
    if (__builtin_mul_overflow(a[0].i64(i), int64_t(1000), &ms)) timestamp_overflow();
    buf.clear();
    format_with(patterns.at(i), ms, buf);
    out.strings[i] = arena.store({buf.data(), buf.size()});
  });
}

EDDY_KERNEL(k_current_timestamp) { std::fill(out.ints.begin(), out.ints.end(), eval_now()); }

EDDY_KERNEL(k_current_date) {
  std::fill(out.ints.begin(), out.ints.end(), floor_div(eval_now(), kMillisPerDay));
}

// TIME(0): whole seconds, as Flink's CURRENT_TIME / LOCALTIME.
EDDY_KERNEL(k_current_time) {
  std::fill(out.ints.begin(), out.ints.end(),
            truncate_time(floor_mod(eval_now(), kMillisPerDay), 0));
}

// TO_DATE(s[, format]): the default format is yyyy-MM-dd; NULL for text that does not parse, as
// TO_TIMESTAMP.
EDDY_KERNEL(k_to_date) {
  static const DatePattern kDateOnly = [] {
    DatePattern p;
    std::string error;
    compile_pattern("yyyy-MM-dd", p, error);
    return p;
  }();
  PatternSource patterns(fn, a);
  const bool has_pattern = a.size() > 1;
  each_row(n, out, [&](size_t i) {
    Timestamp ts;
    if (parse_with(has_pattern ? patterns.at(i) : kDateOnly, a[0].str(i), ts)) {
      out.ints[i] = floor_div(ts, kMillisPerDay);
    } else {
      out.ints[i] = 0;
      out.set_null(i);
    }
  });
}

EDDY_KERNEL(k_timestampadd) {
  const Unit unit = fn.state<UnitState>()->unit;
  each_row(n, out, [&](size_t i) { out.ints[i] = add_units(unit, a[1].i64(i), a[2].i64(i)); });
}

// Whole units from ts1 to ts2 (negative when ts2 is earlier), truncated toward zero.
EDDY_KERNEL(k_timestampdiff) {
  const Unit unit = fn.state<UnitState>()->unit;
  each_row(n, out, [&](size_t i) {
    const Timestamp t1 = a[1].i64(i), t2 = a[2].i64(i);
    if (const int64_t fixed = unit_millis(unit)) {
      int64_t d;
      if (__builtin_sub_overflow(t2, t1, &d)) timestamp_overflow();
      out.ints[i] = d / fixed;
      return;
    }
    const CivilTime c1 = split_timestamp(t1), c2 = split_timestamp(t2);
    int64_t months = (c2.date.year * 12 + c2.date.month) - (c1.date.year * 12 + c1.date.month);
    // Position within the month, to tell whether the last month is complete.
    const int64_t in1 = t1 - days_from_civil(c1.date.year, c1.date.month, 1) * kMillisPerDay;
    const int64_t in2 = t2 - days_from_civil(c2.date.year, c2.date.month, 1) * kMillisPerDay;
    if (months > 0 && in2 < in1) --months;
    if (months < 0 && in2 > in1) ++months;
    out.ints[i] = months / unit_months(unit);
  });
}

EDDY_KERNEL(k_floor_time) {
  const Unit unit = fn.state<UnitState>()->unit;
  each_row(n, out, [&](size_t i) { out.ints[i] = floor_to(unit, a[0].i64(i)); });
}

EDDY_KERNEL(k_ceil_time) {
  const Unit unit = fn.state<UnitState>()->unit;
  each_row(n, out, [&](size_t i) {
    const Timestamp ts = a[0].i64(i), f = floor_to(unit, ts);
    out.ints[i] = f == ts ? ts : add_units(unit == Unit::Week ? Unit::Week : unit, 1, f);
  });
}

}  // namespace eddy::expr
