// The time and window clauses: GROUP BY (with group-window calls), HAVING, TIMEOUT, window table
// functions in FROM, computed columns, WATERMARK ... ADVANCE AFTER ... IDLE and SHOW QUERIES.
// Each form parses into the right AST fields; mistakes give positioned, actionable errors; the
// new words stay usable as names.
#include <gtest/gtest.h>

#include "parse_test_util.h"
#include "parser/parser.h"

namespace eddy {
namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

int64_t interval_ms(const ast::Expr& expr) {
  EXPECT_EQ(expr.kind, ast::ExprKind::Literal);
  const Value& value = expr.as<ast::Literal>().value;
  EXPECT_EQ(value.type().id, TypeId::Interval);
  return value.int_value();
}

const ast::Call& call(const ast::ExprPtr& expr) {
  EXPECT_EQ(expr->kind, ast::ExprKind::Call);
  return expr->as<ast::Call>();
}

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// ---------------------------------------------------------------------------------------------
// GROUP BY and HAVING

TEST(GroupByTest, KeysAreExpressions) {
  auto parsed = parse_select(
      "SELECT uid, COUNT(*) FROM logins WHERE ok GROUP BY uid, l.region, LOWER(status)");
  const ast::Select& select = parsed.select();
  EXPECT_TRUE(select.has_group_by);
  ASSERT_EQ(select.group_by.size(), 3u);
  EXPECT_EQ(select.group_by[0]->kind, ast::ExprKind::Column);
  EXPECT_EQ(select.group_by[0]->text, "uid");
  EXPECT_EQ(select.group_by[0]->pos.column, 52);
  EXPECT_EQ(select.group_by[1]->as<ast::ColumnRef>().qualifier->text, "l");
  EXPECT_EQ(call(select.group_by[2]).name, "LOWER");
  ASSERT_NE(select.where, nullptr);
  EXPECT_EQ(select.having, nullptr);
  EXPECT_FALSE(select.timeout.has_value());
}

TEST(GroupByTest, AbsentByDefault) {
  auto parsed = parse_select("SELECT a FROM s WHERE a > 1");
  EXPECT_FALSE(parsed.select().has_group_by);
  EXPECT_TRUE(parsed.select().group_by.empty());
  EXPECT_EQ(parsed.select().having, nullptr);
}

TEST(GroupByTest, EmptyGroupingSet) {
  auto parsed = parse_select("SELECT COUNT(*) FROM s GROUP BY ()");
  EXPECT_TRUE(parsed.select().has_group_by);
  EXPECT_TRUE(parsed.select().group_by.empty());
  // A parenthesised key is just a key.
  auto keyed = parse_select("SELECT COUNT(*) FROM s GROUP BY (a), (b + 1)");
  ASSERT_EQ(keyed.select().group_by.size(), 2u);
  EXPECT_EQ(keyed.select().group_by[1]->kind, ast::ExprKind::Binary);
}

TEST(GroupByTest, Having) {
  auto parsed = parse_select("SELECT uid FROM s GROUP BY uid HAVING COUNT(*) > 3 AND uid <> 'x'");
  ASSERT_NE(parsed.select().having, nullptr);
  EXPECT_EQ(parsed.select().having->text, "COUNT(*) > 3 AND uid <> 'x'");
  EXPECT_EQ(parsed.select().having->pos.column, 39);
  // HAVING without GROUP BY aggregates the whole input, as in SQL.
  auto global = parse_select("SELECT COUNT(*) FROM s HAVING COUNT(*) > 1");
  EXPECT_FALSE(global.select().has_group_by);
  ASSERT_NE(global.select().having, nullptr);
}

TEST(GroupByTest, ClausesInOrderWithUnionAndLimit) {
  auto statements = parse_ok(
      "SELECT a FROM s WHERE a > 1 GROUP BY a HAVING a < 9 UNION ALL "
      "SELECT b FROM t GROUP BY b LIMIT 3");
  const auto& query = *statements.at(0)->as<ast::QueryStatement>().query;
  ASSERT_EQ(query.selects.size(), 2u);
  EXPECT_NE(query.selects[0].having, nullptr);
  EXPECT_TRUE(query.selects[1].has_group_by);
  EXPECT_EQ(query.limit, 3);
  auto view = parse_ok("CREATE VIEW v AS SELECT a, COUNT(*) FROM s GROUP BY a");
  EXPECT_TRUE(view.at(0)->as<ast::CreateView>().query->selects[0].has_group_by);
}

TEST(GroupByTest, GroupWindowCallsAreOrdinaryCalls) {
  auto parsed = parse_select(
      "SELECT TUMBLE_START(ts, INTERVAL '1' MINUTE), TUMBLE_END(ts, INTERVAL '1' MINUTE), "
      "TUMBLE_ROWTIME(ts, INTERVAL '1' MINUTE), uid, COUNT(*) "
      "FROM s GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), uid");
  const ast::Select& select = parsed.select();
  EXPECT_EQ(call(select.items[0].expr).name, "TUMBLE_START");
  EXPECT_EQ(call(select.items[1].expr).name, "TUMBLE_END");
  EXPECT_EQ(call(select.items[2].expr).name, "TUMBLE_ROWTIME");
  ASSERT_EQ(select.group_by.size(), 2u);
  const ast::Call& tumble = call(select.group_by[0]);
  EXPECT_EQ(tumble.name, "TUMBLE");
  ASSERT_EQ(tumble.args.size(), 2u);
  EXPECT_EQ(tumble.args[0]->text, "ts");
  EXPECT_EQ(interval_ms(*tumble.args[1]), 60'000);
  EXPECT_EQ(select.group_by[0]->text, "TUMBLE(ts, INTERVAL '1' MINUTE)");

  auto others = parse_select(
      "SELECT HOP_START(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND), "
      "HOP_END(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND), "
      "SESSION_START(ts, INTERVAL '30' SECOND), SESSION_END(ts, INTERVAL '30' SECOND) FROM s "
      "GROUP BY hop(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND), "
      "session(ts, INTERVAL '30' SECOND), CUMULATE(ts, INTERVAL '1' SECOND, INTERVAL '1' MINUTE)");
  const ast::Select& o = others.select();
  EXPECT_EQ(call(o.items[0].expr).name, "HOP_START");
  EXPECT_EQ(call(o.items[3].expr).name, "SESSION_END");
  ASSERT_EQ(o.group_by.size(), 3u);
  EXPECT_EQ(call(o.group_by[0]).name, "HOP");  // upper-cased
  EXPECT_EQ(call(o.group_by[0]).args.size(), 3u);
  EXPECT_EQ(interval_ms(*call(o.group_by[0]).args[2]), 10'000);
  EXPECT_EQ(call(o.group_by[1]).name, "SESSION");
  EXPECT_EQ(call(o.group_by[2]).name, "CUMULATE");
}

TEST(GroupByTest, Errors) {
  Error by = error_of("SELECT COUNT(*) FROM s GROUP uid");
  EXPECT_EQ(by.column, 30);
  EXPECT_EQ(by.message, "syntax error at 'uid': expected BY");
  Error end = error_of("SELECT COUNT(*) FROM s GROUP BY");
  EXPECT_EQ(end.column, 32);
  EXPECT_EQ(end.message, "unexpected end of input: expected an expression");
  Error having = error_of("SELECT a FROM s GROUP BY a HAVING");
  EXPECT_TRUE(contains(having.message, "expected an expression")) << having.message;
  Error typo = error_of("SELECT a FROM s WHERE a > 1 GROPU BY a");
  EXPECT_EQ(typo.column, 29);
  EXPECT_TRUE(contains(typo.message, "did you mean GROUP?")) << typo.message;
  Error alias = error_of("SELECT a FROM s GRUOP BY a");
  EXPECT_TRUE(contains(alias.message, "did you mean GROUP instead of 'GRUOP'?")) << alias.message;
  Error having_typo = error_of("SELECT a FROM s GROUP BY a HAVNG a > 1");
  EXPECT_EQ(having_typo.column, 28);
  EXPECT_TRUE(contains(having_typo.message, "did you mean HAVING?")) << having_typo.message;
  // GROUP and HAVING are reserved: they end the FROM clause.
  EXPECT_FALSE(parse_script("SELECT group FROM s"));
}

// ---------------------------------------------------------------------------------------------
// TIMEOUT

TEST(TimeoutTest, DefaultsAreKeepStateOnEventTime) {
  auto parsed = parse_select(
      "SELECT uid, COUNT(*) AS cnt, TIMEOUT_TIME() AS idle_at\n"
      "FROM logins GROUP BY uid TIMEOUT INTERVAL '1' MINUTE");
  const ast::Select& select = parsed.select();
  ASSERT_EQ(select.group_by.size(), 1u);
  ASSERT_TRUE(select.timeout.has_value());
  EXPECT_EQ(select.timeout->pos.line, 2);
  EXPECT_EQ(select.timeout->pos.column, 26);
  ASSERT_NE(select.timeout->interval, nullptr);
  EXPECT_EQ(interval_ms(*select.timeout->interval), 60'000);
  EXPECT_EQ(select.timeout->interval->text, "INTERVAL '1' MINUTE");
  EXPECT_EQ(select.timeout->interval->pos.column, 34);
  EXPECT_FALSE(select.timeout->reset_state);
  EXPECT_FALSE(select.timeout->processing_time);
  EXPECT_EQ(call(select.items[2].expr).name, "TIMEOUT_TIME");
  EXPECT_TRUE(call(select.items[2].expr).args.empty());
}

TEST(TimeoutTest, StateAndTimeDomain) {
  auto reset = parse_select(
      "SELECT uid, COUNT(*) FROM logins GROUP BY uid TIMEOUT INTERVAL '1' MINUTE RESET STATE");
  EXPECT_TRUE(reset.select().timeout->reset_state);
  EXPECT_FALSE(reset.select().timeout->processing_time);
  auto keep = parse_select(
      "SELECT uid FROM s GROUP BY uid TIMEOUT INTERVAL '30' SECONDS KEEP STATE ON PROCESSING TIME");
  EXPECT_FALSE(keep.select().timeout->reset_state);
  EXPECT_TRUE(keep.select().timeout->processing_time);
  EXPECT_EQ(interval_ms(*keep.select().timeout->interval), 30'000);
  auto lower = parse_select(
      "select uid from s group by uid timeout interval '2' hour reset state on processing time");
  EXPECT_TRUE(lower.select().timeout->reset_state);
  EXPECT_TRUE(lower.select().timeout->processing_time);
  EXPECT_EQ(interval_ms(*lower.select().timeout->interval), 7'200'000);
  // The other interval spellings work too.
  auto duration = parse_select("SELECT a FROM s GROUP BY a TIMEOUT INTERVAL '90 s'");
  EXPECT_EQ(interval_ms(*duration.select().timeout->interval), 90'000);
}

TEST(TimeoutTest, HavingBeforeOrAfterTimeout) {
  auto after = parse_select(
      "SELECT uid FROM s GROUP BY uid TIMEOUT INTERVAL '1' MINUTE RESET STATE HAVING COUNT(*) > 3");
  ASSERT_TRUE(after.select().timeout.has_value());
  ASSERT_NE(after.select().having, nullptr);
  EXPECT_EQ(after.select().having->text, "COUNT(*) > 3");
  EXPECT_TRUE(after.select().timeout->reset_state);
  auto before = parse_select(
      "SELECT uid FROM s GROUP BY uid HAVING COUNT(*) > 3 TIMEOUT INTERVAL '1' MINUTE RESET STATE");
  ASSERT_TRUE(before.select().timeout.has_value());
  ASSERT_NE(before.select().having, nullptr);
  EXPECT_TRUE(before.select().timeout->reset_state);
  // Only one of each.
  Error twice = error_of(
      "SELECT uid FROM s GROUP BY uid HAVING a > 1 TIMEOUT INTERVAL '1' MINUTE HAVING a > 2");
  EXPECT_EQ(twice.column, 73);
  EXPECT_EQ(twice.message,
            "syntax error at 'HAVING': expected KEEP, LIMIT, ON, ORDER, RESET, UNION or ';'");
}

TEST(TimeoutTest, WithEmptyGroupingSetAndInUnions) {
  auto global = parse_select("SELECT COUNT(*) FROM s GROUP BY () TIMEOUT INTERVAL '1' SECOND");
  EXPECT_TRUE(global.select().has_group_by);
  EXPECT_TRUE(global.select().timeout.has_value());
  auto statements = parse_ok(
      "SELECT a FROM s GROUP BY a UNION ALL SELECT b FROM t GROUP BY b TIMEOUT INTERVAL '1' SECOND "
      "LIMIT 2");
  const auto& query = *statements.at(0)->as<ast::QueryStatement>().query;
  EXPECT_FALSE(query.selects[0].timeout.has_value());
  EXPECT_TRUE(query.selects[1].timeout.has_value());
  EXPECT_EQ(query.limit, 2);
}

TEST(TimeoutTest, NeedsAnIntervalLiteral) {
  Error e = error_of("SELECT uid FROM logins GROUP BY uid TIMEOUT '1' MINUTE");
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, 45);
  EXPECT_EQ(e.message, "syntax error at ''1'': expected INTERVAL");
  EXPECT_EQ(e.snippet,
            "SELECT uid FROM logins GROUP BY uid TIMEOUT '1' MINUTE\n"
            "                                            ^");
  Error end = error_of("SELECT a FROM s GROUP BY a TIMEOUT");
  EXPECT_EQ(end.message, "unexpected end of input: expected INTERVAL");
  Error typo = error_of("SELECT a FROM s GROUP BY a TIMEOUT INTERVL '1' MINUTE");
  EXPECT_TRUE(contains(typo.message, "did you mean INTERVAL?")) << typo.message;
  // An interval expression is not a literal.
  Error sum =
      error_of("SELECT a FROM s GROUP BY a TIMEOUT INTERVAL '1' SECOND + INTERVAL '1' SECOND");
  EXPECT_EQ(sum.column, 56);
  Error unit = error_of("SELECT a FROM s GROUP BY a TIMEOUT INTERVAL '1'");
  EXPECT_TRUE(contains(unit.message, "needs a unit")) << unit.message;
}

TEST(TimeoutTest, MustBePositive) {
  Error zero = error_of("SELECT a FROM s GROUP BY a TIMEOUT INTERVAL '0' MINUTE");
  EXPECT_EQ(zero.column, 36);
  EXPECT_EQ(zero.message, "TIMEOUT must be a positive interval, e.g. INTERVAL '1' MINUTE");
  EXPECT_FALSE(parse_script("SELECT a FROM s GROUP BY a TIMEOUT INTERVAL -'1' SECOND"));
  EXPECT_FALSE(parse_script("SELECT a FROM s GROUP BY a TIMEOUT INTERVAL '-1' SECOND"));
}

TEST(TimeoutTest, NeedsGroupBy) {
  Error e = error_of("SELECT uid FROM logins TIMEOUT INTERVAL '1' MINUTE");
  EXPECT_EQ(e.column, 24);
  EXPECT_EQ(e.message,
            "TIMEOUT needs a GROUP BY to say what goes idle: write GROUP BY key TIMEOUT INTERVAL "
            "'1' MINUTE");
  Error having = error_of(
      "SELECT COUNT(*) FROM s WHERE a > 1 HAVING COUNT(*) > 1 TIMEOUT INTERVAL '1' "
      "MINUTE");
  EXPECT_EQ(having.column, 56);
  EXPECT_TRUE(contains(having.message, "TIMEOUT needs a GROUP BY")) << having.message;
}

TEST(TimeoutTest, OptionsErrors) {
  Error stat = error_of("SELECT uid FROM s GROUP BY uid TIMEOUT INTERVAL '1' MINUTE KEEP STAT");
  EXPECT_EQ(stat.column, 65);
  EXPECT_EQ(stat.message, "syntax error at 'STAT': expected STATE; did you mean STATE?");
  Error reset = error_of("SELECT uid FROM s GROUP BY uid TIMEOUT INTERVAL '1' MINUTE RESET");
  EXPECT_EQ(reset.message, "unexpected end of input: expected STATE");
  Error both =
      error_of("SELECT uid FROM s GROUP BY uid TIMEOUT INTERVAL '1' MINUTE RESET STATE KEEP STATE");
  EXPECT_EQ(both.column, 72);
  Error domain =
      error_of("SELECT uid FROM s GROUP BY uid TIMEOUT INTERVAL '1' MINUTE ON EVENT TIME");
  EXPECT_EQ(domain.message, "syntax error at 'EVENT': expected PROCESSING");
  Error time = error_of("SELECT uid FROM s GROUP BY uid TIMEOUT INTERVAL '1' MINUTE ON PROCESSING");
  EXPECT_EQ(time.message, "unexpected end of input: expected TIME");
  Error rest = error_of("SELECT uid FROM s GROUP BY uid TIMEOUT INTERVAL '1' MINUTE REST STATE");
  EXPECT_TRUE(contains(rest.message, "did you mean RESET?")) << rest.message;
  Error timout = error_of("SELECT uid FROM s GROUP BY uid TIMOUT INTERVAL '1' MINUTE");
  EXPECT_EQ(timout.column, 32);
  EXPECT_TRUE(contains(timout.message, "did you mean TIMEOUT?")) << timout.message;
  Error alias = error_of("SELECT uid FROM s TIMOUT INTERVAL '1' MINUTE");
  EXPECT_TRUE(contains(alias.message, "did you mean TIMEOUT instead of 'TIMOUT'?"))
      << alias.message;
}

// ---------------------------------------------------------------------------------------------
// Table function calls in FROM (the window table functions and registered ones): the parser
// takes any name and arguments; the binder checks them (tests/sql/time/table_function_errors.test).

using ArgKind = ast::TableArgument::Kind;

TEST(TableFunctionTest, Tumble) {
  auto parsed = parse_select(
      "SELECT window_start, window_end, auction, COUNT(*) AS bids\n"
      "FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND))\n"
      "GROUP BY window_start, window_end, auction");
  const ast::Select& select = parsed.select();
  ASSERT_TRUE(select.from.has_value());
  const ast::TableRef& from = *select.from;
  EXPECT_EQ(from.kind, ast::TableRef::Kind::Function);
  EXPECT_EQ(from.pos.line, 2);
  EXPECT_EQ(from.pos.column, 6);
  EXPECT_FALSE(from.alias.has_value());
  ASSERT_NE(from.function, nullptr);
  const ast::TableFunction& f = *from.function;
  EXPECT_EQ(f.name.text, "TUMBLE");
  EXPECT_EQ(f.pos.line, 2);
  EXPECT_EQ(f.pos.column, 12);
  EXPECT_EQ(f.end.column, 66);
  ASSERT_EQ(f.args.size(), 3u);
  EXPECT_EQ(f.args[0].kind, ArgKind::Table);
  EXPECT_EQ(f.args[0].table.text, "bid");
  EXPECT_EQ(f.args[0].table.pos.column, 25);
  EXPECT_TRUE(f.args[0].partition_by.empty());
  EXPECT_EQ(f.args[0].partition_pos.line, 0);
  EXPECT_EQ(f.args[1].kind, ArgKind::Descriptor);
  ASSERT_EQ(f.args[1].columns.size(), 1u);
  EXPECT_EQ(f.args[1].columns[0].text, "ts");
  EXPECT_EQ(f.args[1].columns[0].pos.column, 41);
  EXPECT_EQ(f.args[2].kind, ArgKind::Expr);
  EXPECT_EQ(interval_ms(*f.args[2].expr), 10'000);
  EXPECT_EQ(f.args[2].expr->text, "INTERVAL '10' SECOND");
  ASSERT_EQ(select.group_by.size(), 3u);
  EXPECT_EQ(select.group_by[0]->as<ast::ColumnRef>().name.text, "window_start");
  EXPECT_EQ(select.items[1].expr->as<ast::ColumnRef>().name.text, "window_end");
}

TEST(TableFunctionTest, AliasesAndOffset) {
  auto with_as = parse_select(
      "SELECT w.window_start FROM TABLE(tumble(TABLE bid, DESCRIPTOR(ts), INTERVAL '1' MINUTE, "
      "INTERVAL '5' SECOND)) AS w");
  const ast::TableRef& a = *with_as.select().from;
  EXPECT_EQ(a.alias->text, "w");
  EXPECT_EQ(a.function->name.text, "tumble");
  ASSERT_EQ(a.function->args.size(), 4u);
  EXPECT_EQ(interval_ms(*a.function->args[3].expr), 5'000);
  auto bare = parse_select(
      "SELECT * FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) w WHERE x > 1");
  EXPECT_EQ(bare.select().from->alias->text, "w");
  EXPECT_NE(bare.select().where, nullptr);
}

// Flink 2.x takes a call without TABLE(...) around it too.
TEST(TableFunctionTest, WithoutTableWrapper) {
  auto parsed = parse_select(
      "SELECT * FROM HOP(TABLE bid, DESCRIPTOR(bidtime), INTERVAL '5' SECOND, "
      "INTERVAL '10' SECOND) AS h");
  const ast::TableRef& from = *parsed.select().from;
  EXPECT_EQ(from.kind, ast::TableRef::Kind::Function);
  EXPECT_EQ(from.function->name.text, "HOP");
  EXPECT_EQ(from.function->pos.column, 15);
  ASSERT_EQ(from.function->args.size(), 4u);
  EXPECT_EQ(interval_ms(*from.function->args[2].expr), 5'000);
  EXPECT_EQ(interval_ms(*from.function->args[3].expr), 10'000);
  EXPECT_EQ(from.alias->text, "h");
}

TEST(TableFunctionTest, PartitionKeys) {
  auto one = parse_select(
      "SELECT * FROM TABLE(SESSION(TABLE bid PARTITION BY item, DESCRIPTOR(ts), "
      "INTERVAL '30' SECOND))");
  const ast::TableArgument& t1 = one.select().from->function->args[0];
  ASSERT_EQ(t1.partition_by.size(), 1u);
  EXPECT_EQ(t1.partition_by[0].text, "item");
  EXPECT_EQ(t1.partition_by[0].pos.column, 52);
  EXPECT_EQ(t1.partition_pos.column, 39);
  auto two = parse_select(
      "SELECT * FROM TABLE(SESSION(TABLE bid PARTITION BY (item, `Price`), DESCRIPTOR(ts), "
      "INTERVAL '30' SECOND)) AS s");
  const ast::TableArgument& t2 = two.select().from->function->args[0];
  ASSERT_EQ(t2.partition_by.size(), 2u);
  EXPECT_EQ(t2.partition_by[1].text, "Price");
  EXPECT_TRUE(t2.partition_by[1].quoted);
  EXPECT_EQ(two.select().from->alias->text, "s");
}

// Any name, with TABLE, DESCRIPTOR and expression arguments in any order and number: the binder
// resolves the name and checks the arguments.
TEST(TableFunctionTest, AnyCall) {
  auto parsed = parse_select(
      "SELECT * FROM count_with_timeout(TABLE logins PARTITION BY uid, TABLE other PARTITION BY "
      "(a, b), DESCRIPTOR(x, y), INTERVAL '1' MINUTE, 'text', 1 + 2) c");
  const ast::TableFunction& f = *parsed.select().from->function;
  EXPECT_EQ(f.name.text, "count_with_timeout");
  ASSERT_EQ(f.args.size(), 6u);
  EXPECT_EQ(f.args[0].kind, ArgKind::Table);
  EXPECT_EQ(f.args[0].table.text, "logins");
  EXPECT_EQ(f.args[1].kind, ArgKind::Table);
  EXPECT_EQ(f.args[1].partition_by.size(), 2u);
  EXPECT_EQ(f.args[2].kind, ArgKind::Descriptor);
  EXPECT_EQ(f.args[2].columns.size(), 2u);
  EXPECT_EQ(f.args[3].kind, ArgKind::Expr);
  EXPECT_EQ(f.args[4].expr->text, "'text'");
  EXPECT_EQ(f.args[5].expr->text, "1 + 2");
  EXPECT_EQ(parsed.select().from->alias->text, "c");
  auto empty = parse_select("SELECT * FROM TABLE(nothing())");
  EXPECT_TRUE(empty.select().from->function->args.empty());
  // TUMBLE(bid, ...) parses: that the first argument is not a TABLE is the binder's to say.
  auto expression = parse_select("SELECT * FROM TUMBLE(bid, DESCRIPTOR(ts), INTERVAL '1' SECOND)");
  EXPECT_EQ(expression.select().from->function->args[0].kind, ArgKind::Expr);
}

TEST(TableFunctionTest, InsideSubqueriesAndInserts) {
  auto statements = parse_ok(
      "INSERT INTO out SELECT * FROM (SELECT window_start, COUNT(*) AS n FROM "
      "TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start) x");
  const auto& insert = statements.at(0)->as<ast::Insert>();
  const auto& inner = *insert.query->selects[0].from->subquery;
  EXPECT_EQ(inner.selects[0].from->kind, ast::TableRef::Kind::Function);
}

TEST(TableFunctionTest, TableIsStillAName) {
  auto parsed = parse_select("SELECT * FROM table");
  EXPECT_EQ(parsed.select().from->kind, ast::TableRef::Kind::Named);
  EXPECT_EQ(parsed.select().from->name.text, "table");
  auto aliased = parse_select("SELECT * FROM table t");
  EXPECT_EQ(aliased.select().from->alias->text, "t");
}

TEST(TableFunctionTest, SyntaxErrors) {
  Error by = error_of(
      "SELECT * FROM TABLE(SESSION(TABLE bid PARTITION a, DESCRIPTOR(ts), INTERVAL '1' SECOND))");
  EXPECT_EQ(by.column, 49);
  EXPECT_EQ(by.message, "syntax error at 'a': expected BY");
  Error empty = error_of(
      "SELECT * FROM TABLE(SESSION(TABLE bid PARTITION BY (), DESCRIPTOR(ts), INTERVAL '1' "
      "SECOND))");
  EXPECT_EQ(empty.column, 53);
  Error typo = error_of(
      "SELECT * FROM TABLE(SESSION(TABLE bid PARTITON BY a, DESCRIPTOR(ts), INTERVAL '1' SECOND))");
  EXPECT_EQ(typo.column, 39);
  EXPECT_TRUE(contains(typo.message, "did you mean PARTITION?")) << typo.message;
  Error subquery = error_of(
      "SELECT * FROM TABLE(TUMBLE(TABLE (SELECT 1), DESCRIPTOR(ts), INTERVAL '1' SECOND))");
  EXPECT_EQ(subquery.column, 35);
  EXPECT_EQ(subquery.message, "syntax error at 'SELECT'");
  Error paren =
      error_of("SELECT * FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '1' SECOND) w");
  EXPECT_EQ(paren.column, 76);
  EXPECT_EQ(paren.message, "syntax error at 'w': expected ')'");
}

// ---------------------------------------------------------------------------------------------
// CREATE STREAM: computed columns and idle watermarks

TEST(CreateStreamTimeTest, ComputedColumnsMixWithPhysicalOnes) {
  auto statements = parse_ok(
      "CREATE STREAM orders (\n"
      "  price DECIMAL(10, 2),\n"
      "  qty   INT NOT NULL,\n"
      "  pt AS PROCTIME(),\n"
      "  total AS price * qty,\n"
      "  ts    TIMESTAMP(3)\n"
      ")");
  const auto& create = statements.at(0)->as<ast::CreateStream>();
  ASSERT_EQ(create.columns.size(), 5u);
  EXPECT_EQ(create.columns[0].computed, nullptr);
  EXPECT_EQ(create.columns[0].type, Type::decimal(10, 2));
  EXPECT_TRUE(create.columns[1].not_null);
  const ast::ColumnDef& pt = create.columns[2];
  EXPECT_EQ(pt.name.text, "pt");
  EXPECT_EQ(pt.name.pos.line, 4);
  EXPECT_EQ(pt.type.id, TypeId::Null);
  EXPECT_FALSE(pt.not_null);
  ASSERT_NE(pt.computed, nullptr);
  EXPECT_EQ(call(pt.computed).name, "PROCTIME");
  EXPECT_EQ(pt.computed->text, "PROCTIME()");
  EXPECT_EQ(pt.computed->pos.column, 9);
  const ast::ColumnDef& total = create.columns[3];
  ASSERT_NE(total.computed, nullptr);
  EXPECT_EQ(total.computed->kind, ast::ExprKind::Binary);
  EXPECT_EQ(total.computed->text, "price * qty");
  EXPECT_EQ(create.columns[4].type, Type::timestamp());
}

TEST(CreateStreamTimeTest, ComputedColumnErrors) {
  Error missing = error_of("CREATE STREAM s (pt AS)");
  EXPECT_EQ(missing.column, 23);
  EXPECT_EQ(missing.message, "syntax error at ')': expected an expression");
  // A computed column's type comes from its expression; it declares none.
  Error typed = error_of("CREATE STREAM s (pt INT AS 1)");
  EXPECT_EQ(typed.column, 25);
}

TEST(CreateStreamTimeTest, WatermarkAdvanceAfterIdle) {
  auto statements = parse_ok(
      "CREATE STREAM logins (uid STRING, ts TIMESTAMP(3),\n"
      "  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND ADVANCE AFTER INTERVAL '30' SECOND IDLE)");
  const auto& create = statements.at(0)->as<ast::CreateStream>();
  ASSERT_TRUE(create.watermark.has_value());
  EXPECT_EQ(create.watermark->expr->text, "ts - INTERVAL '5' SECOND");
  EXPECT_EQ(create.watermark->idle_advance_ms, 30'000);
  auto plain = parse_ok("CREATE STREAM s (ts TIMESTAMP(3), WATERMARK FOR ts AS ts)");
  EXPECT_FALSE(plain.at(0)->as<ast::CreateStream>().watermark->idle_advance_ms.has_value());
  // A column called `advance` does not confuse the clause.
  auto named = parse_ok(
      "CREATE STREAM s (ts TIMESTAMP(3), advance INT, "
      "WATERMARK FOR ts AS ts - advance ADVANCE AFTER INTERVAL '1' MINUTE IDLE)");
  const auto& n = named.at(0)->as<ast::CreateStream>();
  EXPECT_EQ(n.watermark->expr->text, "ts - advance");
  EXPECT_EQ(n.watermark->idle_advance_ms, 60'000);
}

TEST(CreateStreamTimeTest, WatermarkIdleErrors) {
  Error idle = error_of(
      "CREATE STREAM s (ts TIMESTAMP(3), WATERMARK FOR ts AS ts ADVANCE AFTER INTERVAL '30' "
      "SECOND)");
  EXPECT_EQ(idle.column, 92);
  EXPECT_EQ(idle.message, "syntax error at ')': expected IDLE");
  Error after = error_of(
      "CREATE STREAM s (ts TIMESTAMP(3), WATERMARK FOR ts AS ts ADVANCE INTERVAL '30' SECOND "
      "IDLE)");
  EXPECT_EQ(after.column, 66);
  EXPECT_EQ(after.message, "syntax error at 'INTERVAL': expected AFTER");
  Error interval = error_of(
      "CREATE STREAM s (ts TIMESTAMP(3), WATERMARK FOR ts AS ts ADVANCE AFTER '30' SECOND IDLE)");
  EXPECT_EQ(interval.column, 72);
  EXPECT_EQ(interval.message, "syntax error at ''30'': expected INTERVAL");
  Error zero = error_of(
      "CREATE STREAM s (ts TIMESTAMP(3), WATERMARK FOR ts AS ts ADVANCE AFTER INTERVAL '0' SECOND "
      "IDLE)");
  EXPECT_EQ(zero.column, 72);
  EXPECT_EQ(
      zero.message,
      "ADVANCE AFTER needs a positive interval, e.g. ADVANCE AFTER INTERVAL '30' SECOND IDLE");
  Error typo = error_of(
      "CREATE STREAM s (ts TIMESTAMP(3), WATERMARK FOR ts AS ts ADVANCE AFTER INTERVAL '3' SECOND "
      "IDEL)");
  EXPECT_TRUE(contains(typo.message, "did you mean IDLE?")) << typo.message;
}

// ---------------------------------------------------------------------------------------------
// SHOW QUERIES

TEST(ShowQueriesTest, Parses) {
  auto statements = parse_ok("SHOW QUERIES; show queries");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0]->as<ast::Show>().what, ast::Show::What::Queries);
  EXPECT_EQ(statements[1]->as<ast::Show>().what, ast::Show::What::Queries);
  Error e = error_of("SHOW QUERYS");
  EXPECT_EQ(e.column, 6);
  EXPECT_EQ(
      e.message,
      "syntax error at 'QUERYS': expected CREATE, FUNCTIONS, QUERIES, SETTINGS, STREAMS, TABLES "
      "or VIEWS; did you mean QUERIES?");
}

// ---------------------------------------------------------------------------------------------
// The new words stay names

TEST(NonReservedTest, NewWordsAreUsableAsNames) {
  const char* words[] = {"window_start", "window_end", "window_time", "timeout", "state",
                         "keep",         "reset",      "idle",        "advance", "after",
                         "descriptor",   "partition",  "hop",         "tumble",  "session",
                         "cumulate",     "processing", "time",        "queries"};
  for (const char* word : words) {
    std::string w = word;
    // As a column, a qualified column, an alias (with and without AS), a stream, a table alias,
    // a GROUP BY key and a column definition.
    for (const std::string& sql :
         {"SELECT " + w + ", s." + w + " FROM s", "SELECT a AS " + w + ", b " + w + " FROM s",
          "SELECT * FROM " + w + " AS x", "SELECT * FROM s " + w,
          "SELECT * FROM s AS " + w + " WHERE " + w + ".a > 1",
          "SELECT " + w + ", COUNT(*) FROM s GROUP BY " + w + " HAVING " + w + " > 1",
          "SELECT a FROM s GROUP BY " + w + " TIMEOUT INTERVAL '1' MINUTE",
          "CREATE STREAM " + w + " (" + w + " INT, x AS " + w + " + 1)",
          "SELECT * FROM TABLE(TUMBLE(TABLE " + w + ", DESCRIPTOR(" + w +
              "), INTERVAL '1' "
              "SECOND)) " +
              w}) {
      auto result = parse_script(sql);
      EXPECT_TRUE(result) << sql << ": " << result.error().to_string();
    }
  }
  auto parsed = parse_select("SELECT * FROM s timeout");
  EXPECT_EQ(parsed.select().from->alias->text, "timeout");
  EXPECT_FALSE(parsed.select().timeout.has_value());
  auto key = parse_select("SELECT a FROM s GROUP BY timeout TIMEOUT INTERVAL '1' MINUTE");
  EXPECT_EQ(key.select().group_by.at(0)->text, "timeout");
  EXPECT_TRUE(key.select().timeout.has_value());
}

TEST(NonReservedTest, SessionAndTumbleAreFunctionsAndColumns) {
  auto parsed = parse_select("SELECT session, tumble(ts, INTERVAL '1' SECOND) FROM s");
  EXPECT_EQ(parsed.select().items[0].expr->kind, ast::ExprKind::Column);
  EXPECT_EQ(call(parsed.select().items[1].expr).name, "TUMBLE");
}

// ---------------------------------------------------------------------------------------------
// Depth checks still hold in the new clauses

TEST(GroupWindowLimitsTest, DeepNestingInNewClausesIsAnError) {
  for (const std::string& prefix :
       {std::string("SELECT a FROM s GROUP BY "), std::string("SELECT a FROM s HAVING "),
        std::string("SELECT * FROM TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), "),
        std::string("CREATE STREAM s (a AS ")}) {
    std::string sql = prefix + repeat("(", 100'000) + "1" + repeat(")", 100'000);
    auto result = parse_script(sql);
    ASSERT_FALSE(result) << prefix;
    EXPECT_TRUE(contains(result.error().message, "nested too deeply")) << result.error().message;
  }
}

TEST(GroupWindowLimitsTest, ChainsThroughWordsThatAreAlsoClauses) {
  // TIMEOUT and SET start clauses but are also names; in a chain they must not reset the depth
  // estimate, or a long chain would reach ANTLR and build a huge parse tree before failing.
  for (const char* word : {"timeout", "set"}) {
    std::string sql = "SELECT a" + repeat(std::string(" + ") + word + " + a", 100'000);
    auto result = parse_script(sql);
    ASSERT_FALSE(result) << word;
    EXPECT_TRUE(contains(result.error().message, "nested too deeply")) << result.error().message;
    EXPECT_LT(result.error().column, 20'000) << word;  // refused by the pre-scan, near the start
  }
  std::string keys = "SELECT a FROM s GROUP BY " + repeat("a + ", 2'000) + "a";
  EXPECT_FALSE(parse_script(keys));
  std::string many_keys = "SELECT a FROM s GROUP BY a" + repeat(", a + a", 2'000) +
                          " TIMEOUT INTERVAL '1' SECOND HAVING a" + repeat(" + a", 500);
  EXPECT_TRUE(parse_script(many_keys));
}

}  // namespace
}  // namespace eddy
