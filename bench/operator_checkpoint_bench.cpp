// A whole checkpoint of keyed state, as the driver takes one (runtime/query_checkpoint.cpp):
// 1M keys shaped like a timeout operator's (a count, two timestamps, a buffered row) with one
// event-time timer each, saved through OperatorState into the SQLite store, then a delta after
// 1% of the keys changed, and a restore of the whole (load, verify, rebuild keys and timers).
// Issue 8's targets: full checkpoint <= 1 s, restore <= 1 s, a delta proportional to the change.
// Run: build/bench/eddy_bench --benchmark_filter=OperatorCheckpoint
#include <benchmark/benchmark.h>
#include <string>

#include "bench/store_files.h"
#include "state/checkpoint_store.h"
#include "state/keyed_state.h"
#include "state/operator_state.h"
#include "state/timer_service.h"

namespace {

using namespace eddy;

constexpr uint32_t kKeys = 1'000'000;

// A timeout operator's state, declared the way operators declare it.
struct TimeoutLikeState {
  KeyedState keyed;
  FixedState<int64_t>& count = keyed.declare<FixedState<int64_t>>("count");
  FixedState<Timestamp>& last = keyed.declare<FixedState<Timestamp>>("last");
  FixedState<Timestamp>& start = keyed.declare<FixedState<Timestamp>>("start");
  StringState& buffer = keyed.declare<StringState>("buffer");
  TimerService timers;
  OperatorState declared;
  TimeoutLikeState() { declared.keyed(keyed, &timers); }

  void touch(uint32_t k, Timestamp ts) {
    std::string key = "u" + std::to_string(k);
    bool inserted = false;
    KeyId id = keyed.intern(key, inserted);
    ++count.get_or_init(id);
    if (last.has(id)) timers.delete_event_timer(id, last.get(id) + 60'000);
    last.set(id, ts);
    if (inserted) start.set(id, ts);
    buffer.set(id, "a buffered row of about 24 b");
    timers.register_event_timer(id, ts + 60'000);
  }
};

CheckpointData take(TimeoutLikeState& state, bool incremental) {
  CheckpointData data;
  data.job = "1";
  data.statement = "SELECT uid, COUNT(*) FROM s GROUP BY uid TIMEOUT INTERVAL '1' MINUTE";
  data.fingerprint = data.statement;
  data.incremental = incremental;
  OperatorCheckpoint& op = data.operators.emplace_back();
  op.name = "Timeout";
  op.values = state.declared.save_values();
  state.declared.save_key_groups(incremental, op.key_groups);
  state.declared.describe(op);
  return data;
}

using eddy::bench::remove_store;
std::string fresh_path() { return eddy::bench::fresh_store_path("operator"); }

void BM_OperatorCheckpointFull(benchmark::State& bench) {
  TimeoutLikeState state;
  for (uint32_t k = 0; k < kKeys; ++k) state.touch(k, Timestamp(k));
  const std::string path = fresh_path();
  auto store = std::move(CheckpointStore::open(path).value());
  for (auto _ : bench) {
    CheckpointData data = take(state, false);
    if (!store->write(data)) bench.SkipWithError("write failed");
  }
  bench.counters["keys"] = kKeys;
  store.reset();
  remove_store(path);
}
BENCHMARK(BM_OperatorCheckpointFull)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_OperatorCheckpointDelta1Percent(benchmark::State& bench) {
  TimeoutLikeState state;
  for (uint32_t k = 0; k < kKeys; ++k) state.touch(k, Timestamp(k));
  state.declared.track_changes();
  const std::string path = fresh_path();
  auto store = std::move(CheckpointStore::open(path).value());
  CheckpointData base = take(state, false);
  if (!store->write(base)) bench.SkipWithError("write failed");
  uint32_t next = 0;
  for (auto _ : bench) {
    bench.PauseTiming();
    for (uint32_t i = 0; i < kKeys / 100; ++i, next += 97) state.touch(next % kKeys, kKeys + next);
    bench.ResumeTiming();
    CheckpointData data = take(state, true);
    if (!store->write(data)) bench.SkipWithError("write failed");
  }
  store.reset();
  remove_store(path);
}
BENCHMARK(BM_OperatorCheckpointDelta1Percent)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_OperatorRestore(benchmark::State& bench) {
  const std::string path = fresh_path();
  {
    TimeoutLikeState state;
    for (uint32_t k = 0; k < kKeys; ++k) state.touch(k, Timestamp(k));
    auto store = std::move(CheckpointStore::open(path).value());
    CheckpointData data = take(state, false);
    if (!store->write(data)) bench.SkipWithError("write failed");
  }
  for (auto _ : bench) {
    auto store = std::move(CheckpointStore::open(path).value());
    std::vector<std::string> warnings;
    auto loaded = store->load_latest("1", warnings);
    if (!loaded || !loaded.value()) {
      bench.SkipWithError("load failed");
      break;
    }
    TimeoutLikeState restored;
    const OperatorCheckpoint& op = loaded.value()->operators[0];
    bool ok = bool(restored.declared.restore_values(op.values));
    restored.declared.reserve_keys(op.keys);
    for (const KeyGroupState& group : op.key_groups)
      ok = ok && bool(restored.declared.restore_key_group(group.bytes));
    ok = ok && bool(restored.declared.finish_restore());
    if (!ok || restored.keyed.key_count() != kKeys || restored.timers.event_timer_count() != kKeys)
      bench.SkipWithError("restore failed");
  }
  remove_store(path);
}
BENCHMARK(BM_OperatorRestore)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
