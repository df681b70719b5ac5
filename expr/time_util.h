// Calendar arithmetic and value text helpers shared by runtime/types.cpp and the expression
// kernels (CAST, EXTRACT, DATE_FORMAT, ...). Private to the runtime.
#pragma once

#include <cstdint>
#include <string>

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

CivilTime split_timestamp(Timestamp ms);
Timestamp join_timestamp(const CivilTime& t);

// DOUBLE display text: shortest round-trip, "1.0" for integral values, NaN / Infinity as Java.
std::string format_double(double v);

}  // namespace eddy
