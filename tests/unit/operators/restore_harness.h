// A harness for the restore property of operators (issue 8): an operator driven by a script of
// events, checkpointed through what it declares (Operator::checkpointed(), as the driver does)
// at any point and restored into a fresh operator, must go on exactly as one uninterrupted run.
//
// The harness plays the driver's part for one operator: per-input watermarks (an operator sees
// on_watermark only when the minimum over its non-idle inputs advances), idleness, the
// processing clock, the end of each input, and stopping an operator that finished. That
// bookkeeping belongs to the driver, which checkpoints it separately (QueryRuntime::save_driver),
// so a restored run takes it over from the interrupted one along with the clock's time.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "eddy/clock.h"
#include "runtime/operator.h"
#include "state/bytes.h"

namespace eddy::restore_test {

// One step of an operator's input, as the driver delivers it.
struct Event {
  enum class Kind { Rows, Watermark, Idle, ProcessingTime, End };
  Kind kind = Kind::Rows;
  int port = 0;
  Batch rows;          // Rows (copied for each run: operators may move from it)
  Timestamp time = 0;  // Watermark: the input's watermark; ProcessingTime: the clock's new time
  bool idle = false;   // Idle

  static Event batch(int port, Batch rows) { return make(Kind::Rows, port, 0, std::move(rows)); }
  static Event watermark(int port, Timestamp w) { return make(Kind::Watermark, port, w); }
  static Event idleness(int port, bool idle) {
    Event e = make(Kind::Idle, port, 0);
    e.idle = idle;
    return e;
  }
  static Event processing_time(Timestamp now) { return make(Kind::ProcessingTime, 0, now); }
  static Event end(int port) { return make(Kind::End, port, 0); }

 private:
  static Event make(Kind kind, int port, Timestamp time, Batch rows = {}) {
    Event e;
    e.kind = kind;
    e.port = port;
    e.time = time;
    e.rows = std::move(rows);
    return e;
  }
};

// Row `row` of `batch` as text: its kind, its values, and its arrival watermark if it has one
// ("+I 3 1017 null 's2' @990").
inline std::string row_text(const Batch& batch, size_t row) {
  std::string text = row_kind_symbol(batch.kind(row));
  for (const Column& column : batch.columns) {
    if (column.is_null(row))
      text += " null";
    else if (column.type.id == TypeId::Double)
      text += fmt::format(" {}", column.doubles[row]);
    else if (column.type.id == TypeId::String)
      text += fmt::format(" '{}'", column.strings[row]);
    else
      text += fmt::format(" {}", column.ints[row]);
  }
  if (!batch.arrival_watermark.empty()) text += fmt::format(" @{}", batch.arrival_watermark[row]);
  return text;
}

// Everything an operator emits, in order, as lines: rows (row_text), "W <watermark>", "FINISH".
struct Recorder final : Output {
  std::vector<std::string> lines;
  bool finished = false;
  void emit(Batch& batch) override {
    for (size_t r = 0; r < batch.size(); ++r) lines.push_back(row_text(batch, r));
  }
  void watermark(Timestamp w) override { lines.push_back(fmt::format("W {}", w)); }
  void finish() override {
    lines.push_back("FINISH");
    finished = true;
  }
};

// The driver's bookkeeping for one operator node (QueryRuntime's Node), and how it delivers each
// kind of event.
struct Driver {
  explicit Driver(int ports)
      : input_watermarks(size_t(ports), kMinTimestamp),
        input_ended(size_t(ports), 0),
        input_idle(size_t(ports), 0) {}
  std::vector<Timestamp> input_watermarks;
  std::vector<uint8_t> input_ended, input_idle;
  Timestamp watermark = kMinTimestamp;
  Timestamp processing_time = kMinTimestamp;
  bool stopped = false;  // the operator finished (Output::finish): it gets nothing more

  void apply(const Event& event, Operator& op, Recorder& out, ManualClock& clock) {
    switch (event.kind) {
      case Event::Kind::Rows:
        if (!stopped && !event.rows.empty()) {
          Batch rows = event.rows;
          op.on_batch(rows, event.port, out);
        }
        break;
      case Event::Kind::Watermark:
        deliver_watermark(event.port, event.time, op, out);
        break;
      case Event::Kind::Idle:
        if (stopped || input_idle[event.port] == event.idle) break;
        input_idle[event.port] = event.idle;
        op.on_input_idle(event.port, event.idle);
        recompute_watermark(op, out);
        break;
      case Event::Kind::ProcessingTime:
        clock.set(event.time);
        if (event.time > processing_time) {
          processing_time = event.time;
          if (!stopped) op.on_processing_time(event.time, out);
        }
        break;
      case Event::Kind::End:
        if (stopped || input_ended[event.port]) break;
        deliver_watermark(event.port, kMaxTimestamp, op, out);
        input_ended[event.port] = 1;
        if (std::all_of(input_ended.begin(), input_ended.end(), [](uint8_t e) { return e; }))
          op.on_end(out);
        break;
    }
    if (out.finished) stopped = true;
  }

