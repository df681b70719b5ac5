// The keyed state layer: key interning, named states, checkpoint round trips (through
// OperatorState, as checkpoints take them), and the key sequence that orders simultaneous
// emissions independently of KeyId reuse.
#include <gtest/gtest.h>

#include "state/keyed_state.h"
#include "state/operator_state.h"

namespace eddy {
namespace {

// Every key group of `state`, concatenated: equal state gives equal bytes.
std::string saved(KeyedState& state) {
  OperatorState declared;
  declared.keyed(state);
  std::vector<KeyGroupState> groups;
  declared.save_key_groups(false, groups);
  std::string all;
  for (const auto& group : groups) all += group.bytes;
  return all;
}

// Saves `from` as a checkpoint does and restores it into `to` (a fresh state with the same
// declarations). False if the restore refused the bytes.
bool round_trip(KeyedState& from, KeyedState& to) {
  OperatorState source, target;
  source.keyed(from);
  target.keyed(to);
  std::vector<KeyGroupState> groups;
  source.save_key_groups(false, groups);
  if (!target.restore_values(source.save_values())) return false;
  for (const auto& group : groups)
    if (!target.restore_key_group(group.bytes)) return false;
  return bool(target.finish_restore());
}

Batch keys_batch(std::initializer_list<std::pair<const char*, int64_t>> rows) {
  Schema schema;
  schema.fields = {{"k", Type::string()}, {"n", Type::int64()}};
  Batch batch = Batch::with_schema(schema);
  for (const auto& [k, n] : rows) {
    if (k)
      batch.columns[0].append_string(k);
    else
      batch.columns[0].append_null();
    batch.columns[1].append_int(n);
    ++batch.rows;
  }
  return batch;
}

TEST(KeyedState, EqualKeysInternToOneIdAndNullsGroupTogether) {
  KeyedState state;
  state.set_key_types({Type::string()});
  BatchKeys keys = BatchKeys::first(1);
  Batch batch = keys_batch({{"a", 1}, {"b", 2}, {"a", 3}, {nullptr, 4}, {nullptr, 5}});
  keys.hash(batch);
  std::vector<KeyId> ids;
  bool inserted = false;
  for (size_t row = 0; row < batch.size(); ++row) ids.push_back(state.intern(keys, row, inserted));
  EXPECT_EQ(ids[0], ids[2]);
  EXPECT_NE(ids[0], ids[1]);
  EXPECT_EQ(ids[3], ids[4]);
  EXPECT_NE(ids[3], ids[0]);
  EXPECT_EQ(state.key_count(), 3u);
}

TEST(KeyedState, ReleasedIdsAreReusedButSequencesKeepGrowing) {
  KeyedState state;
  auto& count = state.declare<FixedState<int64_t>>("count");
  bool inserted = false;
  KeyId a = state.intern("a", inserted);
  count.set(a, 7);
  state.release(a);
  EXPECT_EQ(state.key_count(), 0u);
  KeyId b = state.intern("b", inserted);
  EXPECT_TRUE(inserted);
  EXPECT_EQ(b, a);                            // the id comes back...
  EXPECT_FALSE(count.has(b));                 // ...without the old key's values
  EXPECT_GT(state.sequence(b), uint64_t(0));  // ...and with a later sequence
  EXPECT_EQ(state.keys().find("a"), -1);
}

TEST(KeyedState, SnapshotRestoreRoundTripsEveryNamedState) {
  KeyedState state;
  auto& count = state.declare<FixedState<int64_t>>("count");
  auto& name = state.declare<StringState>("name");
  auto& seen = state.declare<MultisetState>("seen");
  bool inserted = false;
  for (int i = 0; i < 100; ++i) {
    KeyId key = state.intern("key" + std::to_string(i % 10), inserted);
    count.get_or_init(key) += i;
    name.set(key, "v" + std::to_string(i));
    seen.add(key, std::to_string(i % 3));
  }
  state.release(state.intern("key3", inserted));
  const std::string blob = saved(state);

  KeyedState copy;
  auto& count2 = copy.declare<FixedState<int64_t>>("count");
  auto& name2 = copy.declare<StringState>("name");
  auto& seen2 = copy.declare<MultisetState>("seen");
  ASSERT_TRUE(round_trip(state, copy));
  EXPECT_EQ(copy.key_count(), 9u);
  KeyId k7 = copy.intern("key7", inserted);
  EXPECT_FALSE(inserted);
  EXPECT_EQ(count2.get(k7), 7 + 17 + 27 + 37 + 47 + 57 + 67 + 77 + 87 + 97);
  EXPECT_EQ(name2.get(k7), "v97");
  EXPECT_EQ(seen2.distinct(k7), 3u);
  EXPECT_EQ(copy.keys().find("key3"), -1);
  EXPECT_EQ(saved(copy), blob);
  // A new key after restore gets a sequence after every restored one.
  KeyId fresh = copy.intern("new", inserted);
  EXPECT_GT(copy.sequence(fresh), copy.sequence(k7));
}

// The multisets behind COUNT(DISTINCT) and MIN / MAX over an updating input: occurrences are
// counted, so a value goes only with its last occurrence.
TEST(KeyedState, MultisetsCountOccurrencesAndRetract) {
  KeyedState state;
  auto& distinct = state.declare<MultisetState>("distinct");
  auto& sorted = state.declare<SortedMultisetState>("sorted");
  bool inserted = false;
  KeyId key = state.intern("k", inserted);
  EXPECT_TRUE(distinct.add(key, "a"));
  EXPECT_FALSE(distinct.add(key, "a"));
  EXPECT_TRUE(distinct.add(key, "b"));
  EXPECT_FALSE(distinct.remove(key, "a"));  // one "a" left
  EXPECT_EQ(distinct.distinct(key), 2u);
  EXPECT_TRUE(distinct.remove(key, "a"));
  EXPECT_FALSE(distinct.remove(key, "zzz"));  // never there: nothing happens
  EXPECT_EQ(distinct.distinct(key), 1u);

  for (const char* v : {"m", "c", "x", "c"}) sorted.add(key, v);
  EXPECT_EQ(sorted.first(key), "c");
  EXPECT_EQ(sorted.last(key), "x");
  sorted.remove(key, "c");
  EXPECT_EQ(sorted.first(key), "c");  // the second "c"
  sorted.remove(key, "c");
  sorted.remove(key, "x");
  sorted.remove(key, "q");  // never there
  EXPECT_EQ(sorted.first(key), "m");
  EXPECT_EQ(sorted.last(key), "m");

  const std::string blob = saved(state);
  KeyedState copy;
  copy.declare<MultisetState>("distinct");
  auto& sorted2 = copy.declare<SortedMultisetState>("sorted");
  ASSERT_TRUE(round_trip(state, copy));
  key = KeyId(copy.keys().find("k"));
  EXPECT_EQ(sorted2.first(key), "m");
  EXPECT_EQ(saved(copy), blob);
  sorted2.remove(key, "m");
  EXPECT_TRUE(sorted2.empty(key));
  const size_t before = copy.memory_bytes();
  sorted2.add(key, "a longer value than the small string buffer");
  EXPECT_GT(copy.memory_bytes(), before);
}

TEST(KeyedState, ListAndMapStatesRoundTripAndClearPerKey) {
  KeyedState state;
  auto& times = state.declare<VectorState<Timestamp>>("times");
  auto& attributes = state.declare<BytesMapState>("attributes");
  bool inserted = false;
  KeyId a = state.intern("a", inserted), b = state.intern("b", inserted);
  times.add(a, 30);
  times.add(a, 10);
  times.add(b, 20);
  attributes.put(a, "color", "red");
  attributes.put(a, "size", "L");
  attributes.put(a, "color", "blue");  // replaces
  attributes.put(b, "color", "green");
  EXPECT_EQ(times.get(a), (std::vector<Timestamp>{30, 10}));
  EXPECT_EQ(attributes.size(a), 2u);
  EXPECT_EQ(attributes.get(a, "color"), std::optional<std::string_view>("blue"));
  EXPECT_FALSE(attributes.get(a, "weight").has_value());
  EXPECT_TRUE(attributes.remove(a, "size"));
  EXPECT_FALSE(attributes.remove(a, "size"));
  times.update(a, {10});

  KeyedState copy;
  auto& times2 = copy.declare<VectorState<Timestamp>>("times");
  auto& attributes2 = copy.declare<BytesMapState>("attributes");
  ASSERT_TRUE(round_trip(state, copy));
  EXPECT_EQ(saved(copy), saved(state));
  KeyId a2 = KeyId(copy.keys().find("a")), b2 = KeyId(copy.keys().find("b"));
  EXPECT_EQ(times2.get(a2), (std::vector<Timestamp>{10}));
  EXPECT_EQ(times2.get(b2), (std::vector<Timestamp>{20}));
  auto entries = attributes2.entries(a2);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].first, "color");
  EXPECT_EQ(entries[0].second, "blue");

