// End-to-end throughput harness: runs queries through the embedding API over `datagen` and over a
// generated CSV file — filter + project, count with timeout, and joins of two datagen streams
// (interval INNER, NOT EXISTS anti, regular with a state TTL) — and prints events/second (rows
// read from all inputs). Not a test: run it by hand (`make bench` or build/bench/eddy_e2e
// --help) and compare ratios, the machine is noisy.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

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

// Two streams of `rows` / 2 rows each over `keys` keys, interleaved in event time: a row of `ja`
// every 2 ms from 00:00:00, a row of `jb` every 2 ms from 00:00:00.001 (500 rows/s each).
std::string join_streams_ddl(uint64_t rows, int64_t keys) {
  std::string ddl;
  for (const char* name : {"ja", "jb"}) {
    bool is_b = name[1] == 'b';
    ddl += fmt::format(
        "CREATE STREAM {} (k BIGINT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - "
        "INTERVAL '1' SECOND) WITH ('connector' = 'datagen', 'rows-per-second' = '0', "
        "'number-of-rows' = '{}', 'seed' = '{}', 'fields.k.min' = '1', 'fields.k.max' = '{}', "
        "'fields.ts.kind' = 'sequence', 'fields.ts.start' = '2024-01-01 00:00:00{}', "
        "'fields.ts.step' = '2 ms');\n",
        name, rows / 2, is_b ? 2 : 1, keys, is_b ? ".001" : "");
  }
  return ddl;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t rows = 10'000'000;
  std::string csv;
  std::vector<std::string> only;  // substrings of case names; empty: every case
  const char* usage =
      "usage: eddy_e2e [--rows N] [--csv PATH] [--only NAME[,NAME...]]\n"
      "  N rows of datagen and of csv (joins: N/2 per input); --only runs the cases whose name\n"
      "  contains one of the NAMEs (e.g. --only join, --only anti,csv)\n";
  for (int i = 1; i < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--help" || flag == "-h" || i + 1 >= argc) {
      fmt::print(flag == "--help" || flag == "-h" ? stdout : stderr, "{}", usage);
      return flag == "--help" || flag == "-h" ? 0 : 2;
    }
    if (flag == "--rows") {
      rows = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (flag == "--csv") {
      csv = argv[i + 1];
    } else if (flag == "--only") {
      std::string list = argv[i + 1];
      for (size_t start = 0; start <= list.size();) {
        size_t comma = std::min(list.find(',', start), list.size());
        if (comma > start) only.push_back(list.substr(start, comma - start));
        start = comma + 1;
      }
    } else {
      fmt::print(stderr, "unknown option {}\n{}", flag, usage);
      return 2;
    }
  }
  if (csv.empty()) csv = fmt::format("/tmp/eddy_e2e_{}.csv", rows);  // regenerated per size
  auto selected = [&](const std::string& name) {
    if (only.empty()) return true;
    for (const auto& part : only)
      if (name.find(part) != std::string::npos) return true;
    return false;
  };

  eddy::Engine engine;
  auto check = [](const auto& r) {
    if (!r) fmt::print(stderr, "error: {}\n", r.error().to_string()), std::exit(1);
  };
  if (selected("datagen filter+project")) {
    check(engine.execute(fmt::format(
        "CREATE STREAM gen (id BIGINT, price DOUBLE, name STRING, ts TIMESTAMP(3)) WITH ("
        "'connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '{}', "
        "'fields.price.min' = '0', 'fields.price.max' = '100', 'fields.name.length' = '8')",
        rows)));
    report("datagen filter+project", run_query(engine, fmt::format(fmt::runtime(kQuery), "gen")));
  }

  // The seed's count-with-timeout at two key counts: every row is buffered, applied in event
  // time and moves its key's timeout timer.
  for (int64_t keys : {10'000, 1'000'000}) {
    std::string what = fmt::format("timeout {} keys", keys);
    if (!selected(what)) continue;
    std::string name = fmt::format("timeout_{}", keys);
    check(engine.execute(fmt::format(
        "CREATE STREAM {} (uid BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' "
        "SECOND) WITH ('connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '{}', "
        "'fields.uid.min' = '0', 'fields.uid.max' = '{}', 'fields.ts.kind' = 'sequence', "
        "'fields.ts.start' = '2024-01-01 00:00:00', 'fields.ts.step' = '1 ms')",
        name, rows, keys - 1)));
    report(what.c_str(),
           run_query(engine, fmt::format("SELECT uid, COUNT(*), TIMEOUT_TIME() FROM {} GROUP BY "
                                         "uid TIMEOUT INTERVAL '1' MINUTE",
                                         name)));
  }

  // Joins of two streams over 10K keys (events: the rows of both). The two-stream UNION ALL is
  // the baseline: the same event-time merge of the inputs, no join.
  struct JoinCase {
    const char* name;
    const char* sql;
    const char* ttl;  // 'state.ttl' (event time) for the query, or nullptr
  };
  const JoinCase join_cases[] = {
      {"union all (join baseline)", "SELECT k, ts FROM ja UNION ALL SELECT k, ts FROM jb", nullptr},
      {"join inner interval 2 s",
       "SELECT ja.k, ja.v, jb.v AS w, jb.ts FROM ja JOIN jb ON ja.k = jb.k "
       "AND jb.ts BETWEEN ja.ts AND ja.ts + INTERVAL '2' SECOND",
       nullptr},
      {"join anti (NOT EXISTS) 2 s",
       "SELECT * FROM ja WHERE NOT EXISTS (SELECT 1 FROM jb WHERE jb.k = ja.k "
       "AND jb.ts BETWEEN ja.ts AND ja.ts + INTERVAL '2' SECOND)",
       nullptr},
      {"join inner regular ttl 2 s", "SELECT ja.k, ja.v, jb.v AS w FROM ja JOIN jb ON ja.k = jb.k",
       "2 s"},
  };
  bool joins_created = false;
  for (const JoinCase& c : join_cases) {
    if (!selected(c.name)) continue;
    if (!joins_created) check(engine.execute(join_streams_ddl(rows, 10'000)));
    joins_created = true;
    check(engine.set("state.ttl", c.ttl ? c.ttl : "0"));
    check(engine.set("state.ttl.time", "event"));
    report(c.name, run_query(engine, c.sql));
  }
  check(engine.set("state.ttl", "0"));

  // Throughput with a checkpoint every 10 s (processing time) against none.
  for (const char* interval : {"", "10 s"}) {
    std::string what = fmt::format("checkpointing timeout {}", *interval ? interval : "none");
    if (!selected(what)) continue;
    std::string dir = std::filesystem::temp_directory_path() / "eddy_e2e_ckpt";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    eddy::Engine checkpointing;
    if (*interval) {
      check(checkpointing.set("checkpoint.path", dir + "/ck.db"));
      check(checkpointing.set("checkpoint.interval", interval));
    }
    check(checkpointing.execute(fmt::format(
        "CREATE STREAM t (uid BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' "
        "SECOND) WITH ('connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = "
        "'{}', 'fields.uid.min' = '0', 'fields.uid.max' = '99999', 'fields.ts.kind' = "
        "'sequence', 'fields.ts.start' = '2024-01-01 00:00:00', 'fields.ts.step' = '1 ms')",
        rows)));
    report(what.c_str(), run_query(checkpointing, "SELECT uid, COUNT(*), TIMEOUT_TIME() FROM t "
                                                  "GROUP BY uid TIMEOUT INTERVAL '1' MINUTE"));
    std::filesystem::remove_all(dir);
  }

  if (selected("csv filter+project")) {
    make_csv(csv, rows);
    check(engine.execute(fmt::format(
        "CREATE STREAM file_in (id BIGINT, price DOUBLE, name STRING, ts TIMESTAMP(3), "
        "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'file', 'path' = "
        "'{}', 'format' = 'csv', 'csv.header' = 'true')",
        csv)));
    double bytes = double(std::filesystem::file_size(csv));
    report("csv filter+project", run_query(engine, fmt::format(fmt::runtime(kQuery), "file_in")),
           bytes);
  }
  return 0;
}
