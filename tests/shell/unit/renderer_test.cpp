#include "shell/renderer.h"

#include <cstdio>
#include <cstdlib>

#include <gtest/gtest.h>

namespace eddy::shell {
namespace {

constexpr Timestamp kTen = 1704103200000;  // 2024-01-01 10:00:00

// Captures what a renderer writes.
class Capture {
 public:
  Capture() : file_(open_memstream(&data_, &size_)) {}
  ~Capture() {
    if (file_) std::fclose(file_);
    std::free(data_);
  }
  std::FILE* file() { return file_; }
  std::string text() {
    std::fflush(file_);
    return std::string(data_, size_);
  }

 private:
  char* data_ = nullptr;
  size_t size_ = 0;
  std::FILE* file_;
};

Schema sample_schema() {
  Schema schema;
  schema.fields = {{"id", Type::int32()},
                   {"name", Type::string()},
                   {"ts", Type::timestamp()},
                   {"ok", Type::boolean()}};
  return schema;
}

Chunk sample_chunk() {
  return Chunk::from_rows(sample_schema(),
                          {{Value::integer(1, Type::int32()), Value::string("alice"),
                            Value::timestamp(kTen), Value::boolean(true)},
                           {Value::integer(22, Type::int32()), Value::null(Type::string()),
                            Value::null(Type::timestamp()), Value::null(Type::boolean())}});
}

std::string render(Mode mode, const Schema& schema, const std::vector<Chunk>& chunks,
                   bool updating = false) {
  Capture capture;
  auto renderer = make_renderer(mode, capture.file());
  renderer->begin(schema, updating);
  for (const Chunk& chunk : chunks) renderer->rows(chunk);
  renderer->end();
  return capture.text();
}

TEST(Renderer, BoxAlignsNumbersRightAndCentersHeaders) {
  EXPECT_EQ(render(Mode::Box, sample_schema(), {sample_chunk()}),
            "┌────┬───────┬─────────────────────────┬───────┐\n"
            "│ id │ name  │           ts            │  ok   │\n"
            "├────┼───────┼─────────────────────────┼───────┤\n"
            "│  1 │ alice │ 2024-01-01 10:00:00.000 │ TRUE  │\n"
            "│ 22 │ NULL  │ NULL                    │ NULL  │\n"
            "└────┴───────┴─────────────────────────┴───────┘\n");
}

TEST(Renderer, BoxWidthsAreFixedByTheFirstChunk) {
  Schema schema;
  schema.fields = {{"s", Type::string()}};
  std::vector<Chunk> chunks{Chunk::from_rows(schema, {{Value::string("ab")}}),
                            Chunk::from_rows(schema, {{Value::string("abcd")}})};
  EXPECT_EQ(render(Mode::Box, schema, chunks),
            "┌────┐\n"
            "│ s  │\n"
            "├────┤\n"
            "│ ab │\n"
            "│ abcd │\n"
            "└────┘\n");
}

TEST(Renderer, BoxOfAnEmptyResultShowsTheHeader) {
  Schema schema;
  schema.fields = {{"uid", Type::string()}, {"cnt", Type::int64()}};
  EXPECT_EQ(render(Mode::Box, schema, {}),
            "┌─────┬─────┐\n"
            "│ uid │ cnt │\n"
            "├─────┼─────┤\n"
            "└─────┴─────┘\n");
}

TEST(Renderer, BoxShowsControlCharactersEscaped) {
  Table table;
  table.schema.fields = {{"s", Type::string()}};
  table.rows.push_back({Value::string("two\nlines\tand\x01")});
  Capture capture;
  auto renderer = make_renderer(Mode::Box, capture.file());
  render_table(*renderer, table);
  EXPECT_EQ(capture.text(),
            "┌─────────────────────┐\n"
            "│          s          │\n"
            "├─────────────────────┤\n"
            "│ two\\nlines\\tand\\x01 │\n"
            "└─────────────────────┘\n");
}

TEST(Renderer, BoxCellsAreCutWithAnEllipsis) {
  EXPECT_EQ(box_cell("abcdef", 10), "abcdef");
  EXPECT_EQ(box_cell("abcdef", 6), "abcdef");
  EXPECT_EQ(box_cell("abcdef", 5), "abcd…");
  EXPECT_EQ(box_cell("日本語", 4), "日…");
  EXPECT_EQ(box_cell("a\nb", 4), "a\\nb");
  EXPECT_EQ(box_cell("a\nb", 3), "a…");  // an escape is never split
  // A huge value costs what fits, not its size.
  std::string huge(50'000'000, 'x');
  EXPECT_EQ(display_width(box_cell(huge, kMaxCellWidth)), kMaxCellWidth);
}

TEST(Renderer, BoxFitsTheWidthLimit) {
  Schema schema;
  schema.fields = {{"id", Type::int32()}, {"text", Type::string()}};
  Capture capture;
  auto renderer = make_renderer(Mode::Box, capture.file(), BoxLimits{20, 0});
  renderer->begin(schema, false);
  renderer->rows(Chunk::from_rows(
      schema, {{Value::integer(1, Type::int32()), Value::string("a long long long value")}}));
  renderer->rows(Chunk::from_rows(
      schema, {{Value::integer(2, Type::int32()), Value::string("an even longer value, later")}}));
  renderer->end();
  EXPECT_EQ(capture.text(),
            "┌────┬─────────────┐\n"
            "│ id │    text     │\n"
            "├────┼─────────────┤\n"
            "│  1 │ a long lon… │\n"
            "│  2 │ an even lo… │\n"
            "└────┴─────────────┘\n");
}

TEST(Renderer, MaxRowsShowsTheFirstAndLastRows) {
  Table table;
  table.schema.fields = {{"n", Type::int32()}};
  for (int i = 1; i <= 10; ++i) table.rows.push_back({Value::integer(i, Type::int32())});
  Capture capture;
  auto renderer = make_renderer(Mode::Box, capture.file(), BoxLimits{0, 4});
  render_table(*renderer, table, Mode::Box, BoxLimits{0, 4});
  EXPECT_EQ(capture.text(),
            "┌────┐\n"
            "│ n  │\n"
            "├────┤\n"
            "│  1 │\n"
            "│  2 │\n"
            "│  … │\n"
            "│  9 │\n"
            "│ 10 │\n"
            "└────┘\n");
}

TEST(Renderer, ShowHeaderPrintsTheHeaderBeforeAnyRow) {
  Schema schema;
  schema.fields = {{"uid", Type::string()}, {"n", Type::int64()}};
  Capture capture;
  auto renderer = make_renderer(Mode::Box, capture.file());
  renderer->begin(schema, false);
  renderer->show_header();
  EXPECT_EQ(capture.text(),
            "┌──────────────────┬──────────────┐\n"
            "│       uid        │      n       │\n"
            "├──────────────────┼──────────────┤\n");
}

TEST(Renderer, CsvHasAHeaderAndQuotesWhenNeeded) {
  Schema schema = sample_schema();
  std::vector<Chunk> chunks{
      sample_chunk(),
      Chunk::from_rows(schema, {{Value::integer(3, Type::int32()), Value::string("a,\"b\""),
                                 Value::timestamp(kTen + 1), Value::boolean(false)}})};
  EXPECT_EQ(render(Mode::Csv, schema, chunks),
            "id,name,ts,ok\n"
            "1,alice,2024-01-01 10:00:00.000,true\n"
            "22,,,\n"
            "3,\"a,\"\"b\"\"\",2024-01-01 10:00:00.001,false\n");
}

TEST(Renderer, UpdatingResultsGetAnOpColumn) {
  Schema schema;
  schema.fields = {{"uid", Type::string()}, {"cnt", Type::int64()}};
  std::vector<std::vector<Value>> rows;
  for (auto [uid, cnt] : {std::pair{"u1", 1}, {"u1", 1}, {"u1", 2}})
    rows.push_back({Value::string(uid), Value::integer(cnt)});
  std::vector<Chunk> chunks{Chunk::from_rows(
      schema, rows, {RowKind::Insert, RowKind::UpdateBefore, RowKind::UpdateAfter})};
  EXPECT_EQ(render(Mode::Csv, schema, chunks, true), "op,uid,cnt\n+I,u1,1\n-U,u1,1\n+U,u1,2\n");
  EXPECT_EQ(render(Mode::Jsonl, schema, chunks, true),
            "{\"op\":\"+I\",\"uid\":\"u1\",\"cnt\":1}\n"
            "{\"op\":\"-U\",\"uid\":\"u1\",\"cnt\":1}\n"
            "{\"op\":\"+U\",\"uid\":\"u1\",\"cnt\":2}\n");
  EXPECT_EQ(render(Mode::Changelog, schema, chunks, true), "+I[u1, 1]\n-U[u1, 1]\n+U[u1, 2]\n");
  EXPECT_EQ(render(Mode::Box, schema, chunks, true),
            "┌────┬─────┬─────┐\n"
            "│ op │ uid │ cnt │\n"
            "├────┼─────┼─────┤\n"
            "│ +I │ u1  │   1 │\n"
            "│ -U │ u1  │   1 │\n"
            "│ +U │ u1  │   2 │\n"
            "└────┴─────┴─────┘\n");
}

TEST(Renderer, JsonlAndChangelogSpellNullsAndBooleans) {
  std::vector<Chunk> chunks{sample_chunk()};
  EXPECT_EQ(render(Mode::Jsonl, sample_schema(), chunks),
            "{\"id\":1,\"name\":\"alice\",\"ts\":\"2024-01-01 10:00:00.000\",\"ok\":true}\n"
            "{\"id\":22,\"name\":null,\"ts\":null,\"ok\":null}\n");
  EXPECT_EQ(render(Mode::Changelog, sample_schema(), chunks),
            "+I[1, alice, 2024-01-01 10:00:00.000, true]\n"
            "+I[22, null, null, null]\n");
}

TEST(Renderer, TablesWithMixedValueTypesRenderAsText) {
  Table table;
  table.schema.fields = {{"key", Type::string()}, {"value", Type::string()}};
  table.rows.push_back({Value::string("a"), Value::integer(5)});
  table.rows.push_back({Value::string("b"), Value()});
  Capture capture;
  auto renderer = make_renderer(Mode::Csv, capture.file());
  render_table(*renderer, table);
  EXPECT_EQ(capture.text(), "key,value\na,5\nb,\n");
}

TEST(Renderer, DisplayWidthCountsColumnsNotBytes) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("é"), 1u);
  EXPECT_EQ(display_width("日本"), 4u);
  EXPECT_EQ(display_width("\xff"), 1u);
}

TEST(Renderer, ModeNamesRoundTrip) {
  for (Mode mode : {Mode::Box, Mode::Table, Mode::Csv, Mode::Jsonl, Mode::Changelog}) {
    EXPECT_EQ(parse_mode(mode_name(mode)), mode);
  }
  EXPECT_FALSE(parse_mode("xml"));
}

}  // namespace
}  // namespace eddy::shell
