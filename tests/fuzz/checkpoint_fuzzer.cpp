// Fuzzes restoring from a checkpoint: what a query does with checkpoint bytes that passed the
// store's checksums but are not what it wrote (a bug in another version, a crafted file). Once,
// at start, each of a few stateful queries runs with checkpoints every 10 input records into a
// SQLite file, and its checkpoint after 80 records, from the middle of its run, is kept as a
// template. Each input then replaces one blob of a template — an operator's values, one key group
// of its keyed state and timers, or a source position — restores a fresh runtime of that query from
// it and runs the query to its end. The first input byte picks the query, the second the blob; the
// rest are the bytes. Errors are expected; a crash, a hang, a leak or undefined behaviour is a
// finding.
//
// EDDY_FUZZ_WRITE_SEEDS=DIR writes every template blob as a seed input into DIR and exits.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "api/engine_internals.h"
#include "api/parsed_statement.h"
#include "eddy/clock.h"
#include "eddy/engine.h"
#include "planner/physical.h"
#include "planner/statements.h"
#include "runtime/query_runtime.h"
#include "state/checkpoint_store.h"

namespace {

constexpr const char* kStreams = R"sql(
CREATE STREAM g (k BIGINT, s STRING, v INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'datagen', 'number-of-rows' = '200', 'rows-per-second' = '0',
        'fields.k.min' = '1', 'fields.k.max' = '12', 'fields.s.length' = '3',
        'fields.v.min' = '-5', 'fields.v.max' = '50',
        'fields.ts.kind' = 'sequence', 'fields.ts.start' = '2024-01-01 00:00:00',
        'fields.ts.step' = '150 ms');
CREATE STREAM h (k BIGINT, w INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
  WITH ('connector' = 'datagen', 'number-of-rows' = '150', 'rows-per-second' = '0',
        'fields.k.min' = '1', 'fields.k.max' = '12',
        'fields.ts.kind' = 'sequence', 'fields.ts.start' = '2024-01-01 00:00:00',
        'fields.ts.step' = '200 ms');
)sql";

// Every kind of keyed operator, each with state that outlives a checkpoint.
const char* const kQueries[] = {
    "SELECT k, COUNT(*), SUM(v), MAX(s), COUNT(DISTINCT s), FIRST_VALUE(s) FROM g GROUP BY k",
    "SELECT k, window_start, COUNT(*), AVG(v) FROM TABLE(HOP(TABLE g, DESCRIPTOR(ts), "
    "INTERVAL '1' SECOND, INTERVAL '3' SECOND)) GROUP BY k, window_start, window_end",
    "SELECT k, COUNT(*), MIN(v) FROM g GROUP BY k TIMEOUT INTERVAL '2' SECOND",
    "SELECT k, COUNT(*) FROM g GROUP BY k, SESSION(ts, INTERVAL '1' SECOND)",
    "SELECT g.k, g.v, h.w FROM g JOIN h ON g.k = h.k AND g.ts BETWEEN h.ts - INTERVAL '1' SECOND "
    "AND h.ts + INTERVAL '2' SECOND",
    "SELECT DISTINCT k, v / 10 FROM g",
    "SELECT k, v FROM g ORDER BY ts",
};

// The fixture itself failed: not a finding about the input, a broken fuzz target.
[[noreturn]] void broken(const std::string& what) {
  std::fprintf(stderr, "checkpoint_fuzzer: %s\n", what.c_str());
  std::abort();
}

struct Template {
  std::string query;
  eddy::CheckpointData data;
};

struct Fixture {
  eddy::Engine engine;
  std::shared_ptr<eddy::ManualClock> clock = std::make_shared<eddy::ManualClock>(0);
  std::vector<Template> templates;
};

eddy::PhysicalOptions options(const Fixture& fixture, size_t batch_size) {
  eddy::PhysicalOptions physical;
  physical.batch_size = batch_size;
  physical.clock = fixture.clock;
  physical.resume = true;
  return physical;
}

std::unique_ptr<eddy::QueryRuntime> plan(Fixture& fixture, const std::string& query,
                                         size_t batch_size = 16) {
  auto parsed = fixture.engine.parse(query);
  if (!parsed) broken(parsed.error().to_string());
  auto runtime = eddy::plan_statement(*parsed.value().front().parsed->ast,
                                      eddy::EngineInternals::catalog(fixture.engine),
                                      options(fixture, batch_size));
  if (!runtime) broken(runtime.error().to_string());
  return std::move(runtime.value());
}

// Runs `query` with checkpoints and keeps one from the middle of its run.
Template make_template(Fixture& fixture, const std::string& query) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("eddy-fuzz-" + std::to_string(getpid()) + ".db"))
          .string();
  std::filesystem::remove(path);
  Template made{query, {}};
  {
    auto store = eddy::CheckpointStore::open(path);
    if (!store) broken(store.error().to_string());
    std::shared_ptr<eddy::CheckpointStore> shared = std::move(store.value());
    // Row by row, so checkpoints come every 10 records whatever the query emits.
    auto runtime = plan(fixture, query, 1);
    eddy::CheckpointConfig config;
    config.store = shared;
    config.job = "1";
    config.statement = query;
    config.fingerprint = query;
    config.interval_records = 10;
    config.incremental = false;
    runtime->set_checkpointing(config);
    // Stop (as a crash would) at a checkpoint after 80 records, with state and timers pending.
    eddy::Chunk chunk;
    while (runtime->stats().checkpoints.rows_in < 80) {
      auto more = runtime->fetch(chunk);
      if (!more) broken(query + ": " + more.error().to_string());
      if (!more.value())
        broken(query + ": ended before a checkpoint after 80 records, after " +
               std::to_string(runtime->stats().rows_in) + " rows and " +
               std::to_string(runtime->stats().checkpoints.taken) + " checkpoints " +
               runtime->stats().checkpoints.last_error);
    }
    auto loaded = shared->load(runtime->stats().checkpoints.last_id);
    if (!loaded) broken(loaded.error().to_string());
    made.data = std::move(loaded.value());
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  return made;
}

