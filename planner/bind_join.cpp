// Binder for joins: splits a join condition into equi keys, a time bound and a residual
// predicate, and chooses an interval join (both a lower and an upper time bound) or a regular
// join (docs/language.md, "Joins").
#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "planner/binder.h"
#include "planner/nodes/calc.h"
#include "planner/nodes/join.h"
#include "planner/plan.h"

namespace eddy {

namespace {

JoinType join_type(ast::JoinKind kind) {
  switch (kind) {
    case ast::JoinKind::Left:
      return JoinType::Left;
    case ast::JoinKind::Right:
      return JoinType::Right;
    case ast::JoinKind::Full:
      return JoinType::Full;
    case ast::JoinKind::LeftSemi:
      return JoinType::Semi;
    case ast::JoinKind::LeftAnti:
      return JoinType::Anti;
    case ast::JoinKind::Inner:
    case ast::JoinKind::Cross:
      return JoinType::Inner;
  }
  return JoinType::Inner;
}

// `column [+|- INTERVAL]`: one side of a time bound.
struct TimeTerm {
  int column;      // in the combined (left ++ right) columns
  int64_t offset;  // the constant added to it
};

// The constant INTERVAL `expr`, if it is one.
std::optional<int64_t> constant_interval(const ast::Expr& expr) {
  auto bound = bind_expr(expr, Scope{});
  if (!bound || !bound.value()->is_constant() || bound.value()->type().id != TypeId::Interval)
    return std::nullopt;
  Value value = eval_constant(*bound.value());
  if (value.is_null()) return std::nullopt;
  return value.int_value();
}

// Accumulates `lower <= right.t - left.t <= upper` from the conjuncts that bound time.
class TimeBound {
 public:
  TimeBound(const Scope& both, size_t left_columns, const Schema& left, const Schema& right)
      : both_(both), left_columns_(left_columns), left_(left), right_(right) {}

  // True if `expr` bounds the time attributes of the two sides (and is recorded).
  bool add(const ast::Expr& expr) {
    if (expr.kind == ast::ExprKind::Between) {
      const auto& b = expr.as<ast::Between>();
      if (b.negated) return false;
      auto operand = term(*b.operand), low = term(*b.low), high = term(*b.high);
      if (!operand || !low || !high) return false;
      if (!usable(*operand, *low) || !usable(*operand, *high)) return false;
      apply(*operand, ">=", *low);
      apply(*operand, "<=", *high);
      return true;
    }
    if (expr.kind != ast::ExprKind::Binary) return false;
    const auto& b = expr.as<ast::Binary>();
    if (b.op != "=" && b.op != "<" && b.op != "<=" && b.op != ">" && b.op != ">=") return false;
    auto left = term(*b.left), right = term(*b.right);
    if (!left || !right || !usable(*left, *right)) return false;
    apply(*left, b.op, *right);
    return true;
  }

  bool complete() const { return has_lower_ && has_upper_; }
  bool processing() const { return domain(left_time_) == Domain::Processing; }
  bool any() const { return left_time_ >= 0; }
  int left_time() const { return left_time_; }
  int right_time() const { return right_time_; }
  int64_t lower() const { return lower_; }
  int64_t upper() const { return upper_; }

 private:
  std::optional<TimeTerm> term(const ast::Expr& expr) const {
    if (expr.kind == ast::ExprKind::Column) {
      auto bound = bind_expr(expr, both_);
      if (!bound) return std::nullopt;
      int column = bound.value()->column_index();
      if (!is_time(column)) return std::nullopt;
      return TimeTerm{column, 0};
    }
    if (expr.kind != ast::ExprKind::Binary) return std::nullopt;
    const auto& b = expr.as<ast::Binary>();
    if (b.op != "+" && b.op != "-") return std::nullopt;
    const ast::Expr* column = b.left.get();
    const ast::Expr* constant = b.right.get();
    if (b.op == "+" && column->kind != ast::ExprKind::Column) std::swap(column, constant);
    if (column->kind != ast::ExprKind::Column) return std::nullopt;
    auto t = term(*column);
    auto offset = constant_interval(*constant);
    if (!t || !offset) return std::nullopt;
    t->offset = b.op == "+" ? *offset : -*offset;
    return t;
  }

