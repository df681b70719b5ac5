// SHOW CREATE prints a statement that recreates the stream or view: run in a fresh engine, it
// defines the same thing, so SHOW CREATE there prints the same text again.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eddy/engine.h"

namespace eddy {
namespace {

std::string show_create(Engine& engine, const std::string& what, const std::string& name) {
  auto outcome = engine.execute("SHOW CREATE " + what + " " + name);
  EXPECT_TRUE(outcome.is_ok()) << (outcome ? "" : outcome.error().to_string());
  if (!outcome || !outcome.value().table) return "";
  const Table& table = *outcome.value().table;
  EXPECT_EQ(table.rows.size(), 1u);
  return table.rows.empty() ? "" : table.rows[0][0].string_value();
}

void execute_ok(Engine& engine, const std::string& sql) {
  auto outcome = engine.execute(sql);
  ASSERT_TRUE(outcome.is_ok()) << sql << "\n" << (outcome ? "" : outcome.error().to_string());
}

struct Definition {
  std::string what;  // STREAM, TABLE or VIEW
  std::string name;
  std::string ddl;
};

// The definitions, in an order in which each can be created (late.sink and views refer back).
const std::vector<Definition>& definitions() {
  static const std::vector<Definition> defs = {
      {"STREAM", "late_logins",
       "CREATE STREAM late_logins (uid STRING, status STRING, ts TIMESTAMP(3)) "
       "WITH ('connector' = 'blackhole')"},
      {"STREAM", "logins",
       "CREATE STREAM logins (uid STRING NOT NULL, status STRING, ts TIMESTAMP(3),\n"
       "  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND ADVANCE AFTER INTERVAL '30' SECOND IDLE)\n"
       "WITH ('connector' = 'file', 'path' = 'it''s.csv', 'format' = 'csv',\n"
       "  'csv.header' = 'true', 'late.sink' = 'late_logins', 'source.idle-timeout' = '5 s')"},
      {"TABLE", "Orders",
       "CREATE TABLE Orders (`id` BIGINT, `select` DECIMAL(10, 2), qty INT NOT NULL,\n"
       "  total AS `select` * qty, pt AS PROCTIME(), `odd``name` DOUBLE, ok BOOLEAN)\n"
       "WITH ('connector' = 'datagen', 'number-of-rows' = '5')"},
      {"STREAM", "cdc",
       "CREATE STREAM cdc (id INT, name STRING) WITH ('connector' = 'file', 'path' = "
       "'cdc.jsonl', 'format' = 'debezium-json', 'debezium-json.schema-include' = 'true')"},
      {"STREAM", "no_options", "CREATE STREAM no_options (a INT) WITH ('connector' = 'print')"},
      {"VIEW", "busy",
       "CREATE VIEW busy AS SELECT uid, COUNT(*) AS n\n  FROM logins WHERE status = 'fail'\n"
       "  GROUP BY uid"},
  };
  return defs;
}

TEST(ShowCreate, RoundTripsThroughAFreshEngine) {
  Engine first;
  for (const auto& def : definitions()) execute_ok(first, def.ddl);
  std::vector<std::string> printed;
  for (const auto& def : definitions()) printed.push_back(show_create(first, def.what, def.name));

  Engine second;
  for (const auto& text : printed) execute_ok(second, text);
  for (size_t i = 0; i < definitions().size(); ++i) {
    const auto& def = definitions()[i];
    EXPECT_EQ(show_create(second, def.what, def.name), printed[i]) << def.name;
  }
  // DESCRIBE agrees too: same columns, types, nullability and watermark.
  for (const auto& def : definitions()) {
    auto a = first.execute("DESCRIBE " + def.name);
    auto b = second.execute("DESCRIBE " + def.name);
    ASSERT_TRUE(a.is_ok() && b.is_ok());
    ASSERT_EQ(a.value().table->rows.size(), b.value().table->rows.size());
    for (size_t r = 0; r < a.value().table->rows.size(); ++r)
      for (size_t c = 0; c < a.value().table->rows[r].size(); ++c)
        EXPECT_EQ(a.value().table->rows[r][c].to_string(), b.value().table->rows[r][c].to_string())
            << def.name;
  }
}

TEST(ShowCreate, PrintsEveryPart) {
  Engine engine;
  for (const auto& def : definitions()) execute_ok(engine, def.ddl);
  EXPECT_EQ(show_create(engine, "STREAM", "logins"),
            "CREATE STREAM `logins` (\n"
            "  `uid` STRING NOT NULL,\n"
            "  `status` STRING,\n"
            "  `ts` TIMESTAMP(3),\n"
            "  WATERMARK FOR `ts` AS ts - INTERVAL '5' SECOND ADVANCE AFTER INTERVAL '30' SECOND "
            "IDLE\n"
            ") WITH (\n"
            "  'connector' = 'file',\n"
            "  'path' = 'it''s.csv',\n"
            "  'format' = 'csv',\n"
            "  'csv.header' = 'true',\n"
            "  'late.sink' = 'late_logins',\n"
            "  'source.idle-timeout' = '5 s'\n"
            ")");
  EXPECT_EQ(show_create(engine, "TABLE", "orders"),
            "CREATE TABLE `Orders` (\n"
            "  `id` BIGINT,\n"
            "  `select` DECIMAL(10, 2),\n"
            "  `qty` INT NOT NULL,\n"
            "  `total` AS `select` * qty,\n"
            "  `pt` AS PROCTIME(),\n"
            "  `odd``name` DOUBLE,\n"
            "  `ok` BOOLEAN\n"
            ") WITH (\n"
            "  'connector' = 'datagen',\n"
            "  'number-of-rows' = '5'\n"
            ")");
}

}  // namespace
}  // namespace eddy
