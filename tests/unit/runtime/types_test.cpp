// Timestamps, durations, decimals and value display.
#include <gtest/gtest.h>

#include "eddy/types.h"
#include "expr/time_util.h"
#include "runtime/suggest.h"

namespace eddy {
namespace {

TEST(Timestamp, FormatsEpochAndPre1970) {
  EXPECT_EQ(format_timestamp(0), "1970-01-01 00:00:00.000");
  EXPECT_EQ(format_timestamp(-1), "1969-12-31 23:59:59.999");
  EXPECT_EQ(format_timestamp(1'700'000'000'123), "2023-11-14 22:13:20.123");
  EXPECT_EQ(format_timestamp(-86'400'000), "1969-12-31 00:00:00.000");
}

TEST(Timestamp, ParseFormatRoundTripsOverManyDays) {
  // Every day from year 1 to 9999 in steps, at odd times of day, including leap days.
  Timestamp lo, hi;
  ASSERT_TRUE(parse_timestamp("0001-01-01 00:00:00", lo));
  ASSERT_TRUE(parse_timestamp("9999-12-31 23:59:59.999", hi));
  EXPECT_EQ(format_timestamp(lo), "0001-01-01 00:00:00.000");
  EXPECT_EQ(format_timestamp(hi), "9999-12-31 23:59:59.999");
  const int64_t step = 86'400'000LL * 7 + 3'723'457;  // a week plus 1h 2m 3.457s
  for (Timestamp t = lo; t <= hi; t += step) {
    Timestamp back;
    const std::string text = format_timestamp(t);
    ASSERT_TRUE(parse_timestamp(text, back)) << text;
    ASSERT_EQ(back, t) << text;
  }
}

TEST(Timestamp, DayCountMatchesCivilDateEverywhere) {
  int64_t expected = days_from_civil(1, 1, 1);
  for (int64_t y = 1; y <= 9999; ++y) {
    for (unsigned m = 1; m <= 12; ++m) {
      for (unsigned d = 1; d <= days_in_month(y, m); ++d) {
        ASSERT_EQ(days_from_civil(y, m, d), expected);
        const CivilDate c = civil_from_days(expected);
        ASSERT_TRUE(c.year == y && c.month == m && c.day == d);
        ++expected;
      }
    }
  }
}

TEST(Timestamp, LeapYears) {
  Timestamp t;
  EXPECT_TRUE(parse_timestamp("2024-02-29", t));
  EXPECT_EQ(format_timestamp(t), "2024-02-29 00:00:00.000");
  EXPECT_TRUE(parse_timestamp("2000-02-29 12:00", t));
  EXPECT_FALSE(parse_timestamp("1900-02-29", t));
  EXPECT_FALSE(parse_timestamp("2023-02-29", t));
  EXPECT_TRUE(parse_timestamp("1600-02-29T01:02:03Z", t));
  EXPECT_EQ(format_timestamp(t), "1600-02-29 01:02:03.000");
}

TEST(Timestamp, TheWrittenSpellingReadsAsTheGeneralReaderReadsIt) {
  // "YYYY-MM-DD hh:mm:ss.fff" has a fast path (its date cached per call): the same values and
  // the same rejections, across day changes and back.
  Timestamp t;
  for (const char* text :
       {"2024-01-01 00:00:00.000", "2024-01-01 23:59:59.999", "2024-01-02 00:00:00.001",
        "2024-01-01 12:34:56.789", "1969-12-31 23:59:59.999", "2024-02-29T01:02:03.004",
        "0001-01-01 00:00:00.000", "9999-12-31 23:59:59.999"}) {
    ASSERT_TRUE(parse_timestamp(text, t)) << text;
    std::string expected = text;
    expected[10] = ' ';
    EXPECT_EQ(format_timestamp(t), expected);
  }
  for (const char* text :
       {"2023-02-29 00:00:00.000", "0000-01-01 00:00:00.000", "2024-01-01 24:00:00.000",
        "2024-01-01 10:60:00.000", "2024-01-01 10:00:60.000", "2024-00-01 00:00:00.000",
        "2024-01-01 10:00:00,000", "2024-01-01 1a:00:00.000", "2024-01-01x10:00:00.000"})
    EXPECT_FALSE(parse_timestamp(text, t)) << text;
  // ... and after a rejection the cached day is still right.
  ASSERT_TRUE(parse_timestamp("2024-01-01 00:00:01.000", t));
  EXPECT_EQ(format_timestamp(t), "2024-01-01 00:00:01.000");
}

TEST(Timestamp, ADayCacheNeverChangesTheAnswer) {
  // A reader's cache (expr/time_util.h) holds the day of the last timestamp read. Every one-byte
  // change of written timestamps (digits, separators, bytes that are neither) read through one
  // cache, in turn with their unchanged text, gives what a fresh parse gives.
  TimestampDayCache cache;
  const std::string bytes = std::string("0123456789 -:.T/;aZ") + '\xff' + '\0';
  for (const std::string text :
       {"2024-02-29 23:59:59.999", "1969-12-31 00:00:00.000", "0001-01-01 00:00:00.000",
        "9999-12-31 23:59:59.999", "2024-01-01T10:00:00.123"}) {
    for (size_t at = 0; at < text.size(); ++at) {
      for (char b : bytes) {
        std::string changed = text;
        changed[at] = b;
        for (const std::string& s : {text, changed}) {
          Timestamp fresh = 0, cached = 0;
          const bool ok = parse_timestamp(s, fresh);
          ASSERT_EQ(parse_timestamp(s, cached, cache), ok) << s;
          if (ok) {
            ASSERT_EQ(cached, fresh) << s;
          }
        }
      }
    }
  }
  Timestamp t;
  ASSERT_TRUE(parse_timestamp("1900-01-01 00:00:00.000", t, cache));
  EXPECT_EQ(t, -2'208'988'800'000);
  EXPECT_FALSE(parse_timestamp("1900-02-29 00:00:00.000", t, cache));
  EXPECT_FALSE(parse_timestamp("10000-01-01 00:00:00.00", t, cache));
}

TEST(Timestamp, AcceptedAndRejectedSpellings) {
  Timestamp t;
  EXPECT_TRUE(parse_timestamp("2024-01-02T03:04:05.6Z", t));
  EXPECT_EQ(format_timestamp(t), "2024-01-02 03:04:05.600");
  EXPECT_TRUE(parse_timestamp("2024-01-02 03:04:05.123456789", t));
  EXPECT_EQ(format_timestamp(t), "2024-01-02 03:04:05.123");
  EXPECT_TRUE(parse_timestamp("1969-07-20 20:17:40", t));
  EXPECT_EQ(t, -14'182'940'000);
  EXPECT_FALSE(parse_timestamp("", t));
  EXPECT_FALSE(parse_timestamp("2024-13-01", t));
  EXPECT_FALSE(parse_timestamp("2024-01-32", t));
  EXPECT_FALSE(parse_timestamp("2024-01-01 24:00", t));
  EXPECT_FALSE(parse_timestamp("2024-01-01 10:60", t));
  EXPECT_FALSE(parse_timestamp("2024-01-01 10", t));
  EXPECT_FALSE(parse_timestamp("2024-01-01x", t));
  EXPECT_FALSE(parse_timestamp("abc", t));
  EXPECT_FALSE(parse_timestamp("0000-01-01", t));
}

TEST(Duration, ParsesUnitsWithAndWithoutSpaces) {
  struct Case {
    const char* text;
    int64_t ms;
  } cases[] = {{"5 s", 5000},         {"5s", 5000},           {"10 min", 600'000},
               {"1 h", 3'600'000},    {"2 d", 172'800'000},   {"250 ms", 250},
               {"1 HOUR", 3'600'000}, {"30 SECONDS", 30'000}, {"1 minute", 60'000},
               {"100", 100},          {"1.5 s", 1500},        {" 3 Days ", 259'200'000}};
  for (const auto& c : cases) {
    int64_t ms = -1;
    EXPECT_TRUE(parse_duration(c.text, ms)) << c.text;
    EXPECT_EQ(ms, c.ms) << c.text;
  }
  int64_t ms;
  EXPECT_FALSE(parse_duration("", ms));
  EXPECT_FALSE(parse_duration("s", ms));
  EXPECT_FALSE(parse_duration("5 fortnights", ms));
  EXPECT_FALSE(parse_duration("-5 s", ms));
  EXPECT_FALSE(parse_duration("99999999999999999999 d", ms));
}

TEST(Interval, FormatsLargestUnitsFirst) {
  EXPECT_EQ(format_interval(5000), "5 s");
  EXPECT_EQ(format_interval(5'400'000), "1 h 30 min");
  EXPECT_EQ(format_interval(250), "250 ms");
  EXPECT_EQ(format_interval(0), "0 s");
  EXPECT_EQ(format_interval(-60'000), "-1 min");
  EXPECT_EQ(format_interval(90'061'001), "1 d 1 h 1 min 1 s 1 ms");
}

TEST(Interval, YearMonthDisplay) {
  EXPECT_EQ(format_interval_months(0), "0 months");
  EXPECT_EQ(format_interval_months(1), "1 month");
  EXPECT_EQ(format_interval_months(12), "1 year");
  EXPECT_EQ(format_interval_months(26), "2 years 2 months");
  EXPECT_EQ(format_interval_months(-13), "-1 year 1 month");
}

TEST(Date, ParseFormatRoundTripsOverManyDays) {
  for (int64_t days = kMinDateDays; days <= kMaxDateDays; days += 97) {
    int64_t back = 0;
    ASSERT_TRUE(parse_date(format_date(days), back)) << days;
    EXPECT_EQ(back, days);
  }
  EXPECT_EQ(format_date(0), "1970-01-01");
  EXPECT_EQ(format_date(-1), "1969-12-31");
  EXPECT_EQ(format_date(kMinDateDays), "0001-01-01");
  EXPECT_EQ(format_date(kMaxDateDays), "9999-12-31");
}

TEST(Date, AcceptedAndRejectedSpellings) {
  int64_t d = 0;
  EXPECT_TRUE(parse_date(" 2024-2-9 ", d));
  EXPECT_EQ(format_date(d), "2024-02-09");
  EXPECT_TRUE(parse_date("2024-02-29", d));
  for (const char* bad : {"2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "0000-01-01",
                          "24-01-01", "2024-01-01 00:00:00", "2024/01/01", "", "2024-01-"}) {
    EXPECT_FALSE(parse_date(bad, d)) << bad;
  }
}

TEST(Time, FormatsItsPrecision) {
  const int64_t t = 10 * 3'600'000 + 20 * 60'000 + 30'000 + 987;
  EXPECT_EQ(format_time(t, 0), "10:20:30");
  EXPECT_EQ(format_time(t, 1), "10:20:30.9");
  EXPECT_EQ(format_time(t, 3), "10:20:30.987");
  EXPECT_EQ(format_time(0, 3), "00:00:00.000");
  EXPECT_EQ(truncate_time(t, 0), t - 987);
  EXPECT_EQ(truncate_time(t, 2), t - 7);
  EXPECT_EQ(truncate_time(t, 3), t);
}

TEST(Time, AcceptedAndRejectedSpellings) {
  int64_t t = 0;
  EXPECT_TRUE(parse_time("7:05", t));
  EXPECT_EQ(t, 7 * 3'600'000 + 5 * 60'000);
  EXPECT_TRUE(parse_time("23:59:59.999999", t));
  EXPECT_EQ(t, 86'399'999);
  EXPECT_TRUE(parse_time(" 00:00:00.5 ", t));
  EXPECT_EQ(t, 500);
  for (const char* bad : {"24:00:00", "10:60", "10:00:60", "10", "10:00:00.", "10:00:00Z",
                          "2024-01-01 10:00:00", "", "ab:cd"}) {
    EXPECT_FALSE(parse_time(bad, t)) << bad;
  }
}

TEST(Decimal, FormatsWithExactlyScaleDigits) {
  EXPECT_EQ(format_decimal(12345, 2), "123.45");
  EXPECT_EQ(format_decimal(-5, 2), "-0.05");
  EXPECT_EQ(format_decimal(0, 3), "0.000");
  EXPECT_EQ(format_decimal(7, 0), "7");
  EXPECT_EQ(format_decimal(std::numeric_limits<int64_t>::min(), 0), "-9223372036854775808");
}

TEST(Value, DisplayText) {
  EXPECT_EQ(Value().to_string(), "NULL");
  EXPECT_EQ(Value::boolean(true).to_string(), "TRUE");
  EXPECT_EQ(Value::boolean(false).to_string(), "FALSE");
  EXPECT_EQ(Value::float64(1.5).to_string(), "1.5");
  EXPECT_EQ(Value::float64(0.1).to_string(), "0.1");
  EXPECT_EQ(Value::float64(2).to_string(), "2.0");
  EXPECT_EQ(Value::float64(1e20).to_string(), "1e+20");
  EXPECT_EQ(Value::decimal(150, Type::decimal(10, 2)).to_string(), "1.50");
  EXPECT_EQ(Value::timestamp(0).to_string(), "1970-01-01 00:00:00.000");
  EXPECT_EQ(Value::integer(-3, Type::int32()).to_string(), "-3");
  EXPECT_EQ(Value::string("hi").to_string(), "hi");
  EXPECT_EQ(Value::date(19'753).to_string(), "2024-01-31");
  EXPECT_EQ(Value::time(37'230'123, 3).to_string(), "10:20:30.123");
  EXPECT_EQ(Value::time(37'230'000, 0).to_string(), "10:20:30");
  EXPECT_EQ(Value::interval_months(3).to_string(), "3 months");
}

TEST(Type, SqlSpelling) {
  EXPECT_EQ(Type::decimal(10, 2).to_string(), "DECIMAL(10, 2)");
  EXPECT_EQ(Type::timestamp().to_string(), "TIMESTAMP(3)");
  EXPECT_EQ(Type::int32().to_string(), "INT");
  EXPECT_EQ(Type::date().to_string(), "DATE");
  EXPECT_EQ(Type::time().to_string(), "TIME(0)");
  EXPECT_EQ(Type::time(3).to_string(), "TIME(3)");
  EXPECT_EQ(Type::interval_months().to_string(), "INTERVAL MONTH");
}

TEST(Schema, FindIsCaseInsensitive) {
  Schema s;
  s.fields = {{"Uid", Type::string()}, {"ts", Type::timestamp()}};
  EXPECT_EQ(s.find("uid"), 0);
  EXPECT_EQ(s.find("TS"), 1);
  EXPECT_EQ(s.find("x"), -1);
}

// Names fold case as LOWER / UPPER do, beyond ASCII.
TEST(Schema, FindFoldsNonAsciiLetters) {
  Schema s;
  s.fields = {{"Größe", Type::int32()}, {"Ωmega", Type::int32()}, {"Жук", Type::int32()}};
  EXPECT_EQ(s.find("GRÖßE"), 0);
  EXPECT_EQ(s.find("größe"), 0);
  EXPECT_EQ(s.find("ωMEGA"), 1);
  EXPECT_EQ(s.find("жук"), 2);
  EXPECT_EQ(s.find("Grosse"), -1);
}

TEST(Names, CaseInsensitiveBeyondAscii) {
  EXPECT_TRUE(iequals("Über", "über"));
  EXPECT_TRUE(iequals("ÉMILE", "émile"));
  EXPECT_TRUE(iequals("ΑΒΓ", "αβγ"));
  EXPECT_TRUE(iequals("ДЖ", "дж"));
  EXPECT_TRUE(iequals("Ÿ", "ÿ"));  // U+0178 and U+00FF: different lead bytes
  EXPECT_FALSE(iequals("Über", "uber"));
  EXPECT_FALSE(iequals("日本", "日木"));
  EXPECT_EQ(to_lower("ÜBER Straße"), "über straße");
  EXPECT_EQ(to_upper("über straße"), "ÜBER STRAßE");
  EXPECT_EQ(to_upper("日本"), "日本");
  EXPECT_EQ(edit_distance("Über", "über"), 0u);
  EXPECT_EQ(edit_distance("Über", "Uber"), 1u);  // one character, two bytes
  EXPECT_EQ(did_you_mean("grösse", {"Größe", "Breite"}), " (did you mean 'Größe'?)");
}

TEST(RowKind, Symbols) {
  EXPECT_STREQ(row_kind_symbol(RowKind::Insert), "+I");
  EXPECT_STREQ(row_kind_symbol(RowKind::UpdateBefore), "-U");
  EXPECT_STREQ(row_kind_symbol(RowKind::UpdateAfter), "+U");
  EXPECT_STREQ(row_kind_symbol(RowKind::Delete), "-D");
}

}  // namespace
}  // namespace eddy
