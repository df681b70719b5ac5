// CSV and JSON lines writing: the file sink's row text (runtime/row_text_writer.h) for batches of
// 1024 rows, against the cell-by-cell loop it replaced (append_csv_value / append_json_value per
// cell), for the core benchmark's two outputs: the timeout query's (uid STRING, n BIGINT,
// idle_at TIMESTAMP) and the tumble query's (uid STRING, ws TIMESTAMP, we TIMESTAMP, n BIGINT).
// Reports rows/s (items_per_second) and MB/s written (bytes_per_second).
// Run: build/bench/eddy_bench --benchmark_filter='CsvWrite|JsonWrite'
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "runtime/batch.h"
#include "runtime/row_text_writer.h"
#include "runtime/text_format.h"

namespace {

using eddy::Batch;
using eddy::Column;
using eddy::RowTextWriter;
using eddy::Type;

constexpr size_t kBatchRows = 1024;
constexpr size_t kBatches = 200;
constexpr int64_t kBase = 1'704'067'200'000;  // 2024-01-01 00:00:00

// The JSON keys of the timeout query's output.
const std::vector<std::string> kTimeoutNames = {"uid", "n", "idle_at"};

// kBatches batches of user ids ("user_<n>"), counts and timestamps a few ms apart.
std::vector<Batch> output_batches(bool tumble) {
  std::vector<Batch> batches;
  uint64_t state = 3;
  for (size_t b = 0; b < kBatches; ++b) {
    Batch batch;
    batch.columns.emplace_back(Type::string());
    if (tumble) {
      batch.columns.emplace_back(Type::timestamp());
      batch.columns.emplace_back(Type::timestamp());
    }
    batch.columns.emplace_back(Type::int64());
    if (!tumble) batch.columns.emplace_back(Type::timestamp());
    for (size_t r = 0; r < kBatchRows; ++r) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const int64_t row = int64_t(b * kBatchRows + r);
      batch.columns[0].append_string("user_" + std::to_string((state >> 33) % 100'000));
      const int64_t count = int64_t((state >> 20) % 50) + 1;
      if (tumble) {
        const int64_t start = kBase + row / 4096 * 10'000;  // a window's rows are written together
        batch.columns[1].append_int(start);
        batch.columns[2].append_int(start + 10'000);
        batch.columns[3].append_int(count);
      } else {
        batch.columns[1].append_int(count);
        batch.columns[2].append_int(kBase + row * 3 + int64_t((state >> 40) % 5000));
      }
    }
    batch.rows = kBatchRows;
    batches.push_back(std::move(batch));
  }
  return batches;
}

// The file sink's loop before the batch writer.
void csv_by_cell(std::string& out, const Batch& batch) {
  for (size_t row = 0; row < batch.rows; ++row) {
    for (size_t c = 0; c < batch.columns.size(); ++c) {
      if (c > 0) out += ',';
      eddy::append_csv_value(out, batch.columns[c], row);
    }
    out += '\n';
  }
}

void json_by_cell(std::string& out, const Batch& batch, const std::vector<std::string>& keys) {
  for (size_t row = 0; row < batch.rows; ++row) {
    out += '{';
    for (size_t c = 0; c < batch.columns.size(); ++c) {
      if (c > 0) out += ',';
      out += keys[c];
      eddy::append_json_value(out, batch.columns[c], row);
    }
    out += "}\n";
  }
}

// Writes every batch into one reused buffer, emptied as the sink empties it with each write(2).
template <class Write>
void write_all(benchmark::State& bench, const std::vector<Batch>& batches, Write&& write) {
  std::string out;
  size_t bytes = 0;
  for (auto _ : bench) {
    bytes = 0;
    for (const Batch& batch : batches) {
      out.clear();
      write(out, batch);
      bytes += out.size();
      benchmark::DoNotOptimize(out.data());
    }
  }
  bench.SetBytesProcessed(int64_t(bench.iterations() * bytes));
  bench.SetItemsProcessed(int64_t(bench.iterations() * kBatches * kBatchRows));
}

void BM_CsvWrite(benchmark::State& bench, bool tumble, bool by_batch) {
  static const std::vector<Batch> timeout = output_batches(false), windows = output_batches(true);
  RowTextWriter writer = RowTextWriter::csv(',', '"', "", false);
  write_all(bench, tumble ? windows : timeout, [&](std::string& out, const Batch& batch) {
    if (by_batch)
      writer.append_rows(out, batch, 0, batch.rows);
    else
      csv_by_cell(out, batch);
  });
}
BENCHMARK_CAPTURE(BM_CsvWrite, TimeoutOutputByCell, false, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CsvWrite, TimeoutOutputByBatch, false, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CsvWrite, TumbleOutputByCell, true, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CsvWrite, TumbleOutputByBatch, true, true)->Unit(benchmark::kMillisecond);

void BM_JsonWrite(benchmark::State& bench, bool by_batch) {
  static const std::vector<Batch> timeout = output_batches(false);
  std::vector<std::string> keys;
  for (const std::string& name : kTimeoutNames) {
    std::string key;
    eddy::append_json_string(key, name);
    keys.push_back(key + ':');
  }
  RowTextWriter writer = RowTextWriter::json_lines(kTimeoutNames, false);
  write_all(bench, timeout, [&](std::string& out, const Batch& batch) {
    if (by_batch)
      writer.append_rows(out, batch, 0, batch.rows);
    else
      json_by_cell(out, batch, keys);
  });
}
BENCHMARK_CAPTURE(BM_JsonWrite, TimeoutOutputByCell, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_JsonWrite, TimeoutOutputByBatch, true)->Unit(benchmark::kMillisecond);

}  // namespace
