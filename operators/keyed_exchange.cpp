#include "operators/keyed_exchange.h"

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <thread>

#include <fmt/format.h>

#include "runtime/failure.h"
#include "state/checkpoint.h"

namespace eddy {

namespace {

constexpr uint64_t kAfterAll = UINT64_MAX;

}  // namespace

// String bytes stay where they are: the batch shares their arenas.
Batch KeyedExchange::gather_rows(const std::vector<RowRef>& refs,
                                 const std::vector<const Batch*>& sources) {
  const size_t n = refs.size();
  Batch out;
  out.rows = n;
  const size_t columns = sources[0]->columns.size();
  for (size_t c = 0; c < columns; ++c) {
    Column& d = out.columns.emplace_back(sources[0]->columns[c].type);
    bool nulls = false;
    for (const Batch* source : sources) nulls |= !source->columns[c].nulls.empty();
    switch (d.type.id) {
      case TypeId::Double:
        d.doubles.resize(n);
        for (size_t j = 0; j < n; ++j) d.doubles[j] = refs[j].rows->columns[c].doubles[refs[j].row];
        break;
      case TypeId::String:
        d.strings.resize(n);
        for (size_t j = 0; j < n; ++j) d.strings[j] = refs[j].rows->columns[c].strings[refs[j].row];
        for (const Batch* source : sources) d.share_arenas(source->columns[c]);
        break;
      default:
        d.ints.resize(n);
        for (size_t j = 0; j < n; ++j) d.ints[j] = refs[j].rows->columns[c].ints[refs[j].row];
        break;
    }
    if (nulls) {
      d.nulls.resize(n);
      for (size_t j = 0; j < n; ++j) d.nulls[j] = refs[j].rows->columns[c].is_null(refs[j].row);
    }
  }
  bool kinds = false, watermarks = false;
  for (const Batch* source : sources) {
    kinds |= !source->kinds.empty();
    watermarks |= !source->arrival_watermark.empty();
  }
  if (kinds) {
    out.kinds.resize(n);
    for (size_t j = 0; j < n; ++j) out.kinds[j] = refs[j].rows->kind(refs[j].row);
  }
  if (watermarks) {
    out.arrival_watermark.resize(n);
    for (size_t j = 0; j < n; ++j) {
      const auto& w = refs[j].rows->arrival_watermark;
      out.arrival_watermark[j] = w.empty() ? kMinTimestamp : w[refs[j].row];
    }
  }
  return out;
}

// Where a row an instance emitted goes in the merged output (compared in member order).
struct KeyedExchange::Place {
  uint64_t position;  // the input row it comes from, or before which its timer fired
  uint8_t cls;        // 0: fired by a timer (before the row's own), 1: caused by the row, 2: other
  Timestamp time;     // fired: EmitOrder
  uint64_t sequence;
  friend bool operator<(const Place& a, const Place& b) {
    if (a.position != b.position) return a.position < b.position;
    if (a.cls != b.cls) return a.cls < b.cls;
    if (a.time != b.time) return a.time < b.time;
    return a.sequence < b.sequence;
  }
};

// What one instance emits during one call, kept for the merge, and where each of its rows goes
// there (place_rows, on the instance's own thread, so that the driver's thread only merges).
class KeyedExchange::Collector final : public Output {
 public:
  struct Segment {
    Batch rows;
    std::vector<uint32_t> origins;  // caused
    std::vector<EmitOrder> order;   // fired
    uint8_t cls = 2;
  };
  std::vector<Segment> segments;
  bool has_watermark = false;
  Timestamp watermark_to = kMinTimestamp;
  bool finished = false;
  std::optional<Failure> failure;
  std::exception_ptr error;
  // Per emitted row, in the order emitted: its place, the row, and the arrival watermark to give
  // it (kMinTimestamp: its own). `sources`: the segments' batches holding rows.
  std::vector<Place> places;
  std::vector<RowRef> refs;
  std::vector<Timestamp> arrival;
  std::vector<const Batch*> sources;
  bool caused_only = true;  // every row caused by an input row

