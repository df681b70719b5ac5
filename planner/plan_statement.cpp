// SELECT, INSERT INTO and EXPLAIN: bind, then plan physically.
#include <algorithm>

#include <fmt/format.h>

#include "connectors/connector.h"
#include "planner/binder.h"
#include "planner/statements.h"
#include "runtime/suggest.h"

namespace eddy {

Result<std::unique_ptr<QueryRuntime>> plan_statement(const ast::Statement& statement,
                                                     const Catalog& catalog,
                                                     const PhysicalOptions& options) {
  if (statement.kind == ast::StatementKind::Query) {
    auto plan = bind_query(*statement.as<ast::QueryStatement>().query, catalog);
    if (!plan) return plan.error();
    return plan_physical(std::move(plan.value()), nullptr, options);
  }
  if (statement.kind == ast::StatementKind::Insert) {
    const auto& insert = statement.as<ast::Insert>();
    auto sink = catalog.find_stream(insert.target.text);
    if (!sink && catalog.find_view(insert.target.text))
      return bind_error(insert.target.pos, fmt::format("'{}' is a view; INSERT INTO needs a stream",
                                                       insert.target.text));
    if (!sink) {
      std::vector<std::string> names;
      for (const StreamDef* stream : catalog.streams()) names.push_back(stream->name);
      return bind_error(insert.target.pos, fmt::format("unknown stream '{}'{}", insert.target.text,
                                                       did_you_mean(insert.target.text, names)));
    }
    std::vector<std::string> relations;
    auto plan = bind_query(*insert.query, catalog, &relations);
    if (!plan) return plan.error();
    // Writing a file that the query reads would truncate its own input.
    auto path = [](const StreamDef& s) {
      auto it = s.connector_options.find("path");
      return it == s.connector_options.end() ? std::string() : it->second;
    };
    for (const auto& name : relations) {
      auto source = catalog.find_stream(name);
      if (!source) continue;
      if (source == sink || (!path(*sink).empty() && path(*source) == path(*sink)))
        return bind_error(insert.target.pos,
                          fmt::format("INSERT INTO {} would overwrite its own input '{}'",
                                      sink->name, source->name));
    }
    if (plan.value()->updating) {
      ConnectorContext context;
      context.stream = sink->name;
      context.schema = sink->physical;
      context.options = sink->connector_options;
      context.metadata = sink->metadata;
      for (int column : sink->primary_key)
        context.primary_key.push_back(sink->physical.find(sink->schema[column].name));
      const auto connector = sink->connector_options.find("connector");
      const bool kafka =
          connector != sink->connector_options.end() && iequals(connector->second, "kafka");
      if (!sink_takes_changelog(context))
        return bind_error(insert.target.pos,
                          fmt::format("INSERT INTO {}: the query's result is updating (-U/+U "
                                      "rows) but the sink takes inserts only; {}",
                                      sink->name,
                                      kafka ? "use 'connector' = 'upsert-kafka' (with a PRIMARY "
                                              "KEY) or 'format' = 'debezium-json'"
                                            : "set 'sink.changelog-mode' = 'all' on the stream"));
    }
    auto runtime = plan_physical(std::move(plan.value()), sink, options);
    if (!runtime) {
      Error error = runtime.error();
      if (error.line == 0) error.line = insert.pos.line, error.column = insert.pos.column;
      return error;
    }
    return runtime;
  }
  return bind_error(statement.pos, "not a query");
}

Result<std::string> streams_text(const ast::Statement& statement, const Catalog& catalog) {
  std::vector<std::string> relations;
  std::string out;
  const ast::QueryExpr* query = nullptr;
  if (statement.kind == ast::StatementKind::Query) {
    query = statement.as<ast::QueryStatement>().query.get();
  } else if (statement.kind == ast::StatementKind::Insert) {
    const auto& insert = statement.as<ast::Insert>();
    query = insert.query.get();
    if (auto sink = catalog.find_stream(insert.target.text)) out += create_stream_text(*sink);
  }
  if (!query) return out;
  auto plan = bind_query(*query, catalog, &relations);
  if (!plan) return plan.error();
  std::sort(relations.begin(), relations.end());
  relations.erase(std::unique(relations.begin(), relations.end()), relations.end());
  for (const auto& name : relations)
    if (auto stream = catalog.find_stream(name)) out += create_stream_text(*stream);
  return out;
}

Result<StatementResult> execute_explain(const ast::Explain& statement, const Catalog& catalog,
                                        const PhysicalOptions& options) {
  PhysicalOptions explain_options = options;
  explain_options.open_connectors = false;
  auto runtime = plan_statement(*statement.inner, catalog, explain_options);
  if (!runtime) return runtime.error();
  return explain_result(runtime.value()->plan_text());
}

StatementResult explain_result(const std::string& text) {
  auto table = std::make_unique<Table>();
  table->schema.fields.push_back(Field{"plan", Type::string(), false});
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    table->rows.push_back({Value::string(text.substr(start, end - start))});
    start = end + 1;
  }
  return StatementResult{"", std::move(table)};
}

}  // namespace eddy
