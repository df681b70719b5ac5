// Text forms of column cells (see text_format.h).
#include "runtime/text_format.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#include "expr/time_util.h"
#include "expr/unicode_case.h"
#include "runtime/text_digits.h"

namespace eddy {

namespace {

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;  // 24 bytes always fit an int64
  out.append(buf, end);
}

void append_decimal(std::string& out, int64_t unscaled, int scale) {
  if (scale <= 0) {
    append_int(out, unscaled);
    return;
  }
  const bool negative = unscaled < 0;
  const uint64_t magnitude =
      negative ? uint64_t(0) - static_cast<uint64_t>(unscaled) : static_cast<uint64_t>(unscaled);
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, magnitude);
  (void)ec;
  const size_t n = static_cast<size_t>(end - digits);
  const size_t s = static_cast<size_t>(scale);
  if (negative) out += '-';
  if (n <= s) {
    out += "0.";
    out.append(s - n, '0');
    out.append(digits, n);
  } else {
    out.append(digits, n - s);
    out += '.';
    out.append(digits + (n - s), s);
  }
}

void append_double(std::string& out, double v) { out += format_double(v); }

bool needs_csv_quotes(std::string_view s, char delimiter, char quote) {
  for (char c : s) {
    if (c == delimiter || c == quote || c == '\n' || c == '\r') return true;
  }
  return false;
}

// Invalid UTF-8 never reaches the output: sources validate theirs, but rows from code (embedded
// streams, user functions) and CAST of arbitrary bytes may carry it. A copy of `s` where each
// byte that starts no well-formed sequence is U+FFFD (called only when is_valid_utf8 said no, so
// the common case copies nothing).
std::string repaired_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t pos = 0, len = 0; pos < s.size(); pos += len) {
    const uint32_t cp = expr::utf8_decode(s, pos, len);
    if (cp == 0xFFFD && len == 1)
      out += "\xEF\xBF\xBD";
    else
      out.append(s.data() + pos, len);
  }
  return out;
}

}  // namespace

using namespace text_digits;

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i + 8 <= s.size()) {  // an ASCII word at a time
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if (word & 0x8080808080808080ull) break;
    i += 8;
  }
  for (size_t len = 0; i < s.size(); i += len)
    if (expr::utf8_decode(s, i, len) == 0xFFFD && len == 1) return false;
  return true;
}

void append_timestamp(std::string& out, Timestamp ms) {
  if (!four_digit_year(ms)) {
    out += format_timestamp(ms);  // the rare sentinel years keep format_timestamp's spelling
    return;
  }
  const int64_t day = floor_div(ms, kMillisPerDay);
  const size_t at = out.size();
  out.resize(at + 23);
  put_date(out.data() + at, civil_from_days(day));
  out[at + 10] = ' ';
  put_time_of_day(out.data() + at + 11, static_cast<unsigned>(ms - day * kMillisPerDay));
}

void append_date(std::string& out, int64_t days) {
  const CivilDate d = civil_from_days(days);
  if (d.year < 0 || d.year > 9999) {
    out += format_date(days);
    return;
  }
  char buf[10];
  put_date(buf, d);
  out.append(buf, sizeof buf);
}

void append_time(std::string& out, int64_t ms_of_day, int precision) {
  char buf[12];
  put_time_of_day(buf, static_cast<unsigned>(floor_mod(ms_of_day, kMillisPerDay)));
  const int digits = std::clamp(precision, 0, 3);
  out.append(buf, digits == 0 ? 8 : size_t(9 + digits));
}

void append_csv_field(std::string& out, std::string_view field, char delimiter, char quote,
                      bool force_quote) {
  if (!force_quote && !needs_csv_quotes(field, delimiter, quote)) {
    out.append(field);
    return;
  }
  out += quote;
  size_t start = 0;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == quote) {
      out.append(field.data() + start, i + 1 - start);  // up to and including the quote
      out += quote;
      start = i + 1;
    }
  }
  out.append(field.data() + start, field.size() - start);
  out += quote;
}

