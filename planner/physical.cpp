#include "planner/physical.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "connectors/connector.h"
#include "operators/calc.h"
#include "operators/distinct.h"
#include "operators/group_aggregate.h"
#include "operators/interval_join.h"
#include "operators/limit.h"
#include "operators/sort_limit.h"
#include "operators/time_sort.h"
#include "operators/timeout_aggregate.h"
#include "operators/union_all.h"
#include "operators/watermark_assigner.h"
#include "operators/window_aggregate.h"
#include "operators/window_assign.h"
#include "runtime/suggest.h"

namespace eddy {

namespace {

// A stream's computed-column expressions are shared by every query over it; the Calc of each
// query holds them through this non-owning wrapper.
class SharedExpr final : public BoundExpr {
 public:
  explicit SharedExpr(std::shared_ptr<const BoundExpr> expr)
      : BoundExpr(expr->type(), expr->nullable()), expr_(std::move(expr)) {}
  void eval(const Batch& input, Column& out) const override { expr_->eval(input, out); }
  std::string to_string() const override { return expr_->to_string(); }
  bool is_constant() const override { return expr_->is_constant(); }
  int column_index() const override { return expr_->column_index(); }

 private:
  std::shared_ptr<const BoundExpr> expr_;
};

ExprPtr share(const std::shared_ptr<const BoundExpr>& expr) {
  return std::make_unique<SharedExpr>(expr);
}

// The input of SELECT without FROM: one row with no columns, then the end.
class OneRowSource final : public Source {
 public:
  SourceStatus next(Batch& out, size_t) override {
    if (done_) return SourceStatus::End;
    done_ = true;
    out.rows = 1;
    return SourceStatus::Data;
  }
  std::string describe() const override { return "one row"; }
  // Replayable: a resumed query must not produce its row again once it was read.
  std::optional<SourcePosition> position() const override {
    return SourcePosition{done_ ? 1u : 0u, 0, {}};
  }
  Status seek(const SourcePosition& position) override {
    done_ = position.offset > 0;
    return {};
  }

 private:
  bool done_ = false;
};

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

class Builder {
 public:
  Builder(QueryRuntime& runtime, const PhysicalOptions& options)
      : runtime_(runtime), options_(options) {}

  ConnectorContext context(const StreamDef& stream) const {
    ConnectorContext context;
    context.stream = stream.name;
    context.schema = stream.physical;
    context.options = stream.connector_options;
    for (int column : stream.primary_key)
      context.primary_key.push_back(stream.physical.find(stream.schema[column].name));
    context.clock = options_.clock.get();
    context.cancel = &runtime_.cancel_flag();
    context.print_output = options_.print_output;
    context.resume = options_.resume;
    return context;
  }

