// Statements parse to the right AST fields; scripts split into statements with positions and
// texts.
#include <gtest/gtest.h>

#include "parser/parser.h"

namespace eddy {
namespace {

std::vector<ast::StatementPtr> parse_ok(std::string_view sql) {
  auto result = parse_script(sql);
  if (!result) {
    ADD_FAILURE() << "parse failed: " << result.error().to_string();
    return {};
  }
  return std::move(result).value();
}

template <class T>
const T& only(const std::vector<ast::StatementPtr>& statements) {
  EXPECT_EQ(statements.size(), 1u);
  return statements.at(0)->as<T>();
}

TEST(StatementTest, CreateStreamWithWatermarkAndOptions) {
  auto statements = parse_ok(R"(CREATE STREAM logins (
  uid     STRING,
  status  STRING NOT NULL,
  ts      TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'file', 'Path' = 'logins.csv', 'csv.header' = 'it''s');)");
  const auto& create = only<ast::CreateStream>(statements);
  EXPECT_EQ(create.kind, ast::StatementKind::CreateStream);
  EXPECT_EQ(create.name.text, "logins");
  EXPECT_FALSE(create.is_table);
  EXPECT_FALSE(create.if_not_exists);
  ASSERT_EQ(create.columns.size(), 3u);
  EXPECT_EQ(create.columns[0].name.text, "uid");
  EXPECT_EQ(create.columns[0].type, Type::string());
  EXPECT_FALSE(create.columns[0].not_null);
  EXPECT_EQ(create.columns[1].name.text, "status");
  EXPECT_TRUE(create.columns[1].not_null);
  EXPECT_EQ(create.columns[2].type, Type::timestamp());
  EXPECT_EQ(create.columns[2].name.pos.line, 4);
  EXPECT_EQ(create.columns[2].name.pos.column, 3);
  ASSERT_TRUE(create.watermark.has_value());
  EXPECT_EQ(create.watermark->column.text, "ts");
  EXPECT_EQ(create.watermark->pos.line, 5);
  EXPECT_EQ(create.watermark->pos.column, 3);
  ASSERT_NE(create.watermark->expr, nullptr);
  EXPECT_EQ(create.watermark->expr->kind, ast::ExprKind::Binary);
  EXPECT_EQ(create.watermark->expr->text, "ts - INTERVAL '5' SECOND");
  ASSERT_EQ(create.options.size(), 3u);
  EXPECT_EQ(create.options[0].key, "connector");
  EXPECT_EQ(create.options[0].value, "file");
  EXPECT_EQ(create.options[1].key, "Path");  // as written
  EXPECT_EQ(create.options[2].value, "it's");
  EXPECT_EQ(create.options[0].pos.line, 6);
  EXPECT_EQ(create.options[0].pos.column, 9);
  EXPECT_EQ(create.pos.line, 1);
  EXPECT_EQ(create.pos.column, 1);
  EXPECT_EQ(create.text.substr(0, 21), "CREATE STREAM logins ");
  EXPECT_EQ(create.text.back(), ')');  // no ';'
}

TEST(StatementTest, CreateStreamWithAPrimaryKey) {
  auto statements = parse_ok(R"(CREATE STREAM t (
  a INT,
  b STRING NOT NULL,
  CONSTRAINT pk PRIMARY KEY (b, a) NOT ENFORCED
) WITH ('connector' = 'blackhole'))");
  const auto& create = only<ast::CreateStream>(statements);
  ASSERT_EQ(create.columns.size(), 2u);
  ASSERT_TRUE(create.primary_key.has_value());
  ASSERT_TRUE(create.primary_key->constraint.has_value());
  EXPECT_EQ(create.primary_key->constraint->text, "pk");
  ASSERT_EQ(create.primary_key->columns.size(), 2u);
  EXPECT_EQ(create.primary_key->columns[0].text, "b");
  EXPECT_EQ(create.primary_key->columns[1].text, "a");
  EXPECT_EQ(create.primary_key->columns[1].pos.line, 4);
  EXPECT_EQ(create.primary_key->columns[1].pos.column, 33);
  EXPECT_EQ(create.primary_key->pos.column, 3);

  // On a column, after NOT NULL; the key is that column.
  auto column_key =
      parse_ok("CREATE STREAM u (id BIGINT NOT NULL PRIMARY KEY NOT ENFORCED, v INT)");
  const auto& u = only<ast::CreateStream>(column_key);
  ASSERT_TRUE(u.primary_key.has_value());
  EXPECT_FALSE(u.primary_key->constraint.has_value());
  ASSERT_EQ(u.primary_key->columns.size(), 1u);
  EXPECT_EQ(u.primary_key->columns[0].text, "id");
  EXPECT_TRUE(u.columns[0].not_null);
  EXPECT_EQ(u.primary_key->pos.column, 37);