  void reset() {
    segments.clear();
    places.clear();
    refs.clear();
    arrival.clear();
    sources.clear();
    caused_only = true;
    has_watermark = finished = false;
    watermark_to = kMinTimestamp;
    failure.reset();
    error = nullptr;
  }
  void emit(Batch& batch) override { add(batch, 2); }
  void watermark(Timestamp watermark) override {
    has_watermark = true;
    watermark_to = std::max(watermark_to, watermark);
  }
  void finish() override { finished = true; }
  bool wants_origins() const override { return true; }
  void emit_caused(Batch& batch, const std::vector<uint32_t>& origins) override {
    add(batch, 1).origins = origins;
  }
  void emit_fired(Batch& batch, const std::vector<EmitOrder>& order) override {
    add(batch, 0).order = order;
  }

 private:
  Segment& add(Batch& batch, uint8_t cls) {
    Segment& segment = segments.emplace_back();
    segment.rows = std::move(batch);
    segment.cls = cls;
    batch.clear();
    return segment;
  }
};

// One call queued for the instances (pipelining), with what it reads and what each emits.
struct KeyedExchange::Step {
  Call call = Call::Batch;
  Timestamp time = kMinTimestamp;  // Watermark, ProcessingTime, InputWatermark
  int port = 0;                    // Batch, InputWatermark, InputIdle
  bool idle = false;               // InputIdle
  uint64_t base = 0;               // the position of its first row
  size_t rows = 0;
  std::vector<Batch> parts;  // Batch: per instance, its rows and their positions
  std::vector<std::vector<uint64_t>> positions;
  std::vector<Timestamp> fire_by;  // the batch's arrival watermarks (a copy: it is the driver's)
  std::vector<std::unique_ptr<Collector>> collectors;
  CallView view() const { return {call, base, rows, &fire_by, fire_by.size(), nullptr}; }
};

// The worker threads. run() calls body(i) for every instance i at once, 0 on the calling thread,
// and returns when every call has returned (the barrier). start(), then wait(), do the same with
// every instance on a worker thread (instance 0's thread is started on first use), so the
// calling thread can work meanwhile.
class KeyedExchange::Workers {
 public:
  Workers(size_t count, std::function<void(size_t)> body) : body_(std::move(body)) {
    for (size_t i = 1; i < count; ++i) threads_.emplace_back([this, i] { loop(i); });
  }
  ~Workers() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    start_.notify_all();
    start_zero_.notify_all();
    for (auto& thread : threads_) thread.join();
    if (zero_.joinable()) zero_.join();
  }
  void run() {
    begin(false);
    body_(0);
    wait();
  }
  void start() {
    if (!zero_.joinable()) zero_ = std::thread([this] { loop(0); });
    begin(true);
  }
  void wait() {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return pending_ == 0; });
  }

 private:
  void begin(bool with_zero) {
    {
      std::lock_guard lock(mutex_);
      pending_ = threads_.size() + (with_zero ? 1 : 0);
      ++generation_;
      if (with_zero) ++zero_generation_;
    }
    start_.notify_all();
    if (with_zero) start_zero_.notify_one();
  }
  void loop(size_t i) {
    uint64_t seen = 0;
    std::condition_variable& start = i == 0 ? start_zero_ : start_;
    const uint64_t& generation = i == 0 ? zero_generation_ : generation_;
    for (;;) {
      {
        std::unique_lock lock(mutex_);
        start.wait(lock, [&] { return stop_ || generation != seen; });
        if (stop_) return;
        seen = generation;
      }
      body_(i);
      std::lock_guard lock(mutex_);
      if (--pending_ == 0) done_.notify_one();
    }
  }

  std::function<void(size_t)> body_;
  std::vector<std::thread> threads_;  // instances 1 .. N - 1
  std::thread zero_;                  // instance 0, for start()
  std::mutex mutex_;
  std::condition_variable start_, start_zero_, done_;
  uint64_t generation_ = 0, zero_generation_ = 0;
  size_t pending_ = 0;
  bool stop_ = false;
};

