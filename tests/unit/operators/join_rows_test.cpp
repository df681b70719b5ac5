// JoinRows (a join side's stored rows per key) and ExpiryLookahead (which keys expire next):
// a row encoded straight into the key's bytes is the row encode_row gives; a key's one short
// row is kept inline and spills when a second comes; rows keep time order, expire from the front
// and survive a save/load; an emptied key's buffers serve the next key; the lookahead keeps timers
// in expiry order and visits each entry once per stage, a fixed distance ahead of the entries due
// (or, in steps, the near stage a call after the far).
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

TEST(JoinRows, AKeysOnlyShortRowIsInlineAndSpillsInOrderWhenASecondComes) {
  JoinRows stored("left");
  stored.set_time_ordered(true);
  stored.resize(2);
  const Batch batch = rows({{1, "short"}, {2, "also short"}, {3, "short too"}});
  stored.add(1, at(5, 0), batch, kColumns, 0);
  const size_t one_inline = stored.memory_bytes();  // the inline records, nothing else
  stored.add(0, at(5, 0), batch, kColumns, 0);
  EXPECT_EQ(stored.memory_bytes(), one_inline);
  ASSERT_EQ(stored.size(0), 1u);
  EXPECT_EQ(stored.bytes(0, stored.row(0, 0)), encoded(batch, 0));
  EXPECT_EQ(stored.row(0, 0).length, encoded(batch, 0).size());
  stored.matches(0, 0) = 2;  // a match count kept inline
  EXPECT_EQ(stored.row(0, 0).matches, 2u);
  size_t first = 0, last = 0;
  stored.time_range(0, 0, 4, first, last);
  EXPECT_EQ(first, last);
  stored.time_range(0, 5, 5, first, last);
  EXPECT_EQ(first, 0u);
  EXPECT_EQ(last, 1u);
  stored.time_range(0, 6, 9, first, last);
  EXPECT_EQ(first, last);
  // An earlier row spills the inline one: both in time order, the match count kept.
  stored.add(0, at(3, 1), batch, kColumns, 1);
  EXPECT_GT(stored.memory_bytes(), one_inline);
  ASSERT_EQ(stored.size(0), 2u);
  EXPECT_EQ(stored.row(0, 0).time, 3);
  EXPECT_EQ(stored.bytes(0, stored.row(0, 0)), encoded(batch, 1));
  EXPECT_EQ(stored.row(0, 1).time, 5);
  EXPECT_EQ(stored.row(0, 1).matches, 2u);
  EXPECT_EQ(stored.bytes(0, stored.row(0, 1)), encoded(batch, 0));
  stored.add(0, at(4, 2), batch, kColumns, 2);
  std::vector<Timestamp> times;
  for (size_t i = 0; i < stored.size(0); ++i) times.push_back(stored.row(0, i).time);
  EXPECT_EQ(times, (std::vector<Timestamp>{3, 4, 5}));
  // Emptied, the key starts inline again.
  stored.expire(0, 100, true, [](const JoinRows::Row&, std::string_view) {});
  EXPECT_FALSE(stored.has(0));
  stored.add(0, at(7, 3), batch, kColumns, 2);
  ASSERT_EQ(stored.size(0), 1u);
  EXPECT_EQ(stored.bytes(0, stored.row(0, 0)), encoded(batch, 2));
}

TEST(JoinRows, AnInlineRowIsEncodeRowsBytesForEveryColumnType) {
  Schema schema;
  schema.fields = {{"d", Type::float64()}, {"n", Type::int64()}, {"s", Type::string()}};
  Batch batch = Batch::with_schema(schema);
  // -0.0 is encoded as 0.0 (encode_row's canonical form); NULLs are a flag byte alone.
  batch.columns[0].append_double(-0.0), batch.columns[1].append_int(-7);
  batch.columns[2].append_string("ab");
  batch.columns[0].append_null(), batch.columns[1].append_int(1 << 20);
  batch.columns[2].append_null();
  batch.columns[0].append_null(), batch.columns[1].append_null();
  batch.columns[2].append_string(std::string(27, 'z'));  // 1 + 1 + 5 + 27 bytes: too long
  batch.rows = 3;
  const std::vector<int> columns = {0, 1, 2};
  JoinRows stored("left");
  stored.resize(3);
  for (KeyId key = 0; key < 3; ++key) {
    stored.add(key, at(1, key), batch, columns, key);
    std::string expected;
    encode_row(batch, columns, key, expected);
    EXPECT_EQ(stored.bytes(key, stored.row(key, 0)), expected) << key;
  }
}

