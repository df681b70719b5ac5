#include "runtime/query_runtime.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <thread>

#include "expr/eval_context.h"
#include "runtime/byte_size.h"
#include "runtime/failure.h"

namespace eddy {

QueryRuntime::QueryRuntime(size_t batch_size, std::shared_ptr<Clock> clock)
    : batch_size_(batch_size == 0 ? 1 : batch_size), clock_(std::move(clock)) {}

QueryRuntime::~QueryRuntime() = default;

int QueryRuntime::add_operator(std::unique_ptr<Operator> op, int inputs) {
  Node node;
  node.name = op->describe().name;
  node.op = std::move(op);
  node.input_watermarks.assign(inputs, kMinTimestamp);
  node.input_ended.assign(inputs, false);
  node.input_idle.assign(inputs, false);
  nodes_.push_back(std::move(node));
  int id = static_cast<int>(nodes_.size()) - 1;
  for (int i = 0; i <= id; ++i) nodes_[i].output.runtime = this, nodes_[i].output.node = i;
  return id;
}

void QueryRuntime::connect(int from, int to, int port) {
  nodes_[from].downstream = to;
  nodes_[from].downstream_port = port;
}

void QueryRuntime::add_source(std::unique_ptr<Source> source, const Schema& schema, int to,
                              int port, int64_t idle_timeout_ms) {
  Input input;
  input.idle_timeout_ms = idle_timeout_ms;
  input.source = std::move(source);
  input.schema = schema;
  input.node = to;
  input.port = port;
  inputs_.push_back(std::move(input));
}

void QueryRuntime::set_sink(std::unique_ptr<Sink> sink, std::string name, Schema schema) {
  sink_ = std::move(sink);
  sink_name_ = std::move(name);
  sink_schema_ = std::move(schema);
}

void QueryRuntime::set_root(int node, Schema result_schema, bool updating) {
  root_ = node;
  result_schema_ = std::move(result_schema);
  updating_ = updating;
}

Timestamp QueryRuntime::Input::time_at(size_t row) const {
  if (schema.rowtime < 0) return kMinTimestamp;  // no event time: never holds others back
  const Column& column = pending.columns[schema.rowtime];
  return column.is_null(row) ? kMinTimestamp : column.ints[row];
}

Result<bool> QueryRuntime::fetch(Chunk& out) {
  auto polled = poll(out, std::nullopt, true);
  if (!polled) return polled.error();
  return polled.value() == PollStatus::Rows;
}

Result<PollStatus> QueryRuntime::poll(Chunk& out, std::optional<Deadline> deadline,
                                      bool at_checkpoints) {
  // NOW(), PROCTIME() and friends read this query's processing clock while it runs.
  ScopedEvalClock eval_clock(clock_.get());
  current_.clear();
  out = Chunk(&current_, &result_schema_);  // no changes, until there are
  auto past = [&] { return deadline && std::chrono::steady_clock::now() >= *deadline; };
  try {
    // Small result batches (interleaved inputs forward runs of a row or two) are gathered up to
    // the batch size while the inputs have rows ready; whatever there is goes out as soon as an
    // input has to be waited for, or the deadline has passed.
    bool progressed = true;
    while (results_.empty() || (progressed && results_.size() == 1 &&
                                results_.back().size() < batch_size_ && !done_ && !past())) {
      if (failed_) {
        report("failed");
        return *failed_;
      }
      if (done_ || cancel_.load()) {
        drain_pipelines();
        maybe_checkpoint();  // the final one: resuming a finished query produces nothing more
        write_sink_buffer();
        if (sink_) sink_->flush();
        report(cancel_.load() ? "cancelled" : "finished");
        return PollStatus::Finished;
      }
      if (maybe_checkpoint() && results_.empty() && at_checkpoints) {
        report("running");
        return PollStatus::Rows;  // no changes: current_ was cleared
      }
      // A source may block until the deadline at most; one that notifies must not miss a
      // notify() that comes while it is being read.
      wait_.max_block_ms = kWaitSliceMs;
      if (deadline) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              *deadline - std::chrono::steady_clock::now())
                              .count();
        wait_.max_block_ms = std::clamp<int64_t>(left, 0, kWaitSliceMs);
      }
      const uint64_t seen = wait_.wakeup->signals();
      progressed = step();
      check_state_budget();
      if (!progressed) {
        drain_pipelines();
        write_sink_buffer();
      }
      if (!results_.empty()) continue;
      if (past()) {
        drain_pipelines();
        report("running");
        return PollStatus::Timeout;
      }
      if (!progressed) wait_for_input(seen, deadline);
    }
  } catch (const Failure& failure) {
    failed_ = failure.error();
    drain_after_failure();
  } catch (const std::bad_alloc&) {
    failed_ = Error{Error::Kind::Runtime, "out of memory"};
  }
  // Results produced before a failure are delivered first; the error comes with the next fetch.
  if (failed_) {
    done_ = true;
    if (sink_) {
      try {
        write_sink_buffer();
        sink_->flush();
      } catch (const Failure&) {
      }
    }
    if (results_.empty()) return *failed_;
  }
  current_ = std::move(results_.front());
  results_.pop_front();
  report("running");
  out = Chunk(&current_, &result_schema_);
  return PollStatus::Rows;
}

