// Aggregate functions: their names, argument checks and result types (Flink's rules), and the
// per-key accumulator every keyed aggregating operator (GROUP BY, TIMEOUT, windows) shares.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "eddy/error.h"
#include "eddy/types.h"

namespace eddy {

enum class AggKind : uint8_t {
  CountStar,
  Count,
  CountDistinct,
  Sum,
  Min,
  Max,
  Avg,
  FirstValue,
  LastValue
};

struct AggregateSpec {
  AggKind kind = AggKind::CountStar;
  int arg = -1;  // input column of the argument (-1 for COUNT(*))
  Type arg_type;
  Type result_type;
  std::string text;  // "COUNT(*)", "SUM(amount)" for EXPLAIN
};

bool is_aggregate_function(const std::string& upper_name);
std::vector<std::string> aggregate_function_names();
// (name, usage) of every aggregate function: "SUM(x)".
std::vector<std::pair<std::string, std::string>> aggregate_function_usages();

// Checks the argument and derives the result type. `arg_type` is ignored for COUNT(*).
Result<AggregateSpec> make_aggregate(const std::string& upper_name, bool distinct, bool star,
                                     Type arg_type, int arg, std::string text);

// One aggregate's running state for one key: a count of the non-NULL inputs folded in, and the
// numeric value (sum, min, max, first, last) as int64 or double. Strings (MIN/MAX/FIRST/LAST of
// STRING) keep their bytes in a StringState beside it.
struct Accumulator {
  int64_t count = 0;
  int64_t i = 0;
  double d = 0;
};

}  // namespace eddy