  // An event-time attribute, or a processing-time one (PROCTIME()).
  bool is_time(int column) const { return domain(column) != Domain::None; }
  enum class Domain { None, Event, Processing };
  Domain domain(int column) const {
    if (column < 0) return Domain::None;
    const bool left = column < int(left_columns_);
    const Schema& schema = left ? left_ : right_;
    const int local = left ? column : column - int(left_columns_);
    if (schema.is_event_time(local)) return Domain::Event;
    return local == schema.proctime ? Domain::Processing : Domain::None;
  }
  bool is_left(const TimeTerm& t) const { return t.column < int(left_columns_); }

  // The two terms are on different sides, on the same pair of time columns as earlier bounds.
  bool usable(const TimeTerm& a, const TimeTerm& b) const {
    if (is_left(a) == is_left(b) || domain(a.column) != domain(b.column)) return false;
    const int l = is_left(a) ? a.column : b.column;
    const int r = (is_left(a) ? b.column : a.column) - int(left_columns_);
    return left_time_ < 0 || (left_time_ == l && right_time_ == r);
  }

  // a.t + a.offset <op> b.t + b.offset, as a bound on d = right.t - left.t.
  void apply(const TimeTerm& a, const std::string& op, const TimeTerm& b) {
    left_time_ = is_left(a) ? a.column : b.column;
    right_time_ = (is_left(a) ? b.column : a.column) - int(left_columns_);
    // a right: d <op> b.offset - a.offset; a left: d <flipped op> a.offset - b.offset.
    std::string relation = op;
    int64_t value = b.offset - a.offset;
    if (is_left(a)) {
      value = -value;
      if (op == "<") relation = ">";
      if (op == "<=") relation = ">=";
      if (op == ">") relation = "<";
      if (op == ">=") relation = "<=";
    }
    if (relation == "=" || relation == ">=" || relation == ">")
      raise_lower(relation == ">" ? value + 1 : value);
    if (relation == "=" || relation == "<=" || relation == "<")
      lower_upper(relation == "<" ? value - 1 : value);
  }
  void raise_lower(int64_t v) {
    lower_ = has_lower_ ? std::max(lower_, v) : v;
    has_lower_ = true;
  }
  void lower_upper(int64_t v) {
    upper_ = has_upper_ ? std::min(upper_, v) : v;
    has_upper_ = true;
  }

