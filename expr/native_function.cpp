// Scalar functions implemented in C++ by the embedder (Engine::register_function): the binder
// finds them in the engine's catalog and builds this node, which calls the function once per row
// with the row's argument values.
#include "expr/native_function.h"

#include <exception>

#include <fmt/format.h>

#include "expr/expr_internal.h"
#include "runtime/failure.h"

namespace eddy::expr {

namespace {

// The value of row `row` of an evaluated argument of type `type`.
Value arg_value(const Arg& arg, size_t row, Type type) {
  if (arg.null(row)) return Value::null(type);
  switch (type.id) {
    case TypeId::Double:
      return Value::float64(arg.f64(row));
    case TypeId::String:
      return Value::string(std::string(arg.str(row)));
    case TypeId::Time:
      return Value::time(arg.i64(row), type.precision);
    case TypeId::Null:
      return Value::null(type);
    default:
      // Every other type is int64-backed, and Value holds it the same way.
      return Value::integer(arg.i64(row), type);
  }
}

class NativeFunctionExpr final : public Expr {
 public:
  NativeFunctionExpr(NativeFunction fn, std::vector<ExprPtr>&& args)
      : Expr(fn.result, true, std::move(args)), fn_(std::move(fn)) {
    set_may_fail();  // the embedder's code may throw
  }

  void eval(const Batch& input, Column& out) const override {
    const size_t n = input.rows;
    std::vector<Arg> args(children().size());
    for (size_t k = 0; k < args.size(); ++k) eval_arg(child(k), input, args[k]);
    reset_column(out, type(), n);
    std::vector<Value> values(args.size());  // reused for every row
    for (size_t row = 0; row < n; ++row) {
      bool any_null = false;
      for (size_t k = 0; k < args.size(); ++k) {
        values[k] = arg_value(args[k], row, child(k).type());
        any_null |= values[k].is_null();
      }
      if (any_null && !fn_.own_nulls) {
        out.set_null(row);
        continue;
      }
      Value result = call(values);
      if (result.is_null()) {
        out.set_null(row);
        continue;
      }
      if (!value_fits(result, type()))
        fail(Error::Kind::Runtime,
             "function {} returned a {} value, but it is declared to return {}", fn_.name,
             result.type().to_string(), type().to_string());
      switch (type().id) {
        case TypeId::Double:
          out.doubles[row] = result.double_value();
          break;
        case TypeId::String:
          out.strings[row] = out.arena().store(result.string_value());
          break;
        default:
          out.ints[row] = result.int_value();
          break;
      }
    }
  }

  std::string to_string() const override {
    std::string s = fn_.name + "(";
    for (size_t k = 0; k < children().size(); ++k) s += (k ? ", " : "") + child(k).to_string();
    return s + ")";
  }

  bool is_constant() const override {
    if (!fn_.deterministic) return false;
    for (const auto& c : children()) {
      if (!c->is_constant()) return false;
    }
    return true;
  }

 private:
  // An exception from the embedder's code fails the query naming the function.
  Value call(const std::vector<Value>& values) const {
    try {
      return fn_.call(values);
    } catch (const Failure&) {
      throw;
    } catch (const std::exception& e) {
      fail(Error::Kind::Runtime, "function {} failed: {}", fn_.name, e.what());
    } catch (...) {
      fail(Error::Kind::Runtime, "function {} failed with an exception", fn_.name);
    }
  }

  NativeFunction fn_;
};

std::string signature(const NativeFunction& fn) {
  std::string s = fn.name + "(";
  for (size_t k = 0; k < fn.params.size(); ++k) s += (k ? ", " : "") + fn.params[k].to_string();
  return s + ")";
}

}  // namespace

}  // namespace eddy::expr

namespace eddy {

// Arguments convert to the declared parameter types by the implicit conversions of eddy's other
// functions: numeric widening (INT to BIGINT, DECIMAL or DOUBLE) and NULL.
Result<ExprPtr> make_native_function(NativeFunction fn, std::vector<ExprPtr> args) {
  using namespace expr;
  if (args.size() != fn.params.size())
    return bind_error(fmt::format("{} takes {} argument{}, got {} (usage: {})", fn.name,
                                  fn.params.size(), fn.params.size() == 1 ? "" : "s", args.size(),
                                  signature(fn)));
  for (size_t k = 0; k < args.size(); ++k) {
    const Type from = args[k]->type();
    const Type to = fn.params[k];
    if (from == to) continue;
    const std::optional<Type> common = common_super_type(from, to);
    if (!common || !(*common == to))
      return bind_error(fmt::format("{}: argument {} must be {}, got {} (usage: {})", fn.name,
                                    k + 1, to.to_string(), from.to_string(), signature(fn)));
    args[k] = coerce(std::move(args[k]), to);
  }
  return ExprPtr(std::make_unique<NativeFunctionExpr>(std::move(fn), std::move(args)));
}

}  // namespace eddy