  EXPECT_FALSE(parse_script("CREATE STREAM v (a INT, PRIMARY KEY (a))").is_ok());
  EXPECT_FALSE(parse_script("CREATE STREAM v (a INT, PRIMARY KEY () NOT ENFORCED)").is_ok());
}

TEST(StatementTest, CreateTableIsASynonym) {
  auto statements =
      parse_ok("create temporary table if not exists t (a int, b bigint, c double precision)");
  const auto& create = only<ast::CreateStream>(statements);
  EXPECT_TRUE(create.is_table);
  EXPECT_TRUE(create.if_not_exists);
  EXPECT_EQ(create.columns.size(), 3u);
  EXPECT_EQ(create.columns[2].type, Type::float64());
  EXPECT_FALSE(create.watermark.has_value());
  EXPECT_TRUE(create.options.empty());
}

TEST(StatementTest, OneWatermarkPerStream) {
  auto result =
      parse_script("CREATE STREAM s (a TIMESTAMP(3), WATERMARK FOR a AS a, WATERMARK FOR a AS a)");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().column, 56);
}

TEST(StatementTest, CreateView) {
  auto statements =
      parse_ok("CREATE OR REPLACE VIEW IF NOT EXISTS v AS SELECT uid FROM logins WHERE x > 1");
  const auto& view = only<ast::CreateView>(statements);
  EXPECT_TRUE(view.or_replace);
  EXPECT_TRUE(view.if_not_exists);
  EXPECT_EQ(view.name.text, "v");
  ASSERT_NE(view.query, nullptr);
  EXPECT_EQ(view.query->text, "SELECT uid FROM logins WHERE x > 1");
  EXPECT_EQ(view.query->pos.column, 43);

  auto plain = parse_ok("CREATE VIEW v AS SELECT 1");
  EXPECT_FALSE(only<ast::CreateView>(plain).or_replace);
  EXPECT_FALSE(only<ast::CreateView>(plain).if_not_exists);
}

TEST(StatementTest, Drop) {
  auto statements = parse_ok("DROP STREAM s; DROP TABLE IF EXISTS t; drop view v");
  ASSERT_EQ(statements.size(), 3u);
  const auto& s = statements[0]->as<ast::Drop>();
  EXPECT_EQ(s.what, ast::Drop::What::Stream);
  EXPECT_FALSE(s.if_exists);
  EXPECT_EQ(s.name.text, "s");
  const auto& t = statements[1]->as<ast::Drop>();
  EXPECT_EQ(t.what, ast::Drop::What::Stream);
  EXPECT_TRUE(t.if_exists);
  EXPECT_EQ(t.name.text, "t");
  EXPECT_EQ(statements[2]->as<ast::Drop>().what, ast::Drop::What::View);
}

TEST(StatementTest, Show) {
  auto statements =
      parse_ok("SHOW STREAMS; SHOW TABLES; SHOW VIEWS; SHOW FUNCTIONS; show settings");
  ASSERT_EQ(statements.size(), 5u);
  using W = ast::Show::What;
  const W expected[] = {W::Streams, W::Streams, W::Views, W::Functions, W::Settings};
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(statements[i]->kind, ast::StatementKind::Show);
    EXPECT_EQ(statements[i]->as<ast::Show>().what, expected[i]) << i;
  }
}

TEST(StatementTest, Describe) {
  auto statements = parse_ok("DESCRIBE logins; DESC `Other`");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0]->as<ast::Describe>().name.text, "logins");
  EXPECT_EQ(statements[1]->as<ast::Describe>().name.text, "Other");
  EXPECT_TRUE(statements[1]->as<ast::Describe>().name.quoted);
}

TEST(StatementTest, SetAndReset) {
  auto statements = parse_ok(
      "SET 'checkpoint.interval' = '10 s'; SET; RESET 'late.policy'; RESET; "
      "SET 'k' = 'it''s'");
  ASSERT_EQ(statements.size(), 5u);
  const auto& set = statements[0]->as<ast::Set>();
  EXPECT_EQ(set.key, "checkpoint.interval");
  EXPECT_EQ(set.value, "10 s");
  EXPECT_FALSE(statements[1]->as<ast::Set>().key.has_value());
  EXPECT_FALSE(statements[1]->as<ast::Set>().value.has_value());
  EXPECT_EQ(statements[2]->as<ast::Reset>().key, "late.policy");
  EXPECT_FALSE(statements[3]->as<ast::Reset>().key.has_value());
  EXPECT_EQ(statements[4]->as<ast::Set>().value, "it's");
}

TEST(StatementTest, InsertInto) {
  auto statements = parse_ok("INSERT INTO alerts SELECT uid FROM logins");
  const auto& insert = only<ast::Insert>(statements);
  EXPECT_EQ(insert.target.text, "alerts");
  ASSERT_NE(insert.query, nullptr);
  EXPECT_EQ(insert.query->text, "SELECT uid FROM logins");
  EXPECT_EQ(insert.text, "INSERT INTO alerts SELECT uid FROM logins");
}

