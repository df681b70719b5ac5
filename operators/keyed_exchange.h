// KeyedExchange: a keyed operator (GROUP BY, TIMEOUT, SESSION, TUMBLE/HOP/CUMULATE windows,
// DISTINCT, one-input process functions) run as N instances on N threads, each owning the keys
// of a range of the 128 key groups, with the output of one instance ('parallelism', issue 14).
//
// The driver sees one operator. Per input batch the exchange hashes the key columns once per row
// (BatchKeys::hash, the hash the instances' key indexes give the key), maps the hash to a key
// group (key_group_of_hash) and the group to its instance (Flink's ranges: group * N / 128),
// and splits the batch: each instance gets its rows in order, each row with its arrival
// watermark and its position (Batch::positions: the row's number in the exchange's input since
// the query started). The instances then process their parts at once — instance 0 on the
// driver's thread, the others on the exchange's worker threads — and the driver waits for all
// of them (a barrier), merges what they emitted and passes it on. A call of a few rows (and the
// watermark after it) runs the instances in turn on the driver's thread instead: the same
// output without a barrier's cost (worth_workers). Watermarks, idleness, the
// processing clock and the end of input go to every instance the same way.
//
// The order: one instance's output is a serialisation of rows caused by input rows (a GROUP BY's
// -U/+U, in input order) and rows fired by timers (sorted by EmitOrder: time, then key sequence),
// the timers due by a row's arrival watermark firing before that row. Instances say which is
// which (Output::emit_caused, emit_fired); key and window sequences are row positions, so they
// compare across instances. The exchange gives every row a place (a caused row: its input row's
// position; a timer row fired during a batch: the first row of the whole batch whose arrival
// watermark reaches its time, which is where one instance would have fired it; a timer row fired
// by a watermark or the end: after the batch), sorts timer rows before the caused rows of the
// same place and by (time, sequence) among themselves, and merges the instances' outputs (each
// already in that order) by it. An instance whose rows ended earlier in the batch is brought to
// the batch's last arrival watermark (Operator::on_arrival_watermark), so its timers fire in the
// same batch as they would in one instance, and a timer row fired during a batch gets the
// arrival watermark one instance would have given it (the one before the row where it fires).
//
// Errors: when instances fail, the one that failed at the earliest position wins; the rows that
// one instance would have emitted before that row go out first, then its error is thrown (with
// the row's index in the exchange's input, so the driver names where it came from).
//
// Checkpoints are taken between batches, when the instances are idle: the exchange's state fans
// out over the instances' (OperatorState::fan_out): their key groups (each owned by one
// instance), their equal values, their counters summed — the layout one instance writes, so a
// checkpoint restores at any parallelism. The exchange's own row count is its instances' rows in.
//
// Two inputs (a join, operators/interval_join.h): each input's rows are routed by their side's
// key (ExchangeKeys, operators/exchange_split.h). Merged inputs (on_merged) are split per
// instance with every run kept (its watermark moves the instance's input on) and every row
// numbered by its place in the merge; the places where timer rows fire come from the join
// itself (Operator::timer_watermarks: it fires by the minimum of both inputs' watermarks).
//
// Pipelined (Operator::pipeline, turned on by the driver where it changes nothing: one source, a
// sink, only row-wise operators after the exchange): a batch's call routes the batch and hands it
// to the instances, every one on a worker thread, then merges and passes on the output of the
// batch before while they work; the calls between batches (watermarks, idleness, the clock) are
// queued as steps of the next batch's unit and run by the instances in order. drain() waits for
// the unit in hand and emits everything (the driver calls it before checkpoints, when it waits
// for input, at failures; on_end does too). A unit's failure is thrown by the call that merges it
// (Failure::earlier_batch: the driver names its row from the batch before).
//
// Threads: N - 1 workers, started with the exchange (and one more for instance 0 once a batch
// goes in halves, run_in_halves), joined when it is destroyed. Hand-over is a barrier per call
// (per half), so nothing queues between threads; a cancelled query stops after the batch in
// hand, as with one thread.
#pragma once

#include <memory>
#include <vector>

#include "operators/exchange_split.h"
#include "runtime/operator.h"

