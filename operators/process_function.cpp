#include "operators/process_function.h"

#include <algorithm>
#include <exception>

#include <fmt/format.h>

#include "runtime/failure.h"
#include "runtime/suggest.h"
#include "state/bytes.h"

namespace eddy {

// A declared state of the user's function as keyed state: its slot, saved per key with a
// presence byte (so an absent value restores as absent).
class ProcessFunctionOperator::UserState final : public State {
 public:
  UserState(std::string name, std::unique_ptr<detail::StateSlot> slot)
      : State(std::move(name)), slot_(std::move(slot)) {}
  void resize(size_t keys) override { slot_->resize(keys); }
  void clear(KeyId key) override { slot_->clear(key); }
  bool empty(KeyId key) const { return slot_->empty(key); }
  void touch(KeyId key) { changed(key); }
  size_t memory_bytes() const override { return slot_->memory_bytes(); }
  void save_key(KeyId key, std::string& out) const override {
    const bool present = !slot_->empty(key);
    bytes::put<uint8_t>(out, present);
    if (present) slot_->save(key, out);
  }
  bool load_key(KeyId key, std::string_view& in) override {
    uint8_t present = 0;
    if (!bytes::get(in, present)) return false;
    return !present || slot_->load(key, in);
  }

 private:
  std::unique_ptr<detail::StateSlot> slot_;
};

namespace {

// Why `value` cannot go into a column of `field`'s type, or "" when it can.
std::string unfit(const Value& value, const Field& field) {
  if (value.is_null()) return field.nullable ? "" : "NULL into a NOT NULL column";
  if (value_fits(value, field.type)) return "";
  return fmt::format("a {} value ({})", value.type().to_string(), value.to_string());
}

}  // namespace

Result<std::unique_ptr<Operator>> ProcessFunctionOperator::create(ProcessFunctionConfig config) {
  std::unique_ptr<ProcessFunctionOperator> op(new ProcessFunctionOperator(std::move(config)));
  OpenContext open;
  open.op_ = op.get();
  open.key_ = &op->current_key_;
  open.arguments_ = &op->config_.args;
  try {
    if (op->config_.keyed)
      op->config_.keyed->open(open);
    else
      op->config_.co->open(open);
  } catch (const Failure& failure) {
    return failure.error();
  } catch (const std::exception& e) {
    return Error{Error::Kind::Runtime, fmt::format("process function '{}' failed in open(): {}",
                                                   op->config_.name, e.what())};
  }
  return std::unique_ptr<Operator>(std::move(op));
}

ProcessFunctionOperator::ProcessFunctionOperator(ProcessFunctionConfig config)
    : config_(std::move(config)), sweep_at_(config_.sweep_keys) {
  const size_t inputs = config_.inputs.size();
  input_watermarks_.assign(inputs, kMinTimestamp);
  input_idle_.assign(inputs, 0);
  key_fields_.resize(inputs);
  std::vector<Type> key_types;
  for (size_t p = 0; p < inputs; ++p) {
    keys_.emplace_back(config_.partition_by[p]);
    for (int c : config_.partition_by[p]) {
      key_fields_[p].push_back(config_.inputs[p].fields[c]);
      if (p == 0) key_types.push_back(config_.inputs[p].fields[c].type);
    }
  }
  state_.set_key_types(key_types);
  Schema key_schema;
  key_schema.fields = key_fields_[0];
  timer_key_ = Batch::with_schema(key_schema);
  out_ = Batch::with_schema(config_.output);
  context_.key_ = &key_;
  context_.op_ = this;
  context_.timers_.op_ = this;
  collector_.op_ = this;
  checkpointed_.keyed(state_, &timers_);
  checkpointed_.value("watermark", watermark_);
  checkpointed_.value("passed", passed_);
  checkpointed_.values("input_watermarks", input_watermarks_);
  checkpointed_.values("input_idle", input_idle_);
  checkpointed_.value("sweep_at", sweep_at_);
}

void ProcessFunctionOperator::declare_state(std::string name,
                                            std::unique_ptr<detail::StateSlot> slot) {
  for (const auto* state : user_states_) {
    if (state->name() == "user." + name)
      throw Failure(Error{
          Error::Kind::Runtime,
          fmt::format("process function '{}' declares the state '{}' twice", config_.name, name)});
  }
  user_states_.push_back(&state_.declare<UserState>("user." + name, std::move(slot)));
}

template <class Call>
void ProcessFunctionOperator::call(const char* what, Call&& fn) {
  try {
    fn();
  } catch (const Failure&) {
    throw;
  } catch (const std::exception& e) {
    throw Failure(Error{Error::Kind::Runtime, fmt::format("process function '{}' failed in {}: {}",
                                                          config_.name, what, e.what())});
  }
}

void ProcessFunctionOperator::on_batch(Batch& batch, int port, Output& out) {
  metrics_.rows_in += batch.size();
  BatchKeys& keys = keys_[port];
  keys.hash(batch);
  const Schema& schema = config_.inputs[port];
  const Column* times = schema.rowtime >= 0 ? &batch.columns[schema.rowtime] : nullptr;
  Timestamp others = kMaxTimestamp;  // the other input holds back the combined watermark
  for (size_t p = 0; p < input_watermarks_.size(); ++p)
    if (int(p) != port && !input_idle_[p]) others = std::min(others, input_watermarks_[p]);
  element_.batch_ = &batch;
  element_.fields_ = &schema.fields;
  element_.columns_ = nullptr;
  const uint64_t first_row = metrics_.rows_in - batch.size();
  size_t row = 0;
  size_t row_start = 0;  // out_'s rows before the row's (or its timers') own
  try {
    for (; row < batch.size(); ++row) {
      row_start = out_.rows;
      if (!batch.arrival_watermark.empty()) advance(std::min(batch.arrival_watermark[row], others));
      row_start = out_.rows;
      process_row(batch, port, row, times,
                  batch.positions.empty() ? first_row + row : batch.positions[row]);
    }
  } catch (Failure& failure) {
    // What the rows before the failing one emitted goes out first, as with batch size 1 (and as
    // a keyed exchange cuts its instances' output at the failing row); the failing call's own
    // rows do not.
    if (row_start < out_.rows) {
      out_ = out_.slice(0, row_start);
      origins_.resize(row_start);
      orders_.resize(row_start);
    }
    flush(out);
    failure.set_operator_row(uint32_t(row));
    throw;
  }
  flush(out);
}

void ProcessFunctionOperator::process_row(const Batch& batch, int port, size_t row,
                                          const Column* times, uint64_t position) {
  BatchKeys& keys = keys_[port];
  if (state_.key_count() >= sweep_at_) sweep();
  bool inserted = false;
  const KeyId key = state_.intern(keys, row, inserted);
  // A key's sequence (the order of its timers among others due at the same time) is the
  // position of the row that found its states empty: a new key, or one whose states were
  // cleared, whether or not a sweep forgot it since (sweeps differ between instances).
  bool empty = true;
  for (const UserState* state : user_states_) empty = empty && state->empty(key);
  if (inserted || empty) state_.set_sequence(key, position);
  current_key_ = key;
  origin_ = uint32_t(row);
  firing_ = false;
  element_.row_ = row;
  key_.batch_ = &batch;
  key_.row_ = row;
  key_.fields_ = &key_fields_[port];
  key_.columns_ = &config_.partition_by[port];
  context_.timestamp_ = times ? times->ints[row] : processing_time();
  context_.domain_ = TimeDomain::EventTime;
  context_.input_ = port;
  out_time_ = context_.timestamp_;
  if (config_.keyed) {
    call("process_element",
         [&] { config_.keyed->process_element(element_, context_, collector_); });
  } else if (port == 0) {
    call("process_element1", [&] { config_.co->process_element1(element_, context_, collector_); });
  } else {
    call("process_element2", [&] { config_.co->process_element2(element_, context_, collector_); });
  }
  touched(key);
}

void ProcessFunctionOperator::advance(Timestamp watermark) {
  if (watermark <= watermark_) return;
  watermark_ = watermark;  // timers see the new watermark, as in Flink
  fire_due(TimeDomain::EventTime, watermark);
  passed_ = watermark;
}

void ProcessFunctionOperator::fire_due(TimeDomain domain, Timestamp target) {
  auto pop = [&](KeyId& key, Timestamp& at) {
    return domain == TimeDomain::EventTime ? timers_.pop_event_timer(target, key, at)
                                           : timers_.pop_processing_timer(target, key, at);
  };
  // Timers due at the same time fire in the order of their keys' sequences, not by key id:
  // ids are reused and renumbered by a restore, KeyedState::sequence is neither. A timer set
  // at or behind the time fired to already (a past time) fires first, as if due just after it:
  // among the others due then by its key's sequence (so N instances place it as one does).
  Timestamp from = domain == TimeDomain::EventTime ? timers_.current_watermark()
                                                   : timers_.current_processing_time();
  if (from != kMinTimestamp && from != kMaxTimestamp) ++from;
  KeyId key;
  Timestamp at;
  while (pop(key, at)) {
    const Timestamp time = std::max(at, from);
    due_.assign(1, {state_.sequence(key), key, at});
    while (pop(key, at)) {
      if (std::max(at, from) != time) {  // the next time's first timer: back for the next round
        register_timer(domain, key, at);
        break;
      }
      due_.push_back({state_.sequence(key), key, at});
    }
    std::sort(due_.begin(), due_.end(),
              [](const Due& a, const Due& b) { return a.sequence < b.sequence; });
    for (const Due& due : due_) {
      order_ = {time, due.sequence};
      fire(due.key, due.at, domain);
    }
    from = std::max(from, time);
  }
}

void ProcessFunctionOperator::fire(KeyId key, Timestamp time, TimeDomain domain) {
  current_key_ = key;
  timer_key_.clear();
  state_.append_key(key, timer_key_);
  timer_key_.rows = 1;
  key_.batch_ = &timer_key_;
  key_.row_ = 0;
  key_.fields_ = &key_fields_[0];
  key_.columns_ = nullptr;
  context_.timestamp_ = time;
  context_.domain_ = domain;
  context_.input_ = 0;
  out_time_ = time;
  firing_ = true;
  if (config_.keyed)
    call("on_timer", [&] { config_.keyed->on_timer(time, context_, collector_); });
  else
    call("on_timer", [&] { config_.co->on_timer(time, context_, collector_); });
  touched(key);
}

void ProcessFunctionOperator::touched(KeyId key) {
  for (UserState* state : user_states_) state->touch(key);
}

void ProcessFunctionOperator::sweep() {
  std::vector<uint8_t> has_timer(state_.keys().capacity(), 0);
  timers_.for_each_timer([&](TimeDomain, KeyId key, Timestamp) { has_timer[key] = 1; });
  for (KeyId id = 0; id < KeyId(has_timer.size()); ++id) {
    if (!state_.keys().live(id) || has_timer[id]) continue;
    bool empty = true;
    for (const UserState* state : user_states_) empty = empty && state->empty(id);
    if (empty) state_.release(id);
  }
  sweep_at_ = std::max(config_.sweep_keys, state_.key_count() * 2);
}

void ProcessFunctionOperator::on_input_watermark(int port, Timestamp watermark) {
  input_watermarks_[port] = watermark;
}

void ProcessFunctionOperator::on_input_idle(int port, bool idle) { input_idle_[port] = idle; }

void ProcessFunctionOperator::on_watermark(Timestamp watermark, Output& out) {
  advance(watermark);
  flush(out);
  out.watermark(watermark);
}

Timestamp ProcessFunctionOperator::processing_time() const {
  return config_.clock ? config_.clock->now() : 0;
}

void ProcessFunctionOperator::on_arrival_watermark(Timestamp watermark, Output& out) {
  // One input (a keyed exchange runs only those): the rows of the batch other instances took
  // arrived under watermarks up to `watermark`; its timers fire here as before such a row.
  advance(watermark);
  flush(out);
}

void ProcessFunctionOperator::on_processing_time(Timestamp now, Output& out) {
  fire_due(TimeDomain::ProcessingTime, now);
  flush(out);
}

void ProcessFunctionOperator::on_end(Output& out) {
  // As GROUP BY ... TIMEOUT ON PROCESSING TIME does: the end of input fires what is pending.
  on_processing_time(kMaxTimestamp, out);
}

void ProcessFunctionOperator::register_timer(TimeDomain domain, KeyId key, Timestamp time) {
  if (domain == TimeDomain::EventTime)
    timers_.register_event_timer(key, time);
  else
    timers_.register_processing_timer(key, time);
}

void ProcessFunctionOperator::delete_timer(TimeDomain domain, Timestamp time) {
  if (domain == TimeDomain::EventTime)
    timers_.delete_event_timer(current_key_, time);
  else
    timers_.delete_processing_timer(current_key_, time);
}

void ProcessFunctionOperator::collect(const Value* values, size_t count) {
  const size_t keys = key_fields_[0].size();
  const size_t declared = config_.output.fields.size() - keys - 1;
  if (count != declared)
    throw Failure(Error{Error::Kind::Runtime,
                        fmt::format("process function '{}' collected {} values; it declares {} "
                                    "output columns",
                                    config_.name, count, declared)});
  for (size_t i = 0; i < declared; ++i) {
    const Field& field = config_.output.fields[keys + i];
    std::string why = unfit(values[i], field);
    if (!why.empty())
      throw Failure(Error{Error::Kind::Runtime,
                          fmt::format("process function '{}' collected {} for column '{}' ({})",
                                      config_.name, why, field.name, field.type.to_string())});
  }
  for (size_t k = 0; k < keys; ++k)
    out_.columns[k].append_from(key_.batch_->columns[key_.column(k)], key_.row_);
  for (size_t i = 0; i < declared; ++i) out_.columns[keys + i].append(values[i]);
  out_.columns.back().append_int(out_time_);
  out_.arrival_watermark.push_back(passed_);
  ++out_.rows;
  origins_.push_back(firing_ ? kFired : origin_);
  orders_.push_back(firing_ ? order_ : EmitOrder{});
}

void ProcessFunctionOperator::flush(Output& out) {
  update_metrics();
  if (out_.empty()) return;
  metrics_.rows_out += out_.size();
  if (!out.wants_origins()) {
    out.emit(out_);
  } else {
    // For a keyed exchange: runs of rows caused by input rows and runs fired by timers.
    std::vector<uint32_t> origins;
    std::vector<EmitOrder> orders;
    for (size_t begin = 0; begin < out_.size();) {
      const bool fired = origins_[begin] == kFired;
      size_t end = begin + 1;
      while (end < out_.size() && (origins_[end] == kFired) == fired) ++end;
      Batch run = begin == 0 && end == out_.size() ? std::move(out_) : out_.slice(begin, end);
      if (fired) {
        orders.assign(orders_.begin() + begin, orders_.begin() + end);
        out.emit_fired(run, orders);
      } else {
        origins.assign(origins_.begin() + begin, origins_.begin() + end);
        out.emit_caused(run, origins);
      }
      begin = end;
    }
  }
  out_ = Batch::with_schema(config_.output);
  origins_.clear();
  orders_.clear();
}

void ProcessFunctionOperator::update_metrics() {
  metrics_.keys = state_.key_count();
  metrics_.state_bytes = state_.memory_bytes() + timers_.memory_bytes();
  metrics_.timers = timers_.event_timer_count() + timers_.processing_timer_count();
}

OperatorDescription ProcessFunctionOperator::describe() const {
  OperatorDescription d{"ProcessFunction", {}};
  d.properties.emplace_back("function", config_.name);
  for (size_t p = 0; p < key_fields_.size(); ++p) {
    std::string keys;
    for (const auto& field : key_fields_[p]) keys += (keys.empty() ? "" : ", ") + field.name;
    d.properties.emplace_back(
        key_fields_.size() > 1 ? fmt::format("partition by ({})", p + 1) : "partition by", keys);
  }
  std::string args;
  for (const auto& arg : config_.args) args += (args.empty() ? "" : ", ") + arg.to_string();
  if (!args.empty()) d.properties.emplace_back("arguments", args);
  std::string states;
  for (const auto* state : user_states_)
    states += (states.empty() ? "" : ", ") + state->name().substr(5);
  d.properties.emplace_back("state", states.empty() ? "(none)" : states);
  d.properties.emplace_back("rowtime", "the element's time, or the firing timer's");
  return d;
}

// ---- the public handles of include/eddy/process_function.h, onto the operator running the call

int Row::index(std::string_view name) const {
  for (size_t i = 0; i < size(); ++i)
    if (iequals(field(i).name, name)) return int(i);
  return -1;
}
bool Row::is_null(size_t col) const { return batch_->columns[column(col)].is_null(row_); }
int64_t Row::int_value(size_t col) const { return batch_->columns[column(col)].ints[row_]; }
double Row::double_value(size_t col) const { return batch_->columns[column(col)].doubles[row_]; }
std::string_view Row::string_value(size_t col) const {
  return batch_->columns[column(col)].strings[row_];
}
Value Row::value(size_t col) const { return batch_->columns[column(col)].get(row_); }

void Timers::register_event_time_timer(Timestamp time) {
  op_->register_timer(TimeDomain::EventTime, op_->current_key(), time);
}
void Timers::register_processing_time_timer(Timestamp time) {
  op_->register_timer(TimeDomain::ProcessingTime, op_->current_key(), time);
}
void Timers::delete_event_time_timer(Timestamp time) {
  op_->delete_timer(TimeDomain::EventTime, time);
}
void Timers::delete_processing_time_timer(Timestamp time) {
  op_->delete_timer(TimeDomain::ProcessingTime, time);
}

Timestamp Context::current_watermark() const { return op_->watermark(); }
Timestamp Context::current_processing_time() const { return op_->processing_time(); }

void Collector::collect(const Value* values, size_t count) { op_->collect(values, count); }

void OpenContext::add(std::string name, std::unique_ptr<detail::StateSlot> slot) {
  op_->declare_state(std::move(name), std::move(slot));
}

}  // namespace eddy
