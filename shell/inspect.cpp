#include "inspect.h"

namespace eddy::shell {

namespace {

// The table with a first column `table` holding its name, for csv and jsonl.
Table with_name_column(const NamedTable& named) {
  Table table;
  table.schema.fields.push_back(Field{"table", Type::string(), false});
  for (const Field& field : named.table.schema.fields) table.schema.fields.push_back(field);
  for (const auto& row : named.table.rows) {
    std::vector<Value> values{Value::string(named.name)};
    values.insert(values.end(), row.begin(), row.end());
    table.rows.push_back(std::move(values));
  }
  return table;
}

}  // namespace

void render_inspect(const std::vector<NamedTable>& tables, Mode mode, std::FILE* out) {
  const bool for_scripts = mode == Mode::Csv || mode == Mode::Jsonl;
  for (size_t i = 0; i < tables.size(); ++i) {
    std::unique_ptr<Renderer> renderer = make_renderer(mode, out);
    if (for_scripts) {
      if (i > 0 && mode == Mode::Csv) std::fputs("\n", out);
      render_table(*renderer, with_name_column(tables[i]));
    } else {
      std::fprintf(out, "%s%s\n", i > 0 ? "\n" : "", tables[i].name.c_str());
      render_table(*renderer, tables[i].table);
    }
  }
  std::fflush(out);
}

int run_inspect(const InspectOptions& options, Mode mode) {
  auto tables = inspect_checkpoints(options);
  if (!tables) {
    std::fflush(stdout);
    std::fprintf(stderr, "error: %s\n", tables.error().message.c_str());
    return 1;
  }
  render_inspect(tables.value(), mode, stdout);
  return 0;
}

}  // namespace eddy::shell
