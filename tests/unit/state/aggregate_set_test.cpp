// AggregateSet: folding a whole batch one aggregate at a time (fold_rows) gives, key by key, the
// results of folding its rows one by one (fold), for every aggregate kind and NULL arguments.
#include <gtest/gtest.h>

#include <random>

#include "state/aggregate_set.h"

namespace eddy {
namespace {

std::vector<AggregateSpec> every_kind() {
  std::vector<AggregateSpec> specs;
  auto add = [&](const char* name, bool distinct, bool star, Type type, int arg) {
    auto spec = make_aggregate(name, distinct, star, type, arg, name);
    EXPECT_TRUE(spec) << name;
    specs.push_back(spec.value());
  };
  add("COUNT", false, true, Type::int64(), -1);
  add("COUNT", false, false, Type::int64(), 0);
  add("COUNT", true, false, Type::int64(), 0);
  add("SUM", false, false, Type::int64(), 0);
  add("SUM", false, false, Type::float64(), 1);
  add("MIN", false, false, Type::string(), 2);
  add("MAX", false, false, Type::int64(), 0);
  add("AVG", false, false, Type::float64(), 1);
  add("FIRST_VALUE", false, false, Type::string(), 2);
  add("LAST_VALUE", false, false, Type::int64(), 0);
  return specs;
}

TEST(AggregateSet, FoldRowsMatchesFoldingRowByRow) {
  Schema schema;
  schema.fields = {{"i", Type::int64()}, {"d", Type::float64()}, {"s", Type::string()}};
  Batch batch = Batch::with_schema(schema);
  std::mt19937 random(7);
  std::vector<KeyId> keys;
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
    keys.push_back(KeyId(random() % 13));
  }
  KeyedState by_row_state, by_batch_state;
  AggregateSet by_row(every_kind(), by_row_state, "agg");
  AggregateSet by_batch(every_kind(), by_batch_state, "agg");
  by_row_state.make_room(13);
  by_batch_state.make_room(13);
  for (size_t row = 0; row < batch.size(); ++row) by_row.fold(keys[row], batch, row);
  by_batch.fold_rows(keys, batch);
  Schema results;
  for (const auto& spec : every_kind()) results.fields.push_back({spec.text, spec.result_type});
  Batch expected = Batch::with_schema(results), actual = Batch::with_schema(results);
  for (KeyId key = 0; key < 13; ++key) {
    by_row.append_results(key, expected, 0);
    by_batch.append_results(key, actual, 0);
    ++expected.rows, ++actual.rows;
  }
  for (size_t c = 0; c < results.size(); ++c) {
    for (size_t row = 0; row < expected.size(); ++row) {
      SCOPED_TRACE(results.fields[c].name + " key " + std::to_string(row));
      ASSERT_EQ(expected.columns[c].is_null(row), actual.columns[c].is_null(row));
      if (expected.columns[c].is_null(row)) continue;
      if (results.fields[c].type.id == TypeId::String)
        EXPECT_EQ(expected.columns[c].strings[row], actual.columns[c].strings[row]);
      else if (results.fields[c].type.id == TypeId::Double)
        EXPECT_EQ(expected.columns[c].doubles[row], actual.columns[c].doubles[row]);
      else
        EXPECT_EQ(expected.columns[c].ints[row], actual.columns[c].ints[row]);
    }
  }
}

}  // namespace
}  // namespace eddy