KeyedExchange::KeyedExchange(std::vector<std::unique_ptr<Operator>> instances,
                             std::vector<int> key_columns)
    : KeyedExchange(std::move(instances), ExchangeKeys(std::move(key_columns))) {}

KeyedExchange::KeyedExchange(std::vector<std::unique_ptr<Operator>> instances, ExchangeKeys keys)
    : instances_(std::move(instances)), keys_(std::move(keys)) {
  // The tests set 0 so that every call goes through the workers (ThreadSanitizer sees them).
  if (const char* rows = std::getenv("EDDY_EXCHANGE_WORKER_ROWS"); rows && *rows)
    worker_rows_ = size_t(std::strtoull(rows, nullptr, 10));
  const int n = int(instances_.size());
  for (size_t i = 0; i < instances_.size(); ++i)
    collectors_.push_back(std::make_unique<Collector>()),
        second_collectors_.push_back(std::make_unique<Collector>());
  owner_.resize(kKeyGroups);
  for (int g = 0; g < kKeyGroups; ++g) owner_[g] = instance_of_key_group(g, n);
  parts_.resize(instances_.size());
  positions_.resize(instances_.size());
  selection_.resize(instances_.size());
  second_parts_.resize(instances_.size());
  second_positions_.resize(instances_.size());
  for (auto& halves : halves_) halves.resize(instances_.size());
  merged_parts_.resize(instances_.size());
  port_selection_.assign(keys_.ports(), std::vector<std::vector<uint32_t>>(instances_.size()));
  std::vector<OperatorState*> states;
  for (auto& instance : instances_) states.push_back(&instance->checkpointed());
  checkpointed_.fan_out(std::move(states), [this](int group) { return owner_[group]; });
  instance_metrics_.resize(instances_.size());
}

KeyedExchange::~KeyedExchange() {
  if (running_) workers_->wait();  // a unit still on the workers reads this exchange
}

void KeyedExchange::on_batch(Batch& batch, int port, Output& out) {
  know_positions();
  if (pipelined_) {
    if (batch.size() >= worker_rows_) return pipe_batch(batch, port, out);
    drain(out);  // a few rows: in turn on this thread, as without pipelining (worth_workers)
  }
  keys_.route(batch, port, owner_, selection_);
  find_timer_watermarks({port == 0 ? &batch : nullptr, port == 1 ? &batch : nullptr},
                        {{port, batch.size(), kMinTimestamp}});
  const bool own_watermarks = !fire_by_;
  if (!fire_by_) fire_by_ = &batch.arrival_watermark;
  merged_ = false;
  call_rows_ = batch.size();
  batch_ = &batch;
  port_ = port;
  try {
    // (The tests, worker rows 0, halve every batch of two rows or more: the SQL suite and the
    // parallel unit tests then run both ways.)
    const size_t halved = worker_rows_ == 0 ? 2 : kHalvedRows;
    if (own_watermarks && batch.size() >= halved && worth_workers(Call::Batch)) {
      run_in_halves(batch, out);
    } else {
      split_batch(batch, selection_, next_position_, parts_, positions_);
      fire_hi_ = fire_by_->size();
      run(Call::Batch, kMinTimestamp, out);
    }
  } catch (...) {
    next_position_ += batch.size();
    batch_ = nullptr;
    throw;
  }
  next_position_ += batch.size();
  batch_ = nullptr;
  for (auto& part : parts_) part.clear();
  for (auto& part : second_parts_) part.clear();  // their arenas are the batch's
}

void KeyedExchange::on_merged(MergedInputs& merged, Output& out) {
  drain(out);
  know_positions();
  for (size_t port = 0; port < merged.inputs.size(); ++port)
    keys_.route(merged.inputs[port], int(port), owner_, port_selection_[port]);
  split_merged(merged, port_selection_, next_position_, merged_parts_, positions_);
  std::vector<const Batch*> inputs;
  for (const Batch& input : merged.inputs) inputs.push_back(&input);
  find_timer_watermarks(inputs, merged.runs);
  fire_hi_ = fire_by_ ? fire_by_->size() : 0;
  merged_ = true;
  const size_t rows = merged_rows(merged);
  call_rows_ = rows;
  try {
    run(Call::Batch, kMinTimestamp, out);
  } catch (...) {
    next_position_ += rows;
    throw;
  }
  next_position_ += rows;
  for (auto& part : merged_parts_)
    for (auto& input : part.inputs) input.clear();
}

