// The benchmark table (`make bench`, docs/benchmarks.md): runs queries through the embedding API,
// each case in a forked child process, and prints per case its input events, seconds (wall and
// the child's CPU), events/s, peak memory (the child's max RSS), result rows, and the issue's
// target with the ratio to it where there is one. Cases:
// - core: the file workloads of issue 10 over a generated CSV of out-of-order events (scan, an
//   unbounded GROUP BY, GROUP BY ... TIMEOUT, TUMBLE, an interval join of two files);
// - nexmark: every examples/nexmark query file present, on the nexmark generator;
// - datagen / join / checkpoint / csv: earlier throughput cases (filter + project, timeout at two
//   key counts, joins of two interleaved streams, checkpointing on and off).
// Not a test: the machine is noisy, compare ratios; --repeat N keeps the best of N runs.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "e2e_child.h"
#include "e2e_data.h"
#include "eddy/engine.h"

namespace {

using eddy::bench::Measured;
using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const std::string& message) {
  fmt::print(stderr, "error: {}\n", message);
  std::fflush(stderr);
  _exit(1);
}

template <class R>
void check(const R& result, const std::string& context) {
  if (!result) fail(context + ": " + result.error().to_string());
}

// Executes `script` (every statement; the last must be a query) and runs its query to the end.
// `events` 0: the query's rows read from its sources.
Measured run_script(eddy::Engine& engine, const std::string& script, uint64_t events = 0) {
  auto outcome = engine.execute(script);
  check(outcome, "executing");
  if (!outcome.value().query) fail("the script does not end in a query");
  eddy::Query& query = *outcome.value().query;
  Measured measured;
  uint64_t delivered = 0;
  auto start = Clock::now();
  auto status = query.run([&](const eddy::Chunk& chunk) { delivered += chunk.size(); });
  measured.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  check(status, "running");
  eddy::QueryStats stats = query.stats();
  measured.events = events ? events : stats.rows_in;
  measured.results = std::max<uint64_t>(delivered, stats.rows_out);
  return measured;
}

struct Case {
  Case(std::string name_, std::function<void()> prepare_, std::function<Measured()> run_,
       double target_ = 0, std::string note_ = {})
      : name(std::move(name_)),
        prepare(std::move(prepare_)),
        run(std::move(run_)),
        target(target_),
        note(std::move(note_)) {}
  std::string name;
  std::function<void()> prepare;  // in the parent, untimed: writes input files
  std::function<Measured()> run;  // in the child
  double target = 0;              // events/s the issue asks for; 0: none
  std::string note;               // printed after the row
};

struct Options {
  uint64_t rows = 3'000'000;  // core, datagen and csv cases
  uint64_t nexmark_events = 10'000'000;
  int repeat = 1;
  std::vector<std::string> only;
  std::string csv_out;
  std::string nexmark_dir = EDDY_SOURCE_DIR "/examples/nexmark";
  std::vector<std::string> parallelism;  // --parallelism: each case at each
};

// 'parallelism' for the case's engine being run ("": the engine's default).
std::string g_parallelism;