void QueryRuntime::wait_for_input(uint64_t seen, std::optional<Deadline> deadline) {
  if (!input_waits_) return;  // the step stopped for another reason: step again at once
  using namespace std::chrono;
  // Processing-time timers and idle timeouts need the clock looked at now and then.
  Deadline until = steady_clock::now() + milliseconds(kWaitSliceMs);
  if (deadline) until = std::min(until, *deadline);
  if (quiet_input_) {
    // Such a source blocks in next() itself (up to max_block_ms); with a manual clock a paced
    // one does not, and a short sleep keeps this from spinning.
    std::this_thread::sleep_until(std::min(until, steady_clock::now() + milliseconds(1)));
  } else {
    wait_.wakeup->wait(seen, until);
  }
}

void QueryRuntime::check_state_budget() {
  if (state_budget_ == 0) return;
  uint64_t total = 0;
  const Node* largest = nullptr;
  for (const auto& node : nodes_) {
    const OperatorMetrics& m = node.op->metrics();
    total += m.state_bytes;
    if (!largest || m.state_bytes > largest->op->metrics().state_bytes) largest = &node;
  }
  if (!pipelined_.empty() && total > state_budget_ / 2) {
    drain_pipelines();  // from here on the budget is checked on every batch's own metrics
    for (int id : pipelined_) nodes_[size_t(id)].op->pipeline(false);
    pipelined_.clear();
    return check_state_budget();
  }
  if (total <= state_budget_) return;
  const OperatorMetrics& m = largest->op->metrics();
  fail(Error::Kind::Runtime,
       "the query's keyed state grew past 'state.max-bytes' ({}): {} holds {} for {} keys; "
       "bound the state (a window, TIMEOUT, 'state.ttl') or raise the limit",
       format_byte_size(state_budget_), largest->name, format_byte_size(m.state_bytes), m.keys);
}

// One unit of progress: forward a run of rows from one source, or end an exhausted input.
bool QueryRuntime::step() {
  if (!pipelines_planned_) plan_pipelines();
  for (auto& input : inputs_) {
    if (!input.closing) continue;
    input.closing = false;
    input.pending.clear();
    input.cursor = 0;
    skipped_closed_ += input.source ? input.source->skipped() : 0;
    if (input.source) {
      const uint64_t size = input.source->progress_bytes().second;
      bytes_read_closed_ += size;  // a source closed early needs reading no further
      bytes_total_closed_ += size;
    }
    input.source.reset();
  }
  advance_processing_time();
  input_waits_ = quiet_input_ = false;
  if (inputs_.empty()) {
    done_ = true;
    return true;
  }
  // Every live input needs its next row known before event-time order can be decided.
  bool waiting = false;
  for (auto& input : inputs_) {
    if (input.ended || input.has_rows()) continue;
    if (input.exhausted) {
      end_input(input);
      return true;  // ending may emit results or finish the query
    }
    if (refill(input)) {
      // An input that has just run out ends now, before any other input's rows go on, so the
      // point where its watermark jumps to +infinity does not depend on the batch size.
      if (input.exhausted && !input.has_rows()) {
        end_input(input);
        return true;
      }
      input.quiet_since = kMinTimestamp;
      if (input.idle) input.idle = false, set_idle(input.node, input.port, false);
    } else {
      // Nothing now. An input is idle, and not waited for, when its source says so (an
      // embedded stream's Input::idle) or once its idle timeout has passed since its last rows.
      bool idle = input.source->idle();
      if (!idle && input.idle_timeout_ms > 0) {
        if (input.quiet_since == kMinTimestamp) input.quiet_since = processing_time_;
        idle = processing_time_ - input.quiet_since >= input.idle_timeout_ms;
      }
      if (idle != input.idle) input.idle = idle, set_idle(input.node, input.port, idle);
      if (!idle) waiting = true;
      input_waits_ = true;
      if (!input.source->notifies()) quiet_input_ = true;
    }
    if (done_ || cancel_.load()) return true;
  }
  if (waiting) return false;  // an input has nothing yet; ask again (sources wait briefly)

  if (merge_node_ == -2) merge_node_ = find_merge_node();
  if (merge_node_ >= 0 && merge_step()) return true;
  plan_cursors_.resize(inputs_.size());
  for (size_t i = 0; i < inputs_.size(); ++i) plan_cursors_[i] = inputs_[i].cursor;
  const size_t chosen = earliest_input(plan_cursors_);
  if (chosen == inputs_.size()) return false;  // nothing to forward now (exhausted inputs end next)
  forward(inputs_[chosen], run_end(chosen, inputs_[chosen].cursor, plan_cursors_));
  return true;
}

