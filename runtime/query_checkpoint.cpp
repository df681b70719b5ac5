// Checkpoints of a running query: what the driver saves besides each operator's declared state
// (state/operator_state.h) — per-input watermarks and idleness, rows read but not yet forwarded,
// counters — and how a new process puts it all back.
//
// A checkpoint is taken between steps, when every result produced so far has been fetched: the
// sink buffer is written and committed first (a sink that commits and then loses the race with
// a crash skips what it already has when resumed), then sources say where they stand, then every
// operator saves its values and keyed state, and the store writes it all in one transaction.
#include <chrono>
#include <exception>

#include <fmt/format.h>

#include "runtime/failure.h"
#include "runtime/query_runtime.h"
#include "state/bytes.h"
#include "state/checkpoint_store.h"
#include "state/operator_state.h"

namespace eddy {

namespace {

constexpr uint32_t kDriverMagic = 0x31525644;  // "DVR1"
constexpr const char* kResultSink = "<result>";

int64_t wall_clock_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

void QueryRuntime::add_late_sink(std::string name, std::shared_ptr<Sink> sink) {
  late_sinks_.emplace_back(std::move(name), std::move(sink));
}

void QueryRuntime::set_checkpointing(CheckpointConfig config) {
  if (config.incremental)
    for (auto& node : nodes_) node.op->checkpointed().track_changes();
  checkpointing_ = std::move(config);
  // A query starting fresh with sinks checkpoints once before it reads anything (at its first
  // fetch, on the driver thread). A sink that keeps what its file already holds (sqlite) commits
  // its rows before the store commits the checkpoint that counts them; a crash between the two
  // in a query's first checkpoint would otherwise leave rows in the table and no checkpoint, and
  // the restart, starting afresh, would write them again. Resuming from this empty checkpoint,
  // the sink skips them instead.
  initial_checkpoint_due_ =
      checkpoint_progress_.resumed_from == 0 && (sink_ || !late_sinks_.empty());
  last_checkpoint_at_ = clock_->now();
  last_checkpoint_rows_in_ = rows_in_;
}

bool QueryRuntime::maybe_checkpoint() {
  if (!checkpointing_ || !results_.empty() || failed_) return false;
  const CheckpointConfig& config = *checkpointing_;
  bool due = checkpoint_requested_.exchange(false) || initial_checkpoint_due_;
  initial_checkpoint_due_ = false;
  if (record_ && record_->checkpoint_requested.exchange(false)) due = true;
  if (config.interval_records > 0 && rows_in_ - last_checkpoint_rows_in_ >= config.interval_records)
    due = true;
  if (config.interval_ms > 0 && clock_->now() - last_checkpoint_at_ >= config.interval_ms)
    due = true;
  // The end (or a cancel) is checkpointed once, so that resuming a finished query produces
  // nothing more and a cancelled one continues where it stopped.
  if ((done_ || cancel_.load()) && !final_checkpoint_taken_) {
    due = true;
    final_checkpoint_taken_ = true;
  }
  if (due) {
    drain_pipelines();  // the sink's position must follow every row the state has seen
    take_checkpoint();
  }
  return due;
}

void QueryRuntime::take_checkpoint() {
  const auto started = std::chrono::steady_clock::now();
  const CheckpointConfig& config = *checkpointing_;
  CheckpointData data;
  data.job = config.job;
  data.statement = config.statement;
  data.fingerprint = config.fingerprint;
  data.created_ms = wall_clock_ms();
  ChainStats chain = config.store->chain(config.job);
  data.incremental = config.incremental && !next_checkpoint_full_ && chain.base_id != 0 &&
                     chain.deltas < config.full_every && chain.delta_bytes <= chain.base_bytes;
  data.finished = done_;
  data.watermark = result_watermark_;

  // Sinks first: what they commit now is what the checkpoint says they hold. A sink that cannot
  // write or commit fails the query (outside the try below): its rows would be lost otherwise.
  write_sink_buffer();
  if (sink_) data.sinks.push_back({sink_name_, sink_->describe(), sink_->commit()});
  for (auto& [name, sink] : late_sinks_)
    data.sinks.push_back({name, sink->describe(), sink->commit()});
  if (!sink_) data.sinks.push_back({kResultSink, "query result", SinkPosition{rows_out_, 0, {}}});

  // Saving may throw: a user's state type that cannot be serialised (a Python process function's
  // unpicklable value). Such a checkpoint fails as one the store could not write does, below:
  // the query keeps running and the next checkpoint is full (save_key_groups may have taken
  // this one's deltas).
  Status written;
  try {
    for (size_t i = 0; i < inputs_.size(); ++i) {
      const Input& input = inputs_[i];
      if (!input.source) continue;
      if (auto position = input.source->position())
        data.sources.push_back({int(i), input.source->describe(), std::move(*position)});
    }
    for (size_t i = 0; i < nodes_.size(); ++i) {
      OperatorState& state = nodes_[i].op->checkpointed();
      OperatorCheckpoint op;
      op.id = int(i);
      op.name = nodes_[i].name;
      op.values = state.save_values();
      state.save_key_groups(data.incremental, op.key_groups);
      state.describe(op);
      op.watermark = nodes_[i].watermark;
      data.operators.push_back(std::move(op));
    }
    data.driver = save_driver();
    QueryStats now = stats();
    data.rows_in = now.rows_in;
    data.rows_out = now.rows_out;
    data.late_rows = now.late_rows;
    data.skipped_rows = now.skipped_rows;

    last_checkpoint_at_ = clock_->now();
    last_checkpoint_rows_in_ = rows_in_;
    written = config.store->write(data);
  } catch (const std::exception& e) {
    last_checkpoint_at_ = clock_->now();
    last_checkpoint_rows_in_ = rows_in_;
    written = Error{Error::Kind::Runtime, std::string("checkpoint not taken: ") + e.what()};
  }
  checkpoint_progress_.last_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!written) {
    // The query keeps running; the deltas since the last good checkpoint went with this one, so
    // the next is full.
    ++checkpoint_progress_.failed;
    checkpoint_progress_.last_error = written.error().message;
    next_checkpoint_full_ = true;
    return;
  }
  ++checkpoint_progress_.taken;
  checkpoint_progress_.last_id = data.id;
  checkpoint_progress_.rows_out = rows_out_;
  checkpoint_progress_.rows_in = rows_in_;
  next_checkpoint_full_ = false;
}

std::string QueryRuntime::save_driver() const {
  std::string out;
  bytes::put(out, kDriverMagic);
  bytes::put<uint32_t>(out, uint32_t(nodes_.size()));
  for (const Node& node : nodes_) {
    bytes::put<uint32_t>(out, uint32_t(node.input_watermarks.size()));
    for (size_t p = 0; p < node.input_watermarks.size(); ++p) {
      bytes::put(out, node.input_watermarks[p]);
      bytes::put<uint8_t>(out, node.input_ended[p]);
      bytes::put<uint8_t>(out, node.input_idle[p]);
    }
    bytes::put<uint8_t>(out, node.idle);
    bytes::put<uint8_t>(out, node.stopped);
    bytes::put(out, node.watermark);
  }
  bytes::put<uint32_t>(out, uint32_t(inputs_.size()));
  for (const Input& input : inputs_) {
    bytes::put<uint8_t>(out, input.exhausted);
    bytes::put<uint8_t>(out, input.ended);
    bytes::put<uint8_t>(out, input.closing);
    bytes::put<uint8_t>(out, input.idle);
    bytes::put(out, input.quiet_since);
    // Rows read from the source but not forwarded yet: the source's position is past them.
    encode_batch(
        input.pending.slice(std::min(input.cursor, input.pending.size()), input.pending.size()),
        out);
  }
  bytes::put<uint8_t>(out, done_);
  bytes::put(out, processing_time_);
  bytes::put(out, result_watermark_);
  bytes::put(out, rows_in_);
  bytes::put(out, rows_out_);
  bytes::put(out, skipped_closed_);
  return out;
}

bool QueryRuntime::restore_driver(std::string_view in) {
  uint32_t magic = 0, count = 0;
  if (!bytes::get(in, magic) || magic != kDriverMagic || !bytes::get(in, count) ||
      count != nodes_.size()) {
    return false;
  }
  for (Node& node : nodes_) {
    uint32_t ports = 0;
    if (!bytes::get(in, ports) || ports != node.input_watermarks.size()) return false;
    for (size_t p = 0; p < ports; ++p) {
      uint8_t ended = 0, idle = 0;
      if (!bytes::get(in, node.input_watermarks[p]) || !bytes::get(in, ended) ||
          !bytes::get(in, idle)) {
        return false;
      }
      node.input_ended[p] = ended, node.input_idle[p] = idle;
    }
    uint8_t idle = 0, stopped = 0;
    if (!bytes::get(in, idle) || !bytes::get(in, stopped) || !bytes::get(in, node.watermark))
      return false;
    node.idle = idle, node.stopped = stopped;
  }
  if (!bytes::get(in, count) || count != inputs_.size()) return false;
  for (Input& input : inputs_) {
    uint8_t exhausted = 0, ended = 0, closing = 0, idle = 0;
    if (!bytes::get(in, exhausted) || !bytes::get(in, ended) || !bytes::get(in, closing) ||
        !bytes::get(in, idle) || !bytes::get(in, input.quiet_since)) {
      return false;
    }
    input.exhausted = exhausted, input.ended = ended, input.closing = closing, input.idle = idle;
    input.pending = Batch::with_schema(input.schema);
    input.cursor = 0;
    if (!decode_batch(in, input.pending)) return false;
  }
  uint8_t done = 0;
  if (!bytes::get(in, done) || !bytes::get(in, processing_time_) ||
      !bytes::get(in, result_watermark_) || !bytes::get(in, rows_in_) ||
      !bytes::get(in, rows_out_) || !bytes::get(in, skipped_closed_)) {
    return false;
  }
  done_ = done;
  return in.empty();
}

Status QueryRuntime::restore(const CheckpointData& data) {
  auto mismatch = [&](const std::string& what) {
    return Error{Error::Kind::Io, fmt::format("checkpoint {} of job {} does not fit this query: {}",
                                              data.id, data.job, what)};
  };
  if (data.operators.size() != nodes_.size())
    return mismatch(
        fmt::format("it has {} operators, the query {}", data.operators.size(), nodes_.size()));
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const OperatorCheckpoint& saved = data.operators[i];
    Operator& op = *nodes_[i].op;
    const std::string& name = nodes_[i].name;
    if (saved.id != int(i) || saved.name != name)
      return mismatch(fmt::format("operator {} is {} there, {} here", i, saved.name, name));
    OperatorState& state = op.checkpointed();
    auto fail_in = [&](const Error& error) {
      return mismatch(fmt::format("operator {} ({}): {}", i, name, error.message));
    };
    if (Status s = state.restore_values(saved.values); !s) return fail_in(s.error());
    state.reserve_keys(saved.keys);
    for (const KeyGroupState& group : saved.key_groups)
      if (Status s = state.restore_key_group(group.bytes, group.key_group); !s)
        return fail_in(s.error());
    if (Status s = state.finish_restore(); !s) return fail_in(s.error());
  }
  if (!restore_driver(data.driver)) return mismatch("the driver's state does not match");
  for (const SourceCheckpoint& saved : data.sources) {
    if (saved.input < 0 || size_t(saved.input) >= inputs_.size() || !inputs_[saved.input].source)
      return mismatch(fmt::format("no source {}", saved.input));
    if (Status s = inputs_[saved.input].source->seek(saved.position); !s) return s;
  }
  for (const SinkCheckpoint& saved : data.sinks) {
    Sink* target = nullptr;
    if (sink_ && saved.name == sink_name_) target = sink_.get();
    for (auto& [name, sink] : late_sinks_)
      if (saved.name == name) target = sink.get();
    if (!target) continue;  // the result of a SELECT: nothing to roll back
    if (Status s = target->rollback(saved.position); !s) return s;
  }
  checkpoint_progress_.resumed_from = data.id;
  checkpoint_progress_.last_id = data.id;
  checkpoint_progress_.rows_out = rows_out_;
  checkpoint_progress_.rows_in = rows_in_;
  final_checkpoint_taken_ = done_;
  next_checkpoint_full_ = true;
  return {};
}

}  // namespace eddy
