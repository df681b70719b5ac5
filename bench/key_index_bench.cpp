// Key hashing and interning: what a keyed operator pays per row to turn its key columns into a
// KeyId (state/keyed_state.h), for BIGINT and STRING keys at 100K and 1M distinct keys.
// Run: build/bench/eddy_bench --benchmark_filter=Intern
//
// Every benchmark interns the same stream of 1M key lookups (keys drawn uniformly, in batches of
// 1024 rows) through an Interner: a function that turns one batch's key column into KeyIds.
// `intern_rows` is today's path (encode each row's key, KeyedState::intern of the bytes). A
// batch API (interning a whole batch at once) is one more Interner: write it below and add a
// KEY_BENCHMARKS(name) line for it at the end; its rows then compare with intern_rows' on the
// same input.
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

// Turns the key column (column 0) of `batch` into ids, one per row, in `ids`.
using Interner = void (*)(KeyedState& state, eddy::KeyEncoder& encoder, const Batch& batch,
                          std::vector<KeyId>& ids);

// Today's path: per row, encode the key into bytes and intern them.
void intern_rows(KeyedState& state, eddy::KeyEncoder& encoder, const Batch& batch,
                 std::vector<KeyId>& ids) {
  ids.resize(batch.size());
  bool inserted = false;
  for (size_t r = 0; r < batch.size(); ++r)
    ids[r] = state.intern(encoder.encode(batch, r), inserted);
}

// Lookups of keys that are all present (the steady state of a long-running query).
void BM_InternHit(benchmark::State& bench, Interner intern, bool strings) {
  const size_t distinct = size_t(bench.range(0));
  const std::vector<Batch> batches = key_batches(strings, distinct, 7);
  KeyedState keyed;
  eddy::KeyEncoder encoder = eddy::KeyEncoder::first(1);
  std::vector<KeyId> ids;
  for (const Batch& batch : all_keys(strings, distinct)) intern(keyed, encoder, batch, ids);
  for (auto _ : bench) {
    for (const Batch& batch : batches) {
      intern(keyed, encoder, batch, ids);
      benchmark::DoNotOptimize(ids.data());
    }
  }
  bench.SetItemsProcessed(int64_t(bench.iterations() * kLookups));
}

// The same lookups into an empty state: the first sight of each key inserts it (growing the
// index and every state).
void BM_InternCold(benchmark::State& bench, Interner intern, bool strings) {
  const size_t distinct = size_t(bench.range(0));
  const std::vector<Batch> batches = key_batches(strings, distinct, 7);
  for (auto _ : bench) {
    bench.PauseTiming();
    auto keyed = std::make_unique<KeyedState>();
    bench.ResumeTiming();
    eddy::KeyEncoder encoder = eddy::KeyEncoder::first(1);
    std::vector<KeyId> ids;
    for (const Batch& batch : batches) {
      intern(*keyed, encoder, batch, ids);
      benchmark::DoNotOptimize(ids.data());
    }
    bench.PauseTiming();
    keyed.reset();
    bench.ResumeTiming();
  }
  bench.SetItemsProcessed(int64_t(bench.iterations() * kLookups));
}

// One interner's four rows: hit and cold, BIGINT and STRING keys, at 100K and 1M distinct keys.
#define KEY_BENCHMARKS(interner)                                       \
  BENCHMARK_CAPTURE(BM_InternHit, interner##_bigint, interner, false)  \
      ->Arg(100'000)                                                   \
      ->Arg(1'000'000)                                                 \
      ->Unit(benchmark::kMillisecond);                                 \
  BENCHMARK_CAPTURE(BM_InternHit, interner##_string, interner, true)   \
      ->Arg(100'000)                                                   \
      ->Arg(1'000'000)                                                 \
      ->Unit(benchmark::kMillisecond);                                 \
  BENCHMARK_CAPTURE(BM_InternCold, interner##_bigint, interner, false) \
      ->Arg(100'000)                                                   \
      ->Arg(1'000'000)                                                 \
      ->Unit(benchmark::kMillisecond);                                 \
  BENCHMARK_CAPTURE(BM_InternCold, interner##_string, interner, true)  \
      ->Arg(100'000)                                                   \
      ->Arg(1'000'000)                                                 \
      ->Unit(benchmark::kMillisecond)

KEY_BENCHMARKS(intern_rows);

}  // namespace
