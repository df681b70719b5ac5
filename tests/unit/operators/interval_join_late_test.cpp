// IntervalJoin with rows at or behind the combined watermark, fed directly (the SQL path drops
// them at the source today). Flink's TimeIntervalJoin (FLINK-SEMANTICS.md J3): such a row is
// never dropped; it joins the other side's rows still kept, is kept itself only while a future
// row of the other side could still match it, and otherwise, if it matched nothing, an outer
// (or anti) join emits it at once, null-padded (as itself). Also the empty interval (J7).
#include <gtest/gtest.h>

#include "join_test_util.h"
#include "operators/interval_join.h"

namespace eddy {
namespace {

JoinConfig config(JoinType type, int64_t lower, int64_t upper) {
  JoinConfig c = interval_join_config(type, lower, upper);
  c.empty_interval = lower > upper;
  return c;
}

// Drives one join: both inputs' watermarks move together.
struct Driver {
  IntervalJoin join;
  JoinRowCapture out;
  Timestamp watermark = kMinTimestamp;

  explicit Driver(JoinConfig c) : join(std::move(c)) {}
  void advance(Timestamp w) {
    watermark = w;
    join.on_input_watermark(0, w);
    join.on_input_watermark(1, w);
    join.on_watermark(w, out);
  }
  // A row of key 1 on `port` arriving at the current watermark (late when ts <= watermark).
  std::vector<std::string> row(int port, int64_t ts, int64_t v) {
    Batch batch = Batch::with_schema(side_schema(port == 0 ? "v" : "w"));
    batch.columns[0].append_int(1);
    batch.columns[1].append_int(ts);
    batch.columns[2].append_int(v);
    batch.arrival_watermark.push_back(watermark);
    batch.rows = 1;
    join.on_batch(batch, port, out);
    return out.take();
  }
};

using Rows = std::vector<std::string>;

TEST(IntervalJoinLateRows, JoinTheKeptRowsAndAreKeptOnlyWhileAPartnerCanStillCome) {
  Driver d(config(JoinType::Left, -10, 10));  // r.ts - l.ts in [-10, 10]
  EXPECT_EQ(d.row(1, 90, 1), Rows{});         // kept until the watermark passes 100
  d.advance(95);
  // l @84 is behind the watermark: it joins r @90, and is not kept (any right row to come has
  // ts > 95 > 84 + 10).
  EXPECT_EQ(d.row(0, 84, 10), Rows{"+I 1 84 10 1 90 1"});
  // r @93 (late too) is kept (93 + 10 > 95) but finds no left row: l @84 was not kept.
  EXPECT_EQ(d.row(1, 93, 2), Rows{});
  // l @70 matches nothing and nothing can still come: LEFT emits it padded at once.
  EXPECT_EQ(d.row(0, 70, 20), Rows{"+I 1 70 20 null null null"});
  // l @88 joins both kept right rows and is kept (88 + 10 > 95): r @96 still matches it.
  EXPECT_EQ(d.row(0, 88, 30), (Rows{"+I 1 88 30 1 90 1", "+I 1 88 30 1 93 2"}));
  EXPECT_EQ(d.row(1, 96, 3), Rows{"+I 1 88 30 1 96 3"});
  // It matched: nothing more when it expires, nor at the end.
  d.advance(kMaxTimestamp);
  EXPECT_EQ(d.out.take(), Rows{});
  EXPECT_EQ(d.join.metrics().keys, 0u);
}

TEST(IntervalJoinLateRows, ALateRowKeptUnmatchedIsPaddedWhenItsIntervalCloses) {
  Driver d(config(JoinType::Left, 0, 10));
  d.advance(100);
  EXPECT_EQ(d.row(0, 95, 1), Rows{});  // late, but a right row in (100, 105] can still match
  d.advance(105);  // 95 + 10: at the watermark, a right row at 105 can still match (Flink's rule)
  EXPECT_EQ(d.out.take(), Rows{});
  d.advance(106);  // past it: closed
  EXPECT_EQ(d.out.take(), Rows{"+I 1 95 1 null null null"});
}

TEST(IntervalJoinLateRows, RightAndFullJoinsPadALateRightRowAtOnce) {
  for (JoinType type : {JoinType::Right, JoinType::Full}) {
    Driver d(config(type, 0, 10));  // a right row waits for left rows in [r.ts - 10, r.ts]
    d.advance(50);
    EXPECT_EQ(d.row(0, 45, 1), Rows{});  // kept until the watermark passes 55
    // r @48, behind the watermark: joins l @45 and is not kept (48 <= 50).
    EXPECT_EQ(d.row(1, 48, 2), Rows{"+I 1 45 1 1 48 2"});
    // r @30 joins nothing and can match nothing still to come: padded at once.
    EXPECT_EQ(d.row(1, 30, 3), Rows{"+I null null null 1 30 3"});
    // FULL pads a late left row too: l @20 (its partners would be right rows in [20, 30]).
    if (type == JoinType::Full) {
      EXPECT_EQ(d.row(0, 20, 4), Rows{"+I 1 20 4 null null null"});
    }
    d.advance(kMaxTimestamp);
    EXPECT_EQ(d.out.take(), Rows{});
  }
}

TEST(IntervalJoinLateRows, SemiAndAntiDecideALateLeftRowAtOnceWhenNoPartnerCanCome) {
  Driver semi(config(JoinType::Semi, 0, 10));
  Driver anti(config(JoinType::Anti, 0, 10));
  for (Driver* d : {&semi, &anti}) {
    EXPECT_EQ(d->row(1, 100, 1), Rows{});
    d->advance(120);
  }
  // l @95, behind the watermark, would match r @100, but r expired when the watermark reached
  // 100, and no right row still to come (ts > 120) can match: SEMI drops it, ANTI emits it.
  EXPECT_EQ(semi.row(0, 95, 7), Rows{});
  EXPECT_EQ(anti.row(0, 95, 7), Rows{"+I 1 95 7"});
  // A right row still kept (r @125, until 125) and a late left row l @118 that matches it.
  for (Driver* d : {&semi, &anti}) EXPECT_EQ(d->row(1, 125, 2), Rows{});
  EXPECT_EQ(semi.row(0, 118, 8), Rows{"+I 1 118 8"});
  EXPECT_EQ(anti.row(0, 118, 8), Rows{});
  for (Driver* d : {&semi, &anti}) {
    d->advance(kMaxTimestamp);
    EXPECT_EQ(d->out.take(), Rows{});
  }
}

TEST(IntervalJoinEmptyInterval, KeepsNothingAndPadsEveryPreservedRowAtOnce) {
  // lo 5 > hi 1: r.ts - l.ts can never be in [5, 1].
  Driver full(config(JoinType::Full, 5, 1));
  EXPECT_EQ(full.row(0, 10, 1), Rows{"+I 1 10 1 null null null"});
  EXPECT_EQ(full.row(1, 14, 2), Rows{"+I null null null 1 14 2"});  // 14 - 10 = 4: no
  EXPECT_EQ(full.join.metrics().keys, 0u);
  EXPECT_EQ(full.join.metrics().timers, 0u);
  Driver inner(config(JoinType::Inner, 5, 1));
  EXPECT_EQ(inner.row(0, 10, 1), Rows{});
  EXPECT_EQ(inner.row(1, 14, 2), Rows{});
  EXPECT_EQ(inner.join.metrics().keys, 0u);
  Driver anti(config(JoinType::Anti, 5, 1));
  EXPECT_EQ(anti.row(1, 14, 2), Rows{});
  EXPECT_EQ(anti.row(0, 10, 1), Rows{"+I 1 10 1"});
}

}  // namespace
}  // namespace eddy
