// Binder for aggregating SELECTs (GROUP BY, HAVING, aggregate calls). The plan is
//   Calc (group keys, then aggregate arguments) -> Aggregate -> Calc (HAVING, select list)
// where the upper Calc sees the aggregate's output: key columns, then one column per aggregate.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "planner/binder.h"
#include "planner/nodes/aggregate.h"
#include "planner/nodes/calc.h"
#include "planner/nodes/join.h"
#include "planner/nodes/session_window.h"
#include "planner/nodes/timeout.h"
#include "planner/nodes/window_aggregate.h"
#include "planner/nodes/window_assign.h"
#include "planner/plan.h"
#include "runtime/suggest.h"

namespace eddy {

namespace {

// Expressions are matched against GROUP BY items by their text, ignoring case and spaces.
std::string normalized(const std::string& text) {
  std::string out;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c)))
      out.push_back(char(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

class AggregateBinder {
 public:
  AggregateBinder(const ast::Select& select, const Scope& scope) : select_(select), scope_(scope) {}

  Result<PlanPtr> bind(PlanPtr input) {
    pre_ = std::make_unique<CalcNode>();
    pre_->updating = input->updating;
    // SESSION windows come from the table function below or from GROUP BY SESSION(ts, gap); the
    // aggregate runs them (a Timeout in session mode) and produces their bounds itself.
    const SessionWindowNode* session_table = session_input(*input);
    for (const auto& item : select_.group_by) {
      if (item->kind == ast::ExprKind::Call && is_group_window(item->as<ast::Call>().name)) {
        const auto& call = item->as<ast::Call>();
        group_window_ = call.name;
        if (call.name == "SESSION") {
          auto status = bind_session_call(call);
          if (!status) return status.error();
          continue;
        }
        // TUMBLE / HOP: two keys, the window columns the binder appended last.
        const int start = int(scope_.schema.size()) - 3;
        window_start_key_ = int(keys_.size());
        for (int c : {start, start + 1}) {
          keys_.push_back({"", c, int(keys_.size())});
          add_pre(make_column_ref(c, scope_.schema[c]), scope_.schema[c].name);
        }
        continue;
      }
      auto key = bind_expr(*item, scope_);
      if (!key) return key.error();
      const int column = key.value()->column_index();
      if (session_table && column >= int(session_table->inputs[0]->schema.size())) {
        // window_start / window_end (and window_time, window_end - 1 ms, as in Flink) of a
        // SESSION table: produced by the aggregate.
        session_keys_.push_back({normalized(item->text), column, -1});
        continue;
      }
      std::string name =
          item->kind == ast::ExprKind::Column ? item->as<ast::ColumnRef>().name.text : item->text;
      keys_.push_back({normalized(item->text), column, int(keys_.size())});
      add_pre(std::move(key.value()), name);
    }
    key_count_ = keys_.size();
    if (session_table) {
      const int time_column = int(session_table->schema.size()) - 1;
      if (std::count_if(session_keys_.begin(), session_keys_.end(),
                        [&](const Key& k) { return k.column != time_column; }) != 2)
        return bind_error(select_.pos,
                          "a SESSION window table needs GROUP BY window_start, "
                          "window_end");
      auto status = check_partition(*session_table);
      if (!status) return status.error();
      session_gap_ = session_table->gap_ms;
      session_time_ = session_table->time_column;
      session_processing_ = session_table->processing_time;
    }
    if (session_gap_ > 0) {
      if (select_.timeout)
        return bind_error(select_.timeout->pos, "TIMEOUT cannot be combined with SESSION windows");
      // The session bounds follow the keys in the aggregate's output.
      window_start_key_ = int(keys_.size());
      const int first = int(session_table ? session_table->inputs[0]->schema.size() : 0);
      keys_.push_back({"", session_table ? first : -1, int(key_count_)});
      keys_.push_back({"", session_table ? first + 1 : -1, int(key_count_) + 1});
      for (auto& k : session_keys_)
        k.output = k.column == first       ? int(key_count_)
                   : k.column == first + 1 ? int(key_count_) + 1
                                           : kSessionTime;
      for (auto& k : session_keys_) keys_.push_back(k);
    }
    // A timeout's output has the timeout time right after the key (TIMEOUT_TIME()); a session's
    // output its window_start and window_end.
    agg_offset_ = key_count_ + (select_.timeout ? 1 : 0) + (session_gap_ > 0 ? 2 : 0);

    // window_time of a window table function: window_end - 1 ms, a rowtime in the output.
    const int window_end_key = session_gap_ > 0 ? -1 : windowed_by(*input);
    if (window_end_key >= 0 && window_input(*input))
      window_time_column_ = int(window_input(*input)->schema.size()) - 1;
    if (session_table) window_time_column_ = int(session_table->schema.size()) - 1;

    // The select list and HAVING, bound above the aggregate.
    ExprInterceptor intercept = [this](const ast::Expr& e) { return intercept_post(e); };
    Scope none;
    auto post = std::make_unique<CalcNode>();
    post->updating = true;
    std::vector<std::pair<ExprPtr, std::string>> items;
    for (const auto& item : select_.items) {
      if (item.expr->kind == ast::ExprKind::Star)
        return bind_error(item.expr->pos, "'*' cannot be used with GROUP BY or aggregates");
      auto expr = bind_expr(*item.expr, none, &intercept);
      if (!expr) return expr.error();
      std::string name = item.alias ? item.alias->text
                         : item.expr->kind == ast::ExprKind::Column
                             ? item.expr->as<ast::ColumnRef>().name.text
                             : item.expr->text;
      items.emplace_back(std::move(expr.value()), std::move(name));
    }
    if (select_.having) {
      auto having = bind_expr(*select_.having, none, &intercept);
      if (!having) return having.error();
      TypeId id = having.value()->type().id;
      if (id != TypeId::Boolean && id != TypeId::Null)
        return bind_error(select_.having->pos,
                          fmt::format("HAVING needs a BOOLEAN condition, not {}",
                                      having.value()->type().to_string()));
      post->filter = std::move(having.value());
    }

    if (input->updating && (select_.timeout || session_gap_ > 0))
      return bind_error(
          select_.timeout ? select_.timeout->pos : select_.pos,
          fmt::format("{} needs an append-only input, and this one is updating (it "
                      "has -U/+U/-D rows, e.g. from a changelog stream or a GROUP BY)",
                      select_.timeout ? "GROUP BY ... TIMEOUT" : "SESSION"));
    std::unique_ptr<AggregatingNode> aggregate;
    TimeoutNode* timeout_node = nullptr;
    if (select_.timeout || session_gap_ > 0) {
      auto node = std::make_unique<TimeoutNode>();
      timeout_node = node.get();
      aggregate = std::move(node);
    } else if (window_end_key >= 0) {
      auto node = std::make_unique<WindowAggregateNode>();
      node->window_end_key = window_end_key;
      aggregate = std::move(node);
    } else {
      aggregate = std::make_unique<AggregateNode>();
    }
    const bool windowed = aggregate->as<WindowAggregateNode>() != nullptr;
    if (WindowAssignNode* assign = window_end_key >= 0 ? window_input(*input) : nullptr) {
      aggregate->processing_time = assign->window.processing_time;
      // Its windows feed this aggregation: a window that fired takes no more rows.
      if (windowed) assign->window.aggregated = true;
    }
    if (window_end_key >= 0 && !select_.timeout) {
      post->updating = false;
    } else if (select_.timeout) {
      auto status = configure_timeout(*timeout_node, *input);
      if (!status) return status.error();
      post->updating = false;
    } else if (session_gap_ > 0) {
      // A session closes once the watermark passes last + gap - 1 with no row in between: a
      // timeout of gap - 1 ms that forgets the key (RESET STATE).
      timeout_node->session = true;
      timeout_node->timeout_ms = session_gap_ - 1;
      timeout_node->reset_state = true;
      timeout_node->processing_time = session_processing_;
      if (!session_processing_) {
        timeout_node->time_column = int(pre_->projections.size());
        add_pre(make_column_ref(session_time_, scope_.schema[session_time_]),
                scope_.schema[session_time_].name);
      }
      post->updating = false;
    } else {
      aggregate->updating = true;
    }
    // An outer join's padded rows have a NULL time, which a timeout or session cannot place:
    // leave them out, as windows do.
    int time_column = -1;
    if (select_.timeout && !select_.timeout->processing_time) time_column = input->schema.rowtime;
    if (session_gap_ > 0 && !session_processing_) time_column = session_time_;
    if (time_column >= 0 && pads_rows(*input))
      pre_->filter =
          make_is_null(make_column_ref(time_column, scope_.schema[time_column]), true).value();
    pre_->inputs.push_back(std::move(input));
    aggregate->key_count = key_count_;
    aggregate->schema = aggregate_schema();
    // window_end stays above the watermark: a window emits once the watermark reaches its end - 1.
    if (windowed && !aggregate->processing_time) {
      aggregate->schema.watermarked.push_back(window_end_key);
      aggregate->schema.window_start = key_of(window_columns(*pre_->inputs[0]).first);
      aggregate->schema.window_end = window_end_key;
    }
    aggregate->aggregates = std::move(aggregates_);
    aggregate->inputs.push_back(std::move(pre_));
    // Keys that were a rowtime in the input are plain TIMESTAMPs in an unbounded aggregate's
    // output (Flink's U2); window_time is a key of the window it names.
    for (const Key& key : keys_) {
      if (key.column < 0 || key.output >= int(key_count_)) continue;
      if (key.column == window_time_column_ && windowed)
        window_time_keys_.push_back(key.output);
      else if (aggregate->as<AggregateNode>() && scope_.schema.size() > 0 &&
               column_was_rowtime(key.column))
        aggregate->schema.materialized.push_back(key.output);
    }
    for (auto& [expr, name] : items) {
      // TIMEOUT_TIME() passed through unchanged stays the (event-time) rowtime; so do
      // window_time and TUMBLE_ROWTIME / HOP_ROWTIME / SESSION_ROWTIME, as in Flink: the window
      // emits once the watermark reaches window_end - 1, before it forwards that watermark.
      const int source = expr->column_index();
      const int column = int(post->schema.fields.size());
      const bool window_time =
          (source >= 0 && std::find(window_time_keys_.begin(), window_time_keys_.end(), source) !=
                              window_time_keys_.end()) ||
          std::find(window_time_exprs_.begin(), window_time_exprs_.end(), expr.get()) !=
              window_time_exprs_.end();
      if (source >= 0 && source == aggregate->schema.window_start)
        post->schema.window_start = column;
      if (source >= 0 && source == aggregate->schema.window_end) post->schema.window_end = column;
      if (aggregate->schema.is_rowtime(source) || (window_time && !aggregate->processing_time)) {
        if (post->schema.rowtime < 0)
          post->schema.rowtime = column;
        else
          post->schema.extra_rowtimes.push_back(column);
      } else if (aggregate->schema.is_event_time(source)) {
        post->schema.watermarked.push_back(column);
      }
      if (source >= 0 &&
          std::find(aggregate->schema.materialized.begin(), aggregate->schema.materialized.end(),
                    source) != aggregate->schema.materialized.end())
        post->schema.materialized.push_back(column);
      post->schema.fields.push_back(Field{name, expr->type(), expr->nullable()});
      post->projections.push_back(std::move(expr));
    }
    post->inputs.push_back(std::move(aggregate));
    return PlanPtr(std::move(post));
  }

 private:
  struct Key {
    std::string text;  // normalized source text
    int column;        // input column when the key is a plain column, else -1
    int output;        // the aggregate's output column holding it
  };

  void add_pre(ExprPtr expr, std::string name) {
    pre_->schema.fields.push_back(Field{std::move(name), expr->type(), expr->nullable()});
    pre_->projections.push_back(std::move(expr));
  }

  // The WindowAssign directly below `input` (through a WHERE), or nullptr.
  static const WindowAssignNode* window_input(const PlanNode& input) {
    return window_input(const_cast<PlanNode&>(input));
  }
  static WindowAssignNode* window_input(PlanNode& input) {
    PlanNode* node = &input;
    if (const auto* calc = node->as<CalcNode>();
        calc && calc->filter && !calc->inputs.empty() &&
        calc->projections.size() == calc->inputs[0]->schema.size())
      node = calc->inputs[0].get();
    return node->as<WindowAssignNode>();
  }

  // window_start and window_end among the input's columns: those of a window table function
  // directly below (through a WHERE), or of a window aggregation's result; -1 if none.
  static std::pair<int, int> window_columns(const PlanNode& input) {
    if (const PlanNode* node = window_input(input)) {
      const int start = int(node->schema.size()) - 3;
      return {start, start + 1};
    }
    return {input.schema.window_start, input.schema.window_end};
  }

  // The group key that is input column `column`, or -1.
  int key_of(int column) const {
    if (column < 0) return -1;
    for (size_t k = 0; k < key_count_; ++k)
      if (keys_[k].column == column) return int(k);
    return -1;
  }

  // The key holding window_end when the keys include both window_start and window_end; else -1.
  int windowed_by(const PlanNode& input) const {
    const auto [start, end] = window_columns(input);
    return key_of(start) >= 0 ? key_of(end) : -1;
  }

  Status configure_timeout(TimeoutNode& node, const PlanNode& input) {
    const ast::TimeoutClause& timeout = *select_.timeout;
    auto interval = bind_expr(*timeout.interval, Scope{});
    if (!interval) return interval.error();
    if (interval.value()->type().id != TypeId::Interval || !interval.value()->is_constant())
      return bind_error(timeout.interval->pos, "TIMEOUT needs a constant INTERVAL" +
                                                   fixed_interval_hint(interval.value()->type()));
    node.timeout_ms = eval_constant(*interval.value()).int_value();
    if (node.timeout_ms <= 0)
      return bind_error(timeout.interval->pos, "TIMEOUT needs a positive INTERVAL");
    node.reset_state = timeout.reset_state;
    node.processing_time = timeout.processing_time;
    if (!node.processing_time) {
      if (input.schema.rowtime < 0)
        return bind_error(timeout.pos,
                          "TIMEOUT in event time needs a rowtime: declare a WATERMARK on the "
                          "stream, or write TIMEOUT ... ON PROCESSING TIME");
      node.time_column = int(pre_->projections.size());
      add_pre(make_column_ref(input.schema.rowtime, input.schema[input.schema.rowtime]),
              input.schema[input.schema.rowtime].name);
    }
    return {};
  }

  Schema aggregate_schema() const {
    Schema schema;
    for (size_t k = 0; k < key_count_; ++k) schema.fields.push_back(pre_->schema.fields[k]);
    if (select_.timeout) {
      if (!select_.timeout->processing_time) schema.rowtime = int(schema.fields.size());
      schema.fields.push_back(Field{"TIMEOUT_TIME()", Type::timestamp(), false});
    }
    if (session_gap_ > 0) {
      schema.fields.push_back(Field{"window_start", Type::timestamp(), false});
      schema.fields.push_back(Field{"window_end", Type::timestamp(), false});
    }
    for (const auto& spec : aggregates_) {
      bool nullable = !(spec.kind == AggKind::CountStar || spec.kind == AggKind::Count ||
                        spec.kind == AggKind::CountDistinct);
      schema.fields.push_back(Field{spec.text, spec.result_type, nullable});
    }
    return schema;
  }

  // Key::output of a SESSION table's window_time: window_end - 1 ms, computed above the aggregate.
  static constexpr int kSessionTime = -2;

  ExprPtr key_ref(size_t k) const {
    const int output = keys_[k].output;
    if (output == kSessionTime) {
      auto end =
          make_column_ref(int(key_count_) + 1, Field{"window_end", Type::timestamp(), false});
      return std::move(make_binary("-", std::move(end), make_literal(Value::interval(1))).value());
    }
    if (output < int(key_count_)) return make_column_ref(output, pre_->schema.fields[output]);
    // A session bound: produced by the aggregate, not by the pre-projection.
    return make_column_ref(output, Field{output == int(key_count_) ? "window_start" : "window_end",
                                         Type::timestamp(), false});
  }

  // The SESSION window table below `input` (through a WHERE), or nullptr.
  static const SessionWindowNode* session_input(const PlanNode& input) {
    const PlanNode* node = &input;
    if (const auto* calc = node->as<CalcNode>(); calc && calc->filter && !calc->inputs.empty())
      node = calc->inputs[0].get();
    return node->as<SessionWindowNode>();
  }

  // GROUP BY SESSION(ts, gap)
  Status bind_session_call(const ast::Call& call) {
    if (call.args.size() != 2 || call.args[0]->kind != ast::ExprKind::Column)
      return bind_error(call.pos, "SESSION takes the rowtime column and a gap INTERVAL");
    auto time = bind_expr(*call.args[0], scope_);
    if (!time) return time.error();
    const int column = time.value()->column_index();
    bool rowtime = false, proctime = false;
    for (const auto& entry : scope_.entries) {
      rowtime |= entry.schema.is_rowtime(column - entry.offset);
      proctime |= entry.schema.proctime >= 0 && column == entry.offset + entry.schema.proctime;
    }
    session_processing_ = proctime;
    if (!rowtime && !proctime)
      return bind_error(call.args[0]->pos,
                        fmt::format("the time column of SESSION must be a rowtime (a column with "
                                    "a WATERMARK) or a PROCTIME() column; '{}' is neither",
                                    call.args[0]->as<ast::ColumnRef>().name.text));
    auto gap = bind_expr(*call.args[1], Scope{});
    if (!gap) return gap.error();
    if (gap.value()->type().id != TypeId::Interval || !gap.value()->is_constant())
      return bind_error(call.args[1]->pos, "the SESSION gap must be a constant INTERVAL" +
                                               fixed_interval_hint(gap.value()->type()));
    session_gap_ = eval_constant(*gap.value()).int_value();
    if (session_gap_ <= 0) return bind_error(call.args[1]->pos, "the SESSION gap must be positive");
    session_time_ = column;
    return {};
  }

  // Sessions are kept per GROUP BY key, so the keys must be the table function's PARTITION BY.
  Status check_partition(const SessionWindowNode& session) const {
    std::vector<int> keys;
    for (const auto& k : keys_) keys.push_back(k.column);
    std::vector<int> partition = session.partition_by;
    std::sort(keys.begin(), keys.end());
    std::sort(partition.begin(), partition.end());
    if (keys != partition)
      return bind_error(select_.pos,
                        "GROUP BY over a SESSION window table must list exactly its "
                        "PARTITION BY columns besides window_start, window_end");
    return {};
  }

  std::optional<Result<ExprPtr>> intercept_post(const ast::Expr& expr) {
    std::string text = normalized(expr.text);
    for (size_t k = 0; k < keys_.size(); ++k)
      if (!text.empty() && keys_[k].text == text) return Result<ExprPtr>(key_ref(k));
    if (expr.kind == ast::ExprKind::Column) {
      // The same column spelled differently (t.uid vs uid) is still the key.
      auto column = bind_expr(expr, scope_);
      if (!column) return Result<ExprPtr>(column.error());
      for (size_t k = 0; k < keys_.size(); ++k)
        if (keys_[k].column >= 0 && keys_[k].column == column.value()->column_index())
          return Result<ExprPtr>(key_ref(k));
      // window_time without GROUP BY window_time: the window's end - 1 ms.
      if (window_time_column_ >= 0 && column.value()->column_index() == window_time_column_)
        for (size_t k = 0; k < keys_.size(); ++k)
          if (keys_[k].column == window_time_column_ - 1) return window_time_of(k);
      return Result<ExprPtr>(bind_error(
          expr.pos, fmt::format("column '{}' must appear in GROUP BY or inside an aggregate "
                                "function",
                                expr.as<ast::ColumnRef>().name.text)));
    }
    if (expr.kind == ast::ExprKind::Call && is_aggregate_function(expr.as<ast::Call>().name))
      return bind_aggregate_call(expr.as<ast::Call>());
    if (expr.kind == ast::ExprKind::Call && !group_window_.empty()) {
      // TUMBLE_START(ts, ...), HOP_END(...), SESSION_ROWTIME(...) name the group window's bounds.
      const std::string& name = expr.as<ast::Call>().name;
      size_t underscore = name.rfind('_');
      if (underscore != std::string::npos && name.substr(0, underscore) == group_window_ &&
          window_start_key_ >= 0) {
        std::string part = name.substr(underscore + 1);
        if (part == "START") return Result<ExprPtr>(key_ref(window_start_key_));
        if (part == "END") return Result<ExprPtr>(key_ref(window_start_key_ + 1));
        if (part == "ROWTIME") return window_time_of(window_start_key_ + 1);
      }
    }
    if (expr.kind == ast::ExprKind::Call && expr.as<ast::Call>().name == "TIMEOUT_TIME") {
      if (!select_.timeout)
        return Result<ExprPtr>(bind_error(expr.pos, "TIMEOUT_TIME() needs GROUP BY ... TIMEOUT"));
      if (!expr.as<ast::Call>().args.empty())
        return Result<ExprPtr>(bind_error(expr.pos, "TIMEOUT_TIME() takes no arguments"));
      return Result<ExprPtr>(
          make_column_ref(int(key_count_), Field{"TIMEOUT_TIME()", Type::timestamp(), false}));
    }
    return std::nullopt;
  }

  // Whether `plan` may produce rows an outer join padded with NULLs.
  static bool pads_rows(const PlanNode& plan) {
    if (plan.as<AggregatingNode>()) return false;
    if (const auto* join = plan.as<JoinNode>();
        join && (join->join.type == JoinType::Left || join->join.type == JoinType::Right ||
                 join->join.type == JoinType::Full))
      return true;
    for (const auto& input : plan.inputs)
      if (pads_rows(*input)) return true;
    return false;
  }

  // window_end - 1 ms from the key `end_key` holding window_end; remembered as a rowtime.
  Result<ExprPtr> window_time_of(size_t end_key) {
    auto time = make_binary("-", key_ref(end_key), make_literal(Value::interval(1)));
    if (time) window_time_exprs_.push_back(time.value().get());
    return time;
  }

  // Whether input column `column` is (or was, before a regular join) a rowtime.
  bool column_was_rowtime(int column) const {
    for (const auto& entry : scope_.entries) {
      const int local = column - entry.offset;
      if (local < 0 || local >= int(entry.schema.size())) continue;
      return entry.schema.is_rowtime(local) ||
             std::find(entry.schema.materialized.begin(), entry.schema.materialized.end(), local) !=
                 entry.schema.materialized.end();
    }
    return false;
  }

  Result<ExprPtr> bind_aggregate_call(const ast::Call& call) {
    std::string text = normalized(call.text);
    for (size_t i = 0; i < aggregates_.size(); ++i)
      if (aggregate_texts_[i] == text) return agg_ref(i);
    bool star = call.args.size() == 1 && call.args[0]->kind == ast::ExprKind::Star;
    if (!star && call.args.size() != 1)
      return bind_error(call.pos, fmt::format("{} takes one argument", call.name));
    Type arg_type;
    int arg = -1;
    if (!star) {
      if (contains_aggregate(*call.args[0]))
        return bind_error(call.args[0]->pos, "aggregate calls cannot be nested");
      auto bound = bind_expr(*call.args[0], scope_);
      if (!bound) return bound.error();
      arg_type = bound.value()->type();
      arg = int(pre_->projections.size());
      add_pre(std::move(bound.value()), call.args[0]->text);
    }
    auto spec = make_aggregate(call.name, call.distinct, star, arg_type, arg, call.text);
    if (!spec) return bind_error(call.pos, spec.error().message);
    if (pre_->updating &&
        (spec.value().kind == AggKind::FirstValue || spec.value().kind == AggKind::LastValue))
      return bind_error(call.pos, fmt::format("{} over an updating input (-U/+U/-D rows) is not "
                                              "supported yet",
                                              call.name));
    aggregates_.push_back(std::move(spec.value()));
    aggregate_texts_.push_back(text);
    return agg_ref(aggregates_.size() - 1);
  }

  Result<ExprPtr> agg_ref(size_t i) {
    const AggregateSpec& spec = aggregates_[i];
    bool nullable = !(spec.kind == AggKind::CountStar || spec.kind == AggKind::Count ||
                      spec.kind == AggKind::CountDistinct);
    return make_column_ref(int(agg_offset_ + i), Field{spec.text, spec.result_type, nullable});
  }

  const ast::Select& select_;
  const Scope& scope_;
  std::unique_ptr<CalcNode> pre_;
  std::vector<Key> keys_;
  size_t key_count_ = 0;
  size_t agg_offset_ = 0;  // output column of the first aggregate
  std::vector<AggregateSpec> aggregates_;
  std::vector<std::string> aggregate_texts_;
  std::string group_window_;         // "TUMBLE" / "HOP" / "SESSION" when grouping by a group window
  int window_start_key_ = -1;        // keys_ index of the window's start (its end follows)
  int64_t session_gap_ = 0;          // > 0: a SESSION window
  int session_time_ = -1;            // input column of the session's rowtime
  bool session_processing_ = false;  // a session over a PROCTIME() column
  std::vector<Key> session_keys_;    // window_start / window_end of a SESSION table
  int window_time_column_ = -1;      // input column of a window table function's window_time
  std::vector<int> window_time_keys_;                // aggregate output columns holding window_time
  std::vector<const BoundExpr*> window_time_exprs_;  // window_end - 1 ms expressions (rowtimes)
};

}  // namespace

bool is_group_window(const std::string& name) {
  return name == "TUMBLE" || name == "HOP" || name == "SESSION" || name == "CUMULATE";
}

bool contains_aggregate(const ast::Expr& expr) {
  using K = ast::ExprKind;
  switch (expr.kind) {
    case K::Call: {
      const auto& call = expr.as<ast::Call>();
      if (is_aggregate_function(call.name)) return true;
      return std::any_of(call.args.begin(), call.args.end(),
                         [](const ast::ExprPtr& a) { return contains_aggregate(*a); });
    }
    case K::Unary:
      return contains_aggregate(*expr.as<ast::Unary>().operand);
    case K::Binary:
      return contains_aggregate(*expr.as<ast::Binary>().left) ||
             contains_aggregate(*expr.as<ast::Binary>().right);
    case K::Case: {
      const auto& c = expr.as<ast::Case>();
      if (c.operand && contains_aggregate(*c.operand)) return true;
      if (c.otherwise && contains_aggregate(*c.otherwise)) return true;
      for (const auto& [w, t] : c.whens)
        if (contains_aggregate(*w) || contains_aggregate(*t)) return true;
      return false;
    }
    case K::Cast:
      return contains_aggregate(*expr.as<ast::Cast>().operand);
    case K::IsNull:
      return contains_aggregate(*expr.as<ast::IsNull>().operand);
    case K::Like:
      return contains_aggregate(*expr.as<ast::Like>().operand) ||
             contains_aggregate(*expr.as<ast::Like>().pattern);
    case K::InList: {
      const auto& in = expr.as<ast::InList>();
      if (contains_aggregate(*in.operand)) return true;
      return std::any_of(in.list.begin(), in.list.end(),
                         [](const ast::ExprPtr& a) { return contains_aggregate(*a); });
    }
    case K::Between: {
      const auto& b = expr.as<ast::Between>();
      return contains_aggregate(*b.operand) || contains_aggregate(*b.low) ||
             contains_aggregate(*b.high);
    }
    default:
      return false;
  }
}

Result<PlanPtr> bind_aggregate(const ast::Select& select, PlanPtr input, const Scope& scope) {
  return AggregateBinder(select, scope).bind(std::move(input));
}

}  // namespace eddy
