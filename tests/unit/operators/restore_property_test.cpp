// Restore is a property of every operator (issue 8): for every cut point k of a scripted input
// (rows with their arrival watermarks, input watermarks, idleness, processing time, end of
// input), running events [0, k) on an operator, checkpointing it through what it declares,
// restoring a fresh operator of the same configuration and running events [k, n) on it gives
// exactly the output of one uninterrupted run: the same rows with the same kinds and arrival
// watermarks, the same watermarks, in the same order, and the same state and counters at the end.
// Also through incremental checkpoints (a full checkpoint, then deltas, restored as a chain) and
// through an operator that was itself restored. The inputs are random but seeded: several keys,
// out-of-order rows, rows behind the watermark, retractions, so that timers, buffered rows, late
// counters and key releases all straddle cut points (each case checks that they do).
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <typeinfo>

#include "operators/calc.h"
#include "operators/distinct.h"
#include "operators/group_aggregate.h"
#include "operators/interval_join.h"
#include "operators/keyed_exchange.h"
#include "operators/limit.h"
#include "operators/sort_limit.h"
#include "operators/time_sort.h"
#include "operators/timeout_aggregate.h"
#include "operators/union_all.h"
#include "operators/updating_limit.h"
#include "operators/watermark_assigner.h"
#include "operators/window_aggregate.h"
#include "operators/window_assign.h"
#include "restore_harness.h"
#include "test_process_functions.h"

