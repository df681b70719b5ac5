// SHOW CREATE STREAM | TABLE | VIEW: one row holding a statement that recreates the stream or
// view as it was defined (columns with their types and NOT NULL, computed columns, the
// WATERMARK, the PRIMARY KEY, every WITH option in the order given), so that running it in a fresh
// engine gives the same definition. Names are quoted with backticks, option keys and values as SQL
// strings.
#include <fmt/format.h>

#include "planner/binder.h"
#include "planner/sql_text.h"
#include "planner/statements.h"
#include "runtime/suggest.h"

namespace eddy {

namespace {

std::string idle_interval(int64_t ms) {
  return ms % 1000 == 0 ? fmt::format("INTERVAL '{}' SECOND", ms / 1000)
                        : fmt::format("INTERVAL '{}' MILLISECOND", ms);
}

}  // namespace

std::string create_stream_text(const StreamDef& stream) {
  std::string out = fmt::format("CREATE {} {} (\n", stream.is_table ? "TABLE" : "STREAM",
                                quote_name(stream.name));
  std::vector<std::string> elements;
  for (size_t i = 0; i < stream.schema.size(); ++i)
    elements.push_back(quote_name(stream.schema[i].name) + " " + stream.column_texts[i]);
  if (stream.watermark) {
    std::string clause =
        fmt::format("WATERMARK FOR {} AS {}", quote_name(stream.schema[stream.schema.rowtime].name),
                    stream.watermark_expr);
    if (stream.idle_advance_ms > 0)
      clause += " ADVANCE AFTER " + idle_interval(stream.idle_advance_ms) + " IDLE";
    elements.push_back(std::move(clause));
  }
  if (!stream.primary_key.empty()) {
    std::string clause;
    if (!stream.primary_key_constraint.empty())
      clause = "CONSTRAINT " + quote_name(stream.primary_key_constraint) + " ";
    clause += "PRIMARY KEY (";
    for (size_t i = 0; i < stream.primary_key.size(); ++i)
      clause += (i ? ", " : "") + quote_name(stream.schema[stream.primary_key[i]].name);
    elements.push_back(clause + ") NOT ENFORCED");
  }
  for (size_t i = 0; i < elements.size(); ++i)
    out += "  " + elements[i] + (i + 1 < elements.size() ? ",\n" : "\n");
  out += ")";
  if (!stream.options.empty()) {
    out += " WITH (\n";
    for (size_t i = 0; i < stream.options.size(); ++i) {
      const auto& [key, value] = stream.options[i];
      out += fmt::format("  {} = {}{}\n", quote_string(key), quote_string(value),
                         i + 1 < stream.options.size() ? "," : "");
    }
    out += ")";
  }
  return out;
}

Result<StatementResult> execute_show_create(const ast::ShowCreate& statement,
                                            const Catalog& catalog) {
  const bool view = statement.what == ast::ShowCreate::What::View;
  std::string text;
  if (view) {
    auto def = catalog.find_view(statement.name.text);
    if (!def) {
      if (catalog.find_stream(statement.name.text))
        return bind_error(
            statement.name.pos,
            fmt::format("'{}' is a stream; use SHOW CREATE STREAM", statement.name.text));
      return bind_error(statement.name.pos,
                        fmt::format("unknown view '{}'{}", statement.name.text,
                                    did_you_mean(statement.name.text, catalog.relation_names())));
    }
    text = fmt::format("CREATE VIEW {} AS\n{}", quote_name(def->name), def->query->text);
  } else {
    auto def = catalog.find_stream(statement.name.text);
    if (!def) {
      if (catalog.find_view(statement.name.text))
        return bind_error(statement.name.pos,
                          fmt::format("'{}' is a view; use SHOW CREATE VIEW", statement.name.text));
      return bind_error(statement.name.pos,
                        fmt::format("unknown stream '{}'{}", statement.name.text,
                                    did_you_mean(statement.name.text, catalog.relation_names())));
    }
    text = create_stream_text(*def);
  }
  auto table = std::make_unique<Table>();
  table->schema.fields.push_back(Field{"statement", Type::string(), false});
  table->rows.push_back({Value::string(text)});
  return StatementResult{"", std::move(table)};
}

}  // namespace eddy
