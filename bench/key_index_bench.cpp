// Key hashing and interning: what a keyed operator pays per row to turn its key columns into a
// KeyId (state/keyed_state.h), for BIGINT and STRING keys at 100K and 1M distinct keys.
// Run: build/bench/eddy_bench --benchmark_filter=Intern
//
// Every benchmark interns the same stream of 1M key lookups (keys drawn uniformly, in batches of
// 1024 rows) through an interner: a class that turns one batch's key column into KeyIds.
// InternBatch is the operators' path (BatchKeys hashes the batch's typed key values once, then
// each row is interned by its hash); InternRows encodes each row's key into bytes and interns
// those (the path of keys that are not batch columns), for comparison on the same input.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "runtime/batch.h"
#include "state/keyed_state.h"

namespace {

using eddy::Batch;
using eddy::KeyedState;
using eddy::KeyId;
using eddy::Type;

constexpr size_t kBatchRows = 1024;
constexpr size_t kLookups = 1 << 20;

// The key column of each batch, uniformly random over `distinct` keys: BIGINT key k, or the
// STRING "user_<k>" (the shape of the core benchmark's uid).
std::vector<Batch> key_batches(bool strings, size_t distinct, uint64_t seed) {
  std::vector<Batch> batches;
  uint64_t state = seed;
  for (size_t done = 0; done < kLookups; done += kBatchRows) {
    Batch batch;
    batch.columns.emplace_back(strings ? Type::string() : Type::int64());
    for (size_t r = 0; r < kBatchRows; ++r) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      int64_t key = int64_t((state >> 33) % distinct);
      if (strings)
        batch.columns[0].append_string("user_" + std::to_string(key));
      else
        batch.columns[0].append_int(key);
    }
    batch.rows = kBatchRows;
    batches.push_back(std::move(batch));
  }
  return batches;
}

// Every distinct key once, in order (to pre-fill a state so that lookups hit).
std::vector<Batch> all_keys(bool strings, size_t distinct) {
  std::vector<Batch> batches;
  for (size_t first = 0; first < distinct; first += kBatchRows) {
    Batch batch;
    batch.columns.emplace_back(strings ? Type::string() : Type::int64());
    for (size_t key = first; key < std::min(distinct, first + kBatchRows); ++key) {
      if (strings)
        batch.columns[0].append_string("user_" + std::to_string(key));
      else
        batch.columns[0].append_int(int64_t(key));
      ++batch.rows;
    }
    batches.push_back(std::move(batch));
  }
  return batches;
}

// An interning path: `Interner(KeyedState&, Type key_type)` is made once per state (before its
// first key, so a path may declare the key type), and `intern(batch, ids)` turns the key column
// (column 0) of `batch` into ids, one per row.
//
// Per row, encode the key into bytes and intern them.
class InternRows {
 public:
  InternRows(KeyedState& state, Type /*key_type*/) : state_(state) {}
  void intern(const Batch& batch, std::vector<KeyId>& ids) {
    ids.resize(batch.size());
    bool inserted = false;
    for (size_t r = 0; r < batch.size(); ++r) {
      encoded_.clear();
      eddy::encode_row(batch, key_column_, r, encoded_);
      ids[r] = state_.intern(encoded_, inserted);
    }
  }

 private:
  KeyedState& state_;
  const std::vector<int> key_column_{0};
  std::string encoded_;
};

// The operators' path: hash the batch's key column once, then intern row by row.
class InternBatch {
 public:
  InternBatch(KeyedState& state, Type key_type) : state_(state) {
    state_.set_key_types({key_type});
  }
  void intern(const Batch& batch, std::vector<KeyId>& ids) {
    keys_.hash(batch);
    ids.resize(batch.size());
    bool inserted = false;
    for (size_t r = 0; r < batch.size(); ++r) ids[r] = state_.intern(keys_, r, inserted);
  }

 private:
  KeyedState& state_;
  eddy::BatchKeys keys_ = eddy::BatchKeys::first(1);
};

// The key column's type.
struct BigintKeys {
  static constexpr bool kStrings = false;
};
struct StringKeys {
  static constexpr bool kStrings = true;
};

// Lookups of keys that are all present (the steady state of a long-running query).
template <class Interner, class Keys>
void BM_InternHit(benchmark::State& bench) {
  const bool strings = Keys::kStrings;
  const size_t distinct = size_t(bench.range(0));
  const std::vector<Batch> batches = key_batches(strings, distinct, 7);
  KeyedState keyed;
  Interner interner(keyed, strings ? Type::string() : Type::int64());
  std::vector<KeyId> ids;
  for (const Batch& batch : all_keys(strings, distinct)) interner.intern(batch, ids);
  for (auto _ : bench) {
    for (const Batch& batch : batches) {
      interner.intern(batch, ids);
      benchmark::DoNotOptimize(ids.data());
    }
  }
  bench.SetItemsProcessed(int64_t(bench.iterations() * kLookups));
}

// The same lookups into an empty state: the first sight of each key inserts it (growing the
// index and every state).
template <class Interner, class Keys>
void BM_InternCold(benchmark::State& bench) {
  const bool strings = Keys::kStrings;
  const size_t distinct = size_t(bench.range(0));
  const std::vector<Batch> batches = key_batches(strings, distinct, 7);
  for (auto _ : bench) {
    bench.PauseTiming();
    auto keyed = std::make_unique<KeyedState>();
    Interner interner(*keyed, strings ? Type::string() : Type::int64());
    bench.ResumeTiming();
    std::vector<KeyId> ids;
    for (const Batch& batch : batches) {
      interner.intern(batch, ids);
      benchmark::DoNotOptimize(ids.data());
    }
    bench.PauseTiming();
    keyed.reset();
    bench.ResumeTiming();
  }
  bench.SetItemsProcessed(int64_t(bench.iterations() * kLookups));
}

// One interner's four rows: hit and cold, BIGINT and STRING keys, at 100K and 1M distinct keys.
#define KEY_BENCHMARKS(interner)                          \
  BENCHMARK_TEMPLATE(BM_InternHit, interner, BigintKeys)  \
      ->Arg(100'000)                                      \
      ->Arg(1'000'000)                                    \
      ->Unit(benchmark::kMillisecond);                    \
  BENCHMARK_TEMPLATE(BM_InternHit, interner, StringKeys)  \
      ->Arg(100'000)                                      \
      ->Arg(1'000'000)                                    \
      ->Unit(benchmark::kMillisecond);                    \
  BENCHMARK_TEMPLATE(BM_InternCold, interner, BigintKeys) \
      ->Arg(100'000)                                      \
      ->Arg(1'000'000)                                    \
      ->Unit(benchmark::kMillisecond);                    \
  BENCHMARK_TEMPLATE(BM_InternCold, interner, StringKeys) \
      ->Arg(100'000)                                      \
      ->Arg(1'000'000)                                    \
      ->Unit(benchmark::kMillisecond)

KEY_BENCHMARKS(InternBatch);
KEY_BENCHMARKS(InternRows);

}  // namespace
