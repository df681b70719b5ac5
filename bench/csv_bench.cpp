// CSV parsing: the csv decoder (connectors/csv_decoder.cpp) over an in-memory buffer, into
// batches of 1024 rows, without the file source's reads. Reports MB/s (bytes_per_second) and
// rows/s (items_per_second) for the core benchmark's two-column events (uid STRING, ts TIMESTAMP)
// and a four-column mixed row (BIGINT, DOUBLE, STRING, TIMESTAMP).
// Run: build/bench/eddy_bench --benchmark_filter=Csv
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

#include "connectors/text_source.h"
#include "runtime/batch.h"

namespace {

using eddy::Batch;
using eddy::RecordDecoder;
using eddy::Schema;
using eddy::Type;

constexpr size_t kRows = 200'000;
constexpr size_t kBatchRows = 1024;

// "YYYY-MM-DD hh:mm:ss.mmm" for `ms` since 2024-01-01 within the day.
std::string time_text(int64_t ms) {
  char text[32];
  std::snprintf(text, sizeof text, "2024-01-01 %02d:%02d:%02d.%03d", int(ms / 3'600'000 % 24),
                int(ms / 60'000 % 60), int(ms / 1000 % 60), int(ms % 1000));
  return text;
}

std::string events_text() {
  std::string text = "uid,ts\n";
  uint64_t state = 1;
  for (size_t i = 0; i < kRows; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    text += "user_" + std::to_string((state >> 33) % 100'000) + "," +
            time_text(int64_t(i) + int64_t((state >> 20) % 3000)) + "\n";
  }
  return text;
}

std::string mixed_text() {
  std::string text = "id,price,name,ts\n";
  uint64_t state = 2;
  for (size_t i = 0; i < kRows; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    unsigned price = unsigned((state >> 33) % 10000);
    text += std::to_string(i) + "," + std::to_string(price / 100) + "." +
            std::to_string(price % 100) + ",user_" + std::to_string((state >> 20) % 100'000) + "," +
            time_text(int64_t(i) * 10) + "\n";
  }
  return text;
}

Schema schema_of(std::initializer_list<eddy::Field> fields) {
  Schema schema;
  schema.fields = fields;
  return schema;
}

// Decodes every record of `text` (a header first) in batches of kBatchRows.
void decode_all(benchmark::State& bench, const Schema& schema, const std::string& text) {
  // The decoder may read up to kPadding bytes past the end.
  std::string padded = text + std::string(RecordDecoder::kPadding, '\0');
  eddy::TextFormatOptions options;
  options.header = true;
  size_t rows = 0;
  for (auto _ : bench) {
    auto decoder = eddy::make_csv_decoder(schema, "bench.csv", options);
    Batch batch = Batch::with_schema(schema);
    const char* pos = padded.data();
    const char* end = padded.data() + text.size();
    rows = 0;
    while (pos < end) {
      if (decoder->decode(pos, end, true, batch) == RecordDecoder::Step::NeedMore) break;
      if (batch.rows >= kBatchRows) {
        rows += batch.rows;
        benchmark::DoNotOptimize(batch.columns[0].size());
        batch.clear();
      }
    }
    rows += batch.rows;
  }
  if (rows != kRows) bench.SkipWithError("decoded a different number of rows");
  bench.SetBytesProcessed(int64_t(bench.iterations() * text.size()));
  bench.SetItemsProcessed(int64_t(bench.iterations() * kRows));
}

void BM_CsvDecodeEvents(benchmark::State& bench) {
  static const std::string text = events_text();
  decode_all(bench, schema_of({{"uid", Type::string()}, {"ts", Type::timestamp()}}), text);
}
BENCHMARK(BM_CsvDecodeEvents)->Unit(benchmark::kMillisecond);

void BM_CsvDecodeMixed(benchmark::State& bench) {
  static const std::string text = mixed_text();
  decode_all(bench,
             schema_of({{"id", Type::int64()},
                        {"price", Type::float64()},
                        {"name", Type::string()},
                        {"ts", Type::timestamp()}}),
             text);
}
BENCHMARK(BM_CsvDecodeMixed)->Unit(benchmark::kMillisecond);

}  // namespace
