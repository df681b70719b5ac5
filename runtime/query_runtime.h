// The driver of one running query: pulls batches from its sources, pushes them through the
// operator graph, tracks watermarks per operator input and collects the result (for a
// subscriber) or writes it to a sink. Single-threaded; fetch() advances it.
//
// Several sources are read in event-time order (DESIGN.md §2): the driver always forwards rows
// from the input whose next row has the smallest rowtime (ties go to the earlier input), cutting
// batches at row granularity so the interleaving never depends on the batch size. When every
// source of an operator's input has ended, that input's watermark jumps to +infinity.
//
// Interleaved inputs would reach operators as runs of a row or two. When every source reaches
// one multi-input operator (a UNION ALL, a join) through row-wise operators (Scan, Calc;
// Operator::row_wise) and operators that place what they emit (windows; Operator::places_rows)
// only, and that operator takes merged inputs (Operator::takes_merged), the driver instead plans
// the runs the row-at-a-time merge would forward, up to where some input's read rows run out,
// numbers the rows by their place in that merge (Batch::sequence), forwards each input's rows as
// one batch through its operators, and hands what arrives to the operator at once with the plan
// (MergedInputs), each run with its input's watermark after it (the arrival watermark of the
// input's next row, as the Scan stamped it). The operator walks the runs in order, so its output
// is the same as with runs forwarded one by one. What a window emits on the way gets a place as
// with batch size 1: a row caused by an input row, that row's; a row fired by a timer of time T,
// that of the input's last row before the first whose arrival watermark reaches T (it fires at
// the watermark after that row), with that row's arrival watermark.
//
// An operator that finishes early (a LIMIT reached) ends only its own branch: the operators and
// sources feeding it stop (sources are closed and no longer pulled, nothing more is delivered to
// those operators), and its downstream input ends as if those sources had run out, so its
// +infinity watermark no longer holds back the other inputs. The query ends when its root
// finishes.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "eddy/clock.h"
#include "eddy/engine.h"
#include "runtime/batch.h"
#include "runtime/operator.h"
#include "runtime/source.h"
#include "state/checkpoint.h"

namespace eddy {

class Failure;

class CheckpointStore;

// How a query checkpoints (runtime/query_checkpoint.cpp): where, as which job, and how often.
struct CheckpointConfig {
  std::shared_ptr<CheckpointStore> store;
  std::string job;                // "1", "2", ...: the query's ordinal in its script
  std::string statement;          // normalized statement text
  std::string fingerprint;        // statement + plan: a resumed query must match it
  int64_t interval_ms = 0;        // processing time between checkpoints (0: not by time)
  uint64_t interval_records = 0;  // input records between checkpoints (0: not by records)
  bool incremental = true;        // write only the keys changed since the previous checkpoint
  uint64_t full_every = 10;       // ...but a full one after this many deltas
};

// What SHOW QUERIES reports about one query of an Engine: a snapshot the query's own thread
// refreshes after every fetch, so other threads read it safely.
struct QueryRecord {
  int id = 0;
  std::string text;
  mutable std::mutex mutex;
  std::string status = "created";  // running, finished, cancelled, failed: <message>
  QueryStats stats;
  std::atomic<bool> checkpoint_requested{false};  // CHECKPOINT, from any thread
};

class QueryRuntime {
 public:
  QueryRuntime(size_t batch_size, std::shared_ptr<Clock> clock);
  ~QueryRuntime();

