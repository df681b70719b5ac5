// SQL typing rules shared by the factories: widening, common types, DECIMAL shapes.
#include <algorithm>

#include "expr/expr_internal.h"

namespace eddy::expr {

namespace {

constexpr int kMaxPrecision = 18;  // DECIMAL values are int64 (types.h)
constexpr int kMinAdjustedScale = 6;

bool is_exact(Type t) { return t.is_integer() || t.id == TypeId::Decimal; }

}  // namespace

Error bind_error(std::string message) {
  Error e;
  e.kind = Error::Kind::Bind;
  e.message = std::move(message);
  return e;
}

void decimal_shape(Type t, int& precision, int& scale) {
  switch (t.id) {
    case TypeId::Int:
      precision = 10, scale = 0;
      break;
    case TypeId::BigInt:
      precision = 19, scale = 0;
      break;
    case TypeId::Decimal:
      precision = t.precision, scale = t.scale;
      break;
    default:
      precision = kMaxPrecision, scale = 0;
      break;
  }
}

Type adjust_decimal(int precision, int scale) {
  if (precision <= kMaxPrecision) return Type::decimal(std::max(precision, 1), scale);
  const int integer_digits = precision - scale;
  const int min_scale = std::min(scale, kMinAdjustedScale);
  scale = std::max(kMaxPrecision - integer_digits, min_scale);
  return Type::decimal(kMaxPrecision, std::min(scale, kMaxPrecision));
}

std::optional<Type> common_numeric_type(Type a, Type b) {
  if (a.id == TypeId::Null)
    return b.is_numeric() || b.id == TypeId::Null ? std::optional(b) : std::nullopt;
  if (b.id == TypeId::Null) return a.is_numeric() ? std::optional(a) : std::nullopt;
  if (!a.is_numeric() || !b.is_numeric()) return std::nullopt;
  if (a.id == TypeId::Double || b.id == TypeId::Double) return Type::float64();
  if (a.id == TypeId::Decimal || b.id == TypeId::Decimal) {
    if (a == b) return a;
    int pa, sa, pb, sb;
    decimal_shape(a, pa, sa);
    decimal_shape(b, pb, sb);
    const int scale = std::max(sa, sb);
    return adjust_decimal(std::max(pa - sa, pb - sb) + scale, scale);
  }
  if (a.id == TypeId::BigInt || b.id == TypeId::BigInt) return Type::int64();
  return Type::int32();
}

std::optional<Type> comparison_family(Type a, Type b) {
  if (a.id == TypeId::Null) return b;
  if (b.id == TypeId::Null) return a;
  if (is_exact(a) && is_exact(b)) return a;
  if (a.is_numeric() && b.is_numeric()) return Type::float64();
  // A string meets a date or time as that type ('2024-01-31' is a DATE next to a DATE column).
  if (a.is_datetime() && b.id == TypeId::String) return a;
  if (b.is_datetime() && a.id == TypeId::String) return b;
  if (a.is_datetime() && b.is_datetime()) return common_super_type(a, b);
  if (a.id == b.id) return a;
  return std::nullopt;
}

Type comparison_target(Type operand, Type family) {
  if (family.id == TypeId::Null) return Type::boolean();
  if (is_exact(family) && is_exact(operand)) return operand;
  return family;
}

}  // namespace eddy::expr

namespace eddy {

std::optional<Type> common_super_type(Type a, Type b) {
  if (a == b) return a;
  if (a.id == TypeId::Null) return b;
  if (b.id == TypeId::Null) return a;
  if (a.is_numeric() && b.is_numeric()) return expr::common_numeric_type(a, b);
  // A DATE widens to its midnight next to a TIMESTAMP (Flink's rule); TIMEs keep the finer
  // precision. TIME meets neither DATE nor TIMESTAMP.
  if ((a.id == TypeId::Date && b.id == TypeId::Timestamp) ||
      (a.id == TypeId::Timestamp && b.id == TypeId::Date)) {
    return Type::timestamp();
  }
  if (a.id == TypeId::Time && b.id == TypeId::Time) {
    return Type::time(std::max(a.precision, b.precision));
  }
  return std::nullopt;
}

}  // namespace eddy