eddy::EngineOptions engine_options() {
  eddy::EngineOptions options;
  if (!g_parallelism.empty()) options.settings["parallelism"] = g_parallelism;
  return options;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// ---- core file workloads (issue 10's table)

std::string events_stream(const std::string& name, const std::string& path) {
  return fmt::format(
      "CREATE STREAM {} (uid STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '3' "
      "SECOND) WITH ('connector' = 'file', 'path' = '{}', 'format' = 'csv', 'csv.header' = "
      "'true');\n",
      name, path);
}

std::string csv_sink(const std::string& name, const std::string& columns) {
  return fmt::format(
      "CREATE STREAM {} ({}) WITH ('connector' = 'file', 'path' = '{}/{}.csv', 'format' = 'csv', "
      "'csv.header' = 'true');\n",
      name, columns, eddy::bench::data_dir(), name);
}

std::string blackhole(const std::string& name, const std::string& columns) {
  return fmt::format("CREATE STREAM {} ({}) WITH ('connector' = 'blackhole');\n", name, columns);
}

void add_core_cases(const Options& o, std::vector<Case>& cases) {
  const uint64_t rows = o.rows;
  auto events = [rows] { eddy::bench::core_events_csv(rows); };
  auto events_sql = [rows] { return events_stream("events", eddy::bench::core_events_csv(rows)); };
  auto file_case = [&](std::string name, std::string sql) {
    cases.push_back({"core " + name, events, [events_sql, sql] {
                       eddy::Engine engine(engine_options());
                       return run_script(engine, events_sql() + sql);
                     }});
  };
  file_case("scan", blackhole("out_scan", "uid STRING, ts TIMESTAMP(3)") +
                        "INSERT INTO out_scan SELECT uid, ts FROM events");
  file_case("group by", blackhole("out_group", "uid STRING, n BIGINT") +
                            "INSERT INTO out_group SELECT uid, COUNT(*) FROM events GROUP BY uid");
  file_case("timeout 5 s", csv_sink("out_timeout", "uid STRING, n BIGINT, idle_at TIMESTAMP(3)") +
                               "INSERT INTO out_timeout SELECT uid, COUNT(*), TIMEOUT_TIME() "
                               "FROM events GROUP BY uid TIMEOUT INTERVAL '5' SECOND");
  file_case("tumble 10 s",
            csv_sink("out_tumble",
                     "uid STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT") +
                "INSERT INTO out_tumble SELECT uid, window_start, window_end, COUNT(*) FROM "
                "TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND)) "
                "GROUP BY uid, window_start, window_end");
  cases.push_back(
      {"core interval join",
       [rows] { eddy::bench::join_left_csv(rows), eddy::bench::join_right_csv(rows); },
       [rows] {
         eddy::Engine engine(engine_options());
         return run_script(
             engine,
             events_stream("a", eddy::bench::join_left_csv(rows)) +
                 events_stream("b", eddy::bench::join_right_csv(rows)) +
                 csv_sink("out_join", "uid STRING, a_ts TIMESTAMP(3), b_ts TIMESTAMP(3)") +
                 "INSERT INTO out_join SELECT a.uid, a.ts, b.ts FROM a JOIN b ON a.uid = b.uid "
                 "AND b.ts BETWEEN a.ts - INTERVAL '1' SECOND AND a.ts + INTERVAL '10' SECOND");
       }});
}

// ---- nexmark: examples/nexmark/<query>.sql on examples/nexmark/ddl.sql

// The generator's options as ddl.sql (or a self-contained query file) sets them.
std::string option_value(const std::string& sql, const std::string& key) {
  std::smatch match;
  std::regex pattern("'" + key + "'\\s*=\\s*'([^']*)'");
  return std::regex_search(sql, match, pattern) ? match[1].str() : "";
}

// The script with every 'events' option set to `events`.
std::string with_events(const std::string& sql, uint64_t events) {
  return std::regex_replace(sql, std::regex("'events'(\\s*)=(\\s*)'[0-9]*'"),
                            fmt::format("'events'$1=$2'{}'", events));
}

double nexmark_target(const std::string& query) {
  if (query == "q0" || query == "q1" || query == "q2") return 10e6;
  if (query == "q5" || query == "q11") return 4e6;
  if (query == "q7" || query == "q8") return 2e6;
  if (query == "timeout") return 4e6;
  return 0;
}

void add_nexmark_cases(const Options& o, std::vector<Case>& cases) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(o.nexmark_dir)) return;
  const std::string ddl_path = o.nexmark_dir + "/ddl.sql";
  const std::string ddl = fs::exists(ddl_path) ? read_text(ddl_path) : "";
  std::vector<std::string> queries;
  for (const auto& entry : fs::directory_iterator(o.nexmark_dir)) {
    std::string stem = entry.path().stem().string();
    if (entry.path().extension() == ".sql" && stem != "ddl") queries.push_back(stem);
  }
  // q0, q1, ..., q12 in numeric order, then the rest by name.
  auto rank = [](const std::string& q) {
    return q.size() > 1 && q[0] == 'q' && std::isdigit(static_cast<unsigned char>(q[1]))
               ? std::atoi(q.c_str() + 1)
               : 1000;
  };
  std::sort(queries.begin(), queries.end(), [&](const std::string& a, const std::string& b) {
    return rank(a) != rank(b) ? rank(a) < rank(b) : a < b;
  });
  for (const std::string& query : queries) {
    std::string text = read_text(o.nexmark_dir + "/" + query + ".sql");
    // A query file that declares its own streams runs alone; otherwise after ddl.sql.
    bool self_contained = text.find("'nexmark'") != std::string::npos;
    std::string script = with_events(self_contained ? text : ddl + "\n" + text, o.nexmark_events);
    std::string rate = option_value(script, "event-rate");
    std::string note = fmt::format("generator: {} events, {} events/s of event time",
                                   o.nexmark_events, rate.empty() ? "default" : rate);
    uint64_t events = o.nexmark_events;
    cases.push_back({"nexmark " + query, nullptr,
                     [script, events] {
                       eddy::Engine engine(engine_options());
                       return run_script(engine, script, events);
                     },
                     nexmark_target(query), note});
  }
}

