// SQL type names -> eddy::Type. The grammar reads a type as a name with optional parameters; the
// spelling is checked here so that errors can name the type ("unknown type 'INTT'").
#include <charconv>
#include <vector>

#include <fmt/format.h>

#include "parser/ast_builder.h"
#include "parser/syntax_error.h"

namespace eddy::parser_internal {
namespace {

constexpr int kMaxDecimalPrecision = 18;  // DECIMAL values are int64 (see eddy/types.h)

struct TypeParam {
  int value;
  ast::Pos pos;
};

const std::vector<std::string>& type_names() {
  static const std::vector<std::string> names = {
      "BOOLEAN", "BOOL",  "TINYINT",   "SMALLINT",  "INT",  "INTEGER", "BIGINT",
      "DOUBLE",  "FLOAT", "REAL",      "DECIMAL",   "DEC",  "NUMERIC", "STRING",
      "VARCHAR", "CHAR",  "CHARACTER", "TIMESTAMP", "DATE", "TIME"};
  return names;
}

}  // namespace

Type AstBuilder::data_type(EddyParser::DataTypeContext* ctx) {
  ast::Name type_name = name(ctx->name);
  const std::string spelled = ascii_upper(type_name.text);
  std::vector<TypeParam> params;
  for (auto* number : ctx->INTEGER_VALUE()) {
    const std::string digits = number->getText();
    int v = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc()) v = std::numeric_limits<int>::max();  // range-checked below
    params.push_back({v, pos(number)});
  }
  auto no_params = [&] {
    if (!params.empty()) fail(params[0].pos, fmt::format("type {} takes no parameters", spelled));
  };
  if (ctx->PRECISION() != nullptr && spelled != "DOUBLE") {
    fail(pos(ctx->PRECISION()), "PRECISION only follows DOUBLE (DOUBLE PRECISION)");
  }

  if (spelled == "BOOLEAN" || spelled == "BOOL") {
    no_params();
    return Type::boolean();
  }
  if (spelled == "TINYINT" || spelled == "SMALLINT" || spelled == "INT" || spelled == "INTEGER") {
    no_params();
    return Type::int32();
  }
  if (spelled == "BIGINT") {
    no_params();
    return Type::int64();
  }
  if (spelled == "DOUBLE" || spelled == "FLOAT" || spelled == "REAL") {
    no_params();
    return Type::float64();
  }
  if (spelled == "DECIMAL" || spelled == "DEC" || spelled == "NUMERIC") {
    if (params.empty()) return Type::decimal(10, 0);
    const TypeParam& precision = params[0];
    if (precision.value < 1 || precision.value > kMaxDecimalPrecision) {
      fail(precision.pos,
           fmt::format("DECIMAL precision must be between 1 and {}", kMaxDecimalPrecision));
    }
    int scale = 0;
    if (params.size() > 1) {
      scale = params[1].value;
      if (scale > precision.value) {
        fail(params[1].pos, fmt::format("DECIMAL scale must be between 0 and the precision ({})",
                                        precision.value));
      }
    }
    return Type::decimal(precision.value, scale);
  }
  if (spelled == "STRING") {
    no_params();
    return Type::string();
  }
  if (spelled == "VARCHAR" || spelled == "CHAR" || spelled == "CHARACTER") {
    // The length is accepted for compatibility and not enforced: eddy strings are unbounded.
    if (params.size() > 1) fail(params[1].pos, fmt::format("type {} takes one length", spelled));
    if (!params.empty() && params[0].value < 1) {
      fail(params[0].pos, fmt::format("{} length must be at least 1", spelled));
    }
    return Type::string();
  }
  if (spelled == "TIMESTAMP") {
    if (params.size() > 1) fail(params[1].pos, "TIMESTAMP takes one precision");
    if (!params.empty() && params[0].value != 3) {
      fail(params[0].pos,
           "TIMESTAMP precision must be 3: eddy timestamps are milliseconds (TIMESTAMP(3))");
    }
    return Type::timestamp();
  }
  if (spelled == "DATE") {
    no_params();
    return Type::date();
  }
  if (spelled == "TIME") {
    // TIME is TIME(0), as in Flink; values are milliseconds, so at most TIME(3).
    if (params.size() > 1) fail(params[1].pos, "TIME takes one precision");
    if (!params.empty() && (params[0].value < 0 || params[0].value > 3)) {
      fail(params[0].pos, "TIME precision must be between 0 and 3 (eddy times are milliseconds)");
    }
    return Type::time(params.empty() ? 0 : params[0].value);
  }
  std::string message = fmt::format("unknown type '{}'", type_name.text);
  std::string guess = closest_word(spelled, type_names());
  if (!guess.empty()) message += fmt::format("; did you mean {}?", guess);
  fail(type_name.pos, message);
}

}  // namespace eddy::parser_internal