size_t QueryRuntime::earliest_input(const std::vector<size_t>& cursors) const {
  size_t chosen = inputs_.size();
  for (size_t i = 0; i < inputs_.size(); ++i) {
    if (cursors[i] >= inputs_[i].pending.size()) continue;
    if (chosen == inputs_.size() ||
        inputs_[i].time_at(cursors[i]) < inputs_[chosen].time_at(cursors[chosen]))
      chosen = i;
  }
  return chosen;
}

// Forward the chosen input's rows up to the other inputs' next rowtime; ties go to the earlier
// input, so the interleaving is a pure function of the data.
size_t QueryRuntime::run_end(size_t chosen, size_t from, const std::vector<size_t>& cursors) const {
  const Input& input = inputs_[chosen];
  size_t end = input.pending.size();
  if (input.schema.rowtime < 0) return end;
  const Column& times = input.pending.columns[input.schema.rowtime];
  for (size_t o = 0; o < inputs_.size(); ++o) {
    const Input& other = inputs_[o];
    if (o == chosen || cursors[o] >= other.pending.size()) continue;
    const Timestamp bound = other.time_at(cursors[o]);
    const bool other_first = o < chosen;
    size_t row = from + 1;
    while (row < end) {
      const Timestamp t = times.is_null(row) ? kMinTimestamp : times.ints[row];
      if (t > bound || (t == bound && other_first)) break;
      ++row;
    }
    end = row;
  }
  return end;
}

int QueryRuntime::find_merge_node() {
  if (inputs_.size() < 2) return -1;
  int merge = -1;
  std::vector<int> visits(nodes_.size(), 0);
  std::vector<std::pair<int, int>> placing;  // (node, input): operators placing their rows
  for (Input& input : inputs_) {
    if (input.idle_timeout_ms > 0) return -1;  // idleness would change in the middle of a plan
    int node = input.node, port = input.port;
    // Down the row-wise and placing operators to the first operator with several inputs. (The
    // first is the Scan: the arrival watermarks it stamps place what windows fire.)
    while (nodes_[node].input_watermarks.size() == 1) {
      const Node& n = nodes_[node];
      const bool places = !n.op->row_wise() && n.op->places_rows() && node != input.node;
      if ((!n.op->row_wise() && !places) || n.downstream < 0 || visits[node]++) return -1;
      if (places) placing.emplace_back(node, int(&input - inputs_.data()));
      port = n.downstream_port;
      node = n.downstream;
    }
    if (merge >= 0 && node != merge) return -1;
    merge = node;
    input.merge_port = port;
  }
  const Node& m = nodes_[merge];
  if (!m.op->takes_merged() || m.input_watermarks.size() != inputs_.size()) return -1;
  std::vector<bool> fed(inputs_.size(), false);
  for (const Input& input : inputs_) {
    if (fed[input.merge_port]) return -1;
    fed[input.merge_port] = true;
  }
  for (size_t i = 0; i < inputs_.size(); ++i)
    if (inputs_[i].node != merge) nodes_[inputs_[i].node].trace_input = int(i);
  for (const auto& [node, input] : placing) nodes_[node].place_input = input;
  return merge;
}

