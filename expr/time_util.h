// Calendar arithmetic and value text helpers shared by runtime/types.cpp and the expression
// kernels (CAST, EXTRACT, DATE_FORMAT, ...). Private to the runtime.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "eddy/types.h"

namespace eddy {

inline constexpr int64_t kMillisPerDay = 86'400'000;
// The DATE range, as Flink's: 0001-01-01 .. 9999-12-31 in days since 1970-01-01.
inline constexpr int64_t kMinDateDays = -719'162;
inline constexpr int64_t kMaxDateDays = 2'932'896;

struct CivilDate {
  int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

struct CivilTime {
  CivilDate date;
  unsigned hour = 0, minute = 0, second = 0, millis = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
int64_t days_from_civil(int64_t year, unsigned month, unsigned day);
CivilDate civil_from_days(int64_t days);
bool is_leap_year(int64_t year);
unsigned days_in_month(int64_t year, unsigned month);
// Division rounding toward negative infinity (so times before 1970 split correctly).
int64_t floor_div(int64_t a, int64_t b);
int64_t floor_mod(int64_t a, int64_t b);

// The day of the last "YYYY-MM-DD hh:mm:ss.fff" timestamp read, so that a reader of rows that
// share their day (most files and streams) works the date out once. Each reader owns one (a
// decoder, a CAST loop): cheaper than a thread_local, which a shared library reaches through a
// call.
struct TimestampDayCache {
  uint64_t date_head = 0;  // "YYYY-MM-" as read (0 matches no text)
  uint16_t date_tail = 0;  // "DD"
  int64_t days = 0;
};
// parse_timestamp (eddy/types.h), reading the common spelling with `cache`.
bool parse_timestamp(std::string_view text, Timestamp& out, TimestampDayCache& cache);

CivilTime split_timestamp(Timestamp ms);
Timestamp join_timestamp(const CivilTime& t);

// DOUBLE display text: shortest round-trip, "1.0" for integral values, NaN / Infinity as Java.
std::string format_double(double v);

}  // namespace eddy