// ---- earlier cases: datagen, joins of two datagen streams, checkpointing, csv filter

// Keeps about half the rows: price is uniform in [0, 100).
const char* kFilterQuery =
    "SELECT id, price * 1.1 AS gross, UPPER(name) AS name, ts FROM {} "
    "WHERE price > 50 AND name <> 'nobody'";

// ---- Kafka (issue 15): only with a broker, EDDY_KAFKA_BOOTSTRAP (make bench-kafka starts one).
// The core events go into topics of 1 and 4 partitions (untimed); the cases read them whole
// (scan.bounded.mode = latest-offset): the source alone, Kafka to Kafka, and the timeout query
// from Kafka to Kafka, against the same workloads from a file in the core cases.

std::string kafka_stream(const std::string& name, const std::string& columns,
                         const std::string& topic, const std::string& extra) {
  return fmt::format(
      "CREATE STREAM {} ({}) WITH ('connector' = 'kafka', 'topic' = '{}', "
      "'properties.bootstrap.servers' = '{}', 'format' = 'csv'{});\n",
      name, columns, topic, std::getenv("EDDY_KAFKA_BOOTSTRAP"), extra);
}

void add_kafka_cases(const Options& o, std::vector<Case>& cases) {
  const char* bootstrap = std::getenv("EDDY_KAFKA_BOOTSTRAP");
  const char* tool = std::getenv("EDDY_KAFKA_TOOL");
  if (!bootstrap || !tool) return;
  const uint64_t rows = o.rows;
  const std::string input_columns =
      "uid STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '3' SECOND";
  const std::string scan =
      ", 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = "
      "'latest-offset'";
  for (int partitions : {1, 4}) {
    const std::string in = fmt::format("bench-in-{}p", partitions);
    const std::string out = fmt::format("bench-out-{}p", partitions);
    // Fills the input topic once (round-robin over its partitions) and makes the output topic.
    auto prepare = [=] {
      static std::vector<std::string> filled;
      if (std::find(filled.begin(), filled.end(), in) != filled.end()) return;
      filled.push_back(in);
      for (const auto& topic : {in, out}) {
        const std::string command =
            fmt::format("{} {} create {} {}", tool, bootstrap, topic, partitions);
        if (std::system(command.c_str()) != 0) fail("cannot create topic " + topic);
      }
      eddy::Engine engine(engine_options());
      run_script(engine, events_stream("events", eddy::bench::core_events_csv(rows)) +
                             kafka_stream("kin", "uid STRING, ts TIMESTAMP(3)", in,
                                          ", 'sink.partitioner' = 'round-robin'") +
                             "INSERT INTO kin SELECT uid, ts FROM events");
    };
    auto kafka_case = [&](std::string name, std::string sql) {
      cases.push_back({fmt::format("kafka {} {}p", name, partitions), prepare, [=] {
                         eddy::Engine engine(engine_options());
                         return run_script(engine,
                                           kafka_stream("events", input_columns, in, scan) + sql);
                       }});
    };
    kafka_case("source", blackhole("out_scan", "uid STRING, ts TIMESTAMP(3)") +
                             "INSERT INTO out_scan SELECT uid, ts FROM events");
    kafka_case("to kafka", kafka_stream("kout", "uid STRING, ts TIMESTAMP(3)", out, "") +
                               "INSERT INTO kout SELECT uid, ts FROM events");
    kafka_case("timeout 5 s to kafka",
               kafka_stream("kout", "uid STRING, n BIGINT, idle_at TIMESTAMP(3)", out, "") +
                   "INSERT INTO kout SELECT uid, COUNT(*), TIMEOUT_TIME() FROM events GROUP BY "
                   "uid TIMEOUT INTERVAL '5' SECOND");
  }
}

