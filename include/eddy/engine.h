// The embedding API: an Engine executes statements; a Query runs a continuous query and delivers
// its result as a changelog, pulled chunk by chunk or pushed to a callback, and can be cancelled.
//
//   eddy::Engine engine;
//   auto outcome = engine.execute("CREATE STREAM s (a INT) WITH ('connector' = 'datagen', ...)");
//   auto query = engine.execute("SELECT a FROM s WHERE a > 10");
//   query->query->run([](const eddy::Chunk& chunk) { ... });
//
// Nothing here prints or exits; every failure is returned as an eddy::Error.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/clock.h"
#include "eddy/error.h"
#include "eddy/export.h"
#include "eddy/functions.h"
#include "eddy/input.h"
#include "eddy/process_function.h"
#include "eddy/text.h"
#include "eddy/types.h"

namespace eddy {

// Internal types, only named here (held by pointer in private members).
struct Batch;
class Catalog;
class CheckpointStore;
struct PhysicalOptions;
class QueryRuntime;
namespace detail {
struct ParsedStatement;
}

struct EngineOptions {
  // Rows per batch (1 runs everything row by row; results never depend on it).
  size_t batch_size = 4096;
  // Processing-time clock; nullptr means the wall clock.
  std::shared_ptr<Clock> clock;
  // Where the `print` sink connector writes (the shell points it at its current output).
  std::FILE* print_output = stdout;
  // Initial settings, as if by SET 'key' = 'value' (e.g. 'checkpoint.interval').
  std::map<std::string, std::string> settings;
  // A SQLite file every query checkpoints to and resumes from ('checkpoint.path';
  // docs/checkpoints.md). Empty: no checkpoints.
  std::string checkpoint_path;
  // The program reads its own script from standard input (the shell's `eddy < script.sql`): a
  // query over a 'stdin' stream would find nothing left to read, so it is an error instead.
  bool stdin_is_script = false;
};

// One parsed statement of a script, with its position for error messages.
struct Statement {
  std::string text;  // the statement's source text (without the trailing ';')
  int line = 1;      // where it starts in the script (1-based)
  int column = 1;
  bool is_query = false;  // SELECT / INSERT: executing it yields a Query to run
  // The folder of the script the statement came from ("" for none: the working directory). A
  // relative 'path' option of a stream it creates that does not exist relative to the working
  // directory is taken relative to this folder (docs/shell.md). Engine::parse leaves it empty.
  std::string base_directory;
  // The parsed statement, opaque: only Engine::execute reads it (a Statement built by hand,
  // without Engine::parse, has none and is an error to execute).
  std::shared_ptr<const detail::ParsedStatement> parsed;
};

// A function queries can call, as SHOW FUNCTIONS lists it.
struct FunctionInfo {
  std::string name;
  std::string kind;   // "scalar", "aggregate" or "table"
  std::string usage;  // "SUBSTRING(s, start[, length])"
};

// A finite result: the rows of SHOW, DESCRIBE, EXPLAIN, SET.
struct Table {
  Schema schema;
  std::vector<std::vector<Value>> rows;
};

// A read-only view of a batch of result changes. Valid until the next fetch / callback return.
class EDDY_EXPORT Chunk {
 public:
  Chunk() = default;
  // A chunk that holds its own copy of `rows` (of `schema`'s columns), with `kinds` (empty: every
  // row an insert): to render a Table the way query results are rendered, or to test code that
  // consumes chunks. A column whose values do not all have its declared type holds their
  // display text (Value::to_string) as STRING.
  static Chunk from_rows(const Schema& schema, const std::vector<std::vector<Value>>& rows,
                         std::vector<RowKind> kinds = {});
  size_t size() const;
  const Schema& schema() const { return *schema_; }
  RowKind kind(size_t row) const;
  bool is_null(size_t row, size_t col) const;
  Value value(size_t row, size_t col) const;
  int64_t int_value(size_t row, size_t col) const;  // any int64-backed type
  double double_value(size_t row, size_t col) const;
  std::string_view string_value(size_t row, size_t col) const;
  // Appends the cell's text in `format` (eddy/text.h) to `out`, without building a Value.
  void append_text(std::string& out, size_t row, size_t col,
                   TextFormat format = TextFormat::Display) const;
  std::string text(size_t row, size_t col, TextFormat format = TextFormat::Display) const;