void KeyedExchange::know_positions() {
  if (positions_known_) return;
  // Fresh, or restored: the rows the instances have counted (a checkpoint sums them).
  for (const auto& instance : instances_) next_position_ += instance->metrics().rows_in;
  positions_known_ = true;
}

KeyedExchange::Workers& KeyedExchange::workers() {
  if (!workers_)
    workers_ = std::make_unique<Workers>(instances_.size(), [this](size_t i) {
      if (pipe_unit_)
        run_unit(*pipe_unit_, i);
      else
        run_instance(i);
    });
  return *workers_;
}

void KeyedExchange::run_in_halves(const Batch& batch, Output& out) {
  // Each instance's rows of the first half of the batch, then of the second: two calls, as if
  // the batch had come in two (the output never depends on where batches are cut). The
  // instances work on the second half while this thread merges the first and passes it on.
  const size_t rows = batch.size(), half = rows / 2;
  for (size_t i = 0; i < instances_.size(); ++i) {
    const auto& all = selection_[i];
    const auto cut = std::lower_bound(all.begin(), all.end(), uint32_t(half));
    halves_[0][i].assign(all.begin(), cut);
    halves_[1][i].assign(cut, all.end());
  }
  split_batch(batch, halves_[0], next_position_, parts_, positions_);
  split_batch(batch, halves_[1], next_position_, second_parts_, second_positions_);
  Workers& workers = this->workers();
  call_ = Call::Batch;
  second_ = false;
  // Rows without arrival watermarks (no event time) fire nothing by them.
  const bool stamped = !fire_by_->empty();
  fire_hi_ = stamped ? half : 0;
  workers.start();
  workers.wait();
  if (std::any_of(collectors_.begin(), collectors_.end(),
                  [](const auto& c) { return c->failure || c->error; })) {
    // A failure in the first half: its rows before it go out, then its error (merge throws).
    sum_metrics();
    merge(out, collectors_, positions_, view());
  }
  second_ = true;
  fire_hi_ = stamped ? rows : 0;
  workers.start();
  try {
    merge(out, collectors_, positions_, view());
  } catch (...) {
    workers.wait();  // a failure downstream: the instances must be idle before it unwinds
    second_ = false;
    throw;
  }
  workers.wait();
  second_ = false;
  sum_metrics();
  merge(out, second_collectors_, second_positions_, view());
}

void KeyedExchange::find_timer_watermarks(const std::vector<const Batch*>& inputs,
                                          const std::vector<MergedInputs::Run>& runs) {
  due_.clear();
  carried_by_.clear();
  fire_by_ = carried_ = nullptr;
  if (instances_[0]->timer_watermarks(inputs, runs, due_, carried_by_)) {
    fire_by_ = &due_;
    carried_ = &carried_by_;
  }
}

void KeyedExchange::on_input_watermark(int port, Timestamp watermark) {
  if (pipelined_) {
    Step& step = stage(Call::InputWatermark);
    step.port = port;
    step.time = watermark;
    return;
  }
  for (auto& instance : instances_) instance->on_input_watermark(port, watermark);
}

void KeyedExchange::on_input_idle(int port, bool idle) {
  if (pipelined_) {
    Step& step = stage(Call::InputIdle);
    step.port = port;
    step.idle = idle;
    return;
  }
  for (auto& instance : instances_) instance->on_input_idle(port, idle);
}

void KeyedExchange::on_watermark(Timestamp watermark, Output& out) {
  if (pipelined_) {
    stage(Call::Watermark).time = watermark;
    return;
  }
  run(Call::Watermark, watermark, out);
}

