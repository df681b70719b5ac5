// LateRows: what an operator does with a row it must leave out because the result the row would
// change has already been emitted (DESIGN.md §2: a window that already fired, a session or
// timeout span that already ended). Rows merely behind the watermark are not late by themselves;
// only the operators that emit final results per time span have late rows.
//
// The policy comes from the stream the rows were read from ('late.policy', 'late.sink'):
//   drop   count the row (OperatorMetrics::late_rows) and discard it;
//   error  fail the query, naming the stream, the row's time, the watermark and the operator;
//   route  count the row and write it to the 'late.sink' stream, in arrival order, before the
//          batch it came in has been answered (flush() after each batch).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/batch.h"
#include "runtime/source.h"
#include "state/operator_state.h"

namespace eddy {

// drop: count and discard; error: fail the query; route: count and write to the 'late.sink'.
enum class LatePolicy { Drop, Error, Route };
const char* late_policy_name(LatePolicy policy);

struct LateRowsConfig {
  LatePolicy policy = LatePolicy::Drop;
  std::string stream;  // the stream whose policy applies (error messages, EXPLAIN)
  // Route: the 'late.sink' (shared by every operator of the query that routes to it), its name,
  // its column types, and for each of its columns the operator input column that fills it.
  std::shared_ptr<Sink> sink;
  std::string sink_name;
  Schema sink_schema;
  std::vector<int> columns;
};

class LateRows {
 public:
  LateRows() = default;
  explicit LateRows(LateRowsConfig config);

  // Row `row` of `batch` (an operator input batch, time `ts`) is late at `watermark`: counts
  // it and routes it, or fails the query with the reason `why()` gives ("its TUMBLE window,
  // ending at ..., has already fired"), which is built only then.
  template <typename Why>
  void add(const Batch& batch, size_t row, Timestamp ts, Timestamp watermark, Why&& why) {
    if (config_.policy == LatePolicy::Error) fail(row, ts, watermark, why());
    add(batch, row);
  }
  // Writes the routed rows collected since the last flush to the late sink.
  void flush();
  // End of input: flush() and let the sink flush its own buffers.
  void finish();
  uint64_t count() const { return count_; }
  // The late-row count survives restarts (the routed rows are flushed after every batch).
  void declare(OperatorState& state) { state.counter("late.count", count_); }
  // "drop", "error" or "route to late_events", for EXPLAIN.
  std::string describe() const;
  bool fails() const { return config_.policy == LatePolicy::Error; }
  bool routes() const { return config_.policy == LatePolicy::Route; }

 private:
  void add(const Batch& batch, size_t row);
  [[noreturn]] void fail(size_t row, Timestamp ts, Timestamp watermark,
                         const std::string& why) const;

  LateRowsConfig config_;
  uint64_t count_ = 0;
  Batch routed_;  // rows waiting for flush(), in the late sink's column types
};

}  // namespace eddy
