// Expressions: precedence, predicates, calls and their special syntaxes, CASE, CAST, column
// references, positions and source texts.
#include <gtest/gtest.h>

#include "parser/parser.h"

namespace eddy {
namespace {

// Renders an expression fully parenthesised, so a test states the tree it expects in one line.
std::string tree(const ast::Expr& e) {
  auto name = [](const std::optional<ast::Name>& q, const std::string& n) {
    return q ? q->text + "." + n : n;
  };
  auto list = [](const std::vector<ast::ExprPtr>& items) {
    std::string out;
    for (const auto& item : items) out += " " + tree(*item);
    return out;
  };
  switch (e.kind) {
    case ast::ExprKind::Literal:
      return e.text;
    case ast::ExprKind::Column: {
      const auto& c = e.as<ast::ColumnRef>();
      return name(c.qualifier, c.name.text);
    }
    case ast::ExprKind::Star:
      return name(e.as<ast::Star>().qualifier, "*");
    case ast::ExprKind::Unary: {
      const auto& u = e.as<ast::Unary>();
      return "(" + u.op + " " + tree(*u.operand) + ")";
    }
    case ast::ExprKind::Binary: {
      const auto& b = e.as<ast::Binary>();
      return "(" + b.op + " " + tree(*b.left) + " " + tree(*b.right) + ")";
    }
    case ast::ExprKind::Call: {
      const auto& c = e.as<ast::Call>();
      return c.name + "(" + (c.distinct ? "DISTINCT" : "") + list(c.args) + ")";
    }
    case ast::ExprKind::Case: {
      const auto& c = e.as<ast::Case>();
      std::string out = "(CASE";
      if (c.operand) out += " " + tree(*c.operand);
      for (const auto& [when, then] : c.whens) out += " (" + tree(*when) + " " + tree(*then) + ")";
      if (c.otherwise) out += " ELSE " + tree(*c.otherwise);
      return out + ")";
    }
    case ast::ExprKind::Cast: {
      const auto& c = e.as<ast::Cast>();
      return std::string(c.try_cast ? "(TRY_CAST " : "(CAST ") + tree(*c.operand) + " " +
             c.type.to_string() + ")";
    }
    case ast::ExprKind::IsNull: {
      const auto& n = e.as<ast::IsNull>();
      return std::string(n.negated ? "(IS NOT NULL " : "(IS NULL ") + tree(*n.operand) + ")";
    }
    case ast::ExprKind::Like: {
      const auto& l = e.as<ast::Like>();
      return std::string(l.negated ? "(NOT LIKE " : "(LIKE ") + tree(*l.operand) + " " +
             tree(*l.pattern) + (l.escape ? " ESCAPE " + tree(*l.escape) : "") + ")";
    }
    case ast::ExprKind::InList: {
      const auto& i = e.as<ast::InList>();
      return std::string(i.negated ? "(NOT IN " : "(IN ") + tree(*i.operand) + list(i.list) + ")";
    }
    case ast::ExprKind::Between: {
      const auto& b = e.as<ast::Between>();
      return std::string(b.negated ? "(NOT BETWEEN " : "(BETWEEN ") + tree(*b.operand) + " " +
             tree(*b.low) + " " + tree(*b.high) + ")";
    }
    case ast::ExprKind::Exists: {
      const auto& x = e.as<ast::Exists>();
      return std::string(x.negated ? "(NOT EXISTS " : "(EXISTS ") + x.subquery->text + ")";
    }
    case ast::ExprKind::InQuery: {
      const auto& q = e.as<ast::InQuery>();
      return std::string(q.negated ? "(NOT IN " : "(IN ") + tree(*q.operand) + " " +
             q.subquery->text + ")";
    }
  }
  return "?";
}

// The first select item of `SELECT <expr>`, kept alive with its statement.
struct Parsed {
  std::vector<ast::StatementPtr> statements;
  const ast::Expr& expr() const {
    return *statements.at(0)->as<ast::QueryStatement>().query->selects.at(0).items.at(0).expr;
  }
};

Parsed parse_expr(const std::string& expr) {
  auto result = parse_script("SELECT " + expr);
  if (!result) {
    ADD_FAILURE() << expr << ": " << result.error().to_string();
    Parsed fallback;
    fallback.statements = std::move(parse_script("SELECT NULL").value());
    return fallback;
  }
  return Parsed{std::move(result).value()};
}

std::string tree(const std::string& expr) { return tree(parse_expr(expr).expr()); }

TEST(ExprTest, ArithmeticPrecedenceAndAssociativity) {
  EXPECT_EQ(tree("a + b * c"), "(+ a (* b c))");
  EXPECT_EQ(tree("a * b + c"), "(+ (* a b) c)");
  EXPECT_EQ(tree("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(tree("a / b % c * d"), "(* (% (/ a b) c) d)");
  EXPECT_EQ(tree("(a + b) * c"), "(* (+ a b) c)");
  EXPECT_EQ(tree("a || b + c"), "(+ (|| a b) c)");  // || and + share a level, left to right
  EXPECT_EQ(tree("a || b * c"), "(|| a (* b c))");
}

TEST(ExprTest, UnaryBindsTighterThanBinary) {
  EXPECT_EQ(tree("-a * b"), "(* (- a) b)");
  EXPECT_EQ(tree("- - 1"), "(- (- 1))");
  EXPECT_EQ(tree("+a - -b"), "(- (+ a) (- b))");
}

TEST(ExprTest, BooleanPrecedence) {
  EXPECT_EQ(tree("a OR b AND c"), "(OR a (AND b c))");
  EXPECT_EQ(tree("a AND b OR c AND d"), "(OR (AND a b) (AND c d))");
  EXPECT_EQ(tree("NOT a AND b"), "(AND (NOT a) b)");
  EXPECT_EQ(tree("NOT a = b"), "(NOT (= a b))");
  EXPECT_EQ(tree("NOT NOT a"), "(NOT (NOT a))");
  EXPECT_EQ(tree("a = b AND c <> d OR e"), "(OR (AND (= a b) (<> c d)) e)");
  EXPECT_EQ(tree("a + 1 > b * 2"), "(> (+ a 1) (* b 2))");
  EXPECT_EQ(tree("a and b or not c"), "(OR (AND a b) (NOT c))");
  EXPECT_EQ(tree("NOT EXISTS (SELECT 1) OR a"), "(OR (NOT EXISTS SELECT 1) a)");
  EXPECT_EQ(tree("a IS NOT DISTINCT FROM b + 1 AND c IS DISTINCT FROM NULL"),
            "(AND (IS NOT DISTINCT FROM a (+ b 1)) (IS DISTINCT FROM c NULL))");
  EXPECT_EQ(tree("a AND EXISTS (SELECT 1)"), "(AND a (EXISTS SELECT 1))");
}

TEST(ExprTest, Comparisons) {
  EXPECT_EQ(tree("a = 1"), "(= a 1)");
  EXPECT_EQ(tree("a <> 1"), "(<> a 1)");
  EXPECT_EQ(tree("a != 1"), "(<> a 1)");
  EXPECT_EQ(tree("a < 1"), "(< a 1)");
  EXPECT_EQ(tree("a <= 1"), "(<= a 1)");
  EXPECT_EQ(tree("a > 1"), "(> a 1)");
  EXPECT_EQ(tree("a >= 1"), "(>= a 1)");
}

TEST(ExprTest, Predicates) {
  EXPECT_EQ(tree("a IS NULL"), "(IS NULL a)");
  EXPECT_EQ(tree("a + 1 IS NOT NULL"), "(IS NOT NULL (+ a 1))");
  EXPECT_EQ(tree("s LIKE 'a%'"), "(LIKE s 'a%')");
  EXPECT_EQ(tree("s NOT LIKE 'a!%' ESCAPE '!'"), "(NOT LIKE s 'a!%' ESCAPE '!')");
  EXPECT_EQ(tree("a IN (1, 2, b + 1)"), "(IN a 1 2 (+ b 1))");
  EXPECT_EQ(tree("a NOT IN ('x')"), "(NOT IN a 'x')");
  EXPECT_EQ(tree("a BETWEEN 1 AND b + 2"), "(BETWEEN a 1 (+ b 2))");
  EXPECT_EQ(tree("a NOT BETWEEN 1 AND 2 AND c"), "(AND (NOT BETWEEN a 1 2) c)");
  EXPECT_EQ(tree("NOT a IS NULL"), "(NOT (IS NULL a))");
  EXPECT_EQ(tree("ts BETWEEN o.ts AND o.ts + INTERVAL '4' HOUR"),
            "(BETWEEN ts o.ts (+ o.ts INTERVAL '4' HOUR))");
}

TEST(ExprTest, ComparisonsDoNotChain) {
  EXPECT_FALSE(parse_script("SELECT a = b = c"));
  EXPECT_TRUE(parse_script("SELECT (a = b) = c"));
}

TEST(ExprTest, ColumnReferences) {
  EXPECT_EQ(tree("a"), "a");
  EXPECT_EQ(tree("t.a"), "t.a");
  auto parsed = parse_expr("`My Col`");
  const auto& column = parsed.expr().as<ast::ColumnRef>();
  EXPECT_EQ(column.name.text, "My Col");
  EXPECT_TRUE(column.name.quoted);
  EXPECT_FALSE(column.qualifier.has_value());
  auto qualified = parse_expr("\"T\".\"a\"\"b\"");
  const auto& q = qualified.expr().as<ast::ColumnRef>();
  EXPECT_EQ(q.qualifier->text, "T");
  EXPECT_TRUE(q.qualifier->quoted);
  EXPECT_EQ(q.name.text, "a\"b");
  auto plain = parse_expr("Mixed");
  EXPECT_EQ(plain.expr().as<ast::ColumnRef>().name.text, "Mixed");  // as written
  EXPECT_FALSE(plain.expr().as<ast::ColumnRef>().name.quoted);
}

TEST(ExprTest, CommonColumnNamesAreNotReserved) {
  for (const char* name :
       {"timestamp", "value",        "key",       "type", "status", "count",     "date",
        "time",      "window_start", "data",      "name", "user",   "interval",  "position",
        "ts",        "second",       "day",       "hour", "table",  "stream",    "desc",
        "set",       "show",         "watermark", "cast", "trim",   "substring", "extract",
        "if",        "for",          "floor",     "ceil", "to",     "semi",      "anti"}) {
    auto result = parse_script(std::string("SELECT ") + name + ", t." + name + " AS " + name +
                               " FROM s AS " + name + " WHERE " + name + " > 1");
    ASSERT_TRUE(result) << name << ": " << result.error().to_string();
    const auto& select = result.value()[0]->as<ast::QueryStatement>().query->selects[0];
    ASSERT_EQ(select.items[0].expr->kind, ast::ExprKind::Column) << name;
    EXPECT_EQ(select.items[0].expr->as<ast::ColumnRef>().name.text, name);
    EXPECT_EQ(select.items[1].alias->text, name);
    EXPECT_EQ(select.from->alias->text, name);
  }
  auto result = parse_script(
      "CREATE STREAM s (timestamp TIMESTAMP(3), value INT, key STRING, type STRING, date STRING,"
      " time STRING, `user` STRING, count BIGINT)");
  ASSERT_TRUE(result) << result.error().to_string();
  EXPECT_EQ(result.value()[0]->as<ast::CreateStream>().columns.size(), 8u);
}

TEST(ExprTest, FunctionCalls) {
  EXPECT_EQ(tree("f()"), "F()");
  EXPECT_EQ(tree("lower(a)"), "LOWER( a)");
  EXPECT_EQ(tree("coalesce(a, b, 1)"), "COALESCE( a b 1)");
  EXPECT_EQ(tree("COUNT(*)"), "COUNT( *)");
  EXPECT_EQ(tree("count(DISTINCT uid)"), "COUNT(DISTINCT uid)");
  EXPECT_EQ(tree("SUM(ALL x)"), "SUM( x)");
  EXPECT_EQ(tree("LEFT(s, 3)"), "LEFT( s 3)");
  EXPECT_EQ(tree("right(s, 3)"), "RIGHT( s 3)");
  EXPECT_EQ(tree("MOD(a, 2)"), "MOD( a 2)");
  EXPECT_EQ(tree("IF(a > 1, 'x', 'y')"), "IF( (> a 1) 'x' 'y')");
  EXPECT_EQ(tree("f(g(h(1)))"), "F( G( H( 1)))");
  EXPECT_EQ(tree("TIMEOUT_TIME()"), "TIMEOUT_TIME()");

  auto parsed = parse_expr("COUNT(*)");
  const auto& call = parsed.expr().as<ast::Call>();
  ASSERT_EQ(call.args.size(), 1u);
  EXPECT_EQ(call.args[0]->kind, ast::ExprKind::Star);
  EXPECT_FALSE(call.args[0]->as<ast::Star>().qualifier.has_value());
  EXPECT_EQ(call.args[0]->pos.column, 14);
}

TEST(ExprTest, SpecialCallSyntaxes) {
  EXPECT_EQ(tree("EXTRACT(hour FROM ts)"), "EXTRACT( hour ts)");
  auto extract = parse_expr("EXTRACT(hour FROM ts)");
  const auto& unit = extract.expr().as<ast::Call>().args.at(0)->as<ast::Literal>();
  EXPECT_EQ(unit.value, Value::string("HOUR"));

  EXPECT_EQ(tree("POSITION('b' IN s)"), "POSITION( 'b' s)");
  EXPECT_EQ(tree("POSITION('b' IN (s))"), "POSITION( 'b' s)");  // not POSITION(('b' IN (s)))
  EXPECT_EQ(tree("SUBSTRING(s FROM 2 FOR 3)"), "SUBSTRING( s 2 3)");
  EXPECT_EQ(tree("SUBSTRING(s FROM 2)"), "SUBSTRING( s 2)");
  EXPECT_EQ(tree("SUBSTRING(s, 2, 3)"), "SUBSTRING( s 2 3)");
  EXPECT_EQ(tree("TRIM(s)"), "TRIM( s)");
  EXPECT_EQ(tree("TRIM(BOTH FROM s)"), "TRIM( s)");
  EXPECT_EQ(tree("TRIM(' ' FROM s)"), "TRIM( s ' ')");
  EXPECT_EQ(tree("TRIM(LEADING 'x' FROM s)"), "LTRIM( s 'x')");
  EXPECT_EQ(tree("TRIM(TRAILING FROM s)"), "RTRIM( s)");
}

// Time units as bare words, and functions called without parentheses, as in Flink.
TEST(ExprTest, TimeUnitsAndNiladicFunctions) {
  auto unit_of = [](const Parsed& parsed, size_t arg) {
    const auto& literal = parsed.expr().as<ast::Call>().args.at(arg)->as<ast::Literal>();
    return literal.value.string_value();
  };
  EXPECT_EQ(tree("FLOOR(ts TO hour)"), "FLOOR( ts hour)");
  EXPECT_EQ(unit_of(parse_expr("FLOOR(ts TO hour)"), 1), "HOUR");
  EXPECT_EQ(tree("ceil(ts + INTERVAL '1' SECOND TO Month)"),
            "CEIL( (+ ts INTERVAL '1' SECOND) Month)");
  EXPECT_EQ(unit_of(parse_expr("CEIL(ts TO Month)"), 1), "MONTH");
  EXPECT_EQ(tree("FLOOR(x)"), "FLOOR( x)");
  EXPECT_EQ(tree("CEIL(x)"), "CEIL( x)");

  EXPECT_EQ(tree("TIMESTAMPADD(DAY, 3, ts)"), "TIMESTAMPADD( DAY 3 ts)");
  EXPECT_EQ(unit_of(parse_expr("TIMESTAMPADD(week, 3, ts)"), 0), "WEEK");
  EXPECT_EQ(unit_of(parse_expr("timestampdiff(Hour, a, b)"), 0), "HOUR");
  EXPECT_EQ(unit_of(parse_expr("TIMESTAMPADD('DAY', 3, ts)"), 0), "DAY");
  auto diff = parse_expr("TIMESTAMPDIFF(HOUR, a, b)");
  const auto& args = diff.expr().as<ast::Call>().args;
  EXPECT_EQ(args.at(0)->pos.column, 22);
  EXPECT_EQ(args.at(1)->kind, ast::ExprKind::Column);  // only the unit is a bare word
  // A quoted name stays a column (and the function then asks for a unit).
  EXPECT_EQ(parse_expr("TIMESTAMPADD(\"DAY\", 3, ts)").expr().as<ast::Call>().args.at(0)->kind,
            ast::ExprKind::Column);

  for (const char* text : {"CURRENT_TIMESTAMP", "localtimestamp"}) {
    auto parsed = parse_expr(text);
    ASSERT_EQ(parsed.expr().kind, ast::ExprKind::Call) << text;
    EXPECT_TRUE(parsed.expr().as<ast::Call>().args.empty());
    EXPECT_EQ(parsed.expr().text, text);
  }
  EXPECT_EQ(tree("CURRENT_TIMESTAMP"), "CURRENT_TIMESTAMP()");
  EXPECT_EQ(tree("CURRENT_TIMESTAMP()"), "CURRENT_TIMESTAMP()");
  EXPECT_EQ(tree("`current_timestamp`"), "current_timestamp");
  EXPECT_EQ(tree("t.current_timestamp"), "t.current_timestamp");
}

TEST(ExprTest, CaseExpressions) {
  EXPECT_EQ(tree("CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END"),
            "(CASE ((> a 1) 'x') ((> a 0) 'y') ELSE 'z')");
  EXPECT_EQ(tree("CASE status WHEN 'ok' THEN 1 END"), "(CASE status ('ok' 1))");
  EXPECT_EQ(tree("CASE WHEN CASE WHEN a THEN b END THEN 1 END"), "(CASE ((CASE (a b)) 1))");
}

TEST(ExprTest, Casts) {
  EXPECT_EQ(tree("CAST(a AS BIGINT)"), "(CAST a BIGINT)");
  EXPECT_EQ(tree("TRY_CAST(a AS DECIMAL(10, 2))"), "(TRY_CAST a DECIMAL(10, 2))");
  EXPECT_EQ(tree("cast(a + 1 as varchar(20))"), "(CAST (+ a 1) STRING)");
}

TEST(ExprTest, PositionsAndTexts) {
  auto result = parse_script("SELECT a + b * c,\n  f(x, 'y') AS z\nFROM s");
  ASSERT_TRUE(result);
  const auto& select = result.value()[0]->as<ast::QueryStatement>().query->selects[0];
  const auto& sum = select.items[0].expr->as<ast::Binary>();
  EXPECT_EQ(sum.text, "a + b * c");
  EXPECT_EQ(sum.pos.line, 1);
  EXPECT_EQ(sum.pos.column, 8);
  EXPECT_EQ(sum.right->text, "b * c");
  EXPECT_EQ(sum.right->pos.column, 12);
  EXPECT_EQ(sum.left->text, "a");
  const auto& call = select.items[1].expr->as<ast::Call>();
  EXPECT_EQ(call.text, "f(x, 'y')");
  EXPECT_EQ(call.pos.line, 2);
  EXPECT_EQ(call.pos.column, 3);
  EXPECT_EQ(call.args[1]->text, "'y'");
  EXPECT_EQ(call.args[1]->pos.column, 8);
  EXPECT_EQ(select.items[1].alias->text, "z");
  EXPECT_EQ(select.items[1].alias->pos.column, 16);
}

TEST(ExprTest, ParenthesesAreKeptInTextAndPosition) {
  auto parsed = parse_expr("(a + b) * c");
  const auto& product = parsed.expr().as<ast::Binary>();
  EXPECT_EQ(product.text, "(a + b) * c");
  EXPECT_EQ(product.left->text, "(a + b)");
  EXPECT_EQ(product.left->pos.column, 8);
  EXPECT_EQ(product.left->as<ast::Binary>().left->pos.column, 9);
}

TEST(ExprTest, TextKeepsCommentsAndLayout) {
  auto parsed = parse_expr("a +  /* plus */\n b");
  EXPECT_EQ(parsed.expr().text, "a +  /* plus */\n b");
}

TEST(ExprTest, NonAsciiIdentifiersAndStrings) {
  auto parsed = parse_expr("'ünïcode' AS größe");
  EXPECT_EQ(parsed.expr().as<ast::Literal>().value, Value::string("ünïcode"));
  auto result = parse_script("SELECT größe + 1, x FROM s");
  ASSERT_TRUE(result) << result.error().to_string();
  const auto& items = result.value()[0]->as<ast::QueryStatement>().query->selects[0].items;
  EXPECT_EQ(items[0].expr->as<ast::Binary>().left->as<ast::ColumnRef>().name.text, "größe");
  EXPECT_EQ(items[1].expr->pos.column, 19);  // columns count characters, not bytes
}

}  // namespace
}  // namespace eddy