void KeyedExchange::on_processing_time(Timestamp now, Output& out) {
  if (pipelined_) {
    stage(Call::ProcessingTime).time = now;
    return;
  }
  run(Call::ProcessingTime, now, out);
}

void KeyedExchange::on_end(Output& out) {
  drain(out);
  run(Call::End, kMaxTimestamp, out);
}

bool KeyedExchange::can_pipeline() const {
  return instances_.size() > 1 && !instances_[0]->takes_merged();
}

KeyedExchange::Step& KeyedExchange::stage(Call call) {
  Unit& unit = units_[staged_];
  if (unit.size == unit.steps.size()) {
    auto step = std::make_unique<Step>();
    step->parts.resize(instances_.size());
    step->positions.resize(instances_.size());
    for (size_t i = 0; i < instances_.size(); ++i)
      step->collectors.push_back(std::make_unique<Collector>());
    unit.steps.push_back(std::move(step));
  }
  Step& step = *unit.steps[unit.size++];
  step.call = call;
  step.time = kMinTimestamp;
  step.port = 0;
  step.idle = false;
  step.base = next_position_;
  step.rows = 0;
  step.fire_by.clear();
  return step;
}

void KeyedExchange::pipe_batch(Batch& batch, int port, Output& out) {
  // Routed and split here while the unit before runs; its parts share the batch's arenas, and
  // the batch's arrival watermarks are copied, so the driver may reuse the batch at once.
  Step& step = stage(Call::Batch);
  step.port = port;
  step.rows = batch.size();
  keys_.route(batch, port, owner_, selection_);
  split_batch(batch, selection_, next_position_, step.parts, step.positions);
  step.fire_by = batch.arrival_watermark;
  next_position_ += batch.size();
  hand_over(out);
}

void KeyedExchange::hand_over(Output& out) {
  Workers& workers = this->workers();
  if (running_) workers.wait();
  running_ = false;
  if (pipe_failed_) {
    units_[0].size = units_[1].size = 0;
    return;
  }
  sum_metrics();
  Unit& ran = units_[1 - staged_];
  Unit& next = units_[staged_];
  pipe_unit_ = &next;
  workers.start();
  running_ = true;
  staged_ = 1 - staged_;  // `ran` stages the next calls once merged
  try {
    merge_unit(ran, out);
  } catch (...) {
    workers.wait();  // the instances must be idle before the failure unwinds
    running_ = false;
    pipe_failed_ = true;
    ran.size = next.size = 0;
    throw;
  }
  ran.size = 0;
}

void KeyedExchange::drain(Output& out) {
  if (!pipelined_) return;
  if (running_) workers().wait();
  running_ = false;
  pipe_unit_ = nullptr;
  Unit& ran = units_[1 - staged_];
  Unit& staged = units_[staged_];
  if (pipe_failed_) {
    ran.size = staged.size = 0;
    return;
  }
  try {
    sum_metrics();
    merge_unit(ran, out);
    ran.size = 0;
    // The calls since the last batch (watermarks, the clock): in turn on this thread.
    for (size_t i = 0; i < instances_.size(); ++i) run_unit(staged, i);
    sum_metrics();
    merge_unit(staged, out);
  } catch (...) {
    pipe_failed_ = true;
    ran.size = staged.size = 0;
    throw;
  }
  staged.size = 0;
}

void KeyedExchange::run_unit(const Unit& unit, size_t i) {
  // An instance that fails stops there, as one instance would; its later steps emit nothing.
  bool failed = false;
  for (size_t s = 0; s < unit.size; ++s) {
    Step& step = *unit.steps[s];
    if (failed) {
      step.collectors[i]->reset();
      continue;
    }
    run_step(step, i);
    failed = step.collectors[i]->failure || step.collectors[i]->error;
  }
}

