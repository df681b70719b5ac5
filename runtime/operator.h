// The one interface every physical operator implements. Hooks have default no-op behaviour; an
// operator overrides what it uses. Operators are driven by one thread (the query's driver), so
// hooks never run concurrently and state needs no locking.
//
// State that must survive a restart is declared in the constructor through checkpointed_
// (state/operator_state.h); everything else must be rebuilt per call.
//
// Order of calls for an input port: on_batch(rows) ... then, when the minimum watermark over all
// input ports advances, on_watermark(w). When every input has ended: on_watermark(kMaxTimestamp)
// then on_end(). Rows within a batch may carry their arrival watermark (Batch::arrival_watermark)
// so an operator with timers can fire them between rows exactly as with batch size 1.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "eddy/types.h"
#include "runtime/batch.h"
#include "state/operator_state.h"

namespace eddy {

// Where an operator sends what it produces. The driver connects it to the downstream operator's
// input port, a sink, or the query's result buffer.
class Output {
 public:
  virtual ~Output() = default;
  // Hands over a batch of rows; the receiver may consume (move from) its columns.
  virtual void emit(Batch& batch) = 0;
  // The operator's output watermark advanced to `watermark`.
  virtual void watermark(Timestamp watermark) = 0;
  // The operator will produce nothing more and needs no more input (e.g. LIMIT reached).
  virtual void finish() = 0;

  // Where emitted rows come from, for a keyed exchange (operators/keyed_exchange.h) that runs
  // several instances of a keyed operator and merges what they emit back into the order one
  // instance would emit it in. Keyed operators that may run in an exchange emit through these;
  // every other Output treats them as emit().
  // Rows caused by input rows, in input order: row k by row origins[k] of the batch on_batch is
  // processing (collected only when wants_origins(): it costs a push per row).
  virtual bool wants_origins() const { return false; }
  virtual void emit_caused(Batch& batch, const std::vector<uint32_t>& /*origins*/) { emit(batch); }
  // Rows fired by timers, sorted by `order` (EmitOrder: time, then key sequence), row k's at k.
  virtual void emit_fired(Batch& batch, const std::vector<EmitOrder>& /*order*/) { emit(batch); }
};

// What EXPLAIN prints for one operator: a name, key: value properties, and its inputs below it.
struct OperatorDescription {
  std::string name;                                             // "Calc", "Source", ...
  std::vector<std::pair<std::string, std::string>> properties;  // ("filter", "a > 1"), ...
};

// Counters the driver sums into QueryStats and EXPLAIN/SHOW QUERIES show.
struct OperatorMetrics {
  uint64_t rows_in = 0;
  uint64_t rows_out = 0;
  uint64_t late_rows = 0;
  uint64_t keys = 0;         // live keys in keyed state
  uint64_t state_bytes = 0;  // approximate bytes of keyed state
  uint64_t timers = 0;       // pending timers
};

// The rows of several inputs of one operator, delivered at once together with the order in
// which the driver's event-time merge interleaves them (runtime/query_runtime.h). inputs[p] holds
// input p's rows in order; `runs` says, in merge order, up to which row each input comes next
// and what that input's watermark is after it. Processing the runs in order — a run's rows,
// then its input's watermark — is exactly what one on_batch per run, each followed by
// on_input_watermark and on_watermark, would do; the combined watermark reached by the last run
// is delivered after on_merged returns.
struct MergedInputs {
  struct Run {
    int port;
    size_t end;           // inputs[port]'s rows before `end` come before the next run's
    Timestamp watermark;  // the port's watermark after the run (kMinTimestamp: unchanged)
  };
  std::vector<Batch> inputs;
  std::vector<Run> runs;
};

class Operator {
 public:
  Operator() { checkpointed_.counter("metrics", metrics_); }
  Operator(const Operator&) = delete;  // checkpointed_ points into the operator's fields
  Operator& operator=(const Operator&) = delete;
  virtual ~Operator() = default;

