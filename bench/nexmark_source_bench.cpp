// Micro-benchmarks of the nexmark connector alone: rows of each kind generated into batches of
// 1024, per row (no query, no operators). The bid is the one that matters: 46 of 50 events.
// Run: build/bench/eddy_bench --benchmark_filter=Nexmark
#include <benchmark/benchmark.h>

#include "connectors/connector.h"
#include "connectors/nexmark_generator.h"

namespace {

void BM_NexmarkSource(benchmark::State& state) {
  const auto kind = static_cast<eddy::nexmark::Kind>(state.range(0));
  eddy::ConnectorContext context;
  for (const auto& f : eddy::nexmark::fields_of(kind))
    context.schema.fields.push_back({f.name, f.type, true});
  context.options = {{"connector", "nexmark"}, {"nexmark.table", eddy::nexmark::kind_name(kind)}};
  auto source = eddy::open_source(context);
  if (!source) {
    state.SkipWithError(source.error().message.c_str());
    return;
  }
  eddy::Batch batch = eddy::Batch::with_schema(context.schema);
  uint64_t rows = 0;
  for (auto _ : state) {
    batch.clear();
    source.value()->next(batch, 1024);
    rows += batch.rows;
    benchmark::DoNotOptimize(batch.columns[0].size());
  }
  state.SetItemsProcessed(int64_t(rows));
  state.SetLabel(eddy::nexmark::kind_name(kind));
}
BENCHMARK(BM_NexmarkSource)->Arg(0)->Arg(1)->Arg(2);

}  // namespace
