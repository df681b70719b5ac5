// Embedding eddy: create a stream over a CSV file, run a continuous query on it, and take its
// changes as they come (push style: a callback per chunk), then the query's counters.
// Usage: query_a_csv_file [logins.csv] (default: examples/data/logins.csv: run it from the
// repository root)
#include <cstdio>
#include <string>

#include "eddy/engine.h"

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : "examples/data/logins.csv";

  eddy::Engine engine;
  auto created = engine.execute(
      "CREATE STREAM logins (uid STRING, status STRING, ip STRING, ts TIMESTAMP(3),"
      "  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)"
      " WITH ('connector' = 'file', 'path' = '" +
      path +
      "', 'format' = 'csv',"
      "       'csv.header' = 'true')");
  if (!created) {
    std::fprintf(stderr, "error: %s\n", created.error().to_string().c_str());
    return 1;
  }

  auto outcome = engine.execute("SELECT uid, ts FROM logins WHERE status = 'fail'");
  if (!outcome) {
    std::fprintf(stderr, "error: %s\n", outcome.error().to_string().c_str());
    return 1;
  }
  eddy::Query& query = *outcome.value().query;

  // Push style: each chunk of changes arrives as it is produced.
  auto status = query.run([](const eddy::Chunk& chunk) {
    for (size_t row = 0; row < chunk.size(); ++row)
      std::printf("%s %s at %s\n", eddy::row_kind_symbol(chunk.kind(row)),
                  std::string(chunk.string_value(row, 0)).c_str(),
                  chunk.value(row, 1).to_string().c_str());
  });
  if (!status) {
    std::fprintf(stderr, "error: %s\n", status.error().to_string().c_str());
    return 1;
  }
  eddy::QueryStats stats = query.stats();
  std::printf("%llu rows read, %llu results, %llu late rows dropped\n",
              (unsigned long long)stats.rows_in, (unsigned long long)stats.rows_out,
              (unsigned long long)stats.late_rows);
  return 0;
}
