// The seed's CountWithTimeoutFunction as an eddy process function, called from SQL, next to the
// built-in GROUP BY ... TIMEOUT that does the same: both must give the same rows.
//
// Per key it counts the rows and remembers the last row's time; when the key has been idle for
// the timeout (in event time) it emits the key, the time it timed out and the count so far (the
// count keeps growing across idle periods, as in the seed and as KEEP STATE does).
// Unlike the seed's sample, rows that arrive out of order (within the watermark's bound) are
// applied in time order: each is kept until the watermark passes its time, so a row that came
// early cannot hide an idle period before it.
//
// Usage: count_with_timeout [logins.csv]   (exit status 1 when the two results differ)
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "eddy/engine.h"

class CountWithTimeout : public eddy::KeyedProcessFunction {
 public:
  void open(eddy::OpenContext& ctx) override {
    count_ = ctx.value_state<int64_t>("count");
    last_ = ctx.value_state<eddy::Timestamp>("last");
    pending_ = ctx.list_state<eddy::Timestamp>("pending");
    timeout_ = ctx.arguments().at(0).int_value();  // an INTERVAL: milliseconds
  }

  void process_element(const eddy::Row&, eddy::Context& ctx, eddy::Collector&) override {
    // Applied when the watermark reaches the row's time (its timer), in time order.
    pending_.add(ctx.timestamp());
    ctx.timers().register_event_time_timer(ctx.timestamp());
  }

  void on_timer(eddy::Timestamp at, eddy::Context& ctx, eddy::Collector& out) override {
    std::vector<eddy::Timestamp> later;
    for (eddy::Timestamp ts : pending_.get()) {
      if (ts > at) {
        later.push_back(ts);
        continue;
      }
      count_.update(count_.value_or(0) + 1);
      if (last_.has_value() && ts <= *last_.value()) continue;  // not the key's newest row
      last_.update(ts);
      ctx.timers().register_event_time_timer(ts + timeout_);
    }
    pending_.update(std::move(later));
    // The timer of the newest row's timeout, with nothing newer applied: the key was idle.
    if (last_.has_value() && *last_.value() + timeout_ == at)
      out.collect({eddy::Value::integer(*count_.value())});
  }

 private:
  eddy::ValueState<int64_t> count_;
  eddy::ValueState<eddy::Timestamp> last_;
  eddy::ListState<eddy::Timestamp> pending_;
  int64_t timeout_ = 0;
};

// Runs `sql` to the end; returns its rows as text, one per line.
static std::vector<std::string> rows_of(eddy::Engine& engine, const std::string& sql) {
  std::vector<std::string> rows;
  auto outcome = engine.execute(sql);
  if (!outcome) {
    std::fprintf(stderr, "error: %s\n", outcome.error().to_string().c_str());
    std::exit(1);
  }
  auto status = outcome.value().query->run([&](const eddy::Chunk& chunk) {
    for (size_t row = 0; row < chunk.size(); ++row) {
      std::string line;
      for (size_t col = 0; col < chunk.schema().fields.size(); ++col)
        line += (col ? " | " : "") + chunk.value(row, col).to_string();
      rows.push_back(line);
    }
  });
  if (!status) {
    std::fprintf(stderr, "error: %s\n", status.error().to_string().c_str());
    std::exit(1);
  }
  return rows;
}

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : "examples/data/logins.csv";
  eddy::Engine engine;
  auto registered = engine.register_function(
      "count_with_timeout",
      eddy::ProcessFunctionSpec{{{"cnt", eddy::Type::int64(), false}},
                                {eddy::Type::interval()},
                                [] { return std::make_unique<CountWithTimeout>(); }});
  auto created = engine.execute(
      "CREATE STREAM logins (uid STRING, status STRING, ip STRING, ts TIMESTAMP(3),"
      "  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)"
      " WITH ('connector' = 'file', 'path' = '" +
      path + "', 'format' = 'csv', 'csv.header' = 'true')");
  if (!registered || !created) {
    auto& error = !registered ? registered.error() : created.error();
    std::fprintf(stderr, "error: %s\n", error.to_string().c_str());
    return 1;
  }

  auto mine = rows_of(engine,
                      "SELECT uid, rowtime AS timed_out, cnt FROM count_with_timeout("
                      "TABLE logins PARTITION BY uid, INTERVAL '1' MINUTE)");
  auto builtin = rows_of(engine,
                         "SELECT uid, TIMEOUT_TIME() AS timed_out, COUNT(*) AS cnt FROM logins "
                         "GROUP BY uid TIMEOUT INTERVAL '1' MINUTE");
  for (const auto& row : mine) std::printf("%s\n", row.c_str());
  if (mine != builtin) {
    std::printf("DIFFERENT from GROUP BY ... TIMEOUT (%zu rows):\n", builtin.size());
    for (const auto& row : builtin) std::printf("%s\n", row.c_str());
    return 1;
  }
  std::printf("%zu rows, the same as GROUP BY uid TIMEOUT INTERVAL '1' MINUTE\n", mine.size());
  return 0;
}
