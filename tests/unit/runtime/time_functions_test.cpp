// Time functions: EXTRACT and friends, DATE_FORMAT patterns, parsing, epoch conversions.
#include "expr/eval_context.h"
#include "expr_test_util.h"

namespace eddy {
namespace {

using namespace eddy::testing;

std::string call(const std::string& name, std::vector<ExprPtr> a) {
  return text(fn(name, std::move(a)));
}
std::string extract(const std::string& unit, const std::string& t) {
  return call("EXTRACT", args(str(unit), ts(t)));
}

TEST(Extract, Fields) {
  const std::string t = "2024-02-29 13:45:12.345";  // a Thursday
  EXPECT_EQ(extract("YEAR", t), "2024");
  EXPECT_EQ(extract("QUARTER", t), "1");
  EXPECT_EQ(extract("MONTH", t), "2");
  EXPECT_EQ(extract("DAY", t), "29");
  EXPECT_EQ(extract("HOUR", t), "13");
  EXPECT_EQ(extract("MINUTE", t), "45");
  EXPECT_EQ(extract("SECOND", t), "12");
  EXPECT_EQ(extract("MILLISECOND", t), "12345");
  EXPECT_EQ(extract("DOW", t), "5");  // Sunday = 1
  EXPECT_EQ(extract("DOY", t), "60");
  EXPECT_EQ(extract("WEEK", t), "9");
  EXPECT_EQ(extract("EPOCH", "1970-01-02 00:00:01"), "86401");
  EXPECT_EQ(extract("EPOCH", "1969-12-31 23:59:59.5"), "-1");
  EXPECT_EQ(extract("year", "1969-12-31 23:59:59.999"), "1969");
  EXPECT_EQ(fn("EXTRACT", args(str("YEAR"), ts(t)))->type(), Type::int64());
  EXPECT_EQ(fn("EXTRACT", args(str("YEAR"), ts(t)))->to_string(),
            "EXTRACT(YEAR FROM TIMESTAMP '2024-02-29 13:45:12.345')");
  EXPECT_EQ(bind_error(make_function("EXTRACT", args(str("FORTNIGHT"), ts(t)))),
            "EXTRACT: unknown time unit 'FORTNIGHT' (usage: EXTRACT(unit FROM ts))");
}

TEST(Extract, IsoWeeksAtYearBoundaries) {
  EXPECT_EQ(extract("WEEK", "2021-01-03"), "53");  // Sunday, belongs to 2020-W53
  EXPECT_EQ(extract("WEEK", "2021-01-04"), "1");
  EXPECT_EQ(extract("WEEK", "2024-12-30"), "1");  // Monday of 2025-W01
  EXPECT_EQ(extract("DOW", "1970-01-04"), "1");   // a Sunday
  EXPECT_EQ(extract("DOW", "1969-12-27"), "7");   // a Saturday
}

TEST(Extract, ShorthandFunctions) {
  const std::string t = "1999-12-31 23:59:58";
  EXPECT_EQ(call("YEAR", args(ts(t))), "1999");
  EXPECT_EQ(call("MONTH", args(ts(t))), "12");
  EXPECT_EQ(call("DAYOFMONTH", args(ts(t))), "31");
  EXPECT_EQ(call("HOUR", args(ts(t))), "23");
  EXPECT_EQ(call("MINUTE", args(ts(t))), "59");
  EXPECT_EQ(call("SECOND", args(ts(t))), "58");
  EXPECT_EQ(call("DAYOFYEAR", args(ts(t))), "365");
  EXPECT_EQ(call("QUARTER", args(ts(t))), "4");
  EXPECT_EQ(call("YEAR", args(str("2001-05-06"))), "2001");  // a string is cast
  EXPECT_EQ(call("YEAR", args(null_of(Type::timestamp()))), "NULL");
}

TEST(DateFormat, JavaStylePatterns) {
  const auto t = [] { return ts("2024-03-05 07:08:09.012"); };
  EXPECT_EQ(call("DATE_FORMAT", args(t(), str("yyyy-MM-dd HH:mm:ss"))), "2024-03-05 07:08:09");
  EXPECT_EQ(call("DATE_FORMAT", args(t(), str("yyyy-MM-dd HH:mm:ss.SSS"))),
            "2024-03-05 07:08:09.012");
  EXPECT_EQ(call("DATE_FORMAT", args(t(), str("yyyyMMdd"))), "20240305");
  EXPECT_EQ(call("DATE_FORMAT", args(t(), str("yy/M/d H:m:s"))), "24/3/5 7:8:9");
  EXPECT_EQ(call("DATE_FORMAT", args(t(), str("EEE, d MMM yyyy"))), "Tue, 5 Mar 2024");
  EXPECT_EQ(call("DATE_FORMAT", args(t(), str("EEEE MMMM"))), "Tuesday March");
  EXPECT_EQ(call("DATE_FORMAT", args(t(), str("hh:mm a"))), "07:08 AM");
  EXPECT_EQ(call("DATE_FORMAT", args(t(), str("yyyy-MM-dd'T'HH:mm:ss'Z'"))),
            "2024-03-05T07:08:09Z");
  EXPECT_EQ(call("DATE_FORMAT", args(t(), str("'o''clock' H"))), "o'clock 7");
  EXPECT_EQ(call("DATE_FORMAT", args(t(), str("S SS SSSS"))), "0 01 0120");
  EXPECT_EQ(call("DATE_FORMAT", args(ts("0001-01-01 00:00:00"), str("yyyy-MM-dd"))), "0001-01-01");
  EXPECT_EQ(call("DATE_FORMAT", args(ts("1960-06-15 12:00:00"), str("D"))), "167");
  EXPECT_EQ(call("DATE_FORMAT", args(str("2024-01-01 10:00:00"), str("HH"))), "10");
  EXPECT_EQ(call("DATE_FORMAT", args(null_of(Type::timestamp()), str("yyyy"))), "NULL");
  EXPECT_EQ(bind_error(make_function("DATE_FORMAT", args(t(), str("yyyy-ww")))),
            "DATE_FORMAT: unsupported letter 'w' in date pattern 'yyyy-ww' "
            "(usage: DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm:ss'))");
}

TEST(DateFormat, PerRowPatternsMatchConstantOnes) {
  Schema s;
  s.fields = {{"t", Type::timestamp()}, {"f", Type::string()}};
  Timestamp t;
  ASSERT_TRUE(parse_timestamp("2023-11-14 22:13:20.123", t));
  const std::vector<std::string> patterns = {"yyyy", "MM/dd", "HH:mm:ss.SSS", "EEE", "yyyy"};
  std::vector<std::vector<Value>> rows;
  for (const auto& p : patterns) rows.push_back({Value::timestamp(t), Value::string(p)});
  Batch b = make_batch(s, rows);
  ExprPtr e =
      fn("DATE_FORMAT", args(make_column_ref(0, s.fields[0]), make_column_ref(1, s.fields[1])));
  const auto v = eval_all(*e, b);
  for (size_t i = 0; i < patterns.size(); ++i) {
    EXPECT_EQ(v[i].to_string(),
              call("DATE_FORMAT", args(make_literal(Value::timestamp(t)), str(patterns[i]))));
  }
}

TEST(ToTimestamp, ParsesWithAndWithoutPatterns) {
  EXPECT_EQ(call("TO_TIMESTAMP", args(str("2024-01-02 03:04:05"))), "2024-01-02 03:04:05.000");
  EXPECT_EQ(call("TO_TIMESTAMP", args(str("2024-01-02"))), "2024-01-02 00:00:00.000");
  EXPECT_EQ(call("TO_TIMESTAMP", args(str("not a time"))), "NULL");
  EXPECT_EQ(call("TO_TIMESTAMP", args(str("05/01/2024 13:30"), str("dd/MM/yyyy HH:mm"))),
            "2024-01-05 13:30:00.000");
  EXPECT_EQ(call("TO_TIMESTAMP", args(str("20240105133000123"), str("yyyyMMddHHmmssSSS"))),
            "2024-01-05 13:30:00.123");
  EXPECT_EQ(call("TO_TIMESTAMP", args(str("5 Mar 2024 1:02 PM"), str("d MMM yyyy h:mm a"))),
            "2024-03-05 13:02:00.000");
  EXPECT_EQ(call("TO_TIMESTAMP", args(str("2024-02-30"), str("yyyy-MM-dd"))), "NULL");
  EXPECT_EQ(
      call("TO_TIMESTAMP", args(str("2024-01-01T10:00:00+02:00"), str("yyyy-MM-dd'T'HH:mm:ssXXX"))),
      "2024-01-01 08:00:00.000");
  // DATE_FORMAT and TO_TIMESTAMP with one pattern are inverse over many instants.
  for (Timestamp t = -5'000'000'000'000; t < 5'000'000'000'000; t += 77'777'777'777) {
    ExprPtr formatted =
        fn("DATE_FORMAT", args(make_literal(Value::timestamp(t)), str("yyyy-MM-dd HH:mm:ss.SSS")));
    ExprPtr back = fn("TO_TIMESTAMP", args(std::move(formatted), str("yyyy-MM-dd HH:mm:ss.SSS")));
    ASSERT_EQ(value(back).int_value(), t);
  }
}

TEST(EpochFunctions, UnixTimeConversions) {
  EXPECT_EQ(call("TO_TIMESTAMP_LTZ", args(big(1'700'000'000), lit(0))), "2023-11-14 22:13:20.000");
  EXPECT_EQ(call("TO_TIMESTAMP_LTZ", args(big(1'700'000'000'123), lit(3))),
            "2023-11-14 22:13:20.123");
  EXPECT_EQ(call("TO_TIMESTAMP_LTZ", args(big(-1), lit(3))), "1969-12-31 23:59:59.999");
  EXPECT_NE(runtime_error(fn("TO_TIMESTAMP_LTZ", args(big(1), lit(6)))), "");
  EXPECT_EQ(call("FROM_UNIXTIME", args(big(0))), "1970-01-01 00:00:00");
  EXPECT_EQ(call("FROM_UNIXTIME", args(big(86400), str("yyyy/MM/dd"))), "1970/01/02");
  EXPECT_EQ(call("UNIX_TIMESTAMP", args(str("1970-01-01 00:01:00"))), "60");
  EXPECT_EQ(call("UNIX_TIMESTAMP", args(str("1969-12-31 23:59:59"))), "-1");
  EXPECT_EQ(call("UNIX_TIMESTAMP", args(str("01.01.1970"), str("dd.MM.yyyy"))), "0");
  EXPECT_EQ(call("UNIX_TIMESTAMP", args(str("junk"))), "NULL");
}

TEST(CurrentTime, IsNonDeterministicAndNeverConstant) {
  ExprPtr now = fn("CURRENT_TIMESTAMP", args());
  EXPECT_FALSE(now->is_constant());
  EXPECT_EQ(now->type(), Type::timestamp());
  EXPECT_EQ(now->to_string(), "CURRENT_TIMESTAMP");
  EXPECT_GT(value(now).int_value(), 1'600'000'000'000);
  EXPECT_GT(value(fn("UNIX_TIMESTAMP", args())).int_value(), 1'600'000'000);
  EXPECT_TRUE(fn("PI", args())->is_constant());
}

// Inside a query step the time functions read the query's clock (DESIGN.md §2), not the wall's.
TEST(CurrentTime, ReadsTheEvaluationClock) {
  ManualClock clock(90'061'001);  // 1970-01-02 01:01:01.001
  ManualClock inner(0);
  {
    ScopedEvalClock guard(&clock);
    EXPECT_EQ(current_eval_clock(), &clock);
    for (const char* name : {"NOW", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "PROCTIME"}) {
      EXPECT_EQ(value(fn(name, args())).int_value(), 90'061'001) << name;
    }
    EXPECT_EQ(value(fn("UNIX_TIMESTAMP", args())).int_value(), 90'061);
    clock.advance(1000);
    EXPECT_EQ(call("NOW", args()), "1970-01-02 01:01:02.001");
    {
      ScopedEvalClock nested(&inner);
      EXPECT_EQ(value(fn("PROCTIME", args())).int_value(), 0);
    }
    EXPECT_EQ(value(fn("PROCTIME", args())).int_value(), 90'062'001);
  }
  EXPECT_EQ(current_eval_clock(), nullptr);
  EXPECT_GT(value(fn("PROCTIME", args())).int_value(), 1'600'000'000'000);  // the wall clock
  ExprPtr proctime = fn("PROCTIME", args());
  EXPECT_FALSE(proctime->is_constant());
  EXPECT_EQ(proctime->type(), Type::timestamp());
  EXPECT_EQ(proctime->to_string(), "PROCTIME()");
}

// CURRENT_DATE and CURRENT_TIME / LOCALTIME (whole seconds: TIME(0)) read the same clock.
TEST(CurrentTime, DateAndTimeOfDayFollowTheEvaluationClock) {
  ManualClock clock(1'709'634'269'987);  // 2024-03-05 10:24:29.987
  ScopedEvalClock guard(&clock);
  ExprPtr date = fn("CURRENT_DATE", args());
  EXPECT_FALSE(date->is_constant());
  EXPECT_EQ(date->type(), Type::date());
  EXPECT_EQ(date->to_string(), "CURRENT_DATE");
  EXPECT_EQ(text(fn("CURRENT_DATE", args())), "2024-03-05");
  for (const char* name : {"CURRENT_TIME", "LOCALTIME"}) {
    EXPECT_EQ(fn(name, args())->type(), Type::time(0)) << name;
    EXPECT_EQ(text(fn(name, args())), "10:24:29") << name;
  }
  clock.set(-1);  // 1969-12-31 23:59:59.999: the day and time of day round down
  EXPECT_EQ(text(fn("CURRENT_DATE", args())), "1969-12-31");
  EXPECT_EQ(text(fn("CURRENT_TIME", args())), "23:59:59");
}

TEST(TimestampArithmeticFunctions, AddDiffFloorCeil) {
  EXPECT_EQ(call("TIMESTAMPADD", args(str("MONTH"), lit(1), ts("2024-01-31 10:00:00"))),
            "2024-02-29 10:00:00.000");
  EXPECT_EQ(call("TIMESTAMPADD", args(str("YEAR"), lit(-1), ts("2024-02-29"))),
            "2023-02-28 00:00:00.000");
  EXPECT_EQ(call("TIMESTAMPADD", args(str("HOUR"), lit(25), ts("2024-01-01"))),
            "2024-01-02 01:00:00.000");
  EXPECT_EQ(call("TIMESTAMPDIFF", args(str("DAY"), ts("2024-01-01"), ts("2024-03-01"))), "60");
  EXPECT_EQ(call("TIMESTAMPDIFF", args(str("MONTH"), ts("2024-01-31"), ts("2024-02-29"))), "0");
  EXPECT_EQ(call("TIMESTAMPDIFF", args(str("MONTH"), ts("2024-01-15"), ts("2024-03-15"))), "2");
  EXPECT_EQ(call("TIMESTAMPDIFF", args(str("YEAR"), ts("2024-03-01"), ts("2020-03-02"))), "-3");
  EXPECT_EQ(call("FLOOR", args(ts("2024-03-05 07:08:09"), str("HOUR"))), "2024-03-05 07:00:00.000");
  EXPECT_EQ(call("FLOOR", args(ts("1969-12-31 23:30:00"), str("DAY"))), "1969-12-31 00:00:00.000");
  EXPECT_EQ(call("FLOOR", args(ts("2024-03-05 07:08:09"), str("MONTH"))),
            "2024-03-01 00:00:00.000");
  EXPECT_EQ(call("FLOOR", args(ts("2024-03-07 07:08:09"), str("WEEK"))), "2024-03-04 00:00:00.000");
  EXPECT_EQ(call("CEIL", args(ts("2024-03-05 07:08:09"), str("HOUR"))), "2024-03-05 08:00:00.000");
  EXPECT_EQ(call("CEIL", args(ts("2024-03-05 00:00:00"), str("DAY"))), "2024-03-05 00:00:00.000");
  EXPECT_EQ(call("CEIL", args(ts("2024-11-05 00:00:01"), str("QUARTER"))),
            "2025-01-01 00:00:00.000");
  EXPECT_EQ(fn("FLOOR", args(ts("2024-03-05 07:08:09"), str("HOUR")))->to_string(),
            "FLOOR(TIMESTAMP '2024-03-05 07:08:09.000' TO HOUR)");
}

}  // namespace
}  // namespace eddy