TEST(JoinRows, AnInlineRowExpiresIsRemovedAndCleared) {
  JoinRows stored("left");
  stored.set_time_ordered(true);
  stored.resize(3);
  const Batch batch = rows({{1, "a"}, {2, ""}});
  for (KeyId key = 0; key < 3; ++key) stored.add(key, at(Timestamp(key), key), batch, kColumns, 0);
  std::vector<std::string> expired;
  const auto collect = [&](const JoinRows::Row& row, std::string_view bytes) {
    EXPECT_EQ(row.time, 0);
    expired.emplace_back(bytes);
  };
  stored.expire(0, 9, true, collect);  // expiry 10: not yet
  EXPECT_TRUE(expired.empty());
  stored.expire(0, 10, false, collect);
  EXPECT_EQ(expired, (std::vector<std::string>{encoded(batch, 0)}));
  EXPECT_FALSE(stored.has(0));
  stored.remove(1, 0);
  EXPECT_FALSE(stored.has(1));
  stored.clear(2);
  EXPECT_FALSE(stored.has(2));
  // A removed inline row leaves nothing behind: the key stores anew.
  stored.add(1, at(4, 5), batch, kColumns, 1);
  ASSERT_EQ(stored.size(1), 1u);
  EXPECT_EQ(stored.bytes(1, stored.row(1, 0)), encoded(batch, 1));
}

TEST(JoinRows, ALongRowIsStoredOutOfLineAndAnySingleRowLoadsBack) {
  JoinRows stored("left");
  stored.set_time_ordered(true);
  stored.resize(2);
  const Batch batch = rows({{1, std::string(100, 'x')}, {2, "y"}});
  const size_t empty_bytes = stored.memory_bytes();
  stored.add(0, at(1, 0), batch, kColumns, 0);
  EXPECT_GT(stored.memory_bytes(), empty_bytes);  // too long for the record
  stored.add(1, at(2, 1), batch, kColumns, 1);
  stored.matches(1, 0) = 3;
  for (KeyId key = 0; key < 2; ++key) {
    std::string saved;
    stored.save_key(key, saved);
    JoinRows loaded("left");
    loaded.set_time_ordered(true);
    loaded.resize(2);
    std::string_view in = saved;
    ASSERT_TRUE(loaded.load_key(key, in));
    EXPECT_TRUE(in.empty());
    ASSERT_EQ(loaded.size(key), 1u);
    EXPECT_EQ(loaded.bytes(key, loaded.row(key, 0)), stored.bytes(key, stored.row(key, 0)));
    EXPECT_EQ(loaded.row(key, 0).matches, stored.row(key, 0).matches);
    EXPECT_EQ(loaded.row(key, 0).expiry, stored.row(key, 0).expiry);
    // A second row after the load keeps both.
    loaded.add(key, at(0, 9), batch, kColumns, 1);
    ASSERT_EQ(loaded.size(key), 2u);
    EXPECT_EQ(loaded.bytes(key, loaded.row(key, 1)), stored.bytes(key, stored.row(key, 0)));
  }
}

// Keys 0..keys-1 due one per call: both stages visited every key after the first, once and in
// order, whatever was reclaimed meanwhile.
void expect_every_key_after_the_first(const std::vector<KeyId>& far, const std::vector<KeyId>& near,
                                      KeyId keys) {
  ASSERT_EQ(far.size(), size_t(keys - 1));
  ASSERT_EQ(near.size(), far.size());
  for (KeyId i = 0; i < keys - 1; ++i) EXPECT_EQ(far[i], i + 1) << i;
  for (KeyId i = 0; i < keys - 1; ++i) EXPECT_EQ(near[i], i + 1) << i;
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
  expect_every_key_after_the_first(far, near, kKeys);
  EXPECT_LT(lookahead.memory_bytes(), kKeys * 16 * 2);
  lookahead.clear();
  EXPECT_EQ(lookahead.size(), 0u);
}

TEST(JoinRows, AnEmptiedKeysBuffersServeTheNextKeyStored) {
  JoinRows stored("left");
  stored.set_time_ordered(true);
  stored.resize(3);
  const Batch batch = rows({{1, "x"}, {2, "a string longer than a short string's inline bytes"}});
  stored.add(0, at(1, 0), batch, kColumns, 1);
  const size_t one_key = stored.memory_bytes();
  stored.expire(0, 100, true, [](const JoinRows::Row&, std::string_view) {});
  EXPECT_FALSE(stored.has(0));
  // Another key takes the emptied key's buffers: no more is held than with one key (and the
  // spare list's one slot, under 64 bytes), where new buffers would add a row and its bytes.
  stored.add(1, at(2, 1), batch, kColumns, 1);
  EXPECT_LE(stored.memory_bytes(), one_key + 64);
  ASSERT_EQ(stored.size(1), 1u);
  EXPECT_EQ(stored.bytes(1, stored.row(1, 0)), encoded(batch, 1));
  // Keys come and go many times: what is held stays that of the live ones.
  for (uint64_t i = 0; i < 1000; ++i) {
    const KeyId key = KeyId(i % 3);
    stored.add(key, at(Timestamp(i) + 3, i + 2), batch, kColumns, i % 2);
    stored.expire(KeyId((i + 1) % 3), Timestamp(i) + 100, true,
                  [](const JoinRows::Row&, std::string_view) {});
  }
  EXPECT_LE(stored.memory_bytes(), 3 * one_key);
  stored.clear(0), stored.clear(1), stored.clear(2);
  stored.add(2, at(5, 5000), batch, kColumns, 0);
  EXPECT_EQ(stored.bytes(2, stored.row(2, 0)), encoded(batch, 0));
}

