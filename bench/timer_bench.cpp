// Per-timer cost of the timer service (state/timer_service.h) at 10K and 1M keys, one timer
// per key at a random time within an hour ahead of the watermark.
// Run: build/bench/eddy_bench --benchmark_filter=Timer
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "state/timer_service.h"

namespace {

using eddy::KeyId;
using eddy::TimerService;
using eddy::Timestamp;

constexpr Timestamp kStart = 1'700'000'000'000;  // 2023, in ms
constexpr int64_t kHour = 3'600'000;

std::vector<Timestamp> random_offsets(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Timestamp> offsets(n);
  for (Timestamp& o : offsets) o = 1 + Timestamp(rng() % kHour);
  return offsets;
}

void start_at(TimerService& timers, Timestamp watermark) {
  timers.advance_watermark(watermark, [](KeyId, Timestamp, eddy::TimeDomain) {});
}

size_t fire_all(TimerService& timers, Timestamp until, int64_t step) {
  size_t fired = 0;
  for (Timestamp w = timers.current_watermark() + step; w < until + step; w += step) {
    timers.advance_watermark(w, [&](KeyId, Timestamp, eddy::TimeDomain) { ++fired; });
  }
  return fired;
}

// Registering into a service that has held as many timers before (steady state: the hash set
// and wheel slots are already sized).
void BM_TimerRegister(benchmark::State& state) {
  const size_t n = size_t(state.range(0));
  const std::vector<Timestamp> offsets = random_offsets(n, 1);
  TimerService timers;
  Timestamp base = kStart;
  start_at(timers, base);
  for (auto _ : state) {
    for (size_t k = 0; k < n; ++k) timers.register_event_timer(KeyId(k), base + offsets[k]);
    state.PauseTiming();
    base += kHour;
    benchmark::DoNotOptimize(fire_all(timers, base, kHour / 4));
    state.ResumeTiming();
  }
  state.SetItemsProcessed(int64_t(state.iterations() * n));
}
BENCHMARK(BM_TimerRegister)->Arg(10'000)->Arg(1'000'000);

// Registering into a fresh service: includes growing the hash set and the slot vectors, and
// first-touching their pages.
void BM_TimerRegisterCold(benchmark::State& state) {
  const size_t n = size_t(state.range(0));
  const std::vector<Timestamp> offsets = random_offsets(n, 1);
  for (auto _ : state) {
    state.PauseTiming();
    auto timers = std::make_unique<TimerService>();
    start_at(*timers, kStart);
    state.ResumeTiming();
    for (size_t k = 0; k < n; ++k) timers->register_event_timer(KeyId(k), kStart + offsets[k]);
    state.PauseTiming();
    timers.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(int64_t(state.iterations() * n));
}
BENCHMARK(BM_TimerRegisterCold)->Arg(10'000)->Arg(1'000'000);

// The timeout operator's pattern: every record moves its key's timer (delete the old one,
// register the new one). Deleted entries are swept lazily; the sweeps are included. Keys are
// visited in id order (arg 1 = 0) or in a random order (arg 1 = 1, records of random keys).
void BM_TimerMove(benchmark::State& state) {
  const size_t n = size_t(state.range(0));
  std::vector<Timestamp> current = random_offsets(n, 1);
  const std::vector<Timestamp> moves = random_offsets(4 * n + 1, 2);
  std::vector<KeyId> order(n);
  for (size_t k = 0; k < n; ++k) order[k] = KeyId(k);
  if (state.range(1) != 0) std::shuffle(order.begin(), order.end(), std::mt19937(4));
  TimerService timers;
  start_at(timers, kStart);
  for (Timestamp& t : current) t += kStart;
  for (size_t k = 0; k < n; ++k) timers.register_event_timer(KeyId(k), current[k]);
  size_t next_move = 0;
  for (auto _ : state) {
    for (KeyId key : order) {
      timers.delete_event_timer(key, current[key]);
      current[key] = kStart + moves[next_move];
      next_move = next_move + 1 == moves.size() ? 0 : next_move + 1;
      timers.register_event_timer(key, current[key]);
    }
  }
  state.SetItemsProcessed(int64_t(state.iterations() * n));
  state.counters["timers"] = double(timers.event_timer_count());
  state.counters["MB"] = double(timers.memory_bytes()) / 1e6;
}
BENCHMARK(BM_TimerMove)->Args({10'000, 0})->Args({1'000'000, 0})->Args({1'000'000, 1});

// Firing: the watermark advances through the hour in steps of `step` ms.
void BM_TimerFire(benchmark::State& state) {
  const size_t n = size_t(state.range(0));
  const int64_t step = state.range(1);
  const std::vector<Timestamp> offsets = random_offsets(n, 1);
  TimerService timers;
  Timestamp base = kStart;
  start_at(timers, base);
  size_t fired = 0;
  for (auto _ : state) {
    state.PauseTiming();
    for (size_t k = 0; k < n; ++k) timers.register_event_timer(KeyId(k), base + offsets[k]);
    state.ResumeTiming();
    base += kHour;
    fired += fire_all(timers, base, step);
  }
  if (fired != state.iterations() * n) state.SkipWithError("not every timer fired");
  state.SetItemsProcessed(int64_t(state.iterations() * n));
}
BENCHMARK(BM_TimerFire)->Args({10'000, 1000})->Args({1'000'000, 1000})->Args({1'000'000, 10});

// End of input: the watermark jumps to kMaxTimestamp and every timer fires at once.
void BM_TimerFireEndOfInput(benchmark::State& state) {
  const size_t n = size_t(state.range(0));
  const std::vector<Timestamp> offsets = random_offsets(n, 1);
  size_t fired = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto timers = std::make_unique<TimerService>();
    start_at(*timers, kStart);
    for (size_t k = 0; k < n; ++k) timers->register_event_timer(KeyId(k), kStart + offsets[k]);
    state.ResumeTiming();
    timers->advance_watermark(eddy::kMaxTimestamp,
                              [&](KeyId, Timestamp, eddy::TimeDomain) { ++fired; });
    state.PauseTiming();
    timers.reset();
    state.ResumeTiming();
  }
  if (fired != state.iterations() * n) state.SkipWithError("not every timer fired");
  state.SetItemsProcessed(int64_t(state.iterations() * n));
}
BENCHMARK(BM_TimerFireEndOfInput)->Arg(10'000)->Arg(1'000'000);

// Coalesced timers (seed §6): every key's timer on the same second, fired together.
void BM_TimerFireCoalesced(benchmark::State& state) {
  const size_t n = size_t(state.range(0));
  TimerService timers;
  Timestamp base = kStart;
  start_at(timers, base);
  std::mt19937 rng(3);
  std::vector<KeyId> keys(n);
  for (size_t k = 0; k < n; ++k) keys[k] = KeyId(k);
  std::shuffle(keys.begin(), keys.end(), rng);
  size_t fired = 0;
  for (auto _ : state) {
    state.PauseTiming();
    base += 1000;
    for (KeyId key : keys) timers.register_event_timer(key, base);
    state.ResumeTiming();
    timers.advance_watermark(base, [&](KeyId, Timestamp, eddy::TimeDomain) { ++fired; });
  }
  if (fired != state.iterations() * n) state.SkipWithError("not every timer fired");
  state.SetItemsProcessed(int64_t(state.iterations() * n));
}
BENCHMARK(BM_TimerFireCoalesced)->Arg(10'000)->Arg(1'000'000);

// Checkpointing: snapshot() and restore() of n pending timers, per timer.
void BM_TimerSnapshot(benchmark::State& state) {
  const size_t n = size_t(state.range(0));
  const std::vector<Timestamp> offsets = random_offsets(n, 1);
  TimerService timers;
  start_at(timers, kStart);
  for (size_t k = 0; k < n; ++k) timers.register_event_timer(KeyId(k), kStart + offsets[k]);
  for (auto _ : state) benchmark::DoNotOptimize(timers.snapshot());
  state.SetItemsProcessed(int64_t(state.iterations() * n));
}
BENCHMARK(BM_TimerSnapshot)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_TimerRestore(benchmark::State& state) {
  const size_t n = size_t(state.range(0));
  const std::vector<Timestamp> offsets = random_offsets(n, 1);
  TimerService source;
  start_at(source, kStart);
  for (size_t k = 0; k < n; ++k) source.register_event_timer(KeyId(k), kStart + offsets[k]);
  const std::string blob = source.snapshot();
  for (auto _ : state) {
    TimerService timers;
    if (!timers.restore(blob)) state.SkipWithError("restore failed");
    benchmark::DoNotOptimize(timers.event_timer_count());
  }
  state.SetItemsProcessed(int64_t(state.iterations() * n));
}
BENCHMARK(BM_TimerRestore)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