namespace eddy::restore_test {
namespace {

// ---- inputs

// Every script's rows: (k BIGINT, ts TIMESTAMP rowtime, v BIGINT, s STRING).
Schema input_schema() {
  Schema schema;
  schema.fields = {{"k", Type::int64(), true},
                   {"ts", Type::timestamp(), false},
                   {"v", Type::int64(), true},
                   {"s", Type::string(), false}};
  schema.rowtime = 1;
  return schema;
}

struct SourceRow {
  std::optional<int64_t> k;
  Timestamp ts;
  std::optional<int64_t> v;
  std::string s;
};

void append(Batch& batch, const SourceRow& row, RowKind kind) {
  if (row.k)
    batch.columns[0].append_int(*row.k);
  else
    batch.columns[0].append_null();
  batch.columns[1].append_int(row.ts);
  if (row.v)
    batch.columns[2].append_int(*row.v);
  else
    batch.columns[2].append_null();
  batch.columns[3].append_string(row.s);
  batch.kinds.push_back(kind);
  ++batch.rows;
}

// How a script's input looks.
struct Source {
  int ports = 1;
  int steps = 36;     // events before the end of input
  int max_rows = 4;   // rows per batch
  int keys = 4;       // distinct non-NULL keys
  int null_keys = 0;  // percent of rows with a NULL key
  int64_t delay = 20;
  int late = 15;  // percent of rows behind their input's watermark
  // The stream has a WATERMARK (ts - delay): rows carry their arrival watermark and each
  // batch is followed by its input's watermark, as the WatermarkAssigner stamps them.
  bool stamped = true;
  bool arrivals = true;          // stamped rows carry their arrival watermark (else only batches)
  bool processing_time = false;  // ts is PROCTIME(): the clock when the row arrives
  bool clock = false;            // the clock advances (implied by processing_time)
  int clock_percent = 20;        // of the steps, when it does
  int64_t clock_step = 12;       // the most it advances by in one step
  bool idleness = false;         // inputs go idle and come back
  int retract = 0;               // percent of rows retracting (-U / -D) an earlier row
};

// A random script for `source`, ending every input.
std::vector<Event> script(const Source& source, uint32_t seed) {
  std::mt19937 rng(seed);
  auto chance = [&](int percent) { return int(rng() % 100) < percent; };
  const int ports = source.ports;
  std::vector<Event> events;
  std::vector<Timestamp> max_ts(ports, 1000), watermark(ports, kMinTimestamp),
      sent(ports, kMinTimestamp);
  std::vector<uint8_t> idle(ports, 0);
  std::vector<std::vector<SourceRow>> live(ports);  // rows a retraction may take back
  Timestamp now = 0;
  const bool clock = source.clock || source.processing_time;
  for (int step = 0; step < source.steps; ++step) {
    if (clock && chance(source.clock_percent)) {
      now += 1 + int64_t(rng() % source.clock_step);
      events.push_back(Event::processing_time(now));
      continue;
    }
    const int port = int(rng() % ports);
    if (source.idleness && chance(12)) {
      if (!idle[port]) events.push_back(Event::idleness(port, true));
      idle[port] = 1;
      continue;
    }
    if (idle[port]) events.push_back(Event::idleness(port, false)), idle[port] = 0;
    Batch batch = Batch::with_schema(input_schema());
    const int rows = 1 + int(rng() % source.max_rows);
    for (int i = 0; i < rows; ++i) {
      SourceRow row;
      RowKind kind = RowKind::Insert;
      if (!live[port].empty() && chance(source.retract)) {
        const size_t victim = rng() % live[port].size();
        row = live[port][victim];
        live[port].erase(live[port].begin() + long(victim));
        kind = rng() % 2 ? RowKind::Delete : RowKind::UpdateBefore;
      } else {
        if (!chance(source.null_keys)) row.k = int64_t(rng() % source.keys);
        if (source.processing_time)
          row.ts = now;
        else if (watermark[port] != kMinTimestamp && chance(source.late))
          row.ts = watermark[port] - int64_t(rng() % (2 * source.delay));
        else
          row.ts = max_ts[port] - (source.delay - 1) + int64_t(rng() % (source.delay + 9));
        if (rng() % 10) row.v = int64_t(rng() % 10);
        row.s = fmt::format("s{}", rng() % 5);
        if (source.retract > 0) {
          live[port].push_back(row);
          if (rng() % 4 == 0) kind = RowKind::UpdateAfter;
        }
      }
      append(batch, row, kind);
      if (source.stamped && source.arrivals) batch.arrival_watermark.push_back(watermark[port]);
      max_ts[port] = std::max(max_ts[port], row.ts);
      if (!source.processing_time)
        watermark[port] = std::max(watermark[port], row.ts - source.delay);
    }
    if (source.retract == 0) batch.kinds.clear();  // an append-only stream
    events.push_back(Event::batch(port, std::move(batch)));
    if (source.stamped && watermark[port] > sent[port])
      events.push_back(Event::watermark(port, sent[port] = watermark[port]));
  }
  std::vector<int> order(ports);
  for (int p = 0; p < ports; ++p) order[p] = p;
  std::shuffle(order.begin(), order.end(), rng);
  for (int port : order) {
    if (clock) events.push_back(Event::processing_time(now += 1 + int64_t(rng() % 12)));
    events.push_back(Event::end(port));
  }
  return events;
}

// `batch` with only `columns` (in that order).
Batch project(const Batch& batch, const std::vector<int>& columns) {
  Batch out;
  for (int c : columns) out.columns.push_back(batch.columns[c]);
  out.rows = batch.rows;
  out.kinds = batch.kinds;
  out.arrival_watermark = batch.arrival_watermark;
  return out;
}

// The script's rows through a stateless operator (what it emits per batch), then `columns`.
std::vector<Event> through(Operator& op, std::vector<Event> events,
                           const std::vector<int>& columns) {
  struct Collect final : Output {
    Batch rows;
    void emit(Batch& batch) override {
      for (size_t r = 0; r < batch.size(); ++r) rows.append_row(batch, r);
    }
    void watermark(Timestamp) override {}
    void finish() override {}
  };
  for (Event& event : events) {
    if (event.kind != Event::Kind::Rows) continue;
    Collect out;
    op.on_batch(event.rows, event.port, out);
    event.rows = out.rows.empty() ? Batch() : project(out.rows, columns);
  }
  // Batches the operator emptied stay as empty Rows events: the driver skips them.
  return events;
}

// ---- building blocks of the configurations

ExprPtr column(const Schema& schema, int i) { return make_column_ref(i, schema[i]); }
ExprPtr literal(int64_t n) { return make_literal(Value::integer(n)); }
ExprPtr binary(const char* op, ExprPtr a, ExprPtr b) {
  return std::move(make_binary(op, std::move(a), std::move(b)).value());
}

AggregateSpec aggregate(const char* name, const Schema& input, int arg, bool distinct = false) {
  const bool star = arg < 0;
  return make_aggregate(name, distinct, star, star ? Type::null() : input[arg].type, arg, name)
      .value();
}

// COUNT(*), SUM(v), MAX(s) and COUNT(DISTINCT v) over `input` (v and s at the given columns).
std::vector<AggregateSpec> aggregates(const Schema& input, int v, int s) {
  return {aggregate("COUNT", input, -1), aggregate("SUM", input, v), aggregate("MAX", input, s),
          aggregate("COUNT", input, v, true)};
}

// The key columns of `input`, then `extra` (e.g. a timeout time), then one per aggregate.
Schema result_schema(const Schema& input, size_t keys, const std::vector<Field>& extra,
                     const std::vector<AggregateSpec>& specs) {
  Schema out;
  out.fields.assign(input.fields.begin(), input.fields.begin() + long(keys));
  for (const Field& f : extra) out.fields.push_back(f);
  for (const AggregateSpec& spec : specs) out.fields.push_back({spec.text, spec.result_type});
  return out;
}

// WindowAssign's output (k, ts, v, s, window_start, window_end, window_time) as a window
// aggregation reads it: keys first (window_start, window_end, k), then v, s.
const std::vector<int> kWindowedColumns = {4, 5, 0, 2, 3};
Schema windowed_schema() {
  Schema in = input_schema();
  Schema out;
  out.fields = {{"window_start", Type::timestamp(), false},
                {"window_end", Type::timestamp(), false},
                in[0],
                in[2],
                in[3]};
  return out;
}

WindowSpec hop(bool processing_time) {
  WindowSpec spec;
  spec.kind = WindowKind::Hop;
  spec.size = 20;
  spec.slide = 10;
  spec.time_column = 1;
  spec.time_name = "ts";
  spec.processing_time = processing_time;
  spec.aggregated = true;
  return spec;
}

// Joins of two inputs of input_schema() on k.
JoinConfig join(JoinType type) {
  JoinConfig c;
  c.type = type;
  c.left = c.right = input_schema();
  c.output = c.left;
  if (type != JoinType::Semi && type != JoinType::Anti)
    for (const auto& f : c.right.fields) c.output.fields.push_back(f);
  c.left_keys.push_back(column(c.left, 0));
  c.right_keys.push_back(column(c.right, 0));
  c.key_text = "l.k = r.k";
  c.left_time = c.right_time = 1;
  return c;
}

// r.ts - l.ts in [-10, 5], with the planner's watermark delay.
JoinConfig interval_join(JoinType type) {
  JoinConfig c = join(type);
  c.bounded = true;
  c.lower = -10;
  c.upper = 5;
  const bool semi = type == JoinType::Semi || type == JoinType::Anti;
  c.watermark_delay = semi ? std::max<int64_t>(0, c.upper + 1) : std::max(c.upper, -c.lower) + 1;
  return c;
}

JoinConfig regular_join(JoinType type) {
  JoinConfig c = join(type);
  c.updating_inputs = true;
  return c;
}

// ---- the cases

struct Case {
  std::string name;
  int ports = 1;
  Factory make;
  std::function<std::vector<Event>(uint32_t seed)> script;
  // What the scripts must make happen (over all seeds), so the property is not checked vacuously.
  bool late = false;      // late rows counted
  bool timers = false;    // timers pending at a cut
  bool releases = false;  // keys released between checkpoints (a delta removes keys)
};

std::vector<Case> cases() {
  std::vector<Case> all;
  const Schema in = input_schema();
  auto events = [](Source source) {
    return [source](uint32_t seed) { return script(source, seed); };
  };
  Source stamped;  // the default: one event-time input with arrival watermarks
  Source clocked{.stamped = false, .processing_time = true};

  // Stateless: nothing is declared but the metrics; restoring must still keep the output.
  all.push_back({"Calc", 1,
                 [in](const Clock*) {
                   std::vector<ExprPtr> projections;
                   projections.push_back(column(in, 0));
                   projections.push_back(binary("*", column(in, 2), literal(2)));
                   return std::make_unique<Calc>(
                       binary("<>", binary("%", column(in, 2), literal(3)), literal(0)),
                       std::move(projections), std::vector<std::string>{"k", "v2"});
                 },
                 events(stamped), false, false, false});

  all.push_back({"WatermarkAssigner", 1,
                 [in](const Clock*) {
                   auto minus = binary("-", column(in, 1), make_literal(Value::interval(5)));
                   return std::make_unique<WatermarkAssigner>(
                       "s", 1, "ts", std::shared_ptr<const BoundExpr>(std::move(minus)), "test",
                       /*idle_advance_ms=*/15);
                 },
                 events({.stamped = false, .clock = true, .clock_percent = 40, .clock_step = 20}),
                 false, false, false});

  for (WindowKind kind : {WindowKind::Tumble, WindowKind::Hop, WindowKind::Cumulate}) {
    all.push_back({fmt::format("WindowAssign/{}", window_kind_name(kind)), 1,
                   [kind](const Clock*) {
                     WindowSpec spec = hop(false);
                     spec.kind = kind;
                     if (kind == WindowKind::Tumble) spec.slide = spec.size = 10;
                     if (kind == WindowKind::Cumulate) spec.slide = 5;
                     return std::make_unique<WindowAssign>(spec);
                   },
                   events(stamped), true, false, false});
  }

  // Window aggregations read a HOP window assignment of the script's rows.
  auto window_aggregate = [](bool processing_time, bool retracting) {
    return [=](const Clock*) {
      const Schema windowed = windowed_schema();
      auto specs = aggregates(windowed, 3, 4);
      if (retracting) specs.pop_back();  // keep one DISTINCT-free variant too
      return std::make_unique<WindowAggregate>(
          3, 1, std::vector<std::string>{"ws", "we", "k"}, specs, windowed,
          result_schema(windowed, 3, {}, specs), processing_time, retracting);
    };
  };
  auto windowed = [](Source source, bool processing_time) {
    return [=](uint32_t seed) {
      WindowAssign assign(hop(processing_time));
      return through(assign, script(source, seed), kWindowedColumns);
    };
  };
  // No timers: windows fire by their end from lists rebuilt from the keys' records
  // (state/window_state.h), so open windows at a cut are keys with records, released in deltas.
  all.push_back({"WindowAggregate/event-time", 1, window_aggregate(false, false),
                 windowed(stamped, false), false, false, true});
  all.push_back({"WindowAggregate/processing-time", 1, window_aggregate(true, false),
                 windowed(clocked, true), false, false, true});
  all.push_back({"WindowAggregate/retracting", 1, window_aggregate(false, true),
                 windowed({.retract = 30}, false), false, false, true});
  // HOP slicing: the assignment sends each row once, to its slice of 10 (windows of 30 every
  // 20: three slices a window, a slice in one or two windows); state per key and slice.
  WindowSpec sliced_hop = hop(false);
  sliced_hop.size = 30;
  sliced_hop.slide = 20;
  sliced_hop.sliced = true;
  all.push_back({"WindowAggregate/sliced", 1,
                 [sliced_hop](const Clock*) {
                   const Schema windowed = windowed_schema();
                   std::vector<AggregateSpec> specs = {
                       aggregate("COUNT", windowed, -1), aggregate("SUM", windowed, 3),
                       aggregate("MAX", windowed, 3), aggregate("COUNT", windowed, 3)};
                   Schema output = result_schema(windowed, 3, {}, specs);
                   output.window_start = 0;
                   auto op = std::make_unique<WindowAggregate>(
                       3, 1, std::vector<std::string>{"ws", "we", "k"}, specs, windowed, output,
                       false, false);
                   op->slice(sliced_hop);
                   return op;
                 },
                 [sliced_hop, stamped](uint32_t seed) {
                   WindowAssign assign(sliced_hop);
                   return through(assign, script(stamped, seed), kWindowedColumns);
                 },
                 false, false, true});
  WindowSpec sliced_cumulate = hop(false);
  sliced_cumulate.kind = WindowKind::Cumulate;
  sliced_cumulate.size = 30;
  sliced_cumulate.slide = 10;
  sliced_cumulate.sliced = true;
  all.push_back({"WindowAggregate/sliced-cumulate", 1,
                 [sliced_cumulate](const Clock*) {
                   const Schema windowed = windowed_schema();
                   std::vector<AggregateSpec> specs = {aggregate("COUNT", windowed, -1),
                                                       aggregate("MIN", windowed, 3)};
                   Schema output = result_schema(windowed, 3, {}, specs);
                   output.window_start = 0;
                   auto op = std::make_unique<WindowAggregate>(
                       3, 1, std::vector<std::string>{"ws", "we", "k"}, specs, windowed, output,
                       false, false);
                   op->slice(sliced_cumulate);
                   return op;
                 },
                 [sliced_cumulate, stamped](uint32_t seed) {
                   WindowAssign assign(sliced_cumulate);
                   return through(assign, script(stamped, seed), kWindowedColumns);
                 },
                 false, false, true});

  // GROUP BY k (NULL keys too).
  auto group = [in](bool retracting, int64_t ttl, bool event_time) {
    return [=](const Clock* clock) {
      auto specs = aggregates(in, 2, 3);
      return std::make_unique<GroupAggregate>(
          1, std::vector<std::string>{"k"}, specs, result_schema(in, 1, {}, specs),
          GroupAggregate::Ttl{ttl, event_time, clock}, retracting);
    };
  };
  all.push_back({"GroupAggregate/plain", 1, group(false, 0, false), events({.null_keys = 10}),
                 false, false, false});
  all.push_back({"GroupAggregate/retracting", 1, group(true, 0, false),
                 events({.null_keys = 10, .retract = 35}), false, false, true});
  all.push_back({"GroupAggregate/ttl-processing-time", 1, group(false, 25, false),
                 events({.stamped = false, .clock = true}), false, true, true});
  all.push_back({"GroupAggregate/ttl-event-time", 1, group(false, 25, true), events(stamped), false,
                 true, true});
  all.push_back({"GroupAggregate/ttl-event-time-watermarks-only", 1, group(false, 25, true),
                 events({.arrivals = false}), false, true, true});
  all.push_back({"GroupAggregate/retracting-ttl", 1, group(true, 25, true), events({.retract = 30}),
                 false, true, true});

  // GROUP BY k TIMEOUT INTERVAL '15' MILLISECOND, and SESSION windows of gap 16 ms.
  auto timeout = [in](bool reset, bool processing_time, bool session) {
    return [=](const Clock* clock) {
      TimeoutConfig c;
      c.key_count = 1;
      c.key_names = {"k"};
      c.aggregates = aggregates(in, 2, 3);
      c.rowtime = 1;
      c.timeout_ms = 15;
      c.reset_state = reset || session;
      c.processing_time = processing_time;
      c.session = session;
      c.input = in;
      std::vector<Field> times = {{"timeout_time", Type::timestamp(), false}};
      if (session)
        times = {{"window_start", Type::timestamp(), false},
                 {"window_end", Type::timestamp(), false}};
      c.output = result_schema(in, 1, times, c.aggregates);
      c.clock = clock;
      return std::make_unique<TimeoutAggregate>(std::move(c));
    };
  };
  all.push_back({"TimeoutAggregate/event-time", 1, timeout(false, false, false), events(stamped),
                 true, true, false});
  all.push_back({"TimeoutAggregate/reset-state", 1, timeout(true, false, false), events(stamped),
                 true, true, true});
  all.push_back({"TimeoutAggregate/session", 1, timeout(true, false, true), events(stamped), true,
                 true, true});
  all.push_back({"TimeoutAggregate/processing-time", 1, timeout(false, true, false),
                 events(clocked), false, true, false});
  all.push_back({"TimeoutAggregate/processing-time-reset", 1, timeout(true, true, false),
                 events(clocked), false, true, true});

  // Process functions (issue 9): keyed state of every kind, both timer domains, two inputs.
  all.push_back(
      {"ProcessFunction/event-time", 1,
       [in](const Clock* clock) { return test::process_function_operator(in, 1, false, clock); },
       events({.keys = 40}), false, true, true});
  all.push_back(
      {"ProcessFunction/processing-time", 1,
       [in](const Clock* clock) { return test::process_function_operator(in, 1, true, clock); },
       events({.keys = 40, .clock = true}), false, true, true});
  all.push_back(
      {"CoProcessFunction", 2,
       [in](const Clock* clock) { return test::process_function_operator(in, 2, false, clock); },
       events({.ports = 2, .keys = 40, .null_keys = 5, .idleness = true}), false, true, true});

  // Joins: interval joins of every kind, regular joins of updating inputs, NOT IN, TTLs.
  auto joined = [](JoinConfig (*config)(JoinType), JoinType type) {
    return [=](const Clock*) { return std::make_unique<IntervalJoin>(config(type)); };
  };
  Source two{.ports = 2, .null_keys = 5};
  for (JoinType type : {JoinType::Inner, JoinType::Left, JoinType::Right, JoinType::Full,
                        JoinType::Semi, JoinType::Anti}) {
    all.push_back({fmt::format("IntervalJoin/{}", join_type_name(type)), 2,
                   joined(interval_join, type), events(two), false, true, true});
  }
  all.push_back({"IntervalJoin/residual-idle", 2,
                 [in](const Clock*) {
                   JoinConfig c = interval_join(JoinType::Full);
                   // (l.v + r.v) % 3 <> 0
                   c.residual =
                       binary("<>",
                              binary("%", binary("+", column(in, 2), make_column_ref(4 + 2, in[2])),
                                     literal(3)),
                              literal(0));
                   c.residual_text = "(l.v + r.v) % 3 <> 0";
                   return std::make_unique<IntervalJoin>(std::move(c));
                 },
                 events({.ports = 2, .idleness = true}), false, true, true});
  Source changelogs{.ports = 2, .null_keys = 5, .retract = 30};
  for (JoinType type :
       {JoinType::Inner, JoinType::Left, JoinType::Full, JoinType::Semi, JoinType::Anti}) {
    all.push_back({fmt::format("Join/{}", join_type_name(type)), 2, joined(regular_join, type),
                   events(changelogs), false, false, true});
  }
  auto not_in = [](bool bounded) {
    return [=](const Clock*) {
      JoinConfig c = bounded ? interval_join(JoinType::Anti) : regular_join(JoinType::Anti);
      c.null_aware = true;
      return std::make_unique<IntervalJoin>(std::move(c));
    };
  };
  all.push_back({"Join/NOT IN", 2, not_in(false),
                 events({.ports = 2, .null_keys = 20, .retract = 25}), false, false, true});
  all.push_back({"IntervalJoin/NOT IN", 2, not_in(true), events({.ports = 2, .null_keys = 20}),
                 false, true, true});
  all.push_back({"IntervalJoin/processing-time", 2,
                 [](const Clock* clock) {
                   JoinConfig c = interval_join(JoinType::Full);
                   c.processing_time = true;
                   c.watermark_delay = 0;
                   c.clock = clock;
                   return std::make_unique<IntervalJoin>(std::move(c));
                 },
                 events({.ports = 2, .stamped = false, .processing_time = true}), false, true,
                 true});
  auto ttl_join = [](bool event_time) {
    return [=](const Clock* clock) {
      JoinConfig c = regular_join(JoinType::Left);
      c.updating_inputs = false;
      c.ttl_ms = 25;
      c.ttl_event_time = event_time;
      c.clock = clock;
      return std::make_unique<IntervalJoin>(std::move(c));
    };
  };
  all.push_back({"Join/ttl-processing-time", 2, ttl_join(false),
                 events({.ports = 2, .stamped = false, .clock = true}), false, true, true});
  all.push_back(
      {"Join/ttl-event-time", 2, ttl_join(true), events({.ports = 2}), false, true, true});

  // ORDER BY ts, v DESC.
  all.push_back({"TimeSort", 1,
                 [in](const Clock*) {
                   return std::make_unique<TimeSort>(
                       in, std::vector<SortKey>{{1, false, true}, {2, true, false}});
                 },
                 events(stamped), true, false, false});
  all.push_back({"SortLimit", 1,
                 [in](const Clock*) {
                   return std::make_unique<SortLimit>(
                       in, std::vector<SortKey>{{2, true, false}, {1, false, true}}, 6);
                 },
                 events({.stamped = false, .retract = 30}), false, false, true});

  // SELECT DISTINCT k, s.
  auto distinct = [](bool updating) {
    return [=](const Clock*) {
      Schema schema;
      schema.fields = {input_schema()[0], input_schema()[3]};
      return std::make_unique<Distinct>(schema, updating);
    };
  };
  auto distinct_rows = [](Source source) {
    return [=](uint32_t seed) {
      std::vector<Event> events = script(source, seed);
      for (Event& e : events)
        if (e.kind == Event::Kind::Rows) e.rows = project(e.rows, {0, 3});
      return events;
    };
  };
  all.push_back(
      {"Distinct/append-only", 1, distinct(false), distinct_rows(stamped), false, false, false});
  all.push_back(
      {"Distinct/updating", 1, distinct(true), distinct_rows({.retract = 40}), false, false, true});

  all.push_back({"Limit", 1, [](const Clock*) { return std::make_unique<Limit>(25); },
                 events(stamped), false, false, false});
  // LIMIT 5 over an updating input: the first rows change as rows are retracted, and the
  // order of the rows waiting is rebuilt after a restore.
  all.push_back({"UpdatingLimit", 1,
                 [in](const Clock*) { return std::make_unique<UpdatingLimit>(in, 5); },
                 events({.stamped = false, .retract = 30}), false, false, true});
  all.push_back({"UnionAll", 3, [](const Clock*) { return std::make_unique<UnionAll>(3); },
                 events({.ports = 3, .idleness = true}), false, false, false});
  return all;
}

// ---- the property

struct Coverage {
  uint64_t late = 0, timers = 0, removed = 0, rows = 0;
};

std::string trace(const std::vector<std::string>& lines, size_t at) {
  std::string out;
  for (size_t i = at > 3 ? at - 3 : 0; i < std::min(lines.size(), at + 4); ++i)
    out += fmt::format("  {}{}: {}\n", i == at ? ">" : " ", i, lines[i]);
  return out;
}

// The first difference between an uninterrupted run's output and a restored one's, or nothing.
std::optional<std::string> compare(const std::vector<std::string>& want,
                                   const std::vector<std::string>& got) {
  size_t i = 0;
  while (i < want.size() && i < got.size() && want[i] == got[i]) ++i;
  if (i == want.size() && i == got.size()) return std::nullopt;
  return fmt::format(
      "output differs at line {} (uninterrupted {} lines, restored {}):\n"
      "uninterrupted:\n{}restored:\n{}",
      i, want.size(), got.size(), trace(want, i), trace(got, i));
}

// The end state of a restored run against the uninterrupted one: declared values, counters,
// keys and timers.
std::optional<std::string> compare_end(Instance& want, Instance& got) {
  const auto a = values_by_name(want.op->checkpointed().save_values());
  const auto b = values_by_name(got.op->checkpointed().save_values());
  for (const auto& [name, bytes_of_value] : a)
    if (!b.count(name) || b.at(name) != bytes_of_value)
      return fmt::format("value '{}' differs at the end", name);
  const OperatorMetrics &m = want.op->metrics(), &n = got.op->metrics();
  if (m.rows_in != n.rows_in || m.rows_out != n.rows_out || m.late_rows != n.late_rows ||
      m.keys != n.keys || m.timers != n.timers)
    return fmt::format(
        "metrics differ at the end: rows in {} / {}, out {} / {}, late {} / {}, "
        "keys {} / {}, timers {} / {}",
        m.rows_in, n.rows_in, m.rows_out, n.rows_out, m.late_rows, n.late_rows, m.keys, n.keys,
        m.timers, n.timers);
  // What EXPLAIN shows of the operator (e.g. a join's stored rows) must agree too.
  const OperatorDescription d = want.op->describe(), e = got.op->describe();
  if (d.properties != e.properties) {
    for (size_t i = 0; i < std::min(d.properties.size(), e.properties.size()); ++i)
      if (d.properties[i] != e.properties[i])
        return fmt::format("EXPLAIN's {} differs at the end: '{}' / '{}'", d.properties[i].first,
                           d.properties[i].second, e.properties[i].second);
    return std::string("EXPLAIN differs at the end");
  }
  OperatorCheckpoint x, y;
  want.op->checkpointed().describe(x);
  got.op->checkpointed().describe(y);
  if (x.keys != y.keys || x.timers != y.timers || x.next_event_timer != y.next_event_timer ||
      x.next_processing_timer != y.next_processing_timer)
    return fmt::format("keyed state differs at the end: keys {} / {}, timers {} / {}", x.keys,
                       y.keys, x.timers, y.timers);
  return std::nullopt;
}

// Restores `cp` into a fresh operator at cut `k`, runs the rest, and checks that `prefix` (what
// the interrupted runs emitted before) and its output are the uninterrupted run's.
std::optional<std::string> resume(const Case& c, const std::vector<Event>& events, Instance& whole,
                                  const Checkpoint& cp, size_t k,
                                  const std::vector<std::string>& prefix, std::mt19937& rng) {
  Instance restored(c.make, c.ports);
  if (Status s = restore(restored, cp, rng); !s) return "restore failed: " + s.error().message;
  restored.run(events, k, events.size());
  std::vector<std::string> got = prefix;
  got.insert(got.end(), restored.out.lines.begin(), restored.out.lines.end());
  if (auto diff = compare(whole.out.lines, got)) return diff;
  return compare_end(whole, restored);
}

std::vector<std::string> head(const std::vector<std::string>& lines, size_t n) {
  return {lines.begin(), lines.begin() + long(n)};
}

// Checks the property for one script; returns the first violation.
std::optional<std::string> check(const Case& c, uint32_t seed, Coverage& coverage) {
  const std::vector<Event> events = c.script(seed);
  const size_t n = events.size();
  std::mt19937 rng(seed * 7919u);
  Instance whole(c.make, c.ports);
  whole.run(events, 0, n);
  coverage.late += whole.op->metrics().late_rows;
  coverage.rows += whole.out.lines.size();

  // A full checkpoint at every cut point, from one run that saving must not disturb.
  {
    Instance run(c.make, c.ports);
    std::vector<Checkpoint> cps;
    std::vector<size_t> emitted;
    for (size_t k = 0; k <= n; ++k) {
      if (k > 0) run.run(events, k - 1, k);
      cps.push_back(take_full(run));
      emitted.push_back(run.out.lines.size());
      OperatorCheckpoint described;
      run.op->checkpointed().describe(described);
      coverage.timers += described.timers;
    }
    if (auto diff = compare(whole.out.lines, run.out.lines))
      return "checkpointing changed the output: " + *diff;
    for (size_t k = 0; k <= n; ++k)
      if (auto failure = resume(c, events, whole, cps[k], k, head(run.out.lines, emitted[k]), rng))
        return fmt::format("full checkpoint after {} of {} events: {}", k, n, *failure);
  }

  // Incremental: a full checkpoint at k1, then a delta after every event, each chain restored.
  for (size_t k1 : {size_t(0), n / 3, n / 2 + 1}) {
    Instance run(c.make, c.ports);
    run.op->checkpointed().track_changes();
    run.run(events, 0, k1);
    Checkpoint cp = take_full(run);
    for (size_t k = k1 + 1; k <= n; ++k) {
      run.run(events, k - 1, k);
      add_delta(run, cp);
      coverage.removed += removed_keys(cp.levels.back());
      if (auto failure = resume(c, events, whole, cp, k, run.out.lines, rng))
        return fmt::format("full checkpoint after {} events, deltas up to {} of {}: {}", k1, k, n,
                           *failure);
    }
  }

  // A restored operator checkpointed again: restored at k1, a full checkpoint at k2 and one
  // delta (all changes since k2) at k3, restored into a third operator.
  std::mt19937 pick(seed);
  for (int trial = 0; trial < 6 && n >= 3; ++trial) {
    size_t cut[3] = {pick() % (n + 1), pick() % (n + 1), pick() % (n + 1)};
    std::sort(cut, cut + 3);
    Instance first(c.make, c.ports);
    first.run(events, 0, cut[0]);
    Instance second(c.make, c.ports);
    // The driver may start tracking changes before or after it restores.
    if (trial % 2) second.op->checkpointed().track_changes();
    if (Status s = restore(second, take_full(first), rng); !s)
      return "restore failed: " + s.error().message;
    if (trial % 2 == 0) second.op->checkpointed().track_changes();
    second.run(events, cut[0], cut[1]);
    Checkpoint cp = take_full(second);
    second.run(events, cut[1], cut[2]);
    add_delta(second, cp);
    coverage.removed += removed_keys(cp.levels.back());
    std::vector<std::string> prefix = first.out.lines;
    prefix.insert(prefix.end(), second.out.lines.begin(), second.out.lines.end());
    if (auto failure = resume(c, events, whole, cp, cut[2], prefix, rng))
      return fmt::format("restored after {} events, full checkpoint at {}, delta at {} of {}: {}",
                         cut[0], cut[1], cut[2], n, *failure);
  }
  return std::nullopt;
}

// Numbers the rows it passes: the counter must survive a restart.
class Numbering final : public Operator {
 public:
  explicit Numbering(bool declared) {
    if (declared) checkpointed_.value("next", next_);
  }
  void on_batch(Batch& batch, int, Output& out) override {
    Schema schema;
    schema.fields = {{"n", Type::int64(), false}};
    Batch numbered = Batch::with_schema(schema);
    for (size_t row = 0; row < batch.size(); ++row) numbered.columns[0].append_int(next_++);
    numbered.rows = batch.size();
    out.emit(numbered);
  }
  OperatorDescription describe() const override { return {"Numbering", {}}; }

