// AggregateSet: folding a whole batch one aggregate at a time (fold_rows) gives, key by key, the
// results of folding its rows one by one (fold), for every aggregate kind and NULL arguments; and
// compact counts (an 8-byte count per key) give the results of full accumulators, retractions
// included; and merging the accumulators of several keys (HOP slicing) gives the results of
// folding all their rows into one.
#include <gtest/gtest.h>

#include <random>

#include "state/aggregate_set.h"

namespace eddy {
namespace {

std::vector<AggregateSpec> specs(bool with_first_last) {
  std::vector<AggregateSpec> specs;
  auto add = [&](const char* name, bool distinct, bool star, Type type, int arg) {
    auto spec = make_aggregate(name, distinct, star, type, arg, name);
    EXPECT_TRUE(spec) << name;
    specs.push_back(spec.value());
  };
  add("COUNT", false, true, Type::int64(), -1);
  add("COUNT", false, false, Type::int64(), 0);
  add("COUNT", false, false, Type::string(), 2);
  add("COUNT", true, false, Type::int64(), 0);
  add("SUM", false, false, Type::int64(), 0);
  add("SUM", false, false, Type::float64(), 1);
  add("MIN", false, false, Type::string(), 2);
  add("MAX", false, false, Type::int64(), 0);
  add("AVG", false, false, Type::float64(), 1);
  if (with_first_last) {
    add("FIRST_VALUE", false, false, Type::string(), 2);
    add("LAST_VALUE", false, false, Type::int64(), 0);
  }
  return specs;
}

constexpr KeyId kKeys = 13;

// 500 random rows (NULLs in i and s) and a random key of each.
Batch random_rows(std::vector<KeyId>& keys) {
  Schema schema;
  schema.fields = {{"i", Type::int64()}, {"d", Type::float64()}, {"s", Type::string()}};
  Batch batch = Batch::with_schema(schema);
  std::mt19937 random(7);
  for (int row = 0; row < 500; ++row) {
    if (random() % 5 == 0)
      batch.columns[0].append_null();
    else
      batch.columns[0].append_int(int64_t(random() % 50) - 20);
    batch.columns[1].append_double(double(random() % 1000) / 7.0);
    if (random() % 7 == 0)
      batch.columns[2].append_null();
    else
      batch.columns[2].append_string(std::string(1 + random() % 3, char('a' + random() % 5)));
    ++batch.rows;
    keys.push_back(KeyId(random() % kKeys));
  }
  return batch;
}

struct Folding {
  bool by_batch = false;        // fold_rows, else fold row by row
  bool compact_counts = false;  // the AggregateSet option
  bool with_first_last = true;  // FIRST_VALUE / LAST_VALUE (which cannot retract)
  size_t retract_every = 0;     // then retract every n-th row (0: none)
};

// The results of every key after folding (and retracting) the rows as `run` says.
Batch results_of(const Batch& batch, const std::vector<KeyId>& keys, const Folding& run) {
  KeyedState state;
  AggregateSet set(specs(run.with_first_last), state, "agg", run.retract_every > 0,
                   run.compact_counts);
  state.make_room(kKeys);
  if (run.by_batch) {
    set.fold_rows(keys, batch);
  } else {
    for (size_t row = 0; row < batch.size(); ++row) set.fold(keys[row], batch, row);
  }
  if (run.retract_every > 0)
    for (size_t row = 0; row < batch.size(); row += run.retract_every)
      set.retract(keys[row], batch, row);
  Schema results;
  for (const auto& spec : specs(run.with_first_last))
    results.fields.push_back({spec.text, spec.result_type});
  Batch out = Batch::with_schema(results);
  for (KeyId key = 0; key < kKeys; ++key, ++out.rows) set.append_results(key, out, 0);
  return out;
}

void expect_same(const Batch& expected, const Batch& actual) {
  ASSERT_EQ(expected.columns.size(), actual.columns.size());
  for (size_t c = 0; c < expected.columns.size(); ++c) {
    const Column& e = expected.columns[c];
    const Column& a = actual.columns[c];
    for (size_t row = 0; row < expected.size(); ++row) {
      SCOPED_TRACE("aggregate " + std::to_string(c) + " key " + std::to_string(row));
      ASSERT_EQ(e.is_null(row), a.is_null(row));
      if (e.is_null(row)) continue;
      if (e.type.id == TypeId::String)
        EXPECT_EQ(e.strings[row], a.strings[row]);
      else if (e.type.id == TypeId::Double)
        EXPECT_EQ(e.doubles[row], a.doubles[row]);
      else
        EXPECT_EQ(e.ints[row], a.ints[row]);
    }
  }
}

TEST(AggregateSet, FoldRowsMatchesFoldingRowByRow) {
  std::vector<KeyId> keys;
  const Batch batch = random_rows(keys);
  for (bool compact : {false, true})
    expect_same(results_of(batch, keys, {.by_batch = false, .compact_counts = compact}),
                results_of(batch, keys, {.by_batch = true, .compact_counts = compact}));
}

TEST(AggregateSet, CompactCountsMatchFullAccumulators) {
  std::vector<KeyId> keys;
  const Batch batch = random_rows(keys);
  expect_same(results_of(batch, keys, {.compact_counts = false}),
              results_of(batch, keys, {.compact_counts = true}));
  // Retracting (no FIRST_VALUE / LAST_VALUE): every third row taken back out.
  const Folding full{.compact_counts = false, .with_first_last = false, .retract_every = 3};
  Folding compact = full;
  compact.compact_counts = true;
  const Batch expected = results_of(batch, keys, full);
  expect_same(expected, results_of(batch, keys, compact));
  // And the counts did go down: COUNT(*) of some key is below its rows.
  const Batch before = results_of(batch, keys, {.with_first_last = false});
  EXPECT_LT(expected.columns[0].ints[0], before.columns[0].ints[0]);
}

// The mergeable aggregates (AggregateSet::mergeable), of integers.
std::vector<AggregateSpec> mergeable_specs() {
  std::vector<AggregateSpec> specs;
  for (auto [name, star] : {std::pair{"COUNT", true},
                            {"COUNT", false},
                            {"SUM", false},
                            {"MIN", false},
                            {"MAX", false},
                            {"AVG", false}}) {
    auto spec = make_aggregate(name, false, star, Type::int64(), star ? -1 : 0, name);
    EXPECT_TRUE(spec) << name;
    specs.push_back(spec.value());
  }
  return specs;
}

TEST(AggregateSet, MergedKeysMatchFoldingTheirRowsIntoOne) {
  EXPECT_TRUE(AggregateSet::mergeable(mergeable_specs()));
  EXPECT_FALSE(AggregateSet::mergeable(specs(false)));  // DISTINCT, STRING MIN, DOUBLE SUM
  std::vector<KeyId> keys;
  const Batch batch = random_rows(keys);
  Schema results;
  for (const auto& spec : mergeable_specs())
    results.fields.push_back({spec.text, spec.result_type});
  for (bool compact : {false, true}) {
    KeyedState state;
    AggregateSet set(mergeable_specs(), state, "agg", false, compact);
    state.make_room(kKeys + 1);
    set.fold_rows(keys, batch);
    // Key kKeys gets every row of keys 0, 1, 2, 3 and 4 (not 5, 6, ...).
    for (size_t row = 0; row < batch.size(); ++row)
      if (keys[row] < 5) set.fold(kKeys, batch, row);
    Batch merged = Batch::with_schema(results), folded = Batch::with_schema(results);
    const std::vector<KeyId> parts = {0, 1, 2, 3, 4};
    set.append_merged(parts, merged, 0);
    set.append_results(kKeys, folded, 0);
    ++merged.rows, ++folded.rows;
    expect_same(folded, merged);
    EXPECT_GT(folded.columns[0].ints[0], 0);
    // No key at all: counts 0, the rest NULL.
    Batch none = Batch::with_schema(results);
    set.append_merged(std::vector<KeyId>{}, none, 0);
    EXPECT_EQ(none.columns[0].ints[0], 0);
    EXPECT_TRUE(none.columns[2].is_null(0));
  }
}

}  // namespace
}  // namespace eddy
