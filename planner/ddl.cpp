// CREATE VIEW, DROP, SHOW, DESCRIBE, SET and RESET.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "planner/binder.h"
#include "planner/function_list.h"
#include "planner/statements.h"
#include "runtime/suggest.h"

namespace eddy {

namespace {

std::unique_ptr<Table> make_table(std::initializer_list<const char*> columns) {
  auto table = std::make_unique<Table>();
  for (const char* name : columns)
    table->schema.fields.push_back(Field{name, Type::string(), true});
  return table;
}

Value text(const std::string& s) { return Value::string(s); }
Value text_or_null(const std::string& s) {
  return s.empty() ? Value::null(Type::string()) : text(s);
}

Error unknown_relation(const ast::Name& name, const Catalog& catalog) {
  return bind_error(name.pos, fmt::format("unknown stream or view '{}'{}", name.text,
                                          did_you_mean(name.text, catalog.relation_names())));
}

}  // namespace

Result<StatementResult> execute_create_view(const ast::CreateView& statement, Catalog& catalog) {
  if (catalog.find_view(statement.name.text) && statement.if_not_exists) return StatementResult{};
  // Binding now checks every name and type; the view keeps its AST and expands at each use.
  std::vector<std::string> relations;
  auto plan = bind_query(*statement.query, catalog, &relations);
  if (!plan) return plan.error();
  if (std::find(relations.begin(), relations.end(), to_lower(statement.name.text)) !=
      relations.end())
    return bind_error(statement.name.pos,
                      fmt::format("view '{}' cannot refer to itself", statement.name.text));
  auto view = std::make_shared<ViewDef>();
  view->name = statement.name.text;
  view->query = statement.query;
  view->schema = plan.value()->schema;
  if (auto status = catalog.add_view(view, statement.or_replace); !status) {
    Error error = status.error();
    error.line = statement.name.pos.line, error.column = statement.name.pos.column;
    return error;
  }
  return StatementResult{fmt::format("View '{}' created.", view->name), nullptr};
}

Result<StatementResult> execute_drop(const ast::Drop& statement, Catalog& catalog) {
  bool view = statement.what == ast::Drop::What::View;
  bool dropped =
      view ? catalog.drop_view(statement.name.text) : catalog.drop_stream(statement.name.text);
  if (!dropped) {
    if (statement.if_exists) return StatementResult{};
    bool other = view ? catalog.find_stream(statement.name.text) != nullptr
                      : catalog.find_view(statement.name.text) != nullptr;
    if (other)
      return bind_error(statement.name.pos,
                        fmt::format("'{}' is a {}; use DROP {}", statement.name.text,
                                    view ? "stream" : "view", view ? "STREAM" : "VIEW"));
    return bind_error(
        statement.name.pos,
        fmt::format("unknown {} '{}'{}", view ? "view" : "stream", statement.name.text,
                    did_you_mean(statement.name.text, catalog.relation_names())));
  }
  return StatementResult{
      fmt::format("{} '{}' dropped.", view ? "View" : "Stream", statement.name.text), nullptr};
}

namespace {

// SHOW QUERIES' view of the keyed operators that run as several instances ('parallelism'):
// the most instances any of them has (1: the query runs once), the worst skew (the busiest
// instance's rows in over the mean, to two places) and per operator its instances' figures.
uint64_t query_parallelism(const QueryStats& stats) {
  size_t most = 1;
  for (const auto& op : stats.parallel_operators) most = std::max(most, op.instances.size());
  return most;
}

double query_skew(const QueryStats& stats) {
  double worst = 1;
  for (const auto& op : stats.parallel_operators) worst = std::max(worst, op.skew());
  return std::round(worst * 100) / 100;
}

// "GroupAggregate: rows in 21/19, keys 5/4, state bytes 1200/960", operators joined by "; ".
std::string instances_text(const QueryStats& stats) {
  std::string out;
  for (const auto& op : stats.parallel_operators) {
    auto figures = [&](uint64_t InstanceStats::*field) {
      std::string list;
      for (const auto& instance : op.instances)
        list += (list.empty() ? "" : "/") + std::to_string(instance.*field);
      return list;
    };
    out += fmt::format("{}{}: rows in {}, keys {}, state bytes {}", out.empty() ? "" : "; ",
                       op.name, figures(&InstanceStats::rows_in), figures(&InstanceStats::keys),
                       figures(&InstanceStats::state_bytes));
  }
  return out;
}

}  // namespace

Result<StatementResult> execute_show(const ast::Show& statement, const Catalog& catalog) {
  std::unique_ptr<Table> table;
  switch (statement.what) {
    case ast::Show::What::Streams:
      table = make_table({"name", "connector", "rowtime"});
      for (const StreamDef* stream : catalog.streams()) {
        auto connector = stream->connector_options.find("connector");
        int rowtime = stream->schema.rowtime;
        table->rows.push_back(
            {text(stream->name),
             text_or_null(connector == stream->connector_options.end() ? "" : connector->second),
             text_or_null(rowtime >= 0 ? stream->schema[rowtime].name : "")});
      }
      break;
    case ast::Show::What::Views:
      table = make_table({"name"});
      for (const ViewDef* view : catalog.views()) table->rows.push_back({text(view->name)});
      break;
    case ast::Show::What::Functions:
      // Built-in and registered functions, aggregates and table functions, with their usage.
      table = make_table({"name", "kind", "usage"});
      for (const FunctionListing& fn : list_functions(catalog))
        table->rows.push_back({text(fn.name), text(fn.kind), text(fn.usage)});
      break;
    case ast::Show::What::Queries:
      table = make_table({"id", "status", "rows_in", "rows_out", "late_rows", "keys", "state_bytes",
                          "timers", "watermark", "statement", "parallelism", "skew", "instances"});
      for (const auto& record : catalog.queries()) {
        std::lock_guard<std::mutex> lock(record->mutex);
        const QueryStats& st = record->stats;
        auto number = [](uint64_t n) { return Value::integer(int64_t(n)); };
        table->rows.push_back(
            {number(record->id), text(record->status), number(st.rows_in), number(st.rows_out),
             number(st.late_rows), number(st.keys), number(st.state_bytes), number(st.timers),
             st.watermark == kMinTimestamp   ? Value::null(Type::string())
             : st.watermark == kMaxTimestamp ? text("end of input")
                                             : text(format_timestamp(st.watermark)),
             text(record->text), number(query_parallelism(st)),
             st.parallel_operators.empty() ? Value::null(Type::float64())
                                           : Value::float64(query_skew(st)),
             text_or_null(instances_text(st))});
      }
      for (const char* numeric : {"id", "rows_in", "rows_out", "late_rows", "keys", "state_bytes",
                                  "timers", "parallelism"})
        table->schema.fields[table->schema.find(numeric)].type = Type::int64();
      table->schema.fields[table->schema.find("skew")].type = Type::float64();
      break;
    case ast::Show::What::Settings:
      table = make_table({"key", "value", "description"});
      for (const auto& def : setting_defs())
        table->rows.push_back(
            {text(def.key), text(catalog.setting(def.key)), text(def.description)});
      break;
  }
  return StatementResult{"", std::move(table)};
}

Result<StatementResult> execute_describe(const ast::Describe& statement, const Catalog& catalog) {
  auto table = make_table({"name", "type", "null", "watermark"});
  const Schema* schema = nullptr;
  std::string watermark;
  if (auto stream = catalog.find_stream(statement.name.text)) {
    schema = &stream->schema;
    watermark = stream->watermark_text;
  } else if (auto view = catalog.find_view(statement.name.text)) {
    schema = &view->schema;
  } else {
    return unknown_relation(statement.name, catalog);
  }
  for (size_t i = 0; i < schema->size(); ++i) {
    const Field& field = (*schema)[i];
    const bool rowtime = schema->is_rowtime(static_cast<int>(i));
    const bool proctime = static_cast<int>(i) == schema->proctime;
    std::string type = field.type.to_string() + (rowtime    ? " *ROWTIME*"
                                                 : proctime ? " *PROCTIME*"
                                                            : "");
    table->rows.push_back({text(field.name), text(type), text(field.nullable ? "YES" : "NO"),
                           text_or_null(rowtime ? watermark : "")});
  }
  return StatementResult{"", std::move(table)};
}

Result<StatementResult> execute_set(const ast::Set& statement, Catalog& catalog) {
  if (!statement.key) {
    ast::Show show(statement.pos);
    show.what = ast::Show::What::Settings;
    return execute_show(show, catalog);
  }
  if (auto status = catalog.set(*statement.key, statement.value.value_or("")); !status) {
    Error error = status.error();
    error.line = statement.pos.line, error.column = statement.pos.column;
    return error;
  }
  return StatementResult{fmt::format("Set '{}' = '{}'.", *statement.key, *statement.value),
                         nullptr};
}

Result<StatementResult> execute_reset(const ast::Reset& statement, Catalog& catalog) {
  if (!statement.key) {
    catalog.reset_all();
    return StatementResult{"All settings reset.", nullptr};
  }
  if (auto status = catalog.reset(*statement.key); !status) {
    Error error = status.error();
    error.line = statement.pos.line, error.column = statement.pos.column;
    return error;
  }
  return StatementResult{fmt::format("Reset '{}'.", *statement.key), nullptr};
}

}  // namespace eddy