 private:
  int64_t next_ = 0;
};

TEST(RestorePropertyHarness, CatchesAFieldThatIsNotDeclared) {
  auto numbering = [](bool declared) {
    return Case{"Numbering", 1,
                [declared](const Clock*) { return std::make_unique<Numbering>(declared); },
                [](uint32_t seed) { return script(Source{}, seed); }};
  };
  Coverage coverage;
  EXPECT_EQ(check(numbering(true), 1, coverage), std::nullopt);
  auto forgotten = check(numbering(false), 1, coverage);
  ASSERT_TRUE(forgotten.has_value());
  EXPECT_NE(forgotten->find("output differs"), std::string::npos) << *forgotten;
}

class RestoreProperty : public testing::TestWithParam<size_t> {};

TEST_P(RestoreProperty, ResumingFromAnyCutGivesTheUninterruptedOutput) {
  const Case c = cases()[GetParam()];
  Coverage coverage;
  for (uint32_t seed = 1; seed <= 4; ++seed) {
    if (auto failure = check(c, seed, coverage)) {
      ADD_FAILURE() << c.name << ", seed " << seed << ": " << *failure;
      return;
    }
  }
  EXPECT_GT(coverage.rows, 0u) << c.name << " emitted nothing";
  if (c.late) {
    EXPECT_GT(coverage.late, 0u) << c.name << ": no late row";
  }
  if (c.timers) {
    EXPECT_GT(coverage.timers, 0u) << c.name << ": no timer pending at a cut";
  }
  if (c.releases) {
    EXPECT_GT(coverage.removed, 0u) << c.name << ": no key released in a delta";
  }
}

INSTANTIATE_TEST_SUITE_P(EveryOperator, RestoreProperty, testing::Range<size_t>(0, cases().size()),
                         [](const testing::TestParamInfo<size_t>& info) {
                           std::string name = cases()[info.param].name;
                           for (char& ch : name)
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });

// ---- keyed operators on parallel instances (operators/keyed_exchange.h)

// The input columns a case's keyed state is keyed by, or nothing for a case the planner does not
// run on parallel instances. Window aggregations: the non-window key columns.
std::vector<int> exchange_key(const std::string& name) {
  if (name.rfind("GroupAggregate", 0) == 0 || name.rfind("TimeoutAggregate", 0) == 0) return {0};
  // Sliced ones: their window_start is a window column (key 0), so only k.
  if (name.rfind("WindowAggregate/sliced", 0) == 0) return {2};
  if (name.rfind("WindowAggregate", 0) == 0) return {0, 2};
  if (name.rfind("Distinct", 0) == 0) return {0, 1};
  // One-input process functions, by their PARTITION BY column (planner/nodes/table_function.cpp).
  if (name.rfind("ProcessFunction", 0) == 0) return {0};
  // Joins: both sides' k (column 0 of each input); not NOT IN's null-aware joins, where a NULL
  // key matches every key (planner/nodes/join.cpp).
  if ((name.rfind("IntervalJoin", 0) == 0 || name.rfind("Join/", 0) == 0) &&
      name.find("NOT IN") == std::string::npos)
    return {0};
  return {};
}

// `make`'s operator as `n` instances behind a keyed exchange (n = 1: the operator itself).
Factory in_parallel(const Case& c, size_t n) {
  if (n == 1) return c.make;
  const Factory make = c.make;
  const std::vector<int> key = exchange_key(c.name);
  return [=](const Clock* clock) -> std::unique_ptr<Operator> {
    std::vector<std::unique_ptr<Operator>> instances;
    for (size_t i = 0; i < n; ++i) instances.push_back(make(clock));
    return std::make_unique<KeyedExchange>(std::move(instances), key);
  };
}

// The declared values of two runs at the end (counters summed over instances, the rest equal).
// A process function forgets keys without state in sweeps run by each instance's own key count,
// so when it swept (sweep_at) and how many keys it interned (next_sequence) are per instance:
// its output does not depend on them (a key's sequence is a row position).
std::optional<std::string> compare_values(Instance& want, Instance& got) {
  const auto a = values_by_name(want.op->checkpointed().save_values());
  const auto b = values_by_name(got.op->checkpointed().save_values());
  const bool sweeps = want.op->describe().name == "ProcessFunction";
  for (const auto& [name, bytes_of_value] : a) {
    if (sweeps && (name == "sweep_at" || name == "keyed.next_sequence")) continue;
    if (!b.count(name) || b.at(name) != bytes_of_value)
      return fmt::format("value '{}' differs at the end", name);
  }
  if (want.op->metrics().rows_out != got.op->metrics().rows_out) return "rows out differ";
  return std::nullopt;
}

class ParallelInstances : public testing::TestWithParam<size_t> {};

// At parallelism 2 and 3 a keyed operator emits exactly what one instance emits (rows, kinds,
// arrival watermarks, watermarks, in order), pipelined too (Operator::pipeline: each batch's
// output handed on during the next call, the rest drained at the end), and a checkpoint taken at
// one parallelism (full, or full then a delta) restores at another with the uninterrupted output.
TEST_P(ParallelInstances, EmitWhatOneInstanceEmitsAndRestoreAtAnyParallelism) {
  // Every call through the workers, however few its rows (operators/keyed_exchange.h).
  setenv("EDDY_EXCHANGE_WORKER_ROWS", "0", 1);
  const Case c = cases()[GetParam()];
  for (uint32_t seed = 1; seed <= 4; ++seed) {
    const std::vector<Event> events = c.script(seed);
    const size_t n = events.size();
    Instance whole(c.make, c.ports);
    whole.run(events, 0, n);
    for (size_t p : {2, 3}) {
      for (bool pipelined : {false, true}) {
        Instance run(in_parallel(c, p), c.ports);
        if (pipelined && !run.op->can_pipeline()) continue;
        if (pipelined) run.op->pipeline(true);
        for (size_t i = 0; i < n; ++i) {
          // Drained where the test moves the processing clock (the driver only reads it).
          if (pipelined && events[i].kind == Event::Kind::ProcessingTime) run.op->drain(run.out);
          run.run(events, i, i + 1);
        }
        if (pipelined) run.op->drain(run.out);
        auto diff = compare(whole.out.lines, run.out.lines);
        if (!diff) diff = compare_values(whole, run);
        if (diff) {
          ADD_FAILURE() << c.name << ", seed " << seed << ", parallelism " << p
                        << (pipelined ? " (pipelined)" : "") << ": " << *diff;
          return;
        }
      }
    }
    std::mt19937 rng(seed);
    const std::pair<size_t, size_t> rescales[] = {{2, 1}, {2, 3}, {1, 2}, {3, 2}};
    for (size_t k : {n / 4, n / 2, 3 * n / 4}) {
      for (auto [from, to] : rescales) {
        for (bool delta : {false, true}) {
          Instance first(in_parallel(c, from), c.ports);
          if (delta) first.op->checkpointed().track_changes();
          first.run(events, 0, k / 2);
          Checkpoint cp = delta ? take_full(first) : Checkpoint{};
          first.run(events, k / 2, k);
          if (delta)
            add_delta(first, cp);
          else
            cp = take_full(first);
          Instance second(in_parallel(c, to), c.ports);
          if (Status s = restore(second, cp, rng); !s) {
            ADD_FAILURE() << c.name << ": restore failed: " << s.error().message;
            return;
          }
          second.run(events, k, n);
          std::vector<std::string> got = first.out.lines;
          got.insert(got.end(), second.out.lines.begin(), second.out.lines.end());
          auto diff = compare(whole.out.lines, got);
          if (!diff) diff = compare_values(whole, second);
          if (diff) {
            ADD_FAILURE() << c.name << ", seed " << seed << ", checkpoint at parallelism " << from
                          << (delta ? " (full + delta)" : "") << " after " << k << " of " << n
                          << " events, restored at " << to << ": " << *diff;
            return;
          }
        }
      }
    }
  }
}

std::vector<size_t> keyed_cases() {
  std::vector<size_t> out;
  const std::vector<Case> all = cases();
  for (size_t i = 0; i < all.size(); ++i)
    if (!exchange_key(all[i].name).empty()) out.push_back(i);
  return out;
}

INSTANTIATE_TEST_SUITE_P(KeyedOperators, ParallelInstances, testing::ValuesIn(keyed_cases()),
                         [](const testing::TestParamInfo<size_t>& info) {
                           std::string name = cases()[info.param].name;
                           for (char& ch : name)
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });

}  // namespace
}  // namespace eddy::restore_test