  // ---- building (the physical planner)
  // Adds an operator with `inputs` input ports; returns its node id.
  int add_operator(std::unique_ptr<Operator> op, int inputs);
  // Routes node `from`'s output to input `port` of node `to`.
  void connect(int from, int to, int port);
  // A source feeding input `port` of node `to`. `schema` is the source's physical schema.
  // `idle_timeout_ms` > 0: after that long without data (by the query's clock) the source is
  // idle and stops holding back the watermark of operators with several inputs, and the
  // event-time merge stops waiting for it, until it delivers rows again ('source.idle-timeout').
  void add_source(std::unique_ptr<Source> source, const Schema& schema, int to, int port,
                  int64_t idle_timeout_ms = 0);
  // The node whose output is the query result, delivered to fetch() or, with set_sink, written
  // to the stream `name` whose columns are `schema` (NOT NULL columns are enforced).
  void set_root(int node, Schema result_schema, bool updating);
  void set_sink(std::unique_ptr<Sink> sink, std::string name, Schema schema);
  // A 'late.sink' some operator writes to: committed and rolled back with the checkpoints.
  void add_late_sink(std::string name, std::shared_ptr<Sink> sink);
  // The operator tree as EXPLAIN prints it, under a first line `root_label` (empty: the one
  // given before). Keyed operators add their live keys, state bytes and timers once running.
  std::string explain(const std::string& root_label = "") const;
  void set_plan_text(std::string text) { plan_text_ = std::move(text); }
  // 'state.max-bytes': once the keyed state of all operators together exceeds `bytes` the query
  // fails, naming the operator holding the most (0: no limit). Checked after every step.
  void set_state_budget(uint64_t bytes) { state_budget_ = bytes; }
  // Where this query reports its progress for SHOW QUERIES.
  void set_record(std::shared_ptr<QueryRecord> record) { record_ = std::move(record); }

  // ---- running
  const Schema& schema() const { return result_schema_; }
  bool is_updating() const { return updating_; }
  const std::string& plan_text() const { return plan_text_; }
  const std::atomic<bool>& cancel_flag() const { return cancel_; }
  // What the sources are told about waiting (ConnectorContext::wait).
  SourceWait& source_wait() { return wait_; }
  using Deadline = std::chrono::steady_clock::time_point;
  // Runs the query until it has a chunk of changes (Rows), has ended (Finished) or, with a
  // deadline, the deadline has passed (Timeout: no call blocks much past it; sources are told
  // how long they may block). While every input it waits for is fed from code (an embedded
  // stream) it sleeps until one gets something, else it asks them again; either way it looks at
  // the processing clock at least every kWaitSliceMs. `at_checkpoints`: also returns Rows (maybe
  // none) after each checkpoint (Query::fetch does).
  Result<PollStatus> poll(Chunk& out, std::optional<Deadline> deadline, bool at_checkpoints);
  // Blocks until rows (true) or the end (false): poll without a deadline, at checkpoints too.
  Result<bool> fetch(Chunk& out);
  void cancel() { cancel_.store(true); }

  // ---- checkpoints (runtime/query_checkpoint.cpp)
  // Checkpoints go to `config.store`: every interval, when requested, when the query ends or is
  // cancelled. Taken at a batch boundary on the driver thread, once every result produced so far
  // has been fetched; fetch() returns after each (an INSERT's caller sees its progress).
  void set_checkpointing(CheckpointConfig config);
  // Before the first fetch: continue from `data` (a checkpoint of this same job). Operators get
  // their state, sources seek, sinks roll back to the checkpoint.
  Status restore(const CheckpointData& data);
  // A checkpoint at the next batch boundary (any thread).
  void request_checkpoint() { checkpoint_requested_.store(true); }
  bool cancelled() const { return cancel_.load(); }
  QueryStats stats() const;

