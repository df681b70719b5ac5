// Scalar functions written in C++, registered with an Engine and called from SQL like the
// built-in ones:
//
//   eddy::ScalarFunction mask;
//   mask.params = {eddy::Type::string()};
//   mask.result = eddy::Type::string();
//   mask.call = [](const std::vector<eddy::Value>& args) {
//     std::string card = args[0].string_value();
//     for (size_t i = 4; i < card.size(); ++i) card[i] = '*';
//     return eddy::Value::string(card);
//   };
//   engine.register_function("mask", mask);   // SELECT mask(card) FROM payments
#pragma once

#include <functional>
#include <vector>

#include "eddy/types.h"

namespace eddy {

struct ScalarFunction {
  // The argument types. A call's arguments are converted to them by the implicit conversions
  // (INT to BIGINT, DECIMAL or DOUBLE; NULL); other types are a bind error with line:col.
  std::vector<Type> params;
  // The type of the result. Returning a Value of another type (a NULL of any type is fine)
  // fails the query with an error naming the function.
  Type result;
  // Called once per row with the arguments' values. An exception fails the query with an error
  // naming the function and the exception's message.
  std::function<Value(const std::vector<Value>&)> call;
  // false: a NULL argument gives NULL without a call. true: called with NULLs too.
  bool own_nulls = false;
  // false (e.g. a random number or a clock): never evaluated once for all rows as a constant.
  bool deterministic = true;
};

}  // namespace eddy
