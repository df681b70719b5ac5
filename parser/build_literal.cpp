// Literals: numbers (typed by their spelling), strings, booleans, NULL, TIMESTAMP '...',
// DATE '...', TIME '...' and INTERVAL '...' unit.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "parser/ast_builder.h"

namespace eddy::parser_internal {
namespace {

constexpr int kMaxDecimalPrecision = 18;  // DECIMAL values are int64 (see eddy/types.h)

Value integer_value(antlr4::Token* token) {
  const std::string digits = token->getText();
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    fail(AstBuilder::pos(token),
         fmt::format("integer literal {} is out of range for BIGINT", digits));
  }
  if (v <= static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
    return Value::integer(static_cast<int64_t>(v), Type::int32());
  }
  return Value::integer(static_cast<int64_t>(v), Type::int64());
}

Value double_value(antlr4::Token* token) {
  const std::string text = token->getText();
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || !std::isfinite(v)) {
    fail(AstBuilder::pos(token), fmt::format("number {} is out of range for DOUBLE", text));
  }
  return Value::float64(v);
}

// 1.50 is DECIMAL(3, 2): the scale is the number of fraction digits, the precision the digits
// without leading zeros (at least the scale, at least 1), as in Flink. Literals too long for
// DECIMAL(18) become DOUBLE rather than failing.
Value decimal_value(antlr4::Token* token) {
  const std::string text = token->getText();
  size_t dot = text.find('.');
  std::string whole = text.substr(0, dot);
  std::string fraction = text.substr(dot + 1);
  size_t first_nonzero = whole.find_first_not_of('0');
  whole = first_nonzero == std::string::npos ? "" : whole.substr(first_nonzero);
  int scale = static_cast<int>(fraction.size());
  int precision = std::max(1, static_cast<int>(whole.size()) + scale);
  if (precision > kMaxDecimalPrecision) return double_value(token);
  int64_t unscaled = 0;
  for (char c : whole + fraction) unscaled = unscaled * 10 + (c - '0');
  return Value::decimal(unscaled, Type::decimal(precision, scale));
}

int64_t unit_milliseconds(size_t unit_token) {
  switch (unit_token) {
    case EddyParser::MILLISECOND:
    case EddyParser::MILLISECONDS:
      return 1;
    case EddyParser::SECOND:
    case EddyParser::SECONDS:
      return 1'000;
    case EddyParser::MINUTE:
    case EddyParser::MINUTES:
      return 60'000;
    case EddyParser::HOUR:
    case EddyParser::HOURS:
      return 3'600'000;
    default:
      return 86'400'000;  // DAY, DAYS
  }
}

// `count` units in milliseconds, where `count` is [+-]digits[.digits] with optional surrounding
// spaces. Returns false with `why` set when the text is not such a number or the result is not
// a whole number of milliseconds in range.
bool interval_milliseconds(std::string_view count, int64_t unit_ms, int64_t& out,
                           std::string& why) {
  while (!count.empty() && std::isspace(static_cast<unsigned char>(count.front()))) {
    count.remove_prefix(1);
  }
  while (!count.empty() && std::isspace(static_cast<unsigned char>(count.back()))) {
    count.remove_suffix(1);
  }
  bool negative = false;
  if (!count.empty() && (count.front() == '-' || count.front() == '+')) {
    negative = count.front() == '-';
    count.remove_prefix(1);
  }
  size_t dot = count.find('.');
  std::string_view whole = count.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : count.substr(dot + 1);
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  auto all_digits = [](std::string_view s) {
    for (char c : s) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
  };
  if (count.empty() || !all_digits(whole) || !all_digits(fraction) ||
      (whole.empty() && dot == std::string_view::npos) || count == ".") {
    why = "is not a number";
    return false;
  }
  // A fraction longer than the unit's digits cannot come out whole, and would overflow below.
  if (fraction.size() > 9) {
    why = "is not a whole number of milliseconds";
    return false;
  }
  __int128 total = 0;
  for (char c : whole) {
    total = total * 10 + (c - '0');
    if (total > std::numeric_limits<int64_t>::max()) {
      why = "is out of range";
      return false;
    }
  }
  total *= unit_ms;
  __int128 scale = 1, frac = 0;
  for (char c : fraction) {
    frac = frac * 10 + (c - '0');
    scale *= 10;
  }
  frac *= unit_ms;
  if (frac % scale != 0) {
    why = "is not a whole number of milliseconds";
    return false;
  }
  total += frac / scale;
  if (total > std::numeric_limits<int64_t>::max()) {
    why = "is out of range";
    return false;
  }
  out = negative ? -static_cast<int64_t>(total) : static_cast<int64_t>(total);
  return true;
}

// The months in a year-month unit (MONTH, YEAR), 0 for day-time units.
int64_t unit_months(size_t unit_token) {
  switch (unit_token) {
    case EddyParser::MONTH:
    case EddyParser::MONTHS:
      return 1;
    case EddyParser::YEAR:
    case EddyParser::YEARS:
      return 12;
    default:
      return 0;
  }
}

