// eddy_state_bytes: the keyed-state bytes per key that EXPLAIN and SHOW QUERIES report
// (OperatorMetrics::state_bytes / keys, summed over the query's operators), against the payload
// the query actually keeps per key (issue 10: "within 2x"). Each case runs as a SELECT, so that
// the query returns chunks while it runs; after every chunk the query's stats are sampled, and
// the sample with the most keys is printed. Payload is what a compact layout must keep at that
// sample, counted from the live keys and timers:
//   - a key: its value's bytes (STRING `user_<n>`: 10 on average; BIGINT: 8);
//   - TIMEOUT count: the count, the last row's time and the timer's time (8 bytes each);
//   - a window count: per open window (one timer each) its window_end, count and timer (8 each).
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
  // Payload bytes for `keys` live keys holding `timers` timers.
  std::function<double(double keys, double timers)> payload;
};

struct Sample {
  uint64_t keys = 0, state_bytes = 0, timers = 0, rows_in = 0;
};

Sample run(const Case& c) {
  eddy::Engine engine;
  auto outcome = engine.execute(c.script);
  if (!outcome || !outcome.value().query) {
    fmt::print(stderr, "{}: {}\n", c.name,
               outcome ? "no query" : outcome.error().to_string());
    std::exit(1);
  }
  eddy::Query& query = *outcome.value().query;
  Sample best;
  auto status = query.run([&](const eddy::Chunk&) {
    eddy::QueryStats s = query.stats();
    if (s.keys > best.keys) best = {s.keys, s.state_bytes, s.timers, s.rows_in};
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
  uint64_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const std::string events = events_stream(eddy::bench::core_events_csv(rows));
  const std::string bids = bid_stream(rows);
  constexpr double kUid = 10, kBigint = 8, kWord = 8;
  auto timeout_payload = [](double key_bytes) {
    return [key_bytes](double keys, double) { return keys * (key_bytes + 3 * kWord); };
  };
  auto window_payload = [](double key_bytes) {
    return [key_bytes](double keys, double timers) {
      return keys * key_bytes + timers * 3 * kWord;
    };
  };
  std::vector<Case> cases = {
      {"core timeout 5 s (STRING uid)",
       events + "SELECT uid, COUNT(*), TIMEOUT_TIME() FROM events GROUP BY uid TIMEOUT "
                "INTERVAL '5' SECOND",
       timeout_payload(kUid)},
      {"core tumble 10 s (STRING uid)",
       events + "SELECT uid, window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE events, "
                "DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY uid, window_start, window_end",
       window_payload(kUid)},
      {"nexmark timeout (BIGINT bidder)",
       bids + "SELECT bidder, COUNT(*), TIMEOUT_TIME() FROM bid GROUP BY bidder TIMEOUT "
              "INTERVAL '10' SECOND",
       timeout_payload(kBigint)},
      {"nexmark q5 count (BIGINT auction)",
       bids + "SELECT auction, window_start, window_end, COUNT(*) FROM TABLE(HOP(TABLE bid, "
              "DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) GROUP BY "
              "auction, window_start, window_end",
       window_payload(kBigint)},
  };
  fmt::print("eddy_state_bytes: {} events per case; the sample with the most keys\n", rows);
  fmt::print("{:<36} {:>9} {:>9} {:>12} {:>9} {:>10} {:>7}\n", "case", "keys", "timers",
             "state bytes", "B/key", "payload/key", "ratio");
  for (const Case& c : cases) {
    if (argc > 2 && c.name.find(argv[2]) == std::string::npos) continue;
    Sample s = run(c);
    if (s.keys == 0) {
      fmt::print("{:<36} (no keys sampled)\n", c.name);
      continue;
    }
    const double per_key = double(s.state_bytes) / double(s.keys);
    const double payload = c.payload(double(s.keys), double(s.timers)) / double(s.keys);
    fmt::print("{:<36} {:>9} {:>9} {:>12} {:>9.1f} {:>10.1f} {:>7.2f}\n", c.name, s.keys, s.timers,
               s.state_bytes, per_key, payload, per_key / payload);
    std::fflush(stdout);
  }
  return 0;
}