 private:
  struct Node;
  struct NodeOutput final : Output {
    QueryRuntime* runtime = nullptr;
    int node = -1;
    void emit(Batch& batch) override;
    void watermark(Timestamp watermark) override;
    void finish() override;
    // Merging: rows of an operator that places them get their places (Batch::sequence).
    bool wants_origins() const override;
    void emit_caused(Batch& batch, const std::vector<uint32_t>& origins) override;
    void emit_fired(Batch& batch, const std::vector<EmitOrder>& order) override;
  };
  struct Node {
    std::unique_ptr<Operator> op;
    std::string name;  // describe().name, kept for checkpoints (which match operators by it)
    std::vector<Timestamp> input_watermarks;
    std::vector<bool> input_ended;
    std::vector<bool> input_idle;
    bool idle = false;     // every input idle: this node's output is idle too
    bool stopped = false;  // finished early, or feeds only one that did: gets nothing more
    int trace_input = -1;  // merging: the input whose rows' arrival watermarks it hands out
    int place_input = -1;  // merging: the input whose rows it places (Operator::places_rows)
    std::vector<uint32_t> in_sequence;  // ...and the places of the batch it is processing
    Timestamp watermark = kMinTimestamp;
    int downstream = -1;  // -1: the result
    int downstream_port = 0;
    NodeOutput output;
  };
  struct Input {
    std::unique_ptr<Source> source;
    Schema schema;
    int node = -1;
    int port = 0;
    Batch pending;
    size_t cursor = 0;
    bool exhausted = false;  // the source said End
    bool ended = false;      // ...and every pending row was forwarded
    bool closing = false;    // its branch finished early: close the source on the next step
    int64_t idle_timeout_ms = 0;
    Timestamp quiet_since = kMinTimestamp;  // when it last had nothing to give
    bool idle = false;
    Timestamp source_watermark = kMinTimestamp;  // the source's own (Source::watermark), passed on
    // Merging (merge_step): the port of the merge node it reaches, the arrival watermarks of
    // the rows forwarded (from the Scan) and the rows' places in the merge.
    int merge_port = -1;
    std::vector<Timestamp> trace;
    std::vector<uint32_t> sequence;
    bool has_rows() const { return cursor < pending.size(); }
    Timestamp next_time() const { return time_at(cursor); }
    Timestamp time_at(size_t row) const;
  };
  // One run of the merge plan: input `input`'s rows up to `end` go next.
  struct PlannedRun {
    size_t input;
    size_t end;
  };

  bool step();  // false when it had to wait for an input
  // Waits for an input after a step that had to (see poll), at most until `deadline`.
  void wait_for_input(uint64_t seen, std::optional<Deadline> deadline);
  // Throws when the state outgrows 'state.max-bytes'.
  void check_state_budget();
  bool refill(Input& input);  // false when the input has nothing now (Idle)
  void forward(Input& input, size_t end);
  // Data errors: whether rows keep their indices from node `from` down to `target`, and the
  // source row `row` of `input`'s pending batch named before the message ("n.csv:3: ").
  bool reaches_unchanged(int from, int target) const;
  static void name_origin(Failure& error, const Input& input, size_t row);