  state.release(a);
  EXPECT_TRUE(times.get(a).empty());
  EXPECT_EQ(attributes.size(a), 0u);
  EXPECT_EQ(attributes.get(b, "color"), std::optional<std::string_view>("green"));
}

TEST(KeyedState, RestoreRejectsDamagedBlobs) {
  KeyedState state;
  state.declare<FixedState<int64_t>>("count");
  bool inserted = false;
  state.intern("a", inserted);
  const std::string blob = saved(state);
  for (size_t cut = 0; cut < blob.size(); ++cut) {
    KeyedState copy;
    copy.declare<FixedState<int64_t>>("count");
    OperatorState target;
    target.keyed(copy);
    EXPECT_FALSE(target.restore_key_group(std::string_view(blob).substr(0, cut)))
        << "cut at " << cut;
  }
  KeyedState other;
  other.declare<FixedState<int64_t>>("other_name");
  EXPECT_FALSE(round_trip(state, other));  // states are matched by name
}

TEST(KeyedState, MemoryAccountingFollowsInsertsAndReleases) {
  KeyedState state;
  auto& name = state.declare<StringState>("name");
  bool inserted = false;
  size_t empty = state.memory_bytes();
  KeyId key = state.intern("a-rather-long-key-that-is-not-small", inserted);
  name.set(key, std::string(1000, 'x'));
  size_t full = state.memory_bytes();
  EXPECT_GE(full, empty + 1000);
  state.release(key);
  EXPECT_LT(state.memory_bytes(), full - 900);
}

TEST(KeyedState, RowsRoundTripThroughTheRowEncoding) {
  Batch batch = keys_batch({{"x", -5}, {nullptr, 42}});
  std::string encoded;
  encode_row(batch, {0, 1}, 0, encoded);
  encode_row(batch, {0, 1}, 1, encoded);
  Schema schema;
  schema.fields = {{"k", Type::string()}, {"n", Type::int64()}};
  Batch decoded = Batch::with_schema(schema);
  std::string_view in = encoded;
  ASSERT_TRUE(decode_row(in, decoded));
  ASSERT_TRUE(decode_row(in, decoded));
  EXPECT_TRUE(in.empty());
  EXPECT_EQ(decoded.columns[0].strings[0], "x");
  EXPECT_EQ(decoded.columns[1].ints[0], -5);
  EXPECT_TRUE(decoded.columns[0].is_null(1));
  EXPECT_EQ(decoded.columns[1].ints[1], 42);
  std::string_view truncated = std::string_view(encoded).substr(0, 3);
  EXPECT_FALSE(decode_row(truncated, decoded));
}

}  // namespace
}  // namespace eddy
