// eddy_state_bytes: the keyed-state bytes per key that EXPLAIN and SHOW QUERIES report
// (OperatorMetrics::state_bytes / keys, summed over the query's operators), against the payload
// the query actually keeps per key (issue 10: "within 2x"). Each case runs as a SELECT, so that
// the query returns chunks while it runs; the query's stats are sampled at the first chunk after
// half the input was read (the same point in every build, as results do not depend on the
// layout). Payload is what a compact layout must keep there, counted from the live keys and open
// windows:
//   - a key: its value's bytes (STRING `user_<n>`: 10 on average; BIGINT: 8);
//   - TIMEOUT count: the count, the last row's time and the timer's time (8 bytes each);
//   - a window count: per open window its window_end and count (8 bytes each). The open windows
//     are the `keys` of a build that keys windows by (window, key) (before issue 10's rework),
//     or `--windows N`; without them the window rows print no payload.
// Not a test; docs/benchmarks.md ("State bytes per key") has the numbers.
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "e2e_data.h"
#include "eddy/engine.h"

namespace {

struct Case {
  std::string name;
  std::string script;  // ends in the SELECT
  // Payload bytes for `keys` live keys holding `windows` open windows (0: unknown).
  std::function<double(double keys, double windows)> payload;
  uint64_t half_input;  // rows read from the source by the sample point
};

struct Sample {
  uint64_t keys = 0, state_bytes = 0, timers = 0, rows_in = 0;
};

Sample run(const Case& c, uint64_t half_input) {
  eddy::Engine engine;
  auto outcome = engine.execute(c.script);
  if (!outcome || !outcome.value().query) {
    fmt::print(stderr, "{}: {}\n", c.name, outcome ? "no query" : outcome.error().to_string());
    std::exit(1);
  }
  eddy::Query& query = *outcome.value().query;
  Sample best;
  bool sampled = false;
  auto status = query.run([&](const eddy::Chunk&) {
    eddy::QueryStats s = query.stats();
    if (sampled || s.rows_in < half_input) return;
    best = {s.keys, s.state_bytes, s.timers, s.rows_in};
    sampled = true;
  });
  if (!status) {
    fmt::print(stderr, "{}: {}\n", c.name, status.error().to_string());
    std::exit(1);
  }
  return best;
}

std::string events_stream(const std::string& path) {
  return fmt::format(
      "CREATE STREAM events (uid STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '3' "
      "SECOND) WITH ('connector' = 'file', 'path' = '{}', 'format' = 'csv', 'csv.header' = "
      "'true');\n",
      path);
}

std::string bid_stream(uint64_t events) {
  return fmt::format(
      "CREATE STREAM bid (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url "
      "VARCHAR, dateTime TIMESTAMP(3), extra VARCHAR, WATERMARK FOR dateTime AS dateTime - "
      "INTERVAL '4' SECOND) WITH ('connector' = 'nexmark', 'nexmark.table' = 'bid', 'events' = "
      "'{}', 'event-rate' = '10000');\n",
      events);
}

}  // namespace

int main(int argc, char** argv) {
  // eddy_state_bytes [events [case-substring [--windows N,N,N,N]]]
  uint64_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  std::vector<double> open_windows(4, 0);
  if (argc > 4 && std::string(argv[3]) == "--windows") {
    std::string list = argv[4];
    for (size_t i = 0, start = 0; i < open_windows.size() && start <= list.size(); ++i) {
      open_windows[i] = std::strtod(list.c_str() + start, nullptr);
      start = list.find(',', start);
      if (start == std::string::npos) break;
      ++start;
    }
  }
  const std::string events = events_stream(eddy::bench::core_events_csv(rows));
  const std::string bids = bid_stream(rows);
  constexpr double kUid = 10, kBigint = 8, kWord = 8;
  auto timeout_payload = [](double key_bytes) {
    return [key_bytes](double keys, double) { return keys * (key_bytes + 3 * kWord); };
  };
  auto window_payload = [](double key_bytes) {
    return [key_bytes](double keys, double windows) {
      return windows > 0 ? keys * key_bytes + windows * 2 * kWord : 0;
    };
  };
  // The nexmark source counts every generated event as read; 46 in 50 are bids.
  const uint64_t half_events = rows / 2, half_bids = rows / 2;
  std::vector<Case> cases = {
      {"core timeout 5 s (STRING uid)",
       events + "SELECT uid, COUNT(*), TIMEOUT_TIME() FROM events GROUP BY uid TIMEOUT "
                "INTERVAL '5' SECOND",
       timeout_payload(kUid), half_events},
      {"core tumble 10 s (STRING uid)",
       events + "SELECT uid, window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE events, "
                "DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY uid, window_start, window_end",
       window_payload(kUid), half_events},
      {"nexmark timeout (BIGINT bidder)",
       bids + "SELECT bidder, COUNT(*), TIMEOUT_TIME() FROM bid GROUP BY bidder TIMEOUT "
              "INTERVAL '10' SECOND",
       timeout_payload(kBigint), half_bids},
      {"nexmark q5 count (BIGINT auction)",
       bids + "SELECT auction, window_start, window_end, COUNT(*) FROM TABLE(HOP(TABLE bid, "
              "DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) GROUP BY "
              "auction, window_start, window_end",
       window_payload(kBigint), half_bids},
  };
  fmt::print("eddy_state_bytes: {} events per case; sampled after half the input\n", rows);
  fmt::print("{:<36} {:>9} {:>9} {:>12} {:>9} {:>10} {:>7}\n", "case", "keys", "timers",
             "state bytes", "B/key", "payload/key", "ratio");
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    if (argc > 2 && c.name.find(argv[2]) == std::string::npos) continue;
    Sample s = run(c, c.half_input);
    if (s.keys == 0) {
      fmt::print("{:<36} (no keys sampled)\n", c.name);
      continue;
    }
    const double per_key = double(s.state_bytes) / double(s.keys);
    const double payload = c.payload(double(s.keys), open_windows[i]) / double(s.keys);
    fmt::print("{:<36} {:>9} {:>9} {:>12} {:>9.1f} {:>10} {:>7}\n", c.name, s.keys, s.timers,
               s.state_bytes, per_key, payload > 0 ? fmt::format("{:.1f}", payload) : "",
               payload > 0 ? fmt::format("{:.2f}", per_key / payload) : "");
    std::fflush(stdout);
  }
  return 0;
}