namespace eddy::restore_test {
namespace {

// What a restore can check an operator's state against: the names of its values and the
// layout of its keyed state.
std::string declarations(Operator& op) {
  std::string shape;
  for (const auto& [name, value] : values_by_name(op.checkpointed().save_values()))
    shape += name + (name == "keyed.layout" ? "=" + value : "") + "\n";
  return shape;
}

TEST(OperatorRestore, AnotherKindOrOtherDeclarationsIsAnErrorNotACrash) {
  const std::vector<Case> all = cases();
  std::vector<Checkpoint> checkpoints;
  std::vector<std::string> shapes, kinds;
  for (const Case& c : all) {
    const std::vector<Event> events = c.script(1);
    Instance run(c.make, c.ports);
    run.run(events, 0, events.size() / 2);  // with state, timers and values to restore
    checkpoints.push_back(take_full(run));
    shapes.push_back(declarations(*run.op));
    kinds.push_back(typeid(*run.op).name());
  }
  std::mt19937 rng(1);
  int refused = 0;
  for (size_t from = 0; from < all.size(); ++from) {
    for (size_t to = 0; to < all.size(); ++to) {
      if (shapes[from] == shapes[to]) {
        // Equal declarations: only the driver, comparing operator names, and the job's
        // fingerprint, comparing configurations, tell these apart. Only Distinct and SortLimit
        // (a count per row each) share them across kinds.
        auto is = [&](size_t i, const char* kind) {
          return kinds[i].find(kind) != std::string::npos;
        };
        if (kinds[from] != kinds[to]) {
          EXPECT_TRUE((is(from, "Distinct") && is(to, "SortLimit")) ||
                      (is(from, "SortLimit") && is(to, "Distinct")))
              << all[from].name << " and " << all[to].name << " declare the same state";
        }
        continue;
      }
      Instance target(all[to].make, all[to].ports);
      Status restored = restore(target, checkpoints[from], rng);
      EXPECT_FALSE(restored) << all[from].name << " restored into " << all[to].name;
      if (!restored) {
        EXPECT_NE(restored.error().message.find("does not match"), std::string::npos)
            << restored.error().message;
        ++refused;
      }
    }
  }
  EXPECT_GT(refused, 1000);
}

}  // namespace
}  // namespace eddy::restore_test
