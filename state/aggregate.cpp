#include "state/aggregate.h"

#include <algorithm>

#include <fmt/format.h>

namespace eddy {

namespace {

struct AggregateName {
  const char* name;
  AggKind kind;
  const char* usage;  // for SHOW FUNCTIONS and the shell's help
};

constexpr AggregateName kAggregates[] = {
    {"COUNT", AggKind::Count, "COUNT(*) or COUNT([DISTINCT] x)"},
    {"SUM", AggKind::Sum, "SUM(x)"},
    {"MIN", AggKind::Min, "MIN(x)"},
    {"MAX", AggKind::Max, "MAX(x)"},
    {"AVG", AggKind::Avg, "AVG(x)"},
    {"FIRST_VALUE", AggKind::FirstValue, "FIRST_VALUE(x)"},
    {"LAST_VALUE", AggKind::LastValue, "LAST_VALUE(x)"},
};

}  // namespace

bool is_aggregate_function(const std::string& upper_name) {
  return std::any_of(std::begin(kAggregates), std::end(kAggregates),
                     [&](const AggregateName& a) { return upper_name == a.name; });
}

std::vector<std::pair<std::string, std::string>> aggregate_function_usages() {
  std::vector<std::pair<std::string, std::string>> usages;
  for (const auto& a : kAggregates) usages.emplace_back(a.name, a.usage);
  return usages;
}

std::vector<std::string> aggregate_function_names() {
  std::vector<std::string> names;
  for (const auto& a : kAggregates) names.emplace_back(a.name);
  return names;
}

Result<AggregateSpec> make_aggregate(const std::string& upper_name, bool distinct, bool star,
                                     Type arg_type, int arg, std::string text) {
  AggregateSpec spec;
  spec.arg = arg;
  spec.arg_type = arg_type;
  spec.text = std::move(text);
  for (const auto& a : kAggregates)
    if (upper_name == a.name) spec.kind = a.kind;
  if (star) {
    if (spec.kind != AggKind::Count)
      return Error{Error::Kind::Bind,
                   fmt::format("{}(*) is not allowed; only COUNT(*)", upper_name)};
    spec.kind = AggKind::CountStar;
    spec.arg = -1;
    spec.result_type = Type::int64();
    return spec;
  }
  if (distinct && spec.kind != AggKind::Count)
    return Error{Error::Kind::Bind,
                 fmt::format("DISTINCT is supported in COUNT only, not in {}", upper_name)};
  switch (spec.kind) {
    case AggKind::Count:
      if (distinct) spec.kind = AggKind::CountDistinct;
      spec.result_type = Type::int64();
      return spec;
    case AggKind::Sum:
    case AggKind::Avg:
      if (!arg_type.is_numeric() && arg_type.id != TypeId::Interval)
        return Error{Error::Kind::Bind, fmt::format("{} needs a numeric argument, not {}",
                                                    upper_name, arg_type.to_string())};
      // As Flink: SUM and AVG keep the argument's type (AVG of integers truncates); a DECIMAL
      // SUM widens to the maximum precision, a DECIMAL AVG also to at least 6 decimals.
      if (arg_type.id == TypeId::Decimal)
        spec.result_type = Type::decimal(
            18, spec.kind == AggKind::Avg ? std::max<int>(6, arg_type.scale) : arg_type.scale);
      else
        spec.result_type = arg_type;
      return spec;
    case AggKind::Min:
    case AggKind::Max:
    case AggKind::FirstValue:
    case AggKind::LastValue:
      if (arg_type.id == TypeId::Null)
        return Error{Error::Kind::Bind, fmt::format("{} needs a typed argument", upper_name)};
      spec.result_type = arg_type;
      return spec;
    default:
      break;
  }
  return Error{Error::Kind::Bind, fmt::format("unknown aggregate function {}", upper_name)};
}

}  // namespace eddy