 private:
  void deliver_watermark(int port, Timestamp w, Operator& op, Recorder& out) {
    if (stopped || w <= input_watermarks[port]) return;
    input_watermarks[port] = w;
    op.on_input_watermark(port, w);
    recompute_watermark(op, out);
  }
  void recompute_watermark(Operator& op, Recorder& out) {
    Timestamp low = kMaxTimestamp;
    bool any = false;
    for (size_t p = 0; p < input_watermarks.size(); ++p) {
      if (input_idle[p] && !input_ended[p]) continue;
      low = std::min(low, input_watermarks[p]);
      any = true;
    }
    if (!any || low <= watermark) return;
    watermark = low;
    op.on_watermark(low, out);
  }
};

// Builds the operator under test; `clock` is its processing-time clock.
using Factory = std::function<std::unique_ptr<Operator>(const Clock* clock)>;

// One run of an operator: its clock, the driver's bookkeeping and what it emitted.
struct Instance {
  Instance(const Factory& make, int ports) : op(make(&clock)), driver(ports) {}
  void run(const std::vector<Event>& events, size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) driver.apply(events[i], *op, out, clock);
  }
  ManualClock clock{0};
  std::unique_ptr<Operator> op;
  Driver driver;
  Recorder out;
};

// A checkpoint as the store holds it: the operator's values, and its key-group blobs per level
// of the chain (the full checkpoint, then each delta), with the driver's bookkeeping and the
// clock's time beside it.
struct Checkpoint {
  std::string values;
  std::vector<std::vector<std::string>> levels;
  std::vector<std::vector<int>> key_groups;  // per level, each blob's key group
  Driver driver{0};
  Timestamp now = 0;
};

inline std::vector<std::string> save_key_groups(Instance& from, bool changed_only,
                                                std::vector<int>* key_groups = nullptr) {
  std::vector<KeyGroupState> groups;
  from.op->checkpointed().save_key_groups(changed_only, groups);
  std::vector<std::string> blobs;
  for (KeyGroupState& group : groups) {
    blobs.push_back(std::move(group.bytes));
    if (key_groups) key_groups->push_back(group.key_group);
  }
  return blobs;
}

inline Checkpoint take_full(Instance& from) {
  Checkpoint cp;
  cp.values = from.op->checkpointed().save_values();
  cp.levels.push_back(save_key_groups(from, false, &cp.key_groups.emplace_back()));
  cp.driver = from.driver;
  cp.now = from.clock.now();
  return cp;
}

// Adds a delta (keys changed since the last save) to `cp`, with the values as they are now.
inline void add_delta(Instance& from, Checkpoint& cp) {
  cp.values = from.op->checkpointed().save_values();
  cp.levels.push_back(save_key_groups(from, true, &cp.key_groups.emplace_back()));
  cp.driver = from.driver;
  cp.now = from.clock.now();
}

// Restores `cp` into `into` (freshly built), as QueryRuntime::restore does; the key groups of
// each level in a shuffled order, since they are independent of each other.
inline Status restore(Instance& into, const Checkpoint& cp, std::mt19937& rng) {
  OperatorState& state = into.op->checkpointed();
  if (Status s = state.restore_values(cp.values); !s) return s;
  for (size_t l = 0; l < cp.levels.size(); ++l) {
    std::vector<size_t> order(cp.levels[l].size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i : order)
      if (Status s = state.restore_key_group(cp.levels[l][i], cp.key_groups[l][i]); !s) return s;
  }
  if (Status s = state.finish_restore(); !s) return s;
  into.driver = cp.driver;
  into.clock.set(cp.now);
  return {};
}

// The saved values by name, without the metrics (their state_bytes measure capacity, which a
// restore need not reproduce): what a state comparison after a restore looks at.
inline std::map<std::string, std::string> values_by_name(const std::string& blob) {
  std::map<std::string, std::string> out;
  std::string_view in = blob;
  uint32_t count = 0;
  if (!bytes::get(in, count)) return out;
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t length = 0;
    std::string_view value;
    if (!bytes::get(in, length) || in.size() < length) break;
    std::string name(in.substr(0, length));
    in.remove_prefix(length);
    if (!bytes::get_string(in, value)) break;
    if (name != "metrics") out[name] = std::string(value);
  }
  return out;
}

// Keys removed in a level's blobs (the delta header's count): whether releases crossed a cut.
inline uint64_t removed_keys(const std::vector<std::string>& level) {
  uint64_t removed = 0;
  for (const std::string& blob : level) {
    std::string_view in = blob;
    uint32_t magic = 0, count = 0;
    if (bytes::get(in, magic) && bytes::get(in, count)) removed += count;
  }
  return removed;
}

}  // namespace eddy::restore_test
