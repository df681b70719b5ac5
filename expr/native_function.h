// Scalar functions implemented in C++ by the embedder (the engine's registered functions,
// planner/functions.h) as expression nodes.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "expr/expr.h"

namespace eddy {

// Called once per row with the argument values converted to `params`. A NULL argument gives
// NULL without a call unless `own_nulls`; a non-deterministic function is never a constant. A
// returned value of another type, or an exception, fails the query naming the function.
struct NativeFunction {
  std::string name;
  std::vector<Type> params;
  Type result;
  bool own_nulls = false;
  bool deterministic = true;
  std::function<Value(const std::vector<Value>&)> call;
};

// Checks the argument count and types (implicit conversions only: numeric widening, NULL) and
// builds the call; errors are Bind errors without a position, as the other factories'.
Result<ExprPtr> make_native_function(NativeFunction fn, std::vector<ExprPtr> args);

}  // namespace eddy