std::string timeout_stream(const std::string& name, uint64_t rows, int64_t keys) {
  return fmt::format(
      "CREATE STREAM {} (uid BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' "
      "SECOND) WITH ('connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '{}', "
      "'fields.uid.min' = '0', 'fields.uid.max' = '{}', 'fields.ts.kind' = 'sequence', "
      "'fields.ts.start' = '2024-01-01 00:00:00', 'fields.ts.step' = '1 ms');\n",
      name, rows, keys - 1);
}

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

void add_other_cases(const Options& o, std::vector<Case>& cases) {
  const uint64_t rows = o.rows;
  cases.push_back({"datagen filter+project", nullptr, [rows] {
                     eddy::Engine engine(engine_options());
                     return run_script(
                         engine,
                         fmt::format("CREATE STREAM gen (id BIGINT, price DOUBLE, name STRING, ts "
                                     "TIMESTAMP(3)) WITH ('connector' = 'datagen', "
                                     "'rows-per-second' = '0', 'number-of-rows' = '{}', "
                                     "'fields.price.min' = '0', 'fields.price.max' = '100', "
                                     "'fields.name.length' = '8');\n",
                                     rows) +
                             fmt::format(fmt::runtime(kFilterQuery), "gen"));
                   }});
  // Count with timeout over BIGINT keys: every row moves its key's timer. The targets
  // for the timeout query: 4M events/s at 100K keys, 1.5M at 1M keys.
  for (int64_t keys : {100'000, 1'000'000}) {
    cases.push_back({fmt::format("datagen timeout {} keys", keys == 1'000'000 ? "1M" : "100K"),
                     nullptr,
                     [rows, keys] {
                       eddy::Engine engine(engine_options());
                       return run_script(engine, timeout_stream("t", rows, keys) +
                                                     "SELECT uid, COUNT(*), TIMEOUT_TIME() FROM t "
                                                     "GROUP BY uid TIMEOUT INTERVAL '1' MINUTE");
                     },
                     keys == 100'000 ? 4e6 : 1.5e6});
  }
  // Joins of two streams over 10K keys (events: the rows of both). The two-stream UNION ALL is
  // the baseline: the same event-time merge of the inputs, no join.
  struct JoinCase {
    const char* name;
    const char* sql;
    const char* ttl;  // 'state.ttl' (event time), or "0"
  };
  static const JoinCase join_cases[] = {
      {"join union all (baseline)", "SELECT k, ts FROM ja UNION ALL SELECT k, ts FROM jb", "0"},
      {"join inner interval 2 s",
       "SELECT ja.k, ja.v, jb.v AS w, jb.ts FROM ja JOIN jb ON ja.k = jb.k "
       "AND jb.ts BETWEEN ja.ts AND ja.ts + INTERVAL '2' SECOND",
       "0"},
      {"join anti (NOT EXISTS) 2 s",
       "SELECT * FROM ja WHERE NOT EXISTS (SELECT 1 FROM jb WHERE jb.k = ja.k "
       "AND jb.ts BETWEEN ja.ts AND ja.ts + INTERVAL '2' SECOND)",
       "0"},
      {"join inner regular ttl 2 s", "SELECT ja.k, ja.v, jb.v AS w FROM ja JOIN jb ON ja.k = jb.k",
       "2 s"},
  };
  for (const JoinCase& c : join_cases) {
    cases.push_back({c.name, nullptr, [rows, c] {
                       eddy::Engine engine(engine_options());
                       check(engine.set("state.ttl", c.ttl), "state.ttl");
                       check(engine.set("state.ttl.time", "event"), "state.ttl.time");
                       return run_script(engine, join_streams_ddl(rows, 10'000) + c.sql);
                     }});
  }
  // Throughput with a checkpoint every 10 s (processing time) against none.
  for (std::string interval : {"", "10 s"}) {
    cases.push_back({"checkpointing " + (interval.empty() ? std::string("none") : interval),
                     nullptr, [rows, interval] {
                       std::string dir = eddy::bench::data_dir() + "/ckpt";
                       std::filesystem::remove_all(dir);
                       std::filesystem::create_directories(dir);
                       eddy::Engine engine(engine_options());
                       if (!interval.empty()) {
                         check(engine.set("checkpoint.path", dir + "/ck.db"), "checkpoint.path");
                         check(engine.set("checkpoint.interval", interval), "interval");
                       }
                       Measured m = run_script(engine, timeout_stream("t", rows, 100'000) +
                                                           "SELECT uid, COUNT(*), TIMEOUT_TIME() "
                                                           "FROM t GROUP BY uid TIMEOUT INTERVAL "
                                                           "'1' MINUTE");
                       std::filesystem::remove_all(dir);
                       return m;
                     }});
  }
  std::string csv = fmt::format("{}/filter_{}.csv", eddy::bench::data_dir(), rows);
  cases.push_back({"csv filter+project", [csv, rows] { eddy::bench::make_filter_csv(csv, rows); },
                   [csv] {
                     eddy::Engine engine(engine_options());
                     return run_script(
                         engine,
                         fmt::format("CREATE STREAM file_in (id BIGINT, price DOUBLE, name "
                                     "STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL "
                                     "'1' SECOND) WITH ('connector' = 'file', 'path' = '{}', "
                                     "'format' = 'csv', 'csv.header' = 'true');\n",
                                     csv) +
                             fmt::format(fmt::runtime(kFilterQuery), "file_in"));
                   }});
}

// ---- the table

struct Row {
  std::string name;
  bool ok = false;
  Measured measured;
  double peak_rss_mb = 0;
  double cpu_seconds = 0;
  double target = 0;
  std::string note;
  double rate() const { return measured.seconds > 0 ? measured.events / measured.seconds : 0; }
};

void print_header() {
  fmt::print("{:<30} {:>11} {:>8} {:>8} {:>12} {:>8} {:>10} {:>8} {:>6}\n", "case", "events",
             "seconds", "cpu s", "events/s", "peak MB", "results", "target", "ratio");
}

void print_row(const Row& row) {
  if (!row.ok) {
    fmt::print("{:<30} FAILED (see the error above)\n", row.name);
    return;
  }
  const Measured& m = row.measured;
  std::string target = row.target > 0 ? fmt::format("{:.1f}M", row.target / 1e6) : "";
  std::string ratio = row.target > 0 ? fmt::format("{:.2f}", row.rate() / row.target) : "";
  fmt::print("{:<30} {:>11} {:>8.3f} {:>8.3f} {:>12.0f} {:>8.1f} {:>10} {:>8} {:>6}{}\n", row.name,
             m.events, m.seconds, row.cpu_seconds, row.rate(), row.peak_rss_mb, m.results, target,
             ratio, row.note.empty() ? "" : "  " + row.note);
  std::fflush(stdout);
}

void write_csv(const std::string& path, const std::vector<Row>& rows) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) fail("cannot write " + path);
  std::fputs(
      "case,ok,events,seconds,cpu_seconds,events_per_s,peak_rss_mb,results,target_events_per_s,"
      "ratio,note\n",
      f);
  for (const Row& r : rows) {
    fmt::print(f, "\"{}\",{},{},{:.4f},{:.4f},{:.0f},{:.1f},{},{:.0f},{},\"{}\"\n", r.name,
               r.ok ? 1 : 0, r.measured.events, r.measured.seconds, r.cpu_seconds, r.rate(),
               r.peak_rss_mb, r.measured.results, r.target,
               r.target > 0 ? fmt::format("{:.3f}", r.rate() / r.target) : "", r.note);
  }
  std::fclose(f);
}

std::vector<std::string> split_commas(const std::string& list) {
  std::vector<std::string> parts;
  for (size_t start = 0; start <= list.size();) {
    size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) parts.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

const char* kUsage =
    "usage: eddy_e2e [--rows N] [--events N] [--only NAME[,NAME...]] [--repeat N]\n"
    "                [--parallelism N[,M...]]\n"
    "                [--csv-out FILE] [--nexmark-dir DIR] [--list]\n"
    "  --rows N      events of the core file workloads and of the datagen/join/csv cases\n"
    "                (default 3000000; the interval join reads N/2 and 0.45 N rows)\n"
    "  --events N    the Nexmark generator's event count (default 10000000)\n"
    "  --only        runs the cases whose name contains one of the NAMEs (--only core,q5)\n"
    "  --repeat N    runs each case N times and keeps the fastest\n"
    "  --parallelism N[,M...]  'parallelism' of every case (default auto); with several, each\n"
    "                case runs at each (interleaved, best of --repeat) and prints its speed-up\n"
    "                over the first and whether the result row counts agree\n"
    "  --csv-out F   also writes the rows as CSV to F\n"
    "  --nexmark-dir where the Nexmark query files are (default examples/nexmark)\n"
    "  --list        prints the case names and exits\n";

}  // namespace

int main(int argc, char** argv) {
  Options o;
  bool list = false;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      fmt::print("{}", kUsage);
      return 0;
    }
    if (flag == "--list") {
      list = true;
      continue;
    }
    if (i + 1 >= argc) {
      fmt::print(stderr, "{} needs a value\n{}", flag, kUsage);
      return 2;
    }
    std::string value = argv[++i];
    if (flag == "--rows") {
      o.rows = std::strtoull(value.c_str(), nullptr, 10);
    } else if (flag == "--events") {
      o.nexmark_events = std::strtoull(value.c_str(), nullptr, 10);
    } else if (flag == "--only") {
      o.only = split_commas(value);
    } else if (flag == "--repeat") {
      o.repeat = std::max(1, std::atoi(value.c_str()));
    } else if (flag == "--parallelism") {
      o.parallelism = split_commas(value);
    } else if (flag == "--csv-out") {
      o.csv_out = value;
    } else if (flag == "--nexmark-dir") {
      o.nexmark_dir = value;
    } else {
      fmt::print(stderr, "unknown option {}\n{}", flag, kUsage);
      return 2;
    }
  }

  std::vector<Case> cases;
  add_core_cases(o, cases);
  add_nexmark_cases(o, cases);
  add_other_cases(o, cases);
  add_kafka_cases(o, cases);
  auto selected = [&](const std::string& name) {
    if (o.only.empty()) return true;
    for (const auto& part : o.only)
      if (name.find(part) != std::string::npos) return true;
    return false;
  };
  if (list) {
    for (const Case& c : cases) fmt::print("{}\n", c.name);
    return 0;
  }

  fmt::print("eddy_e2e: {} core/datagen events, Nexmark {} events; best of {}\n", o.rows,
             o.nexmark_events, o.repeat);
  print_header();
  std::vector<Row> rows;
  bool all_ok = true;
  // Each case at each parallelism asked for (none: the engine's default), the runs interleaved
  // so that a busy machine's slow spells fall on all of them alike.
  std::vector<std::string> levels = o.parallelism;
  if (levels.empty()) levels.push_back("");
  for (const Case& c : cases) {
    if (!selected(c.name)) continue;
    if (c.prepare) c.prepare();
    std::vector<Row> at;
    for (const auto& level : levels)
      at.push_back({levels.size() > 1 ? fmt::format("{} p={}", c.name, level) : c.name,
                    false,
                    {},
                    0,
                    0,
                    c.target,
                    c.note});
    bool failed = false;
    for (int attempt = 0; attempt < o.repeat && !failed; ++attempt) {
      for (size_t l = 0; l < levels.size() && !failed; ++l) {
        g_parallelism = levels[l];
        eddy::bench::ChildOutcome outcome = eddy::bench::run_in_child(c.run);
        Row& row = at[l];
        if (!outcome.ok) {
          row.ok = false;
          failed = true;
          break;
        }
        if (!row.ok || outcome.measured.seconds < row.measured.seconds) {
          row.ok = true;
          row.measured = outcome.measured;
          row.peak_rss_mb = outcome.peak_rss_mb;
          row.cpu_seconds = outcome.cpu_seconds;
        }
      }
    }
    for (size_t l = 0; l < at.size(); ++l) {
      Row& row = at[l];
      if (failed) row.ok = false;
      if (l > 0 && row.ok && at[0].ok) {
        const double speedup = at[0].measured.seconds / row.measured.seconds;
        std::string scaling = fmt::format("{:.2f}x p={}", speedup, levels[0]);
        if (row.measured.results != at[0].measured.results) {
          scaling += fmt::format(", RESULTS DIFFER from p={}", levels[0]);
          all_ok = false;
        }
        row.note = row.note.empty() ? scaling : scaling + "; " + row.note;
      }
      all_ok = all_ok && row.ok;
      print_row(row);
      rows.push_back(row);
    }
  }
  if (!o.csv_out.empty()) write_csv(o.csv_out, rows);
  return all_ok ? 0 : 1;
}
