// The public Chunk beyond its typed accessors: a cell's text in each TextFormat (what the shell's
// output modes print), chunks that own their rows (Chunk::from_rows), and a Statement that did
// not come from Engine::parse.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eddy/engine.h"

namespace eddy {
namespace {

// The texts of the first row of `sql`'s result in `format`, one per column.
std::vector<std::string> first_row_text(const std::string& sql, TextFormat format) {
  Engine engine;
  auto outcome = engine.execute(sql);
  EXPECT_TRUE(outcome.is_ok()) << (outcome ? "" : outcome.error().to_string());
  if (!outcome || !outcome.value().query) return {};
  std::vector<std::string> cells;
  auto status = outcome.value().query->run([&](const Chunk& chunk) {
    if (!cells.empty() || chunk.size() == 0) return;
    std::string appended = "x";  // append_text appends: what is there stays
    for (size_t c = 0; c < chunk.schema().size(); ++c) {
      cells.push_back(chunk.text(0, c, format));
      chunk.append_text(appended, 0, c, format);
    }
    std::string joined = "x";
    for (const std::string& cell : cells) joined += cell;
    EXPECT_EQ(appended, joined);
  });
  EXPECT_TRUE(status.is_ok()) << (status ? "" : status.error().to_string());
  return cells;
}

constexpr const char* kCells =
    "SELECT 'a,\"b\"' AS s, CAST(NULL AS INT) AS n, TRUE AS b, "
    "TIMESTAMP '2024-01-01 10:00:00' AS ts, CAST(1.5 AS DECIMAL(5, 2)) AS d, '' AS e, 7 AS i";

TEST(ChunkText, DisplayIsValueToString) {
  std::vector<std::string> expected{"a,\"b\"", "NULL", "TRUE", "2024-01-01 10:00:00.000",
                                    "1.50",    "",     "7"};
  EXPECT_EQ(first_row_text(kCells, TextFormat::Display), expected);
}

TEST(ChunkText, ChangelogSpellsNullAndBooleansInLowerCase) {
  std::vector<std::string> expected{"a,\"b\"", "null", "true", "2024-01-01 10:00:00.000",
                                    "1.50",    "",     "7"};
  EXPECT_EQ(first_row_text(kCells, TextFormat::Changelog), expected);
}

TEST(ChunkText, CsvQuotesWhereNeededAndTellsEmptyFromNull) {
  std::vector<std::string> expected{
      "\"a,\"\"b\"\"\"", "", "true", "2024-01-01 10:00:00.000", "1.50", "\"\"", "7"};
  EXPECT_EQ(first_row_text(kCells, TextFormat::Csv), expected);
}

TEST(ChunkText, JsonGivesJsonValues) {
  std::vector<std::string> expected{
      "\"a,\\\"b\\\"\"", "null", "true", "\"2024-01-01 10:00:00.000\"", "1.50", "\"\"", "7"};
  EXPECT_EQ(first_row_text(kCells, TextFormat::Json), expected);
}

Schema two_columns() {
  Schema schema;
  schema.fields = {{"key", Type::string()}, {"value", Type::int64()}};
  return schema;
}

TEST(ChunkFromRows, HoldsItsOwnCopyOfTheRowsAndKinds) {
  Chunk chunk;
  {
    std::vector<std::vector<Value>> rows{{Value::string("a"), Value::integer(1)},
                                         {Value::string("b"), Value::integer(2)}};
    chunk = Chunk::from_rows(two_columns(), rows, {RowKind::UpdateBefore, RowKind::UpdateAfter});
  }
  Chunk copy = chunk;  // copies share the rows
  chunk = Chunk();
  ASSERT_EQ(copy.size(), 2u);
  EXPECT_EQ(copy.schema().size(), 2u);
  EXPECT_EQ(copy.schema()[1].name, "value");
  EXPECT_EQ(copy.kind(0), RowKind::UpdateBefore);
  EXPECT_EQ(copy.kind(1), RowKind::UpdateAfter);
  EXPECT_EQ(copy.string_value(1, 0), "b");
  EXPECT_EQ(copy.int_value(1, 1), 2);
  EXPECT_EQ(copy.value(0, 0), Value::string("a"));
}

TEST(ChunkFromRows, RowsWithoutKindsAreInsertsAndMissingCellsNull) {
  Chunk chunk = Chunk::from_rows(two_columns(), {{Value::string("a")}});
  ASSERT_EQ(chunk.size(), 1u);
  EXPECT_EQ(chunk.kind(0), RowKind::Insert);
  EXPECT_TRUE(chunk.is_null(0, 1));
  EXPECT_EQ(chunk.text(0, 1), "NULL");
}

TEST(ChunkFromRows, AColumnOfMixedTypesHoldsTheirDisplayText) {
  // SET lists settings of every type in one column; rendering such a table must not fail.
  Schema schema;
  schema.fields = {{"value", Type::string()}};
  Chunk chunk = Chunk::from_rows(
      schema, {{Value::integer(5)}, {Value::string("x")}, {Value::null(Type::string())}});
  EXPECT_EQ(chunk.text(0, 0, TextFormat::Json), "\"5\"");
  EXPECT_EQ(chunk.string_value(1, 0), "x");
  EXPECT_TRUE(chunk.is_null(2, 0));
}

TEST(ChunkFromRows, NoRowsIsAnEmptyChunk) {
  Chunk chunk = Chunk::from_rows(two_columns(), {});
  EXPECT_EQ(chunk.size(), 0u);
  EXPECT_EQ(chunk.schema().size(), 2u);
  EXPECT_EQ(Chunk().size(), 0u);
}

// A chunk of every kind of cell the writers treat apart: strings that need quoting, escaping or
// nothing, NULLs, the empty string, booleans, timestamps, decimals, doubles, integers.
Chunk mixed_chunk() {
  Schema schema;
  schema.fields = {{"s", Type::string()},           {"i", Type::int64()},
                   {"b", Type::boolean()},          {"ts", Type::timestamp()},
                   {"d", Type::decimal(5, 2)},      {"x", Type::float64()},
                   {"quote \"me\"", Type::string()}};
  std::vector<std::vector<Value>> rows{
      {Value::string("plain"), Value::integer(-42), Value::boolean(true),
       Value::timestamp(1704103200123), Value::decimal(150, Type::decimal(5, 2)),
       Value::float64(0.1), Value::string("")},
      {Value::string("a,\"b\"\nc"), Value::null(Type::int64()), Value::boolean(false),
       Value::null(Type::timestamp()), Value::null(Type::decimal(5, 2)), Value::float64(-1e300),
       Value::null(Type::string())},
      {Value::string("caf\xc3\xa9 \x01"), Value::integer(0), Value::null(Type::boolean()),
       Value::timestamp(-1), Value::decimal(-5, Type::decimal(5, 2)), Value::float64(2.5),
       Value::string("tab\there")}};
  return Chunk::from_rows(schema, rows,
                          {RowKind::Insert, RowKind::UpdateBefore, RowKind::UpdateAfter});
}

// What the writers must produce: the chunk's cells one by one through append_text.
std::string cell_by_cell(const Chunk& chunk, TextFormat format, bool op_column) {
  std::string out;
  for (size_t r = 0; r < chunk.size(); ++r) {
    if (format == TextFormat::Json) out += '{';
    if (op_column) {
      out += format == TextFormat::Json ? "\"op\":\"" : "";
      out += row_kind_symbol(chunk.kind(r));
      out += format == TextFormat::Json ? "\"," : ",";
    }
    for (size_t c = 0; c < chunk.schema().size(); ++c) {
      if (c > 0) out += ',';
      if (format == TextFormat::Json) {
        append_json_string(out, chunk.schema()[c].name);
        out += ':';
      }
      chunk.append_text(out, r, c, format);
    }
    out += format == TextFormat::Json ? "}\n" : "\n";
  }
  return out;
}

TEST(ChunkTextWriter, CsvLinesAreTheCellsTextOneByOne) {
  const Chunk chunk = mixed_chunk();
  for (bool op : {false, true}) {
    ChunkTextWriter writer = ChunkTextWriter::csv(op);
    std::string out = "kept:";  // appends
    writer.append(out, chunk);
    writer.append(out, chunk);  // the writer is reused chunk after chunk
    const std::string lines = cell_by_cell(chunk, TextFormat::Csv, op);
    EXPECT_EQ(out, "kept:" + lines + lines) << "op column: " << op;
  }
}

TEST(ChunkTextWriter, JsonLinesAreTheCellsTextOneByOne) {
  const Chunk chunk = mixed_chunk();
  for (bool op : {false, true}) {
    ChunkTextWriter writer = ChunkTextWriter::json_lines(chunk.schema(), op);
    std::string out;
    writer.append(out, chunk);
    EXPECT_EQ(out, cell_by_cell(chunk, TextFormat::Json, op)) << "op column: " << op;
  }
}

TEST(ChunkTextWriter, ChangelogLinesAreTheCellsTextOneByOne) {
  const Chunk chunk = mixed_chunk();
  std::string expected;
  for (size_t r = 0; r < chunk.size(); ++r) {
    expected += row_kind_symbol(chunk.kind(r));
    expected += '[';
    for (size_t c = 0; c < chunk.schema().size(); ++c) {
      if (c > 0) expected += ", ";
      chunk.append_text(expected, r, c, TextFormat::Changelog);
    }
    expected += "]\n";
  }
  ChunkTextWriter writer = ChunkTextWriter::changelog();
  std::string out;
  writer.append(out, chunk);
  EXPECT_EQ(out, expected);
}

TEST(ChunkTextWriter, AnEmptyChunkWritesNothing) {
  ChunkTextWriter writer = ChunkTextWriter::csv(true);
  std::string out;
  writer.append(out, Chunk());
  writer.append(out, Chunk::from_rows(two_columns(), {}));
  EXPECT_EQ(out, "");
}

TEST(EngineStatement, ExecutingAStatementNotFromParseIsAnError) {
  Engine engine;
  Statement statement;
  statement.text = "SELECT 1";
  statement.is_query = true;
  auto outcome = engine.execute(statement);
  ASSERT_FALSE(outcome.is_ok());
  EXPECT_NE(outcome.error().message.find("Engine::parse"), std::string::npos);
}

}  // namespace
}  // namespace eddy