// INTERVAL '5' SECOND, INTERVAL '-1.5' MINUTES, INTERVAL 10 DAY, and without a unit the
// duration syntax of SET values: INTERVAL '10 s', INTERVAL '1 hour'. INTERVAL '3' MONTH and
// INTERVAL '1' YEAR are year-month intervals, counted in whole months.
Value interval_value(EddyParser::IntervalValueContext* ctx) {
  ast::Pos at = AstBuilder::pos(ctx);
  antlr4::Token* value = ctx->value;
  bool quoted = value->getType() == EddyParser::STRING;
  std::string count = quoted ? string_value(value) : value->getText();
  bool negate = ctx->sign != nullptr && ctx->sign->getType() == EddyParser::MINUS;
  int64_t ms = 0;
  std::string why;
  if (auto* unit = ctx->intervalUnit();
      unit != nullptr && unit_months(unit->getStart()->getType()) > 0) {
    int64_t months = 0;
    // The number syntax of day-time intervals, counted in months; no fractions.
    if (count.find('.') != std::string::npos) {
      fail(at,
           fmt::format("invalid INTERVAL: '{}' is not a whole number of months or years", count));
    }
    if (!interval_milliseconds(count, unit_months(unit->getStart()->getType()), months, why)) {
      fail(at, fmt::format("invalid INTERVAL: '{}' {}", count, why));
    }
    return Value::interval_months(negate ? -months : months);
  }
  if (auto* unit = ctx->intervalUnit()) {
    if (!interval_milliseconds(count, unit_milliseconds(unit->getStart()->getType()), ms, why)) {
      fail(at, fmt::format("invalid INTERVAL: '{}' {}", count, why));
    }
  } else {
    int64_t probe;
    if (!quoted || interval_milliseconds(count, 1, probe, why)) {
      fail(at, fmt::format("INTERVAL {} needs a unit (MILLISECOND, SECOND, MINUTE, HOUR, "
                           "DAY, MONTH or YEAR), e.g. INTERVAL '{}' SECOND",
                           quoted ? "'" + count + "'" : count, count));
    }
    std::string_view body = count;
    bool negative = !body.empty() && body.front() == '-';
    if (negative) body.remove_prefix(1);
    if (!parse_duration(body, ms)) {
      fail(at, fmt::format("invalid INTERVAL '{}': write INTERVAL '5' SECOND or INTERVAL '5 s'",
                           count));
    }
    if (negative) ms = -ms;
  }
  return Value::interval(negate ? -ms : ms);
}

// TIME '10:20:30.1' is TIME(1), as in Flink: the precision is the number of fraction digits
// written, at most 3 (finer digits are dropped, as TIMESTAMP literals drop them).
int time_literal_precision(std::string_view body) {
  const size_t dot = body.find('.');
  if (dot == std::string_view::npos) return 0;
  int digits = 0;
  for (size_t i = dot + 1; i < body.size() && std::isdigit(static_cast<unsigned char>(body[i]));
       ++i) {
    ++digits;
  }
  return std::min(digits, 3);
}

}  // namespace

ast::ExprPtr AstBuilder::literal(EddyParser::PrimaryExpressionContext* ctx) {
  Value value;
  if (dynamic_cast<EddyParser::NullLiteralContext*>(ctx) != nullptr) {
    value = Value();
  } else if (auto* b = dynamic_cast<EddyParser::BooleanLiteralContext*>(ctx)) {
    value = Value::boolean(b->TRUE() != nullptr);
  } else if (auto* i = dynamic_cast<EddyParser::IntegerLiteralContext*>(ctx)) {
    value = integer_value(i->getStart());
  } else if (auto* d = dynamic_cast<EddyParser::DecimalLiteralContext*>(ctx)) {
    value = decimal_value(d->getStart());
  } else if (auto* d = dynamic_cast<EddyParser::DoubleLiteralContext*>(ctx)) {
    value = double_value(d->getStart());
  } else if (auto* s = dynamic_cast<EddyParser::StringLiteralContext*>(ctx)) {
    value = Value::string(string_value(s->getStart()));
  } else if (auto* t = dynamic_cast<EddyParser::TimestampLiteralContext*>(ctx)) {
    std::string body = string_value(t->STRING()->getSymbol());
    Timestamp ms = 0;
    if (!parse_timestamp(body, ms)) {
      fail(pos(ctx), fmt::format("invalid TIMESTAMP literal '{}': expected "
                                 "'YYYY-MM-DD HH:MM:SS[.fff]'",
                                 body));
    }
    value = Value::timestamp(ms);
  } else if (auto* d = dynamic_cast<EddyParser::DateLiteralContext*>(ctx)) {
    std::string body = string_value(d->STRING()->getSymbol());
    int64_t days = 0;
    if (!parse_date(body, days)) {
      fail(pos(ctx), fmt::format("invalid DATE literal '{}': expected 'YYYY-MM-DD'", body));
    }
    value = Value::date(days);
  } else if (auto* t = dynamic_cast<EddyParser::TimeLiteralContext*>(ctx)) {
    std::string body = string_value(t->STRING()->getSymbol());
    int64_t ms = 0;
    if (!parse_time(body, ms)) {
      fail(pos(ctx), fmt::format("invalid TIME literal '{}': expected 'HH:MM:SS[.fff]'", body));
    }
    value = Value::time(ms, time_literal_precision(body));
  } else if (auto* i = dynamic_cast<EddyParser::IntervalLiteralContext*>(ctx)) {
    return interval_literal(i->intervalValue());
  } else {
    return nullptr;
  }
  return with_source(std::make_unique<ast::Literal>(std::move(value), ast::Pos{}), *this, ctx);
}

ast::ExprPtr AstBuilder::interval_literal(EddyParser::IntervalValueContext* ctx) {
  return with_source(std::make_unique<ast::Literal>(interval_value(ctx), ast::Pos{}), *this, ctx);
}

}  // namespace eddy::parser_internal