void KeyedExchange::run_step(Step& step, size_t i) {
  Collector& collector = *step.collectors[i];
  Operator& instance = *instances_[i];
  run_guarded(collector, step.positions[i], step.view(), [&] {
    switch (step.call) {
      case Call::Batch:
        if (!step.parts[i].empty()) instance.on_batch(step.parts[i], step.port, collector);
        // Timers due by the arrival watermarks of rows other instances took fire now too.
        if (!step.fire_by.empty()) instance.on_arrival_watermark(step.fire_by.back(), collector);
        break;
      case Call::Watermark:
        instance.on_watermark(step.time, collector);
        break;
      case Call::ProcessingTime:
        instance.on_processing_time(step.time, collector);
        break;
      case Call::End:
        instance.on_end(collector);
        break;
      case Call::InputWatermark:
        instance.on_input_watermark(step.port, step.time);
        break;
      case Call::InputIdle:
        instance.on_input_idle(step.port, step.idle);
        break;
    }
  });
}

void KeyedExchange::merge_unit(Unit& unit, Output& out) {
  for (size_t s = 0; s < unit.size; ++s) {
    Step& step = *unit.steps[s];
    try {
      merge(out, step.collectors, step.positions, step.view());
    } catch (Failure& failure) {
      failure.set_earlier_batch();
      throw;
    }
  }
}

void KeyedExchange::run(Call call, Timestamp time, Output& out) {
  call_ = call;
  time_ = time;
  const bool parallel = worth_workers(call);
  if (!parallel) {
    for (size_t i = 0; i < instances_.size(); ++i) run_instance(i);
  } else {
    workers().run();
  }
  sum_metrics();
  if (call == Call::Watermark) {
    watermark_rows_ = 0;
    for (const auto& collector : collectors_)
      for (const auto& segment : collector->segments) watermark_rows_ += segment.rows.size();
  }
  merge(out, collectors_, positions_, view());
}

bool KeyedExchange::worth_workers(Call call) const {
  // Waking the workers costs a thread switch each way per instance (10-20 us): worth it when
  // the instances have much to do. A batch of many rows (a join of two inputs of one source may
  // get runs of a few rows); a watermark that fires (when the instances know their next timer,
  // Operator::next_event_time: a window's end), else one while timers are pending unless the
  // previous one fired few rows (a batch's rows fire most timers by their arrival watermarks: a
  // join's watermark after each batch expires a few rows); the end while timers are pending.
  // Otherwise the driver's thread makes the calls in turn: the merge gives the same output.
  switch (call) {
    case Call::Batch:
      return call_rows_ >= worker_rows_;
    case Call::Watermark: {
      if (metrics_.timers == 0) return false;
      const Timestamp next = next_event_time();
      return next == kMinTimestamp ? watermark_rows_ >= worker_rows_ : next <= time_;
    }
    case Call::End:
      return metrics_.timers > 0;
    case Call::ProcessingTime:
    case Call::InputWatermark:
    case Call::InputIdle:
      return false;
  }
  return true;
}

void KeyedExchange::run_instance(size_t i) {
  Collector& collector = second_ ? *second_collectors_[i] : *collectors_[i];
  Operator& instance = *instances_[i];
  run_guarded(collector, second_ ? second_positions_[i] : positions_[i], view(), [&] {
    switch (call_) {
      case Call::Batch: {
        // Merged inputs go to every instance: the runs move its inputs' watermarks on.
        Batch& part = second_ ? second_parts_[i] : parts_[i];
        if (merged_)
          instance.on_merged(merged_parts_[i], collector);
        else if (!part.empty())
          instance.on_batch(part, port_, collector);
        // Timers due by the arrival watermarks of rows other instances took fire now too.
        if (fire_by_ && fire_hi_ > 0)
          instance.on_arrival_watermark((*fire_by_)[fire_hi_ - 1], collector);
        break;
      }
      case Call::Watermark:
        instance.on_watermark(time_, collector);
        break;
      case Call::ProcessingTime:
        instance.on_processing_time(time_, collector);
        break;
      case Call::End:
        instance.on_end(collector);
        break;
      case Call::InputWatermark:
      case Call::InputIdle:
        break;  // (pipelining only: run_step)
    }
  });
}

