// Micro-benchmarks of the stateless path: a filter + project Calc over one batch, per row.
// Run: build/bench/eddy_bench --benchmark_filter=Calc
#include <benchmark/benchmark.h>

#include "eddy/engine.h"

namespace {

// Whole-query cost per row over datagen (no I/O): parse, plan once, then rows through
// Source -> WatermarkAssigner -> Calc -> result buffer.
void BM_CalcOverDatagen(benchmark::State& state) {
  const int64_t rows = 1'000'000;
  for (auto _ : state) {
    state.PauseTiming();
    eddy::EngineOptions options;
    options.batch_size = size_t(state.range(0));
    eddy::Engine engine(options);
    auto created = engine.execute(
        "CREATE STREAM g (id BIGINT, price DOUBLE, name STRING) WITH ('connector' = 'datagen', "
        "'rows-per-second' = '0', 'number-of-rows' = '" +
        std::to_string(rows) +
        "', "
        "'fields.price.min' = '0', 'fields.price.max' = '100')");
    auto outcome = engine.execute("SELECT id + 1, price * 2, UPPER(name) FROM g WHERE price > 50");
    if (!created || !outcome) state.SkipWithError("setup failed");
    state.ResumeTiming();
    uint64_t results = 0;
    auto status = outcome.value().query->run([&](const eddy::Chunk& c) { results += c.size(); });
    benchmark::DoNotOptimize(results);
  }
  state.SetItemsProcessed(state.iterations() * rows);
}
BENCHMARK(BM_CalcOverDatagen)->Arg(1024)->Arg(64)->Unit(benchmark::kMillisecond);

}  // namespace
