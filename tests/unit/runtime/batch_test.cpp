// Arenas, columns and batches.
#include <gtest/gtest.h>

#include "runtime/batch.h"

namespace eddy {
namespace {

TEST(Arena, StoredViewsStayValidAcrossChunks) {
  Arena arena(64);
  std::vector<std::string_view> views;
  for (int i = 0; i < 1000; ++i) views.push_back(arena.store("value-" + std::to_string(i)));
  views.push_back(arena.store(std::string(1000, 'x')));  // larger than a chunk
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(views[size_t(i)], "value-" + std::to_string(i));
  EXPECT_EQ(views.back(), std::string(1000, 'x'));
  EXPECT_EQ(arena.store(""), "");
}

TEST(Column, AppendGetAndNullMaskOnlyWhenNeeded) {
  Column c(Type::string());
  c.append(Value::string("a"));
  c.append(Value::string("bb"));
  EXPECT_TRUE(c.nulls.empty());
  c.append(Value::null(Type::string()));
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c.nulls.size(), 3u);
  EXPECT_EQ(c.get(1), Value::string("bb"));
  EXPECT_TRUE(c.get(2).is_null());
  c.append(Value::string("c"));
  EXPECT_FALSE(c.is_null(3));

  Column d(Type::decimal(10, 2));
  d.append(Value::decimal(150, Type::decimal(10, 2)));
  EXPECT_EQ(d.get(0).to_string(), "1.50");
}

TEST(Column, ArenaIsNotSharedForWriting) {
  Column a(Type::string());
  a.append(Value::string("x"));
  Column b(Type::string());
  b.share_arenas(a);
  b.share_arenas(a);  // idempotent
  EXPECT_EQ(b.arenas.size(), 1u);
  // a's arena is now shared: new bytes for b go into an arena of b's own.
  Arena* shared = a.arenas[0].get();
  EXPECT_NE(&b.arena(), shared);
  EXPECT_EQ(&b.arena(), &b.arena());  // and it is reused
}

TEST(Batch, SelectKeepsRowsKindsAndWatermarks) {
  Schema s;
  s.fields = {{"i", Type::int64()}, {"s", Type::string()}, {"d", Type::float64()}};
  Batch b = Batch::with_schema(s);
  for (int i = 0; i < 6; ++i) {
    b.columns[0].append(i == 3 ? Value::null(Type::int64()) : Value::integer(i));
    b.columns[1].append(Value::string("r" + std::to_string(i)));
    b.columns[2].append(Value::float64(i * 0.5));
    b.kinds.push_back(i % 2 ? RowKind::Delete : RowKind::Insert);
    b.arrival_watermark.push_back(100 + i);
  }
  b.rows = 6;
  b.select({1, 3, 4});
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b.columns[0].get(0), Value::integer(1));
  EXPECT_TRUE(b.columns[0].get(1).is_null());
  EXPECT_EQ(b.columns[1].get(2), Value::string("r4"));
  EXPECT_EQ(b.columns[2].get(2), Value::float64(2.0));
  EXPECT_EQ(b.kind(0), RowKind::Delete);
  EXPECT_EQ(b.kind(2), RowKind::Insert);
  EXPECT_EQ(b.arrival_watermark, (std::vector<Timestamp>{101, 103, 104}));
}

TEST(Batch, AppendRowCopiesValuesKindsAndBytes) {
  Schema s;
  s.fields = {{"s", Type::string()}, {"n", Type::int32()}};
  Batch out = Batch::with_schema(s);
  {
    Batch in = Batch::with_schema(s);
    in.columns[0].append(Value::string("hello"));
    in.columns[1].append(Value::null(Type::int32()));
    in.columns[0].append(Value::string("world"));
    in.columns[1].append(Value::integer(7, Type::int32()));
    in.rows = 2;
    out.append_row(in, 0);
    in.kinds = {RowKind::Insert, RowKind::UpdateBefore};
    out.append_row(in, 1);
  }  // `in` and its arenas are gone: out owns copies of the bytes
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out.columns[0].get(0), Value::string("hello"));
  EXPECT_EQ(out.columns[0].get(1), Value::string("world"));
  EXPECT_TRUE(out.columns[1].get(0).is_null());
  EXPECT_EQ(out.columns[1].get(1).to_string(), "7");
  EXPECT_EQ(out.kind(0), RowKind::Insert);
  EXPECT_EQ(out.kind(1), RowKind::UpdateBefore);
  out.clear();
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(out.columns.size(), 2u);
  EXPECT_EQ(out.columns[0].type, Type::string());
}