bool QueryRuntime::merge_step() {
  size_t participants = 0;
  for (const Input& input : inputs_) participants += input.has_rows();
  if (participants < 2) return false;
  // Plan the runs the row-at-a-time merge would forward, until an input's read rows run out
  // (it must be refilled before the order of what follows is known).
  plan_.clear();
  plan_cursors_.resize(inputs_.size());
  for (size_t i = 0; i < inputs_.size(); ++i) plan_cursors_[i] = inputs_[i].cursor;
  for (;;) {
    const size_t chosen = earliest_input(plan_cursors_);
    const size_t end = run_end(chosen, plan_cursors_[chosen], plan_cursors_);
    plan_.push_back({chosen, end});
    plan_cursors_[chosen] = end;
    if (end == inputs_[chosen].pending.size()) break;
  }
  if (plan_.size() == 1) {
    forward(inputs_[plan_[0].input], plan_[0].end);
    return true;
  }
  // Number the rows by their place in the merge.
  for (size_t i = 0; i < inputs_.size(); ++i)
    inputs_[i].sequence.resize(plan_cursors_[i] - inputs_[i].cursor);
  {
    std::vector<size_t> at(inputs_.size());
    for (size_t i = 0; i < inputs_.size(); ++i) at[i] = inputs_[i].cursor;
    uint32_t place = 0;
    for (const PlannedRun& run : plan_) {
      Input& input = inputs_[run.input];
      for (; at[run.input] < run.end; ++at[run.input])
        input.sequence[at[run.input] - input.cursor] = place++;
    }
  }
  // Each input's rows through its row-wise operators, as one batch; what reaches the merge node
  // is held. A failure stops the merge at the row that failed: the merge node still gets the
  // rows before it (of every input), as when runs went one by one.
  Node& m = nodes_[merge_node_];
  merged_.inputs.assign(m.input_watermarks.size(), Batch());
  merged_watermarks_.assign(m.input_watermarks.size(), kMinTimestamp);
  std::exception_ptr failure;
  uint32_t failed_at = UINT32_MAX;  // the place of the row that failed
  std::vector<size_t> begin(inputs_.size());
  merging_ = true;
  for (size_t i = 0; i < inputs_.size(); ++i) {
    Input& input = inputs_[i];
    begin[i] = input.cursor;
    if (input.sequence.empty()) continue;
    const bool whole = input.cursor == 0 && plan_cursors_[i] == input.pending.size();
    Batch slice =
        whole ? std::move(input.pending) : input.pending.slice(input.cursor, plan_cursors_[i]);
    slice.sequence = input.sequence;
    input.trace.clear();
    input.cursor = plan_cursors_[i];
    rows_in_ += slice.size();
    try {
      deliver_batch(input.node, input.port, slice);
    } catch (Failure& error) {
      // The row that failed: a Calc says which; else the Scan failed, on the first row it did
      // not pass on.
      uint32_t place = error.merge_place();
      if (place == Failure::kNoPlace && input.trace.size() < input.sequence.size())
        place = input.sequence[input.trace.size()];
      const auto at = std::lower_bound(input.sequence.begin(), input.sequence.end(), place);
      if (at != input.sequence.end() && *at == place)
        name_origin(error, input, begin[i] + size_t(at - input.sequence.begin()));
      if (!failure || place < failed_at) failure = std::current_exception(), failed_at = place;
    }
    if (whole || !input.has_rows()) input.pending = Batch();
  }
  merging_ = false;
  // A window fires at the watermark after a run (or the pass): its rows go to their places.
  for (Batch& rows : merged_.inputs) {
    if (std::is_sorted(rows.sequence.begin(), rows.sequence.end())) continue;
    std::vector<uint32_t> order(rows.size());
    for (uint32_t row = 0; row < order.size(); ++row) order[row] = row;
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return rows.sequence[a] < rows.sequence[b]; });
    rows.gather(order);
  }
  // The runs as the merge node sees them: how far each of its inputs goes, and its watermark.
  merged_.runs.clear();
  std::vector<size_t> taken(m.input_watermarks.size(), 0);
  uint32_t place = 0;
  for (const PlannedRun& run : plan_) {
    const Input& input = inputs_[run.input];
    const uint32_t first = place;
    place += uint32_t(run.end - begin[run.input]);
    begin[run.input] = run.end;
    if (first >= failed_at) break;
    const int port = input.merge_port;
    const Batch& rows = merged_.inputs[port];
    size_t& end = taken[port];
    const uint32_t limit = std::min(place, failed_at);
    while (end < rows.size() && rows.sequence[end] < limit) ++end;
    // The input's watermark after the run: the arrival watermark of its next row, or the one
    // the Scan sent after the last.
    const size_t next = run.end - (input.cursor - input.sequence.size());
    const Timestamp watermark =
        next < input.trace.size() ? input.trace[next] : merged_watermarks_[port];
    merged_.runs.push_back({port, end, place <= failed_at ? watermark : kMinTimestamp});
  }
  if (!m.stopped && !merged_.runs.empty()) m.op->on_merged(merged_, m.output);
  if (failure) std::rethrow_exception(failure);
  if (m.stopped) return true;
  // The watermarks the inputs reached, as after the last run.
  for (size_t p = 0; p < merged_watermarks_.size(); ++p) {
    if (merged_watermarks_[p] <= m.input_watermarks[p]) continue;
    m.input_watermarks[p] = merged_watermarks_[p];
    m.op->on_input_watermark(int(p), merged_watermarks_[p]);
  }
  recompute_watermark(merge_node_);
  return true;
}