  // Returns the id of the operator producing `plan`'s output.
  Result<int> build(PlanNode& plan) {
    switch (plan.kind) {
      case PlanNode::Kind::Scan: {
        const StreamDef& stream = *plan.stream;
        // Two readers of one standard input would each get part of it.
        auto connector = stream.connector_options.find("connector");
        if (connector != stream.connector_options.end() && connector->second == "stdin" &&
            ++stdin_readers_ > 1)
          return Error{Error::Kind::Plan,
                       fmt::format("stream '{}' reads standard input, which a query can read only "
                                   "once (a self-join of a stdin stream is not supported)",
                                   stream.name)};
        int rowtime = stream.schema.rowtime;
        auto assigner = std::make_unique<WatermarkAssigner>(
            stream.name, rowtime, rowtime >= 0 ? stream.schema[rowtime].name : "", stream.watermark,
            connector_summary(stream), stream.idle_advance_ms);
        int id = runtime_.add_operator(std::move(assigner), 1);
        int input = id;
        if (!stream.columns.empty()) {
          // Computed columns: a Calc from the connector's columns to the stream's.
          std::vector<ExprPtr> columns;
          std::vector<std::string> names;
          for (size_t i = 0; i < stream.columns.size(); ++i) {
            columns.push_back(share(stream.columns[i]));
            names.push_back(stream.schema[i].name);
          }
          input = runtime_.add_operator(
              std::make_unique<Calc>(nullptr, std::move(columns), std::move(names)), 1);
          runtime_.connect(input, id, 0);
        }
        std::unique_ptr<Source> source;
        if (options_.open_connectors) {
          auto opened = open_source(context(stream));
          if (!opened) return opened.error();
          source = std::move(opened.value());
        }
        runtime_.add_source(std::move(source), stream.physical, input, 0, stream.idle_timeout_ms);
        return id;
      }
      case PlanNode::Kind::OneRow: {
        int id = runtime_.add_operator(
            std::make_unique<WatermarkAssigner>("(none)", -1, "", nullptr, "one row"), 1);
        runtime_.add_source(std::make_unique<OneRowSource>(), Schema{}, id, 0);
        return id;
      }
      case PlanNode::Kind::Calc: {
        auto input = build(*plan.inputs[0]);
        if (!input) return input;
        std::vector<std::string> names;
        for (const auto& field : plan.schema.fields) names.push_back(field.name);
        int id = runtime_.add_operator(
            std::make_unique<Calc>(std::move(plan.filter), std::move(plan.projections), names), 1);
        runtime_.connect(input.value(), id, 0);
        return id;
      }
      case PlanNode::Kind::Union: {
        int id = runtime_.add_operator(std::make_unique<UnionAll>(int(plan.inputs.size())),
                                       int(plan.inputs.size()));
        for (size_t port = 0; port < plan.inputs.size(); ++port) {
          auto input = build(*plan.inputs[port]);
          if (!input) return input;
          runtime_.connect(input.value(), id, int(port));
        }
        return id;
      }
      case PlanNode::Kind::Aggregate: {
        auto input = build(*plan.inputs[0]);
        if (!input) return input;
        std::vector<std::string> keys;
        for (size_t k = 0; k < plan.key_count; ++k) keys.push_back(plan.schema[k].name);
        int id = runtime_.add_operator(
            std::make_unique<GroupAggregate>(
                plan.key_count, keys, std::move(plan.aggregates), plan.schema,
                GroupAggregate::Ttl{options_.state_ttl_ms, options_.state_ttl_event_time,
                                    options_.clock.get()},
                plan.inputs[0]->updating),
            1);
        runtime_.connect(input.value(), id, 0);
        return id;
      }
      case PlanNode::Kind::Timeout: {
        TimeoutConfig config;
        if (!plan.processing_time) {
          auto late = late_rows(*plan.inputs[0], plan.session ? "SESSION window" : "TIMEOUT");
          if (!late) return late.error();
          config.late = std::move(late.value());
        }
        auto input = build(*plan.inputs[0]);
        if (!input) return input;
        config.key_count = plan.key_count;
        for (size_t k = 0; k < plan.key_count; ++k) config.key_names.push_back(plan.schema[k].name);
        config.aggregates = std::move(plan.aggregates);
        config.rowtime = plan.time_column;
        config.timeout_ms = plan.timeout_ms;
        config.reset_state = plan.reset_state;
        config.processing_time = plan.processing_time;
        config.session = plan.session;
        config.input = plan.inputs[0]->schema;
        config.output = plan.schema;
        config.clock = options_.clock.get();
        int id = runtime_.add_operator(std::make_unique<TimeoutAggregate>(std::move(config)), 1);
        runtime_.connect(input.value(), id, 0);
        return id;
      }
      case PlanNode::Kind::SessionWindow:
        // The window columns are produced by the Timeout above (session mode): the rows pass.
        return build(*plan.inputs[0]);
      case PlanNode::Kind::WindowAssign: {
        LateRows late;
        if (plan.window.aggregated && !plan.window.processing_time) {
          auto rows = late_rows(*plan.inputs[0], window_kind_name(plan.window.kind));
          if (!rows) return rows.error();
          late = std::move(rows.value());
        }
        auto input = build(*plan.inputs[0]);
        if (!input) return input;
        int id =
            runtime_.add_operator(std::make_unique<WindowAssign>(plan.window, std::move(late)), 1);
        runtime_.connect(input.value(), id, 0);
        return id;
      }
      case PlanNode::Kind::WindowAggregate: {
        auto input = build(*plan.inputs[0]);
        if (!input) return input;
        std::vector<std::string> keys;
        for (size_t k = 0; k < plan.key_count; ++k) keys.push_back(plan.schema[k].name);
        int id =
            runtime_.add_operator(std::make_unique<WindowAggregate>(
                                      plan.key_count, plan.window_end_key, keys,
                                      std::move(plan.aggregates), plan.inputs[0]->schema,
                                      plan.schema, plan.processing_time, plan.inputs[0]->updating),
                                  1);
        runtime_.connect(input.value(), id, 0);
        return id;
      }
      case PlanNode::Kind::Join: {
        JoinConfig config = std::move(plan.join);
        config.left = plan.inputs[0]->schema;
        config.right = plan.inputs[1]->schema;
        config.output = plan.schema;
        config.ttl_ms = config.bounded ? 0 : options_.state_ttl_ms;
        config.ttl_event_time = options_.state_ttl_event_time;
        config.clock = options_.clock.get();
        int id = runtime_.add_operator(std::make_unique<IntervalJoin>(std::move(config)), 2);
        for (int port = 0; port < 2; ++port) {
          auto input = build(*plan.inputs[port]);
          if (!input) return input;
          runtime_.connect(input.value(), id, port);
        }
        return id;
      }
      case PlanNode::Kind::Distinct: {
        auto input = build(*plan.inputs[0]);
        if (!input) return input;
        int id = runtime_.add_operator(
            std::make_unique<Distinct>(plan.schema, plan.inputs[0]->updating), 1);
        runtime_.connect(input.value(), id, 0);
        return id;
      }
      case PlanNode::Kind::TimeSort: {
        // Its rows are its input's: no columns can be passed along for a late sink.
        auto late = late_rows(*plan.inputs[0], "ORDER BY", /*may_extend_input=*/false);
        if (!late) return late.error();
        auto input = build(*plan.inputs[0]);
        if (!input) return input;
        int id = runtime_.add_operator(
            std::make_unique<TimeSort>(plan.schema, plan.sort_keys, std::move(late.value())), 1);
        runtime_.connect(input.value(), id, 0);
        return id;
      }
      case PlanNode::Kind::SortLimit: {
        auto input = build(*plan.inputs[0]);
        if (!input) return input;
        std::optional<int64_t> limit;
        if (plan.has_limit) limit = plan.limit;
        int id = runtime_.add_operator(
            std::make_unique<SortLimit>(plan.schema, plan.sort_keys, limit), 1);
        runtime_.connect(input.value(), id, 0);
        return id;
      }
      case PlanNode::Kind::Limit: {
        auto input = build(*plan.inputs[0]);
        if (!input) return input;
        int id = runtime_.add_operator(std::make_unique<Limit>(plan.limit), 1);
        runtime_.connect(input.value(), id, 0);
        return id;
      }
      case PlanNode::Kind::TableFunction: {
        TableFunctionCall call;
        for (const auto& input : plan.inputs) call.inputs.push_back(input->schema);
        call.partition_by = plan.partition_keys;
        call.args = plan.arguments;
        call.output = plan.schema;
        call.clock = options_.clock.get();
        auto made = plan.table_function->make(call);
        if (!made) return made.error();
        const int inputs = int(plan.inputs.size());
        int id = runtime_.add_operator(std::move(made.value()), inputs);
        for (int port = 0; port < inputs; ++port) {
          auto input = build(*plan.inputs[port]);
          if (!input) return input;
          runtime_.connect(input.value(), id, port);
        }
        return id;
      }
    }
    return Error{Error::Kind::Plan, "unknown plan node"};
  }

