#include "planner/nodes/join.h"

#include <memory>

#include "operators/keyed_exchange.h"
#include "planner/physical_builder.h"

namespace eddy {

namespace {

using SharedExpr = std::shared_ptr<const BoundExpr>;

// One expression evaluated by every instance of a join on parallel instances (and by the
// exchange that routes their rows): bound expressions hold no state, so eval (const) may run on
// several threads at once.
class SharedBoundExpr final : public BoundExpr {
 public:
  explicit SharedBoundExpr(SharedExpr shared)
      : BoundExpr(shared->type(), shared->nullable()), shared_(std::move(shared)) {}
  void eval(const Batch& input, Column& out) const override { shared_->eval(input, out); }
  std::string to_string() const override { return shared_->to_string(); }
  bool is_constant() const override { return shared_->is_constant(); }
  int column_index() const override { return shared_->column_index(); }

 private:
  SharedExpr shared_;
};

// A join's expressions, taken out of its configuration to be shared.
struct JoinExprs {
  std::vector<SharedExpr> left_keys, right_keys;
  SharedExpr residual;
};

JoinExprs take_exprs(JoinConfig& config) {
  JoinExprs shared;
  for (ExprPtr& key : config.left_keys) shared.left_keys.emplace_back(std::move(key));
  for (ExprPtr& key : config.right_keys) shared.right_keys.emplace_back(std::move(key));
  if (config.residual) shared.residual = SharedExpr(std::move(config.residual));
  config.left_keys.clear();
  config.right_keys.clear();
  return shared;
}

std::vector<ExprPtr> use(const std::vector<SharedExpr>& exprs) {
  std::vector<ExprPtr> out;
  for (const SharedExpr& e : exprs) out.push_back(std::make_unique<SharedBoundExpr>(e));
  return out;
}

// An instance's configuration: `config` (its expressions taken out) with `exprs` shared.
JoinConfig instance_config(const JoinConfig& config, const JoinExprs& exprs) {
  JoinConfig c;
  c.type = config.type;
  c.left = config.left;
  c.right = config.right;
  c.output = config.output;
  c.left_keys = use(exprs.left_keys);
  c.right_keys = use(exprs.right_keys);
  c.null_safe_keys = config.null_safe_keys;
  c.null_aware = config.null_aware;
  c.key_text = config.key_text;
  if (exprs.residual) c.residual = std::make_unique<SharedBoundExpr>(exprs.residual);
  c.residual_text = config.residual_text;
  c.bounded = config.bounded;
  c.updating_inputs = config.updating_inputs;
  c.left_time = config.left_time;
  c.right_time = config.right_time;
  c.lower = config.lower;
  c.upper = config.upper;
  c.empty_interval = config.empty_interval;
  c.processing_time = config.processing_time;
  c.interval_text = config.interval_text;
  c.watermark_delay = config.watermark_delay;
  c.rowtime_text = config.rowtime_text;
  c.ttl_ms = config.ttl_ms;
  c.ttl_event_time = config.ttl_event_time;
  c.clock = config.clock;
  return c;
}

}  // namespace

Result<int> JoinNode::build(PhysicalBuilder& builder) {
  JoinConfig config = std::move(join);
  config.left = inputs[0]->schema;
  config.right = inputs[1]->schema;
  config.output = schema;
  config.ttl_ms = config.bounded ? 0 : builder.options().state_ttl_ms;
  config.ttl_event_time = builder.options().state_ttl_event_time;
  config.clock = builder.options().clock.get();
  // On parallel instances when there is an equi key to route both sides by. Not a NOT IN's
  // null-aware join: a NULL key there matches the other side's rows of every key.
  const size_t n = builder.options().parallelism;
  if (n <= 1 || config.left_keys.empty() || config.null_aware || !builder.whole_batches(*this))
    return builder.add_over(std::make_unique<IntervalJoin>(std::move(config)), inputs);
  JoinExprs exprs = take_exprs(config);
  std::vector<std::unique_ptr<Operator>> instances;
  for (size_t i = 0; i < n; ++i)
    instances.push_back(std::make_unique<IntervalJoin>(instance_config(config, exprs)));
  ExchangeKeys keys({exprs.left_keys, exprs.right_keys});
  return builder.add_over(std::make_unique<KeyedExchange>(std::move(instances), std::move(keys)),
                          inputs);
}

}  // namespace eddy
