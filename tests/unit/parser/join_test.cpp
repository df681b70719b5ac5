// Joins in FROM and [NOT] EXISTS (query): every join kind, comma joins, chains nesting to the left,
// aliases, positions, the folded NOT of NOT EXISTS, the syntax errors with their line:col, and the
// bound on the number of joins.
#include <gtest/gtest.h>

#include "parse_test_util.h"
#include "parser/parser.h"

namespace eddy {
namespace {

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

const char* kind_name(ast::JoinKind kind) {
  switch (kind) {
    case ast::JoinKind::Inner:
      return "INNER";
    case ast::JoinKind::Left:
      return "LEFT";
    case ast::JoinKind::Right:
      return "RIGHT";
    case ast::JoinKind::Full:
      return "FULL";
    case ast::JoinKind::LeftSemi:
      return "SEMI";
    case ast::JoinKind::LeftAnti:
      return "ANTI";
    case ast::JoinKind::Cross:
      return "CROSS";
  }
  return "?";
}

// A FROM item as a one-line tree: joins as (KIND left right [ON condition-text]), primaries as
// their name, (subquery text) or FUNCTION(input), each followed by `:alias` when aliased.
std::string tree(const ast::TableRef& t) {
  std::string alias = t.alias ? ":" + t.alias->text : "";
  switch (t.kind) {
    case ast::TableRef::Kind::Named:
      return t.name.text + alias;
    case ast::TableRef::Kind::Subquery:
      return "(" + t.subquery->text + ")" + alias;
    case ast::TableRef::Kind::Function:
      return t.function->name.text + "(" + t.function->args[0].table.text + ")" + alias;
    case ast::TableRef::Kind::Join: {
      std::string out =
          std::string("(") + kind_name(t.join) + " " + tree(*t.left) + " " + tree(*t.right);
      if (t.condition) out += " ON " + t.condition->text;
      return out + ")" + alias;
    }
  }
  return "?";
}

std::string from_tree(std::string_view from) {
  return tree(parse_select("SELECT * FROM " + std::string(from)).from());
}

TEST(JoinTest, EveryJoinKind) {
  EXPECT_EQ(from_tree("a JOIN b ON a.k = b.k"), "(INNER a b ON a.k = b.k)");
  EXPECT_EQ(from_tree("a INNER JOIN b ON a.k = b.k"), "(INNER a b ON a.k = b.k)");
  EXPECT_EQ(from_tree("a LEFT JOIN b ON x"), "(LEFT a b ON x)");
  EXPECT_EQ(from_tree("a LEFT OUTER JOIN b ON x"), "(LEFT a b ON x)");
  EXPECT_EQ(from_tree("a RIGHT JOIN b ON x"), "(RIGHT a b ON x)");
  EXPECT_EQ(from_tree("a RIGHT OUTER JOIN b ON x"), "(RIGHT a b ON x)");
  EXPECT_EQ(from_tree("a FULL JOIN b ON x"), "(FULL a b ON x)");
  EXPECT_EQ(from_tree("a FULL OUTER JOIN b ON x"), "(FULL a b ON x)");
  EXPECT_EQ(from_tree("a LEFT SEMI JOIN b ON x"), "(SEMI a b ON x)");
  EXPECT_EQ(from_tree("a LEFT ANTI JOIN b ON x"), "(ANTI a b ON x)");
  EXPECT_EQ(from_tree("a CROSS JOIN b"), "(CROSS a b)");
  // Keywords are case-insensitive.
  EXPECT_EQ(from_tree("a left semi join b on x"), "(SEMI a b ON x)");
  EXPECT_EQ(from_tree("a Left Anti Join b On x"), "(ANTI a b ON x)");
  EXPECT_EQ(from_tree("a full outer join b on x"), "(FULL a b ON x)");
}

TEST(JoinTest, ConditionIsAnExpressionAndCrossHasNone) {
  auto parsed = parse_select(
      "SELECT * FROM a JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts - INTERVAL '1' MINUTE AND a.ts");
  const ast::TableRef& join = parsed.from();
  ASSERT_EQ(join.kind, ast::TableRef::Kind::Join);
  ASSERT_NE(join.condition, nullptr);
  EXPECT_EQ(join.condition->kind, ast::ExprKind::Binary);
  EXPECT_EQ(join.condition->as<ast::Binary>().op, "AND");
  EXPECT_EQ(join.condition->pos.column, 27);
  EXPECT_EQ(join.condition->as<ast::Binary>().right->kind, ast::ExprKind::Between);

  auto cross = parse_select("SELECT * FROM a CROSS JOIN b");
  EXPECT_EQ(cross.from().join, ast::JoinKind::Cross);
  EXPECT_EQ(cross.from().condition, nullptr);
  auto comma = parse_select("SELECT * FROM a, b");
  EXPECT_EQ(comma.from().join, ast::JoinKind::Cross);
  EXPECT_EQ(comma.from().condition, nullptr);
}

TEST(JoinTest, CommaJoinsNestToTheLeft) {
  EXPECT_EQ(from_tree("a, b"), "(CROSS a b)");
  EXPECT_EQ(from_tree("a, b, c"), "(CROSS (CROSS a b) c)");
  EXPECT_EQ(from_tree("a x, b AS y, c"), "(CROSS (CROSS a:x b:y) c)");
  // A comma binds looser than JOIN: each item is a chain of its own.
  EXPECT_EQ(from_tree("a JOIN b ON x, c LEFT JOIN d ON y"),
            "(CROSS (INNER a b ON x) (LEFT c d ON y))");
  EXPECT_EQ(from_tree("a, b JOIN c ON x"), "(CROSS a (INNER b c ON x))");
}

TEST(JoinTest, ChainsNestToTheLeft) {
  EXPECT_EQ(from_tree("a JOIN b ON x LEFT JOIN c ON y"), "(LEFT (INNER a b ON x) c ON y)");
  EXPECT_EQ(from_tree("a CROSS JOIN b LEFT ANTI JOIN c ON y FULL JOIN d ON z"),
            "(FULL (ANTI (CROSS a b) c ON y) d ON z)");
  EXPECT_EQ(from_tree("a JOIN b ON x JOIN c ON y JOIN d ON z"),
            "(INNER (INNER (INNER a b ON x) c ON y) d ON z)");
  // A parenthesised subquery on the right nests the other way.
  EXPECT_EQ(from_tree("a JOIN (SELECT * FROM b JOIN c ON y) bc ON x"),
            "(INNER a (SELECT * FROM b JOIN c ON y):bc ON x)");
  auto parsed = parse_select("SELECT * FROM a JOIN (SELECT * FROM b JOIN c ON y) bc ON x");
  const auto& sub = *parsed.from().right->subquery;
  EXPECT_EQ(tree(sub.selects.at(0).from.value()), "(INNER b c ON y)");
}

TEST(JoinTest, AliasesStayOnThePrimaries) {
  auto parsed =
      parse_select("SELECT o.id, s.id FROM orders AS o LEFT JOIN shipments s ON o.id = s.order_id");
  const ast::TableRef& join = parsed.from();
  EXPECT_FALSE(join.alias.has_value());
  ASSERT_NE(join.left, nullptr);
  ASSERT_NE(join.right, nullptr);
  EXPECT_EQ(join.left->kind, ast::TableRef::Kind::Named);
  EXPECT_EQ(join.left->name.text, "orders");
  EXPECT_EQ(join.left->alias->text, "o");
  EXPECT_EQ(join.left->pos.column, 24);
  EXPECT_EQ(join.right->name.text, "shipments");
  EXPECT_EQ(join.right->alias->text, "s");
  EXPECT_EQ(join.right->alias->pos.column, 56);
  EXPECT_EQ(join.right->pos.column, 46);

  // A self-join, quoted aliases, a window table function and a subquery as join inputs.
  EXPECT_EQ(from_tree("s a JOIN s `b` ON a.k = `b`.k"), "(INNER s:a s:b ON a.k = `b`.k)");
  EXPECT_EQ(from_tree("TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) w "
                      "JOIN (SELECT 1 AS k) AS q ON w.k = q.k"),
            "(INNER TUMBLE(bid):w (SELECT 1 AS k):q ON w.k = q.k)");
}

TEST(JoinTest, JoinPositionIsItsFirstKeyword) {
  auto parsed = parse_select(
      "SELECT *\n"
      "FROM a\n"
      "  LEFT OUTER JOIN b ON a.k = b.k\n"
      "  JOIN c ON c.k = a.k, d");
  const ast::TableRef& comma = parsed.from();
  EXPECT_EQ(comma.join, ast::JoinKind::Cross);
  EXPECT_EQ(comma.pos.line, 4);  // the ','
  EXPECT_EQ(comma.pos.column, 22);
  const ast::TableRef& inner = *comma.left;
  EXPECT_EQ(inner.join, ast::JoinKind::Inner);
  EXPECT_EQ(inner.pos.line, 4);
  EXPECT_EQ(inner.pos.column, 3);
  const ast::TableRef& left = *inner.left;
  EXPECT_EQ(left.join, ast::JoinKind::Left);
  EXPECT_EQ(left.pos.line, 3);
  EXPECT_EQ(left.pos.column, 3);  // LEFT, not JOIN
  EXPECT_EQ(left.condition->pos.line, 3);
  EXPECT_EQ(left.condition->pos.column, 24);
  EXPECT_EQ(left.condition->text, "a.k = b.k");
  EXPECT_EQ(left.left->pos.line, 2);
  EXPECT_EQ(left.left->pos.column, 6);
  EXPECT_EQ(parse_select("SELECT * FROM a CROSS JOIN b").from().pos.column, 17);
  EXPECT_EQ(parse_select("SELECT * FROM a LEFT SEMI JOIN b ON x").from().pos.column, 17);
}

TEST(JoinTest, SemiAndAntiStayUsableAsNames) {
  auto parsed = parse_select("SELECT semi, anti, semi.anti FROM s AS semi WHERE anti > 1");
  EXPECT_EQ(parsed.select().items.at(0).expr->as<ast::ColumnRef>().name.text, "semi");
  EXPECT_EQ(parsed.from().alias->text, "semi");
  ASSERT_TRUE(parse_script("CREATE STREAM semi (anti INT, semi STRING)"));
  // With AS or quotes, an alias named semi before JOIN is an alias.
  EXPECT_EQ(from_tree("a AS semi JOIN b ON x"), "(INNER a:semi b ON x)");
  EXPECT_EQ(from_tree("a \"anti\" JOIN b ON x"), "(INNER a:anti b ON x)");
  EXPECT_EQ(from_tree("a semi LEFT SEMI JOIN b ON x"), "(SEMI a:semi b ON x)");
  EXPECT_EQ(from_tree("semi LEFT ANTI JOIN anti ON x"), "(ANTI semi anti ON x)");
}

// ---------------------------------------------------------------------------------------------
// EXISTS

const ast::Exists& exists(const ast::ExprPtr& expr) {
  EXPECT_EQ(expr->kind, ast::ExprKind::Exists);
  return expr->as<ast::Exists>();
}

TEST(JoinTest, UsingAndNatural) {
  auto parsed = parse_select("SELECT * FROM a JOIN b USING (x, \"Y\")");
  const ast::TableRef& using_join = parsed.from();
  EXPECT_EQ(using_join.join, ast::JoinKind::Inner);
  EXPECT_FALSE(using_join.natural);
  EXPECT_EQ(using_join.condition, nullptr);
  ASSERT_EQ(using_join.using_columns.size(), 2u);
  EXPECT_EQ(using_join.using_columns[0].text, "x");
  EXPECT_EQ(using_join.using_columns[1].text, "Y");
  EXPECT_TRUE(using_join.using_columns[1].quoted);
  EXPECT_EQ(using_join.using_columns[1].pos.column, 34);

  auto natural = parse_select("SELECT * FROM a NATURAL LEFT JOIN b");
  EXPECT_EQ(natural.from().join, ast::JoinKind::Left);
  EXPECT_TRUE(natural.from().natural);
  EXPECT_TRUE(natural.from().using_columns.empty());
  EXPECT_EQ(natural.from().pos.column, 17);  // NATURAL
}

TEST(InQueryTest, InAndNotInAreOneNode) {
  auto parsed = parse_select("SELECT * FROM a WHERE k + 1 IN (SELECT k FROM b)");
  const ast::Expr* where = parsed.select().where.get();
  ASSERT_EQ(where->kind, ast::ExprKind::InQuery);
  const auto& in = where->as<ast::InQuery>();
  EXPECT_FALSE(in.negated);
  EXPECT_EQ(in.operand->text, "k + 1");
  EXPECT_EQ(in.subquery->text, "SELECT k FROM b");
  // x NOT IN (...) and NOT x IN (...) are the same node.
  auto not_in = parse_select("SELECT * FROM a WHERE k NOT IN (SELECT k FROM b)");
  EXPECT_TRUE(not_in.select().where->as<ast::InQuery>().negated);
  auto not_before = parse_select("SELECT * FROM a WHERE NOT k IN (SELECT k FROM b)");
  ASSERT_EQ(not_before.select().where->kind, ast::ExprKind::InQuery);
  EXPECT_TRUE(not_before.select().where->as<ast::InQuery>().negated);
  // A list stays a list.
  auto list = parse_select("SELECT * FROM a WHERE k IN ((1), 2)");
  EXPECT_EQ(list.select().where->kind, ast::ExprKind::InList);
}

TEST(ExistsTest, Exists) {
  auto parsed = parse_select(
      "SELECT * FROM a WHERE EXISTS (SELECT * FROM b WHERE b.k = a.k AND b.ts > a.ts)");
  const ast::Exists& e = exists(parsed.select().where);
  EXPECT_FALSE(e.negated);
  EXPECT_EQ(e.pos.column, 23);
  EXPECT_EQ(e.text, "EXISTS (SELECT * FROM b WHERE b.k = a.k AND b.ts > a.ts)");
  ASSERT_NE(e.subquery, nullptr);
  EXPECT_EQ(e.subquery->text, "SELECT * FROM b WHERE b.k = a.k AND b.ts > a.ts");
  EXPECT_EQ(e.subquery->pos.column, 31);
  EXPECT_EQ(e.subquery->selects.at(0).from->name.text, "b");
  EXPECT_EQ(e.subquery->selects.at(0).where->text, "b.k = a.k AND b.ts > a.ts");
}

TEST(ExistsTest, NotExistsIsOneNode) {
  auto parsed = parse_select("SELECT * FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k)");
  const ast::Exists& e = exists(parsed.select().where);
  EXPECT_TRUE(e.negated);
  EXPECT_EQ(e.pos.column, 23);  // the NOT
  EXPECT_EQ(e.text, "NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k)");
  EXPECT_EQ(e.subquery->text, "SELECT 1 FROM b WHERE b.k = a.k");

  // Through parentheses and repeated NOTs, lower case too.
  auto paren = parse_select("SELECT * FROM a WHERE not (exists (SELECT 1))");
  EXPECT_TRUE(exists(paren.select().where).negated);
  EXPECT_EQ(paren.select().where->text, "not (exists (SELECT 1))");
  auto twice = parse_select("SELECT * FROM a WHERE NOT NOT EXISTS (SELECT 1)");
  EXPECT_FALSE(exists(twice.select().where).negated);
  EXPECT_EQ(twice.select().where->text, "NOT NOT EXISTS (SELECT 1)");
}

TEST(ExistsTest, ExistsAmongOtherConjuncts) {
  auto parsed = parse_select(
      "SELECT * FROM a WHERE a.x > 1 AND NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k) "
      "AND EXISTS (SELECT 1 FROM c)");
  const ast::Expr& where = *parsed.select().where;
  ASSERT_EQ(where.kind, ast::ExprKind::Binary);
  const auto& top = where.as<ast::Binary>();
  EXPECT_EQ(top.op, "AND");
  EXPECT_FALSE(exists(top.right).negated);
  const auto& inner = top.left->as<ast::Binary>();
  EXPECT_EQ(inner.op, "AND");
  EXPECT_TRUE(exists(inner.right).negated);
  EXPECT_EQ(inner.right->pos.column, 35);
  // NOT binds looser than a comparison: NOT (EXISTS (...) = TRUE) stays a Unary.
  auto compared = parse_select("SELECT * FROM a WHERE NOT EXISTS (SELECT 1) = TRUE");
  EXPECT_EQ(compared.select().where->kind, ast::ExprKind::Unary);
}

TEST(ExistsTest, SubqueryForms) {
  // UNION ALL, LIMIT, joins and a nested EXISTS inside; EXISTS in a select list and an ON parse
  // too (the binder says where EXISTS may appear).
  auto parsed = parse_select(
      "SELECT * FROM a WHERE EXISTS (SELECT k FROM b UNION ALL SELECT k FROM c LIMIT 1)");
  EXPECT_EQ(exists(parsed.select().where).subquery->selects.size(), 2u);
  auto nested = parse_select(
      "SELECT * FROM a WHERE EXISTS (SELECT * FROM b JOIN c ON b.k = c.k WHERE NOT EXISTS "
      "(SELECT * FROM d WHERE d.k = b.k))");
  const auto& outer = exists(nested.select().where);
  EXPECT_EQ(tree(outer.subquery->selects.at(0).from.value()), "(INNER b c ON b.k = c.k)");
  EXPECT_TRUE(exists(outer.subquery->selects.at(0).where).negated);
  EXPECT_TRUE(parse_script("SELECT EXISTS (SELECT 1) FROM a"));
  EXPECT_TRUE(parse_script("SELECT * FROM a JOIN b ON EXISTS (SELECT 1)"));
}

// ---------------------------------------------------------------------------------------------
// Errors

TEST(JoinErrorTest, JoinNeedsOn) {
  Error e = error_of("SELECT * FROM a JOIN b WHERE a.k = b.k");
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, 17);
  EXPECT_EQ(e.message,
            "JOIN needs ON <condition>; write CROSS JOIN or FROM a, b for a join whose conditions "
            "are in WHERE");
  EXPECT_EQ(e.snippet, "SELECT * FROM a JOIN b WHERE a.k = b.k\n                ^");
  Error inner = error_of("SELECT * FROM a INNER JOIN b");
  EXPECT_EQ(inner.column, 17);
  EXPECT_EQ(inner.message.rfind("INNER JOIN needs ON <condition>; write CROSS JOIN", 0), 0u)
      << inner.message;
  Error left = error_of("SELECT *\nFROM a\nLEFT OUTER JOIN b x\nWHERE a.k = x.k");
  EXPECT_EQ(left.line, 3);
  EXPECT_EQ(left.column, 1);
  EXPECT_EQ(left.message, "LEFT OUTER JOIN needs ON <condition>");
  Error anti = error_of("SELECT * FROM a LEFT ANTI JOIN b");
  EXPECT_EQ(anti.message, "LEFT ANTI JOIN needs ON <condition>");
  // In a chain, the join that lacks it.
  Error second = error_of("SELECT * FROM a JOIN b ON x FULL JOIN c, d");
  EXPECT_EQ(second.column, 29);
  EXPECT_EQ(second.message, "FULL JOIN needs ON <condition>");
}

TEST(JoinErrorTest, CrossJoinTakesNoOn) {
  Error e = error_of("SELECT * FROM a CROSS JOIN b ON a.k = b.k");
  EXPECT_EQ(e.column, 30);
  EXPECT_EQ(e.message,
            "CROSS JOIN takes no ON condition: write JOIN ... ON <condition>, or put the "
            "conditions in WHERE");
  Error comma = error_of("SELECT * FROM a, b ON a.k = b.k");
  EXPECT_EQ(comma.column, 20);
  EXPECT_EQ(comma.message.rfind("syntax error at 'ON'", 0), 0u) << comma.message;
}

TEST(JoinErrorTest, JoinKeywordsOutOfPlace) {
  Error semi = error_of("SELECT * FROM a LEFT SEMI b ON x");
  EXPECT_EQ(semi.column, 27);
  EXPECT_EQ(semi.message, "syntax error at 'b': expected JOIN");
  Error left = error_of("SELECT * FROM a LEFT");
  EXPECT_EQ(left.column, 21);
  EXPECT_EQ(left.message, "unexpected end of input: expected JOIN or OUTER");
  Error right_semi = error_of("SELECT * FROM a RIGHT SEMI JOIN b ON x");
  EXPECT_EQ(right_semi.column, 23);
  EXPECT_EQ(right_semi.message, "syntax error at 'SEMI': expected JOIN or OUTER");
  Error inner = error_of("SELECT * FROM a INNER b ON x");
  EXPECT_EQ(inner.column, 23);
  EXPECT_EQ(inner.message, "syntax error at 'b': expected JOIN");
  Error outer = error_of("SELECT * FROM a OUTER JOIN b ON x");
  EXPECT_EQ(outer.column, 17);
  EXPECT_EQ(outer.message.rfind("syntax error at 'OUTER'", 0), 0u) << outer.message;
}

TEST(JoinErrorTest, NothingAfterJoin) {
  Error end = error_of("SELECT * FROM a JOIN");
  EXPECT_EQ(end.line, 1);
  EXPECT_EQ(end.column, 21);
  EXPECT_EQ(end.message, "unexpected end of input: expected '(' or a name");
  Error semicolon = error_of("SELECT * FROM a JOIN;");
  EXPECT_EQ(semicolon.column, 21);
  EXPECT_EQ(semicolon.message, "syntax error at ';': expected '(' or a name");
  Error on = error_of("SELECT * FROM a JOIN b ON");
  EXPECT_EQ(on.column, 26);
  EXPECT_EQ(on.message, "unexpected end of input: expected an expression");
  Error where = error_of("SELECT * FROM a JOIN WHERE x");
  EXPECT_EQ(where.column, 22);
  EXPECT_EQ(where.message.rfind("syntax error at 'WHERE'", 0), 0u) << where.message;
  Error comma = error_of("SELECT * FROM a,\n");
  EXPECT_EQ(comma.column, 17);
  EXPECT_EQ(comma.message, "unexpected end of input: expected '(' or a name");
}

TEST(JoinErrorTest, LikelyMistakes) {
  // SEMI and ANTI are not reserved: `a SEMI JOIN b` would be an inner join of `a AS SEMI`.
  Error semi = error_of("SELECT * FROM a SEMI JOIN b ON x");
  EXPECT_EQ(semi.column, 17);
  EXPECT_EQ(semi.message,
            "SEMI JOIN is written LEFT SEMI JOIN (write AS SEMI for an alias named "
            "SEMI)");
  Error anti = error_of("SELECT * FROM a CROSS JOIN b\n  anti JOIN c ON y");
  EXPECT_EQ(anti.line, 2);
  EXPECT_EQ(anti.column, 3);
  EXPECT_EQ(anti.message,
            "ANTI JOIN is written LEFT ANTI JOIN (write AS anti for an alias named anti)");
  // NATURAL takes no ON, CROSS JOIN no USING.
  Error natural = error_of("SELECT * FROM a NATURAL JOIN b ON a.k = b.k");
  EXPECT_EQ(natural.column, 32);
  EXPECT_EQ(natural.message,
            "a NATURAL JOIN takes no ON or USING: it joins on the columns both sides have");
  Error cross = error_of("SELECT * FROM a CROSS JOIN b USING (k)");
  EXPECT_EQ(cross.column, 30);
  Error typo = error_of("SELECT * FROM a JION b ON x");
  EXPECT_EQ(typo.column, 22);
  EXPECT_EQ(
      typo.message,
      "syntax error at 'b': expected ',', GROUP, HAVING, JOIN, LIMIT, ORDER, TIMEOUT, UNION, WHERE "
      "or ';'; did you mean JOIN instead of 'JION'?");
}

TEST(JoinErrorTest, ExistsNeedsAParenthesisedQuery) {
  Error bare = error_of("SELECT * FROM a WHERE EXISTS SELECT 1");
  EXPECT_EQ(bare.column, 30);
  EXPECT_EQ(bare.message, "syntax error at 'SELECT': expected '('");
  Error expr = error_of("SELECT * FROM a WHERE EXISTS (1)");
  EXPECT_EQ(expr.column, 31);
  EXPECT_EQ(expr.message.rfind("syntax error at '1'", 0), 0u) << expr.message;
  Error empty = error_of("SELECT * FROM a WHERE NOT EXISTS ()");
  EXPECT_EQ(empty.column, 35);
  Error end = error_of("SELECT * FROM a WHERE EXISTS");
  EXPECT_EQ(end.column, 29);
  EXPECT_EQ(end.message, "unexpected end of input: expected '('");
}

// ---------------------------------------------------------------------------------------------
// Limits

TEST(JoinLimitsTest, ManyJoinsAreAnErrorNotACrash) {
  // 1000 joins without ON: too many, before anything is built; fewer: the first one lacks ON.
  Error no_on = error_of("SELECT * FROM a" + repeat(" JOIN a", 1000));
  EXPECT_EQ(no_on.column, 16 + 7 * kMaxJoins + 1);
  EXPECT_EQ(no_on.message.rfind("too many joins", 0), 0u) << no_on.message;
  Error first = error_of("SELECT * FROM a" + repeat(" JOIN a", kMaxJoins));
  EXPECT_EQ(first.column, 17);
  EXPECT_EQ(first.message.rfind("JOIN needs ON", 0), 0u) << first.message;

  // 1000 joins with ON, comma joins and CROSS JOINs: the first join past the limit.
  Error on = error_of("SELECT * FROM a" + repeat(" JOIN a ON x", 1000));
  EXPECT_EQ(on.column, 16 + 12 * kMaxJoins + 1);
  EXPECT_EQ(on.message, "too many joins (the limit is 200, counting those of enclosing queries)");
  Error comma = error_of("SELECT * FROM a" + repeat(", a", 1000));
  EXPECT_EQ(comma.column, 16 + 3 * kMaxJoins);
  Error cross = error_of("SELECT * FROM a" + repeat(" CROSS JOIN a", 100'000));
  EXPECT_EQ(cross.column, 16 + 13 * kMaxJoins + 1);
  EXPECT_EQ(cross.message.rfind("too many joins", 0), 0u) << cross.message;
}

TEST(JoinLimitsTest, JoinsUpToTheLimitParse) {
  auto parsed =
      parse_select("SELECT * FROM a0" + repeat(" LEFT JOIN a ON x", kMaxJoins - 1) + ", last");
  const ast::TableRef* ref = &parsed.from();
  EXPECT_EQ(ref->join, ast::JoinKind::Cross);
  EXPECT_EQ(ref->right->name.text, "last");
  int joins = 0;
  while (ref->kind == ast::TableRef::Kind::Join) {
    ++joins;
    ref = ref->left.get();
  }
  EXPECT_EQ(joins, kMaxJoins);
  EXPECT_EQ(ref->name.text, "a0");
}

TEST(JoinLimitsTest, JoinsOfEnclosingQueriesCount) {
  // 100 joins in each of two nested FROM clauses are 200 on one path; one more is too many.
  const std::string hundred = repeat(", a", 100);
  EXPECT_TRUE(parse_script("SELECT * FROM (SELECT * FROM a" + hundred + ")" + hundred));
  EXPECT_TRUE(parse_script("SELECT * FROM a" + hundred + " JOIN (SELECT * FROM a" +
                           repeat(", a", 99) + ") s ON x"));
  Error e = error_of("SELECT * FROM a" + hundred + ", (SELECT * FROM a" + hundred + ")");
  EXPECT_EQ(e.column, 334 + 3 * 99);  // the subquery's 100th ','; its first is at 334
  EXPECT_EQ(e.message.rfind("too many joins", 0), 0u) << e.message;
  // Side by side they do not add up.
  EXPECT_TRUE(parse_script("SELECT * FROM a" + hundred + " WHERE EXISTS (SELECT * FROM a" +
                           hundred + ") UNION ALL SELECT * FROM a" + hundred));
}

}  // namespace
}  // namespace eddy
