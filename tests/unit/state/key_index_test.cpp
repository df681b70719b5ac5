// KeyIndex: keys interned from batches (hashed by typed values) and by encoded bytes meet in one
// slot; ids survive growth and the backward-shift deletion of released keys.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "state/key_index.h"

namespace eddy {
namespace {

Schema key_schema() {
  Schema schema;
  schema.fields = {{"s", Type::string()}, {"n", Type::int64()}, {"d", Type::float64()}};
  return schema;
}

// A batch of one row per (s, n, d); a negative n is NULL.
Batch rows(const std::vector<std::tuple<std::string, int64_t, double>>& values) {
  Batch batch = Batch::with_schema(key_schema());
  for (const auto& [s, n, d] : values) {
    batch.columns[0].append_string(s);
    if (n < 0)
      batch.columns[1].append_null();
    else
      batch.columns[1].append_int(n);
    batch.columns[2].append_double(d);
    ++batch.rows;
  }
  return batch;
}

TEST(KeyIndex, BatchAndEncodedKeysMeet) {
  KeyIndex index;
  index.set_types(leading_types(key_schema(), 3));
  Batch batch = rows({{"a", 1, 0.0}, {"a", -1, 0.0}, {"a", 1, -0.0}, {"b", 1, 0.0}});
  BatchKeys keys = BatchKeys::first(3);
  keys.hash(batch);
  bool inserted = false;
  KeyId a1 = index.intern(keys, 0, inserted);
  EXPECT_TRUE(inserted);
  KeyId a_null = index.intern(keys, 1, inserted);
  EXPECT_TRUE(inserted);
  EXPECT_NE(a1, a_null);
  EXPECT_EQ(index.intern(keys, 2, inserted), a1);  // -0.0 is 0.0
  EXPECT_FALSE(inserted);
  EXPECT_EQ(index.find(keys, 3), -1);
  // The encoded bytes of a key find the id the batch interned, and the other way round.
  std::string encoded;
  keys.encode(1, encoded);
  EXPECT_EQ(index.find(encoded), int64_t(a_null));
  encoded.clear();
  keys.encode(3, encoded);
  KeyId b = index.intern(encoded, inserted);
  EXPECT_TRUE(inserted);
  EXPECT_EQ(index.find(keys, 3), int64_t(b));
  EXPECT_EQ(index.size(), 3u);
}

// Random interning and releasing against a std::map: every live key is found with its id, every
// released key is gone, through growth and deletions in the middle of probe runs.
TEST(BatchKeys, FindsRunsOfTheSameKeyAsGroupByComparesThem) {
  // -0.0 equals 0.0, NULL equals NULL, and every column must match.
  Batch batch = rows({{"a", 1, 0.0},
                      {"a", 1, -0.0},
                      {"a", -1, 0.0},
                      {"a", -1, 0.0},
                      {"b", -1, 0.0},
                      {"b", 2, 0.0},
                      {"b", 2, 1.0},
                      {"b", 2, 1.0}});
  BatchKeys keys = BatchKeys::first(3);
  keys.hash(batch);
  keys.find_runs();
  std::string same;
  for (size_t row = 0; row < batch.size(); ++row) same += keys.same_as_previous(row) ? '1' : '0';
  EXPECT_EQ(same, "01010001");
  // Only the key columns count.
  BatchKeys first_only = BatchKeys::first(1);
  first_only.hash(batch);
  first_only.find_runs();
  same.clear();
  for (size_t row = 0; row < batch.size(); ++row)
    same += first_only.same_as_previous(row) ? '1' : '0';
  EXPECT_EQ(same, "01110111");
}

TEST(KeyIndex, MatchesAMapUnderChurn) {
  KeyIndex index;
  index.set_types(leading_types(key_schema(), 3));
  std::map<std::pair<std::string, int64_t>, KeyId> model;
  std::mt19937_64 random(7);
  BatchKeys keys = BatchKeys::first(3);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::tuple<std::string, int64_t, double>> values;
    for (int i = 0; i < 64; ++i)
      values.emplace_back("k" + std::to_string(random() % 3000), int64_t(random() % 3), 1.5);
    Batch batch = rows(values);
    keys.hash(batch);
    for (size_t row = 0; row < batch.size(); ++row) {
      auto model_key = std::make_pair(std::get<0>(values[row]), std::get<1>(values[row]));
      auto it = model.find(model_key);
      if (random() % 4 == 0) {  // release, if present
        ASSERT_EQ(index.find(keys, row), it == model.end() ? -1 : int64_t(it->second));
        if (it != model.end()) index.release(it->second), model.erase(it);
        continue;
      }
      bool inserted = false;
      KeyId id = index.intern(keys, row, inserted);
      ASSERT_EQ(inserted, it == model.end());
      if (it != model.end())
        ASSERT_EQ(id, it->second);
      else
        model.emplace(model_key, id);
    }
    ASSERT_EQ(index.size(), model.size());
  }
  for (const auto& [key, id] : model) EXPECT_EQ(index.find(index.bytes(id)), int64_t(id));
}

// Keys of fixed-width columns only sit in fixed-size slots (a NULL encodes shorter): ids, bytes
// and lookups hold through churn, and an encoded key longer than the slot is refused.
TEST(KeyIndex, FixedWidthKeysUnderChurn) {
  Schema schema;
  schema.fields = {{"a", Type::int64()}, {"b", Type::int64()}};
  KeyIndex index;
  index.set_types(leading_types(schema, 2));
  std::map<std::pair<int64_t, int64_t>, KeyId> model;  // b = -1: NULL
  std::mt19937_64 random(11);
  BatchKeys keys = BatchKeys::first(2);
  for (int round = 0; round < 100; ++round) {
    Batch batch = Batch::with_schema(schema);
    std::vector<std::pair<int64_t, int64_t>> values;
    for (int i = 0; i < 256; ++i) {
      const int64_t a = int64_t(random() % 2000), b = int64_t(random() % 3) - 1;
      values.emplace_back(a, b);
      batch.columns[0].append_int(a);
      if (b < 0)
        batch.columns[1].append_null();
      else
        batch.columns[1].append_int(b);
      ++batch.rows;
    }
    keys.hash(batch);
    for (size_t row = 0; row < batch.size(); ++row) {
      auto it = model.find(values[row]);
      if (random() % 3 == 0) {
        if (it != model.end()) index.release(it->second), model.erase(it);
        continue;
      }
      bool inserted = false;
      const KeyId id = index.intern(keys, row, inserted);
      ASSERT_EQ(inserted, it == model.end());
      if (inserted) model.emplace(values[row], id);
      std::string encoded;
      keys.encode(row, encoded);
      ASSERT_EQ(index.bytes(id), encoded);
    }
  }
  for (const auto& [key, id] : model) EXPECT_EQ(index.find(index.bytes(id)), int64_t(id));
  EXPECT_FALSE(index.fits(std::string(19, '\1')));
  EXPECT_TRUE(index.fits(std::string(18, '\1')));
}

}  // namespace
}  // namespace eddy
