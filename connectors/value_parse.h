// Text -> typed values for the text formats (csv fields, json strings and number tokens) and for
// connector option values. Strict: the whole text must be consumed; callers trim whitespace.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "eddy/types.h"
#include "runtime/batch.h"

namespace eddy {

struct TimestampDayCache;

enum class ParseStatus { Ok, Invalid, OutOfRange };

// [+-]digits, no spaces.
ParseStatus parse_int64_text(std::string_view s, int64_t& out);
// As parse_int64_text, and within 32 bits.
ParseStatus parse_int32_text(std::string_view s, int64_t& out);
// Decimal or scientific notation, "NaN", "Infinity", "-Infinity", "inf" (case-insensitive).
ParseStatus parse_double_text(std::string_view s, double& out);
// [+-]digits[.digits] (or .digits) into value * 10^scale, rounding half away from zero beyond
// the scale; OutOfRange when |value| needs more than `precision` digits (precision 0 means 18).
ParseStatus parse_decimal_text(std::string_view s, int precision, int scale, int64_t& out);
// true/false/1/0, case-insensitive.
ParseStatus parse_bool_text(std::string_view s, bool& out);

// Parses `text` as a value of `type` into the int64 / double representation of runtime/batch.h
// (STRING is not handled here). TIMESTAMP uses parse_timestamp, with the reader's `day_cache`
// when it has one (expr/time_util.h); INTERVAL takes a duration ("5 s") or bare milliseconds.
ParseStatus parse_scalar_text(std::string_view text, const Type& type, int64_t& int_out,
                              double& double_out, TimestampDayCache* day_cache = nullptr);

// Strips ASCII spaces and tabs at both ends (inline: the csv reader calls it for every field).
inline std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The offending text quoted for an error message: cut to a readable length, with control bytes
// shown as '?', so a binary or huge field cannot flood the message.
std::string quote_for_message(std::string_view text);

// "cannot parse 'abc' as INT" or "value '99999999999' is out of range for INT".
std::string parse_error_text(ParseStatus status, std::string_view text, const Type& type);

// Appending single values to a column being filled row by row (sources). They keep the null
// mask's invariant: empty, or one byte per row. Always inlined: called per field.
inline void push_null(Column& c) {
  const size_t row = c.size();
  if (c.nulls.empty()) c.nulls.assign(row, 0);
  c.nulls.push_back(1);
  switch (c.type.id) {
    case TypeId::Double:
      c.doubles.push_back(0);
      break;
    case TypeId::String:
      c.strings.emplace_back();
      break;
    default:
      c.ints.push_back(0);
      break;
  }
}
[[gnu::always_inline]] inline void push_int(Column& c, int64_t v) {
  c.ints.push_back(v);
  if (!c.nulls.empty()) c.nulls.push_back(0);
}
[[gnu::always_inline]] inline void push_double(Column& c, double v) {
  c.doubles.push_back(v);
  if (!c.nulls.empty()) c.nulls.push_back(0);
}
[[gnu::always_inline]] inline void push_string(Column& c, std::string_view v) {
  c.strings.push_back(v);
  if (!c.nulls.empty()) c.nulls.push_back(0);
}
// Drops rows past `rows` (a record that failed half-way through).
inline void truncate_column(Column& c, size_t rows) {
  if (c.ints.size() > rows) c.ints.resize(rows);
  if (c.doubles.size() > rows) c.doubles.resize(rows);
  if (c.strings.size() > rows) c.strings.resize(rows);
  if (c.nulls.size() > rows) c.nulls.resize(rows);
}

}  // namespace eddy
