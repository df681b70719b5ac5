// Fixed-position digit writers shared by the text formats (runtime/text_format.cpp,
// runtime/row_text_writer.cpp): dates, times of day and integers written straight into a buffer
// the caller has sized, two digits at a time, with no allocation and no locale.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "expr/time_util.h"

namespace eddy::text_digits {

// "00" .. "99": two digits at a time.
inline constexpr auto kDigitPairs = [] {
  std::array<char, 200> pairs{};
  for (int i = 0; i < 100; ++i) {
    pairs[size_t(2 * i)] = char('0' + i / 10);
    pairs[size_t(2 * i + 1)] = char('0' + i % 10);
  }
  return pairs;
}();

inline void put_two(char* at, unsigned v) { std::memcpy(at, &kDigitPairs[2 * v], 2); }

// "YYYY-MM-DD" (10 chars) for a year of 0 .. 9999.
inline void put_date(char* at, const CivilDate& d) {
  const unsigned year = static_cast<unsigned>(d.year);
  put_two(at, year / 100);
  put_two(at + 2, year % 100);
  at[4] = '-';
  put_two(at + 5, d.month);
  at[7] = '-';
  put_two(at + 8, d.day);
}

// "hh:mm:ss.fff" (12 chars) for 0 .. 86'399'999 ms.
inline void put_time_of_day(char* at, unsigned ms) {
  const unsigned millis = ms % 1000, seconds = ms / 1000;
  put_two(at, seconds / 3600);
  at[2] = ':';
  put_two(at + 3, seconds / 60 % 60);
  at[5] = ':';
  put_two(at + 6, seconds % 60);
  at[8] = '.';
  at[9] = char('0' + millis / 100);
  put_two(at + 10, millis % 100);
}

// The timestamps whose year is 0 .. 9999, the ones "YYYY-MM-DD hh:mm:ss.fff" spells in 23 chars
// (0000-01-01 00:00:00.000 .. 9999-12-31 23:59:59.999).
inline constexpr int64_t kFirstFourDigitYearMs = -62'167'219'200'000;
inline constexpr int64_t kLastFourDigitYearMs = 253'402'300'799'999;
inline bool four_digit_year(int64_t ms) {
  return ms >= kFirstFourDigitYearMs && ms <= kLastFourDigitYearMs;
}

// Characters of an int64 in decimal ('-' included), as std::to_chars writes it.
inline unsigned int_chars(int64_t v) {
  static constexpr uint64_t kPow10[] = {1ull,
                                        10ull,
                                        100ull,
                                        1000ull,
                                        10000ull,
                                        100000ull,
                                        1000000ull,
                                        10000000ull,
                                        100000000ull,
                                        1000000000ull,
                                        10000000000ull,
                                        100000000000ull,
                                        1000000000000ull,
                                        10000000000000ull,
                                        100000000000000ull,
                                        1000000000000000ull,
                                        10000000000000000ull,
                                        100000000000000000ull,
                                        1000000000000000000ull,
                                        10000000000000000000ull};
  const bool negative = v < 0;
  // m | 1 makes 0 count as one digit; it changes no comparison with a power of ten >= 10.
  const uint64_t m =
      (negative ? uint64_t(0) - static_cast<uint64_t>(v) : static_cast<uint64_t>(v)) | 1;
  // log10 from the bit length (1233 / 4096 ~ log10(2)), then one correction.
  const unsigned guess = static_cast<unsigned>(std::bit_width(m) * 1233) >> 12;
  const unsigned digits = guess + 1 - (m < kPow10[guess] ? 1u : 0u);
  return digits + (negative ? 1u : 0u);
}

}  // namespace eddy::text_digits