TEST(Batch, AppendRowsSharesBytesAndFillsKindsAndNullMasks) {
  Schema s;
  s.fields = {{"s", Type::string()}, {"n", Type::int32()}};
  Batch out;  // no columns yet: they come from the first batch appended
  {
    Batch plain = Batch::with_schema(s);
    plain.columns[0].append(Value::string("a"));
    plain.columns[1].append(Value::integer(1, Type::int32()));
    plain.rows = 1;
    Batch changes = Batch::with_schema(s);
    for (const char* v : {"skip", "b", "c"}) changes.columns[0].append(Value::string(v));
    changes.columns[1].append(Value::integer(0, Type::int32()));
    changes.columns[1].append(Value::null(Type::int32()));
    changes.columns[1].append(Value::integer(3, Type::int32()));
    changes.rows = 3;
    changes.kinds = {RowKind::Insert, RowKind::UpdateBefore, RowKind::UpdateAfter};
    changes.arrival_watermark = {10, 20, 30};
    changes.sequence = {5, 6, 7};
    out.append_rows(plain, 0, 1);
    out.append_rows(changes, 1, 3);
    out.append_rows(plain, 0, 1);
  }  // the appended batches are gone: out keeps their arenas
  ASSERT_EQ(out.size(), 4u);
  ASSERT_EQ(out.columns.size(), 2u);
  EXPECT_EQ(out.columns[0].get(0), Value::string("a"));
  EXPECT_EQ(out.columns[0].get(1), Value::string("b"));
  EXPECT_EQ(out.columns[0].get(2), Value::string("c"));
  EXPECT_EQ(out.columns[0].get(3), Value::string("a"));
  EXPECT_EQ(out.columns[1].nulls, (std::vector<uint8_t>{0, 1, 0, 0}));
  EXPECT_EQ(out.kinds, (std::vector<RowKind>{RowKind::Insert, RowKind::UpdateBefore,
                                             RowKind::UpdateAfter, RowKind::Insert}));
  // Arrival watermarks and places come along (a row without one: no watermark constraint).
  EXPECT_EQ(out.arrival_watermark, (std::vector<Timestamp>{kMinTimestamp, 20, 30, kMinTimestamp}));
  EXPECT_EQ(out.sequence, (std::vector<uint32_t>{0, 6, 7, 0}));
}

TEST(Batch, FirstReachingIsWhereATimerFiresAmongRows) {
  const std::vector<Timestamp> arrivals = {1, 5, 5, 9};
  for (size_t hint : {size_t(0), size_t(2), size_t(4), size_t(9)}) {
    EXPECT_EQ(first_reaching(arrivals, 0, hint), 0u) << hint;  // before the first row
    EXPECT_EQ(first_reaching(arrivals, 5, hint), 1u) << hint;  // the first of the equal ones
    EXPECT_EQ(first_reaching(arrivals, 6, hint), 3u) << hint;
    EXPECT_EQ(first_reaching(arrivals, 10, hint), 4u) << hint;  // after the last
  }
  EXPECT_EQ(first_reaching({}, 3, 0), 0u);
}

TEST(Batch, SliceKeepsRowsAndSharesStringBytes) {
  Schema s;
  s.fields = {{"s", Type::string()}, {"n", Type::int32()}, {"d", Type::float64()}};
  Batch slice;
  {
    Batch in = Batch::with_schema(s);
    for (int i = 0; i < 4; ++i) {
      in.columns[0].append(Value::string("row-" + std::to_string(i)));
      if (i == 2)
        in.columns[1].append(Value::null(Type::int32()));
      else
        in.columns[1].append(Value::integer(i, Type::int32()));
      in.columns[2].append(Value::float64(i * 0.5));
    }
    in.rows = 4;
    in.kinds = {RowKind::Insert, RowKind::Delete, RowKind::Insert, RowKind::UpdateAfter};
    in.arrival_watermark = {10, 11, 12, 13};
    slice = in.slice(1, 3);
  }  // the slice keeps the arenas its views point into alive
  ASSERT_EQ(slice.size(), 2u);
  EXPECT_EQ(slice.columns[0].get(0), Value::string("row-1"));
  EXPECT_EQ(slice.columns[0].get(1), Value::string("row-2"));
  EXPECT_EQ(slice.columns[1].get(0).to_string(), "1");
  EXPECT_TRUE(slice.columns[1].is_null(1));
  EXPECT_EQ(slice.columns[2].get(1), Value::float64(1.0));
  EXPECT_EQ(slice.kind(0), RowKind::Delete);
  EXPECT_EQ(slice.kind(1), RowKind::Insert);
  EXPECT_EQ(slice.arrival_watermark, (std::vector<Timestamp>{11, 12}));
}

}  // namespace
TEST(Batch, TakeRepeatsRowsSharesBytesAndKeepsEveryPerRowVector) {
  Schema s;
  s.fields = {{"s", Type::string()}, {"n", Type::int32()}};
  Batch taken;
  {
    Batch in = Batch::with_schema(s);
    for (int i = 0; i < 3; ++i) {
      in.columns[0].append(Value::string("row-" + std::to_string(i)));
      if (i == 1)
        in.columns[1].append(Value::null(Type::int32()));
      else
        in.columns[1].append(Value::integer(i, Type::int32()));
    }
    in.rows = 3;
    in.kinds = {RowKind::Insert, RowKind::Delete, RowKind::UpdateAfter};
    in.arrival_watermark = {10, 11, 12};
    in.sequence = {7, 8, 9};
    taken = in.take({2, 0, 2, 1});
  }  // the taken rows keep the arenas their views point into alive
  ASSERT_EQ(taken.size(), 4u);
  EXPECT_EQ(taken.columns[0].get(0), Value::string("row-2"));
  EXPECT_EQ(taken.columns[0].get(2), Value::string("row-2"));
  EXPECT_EQ(taken.columns[0].get(3), Value::string("row-1"));
  EXPECT_TRUE(taken.columns[1].is_null(3));
  EXPECT_EQ(taken.columns[1].get(1).to_string(), "0");
  EXPECT_EQ(taken.kinds, (std::vector<RowKind>{RowKind::UpdateAfter, RowKind::Insert,
                                               RowKind::UpdateAfter, RowKind::Delete}));
  EXPECT_EQ(taken.arrival_watermark, (std::vector<Timestamp>{12, 10, 12, 11}));
  EXPECT_EQ(taken.sequence, (std::vector<uint32_t>{9, 7, 9, 8}));
}

}  // namespace eddy
