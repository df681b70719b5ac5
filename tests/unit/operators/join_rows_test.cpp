// JoinRows (a join side's stored rows per key) and ExpiryLookahead (which keys expire next):
// a row encoded straight into the key's bytes is the row encode_row gives; rows keep time
// order, expire from the front and survive a save/load; the lookahead visits each entry once
// per stage, a fixed distance ahead of the entries due.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "operators/expiry_lookahead.h"
#include "operators/join_rows.h"

namespace eddy {
namespace {

Schema row_schema() {
  Schema schema;
  schema.fields = {{"n", Type::int64()}, {"s", Type::string()}};
  return schema;
}

// A batch of (n, s) rows; an empty s is NULL.
Batch rows(const std::vector<std::pair<int64_t, std::string>>& values) {
  Batch batch = Batch::with_schema(row_schema());
  for (const auto& [n, s] : values) {
    batch.columns[0].append_int(n);
    if (s.empty())
      batch.columns[1].append_null();
    else
      batch.columns[1].append_string(s);
    ++batch.rows;
  }
  return batch;
}

const std::vector<int> kColumns = {0, 1};

std::string encoded(const Batch& batch, size_t row) {
  std::string out;
  encode_row(batch, kColumns, row, out);
  return out;
}

JoinRows::Row at(Timestamp time, uint64_t arrival) { return {time, time + 10, arrival, 0, 0, 0}; }

TEST(JoinRows, RowEncodedIntoKeyBytesIsEncodeRow) {
  JoinRows stored("left");
  stored.set_time_ordered(true);
  stored.resize(2);
  const Batch batch = rows({{1, "a fairly long string, longer than any inline buffer"}, {2, ""}});
  stored.add(0, at(5, 0), batch, kColumns, 0);
  stored.add(0, at(3, 1), batch, kColumns, 1);  // earlier time: goes first
  stored.add(1, at(4, 2), batch, kColumns, 1);  // a key's bytes of its own
  ASSERT_EQ(stored.size(0), 2u);
  EXPECT_EQ(stored.row(0, 0).time, 3);
  EXPECT_EQ(stored.bytes(0, stored.row(0, 0)), encoded(batch, 1));
  EXPECT_EQ(stored.bytes(0, stored.row(0, 1)), encoded(batch, 0));
  EXPECT_EQ(stored.bytes(1, stored.row(1, 0)), encoded(batch, 1));
  EXPECT_EQ(stored.row(0, 1).length, encoded(batch, 0).size());
}

TEST(JoinRows, ExpiresFromTheFrontAndReusesAnEmptiedKey) {
  JoinRows stored("left");
  stored.set_time_ordered(true);
  stored.resize(1);
  const Batch batch = rows({{1, "x"}, {2, "y"}, {3, "z"}});
  for (size_t i = 0; i < 3; ++i) stored.add(0, at(Timestamp(i), i), batch, kColumns, i);
  std::vector<std::string> expired;
  stored.expire(0, 11, true,
                [&](const JoinRows::Row&, std::string_view bytes) { expired.emplace_back(bytes); });
  EXPECT_EQ(expired, (std::vector<std::string>{encoded(batch, 0), encoded(batch, 1)}));
  ASSERT_TRUE(stored.has(0));
  EXPECT_EQ(stored.bytes(0, stored.row(0, 0)), encoded(batch, 2));
  stored.expire(0, 12, true, [](const JoinRows::Row&, std::string_view) {});
  EXPECT_FALSE(stored.has(0));
  // The emptied key takes a new row from the start of its bytes.
  stored.add(0, at(20, 3), batch, kColumns, 1);
  ASSERT_EQ(stored.size(0), 1u);
  EXPECT_EQ(stored.row(0, 0).offset, 0u);
  EXPECT_EQ(stored.bytes(0, stored.row(0, 0)), encoded(batch, 1));
}

TEST(JoinRows, SaveAndLoadRoundTrip) {
  JoinRows stored("left");
  stored.set_time_ordered(true);
  stored.resize(1);
  const Batch batch = rows({{7, "seven"}, {8, ""}});
  stored.add(0, at(1, 0), batch, kColumns, 0);
  stored.add(0, at(2, 1), batch, kColumns, 1);
  std::string saved;
  stored.save_key(0, saved);
  JoinRows loaded("left");
  loaded.set_time_ordered(true);
  loaded.resize(1);
  std::string_view in = saved;
  ASSERT_TRUE(loaded.load_key(0, in));
  EXPECT_TRUE(in.empty());
  ASSERT_EQ(loaded.size(0), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(loaded.row(0, i).time, stored.row(0, i).time);
    EXPECT_EQ(loaded.bytes(0, loaded.row(0, i)), stored.bytes(0, stored.row(0, i)));
  }
}

TEST(ExpiryLookahead, VisitsEachEntryOnceAheadOfTheDueOnes) {
  ExpiryLookahead lookahead(/*near=*/2, /*far=*/4);
  for (KeyId key = 0; key < 10; ++key) lookahead.add(Timestamp(key) * 10, key);
  std::vector<KeyId> far, near;
  auto visit = [&](Timestamp upto) {
    lookahead.advance(
        upto,
        [&](KeyId k, Timestamp expiry) {
          EXPECT_EQ(expiry, Timestamp(k) * 10);
          far.push_back(k);
        },
        [&](KeyId k, Timestamp) { near.push_back(k); });
  };
  visit(15);  // keys 0 and 1 due
  EXPECT_EQ(far, (std::vector<KeyId>{2, 3, 4, 5}));
  EXPECT_EQ(near, (std::vector<KeyId>{2, 3}));
  EXPECT_EQ(lookahead.size(), 8u);
  visit(15);  // nothing new is due: nothing is visited again
  EXPECT_EQ(far.size(), 4u);
  EXPECT_EQ(near.size(), 2u);
  visit(30);  // keys 2 and 3 due
  EXPECT_EQ(far, (std::vector<KeyId>{2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(near, (std::vector<KeyId>{2, 3, 4, 5}));
  visit(1000);  // everything due: nothing left to visit
  EXPECT_EQ(far.size(), 6u);
  EXPECT_EQ(lookahead.size(), 0u);
}

TEST(ExpiryLookahead, KeepsItsPlaceWhenTheDueFrontIsReclaimed) {
  ExpiryLookahead lookahead(1, 3);
  constexpr KeyId kKeys = 5000;
  for (KeyId key = 0; key < kKeys; ++key) lookahead.add(Timestamp(key), key);
  std::vector<KeyId> far, near;
  for (Timestamp upto = 0; upto < Timestamp(kKeys); ++upto)
    lookahead.advance(
        upto, [&](KeyId k, Timestamp) { far.push_back(k); },
        [&](KeyId k, Timestamp) { near.push_back(k); });
  // One key due per call: every key after the first, once per stage and in order, whatever was
  // reclaimed meanwhile.
  ASSERT_EQ(far.size(), size_t(kKeys - 1));
  ASSERT_EQ(near.size(), far.size());
  for (KeyId i = 0; i < kKeys - 1; ++i) EXPECT_EQ(far[i], i + 1) << i;
  for (KeyId i = 0; i < kKeys - 1; ++i) EXPECT_EQ(near[i], i + 1) << i;
  EXPECT_LT(lookahead.memory_bytes(), kKeys * 16 * 2);
  lookahead.clear();
  EXPECT_EQ(lookahead.size(), 0u);
}

}  // namespace
}  // namespace eddy