// The blobs of a checkpoint a fuzz input may replace, in a fixed order.
std::vector<std::string*> blobs(eddy::CheckpointData& data) {
  std::vector<std::string*> out;
  for (auto& op : data.operators) {
    out.push_back(&op.values);
    for (auto& group : op.key_groups) out.push_back(&group.bytes);
  }
  for (auto& source : data.sources) out.push_back(&source.position.state);
  return out;
}

Fixture& fixture() {
  static Fixture* made = [] {
    auto* f = new Fixture;
    if (auto done = f->engine.execute(kStreams); !done) broken(done.error().to_string());
    for (const char* query : kQueries) f->templates.push_back(make_template(*f, query));
    return f;
  }();
  return *made;
}

void write_seeds(const char* dir) {
  std::filesystem::create_directories(dir);
  Fixture& f = fixture();
  for (size_t q = 0; q < f.templates.size(); ++q) {
    eddy::CheckpointData data = f.templates[q].data;
    const auto all = blobs(data);
    for (size_t b = 0; b < all.size() && b < 256; ++b) {
      std::ofstream out(
          std::filesystem::path(dir) / ("q" + std::to_string(q) + "-blob" + std::to_string(b)),
          std::ios::binary);
      out.put(char(q));
      out.put(char(b));
      out << *all[b];
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("EDDY_FUZZ_WRITE_SEEDS")) {
    write_seeds(dir);
    std::exit(0);
  }
  fixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  Fixture& f = fixture();
  const Template& chosen = f.templates[data[0] % f.templates.size()];
  eddy::CheckpointData checkpoint = chosen.data;
  const auto all = blobs(checkpoint);
  if (all.empty()) return 0;
  all[data[1] % all.size()]->assign(reinterpret_cast<const char*>(data) + 2, size - 2);

  auto runtime = plan(f, chosen.query);
  if (!runtime->restore(checkpoint)) return 0;  // refused as damage: fine
  eddy::Chunk chunk;
  for (int fetches = 0; fetches < 100000; ++fetches) {
    auto more = runtime->fetch(chunk);
    if (!more || !more.value()) break;
  }
  return 0;
}