namespace eddy {

class KeyedExchange final : public Operator {
 public:
  // `instances`: N >= 1 instances of one keyed operator, built alike. `key_columns`: the input
  // columns of the key their keyed state is keyed by (hashed as their key index hashes it).
  KeyedExchange(std::vector<std::unique_ptr<Operator>> instances, std::vector<int> key_columns);
  // Instances with one or more inputs, rows routed by `keys` (per input port).
  KeyedExchange(std::vector<std::unique_ptr<Operator>> instances, ExchangeKeys keys);
  ~KeyedExchange() override;

  void on_batch(Batch& batch, int port, Output& out) override;
  void on_input_watermark(int port, Timestamp watermark) override;
  void on_input_idle(int port, bool idle) override;
  void on_watermark(Timestamp watermark, Output& out) override;
  void on_processing_time(Timestamp now, Output& out) override;
  void on_end(Output& out) override;
  bool takes_merged() const override { return instances_[0]->takes_merged(); }
  void on_merged(MergedInputs& merged, Output& out) override;
  bool keeps_row_indices() const override { return false; }
  // Pipelined (see the top): the calls queue up as a unit's steps; a batch hands the unit over.
  bool can_pipeline() const override;
  void pipeline(bool on) override { pipelined_ = on; }
  void drain(Output& out) override;
  Timestamp next_event_time() const override;
  // The instances' description, with the parallelism added.
  OperatorDescription describe() const override;
  size_t parallelism() const { return instances_.size(); }
  // Per instance: rows in, keys, state (SHOW QUERIES' skew), as of the last barrier.
  std::vector<OperatorMetrics> instance_metrics() const override { return instance_metrics_; }

 private:
  class Collector;
  class Workers;
  enum class Call { Batch, Watermark, ProcessingTime, End, InputWatermark, InputIdle };
  // What place_rows and merge read of a call: the sync path's members (view()) or a step's.
  struct CallView {
    Call call = Call::Batch;
    uint64_t base = 0;  // the position of the call's first row
    size_t rows = 0;    // Call::Batch: rows in the call
    const std::vector<Timestamp>* fire_by = nullptr;
    size_t fire_hi = 0;
    const std::vector<Timestamp>* carried = nullptr;
  };
  CallView view() const {
    return {call_, next_position_, call_rows_, fire_by_, fire_hi_, carried_};
  }
  // Runs `call` on every instance at once and merges what they emitted into `out`.
  void run(Call call, Timestamp time, Output& out);
  void run_instance(size_t i);
  // Runs one call of an instance (`run`) into `collector`, keeping the failure or error it
  // throws, then places its rows (place_rows); on the instance's thread.
  template <class F>
  void run_guarded(Collector& collector, const std::vector<uint64_t>& positions,
                   const CallView& call, F&& run);
  // Where each row `collector` holds goes in the merged output (`positions`: the instance's input
  // rows' positions); a timer row fired in a batch call goes before the first of the batch's
  // first fire_hi_ rows whose arrival watermark reaches its time. On the instance's thread.
  void place_rows(Collector& collector, const std::vector<uint64_t>& positions,
                  const CallView& call);
  // Merges what `collectors` hold (the instances' output of one call, placed; `positions`: their
  // input rows' positions) into `out`.
  void merge(Output& out, const std::vector<std::unique_ptr<Collector>>& collectors,
             const std::vector<std::vector<uint64_t>>& positions, const CallView& call);