bool QueryRuntime::refill(Input& input) {
  input.pending = Batch::with_schema(input.schema);
  input.cursor = 0;
  SourceStatus status = input.source->next(input.pending, batch_size_);
  if (status == SourceStatus::End) input.exhausted = true;
  // A watermark the source carries itself holds before the rows it has just given.
  if (const Timestamp watermark = input.source->watermark(); watermark > input.source_watermark) {
    input.source_watermark = watermark;
    deliver_watermark(input.node, input.port, watermark);
  }
  return input.has_rows() || input.exhausted;
}

void QueryRuntime::forward(Input& input, size_t end) {
  Batch slice;
  Batch* batch = &input.pending;
  if (input.cursor != 0 || end != input.pending.size()) {
    slice = input.pending.slice(input.cursor, end);
    batch = &slice;
  }
  const size_t first = input.cursor;
  input.cursor = end;
  rows_in_ += batch->size();
  std::function<std::string(size_t)> origins;
  if (!pipelined_.empty()) origins = input.source->row_origins();
  try {
    deliver_batch(input.node, input.port, *batch);
  } catch (Failure& error) {
    if (error.row() != Failure::kNoRow && reaches_unchanged(input.node, error.row_node())) {
      if (error.earlier_batch())
        name_earlier(error);
      else
        name_origin(error, input, first + error.row());
    }
    throw;
  }
  if (!pipelined_.empty()) last_origins_ = std::move(origins), last_first_ = first;
  if (!input.has_rows()) input.pending.clear();
}

bool QueryRuntime::reaches_unchanged(int from, int target) const {
  for (int node = from; node >= 0; node = nodes_[size_t(node)].downstream) {
    if (node == target) return true;
    if (!nodes_[size_t(node)].op->keeps_row_indices()) return false;
  }
  return false;
}

void QueryRuntime::name_origin(Failure& error, const Input& input, size_t row) {
  error.set_row(Failure::kNoRow);  // named once
  const std::string origin = input.source->row_origin(row);
  if (!origin.empty()) error.prefix_message(origin + ": ");
}

void QueryRuntime::plan_pipelines() {
  pipelines_planned_ = true;
  if (!sink_ || inputs_.size() != 1 || !late_sinks_.empty()) return;
  if (state_budget_ > 0 && state_budget_ < kPipelineBudget) return;
  if (!inputs_[0].source || !inputs_[0].source->row_origins()) return;
  if (merge_node_ == -2) merge_node_ = find_merge_node();
  if (merge_node_ >= 0) return;
  for (size_t id = 0; id < nodes_.size(); ++id) {
    Node& n = nodes_[id];
    if (!n.op->can_pipeline()) continue;
    bool row_wise_after = true;
    for (int d = n.downstream; d >= 0; d = nodes_[size_t(d)].downstream)
      row_wise_after &= nodes_[size_t(d)].op->row_wise();
    if (!row_wise_after) continue;
    n.op->pipeline(true);
    pipelined_.push_back(int(id));
  }
}

void QueryRuntime::drain_pipelines() {
  for (int id : pipelined_) {
    Node& n = nodes_[size_t(id)];
    if (n.stopped) continue;
    try {
      n.op->drain(n.output);
    } catch (Failure& error) {
      if (error.row() != Failure::kNoRow && error.row_node() < 0) error.set_row_node(id);
      if (error.row() != Failure::kNoRow && error.earlier_batch() &&
          reaches_unchanged(inputs_[0].node, error.row_node()))
        name_earlier(error);
      throw;
    }
  }
}

void QueryRuntime::drain_after_failure() {
  try {
    drain_pipelines();
  } catch (const Failure& earlier) {
    failed_ = earlier.error();
  } catch (...) {
  }
}

void QueryRuntime::name_earlier(Failure& error) const {
  const uint32_t row = error.row();
  error.set_row(Failure::kNoRow);  // named once
  if (!last_origins_) return;
  const std::string origin = last_origins_(last_first_ + row);
  if (!origin.empty()) error.prefix_message(origin + ": ");
}

void QueryRuntime::end_input(Input& input) {
  input.ended = true;
  deliver_end(input.node, input.port);
}

