// End-to-end throughput harness: runs a filter + project query through the embedding API over
// `datagen` and over a generated CSV file, and prints events/second. Not a test: run it by hand
// (`make bench` or build/bench/eddy_e2e --help) and compare ratios, the machine is noisy.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "eddy/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Run {
  uint64_t events = 0;
  uint64_t results = 0;
  double seconds = 0;
};

Run run_query(eddy::Engine& engine, const std::string& sql) {
  auto outcome = engine.execute(sql);
  if (!outcome || !outcome.value().query) {
    fmt::print(stderr, "error: {}\n", outcome ? "not a query" : outcome.error().to_string());
    std::exit(1);
  }
  eddy::Query& query = *outcome.value().query;
  Run run;
  auto start = Clock::now();
  auto status = query.run([&](const eddy::Chunk& chunk) { run.results += chunk.size(); });
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!status) {
    fmt::print(stderr, "error: {}\n", status.error().to_string());
    std::exit(1);
  }
  run.events = query.stats().rows_in;
  return run;
}

void report(const char* what, const Run& run, double bytes = 0) {
  fmt::print("{:<28} {:>12} events  {:>8.3f} s  {:>12.0f} events/s", what, run.events, run.seconds,
             run.events / run.seconds);
  if (bytes > 0) fmt::print("  {:>7.1f} MB/s", bytes / 1e6 / run.seconds);
  fmt::print("  ({} results)\n", run.results);
}

// Writes `rows` lines of id,price,name,ts (about 50 bytes a line) unless the file exists.
void make_csv(const std::string& path, uint64_t rows) {
  if (std::filesystem::exists(path)) return;
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) {
    fmt::print(stderr, "error: cannot write {}\n", path);
    std::exit(1);
  }
  std::fputs("id,price,name,ts\n", f);
  uint64_t state = 42;
  for (uint64_t i = 0; i < rows; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    unsigned price = (state >> 33) % 10000;
    int64_t ms = 1700000000000LL + int64_t(i) * 10;
    std::time_t secs = ms / 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    std::fprintf(f, "%llu,%u.%02u,user_%llu,%04d-%02d-%02d %02d:%02d:%02d.%03d\n",
                 (unsigned long long)i, price / 100, price % 100,
                 (unsigned long long)((state >> 20) % 100000), tm.tm_year + 1900, tm.tm_mon + 1,
                 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, int(ms % 1000));
  }
  std::fclose(f);
}

// Keeps about half the rows: price is uniform in [0, 100) in both inputs.
const char* kQuery =
    "SELECT id, price * 1.1 AS gross, UPPER(name) AS name, ts FROM {} "
    "WHERE price > 50 AND name <> 'nobody'";

}  // namespace

int main(int argc, char** argv) {
  uint64_t rows = 10'000'000;
  std::string csv;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--rows")
      rows = std::strtoull(argv[i + 1], nullptr, 10);
    else if (flag == "--csv")
      csv = argv[i + 1];
  }
  if (csv.empty()) csv = fmt::format("/tmp/eddy_e2e_{}.csv", rows);  // regenerated per size
  if (argc > 1 && std::string(argv[1]) == "--help") {
    fmt::print("usage: eddy_e2e [--rows N] [--csv PATH]   (N rows of datagen and of csv)\n");
    return 0;
  }

  eddy::Engine engine;
  auto check = [](const eddy::Result<eddy::Outcome>& r) {
    if (!r) fmt::print(stderr, "error: {}\n", r.error().to_string()), std::exit(1);
  };
  check(engine.execute(fmt::format(
      "CREATE STREAM gen (id BIGINT, price DOUBLE, name STRING, ts TIMESTAMP(3)) WITH ("
      "'connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '{}', "
      "'fields.price.min' = '0', 'fields.price.max' = '100', 'fields.name.length' = '8')",
      rows)));
  report("datagen filter+project", run_query(engine, fmt::format(fmt::runtime(kQuery), "gen")));

  // The seed's count-with-timeout at two key counts: every row is buffered, applied in event
  // time and moves its key's timeout timer.
  for (int64_t keys : {10'000, 1'000'000}) {
    std::string name = fmt::format("timeout_{}", keys);
    check(engine.execute(fmt::format(
        "CREATE STREAM {} (uid BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' "
        "SECOND) WITH ('connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '{}', "
        "'fields.uid.min' = '0', 'fields.uid.max' = '{}', 'fields.ts.kind' = 'sequence', "
        "'fields.ts.start' = '2024-01-01 00:00:00', 'fields.ts.step' = '1 ms')",
        name, rows, keys - 1)));
    report(fmt::format("timeout {} keys", keys).c_str(),
           run_query(engine, fmt::format("SELECT uid, COUNT(*), TIMEOUT_TIME() FROM {} GROUP BY "
                                         "uid TIMEOUT INTERVAL '1' MINUTE",
                                         name)));
  }

  make_csv(csv, rows);
  check(engine.execute(fmt::format(
      "CREATE STREAM file_in (id BIGINT, price DOUBLE, name STRING, ts TIMESTAMP(3), "
      "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'file', 'path' = '{}', "
      "'format' = 'csv', 'csv.header' = 'true')",
      csv)));
  double bytes = double(std::filesystem::file_size(csv));
  report("csv filter+project", run_query(engine, fmt::format(fmt::runtime(kQuery), "file_in")),
         bytes);
  return 0;
}