  // Rows arrived on input `port`. The operator may move columns out of `batch`.
  virtual void on_batch(Batch& batch, int port, Output& out) = 0;
  // Input `port`'s own watermark advanced (before the minimum is recomputed). Multi-input
  // operators use it to know each side's progress.
  virtual void on_input_watermark(int /*port*/, Timestamp /*watermark*/) {}
  // Input `port` became idle ('source.idle-timeout') or active again; while idle it does not
  // hold back the watermark.
  virtual void on_input_idle(int /*port*/, bool /*idle*/) {}
  // The minimum watermark over the inputs advanced. Default: pass it on unchanged.
  virtual void on_watermark(Timestamp watermark, Output& out) { out.watermark(watermark); }
  // The processing-time clock advanced to `now` (drives processing-time timers).
  virtual void on_processing_time(Timestamp /*now*/, Output& /*out*/) {}
  // Every input has ended (the watermark has already moved to kMaxTimestamp).
  virtual void on_end(Output& /*out*/) {}
  // An instance of a keyed exchange (operators/keyed_exchange.h): the batch's rows routed to
  // other instances arrived under watermarks up to `watermark`. Fires what a row arriving at
  // `watermark` would fire before it (the timers on_batch fires by Batch::arrival_watermark),
  // so every instance ends a batch where one instance would. Default: nothing to fire.
  virtual void on_arrival_watermark(Timestamp /*watermark*/, Output& /*out*/) {}
  // An instance of a keyed exchange whose timers fire by more than its rows' arrival watermarks
  // (a join: by the minimum with its other input's watermark). For the rows `runs` names, in
  // their order (inputs[p]: input p's rows), per row: `due`, the watermark its timers have fired
  // to before the row, and `carried`, the arrival watermark a row those timers fire carries.
  // Reads only what every instance shares (watermarks), so the exchange asks one before the
  // instances run. False: the timers fire by the rows' arrival watermarks (nothing is filled).
  virtual bool timer_watermarks(const std::vector<const Batch*>& /*inputs*/,
                                const std::vector<MergedInputs::Run>& /*runs*/,
                                std::vector<Timestamp>& /*due*/,
                                std::vector<Timestamp>& /*carried*/) const {
    return false;
  }

  // The earliest time a watermark fires something at (a window's end - 1): on_watermark(w)
  // emits nothing while w is before it (kMaxTimestamp: nothing pending). kMinTimestamp: not
  // known (any watermark may). A keyed exchange wakes its workers for a watermark that fires.
  virtual Timestamp next_event_time() const { return kMinTimestamp; }

  // Multi-input operators that can take their inputs' interleaved rows in whole batches
  // (MergedInputs) say so; the driver then calls on_merged instead of one on_batch per run of a
  // row or two (when every input reaches the operator through row-wise and placing operators
  // only: row_wise, places_rows).
  virtual bool takes_merged() const { return false; }
  virtual void on_merged(MergedInputs& /*inputs*/, Output& /*out*/) {}
  // Each input row gives at most one output row, in order, within on_batch (keeping its
  // Batch::sequence), and watermarks pass on unchanged: Calc, and the WatermarkAssigner (which
  // makes the watermark from the rows).
  virtual bool row_wise() const { return false; }
  // Every row it emits can be placed in the driver's event-time merge: rows emitted with emit()
  // keep their input row's Batch::sequence (a row may go out several times, in order), rows
  // caused by input rows go out through emit_caused, timer rows through emit_fired with times
  // that fire before the first row whose arrival watermark reaches them (as with batch size 1);
  // watermarks pass on unchanged. The driver then hands the operator a merge's rows in whole
  // batches and places what it emits (runtime/query_runtime.h): WindowAssign, GroupAggregate,
  // Distinct, event-time WindowAggregate and TimeoutAggregate. (The planner's list of the plan
  // nodes that build them, planner/physical.cpp below_merge_path, must agree.)
  virtual bool places_rows() const { return false; }
  // Row k of what on_batch emits is row k of its input (rows may be cut off at the end only):
  // the driver then names an error's row further down by the source row it came from.
  virtual bool keeps_row_indices() const { return false; }

  // Pipelining (a keyed exchange, operators/keyed_exchange.h): the driver may let the operator
  // hand on a batch's output during its next call, so that its instances work on the batch while
  // the driver's thread reads and routes the next one. The driver turns it on (pipeline()) only
  // where that cannot change the output (runtime/query_runtime.h), and calls drain() wherever
  // the output must be out: before a checkpoint, when it waits for input, at a failure.
  virtual bool can_pipeline() const { return false; }
  virtual void pipeline(bool /*on*/) {}  // off: only once drained
  virtual void drain(Output& /*out*/) {}

  // Name and properties for EXPLAIN.
  virtual OperatorDescription describe() const = 0;
  const OperatorMetrics& metrics() const { return metrics_; }
  // An operator run as N instances (operators/keyed_exchange.h): each instance's metrics, as of
  // the last call every instance had finished (read on the driver's thread, like metrics()).
  // Empty for an operator that runs once.
  virtual std::vector<OperatorMetrics> instance_metrics() const { return {}; }
  // Everything a checkpoint saves of this operator, declared by its constructor (and its
  // metrics, declared here).
  OperatorState& checkpointed() { return checkpointed_; }

 protected:
  OperatorMetrics metrics_;
  OperatorState checkpointed_;
};

}  // namespace eddy