template <class F>
void KeyedExchange::run_guarded(Collector& collector, const std::vector<uint64_t>& positions,
                                const CallView& call, F&& run) {
  collector.reset();
  try {
    run();
  } catch (const Failure& failure) {
    collector.failure = failure;
  } catch (...) {
    collector.error = std::current_exception();
  }
  if (collector.error) return;
  try {
    place_rows(collector, positions, call);
  } catch (...) {
    collector.error = std::current_exception();
  }
}

void KeyedExchange::place_rows(Collector& collector, const std::vector<uint64_t>& positions,
                               const CallView& call) {
  // (Runs on the instance's thread right after its call, on a collector reset before it: reads
  // the call's inputs, which stay put until the merge, and writes only the collector.)
  size_t total = 0;
  for (auto& segment : collector.segments) total += segment.rows.size();
  collector.places.reserve(total);
  collector.refs.reserve(total);
  collector.arrival.reserve(total);
  const bool in_batch = call.call == Call::Batch;
  const uint64_t base = call.base;
  const std::vector<Timestamp>* watermarks = in_batch ? call.fire_by : nullptr;
  const size_t fired_to = call.fire_hi;
  const bool stamped = watermarks && fired_to > 0;
  size_t k = 0;  // stamped: the last timer row's place in the batch
  for (auto& segment : collector.segments) {
    const Batch& rows = segment.rows;
    if (rows.empty()) continue;
    collector.sources.push_back(&rows);
    collector.caused_only &= segment.cls == 1;
    for (size_t r = 0; r < rows.size(); ++r) {
      Place& place = collector.places.emplace_back();
      place.cls = segment.cls;
      place.time = 0;
      place.sequence = 0;
      Timestamp fixed = kMinTimestamp;
      if (segment.cls == 1) {
        place.position = in_batch ? positions[segment.origins[r]] : kAfterAll - 1;
      } else if (segment.cls == 0) {
        place.time = segment.order[r].time;
        place.sequence = segment.order[r].sequence;
        place.position = 0;
        if (stamped) {
          // Where one instance fires it: before the first row whose arrival watermark reaches
          // its time; that row's predecessor's watermark is the one it would carry. (In halves,
          // a timer row of the first half fires before its end: up to fired_to.)
          k = first_reaching(std::span(*watermarks).first(fired_to), place.time, k);
          place.position = base + k;
          if (call.carried)
            fixed = k < call.carried->size() ? (*call.carried)[k] : kMinTimestamp;
          else if (k > 0)
            fixed = (*watermarks)[k - 1];
        }
      } else {
        place.position = kAfterAll;
      }
      collector.refs.push_back({&rows, uint32_t(r)});
      collector.arrival.push_back(fixed);
    }
  }
}