 private:
  friend class QueryRuntime;     // hands out views of its result batches
  friend class ChunkTextWriter;  // writes whole chunks
  Chunk(const Batch* batch, const Schema* schema) : batch_(batch), schema_(schema) {}
  const Batch* batch_ = nullptr;
  const Schema* schema_ = nullptr;
  std::shared_ptr<const void> owned_;  // the batch and schema of a from_rows chunk
};

// Writes chunks as lines of CSV, JSON or changelog text a chunk at a time: the bytes of
// Chunk::append_text with TextFormat::Csv, Json or Changelog cell by cell (',' between CSV
// fields, one object per JSON line, `+I[a, b]` per changelog line), several times faster, as the
// file and print sinks write them. No header line: write one with append_csv_field /
// append_json_string (eddy/text.h).
class EDDY_EXPORT ChunkTextWriter {
 public:
  // `op_column`: each line starts with the row's kind (+I, -U, +U, -D): a first CSV field, or
  // an "op" key.
  static ChunkTextWriter csv(bool op_column = false);
  // One JSON object per row, keyed by `schema`'s column names.
  static ChunkTextWriter json_lines(const Schema& schema, bool op_column = false);
  // Flink's print format (TextFormat::Changelog cells): `+I[1, alice, null]`.
  static ChunkTextWriter changelog();
  ChunkTextWriter(ChunkTextWriter&&) noexcept;
  ChunkTextWriter& operator=(ChunkTextWriter&&) noexcept;
  ~ChunkTextWriter();
  // Appends every row of `rows`, each line ended by '\n'.
  void append(std::string& out, const Chunk& rows);

 private:
  struct Impl;
  explicit ChunkTextWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A query's checkpoints so far.
struct CheckpointProgress {
  uint64_t taken = 0;    // written to the store
  uint64_t failed = 0;   // could not be written (the query kept running)
  uint64_t last_id = 0;  // id of the newest checkpoint written, 0: none
  // Result changes produced up to the newest checkpoint: after a resume the query continues with
  // the change after these (a subscriber that saw more sees those again: at-least-once).
  uint64_t rows_out = 0;
  uint64_t rows_in = 0;       // records read from the sources up to the newest checkpoint
  std::string last_error;     // why the newest failure failed
  double last_seconds = 0;    // how long the newest checkpoint held the query up
  uint64_t resumed_from = 0;  // the checkpoint the query resumed from, 0: it started fresh
};

// A keyed operator of a query that runs as N instances ('parallelism'): each instance's share,
// as of the last batch, watermark or tick every instance had finished.
struct InstanceStats {
  uint64_t rows_in = 0;      // rows routed to the instance (its key groups' rows)
  uint64_t keys = 0;         // live keys it holds
  uint64_t state_bytes = 0;  // approximate bytes of its keyed state
};
struct ParallelOperatorStats {
  std::string name;  // the operator, as EXPLAIN names it (GroupAggregate, WindowAggregate, ...)
  std::vector<InstanceStats> instances;
  // The busiest instance's rows in over the mean (1: even; N: one instance got every row).
  double skew() const {
    uint64_t total = 0, most = 0;
    for (const auto& i : instances) total += i.rows_in, most = std::max(most, i.rows_in);
    return total == 0 ? 1.0 : double(most) * double(instances.size()) / double(total);
  }
};

// Counters of a running or finished query.
struct QueryStats {
  uint64_t rows_in = 0;       // rows read from sources
  uint64_t rows_out = 0;      // changes delivered to the subscriber or sink
  uint64_t late_rows = 0;     // rows that arrived at or behind the watermark
  uint64_t skipped_rows = 0;  // malformed records skipped by 'csv.ignore-parse-errors' etc.
  Timestamp watermark = kMinTimestamp;
  uint64_t keys = 0;         // live keys in keyed state (GROUP BY, TIMEOUT, windows)
  uint64_t state_bytes = 0;  // approximate bytes of keyed state and timers
  uint64_t timers = 0;       // pending timers
  // Progress through sources of known size (files): bytes consumed and their total size. Both 0
  // when some source's size is not known (stdin, datagen, an embedded stream).
  uint64_t bytes_read = 0;
  uint64_t bytes_total = 0;
  CheckpointProgress checkpoints;
  // The keyed operators that run as several instances, upstream first (none at parallelism 1).
  std::vector<ParallelOperatorStats> parallel_operators;
};

// What Query::poll found.
enum class PollStatus {
  Rows,      // a chunk of changes (at least one)
  Timeout,   // nothing yet: the timeout passed first
  Finished,  // the query has ended (all inputs ended, a LIMIT was reached, or it was cancelled)
};

// A continuous query. Single-threaded: fetch()/run() drive the pipeline on the calling thread;
// cancel() may be called from any thread or a signal handler.
class EDDY_EXPORT Query {
 public:
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  // Result columns. For INSERT INTO the schema is empty and rows go to the sink.
  const Schema& schema() const;
  // True when the result is an updating changelog (-U/+U/-D rows can occur).
  bool is_updating() const;
  // Pulls the next chunk of changes. Returns false when the query has finished (all inputs ended,
  // a LIMIT was reached or it was cancelled); an Error when it failed. A query that checkpoints
  // also returns after each checkpoint, with whatever changes there are (possibly none).
  Result<bool> fetch(Chunk& out);
  // Waits at most `timeout` for the next chunk of changes (each row with its kind: +I/-U/+U/-D,
  // Chunk::kind). It never blocks much past the timeout (a few milliseconds), whatever the
  // sources and the clock: with nothing to do it sleeps until an embedded stream's Input
  // brings something or the timeout passes, looking at the processing clock every 50 ms (so
  // with a ManualClock, a poll after the clock was moved fires the processing-time timers due).
  // Progress without rows (the watermark, checkpoints) is in stats(). An Error when the query
  // failed (after the rows produced before the failure).
  Result<PollStatus> poll(Chunk& out, std::chrono::milliseconds timeout);
  // Runs to the end, pushing every chunk to `on_chunk`.
  Status run(const std::function<void(const Chunk&)>& on_chunk);
  // The same, and `on_progress` with the query's stats whenever its result watermark, its
  // output or its checkpoints moved on: after a chunk, and within about 100 ms of a watermark
  // that brought no rows.
  Status run(const std::function<void(const Chunk&)>& on_chunk,
             const std::function<void(const QueryStats&)>& on_progress);
  // Stops the query at the next batch boundary (also interrupts a blocking stdin read).
  void cancel();
  bool cancelled() const;
  // Takes a checkpoint at the next batch boundary (when the engine checkpoints: 'checkpoint.path').
  void checkpoint();
  QueryStats stats() const;
  // The physical plan, as EXPLAIN prints it, with each keyed operator's live keys, state bytes
  // and timers once the query has run.
  std::string explain() const;

