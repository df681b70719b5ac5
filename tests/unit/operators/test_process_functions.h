// Process functions the operator tests run (over restore_property_test's input: k BIGINT, ts
// TIMESTAMP rowtime, v BIGINT, s STRING): every kind of state and both timer domains.
#pragma once

#include <memory>
#include <string>

#include "eddy/process_function.h"
#include "operators/process_function.h"

namespace eddy::test {

// The seed's count-with-timeout, grown: per key a count, the last time, the values seen (a list)
// and a count per string (a map). An event-time timer 30 ms after the key's last row emits
// (count, sum of values, distinct strings) and forgets the key; with `processing`, a
// processing-time timer 25 ms after each row's arrival emits (count, -1, distinct strings).
class CountWithTimeout final : public KeyedProcessFunction {
 public:
  explicit CountWithTimeout(bool processing) : processing_(processing) {}
  void open(OpenContext& ctx) override {
    count_ = ctx.value_state<int64_t>("count");
    last_ = ctx.value_state<Timestamp>("last");
    values_ = ctx.list_state<int64_t>("values");
    strings_ = ctx.map_state<std::string, int64_t>("strings");
  }
  void process_element(const Row& row, Context& ctx, Collector&) override {
    count_.update(count_.value_or(0) + 1);
    last_.update(ctx.timestamp());
    if (!row.is_null(2)) values_.add(row.int_value(2));
    const std::string s(row.string_value(3));
    strings_.put(s, strings_.get(s).value_or(0) + 1);
    ctx.timers().register_event_time_timer(ctx.timestamp() + 30);
    if (processing_)
      ctx.timers().register_processing_time_timer(ctx.current_processing_time() + 25);
  }
  void on_timer(Timestamp at, Context& ctx, Collector& out) override {
    if (ctx.time_domain() == TimeDomain::ProcessingTime) {
      if (count_.has_value())
        out.collect({Value::integer(*count_.value()), Value::integer(-1),
                     Value::integer(int64_t(strings_.entries().size()))});
      return;
    }
    if (!last_.has_value() || *last_.value() + 30 != at) return;  // a later row moved it
    int64_t sum = 0;
    for (int64_t v : values_.get()) sum += v;
    out.collect({Value::integer(*count_.value()),
                 values_.get().empty() ? Value::null(Type::int64()) : Value::integer(sum),
                 Value::integer(int64_t(strings_.entries().size()))});
    count_.clear(), last_.clear(), values_.clear(), strings_.clear();
  }

 private:
  bool processing_;
  ValueState<int64_t> count_;
  ValueState<Timestamp> last_;
  ListState<int64_t> values_;
  MapState<std::string, int64_t> strings_;
};

// Two inputs sharing a key: each row of input 2 emits (rows of input 1 so far, rows of input 2
// so far, 0); a row of input 1 sets an event-time timer 20 ms on that emits the counts with 1
// and clears them.
class CoCount final : public KeyedCoProcessFunction {
 public:
  void open(OpenContext& ctx) override {
    left_ = ctx.value_state<int64_t>("left");
    right_ = ctx.value_state<int64_t>("right");
  }
  void process_element1(const Row&, Context& ctx, Collector&) override {
    left_.update(left_.value_or(0) + 1);
    ctx.timers().register_event_time_timer(ctx.timestamp() + 20);
  }
  void process_element2(const Row&, Context&, Collector& out) override {
    right_.update(right_.value_or(0) + 1);
    out.collect(
        {Value::integer(left_.value_or(0)), Value::integer(*right_.value()), Value::integer(0)});
  }
  void on_timer(Timestamp, Context&, Collector& out) override {
    out.collect(
        {Value::integer(left_.value_or(0)), Value::integer(right_.value_or(0)), Value::integer(1)});
    left_.clear(), right_.clear();
  }

 private:
  ValueState<int64_t> left_, right_;
};

// The operator for one of them over `inputs` copies of `in`, partitioned by column 0.
inline std::unique_ptr<Operator> process_function_operator(const Schema& in, int inputs,
                                                           bool processing, const Clock* clock) {
  ProcessFunctionConfig config;
  config.name = inputs == 1 ? "count_with_timeout" : "co_count";
  config.inputs.assign(inputs, in);
  config.partition_by.assign(inputs, std::vector<int>{0});
  config.output.fields = {in.fields[0],
                          {"cnt", Type::int64(), false},
                          {"total", Type::int64(), true},
                          {"kinds", Type::int64(), false},
                          {"rowtime", Type::timestamp(), false}};
  config.output.rowtime = 4;
  config.clock = clock;
  config.sweep_keys = 2;  // keys are forgotten (and checkpoint deltas remove them) early
  if (inputs == 1)
    config.keyed = std::make_unique<CountWithTimeout>(processing);
  else
    config.co = std::make_unique<CoCount>();
  auto op = ProcessFunctionOperator::create(std::move(config));
  return op ? std::move(op.value()) : nullptr;
}

}  // namespace eddy::test