using Timers = std::vector<ExpiryLookahead::Timer>;

TEST(ExpiryLookahead, InStepsVisitsEachEntryOnceInExpiryOrderAheadOfTheDueOnes) {
  ExpiryLookahead lookahead(/*near=*/0, /*far=*/4);
  // Timers come in any order: they are visited by expiry.
  Timers soon;
  for (KeyId key : {3, 0, 9, 1, 5, 2, 8, 4, 7, 6}) soon.emplace_back(Timestamp(key) * 10, key);
  lookahead.take_due_soon(soon);
  std::vector<KeyId> far, near;
  auto visit = [&](Timestamp upto) {
    lookahead.visit_near([&](KeyId k, Timestamp) { near.push_back(k); });
    lookahead.drop_due(upto);
    lookahead.visit_far([&](KeyId k, Timestamp expiry) {
      EXPECT_EQ(expiry, Timestamp(k) * 10);
      far.push_back(k);
    });
  };
  visit(15);  // keys 0 and 1 due
  EXPECT_EQ(far, (std::vector<KeyId>{2, 3, 4, 5}));
  EXPECT_TRUE(near.empty());  // the near stage follows a far one a call later
  EXPECT_EQ(lookahead.size(), 8u);
  visit(15);  // nothing new is due: nothing is visited again by the far stage
  EXPECT_EQ(far.size(), 4u);
  EXPECT_EQ(near, (std::vector<KeyId>{2, 3, 4, 5}));
  visit(30);  // keys 2 and 3 due
  EXPECT_EQ(far, (std::vector<KeyId>{2, 3, 4, 5, 6, 7}));
  visit(1000);  // everything due: nothing left to visit
  EXPECT_EQ(near, (std::vector<KeyId>{2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(lookahead.size(), 0u);
}

TEST(ExpiryLookahead, ABlockReadAheadIsNotAddedAgainWhenItComesDue) {
  ExpiryLookahead lookahead(0, 8);
  Timers block = {{70, 7}, {64, 4}, {127, 9}};
  lookahead.add_block(block, 127);
  EXPECT_EQ(lookahead.covered(), 127);
  // The same timers come due soon, with one of a later block and one registered meanwhile
  // within the block (its hint is lost, which is harmless).
  Timers soon = {{64, 4}, {130, 10}, {70, 7}, {100, 8}, {127, 9}};
  lookahead.take_due_soon(soon);
  std::vector<KeyId> far;
  lookahead.drop_due(0);
  lookahead.visit_far([&](KeyId k, Timestamp) { far.push_back(k); });
  EXPECT_EQ(far, (std::vector<KeyId>{4, 7, 9, 10}));
  // One after the block but before an entry already visited goes in its place, unvisited.
  Timers late = {{128, 5}};
  lookahead.take_due_soon(late);
  lookahead.drop_due(64);
  EXPECT_EQ(lookahead.size(), 4u);  // 7, 9, 5, 10
  lookahead.visit_far([&](KeyId k, Timestamp) { far.push_back(k); });
  EXPECT_EQ(far.size(), 4u);
  lookahead.drop_due(128);
  EXPECT_EQ(lookahead.size(), 1u);
}

TEST(ExpiryLookahead, InStepsKeepsItsPlaceWhenTheDueFrontIsReclaimed) {
  ExpiryLookahead lookahead(/*near=*/0, /*far=*/3);
  constexpr KeyId kKeys = 5000;
  // Blocks of timers spanning up to 1000 ms (a comparison sort) and under 256 (counted).
  for (KeyId first = 0; first < kKeys; first += 1000) {
    Timers block;
    for (KeyId key = first + 999; key + 1 > first; --key) block.emplace_back(Timestamp(key), key);
    if (first == 0) {
      lookahead.add_block(block, 999);
      continue;
    }
    for (KeyId part = 0; part < 1000; part += 200) {
      Timers some(block.end() - part - 200, block.end() - part);
      lookahead.add_block(some, Timestamp(first + part + 199));
    }
  }
  std::vector<KeyId> far, near;
  for (Timestamp upto = 0; upto < Timestamp(kKeys); ++upto) {
    lookahead.visit_near([&](KeyId k, Timestamp) { near.push_back(k); });
    lookahead.drop_due(upto);
    lookahead.visit_far([&](KeyId k, Timestamp) { far.push_back(k); });
  }
  expect_every_key_after_the_first(far, near, kKeys);
  EXPECT_LT(lookahead.memory_bytes(), kKeys * 16 * 2);
  lookahead.clear();
  EXPECT_EQ(lookahead.size(), 0u);
  EXPECT_EQ(lookahead.covered(), kMinTimestamp);
}

}  // namespace
}  // namespace eddy
