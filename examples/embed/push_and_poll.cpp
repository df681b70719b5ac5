// Pushing rows from code and polling a continuous query: a producer thread appends login
// attempts to an embedded stream ('connector' = 'embedded'); the main thread polls the failed
// logins per user and minute, which come out as each minute closes (the watermark passes it)
// and, for the last minute, when the producer closes the input.
// Built and run by `make test` (examples/embed, through the test packaging/embed_examples).
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "eddy/engine.h"

namespace {

bool ok(const eddy::Status& status) {
  if (!status) std::fprintf(stderr, "error: %s\n", status.error().to_string().c_str());
  return status.is_ok();
}

struct Login {
  const char* uid;
  bool success;
  const char* at;
};

const Login kLogins[] = {
    {"alice", false, "2026-11-25 10:00:05"}, {"bob", true, "2026-11-25 10:00:10"},
    {"alice", false, "2026-11-25 10:00:20"}, {"bob", false, "2026-11-25 10:00:50"},
    {"alice", true, "2026-11-25 10:01:10"},  {"carol", false, "2026-11-25 10:01:15"},
    {"carol", false, "2026-11-25 10:01:30"}, {"carol", false, "2026-11-25 10:01:40"},
    {"bob", false, "2026-11-25 10:02:05"},   {"alice", false, "2026-11-25 10:02:30"},
};

}  // namespace

int main() {
  eddy::Engine engine;
  if (!ok(engine
              .execute("CREATE STREAM logins (uid STRING NOT NULL, success BOOLEAN, "
                       "ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) "
                       "WITH ('connector' = 'embedded')")
              .status()))
    return 1;
  auto outcome = engine.execute(
      "SELECT window_start, uid, COUNT(*) AS failures "
      "FROM TABLE(TUMBLE(TABLE logins, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) "
      "WHERE NOT success GROUP BY window_start, window_end, uid");
  if (!ok(outcome.status())) return 1;
  eddy::Query& query = *outcome.value().query;
  auto input = engine.input("logins");
  if (!ok(input.status())) return 1;

  // The producer: one login every few milliseconds, one malformed row (refused: nothing
  // appended is lost), then the end of input.
  std::string refused;
  std::thread producer([&refused, logins = std::move(input.value())]() mutable {
    for (const Login& login : kLogins) {
      eddy::Status appended = logins.row()
                                  .set("uid", login.uid)
                                  .set("success", login.success)
                                  .set("ts", login.at)
                                  .append();
      if (!ok(appended)) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    eddy::Status bad = logins.row().set("uid", "mallory").set("success", "yes").append();
    if (!bad) refused = bad.error().message;
    ok(logins.close());
  });

  // The consumer: poll with a timeout, so the loop could do other work between results.
  eddy::Chunk chunk;
  int results = 0;
  for (;;) {
    auto polled = query.poll(chunk, std::chrono::milliseconds(100));
    if (!ok(polled.status())) break;
    if (polled.value() == eddy::PollStatus::Finished) break;
    if (polled.value() == eddy::PollStatus::Timeout) continue;  // nothing yet
    for (size_t row = 0; row < chunk.size(); ++row, ++results)
      std::printf("%s minute %s: %s failed %lld times\n", eddy::row_kind_symbol(chunk.kind(row)),
                  chunk.value(row, 0).to_string().substr(11, 5).c_str(),
                  std::string(chunk.string_value(row, 1)).c_str(),
                  static_cast<long long>(chunk.int_value(row, 2)));
  }
  producer.join();
  std::printf("refused: %s\n", refused.c_str());
  std::printf("%llu rows pushed, %d results\n",
              static_cast<unsigned long long>(query.stats().rows_in), results);
  return 0;
}