void append_csv_value(std::string& out, const Column& column, size_t row, char delimiter,
                      char quote, std::string_view null_text) {
  if (column.is_null(row) || column.type.id == TypeId::Null) {
    out.append(null_text);
    return;
  }
  switch (column.type.id) {
    case TypeId::String: {
      const std::string_view s = column.strings[row];
      if (is_valid_utf8(s)) {
        append_csv_field(out, s, delimiter, quote, s == null_text);
      } else {
        const std::string repaired = repaired_utf8(s);
        append_csv_field(out, repaired, delimiter, quote, repaired == null_text);
      }
      return;
    }
    case TypeId::Boolean:
      out += column.ints[row] ? "true" : "false";
      return;
    case TypeId::Interval: {
      // "1 h 30 min" has no delimiter or quote in practice, but stay safe for odd delimiters.
      append_csv_field(out, format_interval(column.ints[row]), delimiter, quote);
      return;
    }
    default:
      break;
  }
  // Numbers and timestamps never contain a quote or newline; only an exotic delimiter or quote
  // (a letter, a digit, '-', '+', '.', ':' or space) could collide, so render first and, with
  // such a one, quote if that happens.
  const size_t start = out.size();
  append_display_text(out, column, row);
  const auto plain = [](char c) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return !alnum && c != '-' && c != '+' && c != '.' && c != ':' && c != ' ';
  };
  if (plain(delimiter) && plain(quote)) return;
  std::string_view text(out.data() + start, out.size() - start);
  if (needs_csv_quotes(text, delimiter, quote)) {
    std::string copy(text);
    out.resize(start);
    append_csv_field(out, copy, delimiter, quote, true);
  }
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string repaired;
  if (!is_valid_utf8(text)) repaired = repaired_utf8(text);
  const std::string_view s = repaired.empty() ? text : std::string_view(repaired);
  out += '"';
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + start, i - start);
    start = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(esc, sizeof esc);
      }
    }
  }
  out.append(s.data() + start, s.size() - start);
  out += '"';
}

void append_json_value(std::string& out, const Column& column, size_t row) {
  if (column.is_null(row) || column.type.id == TypeId::Null) {
    out += "null";
    return;
  }
  switch (column.type.id) {
    case TypeId::Null:
      out += "null";
      return;
    case TypeId::Boolean:
      out += column.ints[row] ? "true" : "false";
      return;
    case TypeId::Int:
    case TypeId::BigInt:
      append_int(out, column.ints[row]);
      return;
    case TypeId::Double: {
      const double v = column.doubles[row];
      if (std::isfinite(v)) {
        append_double(out, v);
      } else {
        out += '"';
        append_double(out, v);
        out += '"';
      }
      return;
    }
    case TypeId::Decimal:
      append_decimal(out, column.ints[row], column.type.scale);
      return;
    case TypeId::String:
      append_json_string(out, column.strings[row]);
      return;
    case TypeId::Timestamp:
      out += '"';
      append_timestamp(out, column.ints[row]);
      out += '"';
      return;
    case TypeId::Date:
      out += '"';
      append_date(out, column.ints[row]);
      out += '"';
      return;
    case TypeId::Time:
      out += '"';
      append_time(out, column.ints[row], column.type.precision);
      out += '"';
      return;
    case TypeId::Interval:
      append_json_string(out, format_interval(column.ints[row]));
      return;
    case TypeId::IntervalMonths:
      append_json_string(out, format_interval_months(column.ints[row]));
      return;
  }
}

void append_display_text(std::string& out, const Column& column, size_t row) {
  if (column.is_null(row) || column.type.id == TypeId::Null) {
    out += "NULL";
    return;
  }
  switch (column.type.id) {
    case TypeId::Null:
      out += "NULL";
      return;
    case TypeId::Boolean:
      out += column.ints[row] ? "TRUE" : "FALSE";
      return;
    case TypeId::Int:
    case TypeId::BigInt:
      append_int(out, column.ints[row]);
      return;
    case TypeId::Double:
      append_double(out, column.doubles[row]);
      return;
    case TypeId::Decimal:
      append_decimal(out, column.ints[row], column.type.scale);
      return;
    case TypeId::String: {
      const std::string_view s = column.strings[row];
      if (is_valid_utf8(s))
        out.append(s);
      else
        out += repaired_utf8(s);
      return;
    }
    case TypeId::Timestamp:
      append_timestamp(out, column.ints[row]);
      return;
    case TypeId::Date:
      append_date(out, column.ints[row]);
      return;
    case TypeId::Time:
      append_time(out, column.ints[row], column.type.precision);
      return;
    case TypeId::Interval:
      out += format_interval(column.ints[row]);
      return;
    case TypeId::IntervalMonths:
      out += format_interval_months(column.ints[row]);
      return;
  }
}

void append_changelog_text(std::string& out, const Column& column, size_t row) {
  if (column.is_null(row) || column.type.id == TypeId::Null) {
    out += "null";
  } else if (column.type.id == TypeId::Boolean) {
    out += column.ints[row] ? "true" : "false";
  } else {
    append_display_text(out, column, row);
  }
}

}  // namespace eddy
