// The scalar function table: one entry per function drives make_function (arity, argument
// types, result type, kernel), is_scalar_function, scalar_function_names, and the did-you-mean
// for unknown names. Adding a function is one kernel plus one line here.
//
// Argument type codes (upper case required, lower case optional, '*' repeats the previous code):
//   S STRING   I integer (passed as BIGINT)   D number (passed as DOUBLE)   N number (kept)
//   T TIMESTAMP (a DATE or STRING is cast)   W like T, and a TIME too (1970-01-01 at that time)
//   B BOOLEAN   A any   U time unit name (a constant string)
// Result codes: S STRING, I BIGINT, i INT, D DOUBLE, T TIMESTAMP, B BOOLEAN, d DATE, t TIME(0).
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "expr/function.h"
#include "runtime/suggest.h"

namespace eddy::expr {

namespace {

struct FunctionDef;
using CustomBind = Result<ExprPtr> (*)(const FunctionDef& def, std::vector<ExprPtr>&& args);

struct FunctionDef {
  const char* name;
  const char* usage;
  const char* params;
  char result;
  Kernel kernel = nullptr;
  unsigned flags = 0;
  Prepare prepare = nullptr;
  CustomBind bind = nullptr;  // typing rules the codes cannot express
};

Result<ExprPtr> bind_generic(const FunctionDef& def, std::vector<ExprPtr>&& args);

// ---- custom typing ----

Result<ExprPtr> bind_mod(const FunctionDef&, std::vector<ExprPtr>&& args) {
  return make_arithmetic("%", std::move(args[0]), std::move(args[1]));
}

Result<ExprPtr> bind_coalesce(const FunctionDef& def, std::vector<ExprPtr>&& args) {
  return make_coalesce(def.name, std::move(args));
}
Result<ExprPtr> bind_if(const FunctionDef&, std::vector<ExprPtr>&& args) {
  return make_if(std::move(args));
}
Result<ExprPtr> bind_nullif(const FunctionDef&, std::vector<ExprPtr>&& args) {
  return make_nullif(std::move(args));
}
Result<ExprPtr> bind_greatest(const FunctionDef&, std::vector<ExprPtr>&& args) {
  return make_greatest_least(true, std::move(args));
}
Result<ExprPtr> bind_least(const FunctionDef&, std::vector<ExprPtr>&& args) {
  return make_greatest_least(false, std::move(args));
}

Error usage_error(const FunctionDef& def, const std::string& problem) {
  return bind_error(fmt::format("{}: {} (usage: {})", def.name, problem, def.usage));
}

ExprPtr make_node(const FunctionDef& def, Type type, std::vector<ExprPtr>&& args,
                  std::shared_ptr<const void> state = nullptr) {
  bool nullable = (def.flags & kMayReturnNull) != 0;
  for (const auto& a : args) nullable |= a->nullable();
  return std::make_unique<FunctionExpr>(def.name, type, nullable, std::move(args), def.kernel,
                                        std::move(state), def.flags);
}

// ABS, SIGN: the argument's numeric type.
Result<ExprPtr> bind_same_numeric(const FunctionDef& def, std::vector<ExprPtr>&& args) {
  Type t = args[0]->type();
  if (t.id == TypeId::Null) t = Type::int32();
  if (!t.is_numeric()) return usage_error(def, "needs a numeric argument, got " + t.to_string());
  args[0] = coerce(std::move(args[0]), t);
  return make_node(def, t, std::move(args));
}

// FLOOR / CEIL of a number, or of a TIMESTAMP to a unit (FLOOR(ts TO HOUR) as FLOOR(ts, 'HOUR')).
Result<ExprPtr> bind_floor_ceil(const FunctionDef& def, std::vector<ExprPtr>&& args) {
  const bool floor = std::string_view(def.name) == "FLOOR";
  if (args.size() == 2) {
    static const FunctionDef kFloor{"FLOOR", "FLOOR(ts TO unit)", "TU", 'T', k_floor_time,
                                    0,       prepare_time_unit};
    static const FunctionDef kCeil{"CEIL", "CEIL(ts TO unit)", "TU", 'T', k_ceil_time,
                                   0,      prepare_time_unit};
    // A DATE comes back a DATE (the result is a midnight), as in Flink.
    const Type point = args[0]->type();
    Result<ExprPtr> rounded = bind_generic(floor ? kFloor : kCeil, std::move(args));
    if (!rounded || point.id != TypeId::Date) return rounded;
    return make_cast(std::move(rounded.value()), point, false);
  }
  Type t = args[0]->type();
  if (t.id == TypeId::Null) t = Type::float64();
  if (!t.is_numeric()) return usage_error(def, "needs a numeric argument, got " + t.to_string());
  Type result = t;
  if (t.id == TypeId::Decimal) result = Type::decimal(std::min(18, t.precision - t.scale + 1), 0);
  args[0] = coerce(std::move(args[0]), t);
  return make_node(def, result, std::move(args));
}

// ROUND / TRUNCATE(x[, d]): DOUBLE and integers keep their type; DECIMAL(p, s) becomes
// DECIMAL(p - s + d + 1, d) (Flink), which needs d to be a constant.
Result<ExprPtr> bind_round(const FunctionDef& def, std::vector<ExprPtr>&& args) {
  Type t = args[0]->type();
  if (t.id == TypeId::Null) t = Type::float64();
  if (!t.is_numeric()) return usage_error(def, "needs a numeric argument, got " + t.to_string());
  args[0] = coerce(std::move(args[0]), t);
  if (args.size() == 1) args.push_back(make_literal(Value::integer(0)));
  if (!args[1]->type().is_integer() && args[1]->type().id != TypeId::Null) {
    return usage_error(def, "the number of digits must be an integer");
  }
  args[1] = coerce(std::move(args[1]), Type::int64());
  Type result = t;
  if (t.id == TypeId::Decimal) {
    const std::optional<Value> d = constant_value(*args[1]);
    if (!d || d->is_null()) return usage_error(def, "the number of digits must be a constant here");
    const int64_t digits = std::clamp<int64_t>(d->int_value(), -18, 18);
    if (digits < t.scale) {
      const int scale = int(std::max<int64_t>(digits, 0));
      result = Type::decimal(std::clamp<int>(t.precision - t.scale + scale + 1, 1, 18), scale);
    }
  }
  return make_node(def, result, std::move(args));
}

// EXTRACT on a TIME only takes the units a time of day has, as in Flink (Calcite):
// EXTRACT(YEAR FROM TIME '10:00:00') is an error, not 1970. (Of the unit functions, only HOUR,
// MINUTE and SECOND take a TIME: their code is W, the others' T.)
Result<ExprPtr> bind_time_part(const FunctionDef& def, std::vector<ExprPtr>&& args) {
  const Type t = args.back()->type();
  if (t.id == TypeId::Time) {
    std::string unit = def.name;
    if (args.size() == 2) {
      const std::optional<Value> v = constant_value(*args[0]);
      if (v && v->type().id == TypeId::String) unit = to_upper(v->string_value());
    }
    static constexpr std::string_view kTimeUnits[] = {"HOUR",        "HOURS",        "MINUTE",
                                                      "MINUTES",     "SECOND",       "SECONDS",
                                                      "MILLISECOND", "MILLISECONDS", "MICROSECOND"};
    if (std::find(std::begin(kTimeUnits), std::end(kTimeUnits), unit) == std::end(kTimeUnits)) {
      return usage_error(def, fmt::format("a {} has no {} (it takes HOUR, MINUTE, SECOND or "
                                          "MILLISECOND)",
                                          t.to_string(), unit));
    }
  }
  return bind_generic(def, std::move(args));
}

// TIMESTAMPADD keeps a DATE a DATE for units of a day or more and a TIME a TIME (wrapping
// around midnight); a DATE plus hours is a TIMESTAMP. Flink's (Calcite's) result types.
Result<ExprPtr> bind_timestampadd(const FunctionDef& def, std::vector<ExprPtr>&& args) {
  const Type point = args[2]->type();
  if (point.id != TypeId::Date && point.id != TypeId::Time)
    return bind_generic(def, std::move(args));
  std::string unit;
  if (const std::optional<Value> v = constant_value(*args[0]);
      v && v->type().id == TypeId::String) {
    unit = to_upper(v->string_value());
  }
  static constexpr std::string_view kSubDay[] = {
      "HOUR", "HOURS", "MINUTE", "MINUTES", "SECOND", "SECONDS", "MILLISECOND", "MILLISECONDS"};
  const bool sub_day = std::find(std::begin(kSubDay), std::end(kSubDay), unit) != std::end(kSubDay);
  Result<ExprPtr> shifted = bind_generic(def, std::move(args));
  if (!shifted || (point.id == TypeId::Date && sub_day)) return shifted;
  return make_cast(std::move(shifted.value()), point, false);
}

// clang-format off
const FunctionDef kFunctions[] = {
    // strings
    {"LOWER", "LOWER(s)", "S", 'S', k_lower},
    {"UPPER", "UPPER(s)", "S", 'S', k_upper},
    {"INITCAP", "INITCAP(s)", "S", 'S', k_initcap},
    {"REVERSE", "REVERSE(s)", "S", 'S', k_reverse},
    {"SUBSTRING", "SUBSTRING(s, start[, length])", "SIi", 'S', k_substring},
    {"SUBSTR", "SUBSTR(s, start[, length])", "SIi", 'S', k_substring},
    {"CONCAT", "CONCAT(s1, s2, ...)", "SS*", 'S', k_concat},
    {"CONCAT_WS", "CONCAT_WS(separator, s1, s2, ...)", "SSS*", 'S', k_concat_ws, kOwnNulls},
    {"CHAR_LENGTH", "CHAR_LENGTH(s)", "S", 'i', k_char_length},
    {"CHARACTER_LENGTH", "CHARACTER_LENGTH(s)", "S", 'i', k_char_length},
    {"LENGTH", "LENGTH(s)", "S", 'i', k_char_length},
    {"TRIM", "TRIM(s[, characters])", "Ss", 'S', k_trim},
    {"BTRIM", "BTRIM(s[, characters])", "Ss", 'S', k_trim},
    {"LTRIM", "LTRIM(s[, characters])", "Ss", 'S', k_ltrim},
    {"RTRIM", "RTRIM(s[, characters])", "Ss", 'S', k_rtrim},
    {"REPLACE", "REPLACE(s, search, replacement)", "SSS", 'S', k_replace},
    {"POSITION", "POSITION(needle IN haystack)", "SS", 'i', k_position},
    {"LOCATE", "LOCATE(needle, haystack[, start])", "SSi", 'i', k_locate},
    {"INSTR", "INSTR(haystack, needle)", "SS", 'i', k_instr},
    {"LPAD", "LPAD(s, length, pad)", "SIS", 'S', k_lpad, kMayReturnNull},
    {"RPAD", "RPAD(s, length, pad)", "SIS", 'S', k_rpad, kMayReturnNull},
    {"SPLIT_INDEX", "SPLIT_INDEX(s, delimiter, index)", "SSI", 'S', k_split_index, kMayReturnNull},
    {"LEFT", "LEFT(s, n)", "SI", 'S', k_left},
    {"RIGHT", "RIGHT(s, n)", "SI", 'S', k_right},
    {"REPEAT", "REPEAT(s, n)", "SI", 'S', k_repeat, kMayFail},
    {"ASCII", "ASCII(s)", "S", 'i', k_ascii},
    {"CHR", "CHR(n)", "I", 'S', k_chr, kMayReturnNull},
    {"STARTSWITH", "STARTSWITH(s, prefix)", "SS", 'B', k_starts_with},
    {"ENDSWITH", "ENDSWITH(s, suffix)", "SS", 'B', k_ends_with},
    {"REGEXP", "REGEXP(s, regex)", "SS", 'B', k_regexp, kMayFail, prepare_regex},
    {"REGEXP_EXTRACT", "REGEXP_EXTRACT(s, regex[, group])", "SSi", 'S', k_regexp_extract,
     kMayFail | kMayReturnNull, prepare_regex},
    {"REGEXP_REPLACE", "REGEXP_REPLACE(s, regex, replacement)", "SSS", 'S', k_regexp_replace,
     kMayFail, prepare_regex},

    // numbers
    {"MOD", "MOD(a, b)", "NN", 0, nullptr, 0, nullptr, bind_mod},
    {"ABS", "ABS(x)", "N", 0, k_abs, kMayFail, nullptr, bind_same_numeric},
    {"SIGN", "SIGN(x)", "N", 0, k_sign, 0, nullptr, bind_same_numeric},
    {"FLOOR", "FLOOR(x) or FLOOR(ts TO unit)", "Au", 0, k_floor, 0, nullptr, bind_floor_ceil},
    {"CEIL", "CEIL(x) or CEIL(ts TO unit)", "Au", 0, k_ceil, kMayFail, nullptr, bind_floor_ceil},
    {"CEILING", "CEILING(x)", "A", 0, k_ceil, kMayFail, nullptr, bind_floor_ceil},
    {"ROUND", "ROUND(x[, digits])", "Ni", 0, k_round, kMayFail, nullptr, bind_round},
    {"TRUNCATE", "TRUNCATE(x[, digits])", "Ni", 0, k_truncate, 0, nullptr, bind_round},
    {"POWER", "POWER(base, exponent)", "DD", 'D', k_power},
    {"POW", "POW(base, exponent)", "DD", 'D', k_power},
    {"SQRT", "SQRT(x)", "D", 'D', k_sqrt},
    {"LN", "LN(x)", "D", 'D', k_ln},
    {"LOG", "LOG(x) or LOG(base, x)", "Dd", 'D', k_log},
    {"LOG10", "LOG10(x)", "D", 'D', k_log10},
    {"LOG2", "LOG2(x)", "D", 'D', k_log2},
    {"EXP", "EXP(x)", "D", 'D', k_exp},
    {"SIN", "SIN(x)", "D", 'D', k_sin},
    {"COS", "COS(x)", "D", 'D', k_cos},
    {"TAN", "TAN(x)", "D", 'D', k_tan},
    {"COT", "COT(x)", "D", 'D', k_cot},
    {"ASIN", "ASIN(x)", "D", 'D', k_asin},
    {"ACOS", "ACOS(x)", "D", 'D', k_acos},
    {"ATAN", "ATAN(x)", "D", 'D', k_atan},
    {"ATAN2", "ATAN2(y, x)", "DD", 'D', k_atan2},
    {"DEGREES", "DEGREES(x)", "D", 'D', k_degrees},
    {"RADIANS", "RADIANS(x)", "D", 'D', k_radians},
    {"PI", "PI()", "", 'D', k_pi},
    {"E", "E()", "", 'D', k_e},

    // conditionals
    {"COALESCE", "COALESCE(a, b, ...)", "AA*", 0, nullptr, 0, nullptr, bind_coalesce},
    {"IFNULL", "IFNULL(a, b)", "AA", 0, nullptr, 0, nullptr, bind_coalesce},
    {"NULLIF", "NULLIF(a, b)", "AA", 0, nullptr, 0, nullptr, bind_nullif},
    {"IF", "IF(condition, then, else)", "AAA", 0, nullptr, 0, nullptr, bind_if},
    {"GREATEST", "GREATEST(a, b, ...)", "AA*", 0, nullptr, 0, nullptr, bind_greatest},
    {"LEAST", "LEAST(a, b, ...)", "AA*", 0, nullptr, 0, nullptr, bind_least},

    // time
    {"EXTRACT", "EXTRACT(unit FROM ts)", "UW", 'I', k_extract, 0, prepare_extract,
     bind_time_part},
    {"YEAR", "YEAR(ts)", "T", 'I', k_year},
    {"QUARTER", "QUARTER(ts)", "T", 'I', k_quarter},
    {"MONTH", "MONTH(ts)", "T", 'I', k_month},
    {"WEEK", "WEEK(ts)", "T", 'I', k_week},
    {"DAYOFYEAR", "DAYOFYEAR(ts)", "T", 'I', k_dayofyear},
    {"DAYOFMONTH", "DAYOFMONTH(ts)", "T", 'I', k_dayofmonth},
    {"DAYOFWEEK", "DAYOFWEEK(ts)", "T", 'I', k_dayofweek},
    {"HOUR", "HOUR(ts)", "W", 'I', k_hour},
    {"MINUTE", "MINUTE(ts)", "W", 'I', k_minute},
    {"SECOND", "SECOND(ts)", "W", 'I', k_second},
    {"DATE_FORMAT", "DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm:ss')", "TS", 'S', k_date_format, kMayFail,
     prepare_format_arg1},
    {"TO_DATE", "TO_DATE(s[, format])", "Ss", 'd', k_to_date, kMayFail | kMayReturnNull,
     prepare_format_arg1},
    {"TO_TIMESTAMP", "TO_TIMESTAMP(s[, format])", "Ss", 'T', k_to_timestamp,
     kMayFail | kMayReturnNull, prepare_format_arg1},
    {"TO_TIMESTAMP_LTZ", "TO_TIMESTAMP_LTZ(epoch, 0 | 3)", "Di", 'T', k_to_timestamp_ltz, kMayFail},
    {"UNIX_TIMESTAMP", "UNIX_TIMESTAMP([s[, format]])", "ss", 'I', k_unix_timestamp,
     kNonDeterministic | kMayFail | kMayReturnNull, prepare_format_arg1},
    {"FROM_UNIXTIME", "FROM_UNIXTIME(seconds[, format])", "Is", 'S', k_from_unixtime, kMayFail,
     prepare_format_arg1},
    {"CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP", "", 'T', k_current_timestamp, kNonDeterministic},
    {"LOCALTIMESTAMP", "LOCALTIMESTAMP", "", 'T', k_current_timestamp, kNonDeterministic},
    {"CURRENT_DATE", "CURRENT_DATE", "", 'd', k_current_date, kNonDeterministic},
    {"CURRENT_TIME", "CURRENT_TIME", "", 't', k_current_time, kNonDeterministic},
    {"LOCALTIME", "LOCALTIME", "", 't', k_current_time, kNonDeterministic},
    {"NOW", "NOW()", "", 'T', k_current_timestamp, kNonDeterministic},
    {"CURRENT_ROW_TIMESTAMP", "CURRENT_ROW_TIMESTAMP()", "", 'T', k_current_timestamp,
     kNonDeterministic},
    {"PROCTIME", "PROCTIME()", "", 'T', k_current_timestamp, kNonDeterministic},
    {"TIMESTAMPADD", "TIMESTAMPADD(unit, n, ts)", "UIW", 'T', k_timestampadd, kMayFail,
     prepare_time_unit, bind_timestampadd},
    {"TIMESTAMPDIFF", "TIMESTAMPDIFF(unit, ts1, ts2)", "UWW", 'I', k_timestampdiff, 0,
     prepare_time_unit},
};
// clang-format on

const FunctionDef* find_function(const std::string& upper) {
  for (const FunctionDef& def : kFunctions) {
    if (upper == def.name) return &def;
  }
  return nullptr;
}

// Arity implied by the parameter codes; max -1 when variadic.
void arity(const FunctionDef& def, int& min, int& max) {
  min = 0;
  max = 0;
  for (const char* p = def.params; *p; ++p) {
    if (*p == '*') {
      max = -1;
      break;
    }
    ++max;
    if (std::isupper(static_cast<unsigned char>(*p))) min = max;
  }
}

char code_for(const FunctionDef& def, size_t index) {
  const std::string_view params = def.params;
  if (index < params.size() && params[index] != '*') return params[index];
  return params[params.find('*') - 1];  // repeated code
}

Type result_type(char code) {
  switch (code) {
    case 'S':
      return Type::string();
    case 'I':
      return Type::int64();
    case 'i':
      return Type::int32();
    case 'D':
      return Type::float64();
    case 'T':
      return Type::timestamp();
    case 'B':
      return Type::boolean();
    case 'd':
      return Type::date();
    case 't':
      return Type::time(0);
  }
  return Type::null();
}

Result<ExprPtr> bind_generic(const FunctionDef& def, std::vector<ExprPtr>&& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    const char code = static_cast<char>(std::toupper(static_cast<unsigned char>(code_for(def, i))));
    const Type t = args[i]->type();
    const bool null = t.id == TypeId::Null;
    const auto wrong = [&](const char* expected) {
      return usage_error(
          def, fmt::format("argument {} must be {}, got {}", i + 1, expected, t.to_string()));
    };
    switch (code) {
      case 'S':
        if (t.id != TypeId::String && !null) return wrong("a STRING");
        args[i] = coerce(std::move(args[i]), Type::string());
        break;
      case 'I':
        if (!t.is_integer() && !null) return wrong("an integer");
        args[i] = coerce(std::move(args[i]), Type::int64());
        break;
      case 'D':
        if (!t.is_numeric() && !null) return wrong("a number");
        args[i] = coerce(std::move(args[i]), Type::float64());
        break;
      case 'N':
        if (!t.is_numeric() && !null) return wrong("a number");
        break;
      case 'T':
        if (t.id != TypeId::Timestamp && t.id != TypeId::Date && t.id != TypeId::String && !null)
          return wrong("a TIMESTAMP or DATE");
        args[i] = coerce(std::move(args[i]), Type::timestamp());
        break;
      case 'W':
        if (!t.is_datetime() && t.id != TypeId::String && !null)
          return wrong("a TIMESTAMP, DATE or TIME");
        args[i] = coerce(std::move(args[i]), Type::timestamp());
        break;
      case 'B':
        if (t.id != TypeId::Boolean && !null) return wrong("a BOOLEAN");
        args[i] = coerce(std::move(args[i]), Type::boolean());
        break;
      case 'U':
        if (t.id != TypeId::String || !args[i]->is_constant()) {
          return usage_error(def,
                             fmt::format("argument {} must be a time unit such as HOUR", i + 1));
        }
        break;
      default:
        break;
    }
  }
  std::shared_ptr<const void> state;
  if (def.prepare) {
    Result<std::shared_ptr<const void>> prepared = def.prepare(args);
    if (!prepared) return usage_error(def, prepared.error().message);
    state = std::move(*prepared);
  }
  return make_node(def, result_type(def.result), std::move(args), std::move(state));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// FunctionExpr

FunctionExpr::FunctionExpr(std::string name, Type type, bool nullable, std::vector<ExprPtr>&& args,
                           Kernel kernel, std::shared_ptr<const void> state, unsigned flags)
    : Expr(type, nullable, std::move(args)),
      name_(std::move(name)),
      kernel_(kernel),
      state_(std::move(state)),
      flags_(flags) {
  if (flags & kMayFail) set_may_fail();
}

void FunctionExpr::eval(const Batch& input, Column& out) const {
  const size_t n = input.rows;
  std::vector<Arg> args(children().size());
  std::vector<const Arg*> ptrs;
  ptrs.reserve(args.size());
  bool all_null = false;
  for (size_t k = 0; k < args.size(); ++k) {
    eval_arg(child(k), input, args[k]);
    ptrs.push_back(&args[k]);
    all_null |= args[k].all_null();
  }
  reset_column(out, type(), n);
  if (!(flags_ & kOwnNulls)) {
    union_nulls(ptrs, n, out);
    if (all_null) return;
  }
  kernel_(*this, args, n, out);
}

std::string FunctionExpr::to_string() const {
  if (name_ == "EXTRACT" && children().size() == 2) {
    const std::optional<Value> unit = constant_value(child(0));
    if (unit && !unit->is_null()) {
      return fmt::format("EXTRACT({} FROM {})", unit->string_value(), child(1).to_string());
    }
  }
  if ((name_ == "FLOOR" || name_ == "CEIL") && children().size() == 2) {
    const std::optional<Value> unit = constant_value(child(1));
    if (unit && !unit->is_null()) {
      return fmt::format("{}({} TO {})", name_, child(0).to_string(), unit->string_value());
    }
  }
  if (name_ == "POSITION" && children().size() == 2) {
    return fmt::format("POSITION({} IN {})", child(0).to_string(), child(1).to_string());
  }
  if (children().empty() &&
      (name_ == "CURRENT_TIMESTAMP" || name_ == "LOCALTIMESTAMP" || name_ == "CURRENT_DATE" ||
       name_ == "CURRENT_TIME" || name_ == "LOCALTIME"))
    return name_;
  std::string s = name_ + "(";
  for (size_t k = 0; k < children().size(); ++k) s += (k ? ", " : "") + child(k).to_string();
  return s + ")";
}

bool FunctionExpr::is_constant() const {
  if (flags_ & kNonDeterministic) return false;
  for (const auto& c : children()) {
    if (!c->is_constant()) return false;
  }
  return true;
}

}  // namespace eddy::expr

namespace eddy {

Result<ExprPtr> make_function(const std::string& name, std::vector<ExprPtr> args) {
  using namespace expr;
  const std::string upper = to_upper(name);
  const FunctionDef* def = find_function(upper);
  if (!def) {
    return bind_error(
        fmt::format("unknown function '{}'{}", name, did_you_mean(upper, scalar_function_names())));
  }
  int min, max;
  arity(*def, min, max);
  const int given = static_cast<int>(args.size());
  if (given < min || (max >= 0 && given > max)) {
    std::string expected;
    if (max < 0) {
      expected = fmt::format("at least {} argument{}", min, min == 1 ? "" : "s");
    } else if (min == max) {
      expected = fmt::format("{} argument{}", min, min == 1 ? "" : "s");
    } else {
      expected = fmt::format("{} to {} arguments", min, max);
    }
    return usage_error(*def, fmt::format("takes {}, got {}", expected, given));
  }
  if (def->bind) return def->bind(*def, std::move(args));
  return bind_generic(*def, std::move(args));
}

bool is_scalar_function(const std::string& name) {
  return expr::find_function(to_upper(name)) != nullptr;
}

std::vector<std::pair<std::string, std::string>> scalar_function_usages() {
  std::vector<std::pair<std::string, std::string>> usages;
  for (const auto& def : expr::kFunctions) usages.emplace_back(def.name, def.usage);
  std::sort(usages.begin(), usages.end());
  return usages;
}

std::vector<std::string> scalar_function_names() {
  std::vector<std::string> names;
  for (const auto& def : expr::kFunctions) names.emplace_back(def.name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace eddy
