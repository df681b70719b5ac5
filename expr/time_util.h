// Calendar arithmetic and value text helpers shared by runtime/types.cpp and the expression
// kernels (CAST, EXTRACT, DATE_FORMAT, ...). Private to the runtime.
#pragma once

#include <cstdint>
#include <cstring>
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

namespace timestamp_text {
inline constexpr uint64_t kBytes(char c) {
  return 0x0101010101010101ull * static_cast<unsigned char>(c);
}

// Whether every byte of `w` is an ASCII digit.
inline bool all_digits(uint64_t w) {
  constexpr uint64_t kHighNibbles = 0xF0F0F0F0F0F0F0F0ull;
  return (w & kHighNibbles) == kBytes('0') && ((w + kBytes(6)) & kHighNibbles) == kBytes('0');
}

// Whether the bytes of `w` flagged 0xFF in `punctuation` are those of `expected`, and the others
// digits.
inline bool digits_between(uint64_t w, uint64_t punctuation, uint64_t expected) {
  return (w & punctuation) == expected &&
         all_digits((w & ~punctuation) | (kBytes('0') & punctuation));
}

inline uint64_t load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
}  // namespace timestamp_text

// "YYYY-MM-DD hh:mm:ss.fff" (or with 'T'), the spelling eddy writes and most files hold, checked
// eight bytes at a time and read at fixed places; false when `s` is anything else (the general
// reader then decides). The date is worked out once per day through `cache`.
inline bool read_canonical_timestamp(std::string_view s, Timestamp& out, TimestampDayCache& cache) {
  if (s.size() != 23) return false;
  const char* p = s.data();
  // Bytes 0..7 "YYYY-MM-", 8..15 "DD hh:mm" (byte 10 ' ' or 'T'), 15..22 "m:ss.fff"
  // (little-endian: the first byte is the lowest).
  const uint64_t head = timestamp_text::load8(p), middle = timestamp_text::load8(p + 8),
                 tail = timestamp_text::load8(p + 15);
  constexpr uint64_t kHeadMarks = 0xFF0000FF00000000ull;  // '-' at 4 and 7
  constexpr uint64_t kHeadExpected = timestamp_text::kBytes('-') & kHeadMarks;
  constexpr uint64_t kMiddleMarks = 0x0000FF0000000000ull;      // ':' at 13
  constexpr uint64_t kMiddleSeparator = 0x0000000000FF0000ull;  // ' ' or 'T' at 10
  constexpr uint64_t kTailMarks = 0x000000FF0000FF00ull;        // ':' at 16, '.' at 19
  constexpr uint64_t kTailExpected = (timestamp_text::kBytes(':') & 0x000000000000FF00ull) |
                                     (timestamp_text::kBytes('.') & 0x000000FF00000000ull);
  const char separator = p[10];
  if (!timestamp_text::digits_between(head, kHeadMarks, kHeadExpected) ||
      !timestamp_text::digits_between(
          middle, kMiddleMarks | kMiddleSeparator,
          (timestamp_text::kBytes(':') & kMiddleMarks) | (middle & kMiddleSeparator)) ||
      (separator != ' ' && separator != 'T') ||
      !timestamp_text::digits_between(tail, kTailMarks, kTailExpected))
    return false;
  const auto two = [p](int at) { return unsigned(p[at] - '0') * 10 + unsigned(p[at + 1] - '0'); };
  const uint16_t date_tail = static_cast<uint16_t>(middle & 0xFFFF);
  if (head != cache.date_head || date_tail != cache.date_tail) {
    const int64_t year = int64_t(two(0)) * 100 + two(2);
    const unsigned month = two(5), day = two(8);
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
      return false;
    cache.days = days_from_civil(year, month, day);
    cache.date_head = head;
    cache.date_tail = date_tail;
  }
  const unsigned hour = two(11), minute = two(14), second = two(17);
  if (hour > 23 || minute > 59 || second > 59) return false;
  const unsigned millis = unsigned(p[20] - '0') * 100 + two(21);
  out = cache.days * kMillisPerDay + int64_t(hour) * 3'600'000 + int64_t(minute) * 60'000 +
        int64_t(second) * 1000 + millis;
  return true;
}

CivilTime split_timestamp(Timestamp ms);
Timestamp join_timestamp(const CivilTime& t);

// DOUBLE display text: shortest round-trip, "1.0" for integral values, NaN / Infinity as Java.
std::string format_double(double v);

}  // namespace eddy