  // Pipelining. A step: one call queued for the instances, with what it reads and what each
  // instance emits; a unit: the steps handed over together (the calls since the last batch,
  // and that batch). One unit runs on the workers (every instance on a worker thread) while
  // the driver's thread stages the next; the one that ran is merged once the next is handed
  // over. A failure in a unit is thrown by the call that merges it, marked earlier_batch.
  struct Step;
  struct Unit {
    std::vector<std::unique_ptr<Step>> steps;  // reused; the first `size` are the unit's
    size_t size = 0;
  };
  Step& stage(Call call);
  void pipe_batch(Batch& batch, int port, Output& out);
  void hand_over(Output& out);                // the staged unit runs; the one before is merged
  void run_unit(const Unit& unit, size_t i);  // instance i's part, on its worker
  void run_step(Step& step, size_t i);
  void merge_unit(Unit& unit, Output& out);
  bool pipelined_ = false;
  bool running_ = false;      // units_[1 - staged_] is on the workers
  bool pipe_failed_ = false;  // a unit failed: nothing more is merged
  Unit units_[2];
  int staged_ = 0;
  const Unit* pipe_unit_ = nullptr;  // the unit the workers run (nullptr: a call of the sync path)
  // A batch of at least kHalvedRows rows: the instances take its first half, then its second
  // while the driver's thread merges the first and passes it on.
  static constexpr size_t kHalvedRows = 1024;
  void run_in_halves(const Batch& batch, Output& out);
  // next_position_ from the instances' row counts, before the first call (fresh or restored).
  void know_positions();
  Workers& workers();  // started on first use
  void sum_metrics();
  // Whether `call` is worth waking the workers for (else the driver's thread runs the instances).
  bool worth_workers(Call call) const;
  // Call::Batch: where the instances' timers fire (fire_by_, carried_), for `runs` of `inputs`.
  void find_timer_watermarks(const std::vector<const Batch*>& inputs,
                             const std::vector<MergedInputs::Run>& runs);

  std::vector<std::unique_ptr<Operator>> instances_;
  std::vector<std::unique_ptr<Collector>> collectors_;
  // run_in_halves: the second half's parts, positions and output (second_: being processed).
  std::vector<std::unique_ptr<Collector>> second_collectors_;
  std::vector<Batch> second_parts_;
  std::vector<std::vector<uint64_t>> second_positions_;
  std::vector<std::vector<uint32_t>> halves_[2];
  bool second_ = false;
  size_t fire_hi_ = 0;  // Call::Batch: the rows done (timers fire by the last one's watermark)
  std::unique_ptr<Workers> workers_;
  ExchangeKeys keys_;
  std::vector<int> owner_;  // per key group: its instance
  // The call in progress (read by the workers between the barrier's start and end).
  Call call_ = Call::Batch;
  Timestamp time_ = kMinTimestamp;
  int port_ = 0;
  const Batch* batch_ = nullptr;                  // Call::Batch: the whole batch
  std::vector<Batch> parts_;                      // Call::Batch: per instance, its rows
  std::vector<std::vector<uint64_t>> positions_;  // ...and their positions
  std::vector<std::vector<uint32_t>> selection_;
  // Call::Batch of merged inputs: per instance its part; per port, per instance, its rows.
  bool merged_ = false;
  std::vector<MergedInputs> merged_parts_;
  std::vector<std::vector<std::vector<uint32_t>>> port_selection_;
  // Call::Batch: per row of the call (merge order), the watermark the instances' timers have
  // fired to before it (the batch's arrival watermarks, or the join's Operator::timer_watermarks)
  // and, when the instances say (carried_), the arrival watermark of a row fired before it.
  const std::vector<Timestamp>* fire_by_ = nullptr;
  const std::vector<Timestamp>* carried_ = nullptr;
  std::vector<Timestamp> due_, carried_by_;
  uint64_t next_position_ = 0;        // rows received so far
  size_t call_rows_ = 0;              // Call::Batch: rows in the call
  size_t watermark_rows_ = SIZE_MAX;  // rows the last Call::Watermark emitted
  // Fewer rows than this run the instances in turn on the driver's thread (worth_workers;
  // $EDDY_EXCHANGE_WORKER_ROWS sets it).
  size_t worker_rows_ = 128;
  struct Place;
  struct RowRef {  // a row of one of the instances' emitted batches
    const Batch* rows;
    uint32_t row;
  };
  // The rows `refs` names, in order, as one batch (`sources`: every batch a ref may point into).
  static Batch gather_rows(const std::vector<RowRef>& refs,
                           const std::vector<const Batch*>& sources);
  std::vector<RowRef> rows_of_;              // merge: the merged rows, reused
  std::vector<Timestamp> arrival_;           // ...and the arrival watermark each gets
  std::vector<uint32_t> first_of_position_;  // merge: counting sort of caused rows
  bool positions_known_ = false;
  // The instances' metrics, copied after each barrier (sum_metrics) so that readers never look
  // at an instance while it runs.
  std::vector<OperatorMetrics> instance_metrics_;
};

}  // namespace eddy
