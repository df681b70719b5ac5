// CREATE STREAM / CREATE TABLE: columns, the WATERMARK (rowtime) and the WITH options, checked
// here so that a query over the stream cannot fail on its definition later.
#include <fmt/format.h>

#include "connectors/connector.h"
#include "connectors/embedded_stream.h"
#include "planner/binder.h"
#include "planner/statements.h"
#include "runtime/suggest.h"

namespace eddy {

namespace {

// WATERMARK FOR ts AS SOURCE_WATERMARK(): no watermark from the rows (every row's candidate is
// NULL), so the source's own watermark (an embedded stream's, from code) is the stream's.
class SourceWatermark final : public BoundExpr {
 public:
  SourceWatermark() : BoundExpr(Type::timestamp(), true) {}
  void eval(const Batch& input, Column& out) const override {
    out = Column(type());
    out.resize(input.size());
    for (size_t row = 0; row < input.size(); ++row) out.set_null(row);
  }
  std::string to_string() const override { return "SOURCE_WATERMARK()"; }
};

// Options that belong to the stream itself rather than to its connector.
Status apply_stream_option(const ast::Option& option, const std::string& key, StreamDef& stream,
                           const Catalog& catalog) {
  if (key == "late.sink") {
    auto sink = catalog.find_stream(option.value);
    if (!sink)
      return bind_error(option.pos, fmt::format("'late.sink': unknown stream '{}'", option.value));
    bool same = sink->schema.size() == stream.schema.size() && sink->columns.empty();
    for (size_t i = 0; same && i < sink->schema.size(); ++i)
      same = sink->schema[i].type == stream.schema[i].type;
    if (!same)
      return bind_error(option.pos, fmt::format("'late.sink' stream '{}' must have the same column "
                                                "types as '{}' (and no computed columns)",
                                                option.value, stream.name));
    if (stream.watermark == nullptr)
      return bind_error(option.pos,
                        "'late.sink' needs a WATERMARK (only event time has late rows)");
    stream.late_sink = sink;
    stream.late_policy = LatePolicy::Route;
    return {};
  }
  if (key == "source.idle-timeout") {
    if (!parse_duration(option.value, stream.idle_timeout_ms) || stream.idle_timeout_ms <= 0)
      return bind_error(option.pos, fmt::format("'source.idle-timeout' must be a positive duration "
                                                "such as '5 s', not '{}'",
                                                option.value));
    return {};
  }
  if (key == "late.policy") {
    if (iequals(option.value, "drop")) {
      stream.late_policy = LatePolicy::Drop;
    } else if (iequals(option.value, "error")) {
      stream.late_policy = LatePolicy::Error;
    } else {
      return bind_error(option.pos, fmt::format("'late.policy' must be 'drop' or 'error', not '{}'",
                                                option.value));
    }
  }
  return {};
}

// PRIMARY KEY: known, physical, distinct columns, which become NOT NULL (Flink's rules).
Status bind_primary_key(const ast::PrimaryKeyDef& key, const ast::CreateStream& statement,
                        StreamDef& stream) {
  std::vector<std::string> names;
  for (const auto& field : stream.schema.fields) names.push_back(field.name);
  for (const auto& column : key.columns) {
    const int index = stream.schema.find(column.text);
    if (index < 0)
      return bind_error(column.pos, fmt::format("PRIMARY KEY: unknown column '{}'{}", column.text,
                                                did_you_mean(column.text, names)));
    if (statement.columns[index].computed)
      return bind_error(column.pos, fmt::format("PRIMARY KEY: '{}' is a computed column; a key "
                                                "must be made of physical columns",
                                                column.text));
    for (int other : stream.primary_key)
      if (other == index)
        return bind_error(column.pos,
                          fmt::format("PRIMARY KEY: column '{}' is named twice", column.text));
    stream.primary_key.push_back(index);
    stream.schema.fields[index].nullable = false;
    if (int physical = stream.physical.find(column.text); physical >= 0)
      stream.physical.fields[physical].nullable = false;
  }
  if (key.constraint) stream.primary_key_constraint = key.constraint->text;
  return {};
}

bool is_stream_option(const std::string& key) {
  return key == "late.policy" || key == "late.sink" || key == "source.idle-timeout";
}

}  // namespace

Result<StatementResult> execute_create_stream(const ast::CreateStream& statement, Catalog& catalog,
                                              const std::string& base_directory) {
  // Computed columns and WATERMARK expressions may call the engine's registered functions.
  FunctionsInScope functions(catalog.functions());
  const char* noun = statement.is_table ? "Table" : "Stream";
  if (catalog.find_stream(statement.name.text) || catalog.find_view(statement.name.text)) {
    if (statement.if_not_exists) return StatementResult{};
    return bind_error(statement.name.pos, fmt::format("'{}' already exists", statement.name.text));
  }
  auto stream = std::make_shared<StreamDef>();
  stream->name = statement.name.text;
  stream->is_table = statement.is_table;
  // Column lookups by name are linear (schemas are small); a bound keeps binding fast.
  constexpr size_t kMaxColumns = 4096;
  if (statement.columns.size() > kMaxColumns) {
    return bind_error(statement.columns[kMaxColumns].name.pos,
                      fmt::format("too many columns ({}; the limit is {} per stream)",
                                  statement.columns.size(), kMaxColumns));
  }
  stream->base_directory = base_directory;
  bool computed = false;
  for (const auto& column : statement.columns) {
    if (stream->schema.find(column.name.text) >= 0)
      return bind_error(column.name.pos,
                        fmt::format("column '{}' is defined twice", column.name.text));
    if (column.computed) {
      computed = true;
      stream->schema.fields.push_back(Field{column.name.text, Type::null(), true});
      continue;
    }
    if (column.type.id == TypeId::Null || column.type.id == TypeId::Interval ||
        column.type.id == TypeId::IntervalMonths)
      return bind_error(column.name.pos, fmt::format("column '{}' cannot have type {}",
                                                     column.name.text, column.type.to_string()));
    Field field{column.name.text, column.type, !column.not_null};
    stream->schema.fields.push_back(field);
    stream->physical.fields.push_back(field);
    stream->metadata.push_back(to_lower(column.metadata));
  }
  if (computed) {
    // Computed columns are expressions over the physical columns (as Flink's), evaluated as
    // each row is read, before the watermark.
    for (size_t i = 0; i < statement.columns.size(); ++i) {
      const auto& column = statement.columns[i];
      if (!column.computed) {
        int physical = stream->physical.find(column.name.text);
        stream->columns.push_back(make_column_ref(physical, stream->physical[physical]));
        continue;
      }
      auto expr = bind_stream_expr(*column.computed, stream->physical);
      if (!expr) return expr.error();
      TypeId id = expr.value()->type().id;
      if (id == TypeId::Null || id == TypeId::Interval || id == TypeId::IntervalMonths)
        return bind_error(column.name.pos,
                          fmt::format("computed column '{}' cannot have type {}", column.name.text,
                                      expr.value()->type().to_string()));
      if (column.computed->kind == ast::ExprKind::Call &&
          column.computed->as<ast::Call>().name == "PROCTIME" && stream->schema.proctime < 0)
        stream->schema.proctime = int(i);  // a processing-time attribute, for windows
      stream->schema.fields[i].type = expr.value()->type();
      stream->schema.fields[i].nullable = expr.value()->nullable();
      stream->columns.push_back(std::move(expr.value()));
    }
  }

  std::optional<ast::Pos> source_watermark_at;
  if (statement.watermark) {
    const auto& watermark = *statement.watermark;
    int rowtime = stream->schema.find(watermark.column.text);
    if (rowtime < 0)
      return bind_error(watermark.column.pos,
                        fmt::format("WATERMARK FOR unknown column '{}'", watermark.column.text));
    if (stream->schema[rowtime].type.id != TypeId::Timestamp)
      return bind_error(
          watermark.column.pos,
          fmt::format("WATERMARK FOR needs a TIMESTAMP(3) column; '{}' is {}",
                      watermark.column.text, stream->schema[rowtime].type.to_string()));
    // WATERMARK FOR ts AS SOURCE_WATERMARK(): the watermark comes from the source only (Flink's
    // spelling; an embedded stream's Input::watermark): the expression gives none.
    const bool source_watermark = watermark.expr->kind == ast::ExprKind::Call &&
                                  watermark.expr->as<ast::Call>().name == "SOURCE_WATERMARK" &&
                                  watermark.expr->as<ast::Call>().args.empty();
    auto expr = source_watermark ? Result<ExprPtr>(std::make_unique<SourceWatermark>())
                                 : bind_stream_expr(*watermark.expr, stream->schema);
    if (!expr) return expr.error();
    if (source_watermark) source_watermark_at = watermark.expr->pos;
    if (expr.value()->type().id != TypeId::Timestamp)
      return bind_error(watermark.expr->pos,
                        fmt::format("the WATERMARK expression must be a TIMESTAMP, not {}",
                                    expr.value()->type().to_string()));
    stream->schema.rowtime = rowtime;
    stream->watermark = std::move(expr.value());
    stream->watermark_text = watermark.expr->text;
    stream->watermark_expr = watermark.expr->text;
    if (watermark.idle_advance_ms) {
      stream->idle_advance_ms = *watermark.idle_advance_ms;
      stream->watermark_text +=
          " ADVANCE AFTER " + format_interval(stream->idle_advance_ms) + " IDLE";
    }
  }

  if (statement.primary_key) {
    if (auto status = bind_primary_key(*statement.primary_key, statement, *stream); !status)
      return status.error();
  }

  if (!computed) {
    stream->physical = stream->schema;
  } else if (stream->schema.rowtime >= 0) {
    // A physical rowtime also orders this source against others (DESIGN.md §2).
    stream->physical.rowtime = stream->physical.find(stream->schema[stream->schema.rowtime].name);
  }

  for (const auto& option : statement.options) {
    std::string key = to_lower(option.key);
    if (is_stream_option(key)) {
      if (auto status = apply_stream_option(option, key, *stream, catalog); !status)
        return status.error();
      continue;
    }
    if (stream->connector_options.count(key))
      return bind_error(option.pos, fmt::format("option '{}' is given twice", option.key));
    stream->connector_options[key] = option.value;
  }
  if (source_watermark_at && !embedded_source(stream->connector_options))
    return bind_error(*source_watermark_at,
                      "SOURCE_WATERMARK() needs a source that carries watermarks: 'connector' = "
                      "'embedded'");
  // A stream is read by queries or written by INSERT; its connector must support one of them.
  ConnectorContext context;
  context.stream = stream->name;
  context.schema = stream->physical;
  context.options = stream->connector_options;
  context.metadata = stream->metadata;
  for (int column : stream->primary_key)
    context.primary_key.push_back(stream->physical.find(stream->schema[column].name));
  for (const auto& option : statement.options)
    context.option_positions[to_lower(option.key)] = {option.pos.line, option.pos.column};
  Status as_source = validate_connector(context, false);
  if (!as_source && !validate_connector(context, true)) {
    Error error = as_source.error();
    if (error.line == 0) error.line = statement.pos.line, error.column = statement.pos.column;
    return error;
  }
  stream->changelog = as_source && source_is_changelog(context);
  if (embedded_source(stream->connector_options))
    stream->embedded = std::make_shared<EmbeddedStream>(stream->name, stream->physical,
                                                        stream->schema.rowtime >= 0);
  for (size_t i = 0; i < statement.columns.size(); ++i) {
    const auto& column = statement.columns[i];
    if (column.computed) {
      stream->column_texts.push_back("AS " + column.computed->text);
    } else if (!column.metadata.empty()) {
      stream->column_texts.push_back(fmt::format("{} METADATA FROM '{}'{}", column.type.to_string(),
                                                 column.metadata,
                                                 column.is_virtual ? " VIRTUAL" : ""));
    } else {
      // A key column is NOT NULL whether or not it says so.
      stream->column_texts.push_back(column.type.to_string() +
                                     (stream->schema[i].nullable ? "" : " NOT NULL"));
    }
  }
  for (const auto& option : statement.options)
    stream->options.emplace_back(option.key, option.value);

  if (auto status = catalog.add_stream(stream); !status) return status.error();
  return StatementResult{fmt::format("{} '{}' created.", noun, stream->name), nullptr};
}

}  // namespace eddy