TEST(StatementTest, ExplainQueryAndInsert) {
  auto statements = parse_ok("EXPLAIN SELECT 1;\nEXPLAIN INSERT INTO k SELECT * FROM s");
  ASSERT_EQ(statements.size(), 2u);
  const auto& query = statements[0]->as<ast::Explain>();
  ASSERT_NE(query.inner, nullptr);
  EXPECT_EQ(query.inner->kind, ast::StatementKind::Query);
  EXPECT_EQ(query.inner->text, "SELECT 1");
  EXPECT_EQ(query.inner->pos.column, 9);
  EXPECT_EQ(query.text, "EXPLAIN SELECT 1");
  const auto& insert = statements[1]->as<ast::Explain>();
  ASSERT_NE(insert.inner, nullptr);
  EXPECT_EQ(insert.inner->kind, ast::StatementKind::Insert);
  EXPECT_EQ(insert.inner->as<ast::Insert>().target.text, "k");
  EXPECT_EQ(insert.inner->pos.line, 2);
  EXPECT_EQ(insert.inner->pos.column, 9);
}

TEST(StatementTest, BareQuery) {
  auto statements = parse_ok("SELECT 1");
  const auto& query = only<ast::QueryStatement>(statements);
  EXPECT_EQ(query.kind, ast::StatementKind::Query);
  ASSERT_NE(query.query, nullptr);
  EXPECT_EQ(query.query->selects.size(), 1u);
}

TEST(StatementTest, ScriptsSplitWithPositionsAndTexts) {
  auto statements = parse_ok(
      "-- a script\n"
      "SELECT 1;  SELECT 2 -- trailing\n"
      ";\n"
      "/* block\n comment */ SHOW STREAMS;\n"
      "\n"
      "  DESCRIBE x");
  ASSERT_EQ(statements.size(), 4u);
  EXPECT_EQ(statements[0]->text, "SELECT 1");
  EXPECT_EQ(statements[0]->pos.line, 2);
  EXPECT_EQ(statements[0]->pos.column, 1);
  EXPECT_EQ(statements[1]->text, "SELECT 2");
  EXPECT_EQ(statements[1]->pos.line, 2);
  EXPECT_EQ(statements[1]->pos.column, 12);
  EXPECT_EQ(statements[2]->text, "SHOW STREAMS");
  EXPECT_EQ(statements[2]->pos.line, 5);
  EXPECT_EQ(statements[2]->pos.column, 13);
  EXPECT_EQ(statements[3]->text, "DESCRIBE x");
  EXPECT_EQ(statements[3]->pos.line, 7);
  EXPECT_EQ(statements[3]->pos.column, 3);
}

TEST(StatementTest, SemicolonsInsideStringsCommentsAndQuotesDoNotSplit) {
  auto statements = parse_ok("SELECT 'a;b' AS \"x;y\", `p;q` FROM s /* ; */ -- ;\n WHERE c = ';';");
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0]->text,
            "SELECT 'a;b' AS \"x;y\", `p;q` FROM s /* ; */ -- ;\n WHERE c = ';'");
}

TEST(StatementTest, EmptyStatementsAreIgnored) {
  EXPECT_TRUE(parse_ok("").empty());
  EXPECT_TRUE(parse_ok("   \n\t ").empty());
  EXPECT_TRUE(parse_ok(";;  ; -- only a comment\n /* and another */ ;").empty());
  EXPECT_EQ(parse_ok(";;SELECT 1;;;SELECT 2;;").size(), 2u);
}

TEST(StatementTest, ByteOrderMarkIsIgnored) {
  EXPECT_TRUE(parse_ok("\xEF\xBB\xBF").empty());
  auto statements = parse_ok("\xEF\xBB\xBFSELECT 1");
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0]->pos.column, 1);
  auto error = parse_script("\xEF\xBB\xBFSELEC 1");
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().column, 1);
  EXPECT_EQ(error.error().snippet, "SELEC 1\n^");
}

TEST(StatementTest, KeywordsAreCaseInsensitive) {
  auto statements = parse_ok("sElEcT DiStInCt a FrOm s WhErE b Is NoT nUlL lImIt 3");
  const auto& query = only<ast::QueryStatement>(statements);
  ASSERT_EQ(query.query->selects.size(), 1u);
  EXPECT_TRUE(query.query->selects[0].distinct);
  EXPECT_EQ(query.query->limit, 3);
  ASSERT_NE(query.query->selects[0].where, nullptr);
  EXPECT_EQ(query.query->selects[0].where->kind, ast::ExprKind::IsNull);
}

TEST(StatementTest, CarriageReturnsAndTabs) {
  auto statements = parse_ok("SELECT 1;\r\n\tSELECT 2\r\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[1]->pos.line, 2);
  EXPECT_EQ(statements[1]->pos.column, 2);
  EXPECT_EQ(statements[1]->text, "SELECT 2");
}

}  // namespace
}  // namespace eddy
