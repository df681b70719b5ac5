// Streams fed from code ('connector' = 'embedded'): rows appended through Input reach the
// queries, malformed rows are refused without losing earlier ones, watermarks and idleness from
// code drive event time, close() ends the queries, and several queries share the stream.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "embedded_helpers.h"

namespace eddy {
namespace {

using namespace eddy::testing;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kClicks =
    "CREATE STREAM clicks (uid STRING NOT NULL, n INT, price DOUBLE, ts TIMESTAMP(3)) "
    "WITH ('connector' = 'embedded')";

TEST(EmbeddedInput, AppendedRowsReachAQueryAndCloseEndsIt) {
  auto engine = engine_on(manual_clock());
  run_ok(*engine, kClicks);
  auto query = start(*engine, "SELECT uid, n + 1 AS m FROM clicks WHERE n > 0");
  Input clicks = input_of(*engine, "clicks");

  ASSERT_TRUE(clicks.row().set("uid", "a").set("n", 1).set("ts", int64_t(1000)).append());
  ASSERT_TRUE(clicks.row().set(0, "skipped").set(1, 0).append());
  ASSERT_TRUE(clicks
                  .append({Value::string("b"), Value::integer(5, Type::int32()),
                           Value::float64(2.5), Value::timestamp(2000)})
                  .is_ok());
  EXPECT_THAT(poll_rows(*query, 2), ElementsAre("+I|a|2", "+I|b|6"));
  expect_nothing_more(*query);
  EXPECT_EQ(clicks.rows(), 3u);

  ASSERT_TRUE(clicks.close());
  EXPECT_TRUE(poll_to_end(*query).empty());
  Status late = clicks.row().set("uid", "c").append();
  ASSERT_FALSE(late);
  EXPECT_THAT(late.error().message, HasSubstr("cannot append a row after close()"));
}

TEST(EmbeddedInput, ADataErrorNamesTheStreamAndTheRecord) {
  auto engine = engine_on(manual_clock());
  run_ok(*engine, kClicks);
  Input clicks = input_of(*engine, "clicks");
  for (int n : {1, 2, 0, 4}) ASSERT_TRUE(clicks.row().set("uid", "u").set("n", n).append());
  ASSERT_TRUE(clicks.close());
  auto query = start(*engine, "SELECT uid, 10 / n AS q FROM clicks");
  std::vector<std::string> rows;
  std::string error;
  Chunk chunk;
  for (int i = 0; i < 200 && error.empty(); ++i) {
    auto polled = query->poll(chunk, std::chrono::milliseconds(50));
    if (!polled) {
      error = polled.error().message;
      break;
    }
    if (polled.value() == PollStatus::Finished) break;
    append_lines(chunk, rows);
  }
  // The rows before the failing one first; the error names the record (the third) and column.
  EXPECT_THAT(rows, ElementsAre("+I|u|10", "+I|u|5"));
  EXPECT_EQ(error, "stream 'clicks' record 3: column 'q': division by zero");
}

TEST(EmbeddedInput, RowsAppendedBeforeTheQueryStartsAreRead) {
  auto engine = engine_on(manual_clock());
  run_ok(*engine, kClicks);
  Input clicks = input_of(*engine, "clicks");
  ASSERT_TRUE(clicks.row().set("uid", "early").set("n", 1).append());
  auto query = start(*engine, "SELECT uid, n FROM clicks");
  ASSERT_TRUE(clicks.row().set("uid", "later").set("n", 2).append());
  ASSERT_TRUE(clicks.close());
  EXPECT_THAT(poll_to_end(*query), ElementsAre("+I|early|1", "+I|later|2"));
}

TEST(EmbeddedInput, MalformedRowsAreRefusedAndEarlierRowsStillArrive) {
  auto engine = engine_on(manual_clock());
  run_ok(*engine, kClicks);
  auto query = start(*engine, "SELECT uid, n, price, ts FROM clicks");
  Input clicks = input_of(*engine, "clicks");
  ASSERT_TRUE(clicks.row().set("uid", "first").set("n", 1).append());

  auto refused = [&](Status status, const std::string& message) {
    ASSERT_FALSE(status.is_ok()) << "expected: " << message;
    EXPECT_EQ(status.error().message, message);
  };
  refused(clicks.append({Value::string("x")}),
          "stream 'clicks': the row has 1 values, but the stream has 4 columns (uid, n, price, "
          "ts)");
  refused(clicks.row().set("uid", "x").set("n", "seven").append(),
          "stream 'clicks', column 'n': expected INT, got a STRING");
  refused(clicks.row().set("uid", "x").set("n", int64_t(1) << 40).append(),
          "stream 'clicks', column 'n': 1099511627776 is out of range for INT");
  refused(clicks.row().set("n", 3).append(),
          "stream 'clicks', column 'uid': NULL in a NOT NULL column (STRING NOT NULL)");
  refused(clicks.row().set_null("uid").append(),
          "stream 'clicks', column 'uid': NULL in a NOT NULL column (STRING NOT NULL)");
  refused(clicks.row().set("uidd", "x").append(),
          "stream 'clicks': no column 'uidd' (did you mean 'uid'?)");
  refused(clicks.row().set(4, 1).append(),
          "stream 'clicks': no column 4 (it has 4 columns, numbered from 0)");
  refused(clicks.row().set("uid", "x").set("ts", "noon").append(),
          "stream 'clicks', column 'ts': 'noon' is not a TIMESTAMP(3)");
  refused(clicks.row().set("uid", "x").set("price", true).append(),
          "stream 'clicks', column 'price': expected DOUBLE, got a BOOLEAN");
  refused(clicks.append({Value::string("y"), Value::string("1"), Value::null(Type::float64()),
                         Value::null(Type::timestamp())}),
          "stream 'clicks', column 'n': expected INT, got a STRING");
  refused(clicks.append(
              {Value::string("y"), Value::integer(1), Value::float64(1), Value::integer(1000)}),
          "stream 'clicks', column 'ts': expected TIMESTAMP(3), got BIGINT");
  // The first error is the one reported, and the builder starts afresh after append().
  refused(clicks.row().set("n", "a").set("nope", 1).append(),
          "stream 'clicks', column 'n': expected INT, got a STRING");

  ASSERT_TRUE(clicks.row()
                  .set("uid", "second")
                  .set("price", 1.5)
                  .set("ts", "1970-01-01 00:00:03")
                  .append());
  ASSERT_TRUE(clicks.close());
  EXPECT_EQ(clicks.rows(), 2u);
  EXPECT_THAT(poll_to_end(*query),
              ElementsAre("+I|first|1|NULL|NULL", "+I|second|NULL|1.5|1970-01-01 00:00:03.000"));
}

TEST(EmbeddedInput, ValuesConvertToTheColumnTypes) {
  auto engine = engine_on(manual_clock());
  run_ok(*engine,
         "CREATE STREAM t (i INT, b BIGINT, d DECIMAL(6, 2), x DOUBLE, f BOOLEAN, s STRING, "
         "ts TIMESTAMP(3), day DATE, tm TIME(0)) WITH ('connector' = 'embedded')");
  auto query = start(*engine, "SELECT * FROM t");
  Input t = input_of(*engine, "t");
  // Typed setters: integers into every number column and as the time types' representation.
  ASSERT_TRUE(t.row()
                  .set("i", -7)
                  .set("b", int64_t(1) << 40)
                  .set("d", 12)
                  .set("x", 3)
                  .set("f", true)
                  .set("s", std::string("text"))
                  .set("ts", int64_t(86'400'000 + 1))
                  .set("day", int64_t(2))
                  .set("tm", int64_t(3'600'999))
                  .append());
  // Strings into the time types; Values widen (INT to BIGINT, DECIMAL to a larger scale or to
  // DOUBLE, a DATE to a TIMESTAMP).
  ASSERT_TRUE(
      t.append({Value::integer(3, Type::int32()), Value::integer(4, Type::int32()),
                Value::decimal(125, Type::decimal(5, 1)), Value::decimal(125, Type::decimal(5, 1)),
                Value::boolean(false), Value::string(""), Value::date(1),
                Value::string("2024-02-29"), Value::string("10:20:30.999")})
          .is_ok());
  {
    Status status = t.row().set("d", 10'000).append();
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().message,
              "stream 't', column 'd': 10000 is out of range for DECIMAL(6, 2)");
  }
  ASSERT_TRUE(t.close());
  EXPECT_THAT(
      poll_to_end(*query),
      ElementsAre(
          "+I|-7|1099511627776|12.00|3.0|TRUE|text|1970-01-02 00:00:00.001|1970-01-03|01:00:00",
          "+I|3|4|12.50|12.5|FALSE||1970-01-02 00:00:00.000|2024-02-29|10:20:30"));
}

TEST(EmbeddedInput, OnlyEmbeddedStreamsHaveAnInput) {
  auto engine = engine_on(manual_clock());
  run_ok(*engine, kClicks);
  run_ok(*engine,
         "CREATE STREAM gen (n BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '1')");
  auto unknown = engine->input("clickz");
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_EQ(unknown.error().message, "unknown stream 'clickz' (did you mean 'clicks'?)");
  auto generated = engine->input("gen");
  ASSERT_FALSE(generated.is_ok());
  EXPECT_EQ(generated.error().message,
            "stream 'gen' reads connector 'datagen'; only a stream WITH ('connector' = "
            "'embedded') takes rows from code");
  // Nor can an embedded stream be written by SQL.
  auto insert =
      engine->execute("INSERT INTO clicks SELECT 'x', 1, 1.0, TIMESTAMP '2024-01-01 00:00:00'");
  ASSERT_FALSE(insert.is_ok());
  EXPECT_THAT(insert.error().message, HasSubstr("connector 'embedded' cannot be written to"));
}

constexpr const char* kTumble =
    "SELECT uid, COUNT(*) AS n, window_end FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), "
    "INTERVAL '10' SECOND)) GROUP BY uid, window_start, window_end";

// Batch size 1 and the default alike (results never depend on it).
void watermark_closes_a_tumble_window(size_t batch_size) {
  SCOPED_TRACE("batch size " + std::to_string(batch_size));
  auto engine = engine_on(manual_clock(), batch_size);
  // The declared watermark lags an hour: within the test only code moves event time.
  run_ok(*engine,
         "CREATE STREAM clicks (uid STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL "
         "'1' HOUR) WITH ('connector' = 'embedded')");
  auto query = start(*engine, kTumble);
  Input clicks = input_of(*engine, "clicks");
  for (int64_t ts : {1000, 2000, 12'000}) ASSERT_TRUE(clicks.row().set(0, "a").set(1, ts).append());
  expect_nothing_more(*query);
  ASSERT_TRUE(clicks.watermark(9'998));
  expect_nothing_more(*query);
  ASSERT_TRUE(clicks.watermark(9'999));  // window_end - 1 ms: the window [0 s, 10 s) is complete
  EXPECT_THAT(poll_rows(*query, 1), ElementsAre("+I|a|2|1970-01-01 00:00:10.000"));
  EXPECT_EQ(query->stats().watermark, 9'999);
  ASSERT_TRUE(clicks.watermark(5'000));  // behind: changes nothing
  ASSERT_TRUE(clicks.row().set(0, "a").set(1, int64_t(15'000)).append());
  expect_nothing_more(*query);
  ASSERT_TRUE(clicks.close());
  EXPECT_THAT(poll_to_end(*query), ElementsAre("+I|a|2|1970-01-01 00:00:20.000"));
}

TEST(EmbeddedInput, AWatermarkFromCodeClosesATumbleWindow) {
  watermark_closes_a_tumble_window(1);
  watermark_closes_a_tumble_window(1024);
}

TEST(EmbeddedInput, SourceWatermarkLeavesEventTimeToCode) {
  auto engine = engine_on(manual_clock());
  run_ok(*engine,
         "CREATE STREAM clicks (uid STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS "
         "SOURCE_WATERMARK()) WITH ('connector' = 'embedded')");
  auto query = start(*engine, kTumble);
  Input clicks = input_of(*engine, "clicks");
  ASSERT_TRUE(clicks.row().set(0, "a").set(1, int64_t(1000)).append());
  ASSERT_TRUE(clicks.row().set(0, "b").set(1, int64_t(50'000)).append());
  expect_nothing_more(*query);  // rows alone move no watermark
  ASSERT_TRUE(clicks.watermark(20'000));
  EXPECT_THAT(poll_rows(*query, 1), ElementsAre("+I|a|1|1970-01-01 00:00:10.000"));
  expect_nothing_more(*query);
  ASSERT_TRUE(clicks.close());
  EXPECT_THAT(poll_to_end(*query), ElementsAre("+I|b|1|1970-01-01 00:01:00.000"));
}

TEST(EmbeddedInput, WatermarksNeedEventTimeAndAnOpenStream) {
  auto engine = engine_on(manual_clock());
  run_ok(*engine, kClicks);
  Input clicks = input_of(*engine, "clicks");
  Status status = clicks.watermark(1000);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message,
            "stream 'clicks' has no event time: declare WATERMARK FOR <column> AS "
            "SOURCE_WATERMARK() (or any WATERMARK clause) to give it watermarks");
  ASSERT_TRUE(clicks.idle());
  ASSERT_TRUE(clicks.close());
  ASSERT_TRUE(clicks.close());  // twice is fine
  status = clicks.idle(false);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message,
            "stream 'clicks': cannot mark the stream idle after close() (the input has ended)");

  auto file = engine->execute(
      "CREATE STREAM f (ts TIMESTAMP(3),\n  WATERMARK FOR ts AS SOURCE_WATERMARK()) WITH "
      "('connector' = 'file', 'path' = 'x.csv')");
  ASSERT_FALSE(file.is_ok());
  EXPECT_EQ(file.error().message,
            "SOURCE_WATERMARK() needs a source that carries watermarks: 'connector' = 'embedded'");
  EXPECT_EQ(file.error().line, 2);
  EXPECT_EQ(file.error().column, 23);
}

void idle_stream_does_not_hold_back_a_union(size_t batch_size) {
  SCOPED_TRACE("batch size " + std::to_string(batch_size));
  auto engine = engine_on(manual_clock(), batch_size);
  for (std::string name : {"a", "b"})
    run_ok(*engine, "CREATE STREAM " + name +
                        " (uid STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' "
                        "= 'embedded')");
  run_ok(*engine, "CREATE VIEW ab AS SELECT uid, ts FROM a UNION ALL SELECT uid, ts FROM b");
  auto query = start(*engine,
                     "SELECT uid, COUNT(*) AS n, window_end FROM TABLE(TUMBLE(TABLE ab, "
                     "DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY uid, window_start, "
                     "window_end");
  Input a = input_of(*engine, "a");
  Input b = input_of(*engine, "b");
  ASSERT_TRUE(a.row().set(0, "x").set(1, int64_t(1000)).append());
  ASSERT_TRUE(a.row().set(0, "x").set(1, int64_t(15'000)).append());
  // b has said nothing: the union waits for it.
  expect_nothing_more(*query);
  ASSERT_TRUE(b.idle());
  EXPECT_THAT(poll_rows(*query, 1), ElementsAre("+I|x|1|1970-01-01 00:00:10.000"));
  // A row makes b active again: the union's watermark waits for b's rows once more.
  ASSERT_TRUE(b.row().set(0, "y").set(1, int64_t(16'000)).append());
  ASSERT_TRUE(a.row().set(0, "x").set(1, int64_t(25'000)).append());
  expect_nothing_more(*query);
  ASSERT_TRUE(b.close());
  EXPECT_THAT(poll_rows(*query, 2),
              ElementsAre("+I|x|1|1970-01-01 00:00:20.000", "+I|y|1|1970-01-01 00:00:20.000"));
  ASSERT_TRUE(a.close());
  EXPECT_THAT(poll_to_end(*query), ElementsAre("+I|x|1|1970-01-01 00:00:30.000"));
}

TEST(EmbeddedInput, AnIdleStreamDoesNotHoldBackAUnion) {
  idle_stream_does_not_hold_back_a_union(1);
  idle_stream_does_not_hold_back_a_union(1024);
}

TEST(EmbeddedInput, QueriesReadFromTheOldestRowStillHeld) {
  auto engine = engine_on(manual_clock());
  run_ok(*engine, kClicks);
  auto first = start(*engine, "SELECT uid FROM clicks");
  auto second = start(*engine, "SELECT uid, n FROM clicks");
  Input clicks = input_of(*engine, "clicks");
  ASSERT_TRUE(clicks.row().set("uid", "r1").set("n", 1).append());
  ASSERT_TRUE(clicks.row().set("uid", "r2").set("n", 2).append());
  EXPECT_THAT(poll_rows(*first, 2), ElementsAre("+I|r1", "+I|r2"));
  EXPECT_THAT(poll_rows(*second, 2), ElementsAre("+I|r1|1", "+I|r2|2"));
  // Both open queries have read r1 and r2, so they are no longer held: a third query starts
  // after them.
  auto third = start(*engine, "SELECT n FROM clicks");
  ASSERT_TRUE(clicks.row().set("uid", "r3").set("n", 3).append());
  ASSERT_TRUE(clicks.close());
  EXPECT_THAT(poll_to_end(*first), ElementsAre("+I|r3"));
  EXPECT_THAT(poll_to_end(*second), ElementsAre("+I|r3|3"));
  EXPECT_THAT(poll_to_end(*third), ElementsAre("+I|3"));
  // A query started after close() reads what is still held (nothing) and ends.
  auto fourth = start(*engine, "SELECT n FROM clicks");
  EXPECT_TRUE(poll_to_end(*fourth).empty());
}

}  // namespace
}  // namespace eddy
