// Functions registered with one Engine (the embedding API's register_function): scalar functions
// called in expressions, and table functions (process functions) called in FROM as
//   name(TABLE a PARTITION BY k [, TABLE b PARTITION BY k] [, constant, ...])
// The binder resolves names against these before the built-in functions (Catalog::functions()).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "eddy/clock.h"
#include "eddy/error.h"
#include "eddy/types.h"

namespace eddy {

class Operator;

// A scalar function implemented in C++, called once per row with the row's argument values
// (already converted to `params`' types). Unless `own_nulls`, a NULL argument gives NULL without
// a call. A returned value of another type than `result` (NULL aside), or an exception thrown by
// `call`, fails the query with a runtime error naming the function.
struct ScalarFunctionDef {
  std::string name;  // as registered (lookups are case-insensitive)
  std::vector<Type> params;
  Type result;
  bool own_nulls = false;     // called with NULL arguments too
  bool deterministic = true;  // false: never folded as a constant
  std::function<Value(const std::vector<Value>& args)> call;
};

// What the physical planner knows when it builds a table function's operator for one query.
struct TableFunctionCall {
  std::vector<Schema> inputs;                  // each TABLE argument's columns
  std::vector<std::vector<int>> partition_by;  // per input: its PARTITION BY column indices
  std::vector<Value> args;                     // the constant arguments, converted to `params`
  Schema output;                               // partition keys, the declared columns, rowtime
  const Clock* clock = nullptr;                // processing time
};

// A table function: 1 or 2 TABLE arguments each with PARTITION BY (the same number of key
// columns, of equal types, in each), then constant arguments. Its output is the first input's
// partition key columns, then `output`, then `rowtime` TIMESTAMP(3) (the stream's time attribute).
struct TableFunctionDef {
  std::string name;
  int tables = 1;
  std::vector<Type> params;   // constant arguments after the tables
  std::vector<Field> output;  // the columns the function emits
  std::function<Result<std::unique_ptr<Operator>>(const TableFunctionCall&)> make;
  // One input whose keyed state is keyed by its PARTITION BY columns: at 'parallelism' N the
  // operator may run as N instances (make() called N times) behind a keyed exchange.
  bool keyed_instances = false;
};

}  // namespace eddy
