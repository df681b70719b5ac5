// Physical planning: PhysicalBuilder's shared services (plan nodes build themselves,
// planner/nodes/) and plan_physical, which builds the root and sets up the result or sink.
#include "planner/physical.h"

#include <algorithm>

#include <fmt/format.h>

#include "operators/keyed_exchange.h"
#include "planner/nodes/aggregate.h"
#include "planner/nodes/calc.h"
#include "planner/nodes/distinct.h"
#include "planner/nodes/join.h"
#include "planner/nodes/scan.h"
#include "planner/nodes/timeout.h"
#include "planner/nodes/union_all.h"
#include "planner/nodes/window_aggregate.h"
#include "planner/nodes/window_assign.h"
#include "planner/physical_builder.h"
#include "planner/prune_columns.h"
#include "planner/relative_path.h"
#include "runtime/async_sink.h"
#include "runtime/suggest.h"

namespace eddy {

namespace {

void streams_below(const PlanNode& plan, std::vector<const StreamDef*>& out) {
  if (const auto* scan = plan.as<ScanNode>();
      scan && std::find(out.begin(), out.end(), scan->stream.get()) == out.end())
    out.push_back(scan->stream.get());
  for (const auto& input : plan.inputs) streams_below(*input, out);
}

int column_named(const Schema& schema, const std::string& name) {
  for (size_t c = 0; c < schema.size(); ++c)
    if (iequals(schema[c].name, name)) return int(c);
  return -1;
}

}  // namespace

std::string connector_summary(const StreamDef& stream) {
  std::string out;
  for (const char* key : {"connector", "path", "format"}) {
    auto it = stream.connector_options.find(key);
    if (it == stream.connector_options.end()) continue;
    if (!out.empty()) out += " ";
    out += it->second;
  }
  return out;
}

Result<int> PhysicalBuilder::add_after(PlanNode& input, std::unique_ptr<Operator> op) {
  auto built = build(input);
  if (!built) return built;
  const int id = runtime_.add_operator(std::move(op), 1);
  runtime_.connect(built.value(), id, 0);
  return id;
}

Result<int> PhysicalBuilder::add_keyed_after(
    PlanNode& input, const std::vector<int>& key_columns,
    const std::function<std::unique_ptr<Operator>()>& make) {
  const size_t n = options_.parallelism;
  if (n <= 1 || key_columns.empty() || !whole_batches(input)) return add_after(input, make());
  std::vector<std::unique_ptr<Operator>> instances;
  for (size_t i = 0; i < n; ++i) instances.push_back(make());
  return add_after(input, std::make_unique<KeyedExchange>(std::move(instances), key_columns));
}

namespace {

size_t count_sources(const PlanNode& node) {
  if (node.inputs.empty()) return 1;
  size_t sources = 0;
  for (const auto& input : node.inputs) sources += count_sources(*input);
  return sources;
}

// Below any Calc nodes.
const PlanNode& below_calcs(const PlanNode& node) {
  const PlanNode* n = &node;
  while (n->as<CalcNode>() && n->inputs.size() == 1) n = n->inputs[0].get();
  return *n;
}

// Below the nodes the driver forwards a merge's rows through in whole batches: Calc, GROUP BY,
// DISTINCT, event-time windows and timeouts (Operator::row_wise, Operator::places_rows).
const PlanNode& below_merge_path(const PlanNode& node) {
  const PlanNode* n = &node;
  for (; n->inputs.size() == 1; n = n->inputs[0].get()) {
    const auto* assign = n->as<WindowAssignNode>();
    const auto* window = n->as<WindowAggregateNode>();
    const auto* timeout = n->as<TimeoutNode>();
    if (!n->as<CalcNode>() && !n->as<AggregateNode>() && !n->as<DistinctNode>() &&
        !(assign && !assign->window.processing_time) && !(window && !window->processing_time) &&
        !(timeout && !timeout->processing_time))
      break;
  }
  return *n;
}

}  // namespace

bool PhysicalBuilder::merges_all(const PlanNode& merge) const {
  if (merge.inputs.size() < 2 || !(merge.as<UnionNode>() || merge.as<JoinNode>())) return false;
  for (const auto& input : merge.inputs)
    if (!below_merge_path(*input).as<ScanNode>()) return false;
  return merge.inputs.size() == sources_;
}

bool PhysicalBuilder::whole_batches(const PlanNode& node) const {
  return sources_ <= 1 || merges_all(below_calcs(node));
}

Result<int> PhysicalBuilder::add_over(std::unique_ptr<Operator> op, std::vector<PlanPtr>& inputs) {
  const int id = runtime_.add_operator(std::move(op), int(inputs.size()));
  for (size_t port = 0; port < inputs.size(); ++port) {
    auto input = build(*inputs[port]);
    if (!input) return input;
    runtime_.connect(input.value(), id, int(port));
  }
  return id;
}

ConnectorContext PhysicalBuilder::context(const StreamDef& stream, bool writing) const {
  ConnectorContext context;
  context.stream = stream.name;
  context.schema = stream.physical;
  context.options = stream.connector_options;
  context.metadata = stream.metadata;
  if (auto path = context.options.find("path"); path != context.options.end())
    path->second = resolve_relative_path(path->second, stream.base_directory, writing).path;
  for (int column : stream.primary_key)
    context.primary_key.push_back(stream.physical.find(stream.schema[column].name));
  context.clock = options_.clock.get();
  context.cancel = &runtime_.cancel_flag();
  context.print_output = options_.print_output;
  context.resume = options_.resume;
  context.wait = &runtime_.source_wait();
  context.parallelism = options_.parallelism;
  context.embedded = stream.embedded;
  return context;
}

Status PhysicalBuilder::claim_stdin(const StreamDef& stream) {
  auto connector = stream.connector_options.find("connector");
  const bool reads_stdin =
      connector != stream.connector_options.end() && connector->second == "stdin";
  if (reads_stdin && options_.stdin_is_script && options_.open_connectors)
    return Error{Error::Kind::Plan,
                 fmt::format("stream '{}' reads standard input, but the script is being read from "
                             "it: give the script as a file or with -c",
                             stream.name)};
  if (reads_stdin && ++stdin_readers_ > 1)
    return Error{Error::Kind::Plan,
                 fmt::format("stream '{}' reads standard input, which a query can read only "
                             "once (a self-join of a stdin stream is not supported)",
                             stream.name)};
  return {};
}

Result<LateRows> PhysicalBuilder::late_rows(PlanNode& input, const std::string& op,
                                            bool may_extend_input) {
  std::vector<const StreamDef*> streams;
  streams_below(input, streams);
  const StreamDef* first = nullptr;
  for (const StreamDef* stream : streams) {
    if (stream->schema.rowtime < 0) continue;
    if (!first) {
      first = stream;
    } else if (stream->late_policy != first->late_policy || stream->late_sink != first->late_sink) {
      return Error{Error::Kind::Plan,
                   fmt::format("streams '{}' and '{}' feed one {} but treat late rows "
                               "differently; give them the same 'late.policy' and 'late.sink'",
                               first->name, stream->name, op)};
    }
  }
  if (!first) return LateRows{};
  LateRowsConfig config;
  config.policy = first->late_policy;
  config.stream = first->name;
  if (config.policy == LatePolicy::Route && first->late_sink) {
    const StreamDef& sink = *first->late_sink;
    config.sink_name = sink.name;
    config.sink_schema = sink.physical;
    for (const Field& field : sink.physical.fields) {
      int column = column_named(input.schema, field.name);
      auto* calc = input.as<CalcNode>();
      if (column < 0 && may_extend_input && calc) {
        const Schema& below = input.inputs[0]->schema;
        if (int from = column_named(below, field.name); from >= 0) {
          calc->projections.push_back(make_column_ref(from, below[from]));
          input.schema.fields.push_back(below[from]);
          column = int(input.schema.size()) - 1;
        }
      }
      if (column < 0 || input.schema[column].type != field.type)
        return Error{Error::Kind::Plan,
                     fmt::format("'late.sink' of stream '{}': the {} that decides which rows "
                                 "are late does not see column '{}' of '{}' (route late rows "
                                 "of a query that reads the stream directly)",
                                 first->name, op, field.name, sink.name)};
      config.columns.push_back(column);
    }
    if (options_.open_connectors) {
      auto& opened = late_sinks_[sink.name];
      if (!opened) {
        auto result = open_sink(context(sink, true));
        if (!result) return result.error();
        opened = std::move(result.value());
      }
      config.sink = opened;
    }
  }
  return LateRows(std::move(config));
}

Result<std::unique_ptr<QueryRuntime>> plan_physical(PlanPtr plan,
                                                    std::shared_ptr<const StreamDef> sink,
                                                    const PhysicalOptions& options) {
  if (sink) {
    auto conformed = coerce_columns(std::move(plan), sink->schema, "INSERT INTO " + sink->name);
    if (!conformed) return conformed.error();
    plan = std::move(conformed.value());
  }
  prune_columns(plan);
  auto runtime = std::make_unique<QueryRuntime>(options.batch_size, options.clock);
  PhysicalBuilder builder(*runtime, options);
  builder.set_sources(count_sources(*plan));
  auto root = builder.build(*plan);
  if (!root) return root.error();
  std::unique_ptr<Sink> writer;
  std::string root_label;
  if (sink) {
    root_label = fmt::format("Sink  stream: {}  sink: {}", sink->name, connector_summary(*sink));
    if (options.open_connectors) {
      auto opened = open_sink(builder.context(*sink, true));
      if (!opened) return opened.error();
      writer = std::move(opened.value());
    }
  } else {
    std::string columns;
    for (const auto& field : plan->schema.fields)
      columns += (columns.empty() ? "" : ", ") + field.name;
    root_label = "Result  columns: " + columns;
  }
  runtime->set_root(root.value(), sink ? Schema{} : plan->schema, plan->updating);
  // Above one thread, rows are encoded and written on the sink's own thread.
  if (writer && options.parallelism > 1) writer = std::make_unique<AsyncSink>(std::move(writer));
  if (writer) runtime->set_sink(std::move(writer), sink->name, sink->schema);
  for (const auto& [name, late_sink] : builder.late_sinks())
    runtime->add_late_sink(name, late_sink);
  runtime->set_plan_text(runtime->explain(root_label));
  runtime->set_state_budget(options.state_max_bytes);
  return runtime;
}

}  // namespace eddy
