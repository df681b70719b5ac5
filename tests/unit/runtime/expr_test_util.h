// Helpers for the expression tests: build batches from Values, evaluate, unwrap factory results.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "expr/expr.h"
#include "runtime/batch.h"
#include "runtime/failure.h"

namespace eddy::testing {

inline ExprPtr ok(Result<ExprPtr> r) {
  if (!r) {
    ADD_FAILURE() << "bind error: " << r.error().message;
    return make_literal(Value());
  }
  return std::move(r).value();
}

inline ExprPtr lit(int64_t v) { return make_literal(Value::integer(v, Type::int32())); }
inline ExprPtr big(int64_t v) { return make_literal(Value::integer(v, Type::int64())); }
inline ExprPtr dbl(double v) { return make_literal(Value::float64(v)); }
inline ExprPtr str(std::string s) { return make_literal(Value::string(std::move(s))); }
inline ExprPtr boolean(bool b) { return make_literal(Value::boolean(b)); }
inline ExprPtr null_lit() { return make_literal(Value()); }
inline ExprPtr null_of(Type t) { return make_literal(Value::null(t)); }
inline ExprPtr dec(int64_t unscaled, int p, int s) {
  return make_literal(Value::decimal(unscaled, Type::decimal(p, s)));
}
inline ExprPtr ts(const std::string& text) {
  Timestamp t = 0;
  EXPECT_TRUE(parse_timestamp(text, t)) << text;
  return make_literal(Value::timestamp(t));
}
inline ExprPtr interval_ms(int64_t ms) { return make_literal(Value::interval(ms)); }

inline ExprPtr bin(const std::string& op, ExprPtr a, ExprPtr b) {
  return ok(make_binary(op, std::move(a), std::move(b)));
}
inline ExprPtr fn(const std::string& name, std::vector<ExprPtr> args) {
  return ok(make_function(name, std::move(args)));
}
template <class... A>
std::vector<ExprPtr> args(A&&... a) {
  std::vector<ExprPtr> v;
  (v.push_back(std::forward<A>(a)), ...);
  return v;
}

inline Batch make_batch(const Schema& schema, const std::vector<std::vector<Value>>& rows) {
  Batch b = Batch::with_schema(schema);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) b.columns[c].append(row[c]);
  }
  b.rows = rows.size();
  return b;
}

inline std::vector<Value> eval_all(const BoundExpr& e, const Batch& b) {
  Column out;
  e.eval(b, out);
  EXPECT_EQ(out.size(), b.rows);
  std::vector<Value> values;
  for (size_t i = 0; i < b.rows; ++i) values.push_back(out.get(i));
  return values;
}

// Evaluates a constant expression and returns its display text ("NULL" for NULL).
inline std::string text(const ExprPtr& e) { return eval_constant(*e).to_string(); }
inline Value value(const ExprPtr& e) { return eval_constant(*e); }

// The runtime error message of evaluating `e`, or "" when it succeeds.
inline std::string runtime_error(const ExprPtr& e) {
  try {
    eval_constant(*e);
  } catch (const Failure& f) {
    EXPECT_EQ(f.error().kind, Error::Kind::Runtime);
    return f.error().message;
  }
  return "";
}

template <class R>
std::string bind_error(const R& r) {
  if (r) return "";
  EXPECT_EQ(r.error().kind, Error::Kind::Bind);
  return r.error().message;
}

}  // namespace eddy::testing
