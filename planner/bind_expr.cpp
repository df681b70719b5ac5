// Binder for expressions: resolves column names against the scope and builds typed expressions
// through the runtime's factories, attaching the AST node's position to any error.
#include <fmt/format.h>

#include "expr/native_function.h"
#include "planner/binder.h"
#include "planner/function_catalog.h"
#include "runtime/suggest.h"
#include "state/aggregate.h"

namespace eddy {

Error bind_error(const ast::Pos& pos, std::string message) {
  Error error{Error::Kind::Bind, std::move(message)};
  error.line = pos.line;
  error.column = pos.column;
  return error;
}

namespace {

thread_local const FunctionCatalog* registered_functions = nullptr;

}  // namespace

FunctionsInScope::FunctionsInScope(const FunctionCatalog& functions)
    : saved_(registered_functions) {
  registered_functions = &functions;
}

FunctionsInScope::~FunctionsInScope() { registered_functions = saved_; }

namespace {

// A call of a function registered with the engine (Engine::register_function).
Result<ExprPtr> make_registered_function(const ScalarFunctionDef& def, std::vector<ExprPtr> args) {
  NativeFunction fn;
  fn.name = def.name;
  fn.params = def.params;
  fn.result = def.result;
  fn.own_nulls = def.own_nulls;
  fn.deterministic = def.deterministic;
  fn.call = def.call;
  return make_native_function(std::move(fn), std::move(args));
}

// "unknown function 'x'", with a did-you-mean over the built-in and the registered functions.
Error unknown_function(const ast::Call& call) {
  // Aggregates first: on a tie the first candidate wins, and CONT is more likely COUNT than COT.
  std::vector<std::string> names = aggregate_function_names();
  for (auto& name : scalar_function_names()) names.push_back(std::move(name));
  if (registered_functions) {
    for (const auto& name : registered_functions->scalar_names()) names.push_back(name);
  }
  return bind_error(call.pos, fmt::format("unknown function '{}'{}", call.name,
                                          did_you_mean(to_upper(call.name), names)));
}

bool matches(const ast::Name& name, const std::string& candidate) {
  return name.quoted ? name.text == candidate : iequals(name.text, candidate);
}

Result<ExprPtr> resolve_column(const ast::ColumnRef& ref, const Scope& scope) {
  int found = -1;
  std::vector<std::string> candidates;
  // A subquery's own tables first; an enclosing query's only for names they do not have.
  for (const bool outer : {false, true}) {
    for (const auto& entry : scope.entries) {
      if (entry.outer != outer) continue;
      if (ref.qualifier && !matches(*ref.qualifier, entry.qualifier)) continue;
      for (size_t i = 0; i < entry.schema.size(); ++i) {
        if (!ref.qualifier && entry.hidden(i)) continue;
        candidates.push_back(entry.schema[i].name);
        if (!matches(ref.name, entry.schema[i].name)) continue;
        if (found >= 0)
          return bind_error(ref.pos, fmt::format("column '{}' is ambiguous", ref.name.text));
        found = entry.offset + static_cast<int>(i);
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) {
    if (ref.qualifier && candidates.empty()) {
      std::vector<std::string> tables;
      for (const auto& entry : scope.entries) tables.push_back(entry.qualifier);
      return bind_error(ref.qualifier->pos, fmt::format("unknown table '{}'{}", ref.qualifier->text,
                                                        did_you_mean(ref.qualifier->text, tables)));
    }
    if (scope.entries.empty())
      return bind_error(ref.pos, fmt::format("column '{}' needs a FROM clause", ref.name.text));
    // `status = "fail"` names a column in SQL; other languages (and MySQL) take it for a string.
    if (ref.name.double_quoted && !ref.qualifier)
      return bind_error(ref.pos,
                        fmt::format("unknown column '{}' (double quotes name a column; a string "
                                    "literal takes single quotes: '{}')",
                                    ref.name.text, ref.name.text));
    return bind_error(ref.pos, fmt::format("unknown column '{}'{}", ref.name.text,
                                           did_you_mean(ref.name.text, candidates)));
  }
  return make_column_ref(found, scope.schema[found]);
}

class ExprBinder {
 public:
  ExprBinder(const Scope& scope, const ExprInterceptor* intercept)
      : scope_(scope), intercept_(intercept) {}

  Result<ExprPtr> bind(const ast::Expr& expr) {
    std::optional<Result<ExprPtr>> intercepted;
    if (intercept_) intercepted = (*intercept_)(expr);
    auto result = intercepted ? std::move(*intercepted) : dispatch(expr);
    if (!result && result.error().line == 0) {
      // A factory's type error: point at this node.
      Error error = result.error();
      error.line = expr.pos.line;
      error.column = expr.pos.column;
      return error;
    }
    return result;
  }

 private:
  Result<ExprPtr> dispatch(const ast::Expr& expr) {
    using K = ast::ExprKind;
    switch (expr.kind) {
      case K::Literal:
        return make_literal(expr.as<ast::Literal>().value);
      case K::Column:
        return resolve_column(expr.as<ast::ColumnRef>(), scope_);
      case K::Star:
        return bind_error(expr.pos, "'*' is only allowed in the select list and COUNT(*)");
      case K::Unary: {
        const auto& u = expr.as<ast::Unary>();
        auto operand = bind(*u.operand);
        if (!operand) return operand;
        return make_unary(u.op, std::move(operand.value()));
      }
      case K::Binary: {
        const auto& b = expr.as<ast::Binary>();
        auto left = bind(*b.left);
        if (!left) return left;
        auto right = bind(*b.right);
        if (!right) return right;
        return make_binary(b.op, std::move(left.value()), std::move(right.value()));
      }
      case K::Call:
        return bind_call(expr.as<ast::Call>());
      case K::Case:
        return bind_case(expr.as<ast::Case>());
      case K::Cast: {
        const auto& c = expr.as<ast::Cast>();
        auto operand = bind(*c.operand);
        if (!operand) return operand;
        return make_cast(std::move(operand.value()), c.type, c.try_cast);
      }
      case K::IsNull: {
        const auto& n = expr.as<ast::IsNull>();
        auto operand = bind(*n.operand);
        if (!operand) return operand;
        return make_is_null(std::move(operand.value()), n.negated);
      }
      case K::Like: {
        const auto& l = expr.as<ast::Like>();
        auto operand = bind(*l.operand);
        if (!operand) return operand;
        auto pattern = bind(*l.pattern);
        if (!pattern) return pattern;
        ExprPtr escape;
        if (l.escape) {
          auto e = bind(*l.escape);
          if (!e) return e;
          escape = std::move(e.value());
        }
        return make_like(std::move(operand.value()), std::move(pattern.value()), std::move(escape),
                         l.negated);
      }
      case K::InList: {
        const auto& in = expr.as<ast::InList>();
        auto operand = bind(*in.operand);
        if (!operand) return operand;
        auto list = bind_all(in.list);
        if (!list) return list.error();
        return make_in_list(std::move(operand.value()), std::move(list.value()), in.negated);
      }
      case K::Between: {
        const auto& b = expr.as<ast::Between>();
        auto operand = bind(*b.operand);
        if (!operand) return operand;
        auto low = bind(*b.low);
        if (!low) return low;
        auto high = bind(*b.high);
        if (!high) return high;
        return make_between(std::move(operand.value()), std::move(low.value()),
                            std::move(high.value()), b.negated);
      }
      case K::Exists:
        return bind_error(expr.pos,
                          "EXISTS is supported only as a condition of WHERE, joined to the rest "
                          "with AND (it becomes a semi or anti join)");
      case K::InQuery:
        return bind_error(expr.pos,
                          "IN (SELECT ...) is supported only as a condition of WHERE, joined to "
                          "the rest with AND (it becomes a semi or anti join)");
    }
    return bind_error(expr.pos, "unsupported expression");
  }

  Result<std::vector<ExprPtr>> bind_all(const std::vector<ast::ExprPtr>& exprs) {
    std::vector<ExprPtr> out;
    for (const auto& e : exprs) {
      auto bound = bind(*e);
      if (!bound) return bound.error();
      out.push_back(std::move(bound.value()));
    }
    return out;
  }

  Result<ExprPtr> bind_call(const ast::Call& call) {
    if (is_aggregate_function(call.name))
      return bind_error(call.pos, fmt::format("aggregate function {} is not allowed here (only in "
                                              "the select list and HAVING)",
                                              call.name));
    if (call.name == "TIMEOUT_TIME")
      return bind_error(call.pos, "TIMEOUT_TIME() needs GROUP BY ... TIMEOUT");
    // An unknown name is the error to report, before its arguments are bound (in an aggregating
    // SELECT they would first complain that a column is not in the GROUP BY).
    if (!is_scalar_function(call.name)) {
      auto registered =
          registered_functions ? registered_functions->find_scalar(call.name) : nullptr;
      if (!registered) return unknown_function(call);
      auto args = bind_all(call.args);
      if (!args) return args.error();
      return make_registered_function(*registered, std::move(args.value()));
    }
    auto args = bind_all(call.args);
    if (!args) return args.error();
    return make_function(call.name, std::move(args.value()));
  }

  Result<ExprPtr> bind_case(const ast::Case& c) {
    ExprPtr operand;
    if (c.operand) {
      auto bound = bind(*c.operand);
      if (!bound) return bound;
      operand = std::move(bound.value());
    }
    std::vector<std::pair<ExprPtr, ExprPtr>> whens;
    for (const auto& [when, then] : c.whens) {
      auto w = bind(*when);
      if (!w) return w;
      auto t = bind(*then);
      if (!t) return t;
      whens.emplace_back(std::move(w.value()), std::move(t.value()));
    }
    ExprPtr otherwise;
    if (c.otherwise) {
      auto e = bind(*c.otherwise);
      if (!e) return e;
      otherwise = std::move(e.value());
    }
    return make_case(std::move(operand), std::move(whens), std::move(otherwise));
  }

  const Scope& scope_;
  const ExprInterceptor* intercept_;
};

}  // namespace

Result<ExprPtr> bind_expr(const ast::Expr& expr, const Scope& scope,
                          const ExprInterceptor* intercept) {
  return ExprBinder(scope, intercept).bind(expr);
}

}  // namespace eddy
