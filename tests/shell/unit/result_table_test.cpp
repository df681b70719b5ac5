#include "shell/result_table.h"

#include <gtest/gtest.h>

namespace eddy::shell {
namespace {

Schema counts_schema() {
  Schema schema;
  schema.fields = {{"uid", Type::string()}, {"cnt", Type::int64()}};
  return schema;
}

struct Change {
  RowKind kind;
  const char* uid;  // nullptr: NULL
  int64_t cnt;
};

Chunk changes(std::initializer_list<Change> list) {
  std::vector<std::vector<Value>> rows;
  std::vector<RowKind> kinds;
  for (const Change& c : list) {
    rows.push_back(
        {c.uid ? Value::string(c.uid) : Value::null(Type::string()), Value::integer(c.cnt)});
    kinds.push_back(c.kind);
  }
  return Chunk::from_rows(counts_schema(), rows, kinds);
}

// The table's rows as "uid=cnt" in order.
std::string text(const ResultTable& table) {
  Chunk rows = table.rows();
  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (!out.empty()) out += ' ';
    out += rows.is_null(r, 0) ? "NULL" : rows.text(r, 0);
    out += '=' + rows.text(r, 1);
    EXPECT_EQ(rows.kind(r), RowKind::Insert);
  }
  return out;
}

constexpr RowKind I = RowKind::Insert, UB = RowKind::UpdateBefore, UA = RowKind::UpdateAfter,
                  D = RowKind::Delete;

TEST(ResultTable, AnUpdateKeepsTheKeysPlace) {
  ResultTable table(counts_schema());
  table.apply(changes({{I, "u1", 1}, {I, "u2", 1}, {UB, "u1", 1}}));
  EXPECT_FALSE(table.settled());  // u1 is being updated
  table.apply(changes({{UA, "u1", 2}}));
  EXPECT_TRUE(table.settled());
  EXPECT_EQ(text(table), "u1=2 u2=1");
  EXPECT_EQ(table.size(), 2u);
}

TEST(ResultTable, TheSameChangesInAnyChunksGiveTheSameTable) {
  ResultTable whole(counts_schema()), one_by_one(counts_schema());
  Chunk all = changes({{I, "a", 1},
                       {I, "b", 1},
                       {UB, "a", 1},
                       {UA, "a", 2},
                       {D, "b", 1},
                       {I, "c", 1},
                       {UB, "c", 1},
                       {UA, "c", 5}});
  whole.apply(all);
  for (auto c : {Change{I, "a", 1},
                 {I, "b", 1},
                 {UB, "a", 1},
                 {UA, "a", 2},
                 {D, "b", 1},
                 {I, "c", 1},
                 {UB, "c", 1},
                 {UA, "c", 5}})
    one_by_one.apply(changes({c}));
  EXPECT_EQ(text(whole), "a=2 c=5");
  EXPECT_EQ(text(one_by_one), text(whole));
}

TEST(ResultTable, DeleteTakesAwayOneEqualRowAndInsertAppends) {
  ResultTable table(counts_schema());
  table.apply(changes({{I, "x", 1}, {I, "y", 1}, {I, "x", 1}, {D, "x", 1}, {I, "z", 1}}));
  // The first x went; the second stays after y; z comes last.
  EXPECT_EQ(text(table), "y=1 x=1 z=1");
}

TEST(ResultTable, RetractingAnUnknownRowDoesNothing) {
  ResultTable table(counts_schema());
  table.apply(changes({{I, "a", 1}, {D, "a", 2}, {UB, "b", 1}}));
  EXPECT_EQ(text(table), "a=1");
  // The -U of an unknown row leaves no place to refill: the +U appends.
  table.apply(changes({{UA, "b", 2}}));
  EXPECT_EQ(text(table), "a=1 b=2");
}

TEST(ResultTable, NullIsNotTheStringNull) {
  ResultTable table(counts_schema());
  table.apply(changes({{I, nullptr, 1}, {I, "NULL", 1}, {D, nullptr, 1}}));
  EXPECT_EQ(text(table), "NULL=1");
  Chunk rows = table.rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_FALSE(rows.is_null(0, 0));
}

TEST(ResultTable, ManyChangesCompactAndKeepOrder) {
  ResultTable table(counts_schema());
  // 1000 keys, each updated 20 times, half of them deleted: O(1) per change, order kept.
  for (int64_t round = 0; round < 20; ++round)
    for (int key = 0; key < 1000; ++key) {
      std::string uid = "k" + std::to_string(key);
      if (round == 0) {
        table.apply(changes({{I, uid.c_str(), 0}}));
      } else {
        table.apply(changes({{UB, uid.c_str(), round - 1}, {UA, uid.c_str(), round}}));
      }
    }
  for (int key = 0; key < 1000; key += 2) {
    std::string uid = "k" + std::to_string(key);
    table.apply(changes({{D, uid.c_str(), 19}}));
  }
  ASSERT_EQ(table.size(), 500u);
  Chunk rows = table.rows();
  for (size_t r = 0; r < rows.size(); ++r) {
    EXPECT_EQ(rows.text(r, 0), "k" + std::to_string(2 * r + 1));
    EXPECT_EQ(rows.text(r, 1), "19");
  }
  Chunk tail = table.rows(498, 10);
  ASSERT_EQ(tail.size(), 2u);
  EXPECT_EQ(tail.text(1, 0), "k999");
}

TEST(ResultTable, VersionMovesOnlyWhenTheTableChanges) {
  ResultTable table(counts_schema());
  const uint64_t start = table.version();
  table.apply(changes({{D, "nothing", 1}}));
  EXPECT_EQ(table.version(), start);
  table.apply(changes({{I, "a", 1}}));
  EXPECT_NE(table.version(), start);
}

}  // namespace
}  // namespace eddy::shell
