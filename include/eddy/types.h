// eddy's SQL types and values, shared by the embedding API and the engine.
//
// Representation (also the in-batch representation, see runtime/batch.h):
//   BOOLEAN             int64 0/1
//   INT, BIGINT         int64 (INT is range-checked to 32 bits)
//   DOUBLE              double
//   DECIMAL(p,s)        int64 holding value * 10^s (p <= 18)
//   STRING / VARCHAR    bytes (UTF-8)
//   TIMESTAMP(3)        int64 milliseconds since 1970-01-01 00:00:00 (no time zone)
//   DATE                int64 days since 1970-01-01
//   TIME(p), p = 0..3   int64 milliseconds since midnight (0 .. 86'399'999), truncated to p
//                       fraction digits
//   INTERVAL            int64 milliseconds (day-time intervals: INTERVAL '5' SECOND)
//   INTERVAL MONTH      int64 months (year-month intervals: INTERVAL '1' YEAR, '3' MONTH)
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "eddy/export.h"

namespace eddy {

enum class TypeId : uint8_t {
  Null,
  Boolean,
  Int,
  BigInt,
  Double,
  Decimal,
  String,
  Timestamp,
  Interval,
  Date,
  Time,
  IntervalMonths
};

struct EDDY_EXPORT Type {
  TypeId id = TypeId::Null;
  uint8_t precision = 0;  // DECIMAL precision; TIMESTAMP precision (always 3); TIME (0..3)
  uint8_t scale = 0;      // DECIMAL scale

  static Type null() { return {TypeId::Null}; }
  static Type boolean() { return {TypeId::Boolean}; }
  static Type int32() { return {TypeId::Int}; }
  static Type int64() { return {TypeId::BigInt}; }
  static Type float64() { return {TypeId::Double}; }
  static Type decimal(int p, int s) { return {TypeId::Decimal, uint8_t(p), uint8_t(s)}; }
  static Type string() { return {TypeId::String}; }
  static Type timestamp() { return {TypeId::Timestamp, 3}; }
  static Type interval() { return {TypeId::Interval}; }
  static Type interval_months() { return {TypeId::IntervalMonths}; }
  static Type date() { return {TypeId::Date}; }
  static Type time(int precision = 0) { return {TypeId::Time, uint8_t(precision)}; }

  bool is_integer() const { return id == TypeId::Int || id == TypeId::BigInt; }
  bool is_numeric() const { return is_integer() || id == TypeId::Double || id == TypeId::Decimal; }
  // Values of this type live in Column::ints (everything but DOUBLE and STRING).
  bool uses_ints() const { return id != TypeId::Double && id != TypeId::String; }
  // DATE, TIME and TIMESTAMP: points in time that compare, group and sort by their int64 value.
  bool is_datetime() const {
    return id == TypeId::Timestamp || id == TypeId::Date || id == TypeId::Time;
  }

