// Scalar function nodes and the kernels behind the function table (function_registry.cpp).
//
// A kernel receives its evaluated arguments (constants as one-row Args) and an output column
// already sized, typed, and - unless the function handles NULLs itself - carrying the union of the
// arguments' null masks: it computes the rows that are not NULL, and may mark more rows NULL.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "expr/expr_internal.h"

namespace eddy::expr {

class FunctionExpr;
using Kernel = void (*)(const FunctionExpr& fn, const std::vector<Arg>& args, size_t n,
                        Column& out);
// Builds per-expression state from the bound arguments (a constant pattern compiled once, an
// EXTRACT unit); an Error here is reported as a bind error.
using Prepare = Result<std::shared_ptr<const void>> (*)(const std::vector<ExprPtr>& args);

enum FunctionFlags : unsigned {
  kOwnNulls = 1,          // the kernel deals with NULL arguments itself (CONCAT_WS)
  kMayReturnNull = 2,     // NULL for some non-NULL inputs (SPLIT_INDEX out of range, ...)
  kNonDeterministic = 4,  // CURRENT_TIMESTAMP: never treated as a constant
  kMayFail = 8,           // the kernel may throw for some rows
};

class FunctionExpr final : public Expr {
 public:
  FunctionExpr(std::string name, Type type, bool nullable, std::vector<ExprPtr>&& args,
               Kernel kernel, std::shared_ptr<const void> state, unsigned flags);

  template <class T>
  const T* state() const {
    return static_cast<const T*>(state_.get());
  }
  const std::string& name() const { return name_; }

  void eval(const Batch& input, Column& out) const override;
  std::string to_string() const override;
  bool is_constant() const override;

 private:
  std::string name_;
  Kernel kernel_;
  std::shared_ptr<const void> state_;
  unsigned flags_;
};

// Runs f(i) for every row not already NULL in `out`.
template <class F>
inline void each_row(size_t n, const Column& out, F&& f) {
  if (out.nulls.empty()) {
    for (size_t i = 0; i < n; ++i) f(i);
  } else {
    for (size_t i = 0; i < n; ++i) {
      if (!out.nulls[i]) f(i);
    }
  }
}

// UTF-8 helpers (strings are bytes; character functions count code points).
inline size_t utf8_char_len(unsigned char c) {
  if (c < 0xC0) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  return 4;
}
size_t utf8_length(std::string_view s);
// Byte offset of the character with 0-based index `chars` (s.size() when past the end).
size_t utf8_offset(std::string_view s, size_t chars);

// ---- kernels (string_functions.cpp, math_functions.cpp, time_functions.cpp) ----
#define EDDY_KERNEL(name)                                                                        \
  void name([[maybe_unused]] const FunctionExpr& fn, [[maybe_unused]] const std::vector<Arg>& a, \
            [[maybe_unused]] size_t n, [[maybe_unused]] Column& out)
#define EDDY_PREPARE(name) \
  Result<std::shared_ptr<const void>> name(const std::vector<ExprPtr>& args)

EDDY_KERNEL(k_lower);
EDDY_KERNEL(k_upper);
EDDY_KERNEL(k_initcap);
EDDY_KERNEL(k_reverse);
EDDY_KERNEL(k_substring);
EDDY_KERNEL(k_concat);
EDDY_KERNEL(k_concat_ws);
EDDY_KERNEL(k_char_length);
EDDY_KERNEL(k_trim);
EDDY_KERNEL(k_ltrim);
EDDY_KERNEL(k_rtrim);
EDDY_KERNEL(k_replace);
EDDY_KERNEL(k_position);
EDDY_KERNEL(k_locate);
EDDY_KERNEL(k_instr);
EDDY_KERNEL(k_lpad);
EDDY_KERNEL(k_rpad);
EDDY_KERNEL(k_split_index);
EDDY_KERNEL(k_left);
EDDY_KERNEL(k_right);
EDDY_KERNEL(k_repeat);
EDDY_KERNEL(k_ascii);
EDDY_KERNEL(k_chr);
EDDY_KERNEL(k_starts_with);
EDDY_KERNEL(k_ends_with);
EDDY_KERNEL(k_regexp);
EDDY_KERNEL(k_regexp_extract);
EDDY_KERNEL(k_regexp_replace);
EDDY_PREPARE(prepare_regex);

EDDY_KERNEL(k_abs);
EDDY_KERNEL(k_sign);
EDDY_KERNEL(k_floor);
EDDY_KERNEL(k_ceil);
EDDY_KERNEL(k_round);
EDDY_KERNEL(k_truncate);
EDDY_KERNEL(k_power);
EDDY_KERNEL(k_sqrt);
EDDY_KERNEL(k_ln);
EDDY_KERNEL(k_log);
EDDY_KERNEL(k_log10);
EDDY_KERNEL(k_log2);
EDDY_KERNEL(k_exp);
EDDY_KERNEL(k_sin);
EDDY_KERNEL(k_cos);
EDDY_KERNEL(k_tan);
EDDY_KERNEL(k_cot);
EDDY_KERNEL(k_asin);
EDDY_KERNEL(k_acos);
EDDY_KERNEL(k_atan);
EDDY_KERNEL(k_atan2);
EDDY_KERNEL(k_degrees);
EDDY_KERNEL(k_radians);
EDDY_KERNEL(k_pi);
EDDY_KERNEL(k_e);
EDDY_KERNEL(k_floor_time);
EDDY_KERNEL(k_ceil_time);

EDDY_KERNEL(k_extract);
EDDY_PREPARE(prepare_extract);
EDDY_PREPARE(prepare_time_unit);
EDDY_KERNEL(k_year);
EDDY_KERNEL(k_quarter);
EDDY_KERNEL(k_month);
EDDY_KERNEL(k_week);
EDDY_KERNEL(k_dayofyear);
EDDY_KERNEL(k_dayofmonth);
EDDY_KERNEL(k_dayofweek);
EDDY_KERNEL(k_hour);
EDDY_KERNEL(k_minute);
EDDY_KERNEL(k_second);
EDDY_KERNEL(k_date_format);
EDDY_PREPARE(prepare_format_arg1);
EDDY_KERNEL(k_to_timestamp);
EDDY_KERNEL(k_to_timestamp_ltz);
EDDY_KERNEL(k_unix_timestamp);
EDDY_KERNEL(k_from_unixtime);
EDDY_KERNEL(k_current_timestamp);
EDDY_KERNEL(k_current_date);
EDDY_KERNEL(k_current_time);
EDDY_KERNEL(k_to_date);
EDDY_KERNEL(k_timestampadd);
EDDY_KERNEL(k_timestampdiff);

}  // namespace eddy::expr