void KeyedExchange::merge(Output& out, const std::vector<std::unique_ptr<Collector>>& collectors,
                          const std::vector<std::vector<uint64_t>>& positions,
                          const CallView& call) {
  const size_t n = instances_.size();
  for (auto& collector : collectors)
    if (collector->error) std::rethrow_exception(collector->error);
  const bool in_batch = call.call == Call::Batch;
  const uint64_t base = call.base;
  // The failure at the earliest row (ties: the first instance).
  int failed = -1;
  uint64_t cut = kAfterAll;
  for (size_t i = 0; i < n; ++i) {
    const auto& failure = collectors[i]->failure;
    if (!failure) continue;
    uint64_t at = 0;
    if (in_batch && !positions[i].empty()) {
      const uint32_t row = failure->operator_row();
      at = row < positions[i].size() ? positions[i][row] : positions[i][0];
    }
    if (failed < 0 || at < cut) failed = int(i), cut = at;
  }

  // The instances' outputs (each in place order, placed by place_rows) in one order.
  // (Scratch vectors are members, reused: this runs per call on the driver's thread.)
  size_t total = 0;
  std::vector<const Batch*> sources;
  bool all_caused = in_batch && failed < 0;
  for (auto& collector : collectors) {
    total += collector->places.size();
    sources.insert(sources.end(), collector->sources.begin(), collector->sources.end());
    all_caused &= collector->caused_only;
  }
  auto& refs = rows_of_;
  auto& arrival = arrival_;
  refs.clear();
  arrival.clear();
  if (all_caused) {
    // Only rows caused by input rows (a GROUP BY's changelog): their places are the positions of
    // this call's rows, each row's outputs from one instance, so a counting sort orders them.
    auto& first = first_of_position_;
    first.assign(call.rows + 1, 0);
    for (auto& collector : collectors)
      for (const Place& place : collector->places) ++first[place.position - base + 1];
    for (size_t j = 1; j < first.size(); ++j) first[j] += first[j - 1];
    refs.resize(total);
    arrival.resize(total);
    for (auto& collector : collectors)
      for (size_t h = 0; h < collector->places.size(); ++h) {
        const uint32_t to = first[collector->places[h].position - base]++;
        refs[to] = collector->refs[h];
        arrival[to] = collector->arrival[h];
      }
  } else {
    // A k-way merge, up to the failing row.
    refs.reserve(total);
    arrival.reserve(total);
    std::vector<size_t> head(n, 0);
    for (;;) {
      int best = -1;
      for (size_t i = 0; i < n; ++i)
        if (head[i] < collectors[i]->places.size() &&
            (best < 0 || collectors[i]->places[head[i]] < collectors[best]->places[head[best]]))
          best = int(i);
      if (best < 0) break;
      const Collector& from = *collectors[best];
      const Place& place = from.places[head[best]];
      if (failed >= 0 && (place.position > cut || (place.position == cut && place.cls != 0))) break;
      refs.push_back(from.refs[head[best]]);
      arrival.push_back(from.arrival[head[best]]);
      ++head[best];
    }
  }
  if (!refs.empty()) {
    Batch merged;
    if (sources.size() == 1 && refs.size() == total) {
      // One batch, whole and in order (rows of one instance are): passed on as it is.
      merged = std::move(*const_cast<Batch*>(sources[0]));
    } else {
      merged = gather_rows(refs, sources);
    }
    for (size_t j = 0; j < refs.size(); ++j)
      if (arrival[j] != kMinTimestamp) merged.arrival_watermark[j] = arrival[j];
    out.emit(merged);
  }

  if (failed >= 0) {
    Collector& collector = *collectors[failed];
    if (collector.has_watermark) out.watermark(collector.watermark_to);
    Failure failure = *collector.failure;
    if (in_batch && !positions[failed].empty()) {
      // Name the row by its index in the exchange's input, as one instance would.
      if (failure.row() != Failure::kNoRow) failure.set_row(uint32_t(cut - base));
      if (failure.operator_row() != Failure::kNoRow) failure.set_operator_row(uint32_t(cut - base));
    }
    throw failure;
  }
  bool watermarked = false, finished = false;
  Timestamp watermark = kMinTimestamp;
  for (auto& collector : collectors) {
    watermarked |= collector->has_watermark;
    finished |= collector->finished;
    watermark = std::max(watermark, collector->watermark_to);
  }
  if (watermarked) out.watermark(watermark);
  if (finished) out.finish();
}

Timestamp KeyedExchange::next_event_time() const {
  Timestamp next = kMaxTimestamp;
  for (const auto& instance : instances_) {
    const Timestamp at = instance->next_event_time();
    if (at == kMinTimestamp) return kMinTimestamp;
    next = std::min(next, at);
  }
  return next;
}

void KeyedExchange::sum_metrics() {
  OperatorMetrics sum;
  instance_metrics_.clear();
  for (const auto& instance : instances_) {
    const OperatorMetrics& m = instance->metrics();
    instance_metrics_.push_back(m);
    sum.rows_in += m.rows_in;
    sum.rows_out += m.rows_out;
    sum.late_rows += m.late_rows;
    sum.keys += m.keys;
    sum.state_bytes += m.state_bytes;
    sum.timers += m.timers;
  }
  metrics_ = sum;
}

OperatorDescription KeyedExchange::describe() const {
  OperatorDescription d = instances_[0]->describe();
  d.properties.emplace_back(
      "parallelism", fmt::format("{} instances, rows routed by key group", instances_.size()));
  return d;
}

}  // namespace eddy