 private:
  friend class Engine;
  explicit Query(std::unique_ptr<QueryRuntime> runtime);
  std::unique_ptr<QueryRuntime> runtime_;
};

// What executing one statement produced: a message, a table, or a query to run.
struct Outcome {
  std::string message;           // e.g. "Stream 'logins' created."
  std::unique_ptr<Table> table;  // SHOW / DESCRIBE / EXPLAIN / SET (no arguments)
  std::unique_ptr<Query> query;  // SELECT / INSERT
  // Things the user should know that are not errors, e.g. "resuming job 1 from checkpoint 7 of
  // ckpt.db" or a damaged checkpoint passed over (the shell prints them on stderr).
  std::vector<std::string> notes;
};

class EDDY_EXPORT Engine {
 public:
  explicit Engine(EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Splits and parses a script into statements; the first syntax error is returned.
  Result<std::vector<Statement>> parse(std::string_view script) const;
  // Executes one parsed statement.
  Result<Outcome> execute(const Statement& statement);
  // Parses and executes every statement of `script` in order, stopping at the first error, and
  // returns the last statement's outcome. Queries other than the last are run to completion
  // with their results discarded.
  Result<Outcome> execute(std::string_view script);
  // The Flink SQL for `script` (docs/flink.md): its CREATE, SET and DROP statements are executed
  // in this engine too, so each statement is read against the streams and views before it; no
  // query runs. An extension Flink cannot express is an error naming the statement and the
  // reason. `base_directory`: the script's folder, for relative paths (Statement::base_directory).
  Result<std::string> to_flink(std::string_view script, const std::string& base_directory = "");

  // Registers a C++ scalar function under `name` (case-insensitive) for this engine's queries.
  // A name already registered, or a built-in function's, is an error.
  Status register_function(std::string name, ScalarFunction fn);
  // Registers a process function, called from SQL as a table function of this engine:
  //   SELECT * FROM name(TABLE t PARTITION BY k [, TABLE u PARTITION BY k] [, constants])
  // (eddy/process_function.h). The same errors, and a spec without make.
  Status register_function(std::string name, ProcessFunctionSpec spec);
  Status register_function(std::string name, CoProcessFunctionSpec spec);

  // The input handle of a stream declared WITH ('connector' = 'embedded'): append rows, advance
  // its watermark, mark it idle, close it (include/eddy/input.h). Any number of handles, one
  // per producer thread; every query over the stream reads what they append.
  Result<Input> input(std::string_view stream);

  // Every function this engine's queries can call: built-in scalar functions, aggregates, window
  // table functions and the registered ones, by name (SHOW FUNCTIONS as a list).
  std::vector<FunctionInfo> functions() const;
  // Words that complete `prefix` (compared case-insensitively) in a statement being typed:
  // keywords, stream and view names, their columns, function names. Sorted, without duplicates;
  // keywords and built-in function names upper case, other names as defined.
  std::vector<std::string> completions(std::string_view prefix) const;

  // Settings (SET / RESET from code). Unknown keys are errors.
  Status set(const std::string& key, const std::string& value);
  std::string setting(const std::string& key) const;
  const EngineOptions& options() const { return options_; }

  void set_print_output(std::FILE* out) { options_.print_output = out; }

 private:
  friend struct EngineInternals;  // api/engine_internals.h: eddy's own code and tests
  // Plans a SELECT / INSERT and, with 'checkpoint.path' set, resumes it from its checkpoint and
  // has it checkpoint there (api/engine_checkpoints.cpp).
  Result<std::unique_ptr<QueryRuntime>> start_query(const Statement& statement,
                                                    std::vector<std::string>& notes);
  PhysicalOptions physical_options() const;

  EngineOptions options_;
  std::unique_ptr<Catalog> catalog_;
  std::shared_ptr<CheckpointStore> store_;  // open while 'checkpoint.path' names it
  int queries_started_ = 0;                 // the job name of the next query is this + 1
};

}  // namespace eddy