  // SQL spelling: "INT", "DECIMAL(10, 2)", "TIMESTAMP(3)", "STRING", "DATE", "TIME(0)", ...
  std::string to_string() const;
  friend bool operator==(const Type&, const Type&) = default;
};

// Timestamps and watermarks are milliseconds since the epoch.
using Timestamp = int64_t;
inline constexpr Timestamp kMinTimestamp = std::numeric_limits<int64_t>::min();  // no watermark yet
inline constexpr Timestamp kMaxTimestamp = std::numeric_limits<int64_t>::max();  // end of input

// "YYYY-MM-DD HH:MM:SS.mmm"
EDDY_EXPORT std::string format_timestamp(Timestamp ms);
// Accepts "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS[.f{1,9}]]" and the ISO 'T' separator, an optional
// trailing 'Z'. Returns false on anything else.
EDDY_EXPORT bool parse_timestamp(std::string_view text, Timestamp& out);
// Days since the epoch as "YYYY-MM-DD"; parses "YYYY-MM-DD" (one-digit month and day accepted,
// surrounding blanks ignored), false on anything else (2024-02-30 included).
EDDY_EXPORT std::string format_date(int64_t days);
EDDY_EXPORT bool parse_date(std::string_view text, int64_t& out_days);
// Milliseconds of the day as "HH:MM:SS" plus `precision` (0..3) fraction digits; parses
// "HH:MM[:SS[.f{1,9}]]" (finer than milliseconds truncated), false on anything else.
EDDY_EXPORT std::string format_time(int64_t ms_of_day, int precision);
EDDY_EXPORT bool parse_time(std::string_view text, int64_t& out_ms);
// TIME(p) keeps p fraction digits: the milliseconds truncated to that precision.
EDDY_EXPORT int64_t truncate_time(int64_t ms_of_day, int precision);
// "5 s", "10 min", "1 h", "2 d", "250 ms", "1 HOUR" ... as used by SET values; false if malformed.
EDDY_EXPORT bool parse_duration(std::string_view text, int64_t& out_ms);
// Interval display: "+0 00:00:05.000" style is unfriendly; eddy prints "5 s", "1 h 30 min", ...
EDDY_EXPORT std::string format_interval(int64_t ms);
// Year-month interval display: "1 year 2 months", "-3 months", "0 months".
EDDY_EXPORT std::string format_interval_months(int64_t months);
// An offset added to a time: " + 5 s", " - 1 min", or "" for 0 (EXPLAIN).
EDDY_EXPORT std::string format_offset(int64_t ms);
// DECIMAL display: 12345 with scale 2 -> "123.45".
EDDY_EXPORT std::string format_decimal(int64_t unscaled, int scale);

// How a row changes a result: insert, update-before (retract), update-after, delete.
enum class RowKind : uint8_t { Insert, UpdateBefore, UpdateAfter, Delete };
// "+I", "-U", "+U", "-D"
EDDY_EXPORT const char* row_kind_symbol(RowKind kind);

// One SQL value, used at the API boundary and for literals; batches store columns instead.
class EDDY_EXPORT Value {
 public:
  Value() = default;  // NULL of unknown type
  static Value null(Type type) { return Value(type, std::monostate{}); }
  static Value boolean(bool b) { return Value(Type::boolean(), int64_t(b)); }
  static Value integer(int64_t v, Type type = Type::int64()) { return Value(type, v); }
  static Value float64(double v) { return Value(Type::float64(), v); }
  static Value decimal(int64_t unscaled, Type type) { return Value(type, unscaled); }
  static Value string(std::string s) { return Value(Type::string(), std::move(s)); }
  static Value timestamp(Timestamp ms) { return Value(Type::timestamp(), int64_t(ms)); }
  static Value interval(int64_t ms) { return Value(Type::interval(), ms); }
  static Value interval_months(int64_t months) { return Value(Type::interval_months(), months); }
  static Value date(int64_t days) { return Value(Type::date(), days); }
  static Value time(int64_t ms_of_day, int precision) {
    return Value(Type::time(precision), ms_of_day);
  }

  const Type& type() const { return type_; }
  bool is_null() const { return std::holds_alternative<std::monostate>(data_); }
  // Accessors; the caller checks type() first. int_value() serves every int64-backed type.
  int64_t int_value() const { return std::get<int64_t>(data_); }
  double double_value() const { return std::get<double>(data_); }
  const std::string& string_value() const { return std::get<std::string>(data_); }
  bool bool_value() const { return int_value() != 0; }

  // Display text: NULL -> "NULL", timestamps as "YYYY-MM-DD HH:MM:SS.mmm", dates "YYYY-MM-DD",
  // times "HH:MM:SS" with their precision's fraction digits, decimals with their
  // scale, doubles in shortest round-trip form, booleans TRUE/FALSE.
  std::string to_string() const;
  friend bool operator==(const Value&, const Value&) = default;

 private:
  using Data = std::variant<std::monostate, int64_t, double, std::string>;
  Value(Type type, Data data) : type_(type), data_(std::move(data)) {}
  Type type_;
  Data data_;
};

struct Field {
  std::string name;
  Type type;
  bool nullable = true;
};

// The columns of a stream or result. `rowtime` is the event-time attribute column, or -1;
// `proctime` a processing-time attribute column (`pt AS PROCTIME()`), or -1.
struct EDDY_EXPORT Schema {
  std::vector<Field> fields;
  int rowtime = -1;
  int proctime = -1;
  // Other columns that, like the rowtime, stay above the watermark on every row still to come
  // (window_end after a window aggregation, a join's time attribute): an interval join may bound
  // time on them. Internal to the planner.
  std::vector<int> watermarked;
  // Further rowtime attributes besides `rowtime`: an interval join keeps both inputs' (as Flink
  // does), so a window may follow it on either side's time. Internal to the planner.
  std::vector<int> extra_rowtimes;
  // Columns that were rowtime attributes until a regular join or an unbounded GROUP BY made them
  // plain TIMESTAMPs (as Flink materialises them): kept to explain why a window cannot use them.
  std::vector<int> materialized;
  // window_start and window_end of a window aggregation's result, while passed on unchanged: a
  // GROUP BY over both aggregates the same windows again (Flink's window property
  // propagation). Internal to the planner.
  int window_start = -1, window_end = -1;
  bool is_event_time(int column) const;  // a rowtime, an extra rowtime or watermarked
  bool is_rowtime(int column) const;     // `rowtime` or an extra rowtime

  size_t size() const { return fields.size(); }
  const Field& operator[](size_t i) const { return fields[i]; }
  // Case-insensitive lookup; -1 when absent.
  int find(std::string_view name) const;
};

}  // namespace eddy