void QueryRuntime::deliver_batch(int node, int port, Batch& batch) {
  if (batch.empty()) return;
  Node& n = nodes_[node];
  if (n.stopped) return;
  if (merging_ && node == merge_node_) {
    Batch& held = merged_.inputs[port];
    if (held.empty())
      held = std::move(batch);
    else
      held.append_rows(batch, 0, batch.size());  // a window's rows after the row-wise ones
    return;
  }
  if (merging_ && n.place_input >= 0) n.in_sequence = batch.sequence;  // emit_caused's places
  try {
    n.op->on_batch(batch, port, n.output);
  } catch (Failure& error) {
    // The operator that set the row: its index is in the batch this node received.
    if (error.row() != Failure::kNoRow && error.row_node() < 0) error.set_row_node(node);
    // (A placing operator names the failing row of its input: before it, its rows went out.)
    if (merging_ && n.place_input >= 0 && error.merge_place() == Failure::kNoPlace) {
      const uint32_t row = error.row() != Failure::kNoRow ? error.row() : error.operator_row();
      if (row < n.in_sequence.size()) error.set_merge_place(n.in_sequence[row]);
    }
    throw;
  }
}

void QueryRuntime::deliver_watermark(int node, int port, Timestamp watermark) {
  if (merging_ && node == merge_node_) {
    merged_watermarks_[port] = std::max(merged_watermarks_[port], watermark);
    return;
  }
  Node& n = nodes_[node];
  if (n.stopped || watermark <= n.input_watermarks[port]) return;
  n.input_watermarks[port] = watermark;
  n.op->on_input_watermark(port, watermark);
  recompute_watermark(node);
}

// An operator's watermark is the minimum over its inputs that are not idle; it never goes back.
void QueryRuntime::recompute_watermark(int node) {
  Node& n = nodes_[node];
  Timestamp low = kMaxTimestamp;
  bool any = false;
  for (size_t p = 0; p < n.input_watermarks.size(); ++p) {
    if (n.input_idle[p] && !n.input_ended[p]) continue;
    low = std::min(low, n.input_watermarks[p]);
    any = true;
  }
  if (!any || low <= n.watermark) return;
  n.watermark = low;
  n.op->on_watermark(low, n.output);
}

// Idleness flows down the graph like a watermark: an operator is idle when all its inputs are.
void QueryRuntime::set_idle(int node, int port, bool idle) {
  Node& n = nodes_[node];
  if (n.input_idle[port] == idle) return;
  n.input_idle[port] = idle;
  n.op->on_input_idle(port, idle);
  if (!idle) n.idle = false;
  recompute_watermark(node);
  bool all = std::all_of(n.input_idle.begin(), n.input_idle.end(), [](bool i) { return i; });
  if (all != n.idle || !idle) {
    n.idle = all;
    if (n.downstream >= 0) set_idle(n.downstream, n.downstream_port, all);
  }
}

void QueryRuntime::deliver_end(int node, int port) {
  Node& n = nodes_[node];
  if (n.stopped || n.input_ended[port]) return;
  deliver_watermark(node, port, kMaxTimestamp);
  n.input_ended[port] = true;
  if (!std::all_of(n.input_ended.begin(), n.input_ended.end(), [](bool e) { return e; })) return;
  n.op->on_end(n.output);
  if (n.downstream >= 0)
    deliver_end(n.downstream, n.downstream_port);
  else
    done_ = true;
}

void QueryRuntime::emit_result(Batch& batch) {
  if (batch.empty()) return;
  if (!sink_) {
    rows_out_ += batch.size();
    if (!results_.empty() && results_.back().size() + batch.size() <= batch_size_) {
      results_.back().append_rows(batch, 0, batch.size());
    } else if (batch.size() <= batch_size_) {
      results_.push_back(std::move(batch));
    } else {
      // A batch of merged inputs (or a join's pairs) may be larger: chunks of the batch size,
      // the first topping up the one being gathered.
      size_t row = 0;
      if (!results_.empty() && results_.back().size() < batch_size_) {
        row = batch_size_ - results_.back().size();
        results_.back().append_rows(batch, 0, row);
      }
      for (; row < batch.size(); row += batch_size_)
        results_.push_back(batch.slice(row, std::min(batch.size(), row + batch_size_)));
    }
    return;
  }
  // A sink's NOT NULL columns are enforced here, as Flink's sink not-null enforcer does.
  size_t bad_row = batch.size();
  size_t bad_column = 0;
  for (size_t c = 0; c < sink_schema_.size(); ++c) {
    if (sink_schema_[c].nullable || batch.columns[c].nulls.empty()) continue;
    for (size_t row = 0; row < bad_row; ++row)
      if (batch.columns[c].nulls[row]) bad_row = row, bad_column = c;
  }
  if (bad_row < batch.size()) {
    // The rows before the bad one are written first, as with batch size 1.
    std::vector<uint32_t> good(bad_row);
    for (uint32_t row = 0; row < bad_row; ++row) good[row] = row;
    batch.select(good);
    write_sink_buffer();
    if (!batch.empty()) sink_->consume(batch);
    rows_out_ += batch.size();
    fail(Error::Kind::Runtime, "column '{}' of '{}' is NOT NULL, but the query wrote NULL",
         sink_schema_[bad_column].name, sink_name_);
  }
  rows_out_ += batch.size();
  // Small batches are gathered (one write per batch size, not per row, when inputs interleave).
  if (sink_buffer_.empty() && batch.size() >= batch_size_) return sink_->consume(batch);
  sink_buffer_.append_rows(batch, 0, batch.size());
  if (sink_buffer_.size() >= batch_size_) write_sink_buffer();
}