  const Scope& both_;
  size_t left_columns_;
  const Schema& left_;
  const Schema& right_;
  int left_time_ = -1, right_time_ = -1;
  int64_t lower_ = 0, upper_ = 0;
  bool has_lower_ = false, has_upper_ = false;
};

Scope combine(const Scope& left, const Scope& right) {
  Scope both = left;
  for (const auto& entry : right.entries)
    both.add(entry.qualifier, entry.schema, entry.qualified_only);
  return both;
}

Result<ExprPtr> conjunction(std::vector<ExprPtr> terms) {
  if (terms.empty()) return ExprPtr();
  ExprPtr result = std::move(terms[0]);
  for (size_t i = 1; i < terms.size(); ++i) {
    auto both = make_binary("AND", std::move(result), std::move(terms[i]));
    if (!both) return both;
    result = std::move(both.value());
  }
  return result;
}

// An equi key: both sides compared in their common type.
Status add_key(JoinConfig& config, ExprPtr left, ExprPtr right, bool null_safe,
               const ast::Pos& pos) {
  auto common = common_super_type(left->type(), right->type());
  if (!common) return bind_error(pos, "the two sides of this join key cannot be compared");
  if (!(left->type() == *common)) left = make_cast(std::move(left), *common, false).value();
  if (!(right->type() == *common)) right = make_cast(std::move(right), *common, false).value();
  config.left_keys.push_back(std::move(left));
  config.right_keys.push_back(std::move(right));
  config.null_safe_keys.push_back(null_safe);
  return {};
}

// A side's scope entries as the join's output shows them: `nullable` when the other side is
// preserved; the time attributes as the output keeps them.
void add_side(Scope& scope, const Scope& side, bool nullable, const Schema& output, int offset) {
  for (const auto& entry : side.entries) {
    Schema schema = entry.schema;
    schema.rowtime = schema.proctime = -1;
    schema.watermarked.clear();
    schema.extra_rowtimes.clear();
    schema.materialized.clear();
    schema.window_start = schema.window_end = -1;
    const int base = offset + entry.offset;
    for (int i = 0; i < int(schema.size()); ++i) {
      const int column = base + i;
      if (nullable) schema.fields[i].nullable = true;
      if (output.is_rowtime(column)) {
        if (schema.rowtime < 0)
          schema.rowtime = i;
        else
          schema.extra_rowtimes.push_back(i);
      } else if (output.is_event_time(column)) {
        schema.watermarked.push_back(i);
      }
      if (column == output.proctime) schema.proctime = i;
      if (std::find(output.materialized.begin(), output.materialized.end(), column) !=
          output.materialized.end())
        schema.materialized.push_back(i);
    }
    scope.add(entry.qualifier, schema, entry.qualified_only);
    scope.entries.back().outer = entry.outer;
  }
}

// Which of the inputs' columns stay time attributes in the join's output, and how far the
// output watermark trails the inputs' so that no output row is late on any of them.
//
// An event-time interval join keeps the two bound columns (Flink's J8: both rowtimes; SEMI / ANTI
// only the left's), each as what it was in its input (a rowtime, or watermarked like a
// window_end). A stored row is kept until the inputs' watermark W is past its interval's end,
// so an output row's times are at least W - hi (a left time, whose partner came at W) or W + lo
// (a right time) when it arrives, and one at exactly that time would be behind a watermark of
// W - hi: the output watermark is W - max(0, hi + 1 ms, 1 ms - lo) (1 ms behind Flink's J6,
// which lets such a row be late downstream). SEMI / ANTI emit a left row at its first match or
// at its expiry: W - max(0, hi + 1 ms). An empty interval emits only rows above W, at once: no
// delay. A processing-time
// interval join keeps one PROCTIME() column: the left's (the right's for RIGHT; none for FULL).
// A regular join keeps none: its inputs' rowtimes become plain TIMESTAMPs (Flink's U2).
void set_time_attributes(PlanNode& node, JoinConfig& config, const Schema& left,
                         const Schema& right, const Scope& both, JoinType type) {
  Schema& out = node.schema;
  const int left_columns = int(left.size());
  const bool semi = type == JoinType::Semi || type == JoinType::Anti;
  if (!config.bounded) {
    for (const Schema* side : {&left, &right}) {
      if (semi && side == &right) break;
      const int base = side == &left ? 0 : left_columns;
      for (int c = 0; c < int(side->size()); ++c)
        if (side->is_rowtime(c) || std::find(side->materialized.begin(), side->materialized.end(),
                                             c) != side->materialized.end())
          out.materialized.push_back(base + c);
    }
    return;
  }
  if (config.processing_time) {
    if (type == JoinType::Full) return;
    const bool right_timed = type == JoinType::Right;
    out.proctime = right_timed ? left_columns + config.right_time : config.left_time;
    config.rowtime_text = qualified_name(both, out.proctime);
    return;
  }
  // The bound columns, the side whose rows are never padded first (its time is never NULL).
  struct Time {
    int column;
    bool rowtime;
  };
  std::vector<Time> times;
  const Time left_time{config.left_time, left.is_rowtime(config.left_time)};
  const Time right_time{left_columns + config.right_time, right.is_rowtime(config.right_time)};
  if (type == JoinType::Right) {
    times = {right_time, left_time};
  } else {
    times = {left_time};
    if (!semi) times.push_back(right_time);
  }
  std::string text;
  for (const Time& t : times) {
    if (t.rowtime && out.rowtime < 0)
      out.rowtime = t.column;
    else if (t.rowtime)
      out.extra_rowtimes.push_back(t.column);
    else
      out.watermarked.push_back(t.column);
    text += (text.empty() ? "" : ", ") + qualified_name(both, t.column);
  }
  config.rowtime_text = text;
  if (config.empty_interval) return;
  config.watermark_delay = semi ? std::max<int64_t>(0, config.upper + 1)
                                : std::max<int64_t>({0, config.upper + 1, 1 - config.lower});
}

}  // namespace

std::string qualified_name(const Scope& scope, int column) {
  for (const auto& entry : scope.entries) {
    if (column < entry.offset || column >= entry.offset + int(entry.schema.size())) continue;
    const std::string& name = entry.schema[column - entry.offset].name;
    return entry.qualifier.empty() ? name : entry.qualifier + "." + name;
  }
  return "?";
}

void split_conjuncts(const ast::Expr& expr, std::vector<const ast::Expr*>& out) {
  if (expr.kind == ast::ExprKind::Binary && expr.as<ast::Binary>().op == "AND") {
    split_conjuncts(*expr.as<ast::Binary>().left, out);
    split_conjuncts(*expr.as<ast::Binary>().right, out);
    return;
  }
  out.push_back(&expr);
}

std::unique_ptr<PlanNode> filtered(std::unique_ptr<PlanNode> input, ExprPtr condition) {
  if (!condition) return input;
  auto filter = std::make_unique<CalcNode>();
  filter->filter = std::move(condition);
  filter->schema = input->schema;
  filter->updating = input->updating;
  for (size_t i = 0; i < input->schema.size(); ++i)
    filter->projections.push_back(make_column_ref(int(i), input->schema[i]));
  filter->inputs.push_back(std::move(input));
  return filter;
}

Result<BoundRelation> bind_join(ast::JoinKind kind, BoundRelation left, BoundRelation right,
                                const std::vector<const ast::Expr*>& conditions,
                                const ast::Pos& pos, std::vector<JoinKey> keys, bool null_aware) {
  const JoinType type = join_type(kind);
  const Schema& left_schema = left.plan->schema;
  const Schema& right_schema = right.plan->schema;
  const size_t left_columns = left_schema.size();
  const Scope both = combine(left.scope, right.scope);
  const bool left_preserved =
      type == JoinType::Left || type == JoinType::Full || type == JoinType::Anti;
  const bool right_preserved = type == JoinType::Right || type == JoinType::Full;

  JoinConfig config;
  config.type = type;
  config.null_aware = null_aware;
  // Keys bound by the caller (USING, IN (SELECT ...)).
  std::string key_text;
  for (JoinKey& key : keys) {
    auto status = add_key(config, std::move(key.left), std::move(key.right), key.null_safe, pos);
    if (!status) return status.error();
    key_text += (key_text.empty() ? "" : " AND ") + key.text;
  }
  TimeBound time(both, left_columns, left_schema, right_schema);
  std::vector<ExprPtr> time_conditions, residual, left_filter, right_filter;
  // As written (with their qualifiers), for EXPLAIN.
  std::string residual_text, time_text;
  auto append = [](std::string& text, const ast::Expr& e) {
    text += (text.empty() ? "" : " AND ") + e.text;
  };
  // Which side an expression reads, as bound against both (where a subquery's own columns come
  // before the enclosing query's): 0 the left only, 1 the right only, 2 both, -1 neither.
  auto side_of = [&](const BoundExpr& e) {
    const std::vector<bool> used = columns_read(e, both.schema.size());
    const auto first_right = used.begin() + std::ptrdiff_t(left_columns);
    const bool reads_left = std::find(used.begin(), first_right, true) != first_right;
    const bool reads_right = std::find(first_right, used.end(), true) != used.end();
    return reads_left && reads_right ? 2 : reads_left ? 0 : reads_right ? 1 : -1;
  };
  for (const ast::Expr* condition : conditions) {
    auto bound = bind_expr(*condition, both);
    if (!bound) return bound.error();
    const TypeId id = bound.value()->type().id;
    if (id != TypeId::Boolean && id != TypeId::Null)
      return bind_error(condition->pos, fmt::format("a join condition must be BOOLEAN, not {}",
                                                    bound.value()->type().to_string()));
    if (time.add(*condition)) {
      time_conditions.push_back(std::move(bound.value()));
      append(time_text, *condition);
      continue;
    }
    // A condition on one side only filters that side's input, unless the side is preserved
    // (its rows are emitted, matched or not).
    const int side = side_of(*bound.value());
    if (!left_preserved && (side == 0 || side == -1)) {
      if (auto on_left = bind_expr(*condition, left.scope)) {
        left_filter.push_back(std::move(on_left.value()));
        continue;
      }
    }
    if (!right_preserved && (side == 1 || side == -1)) {
      if (auto on_right = bind_expr(*condition, right.scope)) {
        right_filter.push_back(std::move(on_right.value()));
        continue;
      }
    }
    const bool null_safe = condition->kind == ast::ExprKind::Binary &&
                           condition->as<ast::Binary>().op == "IS NOT DISTINCT FROM";
    if (condition->kind == ast::ExprKind::Binary &&
        (condition->as<ast::Binary>().op == "=" || null_safe)) {
      const auto& eq = condition->as<ast::Binary>();
      auto a = bind_expr(*eq.left, both), b = bind_expr(*eq.right, both);
      const int a_side = a ? side_of(*a.value()) : -1, b_side = b ? side_of(*b.value()) : -1;
      const bool keyed = (a_side == 0 && b_side == 1) || (a_side == 1 && b_side == 0);
      const ast::Expr& left_operand = a_side == 0 ? *eq.left : *eq.right;
      const ast::Expr& right_operand = a_side == 0 ? *eq.right : *eq.left;
      auto l = bind_expr(left_operand, left.scope), r = bind_expr(right_operand, right.scope);
      if (keyed && l && r) {
        auto status =
            add_key(config, std::move(l.value()), std::move(r.value()), null_safe, condition->pos);
        if (!status) return status.error();
        append(key_text, *condition);
        continue;
      }
    }
    residual.push_back(std::move(bound.value()));
    append(residual_text, *condition);
  }

  config.bounded = time.complete();
  // A regular join's rows age from their rowtime under an event-time 'state.ttl'.
  config.left_time = left_schema.rowtime;
  config.right_time = right_schema.rowtime;
  config.updating_inputs = left.plan->updating || right.plan->updating;
  if (config.bounded && config.updating_inputs)
    return bind_error(pos,
                      "an interval join needs append-only inputs, and this one is updating (a "
                      "GROUP BY result?): drop the time bound for a regular join");
  if (config.bounded) {
    config.left_time = time.left_time();
    config.processing_time = time.processing();
    config.right_time = time.right_time();
    config.lower = time.lower();
    config.upper = time.upper();
    // An empty interval (lo > hi) is legal, as in Flink: nothing ever matches, so the operator
    // keeps no rows and emits a preserved side's rows padded at once (EXPLAIN says so).
    config.empty_interval = config.lower > config.upper;
    const std::string l = qualified_name(both, config.left_time);
    config.interval_text = fmt::format("{}{} <= {} <= {}{}", l, format_offset(config.lower),
                                       qualified_name(both, int(left_columns) + config.right_time),
                                       l, format_offset(config.upper));
  } else {
    // One-sided: an ordinary predicate of a regular join.
    for (auto& condition : time_conditions) residual.push_back(std::move(condition));
    if (!time_text.empty()) residual_text += (residual_text.empty() ? "" : " AND ") + time_text;
    if (config.left_keys.empty())
      return bind_error(pos,
                        "a join of two streams needs an equality condition between them (an equi "
                        "key such as a.id = b.id), or a time bound on both sides' time "
                        "attributes for an interval join");
  }
  config.key_text = key_text;
  config.residual_text = residual_text;
  auto residual_expr = conjunction(std::move(residual));
  if (!residual_expr) return residual_expr.error();
  config.residual = std::move(residual_expr.value());

  // The output: left's columns, then right's (SEMI / ANTI: left's only).
  auto node = std::make_unique<JoinNode>();
  const bool semi = type == JoinType::Semi || type == JoinType::Anti;
  for (const auto& field : left_schema.fields) {
    node->schema.fields.push_back(field);
    node->schema.fields.back().nullable |= right_preserved;
  }
  if (!semi) {
    for (const auto& field : right_schema.fields) {
      node->schema.fields.push_back(field);
      node->schema.fields.back().nullable |= left_preserved;
    }
  }
  set_time_attributes(*node, config, left_schema, right_schema, both, type);
  node->updating =
      config.updating_inputs || (!config.bounded && (left_preserved || right_preserved));

  BoundRelation result;
  add_side(result.scope, left.scope, right_preserved, node->schema, 0);
  if (!semi) add_side(result.scope, right.scope, left_preserved, node->schema, int(left_columns));

  auto left_condition = conjunction(std::move(left_filter));
  if (!left_condition) return left_condition.error();
  auto right_condition = conjunction(std::move(right_filter));
  if (!right_condition) return right_condition.error();
  node->inputs.push_back(filtered(std::move(left.plan), std::move(left_condition.value())));
  node->inputs.push_back(filtered(std::move(right.plan), std::move(right_condition.value())));
  node->join = std::move(config);
  result.plan = std::move(node);
  return result;
}

}  // namespace eddy