  // Pipelining (Operator::pipeline): on for the keyed exchanges where handing a batch's output
  // on one call later changes nothing — one input and no merge, a sink (nothing reads the result
  // between calls), no late sink (written per batch), a source that keeps its rows' origins
  // (Source::row_origins), and only row-wise operators after the exchange. Decided before the
  // first step. A state budget is checked after every step on the exchange's metrics of the
  // batch before: so only a budget of kPipelineBudget or more allows pipelining, and once the
  // state passes half of it the pipelines are drained and turned off (one batch adds far less).
  static constexpr uint64_t kPipelineBudget = uint64_t(256) << 20;
  void plan_pipelines();
  // Everything the pipelined operators hold goes out (their errors named from the batch they
  // came from): before a checkpoint, when the inputs have to be waited for, at the end.
  void drain_pipelines();
  // After a failure: what they hold goes out first; an error in it is the earlier one.
  void drain_after_failure();
  void name_earlier(Failure& error) const;
  bool pipelines_planned_ = false;
  std::vector<int> pipelined_;  // node ids
  // The origins of the rows of the batch forwarded last (an earlier_batch failure is in it),
  // and its first row's index in its source batch.
  std::function<std::string(size_t)> last_origins_;
  size_t last_first_ = 0;
  // The input whose row at its cursor comes first in event time (ties: the earlier input), or
  // inputs_.size() when no input has a row at its cursor.
  size_t earliest_input(const std::vector<size_t>& cursors) const;
  // The end of the run of `chosen` starting at `from`, given the other inputs' next rows at
  // `cursors` (an input at the end of its pending rows is not waiting to go).
  size_t run_end(size_t chosen, size_t from, const std::vector<size_t>& cursors) const;
  // The merge in whole batches (see the top of this file): the operator it feeds, or -1.
  int find_merge_node();
  // Forwards the planned runs at once; false when fewer than two inputs have rows.
  bool merge_step();
  // Merging: the places (and arrival watermarks) of timer rows input `input`'s operators fire.
  void place_fired(const Input& input, Batch& rows, const std::vector<EmitOrder>& order) const;
  void end_input(Input& input);
  void deliver_batch(int node, int port, Batch& batch);
  void deliver_watermark(int node, int port, Timestamp watermark);
  void deliver_end(int node, int port);
  void set_idle(int node, int port, bool idle);
  void finish_node(int node);
  bool feeds(int node, int target) const;
  void recompute_watermark(int node);
  void emit_result(Batch& batch);
  void write_sink_buffer();
  void advance_processing_time();
  void explain_node(int node, const std::string& indent, bool last, std::string& out) const;
  void report(const char* status);
  // Checkpoints: one when due (results all fetched, at a batch boundary), and its parts.
  bool maybe_checkpoint();  // true if it took (or tried) one
  void take_checkpoint();
  std::string save_driver() const;
  bool restore_driver(std::string_view in);

  static constexpr int64_t kWaitSliceMs = 50;

  size_t batch_size_;
  std::shared_ptr<Clock> clock_;
  std::atomic<bool> cancel_{false};
  SourceWait wait_;
  bool input_waits_ = false;  // the last step found an input with nothing now
  bool quiet_input_ = false;  // ...one that does not notify (it blocks in next() instead)
  std::vector<Node> nodes_;
  std::vector<Input> inputs_;
  int merge_node_ = -2;   // -2: not looked for yet
  bool merging_ = false;  // forwarding a merge plan: what reaches merge_node_ is held in merged_
  MergedInputs merged_;
  std::vector<Timestamp> merged_watermarks_;  // per port of merge_node_: reached while merging
  std::vector<PlannedRun> plan_;
  std::vector<size_t> plan_cursors_;
  int root_ = -1;
  Schema result_schema_;
  bool updating_ = false;
  std::unique_ptr<Sink> sink_;
  Batch sink_buffer_;  // small result batches gathered for one sink write
  std::string sink_name_;
  Schema sink_schema_;
  std::optional<Error> failed_;
  uint64_t state_budget_ = 0;
  std::shared_ptr<QueryRecord> record_;
  std::string plan_text_;
  mutable std::string root_label_;

  std::deque<Batch> results_;
  Batch current_;
  bool done_ = false;
  Timestamp processing_time_ = kMinTimestamp;
  Timestamp result_watermark_ = kMinTimestamp;
  uint64_t rows_in_ = 0;
  uint64_t rows_out_ = 0;
  uint64_t skipped_closed_ = 0;  // rows skipped by sources closed early
  // Sizes of the files of sources closed early (QueryStats::bytes_read, bytes_total).
  uint64_t bytes_read_closed_ = 0;
  uint64_t bytes_total_closed_ = 0;

  std::vector<std::pair<std::string, std::shared_ptr<Sink>>> late_sinks_;
  std::optional<CheckpointConfig> checkpointing_;
  std::atomic<bool> checkpoint_requested_{false};
  Timestamp last_checkpoint_at_ = kMinTimestamp;  // processing time of the last checkpoint
  uint64_t last_checkpoint_rows_in_ = 0;
  bool next_checkpoint_full_ = true;  // the first, and any after a failed one or a restore
  bool final_checkpoint_taken_ = false;
  bool initial_checkpoint_due_ = false;
  CheckpointProgress checkpoint_progress_;
};

}  // namespace eddy