void QueryRuntime::write_sink_buffer() {
  if (!sink_ || sink_buffer_.empty()) return;
  Batch rows = std::move(sink_buffer_);
  sink_buffer_ = Batch();
  sink_->consume(rows);
}

void QueryRuntime::advance_processing_time() {
  Timestamp now = clock_->now();
  if (now <= processing_time_) return;
  processing_time_ = now;
  for (auto& node : nodes_)
    if (!node.stopped) node.op->on_processing_time(now, node.output);
}

void QueryRuntime::NodeOutput::emit(Batch& batch) {
  Node& n = runtime->nodes_[node];
  if (n.stopped) return;
  if (runtime->merging_ && n.trace_input >= 0) {
    std::vector<Timestamp>& trace = runtime->inputs_[n.trace_input].trace;
    trace.insert(trace.end(), batch.arrival_watermark.begin(), batch.arrival_watermark.end());
  }
  if (n.downstream >= 0)
    runtime->deliver_batch(n.downstream, n.downstream_port, batch);
  else
    runtime->emit_result(batch);
}

bool QueryRuntime::NodeOutput::wants_origins() const {
  return runtime->merging_ && runtime->nodes_[node].place_input >= 0;
}

void QueryRuntime::NodeOutput::emit_caused(Batch& batch, const std::vector<uint32_t>& origins) {
  const Node& n = runtime->nodes_[node];
  if (runtime->merging_ && n.place_input >= 0 && !n.in_sequence.empty()) {
    batch.sequence.resize(batch.size());
    for (size_t row = 0; row < batch.size(); ++row)
      batch.sequence[row] = n.in_sequence[origins[row]];
  }
  emit(batch);
}

void QueryRuntime::NodeOutput::emit_fired(Batch& batch, const std::vector<EmitOrder>& order) {
  const Node& n = runtime->nodes_[node];
  if (runtime->merging_ && n.place_input >= 0)
    runtime->place_fired(runtime->inputs_[size_t(n.place_input)], batch, order);
  emit(batch);
}

void QueryRuntime::place_fired(const Input& input, Batch& rows,
                               const std::vector<EmitOrder>& order) const {
  // input.trace: the arrival watermarks of the rows the Scan has passed in this pass (rising).
  const std::vector<Timestamp>& arrivals = input.trace;
  if (input.sequence.empty()) return;
  rows.sequence.resize(rows.size());
  rows.arrival_watermark.resize(rows.size(), kMinTimestamp);
  size_t k = 0;
  for (size_t row = 0; row < rows.size(); ++row) {
    // Before the first row whose arrival watermark reaches its time: at the watermark after the
    // row before that one, under that row's arrival watermark.
    k = first_reaching(arrivals, order[row].time, k);
    if (k == 0) {
      rows.sequence[row] = input.sequence[0];
      continue;
    }
    rows.sequence[row] = input.sequence[k - 1];
    rows.arrival_watermark[row] = arrivals[k - 1];
  }
}

void QueryRuntime::NodeOutput::watermark(Timestamp watermark) {
  Node& n = runtime->nodes_[node];
  if (n.stopped) return;
  if (n.downstream >= 0)
    runtime->deliver_watermark(n.downstream, n.downstream_port, watermark);
  else
    runtime->result_watermark_ = std::max(runtime->result_watermark_, watermark);
}

void QueryRuntime::NodeOutput::finish() { runtime->finish_node(node); }

// True when `node`'s output reaches `target` (a node feeds exactly one downstream node).
bool QueryRuntime::feeds(int node, int target) const {
  for (int n = node; n >= 0; n = nodes_[n].downstream)
    if (n == target) return true;
  return false;
}