 private:
  static void streams_below(const PlanNode& plan, std::vector<const StreamDef*>& out) {
    if (plan.kind == PlanNode::Kind::Scan &&
        std::find(out.begin(), out.end(), plan.stream.get()) == out.end())
      out.push_back(plan.stream.get());
    for (const auto& input : plan.inputs) streams_below(*input, out);
  }

  static int column_named(const Schema& schema, const std::string& name) {
    for (size_t c = 0; c < schema.size(); ++c)
      if (iequals(schema[c].name, name)) return int(c);
    return -1;
  }

  // What the operator reading `input` does with its late rows: the 'late.policy' of the streams
  // read below it (which must agree). 'late.sink' needs every column of the late stream in the
  // operator's input; with `may_extend_input`, columns a projection right below left out are
  // passed through it.
  Result<LateRows> late_rows(PlanNode& input, const std::string& op, bool may_extend_input = true) {
    std::vector<const StreamDef*> streams;
    streams_below(input, streams);
    const StreamDef* first = nullptr;
    for (const StreamDef* stream : streams) {
      if (stream->schema.rowtime < 0) continue;
      if (!first) {
        first = stream;
      } else if (stream->late_policy != first->late_policy ||
                 stream->late_sink != first->late_sink) {
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
        if (column < 0 && may_extend_input && input.kind == PlanNode::Kind::Calc) {
          const Schema& below = input.inputs[0]->schema;
          if (int from = column_named(below, field.name); from >= 0) {
            input.projections.push_back(make_column_ref(from, below[from]));
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
          auto result = open_sink(context(sink));
          if (!result) return result.error();
          opened = std::move(result.value());
        }
        config.sink = opened;
      }
    }
    return LateRows(std::move(config));
  }

 public:
  // The late sinks opened, for the runtime's checkpoints.
  const std::map<std::string, std::shared_ptr<Sink>>& late_sinks() const { return late_sinks_; }

 private:
  QueryRuntime& runtime_;
  const PhysicalOptions& options_;
  int stdin_readers_ = 0;
  std::map<std::string, std::shared_ptr<Sink>> late_sinks_;  // opened once per query
};

}  // namespace

Result<std::unique_ptr<QueryRuntime>> plan_physical(PlanPtr plan,
                                                    std::shared_ptr<const StreamDef> sink,
                                                    const PhysicalOptions& options) {
  if (sink) {
    auto conformed = coerce_columns(std::move(plan), sink->schema, "INSERT INTO " + sink->name);
    if (!conformed) return conformed.error();
    plan = std::move(conformed.value());
  }
  auto runtime = std::make_unique<QueryRuntime>(options.batch_size, options.clock);
  Builder builder(*runtime, options);
  auto root = builder.build(*plan);
  if (!root) return root.error();
  std::unique_ptr<Sink> writer;
  std::string root_label;
  if (sink) {
    root_label = fmt::format("Sink  stream: {}  sink: {}", sink->name, connector_summary(*sink));
    if (options.open_connectors) {
      auto opened = open_sink(builder.context(*sink));
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
  if (writer) runtime->set_sink(std::move(writer), sink->name, sink->schema);
  for (const auto& [name, late_sink] : builder.late_sinks())
    runtime->add_late_sink(name, late_sink);
  runtime->set_plan_text(runtime->explain(root_label));
  return runtime;
}

}  // namespace eddy
