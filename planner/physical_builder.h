// What a plan node's physical build works with (PlanNode::build): the query's runtime, the
// options, and the services several kinds share: building inputs, connector contexts, the
// late-row policy of the streams below an operator.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "connectors/connector.h"
#include "planner/physical.h"
#include "planner/plan.h"
#include "runtime/late_rows.h"

namespace eddy {

class PhysicalBuilder {
 public:
  PhysicalBuilder(QueryRuntime& runtime, const PhysicalOptions& options)
      : runtime_(runtime), options_(options) {}

  QueryRuntime& runtime() { return runtime_; }
  const PhysicalOptions& options() const { return options_; }

  // Builds `plan` and its inputs: the id of the operator producing its output.
  Result<int> build(PlanNode& plan) { return plan.build(*this); }
  // Builds `input`, then adds `op` over it: the shape of single-input nodes.
  Result<int> add_after(PlanNode& input, std::unique_ptr<Operator> op);
  // A keyed operator after `input`: at 'parallelism' N > 1 with a non-empty key, N instances
  // (each from `make`) behind a keyed exchange that routes rows by `key_columns`, the input
  // columns its keyed state is keyed by (operators/keyed_exchange.h); else one, as add_after.
  Result<int> add_keyed_after(PlanNode& input, const std::vector<int>& key_columns,
                              const std::function<std::unique_ptr<Operator>()>& make);
  // Adds `op`, then builds `inputs` in order, input i connected to port i (multi-input nodes).
  Result<int> add_over(std::unique_ptr<Operator> op, std::vector<PlanPtr>& inputs);
  // Whether rows reach `node` (a keyed operator's input, or a join itself) in whole batches, so
  // that running an operator there on parallel instances pays: the query reads one source, or
  // every source comes through Calc, GROUP BY, DISTINCT, event-time window and TIMEOUT nodes into
  // one UNION ALL or join below `node`, which the driver hands merged inputs
  // (runtime/query_runtime.h). Otherwise the driver interleaves the sources by event time and
  // forwards runs of a few rows, and an exchange's split and merge per run cost more than the
  // instances save (Nexmark q5 and q7 at 2: 0.6-0.8x). A keyed operator on such a path (a window
  // below the join) stays single: with the sources' threads, two instances per path oversubscribe
  // the cores (q5 at 2 took 1.5 s with them, 1.1 s without).
  bool whole_batches(const PlanNode& node) const;
  // The plan's sources (its leaves), counted before building it.
  void set_sources(size_t sources) { sources_ = sources; }

  // `writing`: for a sink (a relative 'path' resolves by its folder rather than the file).
  ConnectorContext context(const StreamDef& stream, bool writing) const;
  // A query may read a stdin stream once: two readers would each get part of it.
  Status claim_stdin(const StreamDef& stream);

  // How the operator `op` (e.g. "TIMEOUT") over `input` treats late rows: the 'late.policy' of
  // the streams read below it (which must agree). 'late.sink' needs every column of the late
  // stream in the operator's input; with `may_extend_input`, columns a projection right below
  // left out are passed through it.
  Result<LateRows> late_rows(PlanNode& input, const std::string& op, bool may_extend_input = true);

  // The late sinks opened, for the runtime's checkpoints.
  const std::map<std::string, std::shared_ptr<Sink>>& late_sinks() const { return late_sinks_; }

 private:
  QueryRuntime& runtime_;
  const PhysicalOptions& options_;
  int stdin_readers_ = 0;
  // A UNION ALL or join the driver hands every source's rows in whole batches.
  bool merges_all(const PlanNode& merge) const;
  size_t sources_ = 1;
  std::map<std::string, std::shared_ptr<Sink>> late_sinks_;  // opened once per query
};

// "file path.csv csv": a stream's connector, path and format, for EXPLAIN.
std::string connector_summary(const StreamDef& stream);

}  // namespace eddy
