// The checkpoint store's share of a checkpoint (state/checkpoint_store.h): writing and loading a
// checkpoint shaped like 1M keys — one operator, 128 key groups of 8192 records of 60 bytes
// (~63 MB of blobs) — and an incremental one with 1% of the keys changed. The blobs are opaque to
// the store, so random bytes stand in for encoded keys and state.
// Run: build/bench/eddy_bench --benchmark_filter=Checkpoint
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include "bench/store_files.h"
#include "state/checkpoint_store.h"

namespace {

using eddy::CheckpointData;
using eddy::CheckpointStore;

constexpr uint64_t kRecordBytes = 60;
constexpr uint64_t kFullRecordsPerGroup = 8192;  // x 128 groups = 1M keys
constexpr uint64_t kDeltaRecordsPerGroup = 82;   // 1%

using eddy::bench::remove_store;
std::string bench_path(const char* name) { return eddy::bench::fresh_store_path(name); }

CheckpointData checkpoint(uint64_t records_per_group, bool incremental, uint64_t seed) {
  std::mt19937_64 rng(seed);
  CheckpointData data;
  data.job = "1";
  data.statement = "SELECT k, COUNT(*) FROM s GROUP BY k";
  data.fingerprint = data.statement + " | GroupAggregate(k)";
  data.incremental = incremental;
  data.driver = std::string(64, 'd');
  eddy::OperatorCheckpoint& op = data.operators.emplace_back();
  op.id = 1;
  op.name = "GroupAggregate";
  op.values = std::string(32, 'v');
  for (int g = 0; g < eddy::kKeyGroups; ++g) {
    eddy::KeyGroupState& group = op.key_groups.emplace_back();
    group.key_group = g;
    group.keys = records_per_group;
    group.bytes.resize(records_per_group * kRecordBytes);
    for (size_t i = 0; i + 8 <= group.bytes.size(); i += 8) {
      uint64_t word = rng();
      std::memcpy(group.bytes.data() + i, &word, 8);
    }
    op.keys += group.keys;
    op.state_bytes += group.bytes.size();
  }
  data.sources.push_back({0, "file s.csv (csv)", {123456789, 1000001, ""}});
  return data;
}

// Checkpoints come seconds apart: the store copies its log into the file meanwhile, on a thread
// of its own (state/wal_copier.h). Back to back, each write would also wait for the last copy.
void pause(benchmark::State& state, int ms) {
  state.PauseTiming();
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  state.ResumeTiming();
}

uint64_t blob_bytes(const CheckpointData& data) {
  uint64_t bytes = 0;
  for (const auto& group : data.operators[0].key_groups) bytes += group.bytes.size();
  return bytes;
}

void BM_CheckpointWriteFull(benchmark::State& state) {
  const std::string path = bench_path("write_full");
  auto store = std::move(CheckpointStore::open(path)).value();
  CheckpointData data = checkpoint(kFullRecordsPerGroup, false, 1);
  for (auto _ : state) {
    if (!store->write(data).is_ok()) state.SkipWithError("write failed");
    pause(state, 1500);
  }
  state.SetBytesProcessed(int64_t(state.iterations() * blob_bytes(data)));
  store.reset();
  remove_store(path);
}
BENCHMARK(BM_CheckpointWriteFull)->Unit(benchmark::kMillisecond)->Iterations(6);

void BM_CheckpointLoadFull(benchmark::State& state) {
  const std::string path = bench_path("load_full");
  auto store = std::move(CheckpointStore::open(path)).value();
  CheckpointData data = checkpoint(kFullRecordsPerGroup, false, 1);
  if (!store->write(data).is_ok()) state.SkipWithError("write failed");
  std::vector<std::string> warnings;
  for (auto _ : state) {
    auto loaded = store->load_latest("1", warnings);
    if (!loaded.is_ok() || !*loaded) state.SkipWithError("load failed");
    benchmark::DoNotOptimize(loaded);
  }
  state.SetBytesProcessed(int64_t(state.iterations() * blob_bytes(data)));
  store.reset();
  remove_store(path);
}
BENCHMARK(BM_CheckpointLoadFull)->Unit(benchmark::kMillisecond)->Iterations(6);

// A delta of 1% of the keys over a full checkpoint; the chain grows by one per iteration.
void BM_CheckpointWriteIncremental(benchmark::State& state) {
  const std::string path = bench_path("write_delta");
  auto store = std::move(CheckpointStore::open(path)).value();
  CheckpointData full = checkpoint(kFullRecordsPerGroup, false, 1);
  if (!store->write(full).is_ok()) state.SkipWithError("write failed");
  CheckpointData delta = checkpoint(kDeltaRecordsPerGroup, true, 2);
  for (auto _ : state) {
    if (!store->write(delta).is_ok()) state.SkipWithError("write failed");
    pause(state, 100);
  }
  state.SetBytesProcessed(int64_t(state.iterations() * blob_bytes(delta)));
  store.reset();
  remove_store(path);
}
BENCHMARK(BM_CheckpointWriteIncremental)->Unit(benchmark::kMillisecond)->Iterations(30);

// Restoring a full checkpoint and the 10 deltas after it.
void BM_CheckpointLoadFullAndTenDeltas(benchmark::State& state) {
  const std::string path = bench_path("load_delta");
  auto store = std::move(CheckpointStore::open(path)).value();
  CheckpointData full = checkpoint(kFullRecordsPerGroup, false, 1);
  if (!store->write(full).is_ok()) state.SkipWithError("write failed");
  uint64_t bytes = blob_bytes(full);
  for (int i = 0; i < 10; ++i) {
    CheckpointData delta = checkpoint(kDeltaRecordsPerGroup, true, 2 + i);
    if (!store->write(delta).is_ok()) state.SkipWithError("write failed");
    bytes += blob_bytes(delta);
  }
  std::vector<std::string> warnings;
  for (auto _ : state) {
    auto loaded = store->load_latest("1", warnings);
    if (!loaded.is_ok() || !*loaded) state.SkipWithError("load failed");
    benchmark::DoNotOptimize(loaded);
  }
  state.SetBytesProcessed(int64_t(state.iterations() * bytes));
  store.reset();
  remove_store(path);
}
BENCHMARK(BM_CheckpointLoadFullAndTenDeltas)->Unit(benchmark::kMillisecond)->Iterations(6);

}  // namespace
