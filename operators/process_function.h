// ProcessFunctionOperator: runs a user's KeyedProcessFunction (one input) or
// KeyedCoProcessFunction (two inputs) called from SQL as a table function
// (include/eddy/process_function.h has the contract users see).
//
// Keys are the PARTITION BY columns, interned like every keyed operator's (KeyedState), so the
// function's declared states are FixedState-like vectors by key id, saved with the key in
// checkpoints, and its timers live in the one TimerService. Rows are handed over in arrival
// order; event-time timers due by a row's arrival watermark (combined over the inputs) fire
// before it, so the output does not depend on the batch size. Output rows carry the watermark
// that was passed on before them (Batch::arrival_watermark).
//
// A key whose states are all empty and that has no timer is forgotten, in sweeps run whenever
// the number of keys has doubled since the last one (amortised O(1) per row).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eddy/clock.h"
#include "eddy/error.h"
#include "eddy/process_function.h"
#include "runtime/operator.h"
#include "state/keyed_state.h"
#include "state/timer_service.h"

namespace eddy {

struct ProcessFunctionConfig {
  std::string name;                            // as called in SQL
  std::vector<Schema> inputs;                  // 1 or 2
  std::vector<std::vector<int>> partition_by;  // per input: the key columns
  std::vector<Value> args;                     // constant arguments
  Schema output;                               // keys, declared columns, rowtime
  const Clock* clock = nullptr;
  std::unique_ptr<KeyedProcessFunction> keyed;  // one input
  std::unique_ptr<KeyedCoProcessFunction> co;   // two inputs
  uint64_t sweep_keys = 1024;  // the first sweep for keys without state (tests lower it)
};

class ProcessFunctionOperator final : public Operator {
 public:
  // Builds the operator and opens the function (which declares its states): errors from open()
  // and duplicate state names are returned.
  static Result<std::unique_ptr<Operator>> create(ProcessFunctionConfig config);

  void on_batch(Batch& batch, int port, Output& out) override;
  void on_input_watermark(int port, Timestamp watermark) override;
  void on_input_idle(int port, bool idle) override;
  void on_watermark(Timestamp watermark, Output& out) override;
  void on_arrival_watermark(Timestamp watermark, Output& out) override;
  void on_processing_time(Timestamp now, Output& out) override;
  void on_end(Output& out) override;
  OperatorDescription describe() const override;

  // ---- for the public Context / Timers / Collector / OpenContext (api/process_function.cpp)
  void register_timer(TimeDomain domain, KeyId key, Timestamp time);
  void delete_timer(TimeDomain domain, Timestamp time);
  KeyId current_key() const { return current_key_; }
  Timestamp watermark() const { return watermark_; }
  Timestamp processing_time() const;
  void collect(const Value* values, size_t count);
  void declare_state(std::string name, std::unique_ptr<detail::StateSlot> slot);

 private:
  explicit ProcessFunctionOperator(ProcessFunctionConfig config);
  class UserState;
  // Runs a call of the user's function, turning its exceptions into a query failure.
  template <class Call>
  void call(const char* what, Call&& fn);
  // Hands row `row` of input `port` to the function; `position`: its number in the operator's
  // input (Batch::positions under a keyed exchange).
  void process_row(const Batch& batch, int port, size_t row, const Column* times,
                   uint64_t position);
  // Event-time timers due by `watermark` fire (their rows carry the watermark before it).
  void advance(Timestamp watermark);
  void fire_due(TimeDomain domain, Timestamp target);
  void fire(KeyId key, Timestamp time, TimeDomain domain);
  void touched(KeyId key);  // the call may have changed the key's states
  void sweep();             // forgets keys with no state and no timer
  void flush(Output& out);
  void update_metrics();

  ProcessFunctionConfig config_;
  KeyedState state_;
  TimerService timers_;
  std::vector<UserState*> user_states_;
  std::vector<BatchKeys> keys_;  // per input
  std::vector<std::vector<Field>> key_fields_;
  std::vector<Timestamp> input_watermarks_;
  std::vector<uint8_t> input_idle_;
  Timestamp watermark_ = kMinTimestamp;  // what the function sees: timers fired up to here
  Timestamp passed_ = kMinTimestamp;     // passed on before the rows being collected now
  uint64_t sweep_at_;
  struct Due {          // a timer due with others at one time
    uint64_t sequence;  // its key's
    KeyId key;
    Timestamp at;  // its own time (earlier than theirs when it was set in the past)
  };
  std::vector<Due> due_;

  // The call in progress: its key, the row it collects for, the rowtime of collected rows.
  uint32_t current_key_ = 0;
  Batch timer_key_;  // the key of a firing timer, decoded
  Row element_, key_;
  Context context_;
  Collector collector_;
  Timestamp out_time_ = 0;
  Batch out_;
  // Per row of out_: the input row whose call collected it, or kFired (a timer's, ordered by
  // orders_), so that a keyed exchange can merge instances (Output::emit_caused / emit_fired).
  static constexpr uint32_t kFired = UINT32_MAX;
  std::vector<uint32_t> origins_;
  std::vector<EmitOrder> orders_;
  bool firing_ = false;  // the call in progress is on_timer
  uint32_t origin_ = 0;  // ...else the row it processes
  EmitOrder order_{};    // ...and if so, its rows' order
};

}  // namespace eddy
