// The interval join's probe and expiry (operators/interval_join.h), without sources or planning:
// the operator is fed synthetic batches of 1024 rows, alternately left and right, in event-time
// order (one row per ms per side), over 10K and 200K keys, with the core benchmark's bound
// (right.ts - left.ts in [-1 s, +10 s]) and each side's watermark at its latest row. Reports
// events/s (rows of both sides) and the pairs emitted.
// Run: build/bench/eddy_bench --benchmark_filter=IntervalJoin
#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

#include "operators/interval_join.h"

namespace {

using eddy::Batch;
using eddy::Schema;
using eddy::Timestamp;
using eddy::Type;

constexpr size_t kBatchRows = 1024;
constexpr size_t kRowsPerSide = 1 << 19;
constexpr Timestamp kStart = 1'704'067'200'000;  // 2024-01-01

Schema side_schema(const char* value) {
  Schema schema;
  schema.fields = {
      {"k", Type::int64(), false}, {"ts", Type::timestamp(), false}, {value, Type::int64(), false}};
  schema.rowtime = 1;
  return schema;
}

eddy::JoinConfig join_config() {
  eddy::JoinConfig c;
  c.type = eddy::JoinType::Inner;
  c.left = side_schema("v");
  c.right = side_schema("w");
  c.output = c.left;
  for (const auto& f : c.right.fields) c.output.fields.push_back(f);
  c.left_keys.push_back(eddy::make_column_ref(0, c.left[0]));
  c.right_keys.push_back(eddy::make_column_ref(0, c.right[0]));
  c.key_text = "l.k = r.k";
  c.bounded = true;
  c.left_time = c.right_time = 1;
  c.lower = -1000;
  c.upper = 10'000;
  c.watermark_delay = 10'001;  // as the planner picks it: no output row late
  return c;
}

struct CountingOutput final : eddy::Output {
  uint64_t rows = 0;
  void emit(Batch& batch) override { rows += batch.size(); }
  void watermark(Timestamp) override {}
  void finish() override {}
};

// Both sides' batches: side s's row i has time kStart + i ms and a random key.
std::vector<Batch> side_batches(const char* value, size_t keys, uint64_t seed) {
  std::vector<Batch> batches;
  uint64_t state = seed;
  for (size_t first = 0; first < kRowsPerSide; first += kBatchRows) {
    Batch batch = Batch::with_schema(side_schema(value));
    for (size_t i = first; i < first + kBatchRows; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      batch.columns[0].append_int(int64_t((state >> 33) % keys));
      batch.columns[1].append_int(kStart + Timestamp(i));
      batch.columns[2].append_int(int64_t(i));
      ++batch.rows;
    }
    batches.push_back(std::move(batch));
  }
  return batches;
}

void BM_IntervalJoin(benchmark::State& bench) {
  const size_t keys = size_t(bench.range(0));
  const std::vector<Batch> left = side_batches("v", keys, 11);
  const std::vector<Batch> right = side_batches("w", keys, 13);
  uint64_t pairs = 0;
  for (auto _ : bench) {
    bench.PauseTiming();
    eddy::IntervalJoin join(join_config());
    CountingOutput out;
    std::vector<Batch> inputs[2] = {left, right};  // the operator may consume its input
    bench.ResumeTiming();
    Timestamp side_watermark[2] = {eddy::kMinTimestamp, eddy::kMinTimestamp};
    Timestamp combined = eddy::kMinTimestamp;
    for (size_t b = 0; b < left.size(); ++b) {
      for (int port = 0; port < 2; ++port) {
        Batch& batch = inputs[port][b];
        batch.arrival_watermark.assign(batch.size(), combined);
        const Timestamp last = batch.columns[1].ints.back();
        join.on_batch(batch, port, out);
        side_watermark[port] = last;
        join.on_input_watermark(port, last);
        const Timestamp low = std::min(side_watermark[0], side_watermark[1]);
        if (low > combined) join.on_watermark(combined = low, out);
      }
    }
    join.on_input_watermark(0, eddy::kMaxTimestamp);
    join.on_input_watermark(1, eddy::kMaxTimestamp);
    join.on_watermark(eddy::kMaxTimestamp, out);
    join.on_end(out);
    pairs = out.rows;
  }
  bench.counters["pairs"] = double(pairs);
  bench.SetItemsProcessed(int64_t(bench.iterations() * 2 * kRowsPerSide));
}
BENCHMARK(BM_IntervalJoin)->Arg(10'000)->Arg(200'000)->Unit(benchmark::kMillisecond);

}  // namespace
