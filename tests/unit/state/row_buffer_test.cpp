// RowBufferState: a key's rows come back in (time, arrival) order whatever order they arrived
// in, survive compactions of the shared store, and round-trip through save_key / load_key.
#include <gtest/gtest.h>

#include "state/row_buffer.h"

namespace eddy {
namespace {

Schema row_schema() {
  Schema schema;
  schema.fields = {{"name", Type::string()}, {"ts", Type::int64()}};
  return schema;
}

Batch one_row(const std::string& name, int64_t ts) {
  Batch batch = Batch::with_schema(row_schema());
  batch.columns[0].append_string(name);
  batch.columns[1].append_int(ts);
  batch.rows = 1;
  return batch;
}

// The key's buffered rows as "name@time" in entry order.
std::string listed(const RowBufferState& buffer, KeyId key) {
  std::string out;
  for (const auto& entry : buffer.entries(key))
    out += std::string(buffer.rows().columns[0].strings[entry.row]) + "@" +
           std::to_string(entry.time) + " ";
  return out;
}

TEST(RowBuffer, EntriesAreInTimeThenArrivalOrder) {
  KeyRecords buffer_records;
  RowBufferState buffer("buffer", buffer_records, row_schema());
  buffer.resize(2);
  uint64_t arrival = 0;
  for (auto [name, ts] : {std::pair{"c", 30}, {"a", 10}, {"b", 20}, {"a2", 10}})
    buffer.add(0, ts, arrival++, one_row(name, ts), 0);
  buffer.add(1, 5, arrival++, one_row("other", 5), 0);
  EXPECT_EQ(listed(buffer, 0), "a@10 a2@10 b@20 c@30 ");
  buffer.pop_front(0, 2);
  EXPECT_EQ(listed(buffer, 0), "b@20 c@30 ");
  EXPECT_EQ(listed(buffer, 1), "other@5 ");
  buffer.clear(1);
  EXPECT_TRUE(buffer.empty(1));
}

// Enough taken rows to compact the store many times: what is still buffered is unchanged.
TEST(RowBuffer, CompactionKeepsTheLiveRows) {
  KeyRecords buffer_records;
  RowBufferState buffer("buffer", buffer_records, row_schema());
  buffer.resize(3);
  uint64_t arrival = 0;
  for (int64_t t = 0; t < 100'000; ++t) {
    const KeyId key = KeyId(t % 3);
    buffer.add(key, t, arrival++, one_row("r" + std::to_string(t), t), 0);
    if (buffer.entries(key).size() > 2) buffer.pop_front(key, 1);
  }
  EXPECT_EQ(listed(buffer, 0), "r99996@99996 r99999@99999 ");
  EXPECT_EQ(listed(buffer, 1), "r99994@99994 r99997@99997 ");
  EXPECT_EQ(listed(buffer, 2), "r99995@99995 r99998@99998 ");
  EXPECT_LT(buffer.rows().size(), 20'000u);  // holes were reclaimed
}

// A hot key with many rows pending, taken a few at a time (the head moves; taken entries are
// erased in bulk): a late row still sorts among the live ones only, and a save holds only them.
TEST(RowBuffer, TakingAFewOfManyPendingRows) {
  KeyRecords buffer_records;
  RowBufferState buffer("buffer", buffer_records, row_schema());
  buffer.resize(1);
  uint64_t arrival = 0;
  for (int64_t t = 0; t < 1000; ++t) buffer.add(0, t, arrival++, one_row("r", t), 0);
  for (int taken = 0; taken < 990; taken += 3) {
    buffer.pop_front(0, 3);
    ASSERT_EQ(buffer.entries(0).size(), size_t(1000 - taken - 3));
    ASSERT_EQ(buffer.entries(0).front().time, taken + 3);
  }
  // 10 left (990..999); a row older than all of them goes first, not among the taken entries.
  buffer.add(0, 5, arrival++, one_row("late", 5), 0);
  ASSERT_EQ(buffer.entries(0).size(), 11u);
  EXPECT_EQ(listed(buffer, 0).substr(0, 7), "late@5 ");
  std::string saved;
  buffer.save_key(0, saved);
  KeyRecords restored_records;
  RowBufferState restored("buffer", restored_records, row_schema());
  restored.resize(1);
  std::string_view in = saved;
  ASSERT_TRUE(restored.load_key(0, in));
  EXPECT_EQ(listed(restored, 0), listed(buffer, 0));
  buffer.pop_front(0, 11);
  EXPECT_TRUE(buffer.empty(0));
}

// A key's one pending row lives in its record, two or more in its list: going back and forth
// (by adding, taking, clearing, compacting and restoring) keeps the rows, their order, and the
// memory counted for lists.
TEST(RowBuffer, OneRowInTheRecordMoreInTheList) {
  KeyRecords buffer_records;
  RowBufferState buffer("buffer", buffer_records, row_schema());
  buffer.resize(2);
  const size_t empty_bytes = buffer.memory_bytes();
  buffer.add(0, 20, 0, one_row("b", 20), 0);
  EXPECT_EQ(listed(buffer, 0), "b@20 ");
  const size_t one_bytes = buffer.memory_bytes();  // the row's values, not an entry
  buffer.add(0, 10, 1, one_row("a", 10), 0);       // earlier: goes before the record's row
  EXPECT_EQ(listed(buffer, 0), "a@10 b@20 ");
  EXPECT_GT(buffer.memory_bytes(), one_bytes + sizeof(RowBufferState::Entry));
  buffer.pop_front(0, 1);  // back to one: into the record
  EXPECT_EQ(listed(buffer, 0), "b@20 ");
  buffer.add(0, 30, 2, one_row("c", 30), 0);
  buffer.add(0, 25, 3, one_row("c0", 25), 0);
  EXPECT_EQ(listed(buffer, 0), "b@20 c0@25 c@30 ");
  buffer.pop_front(0, 3);
  EXPECT_TRUE(buffer.empty(0));
  EXPECT_EQ(listed(buffer, 0), "");
  // Restoring one row onto a key that has one: two, in order, in the list.
  buffer.add(1, 7, 4, one_row("x", 7), 0);
  std::string saved;
  buffer.save_key(1, saved);
  buffer.clear(1);
  buffer.add(1, 3, 5, one_row("w", 3), 0);
  std::string_view in = saved;
  ASSERT_TRUE(buffer.load_key(1, in));
  EXPECT_EQ(listed(buffer, 1), "w@3 x@7 ");
  buffer.pop_front(1, 1);
  EXPECT_EQ(listed(buffer, 1), "x@7 ");
  buffer.clear(1);
  // Nothing pending anywhere: only the store's holes are left to count.
  EXPECT_GE(buffer.memory_bytes(), empty_bytes);
  EXPECT_LT(buffer.memory_bytes(), empty_bytes + 8 * (2 * sizeof(std::string_view) + 8));
}

// Compaction renumbers the rows of keys with one pending row (in records) as well as of lists.
TEST(RowBuffer, CompactionMovesRowsOfSingleRowKeys) {
  KeyRecords buffer_records;
  RowBufferState buffer("buffer", buffer_records, row_schema());
  buffer.resize(3);
  buffer.add(2, -1, 0, one_row("kept", -1), 0);  // one row, buffered throughout
  uint64_t arrival = 1;
  for (int64_t t = 0; t < 50'000; ++t) {
    const KeyId key = KeyId(t % 2);
    buffer.add(key, t, arrival++, one_row("r" + std::to_string(t), t), 0);
    buffer.pop_front(key, 1);
  }
  EXPECT_EQ(listed(buffer, 2), "kept@-1 ");
  EXPECT_LT(buffer.rows().size(), 10'000u);  // holes were reclaimed
}

TEST(RowBuffer, SaveAndLoadRoundTrip) {
  KeyRecords buffer_records;
  RowBufferState buffer("buffer", buffer_records, row_schema());
  buffer.resize(1);
  buffer.add(0, 20, 0, one_row("late", 20), 0);
  buffer.add(0, 10, 1, one_row("early", 10), 0);
  std::string saved;
  buffer.save_key(0, saved);
  KeyRecords restored_records;
  RowBufferState restored("buffer", restored_records, row_schema());
  restored.resize(1);
  std::string_view in = saved;
  ASSERT_TRUE(restored.load_key(0, in));
  EXPECT_TRUE(in.empty());
  EXPECT_EQ(listed(restored, 0), "early@10 late@20 ");
  EXPECT_EQ(restored.entries(0)[0].arrival, 1u);
  std::string_view truncated = std::string_view(saved).substr(0, saved.size() - 3);
  KeyRecords damaged_records;
  RowBufferState damaged("buffer", damaged_records, row_schema());
  damaged.resize(1);
  EXPECT_FALSE(damaged.load_key(0, truncated));
}

}  // namespace
}  // namespace eddy