// `node` will produce nothing more: stop it and everything feeding it, close the sources of
// that branch, and end the downstream input it feeds (the whole query when it is the root).
void QueryRuntime::finish_node(int node) {
  if (nodes_[node].stopped) return;
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (feeds(int(i), node)) nodes_[i].stopped = true;
  for (auto& input : inputs_) {
    if (input.ended || !feeds(input.node, node)) continue;
    // The batch being forwarded may still be in use up the call stack: the rows left are
    // skipped here, and the source is closed on the next step.
    input.ended = input.exhausted = input.closing = true;
    input.cursor = input.pending.size();
  }
  const Node& n = nodes_[node];
  if (n.downstream < 0) {
    done_ = true;
    return;
  }
  // The node's own idle flag no longer matters downstream: an ended input is never idle.
  deliver_end(n.downstream, n.downstream_port);
}

std::string QueryRuntime::explain(const std::string& root_label) const {
  if (!root_label.empty()) root_label_ = root_label;
  std::string out = root_label + "\n";
  if (root_ >= 0) explain_node(root_, "", true, out);
  return out;
}

void QueryRuntime::explain_node(int node, const std::string& indent, bool last,
                                std::string& out) const {
  OperatorDescription d = nodes_[node].op->describe();
  out += indent + (last ? "\u2514\u2500 " : "\u251c\u2500 ") + d.name;
  for (const auto& [key, value] : d.properties) out += "  " + key + ": " + value;
  // A running query's keyed operators also show their live state (Query::explain).
  const OperatorMetrics& m = nodes_[node].op->metrics();
  if (m.keys || m.state_bytes || m.timers)
    out +=
        fmt::format("  [keys: {}  state bytes: {}  timers: {}]", m.keys, m.state_bytes, m.timers);
  if (m.late_rows) out += fmt::format("  [late rows: {}]", m.late_rows);
  // ... and, run as N instances, each instance's share and the skew (SHOW QUERIES' figures).
  std::vector<OperatorMetrics> instances = nodes_[node].op->instance_metrics();
  if (instances.size() > 1 && m.rows_in > 0) {
    std::string rows, keys;
    uint64_t most = 0;
    for (const OperatorMetrics& i : instances) {
      rows += (rows.empty() ? "" : "/") + std::to_string(i.rows_in);
      keys += (keys.empty() ? "" : "/") + std::to_string(i.keys);
      most = std::max(most, i.rows_in);
    }
    uint64_t total = 0;
    for (const OperatorMetrics& i : instances) total += i.rows_in;
    out += fmt::format("  [per instance: rows in {}  keys {}  skew {:.2f}]", rows, keys,
                       double(most) * double(instances.size()) / double(total));
  }
  out += "\n";
  std::vector<std::pair<int, int>> children;  // (port, node)
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].downstream == node) children.emplace_back(nodes_[i].downstream_port, int(i));
  std::sort(children.begin(), children.end());
  std::string child_indent = indent + (last ? "   " : "\u2502  ");
  for (size_t i = 0; i < children.size(); ++i)
    explain_node(children[i].second, child_indent, i + 1 == children.size(), out);
}

void QueryRuntime::report(const char* status) {
  if (!record_) return;
  QueryStats now = stats();
  std::lock_guard<std::mutex> lock(record_->mutex);
  record_->status = failed_ ? "failed: " + failed_->message : status;
  record_->stats = now;
}

QueryStats QueryRuntime::stats() const {
  QueryStats stats;
  stats.rows_in = rows_in_;
  stats.rows_out = rows_out_;
  stats.watermark = result_watermark_;
  for (const auto& node : nodes_) {
    const OperatorMetrics& m = node.op->metrics();
    stats.late_rows += m.late_rows;
    stats.keys += m.keys;
    stats.state_bytes += m.state_bytes;
    stats.timers += m.timers;
    // The exchange's snapshot of its instances, taken on this thread after its last barrier.
    std::vector<OperatorMetrics> instances = node.op->instance_metrics();
    if (instances.size() < 2) continue;
    ParallelOperatorStats& parallel = stats.parallel_operators.emplace_back();
    parallel.name = node.name;
    for (const OperatorMetrics& i : instances)
      parallel.instances.push_back({i.rows_in, i.keys, i.state_bytes});
  }
  stats.checkpoints = checkpoint_progress_;
  stats.skipped_rows = skipped_closed_;
  stats.bytes_read = bytes_read_closed_;
  stats.bytes_total = bytes_total_closed_;
  bool sizes_known = true;
  for (const auto& input : inputs_) {
    if (!input.source) continue;
    stats.skipped_rows += input.source->skipped();
    auto [read, size] = input.source->progress_bytes();
    sizes_known = sizes_known && size > 0;
    stats.bytes_read += read;
    stats.bytes_total += size;
  }
  if (!sizes_known) stats.bytes_read = stats.bytes_total = 0;
  return stats;
}

}  // namespace eddy
