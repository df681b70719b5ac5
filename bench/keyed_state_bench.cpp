// Keyed state once a row has its KeyId: FixedState get / set (a counter per key) and folding rows
// into a key's aggregates (state/aggregate_set.h), at 100K and 1M keys in random order, so the
// per-key vectors are touched as a keyed operator touches them.
// Run: build/bench/eddy_bench --benchmark_filter=KeyedState
#include <benchmark/benchmark.h>

#include <vector>

#include "runtime/batch.h"
#include "state/aggregate_set.h"
#include "state/keyed_state.h"

namespace {

using eddy::Batch;
using eddy::KeyedState;
using eddy::KeyId;
using eddy::Type;

constexpr size_t kBatchRows = 1024;
constexpr size_t kRows = 1 << 20;

// Ids of `kRows` rows drawn uniformly from `keys` keys.
std::vector<KeyId> random_ids(size_t keys, uint64_t seed) {
  std::vector<KeyId> ids(kRows);
  uint64_t state = seed;
  for (KeyId& id : ids) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    id = KeyId((state >> 33) % keys);
  }
  return ids;
}

// A state with `keys` interned BIGINT keys (ids 0 .. keys-1).
void intern_keys(KeyedState& keyed, size_t keys) {
  Batch batch;
  batch.columns.emplace_back(Type::int64());
  batch.columns[0].append_int(0);
  batch.rows = 1;
  keyed.set_key_types({Type::int64()});
  eddy::BatchKeys batch_keys = eddy::BatchKeys::first(1);
  bool inserted = false;
  for (size_t k = 0; k < keys; ++k) {
    batch.columns[0].ints[0] = int64_t(k);
    batch_keys.hash(batch);
    keyed.intern(batch_keys, 0, inserted);
  }
}

// Read-modify-write of a per-key counter: what COUNT(*) with a timeout does per row.
void BM_KeyedStateValueIncrement(benchmark::State& bench) {
  const size_t keys = size_t(bench.range(0));
  KeyedState keyed;
  auto& counts = keyed.declare<eddy::FixedState<int64_t>>("count");
  intern_keys(keyed, keys);
  const std::vector<KeyId> ids = random_ids(keys, 3);
  for (auto _ : bench) {
    for (KeyId id : ids) ++counts.get_or_init(id);
  }
  benchmark::DoNotOptimize(counts.get(0));
  bench.SetItemsProcessed(int64_t(bench.iterations() * kRows));
}
BENCHMARK(BM_KeyedStateValueIncrement)->Arg(100'000)->Arg(1'000'000);

// Separate has / get / set (an operator that reads a timestamp and writes a new one).
void BM_KeyedStateValueGetSet(benchmark::State& bench) {
  const size_t keys = size_t(bench.range(0));
  KeyedState keyed;
  auto& last = keyed.declare<eddy::FixedState<eddy::Timestamp>>("last");
  intern_keys(keyed, keys);
  const std::vector<KeyId> ids = random_ids(keys, 5);
  eddy::Timestamp t = 0;
  for (auto _ : bench) {
    for (KeyId id : ids) {
      eddy::Timestamp previous = last.has(id) ? last.get(id) : 0;
      last.set(id, std::max(previous, ++t));
    }
  }
  benchmark::DoNotOptimize(last.get(0));
  bench.SetItemsProcessed(int64_t(bench.iterations() * kRows));
}
BENCHMARK(BM_KeyedStateValueGetSet)->Arg(100'000)->Arg(1'000'000);

// AggregateSet::fold of COUNT(*), SUM(v), MAX(v) over BIGINT v, one row at a time as the
// aggregating operators call it (row r of a batch into key ids[r]).
void BM_KeyedStateAggregateFold(benchmark::State& bench) {
  const size_t keys = size_t(bench.range(0));
  KeyedState keyed;
  std::vector<eddy::AggregateSpec> specs;
  for (const char* name : {"COUNT", "SUM", "MAX"}) {
    bool star = std::string(name) == "COUNT";
    auto spec = eddy::make_aggregate(name, false, star, Type::int64(), star ? -1 : 0,
                                     star ? "COUNT(*)" : std::string(name) + "(v)");
    if (!spec) {
      bench.SkipWithError("make_aggregate failed");
      return;
    }
    specs.push_back(spec.value());
  }
  eddy::AggregateSet aggregates(specs, keyed, "agg");
  intern_keys(keyed, keys);
  const std::vector<KeyId> ids = random_ids(keys, 9);
  Batch input;
  input.columns.emplace_back(Type::int64());
  for (size_t r = 0; r < kBatchRows; ++r) input.columns[0].append_int(int64_t(r * 7 % 1000));
  input.rows = kBatchRows;
  for (auto _ : bench) {
    for (size_t first = 0; first < kRows; first += kBatchRows) {
      for (size_t r = 0; r < kBatchRows; ++r) aggregates.fold(ids[first + r], input, r);
    }
  }
  bench.SetItemsProcessed(int64_t(bench.iterations() * kRows));
}
BENCHMARK(BM_KeyedStateAggregateFold)->Arg(100'000)->Arg(1'000'000);

}  // namespace
