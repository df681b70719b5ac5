// eddy's abstract syntax tree: what the parser produces and the planner binds. Nothing here knows
// about ANTLR. Every node carries the 1-based line:col of its first token so later stages can
// point at it in error messages.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eddy/types.h"

namespace eddy::ast {

struct Pos {
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based
};

// An identifier as written. Unquoted identifiers match case-insensitively; quoted ones (`x`, "x")
// match exactly.
struct Name {
  std::string text;
  bool quoted = false;
  Pos pos;
  // "name": an unknown one was most likely meant as a string literal ('name'), for the hint.
  bool double_quoted = false;
};

// ---------------------------------------------------------------------------------------------
// Expressions

enum class ExprKind {
  Literal,  // 42, 'text', 1.5, TRUE, NULL, TIMESTAMP '...', INTERVAL '5' SECOND
  Column,   // [qualifier.]name
  Star,     // * or qualifier.* (select list, COUNT(*))
  Unary,    // -x, +x, NOT x
  Binary,   // arithmetic, comparison, AND, OR, ||
  Call,     // f(args), also EXTRACT(unit FROM x) as Call("EXTRACT", ['UNIT', x])
  Case,     // CASE [operand] WHEN .. THEN .. [ELSE ..] END
  Cast,     // CAST(x AS type), TRY_CAST
  IsNull,   // x IS [NOT] NULL
  Like,     // x [NOT] LIKE pattern [ESCAPE c]
  InList,   // x [NOT] IN (a, b, ...)
  Between,  // x [NOT] BETWEEN low AND high
  Exists,   // [NOT] EXISTS (query): only as a WHERE conjunct, bound as a semi / anti join
  InQuery,  // x [NOT] IN (query): only as a WHERE conjunct, bound as a semi / anti join
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  ExprKind kind;
  Pos pos;
  std::string text;  // the expression's source text (used to name unaliased select columns)

  explicit Expr(ExprKind k, Pos p = {}) : kind(k), pos(p) {}
  virtual ~Expr() = default;
  template <class T>
  const T& as() const {
    return static_cast<const T&>(*this);
  }
  template <class T>
  T& as() {
    return static_cast<T&>(*this);
  }
};

struct Literal : Expr {
  // Typed by the parser: integer literals are INT (BIGINT when they do not fit), decimal
  // literals DECIMAL(p,s), 1e3 DOUBLE, strings STRING, TIMESTAMP '..' TIMESTAMP(3), DATE '..'
  // DATE, TIME '..' TIME(number of fraction digits),
  // INTERVAL '5' SECOND an INTERVAL in milliseconds, NULL a Value of TypeId::Null.
  Value value;
  Literal(Value v, Pos p) : Expr(ExprKind::Literal, p), value(std::move(v)) {}
};

struct ColumnRef : Expr {
  std::optional<Name> qualifier;  // table or alias
  Name name;
  ColumnRef(std::optional<Name> q, Name n, Pos p)
      : Expr(ExprKind::Column, p), qualifier(std::move(q)), name(std::move(n)) {}
};

struct Star : Expr {
  std::optional<Name> qualifier;
  explicit Star(std::optional<Name> q, Pos p) : Expr(ExprKind::Star, p), qualifier(std::move(q)) {}
};

struct Unary : Expr {
  std::string op;  // "-", "+", "NOT"
  ExprPtr operand;
  Unary(std::string o, ExprPtr x, Pos p)
      : Expr(ExprKind::Unary, p), op(std::move(o)), operand(std::move(x)) {}
};

struct Binary : Expr {
  // "+", "-", "*", "/", "%", "||", "=", "<>" (also for !=), "<", "<=", ">", ">=", "AND", "OR"
  std::string op;
  ExprPtr left, right;
  Binary(std::string o, ExprPtr l, ExprPtr r, Pos p)
      : Expr(ExprKind::Binary, p), op(std::move(o)), left(std::move(l)), right(std::move(r)) {}
};

struct Call : Expr {
  std::string name;  // upper-cased function name
  std::vector<ExprPtr> args;
  bool distinct = false;  // COUNT(DISTINCT x)
  Call(std::string n, std::vector<ExprPtr> a, Pos p)
      : Expr(ExprKind::Call, p), name(std::move(n)), args(std::move(a)) {}
};

struct Case : Expr {
  ExprPtr operand;  // null for a searched CASE
  std::vector<std::pair<ExprPtr, ExprPtr>> whens;
  ExprPtr otherwise;  // null when there is no ELSE
  explicit Case(Pos p) : Expr(ExprKind::Case, p) {}
};

struct Cast : Expr {
  ExprPtr operand;
  Type type;
  bool try_cast = false;  // TRY_CAST: NULL instead of an error
  Cast(ExprPtr x, Type t, bool try_c, Pos p)
      : Expr(ExprKind::Cast, p), operand(std::move(x)), type(t), try_cast(try_c) {}
};

struct IsNull : Expr {
  ExprPtr operand;
  bool negated = false;
  IsNull(ExprPtr x, bool neg, Pos p)
      : Expr(ExprKind::IsNull, p), operand(std::move(x)), negated(neg) {}
};

struct Like : Expr {
  ExprPtr operand, pattern, escape;  // escape may be null
  bool negated = false;
  explicit Like(Pos p) : Expr(ExprKind::Like, p) {}
};

struct InList : Expr {
  ExprPtr operand;
  std::vector<ExprPtr> list;
  bool negated = false;
  explicit InList(Pos p) : Expr(ExprKind::InList, p) {}
};

struct Between : Expr {
  ExprPtr operand, low, high;
  bool negated = false;
  explicit Between(Pos p) : Expr(ExprKind::Between, p) {}
};

struct QueryExpr;

struct Exists : Expr {
  std::shared_ptr<const QueryExpr> subquery;
  // NOT EXISTS. The parser folds every NOT applied to an EXISTS (also through parentheses) into
  // this flag, so Unary("NOT", Exists) never occurs; pos and text then cover the NOT.
  bool negated = false;
  explicit Exists(Pos p) : Expr(ExprKind::Exists, p) {}
};

// x [NOT] IN (SELECT y FROM ...). As with EXISTS, the parser folds every NOT applied to it into
// `negated` (NOT (x IN q) and x NOT IN q mean the same under SQL's three-valued logic).
struct InQuery : Expr {
  ExprPtr operand;
  std::shared_ptr<const QueryExpr> subquery;
  bool negated = false;
  explicit InQuery(Pos p) : Expr(ExprKind::InQuery, p) {}
};

// ---------------------------------------------------------------------------------------------
// Queries

struct SelectItem {
  ExprPtr expr;               // may be a Star
  std::optional<Name> alias;  // AS alias
};

struct TableRef;

// One argument of a table function call in FROM.
struct TableArgument {
  enum class Kind {
    Table,       // TABLE t [PARTITION BY k | PARTITION BY (k1, k2)]
    Descriptor,  // DESCRIPTOR(c1, ...)
    Expr,        // any expression (a constant: an INTERVAL, a number, a string)
  };
  Kind kind = Kind::Expr;
  Name table;                      // Table: the stream or view after TABLE
  std::vector<Name> partition_by;  // Table: its PARTITION BY columns (empty without one)
  Pos partition_pos;               // Table: where PARTITION BY starts (line 0 without one)
  std::vector<Name> columns;       // Descriptor
  ExprPtr expr;                    // Expr
  Pos pos;
};

// A table function call in FROM, written `name(args)` or `TABLE(name(args))`: a window table
// function (TUMBLE / HOP / CUMULATE / SESSION) or one registered with the engine. The parser
// takes any name and any arguments; the binder resolves the name and checks the arguments.
//   TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset]))
//   TABLE(SESSION(TABLE t [PARTITION BY (k1, k2) | PARTITION BY k], DESCRIPTOR(ts), gap))
//   count_with_timeout(TABLE logins PARTITION BY uid, INTERVAL '1' MINUTE)
// Only a named stream or view follows TABLE (Flink's syntax has no subquery there).
struct TableFunction {
  Name name;
  std::vector<TableArgument> args;
  Pos pos;  // the name
  Pos end;  // the closing parenthesis of the call
};

enum class JoinKind {
  Inner,     // [INNER] JOIN ... ON
  Left,      // LEFT [OUTER] JOIN ... ON
  Right,     // RIGHT [OUTER] JOIN ... ON
  Full,      // FULL [OUTER] JOIN ... ON
  LeftSemi,  // LEFT SEMI JOIN ... ON: left rows that have a match (left columns only)
  LeftAnti,  // LEFT ANTI JOIN ... ON: left rows that have none (left columns only)
  Cross,     // FROM a, b (or CROSS JOIN): the conditions come from WHERE
};

// FROM item: a named stream/view, a parenthesised subquery, a table function call (each may
// carry an alias), or a join of two FROM items. Joins nest to the left:
// `a JOIN b ON .. JOIN c ON ..` is Join(Join(a, b), c), and so is `FROM a, b, c`.
struct TableRef {
  enum class Kind { Named, Subquery, Function, Join };
  Kind kind = Kind::Named;
  Name name;                                      // Named
  std::shared_ptr<const QueryExpr> subquery;      // Subquery
  std::shared_ptr<const TableFunction> function;  // Function
  std::optional<Name> alias;                      // not for Join
  Pos pos;
  // Join
  JoinKind join = JoinKind::Inner;
  std::shared_ptr<const TableRef> left, right;
  std::shared_ptr<const Expr> condition;  // ON; null for Cross, USING and NATURAL
  std::vector<Name> using_columns;        // JOIN ... USING (a, b)
  bool natural = false;                   // NATURAL JOIN: USING the columns both sides have
};

// GROUP BY ... TIMEOUT INTERVAL '1' MINUTE [KEEP STATE | RESET STATE] [ON PROCESSING TIME]
struct TimeoutClause {
  ExprPtr interval;              // an INTERVAL literal
  bool reset_state = false;      // RESET STATE (default KEEP STATE)
  bool processing_time = false;  // ON PROCESSING TIME (default event time)
  Pos pos;
};

// One SELECT block.
struct Select {
  Pos pos;
  bool distinct = false;
  std::vector<SelectItem> items;
  std::optional<TableRef> from;  // absent for SELECT 1
  ExprPtr where;
  // GROUP BY items: expressions (usually columns) and group-window calls such as
  // Call("TUMBLE", [ts, INTERVAL]), Call("HOP", ...), Call("SESSION", ...).
  std::vector<ExprPtr> group_by;
  bool has_group_by = false;  // GROUP BY present (also distinguishes an empty GROUP BY ())
  ExprPtr having;
  std::optional<TimeoutClause> timeout;
};

// One ORDER BY item: `expr [ASC | DESC] [NULLS FIRST | LAST]`.
struct OrderItem {
  ExprPtr expr;
  bool descending = false;
  std::optional<bool> nulls_first;  // unset: NULLs sort as the smallest value (Flink's default)
};

// SELECT blocks combined with UNION ALL, then an optional ORDER BY and LIMIT. A parenthesised
// UNION ALL branch with its own ORDER BY or LIMIT is a Select of `*` from that subquery.
struct QueryExpr {
  Pos pos;
  std::vector<Select> selects;  // at least one; more than one means UNION ALL
  std::vector<OrderItem> order_by;
  Pos order_pos;  // of ORDER BY
  std::optional<int64_t> limit;
  std::string text;  // source text, used by views and EXPLAIN
};

// ---------------------------------------------------------------------------------------------
// Statements

enum class StatementKind {
  CreateStream,
  CreateView,
  Drop,
  Show,
  ShowCreate,
  Describe,
  Set,
  Reset,
  Explain,
  Checkpoint,
  Query,
  Insert
};

struct Statement {
  StatementKind kind;
  Pos pos;
  std::string text;  // source text without the trailing ';'

  explicit Statement(StatementKind k, Pos p = {}) : kind(k), pos(p) {}
  virtual ~Statement() = default;
  template <class T>
  const T& as() const {
    return static_cast<const T&>(*this);
  }
};
using StatementPtr = std::unique_ptr<Statement>;

struct ColumnDef {
  Name name;
  Type type;  // unset (TypeId::Null) for a computed column
  bool not_null = false;
  ExprPtr computed;  // `name AS expr` (e.g. pt AS PROCTIME()); null for a physical column
  // `name type METADATA [FROM 'key'] [VIRTUAL]`: the connector's metadata `key` (the column's
  // name when no FROM); empty for other columns.
  std::string metadata;
  bool is_virtual = false;
};

struct WatermarkDef {
  Name column;   // WATERMARK FOR column
  ExprPtr expr;  // AS expr (e.g. ts - INTERVAL '5' SECOND)
  // ADVANCE AFTER INTERVAL 'n' SECOND IDLE: milliseconds of wall-clock silence after which
  // event time follows the wall clock; absent when not given.
  std::optional<int64_t> idle_advance_ms;
  Pos pos;
};

// PRIMARY KEY (a, b) NOT ENFORCED, or `a INT PRIMARY KEY NOT ENFORCED` on a column (Flink's key
// constraint: declared, never checked; a sink upserts by it).
struct PrimaryKeyDef {
  std::optional<Name> constraint;  // CONSTRAINT name
  std::vector<Name> columns;
  Pos pos;
};

struct Option {
  std::string key, value;
  Pos pos;
};

// CREATE [TEMPORARY] STREAM|TABLE [IF NOT EXISTS] name (columns [, WATERMARK ...]) [WITH (...)]
struct CreateStream : Statement {
  Name name;
  bool is_table = false;  // spelled CREATE TABLE (a synonym)
  bool if_not_exists = false;
  std::vector<ColumnDef> columns;
  std::optional<WatermarkDef> watermark;
  std::optional<PrimaryKeyDef> primary_key;
  std::vector<Option> options;
  explicit CreateStream(Pos p) : Statement(StatementKind::CreateStream, p) {}
};

// CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name AS query
struct CreateView : Statement {
  Name name;
  bool or_replace = false;
  bool if_not_exists = false;
  std::shared_ptr<const QueryExpr> query;
  explicit CreateView(Pos p) : Statement(StatementKind::CreateView, p) {}
};

// DROP STREAM|TABLE|VIEW [IF EXISTS] name
struct Drop : Statement {
  enum class What { Stream, View };
  What what = What::Stream;
  Name name;
  bool if_exists = false;
  explicit Drop(Pos p) : Statement(StatementKind::Drop, p) {}
};

// SHOW STREAMS | SHOW TABLES | SHOW VIEWS | SHOW FUNCTIONS | SHOW SETTINGS | SHOW QUERIES
struct Show : Statement {
  enum class What { Streams, Views, Functions, Settings, Queries };
  What what = What::Streams;
  explicit Show(Pos p) : Statement(StatementKind::Show, p) {}
};

// SHOW CREATE STREAM|TABLE|VIEW name: the statement that recreates it
struct ShowCreate : Statement {
  enum class What { Stream, View };
  What what = What::Stream;  // STREAM and TABLE are one
  Name name;
  explicit ShowCreate(Pos p) : Statement(StatementKind::ShowCreate, p) {}
};

// DESCRIBE name | DESC name
struct Describe : Statement {
  Name name;
  explicit Describe(Pos p) : Statement(StatementKind::Describe, p) {}
};

// SET 'key' = 'value'  |  SET (no arguments: list settings)
struct Set : Statement {
  std::optional<std::string> key, value;
  explicit Set(Pos p) : Statement(StatementKind::Set, p) {}
};

// RESET 'key' | RESET (all)
struct Reset : Statement {
  std::optional<std::string> key;
  explicit Reset(Pos p) : Statement(StatementKind::Reset, p) {}
};

// EXPLAIN <query or INSERT>; EXPLAIN FLINK <query, INSERT or CREATE>: its Flink SQL
// (planner/flink_translate.h)
struct Explain : Statement {
  StatementPtr inner;
  bool flink = false;
  explicit Explain(Pos p) : Statement(StatementKind::Explain, p) {}
};

// CHECKPOINT: checkpoint the engine's running queries now
struct Checkpoint : Statement {
  explicit Checkpoint(Pos p) : Statement(StatementKind::Checkpoint, p) {}
};

// A bare query: SELECT ... [UNION ALL ...] [LIMIT n]
struct QueryStatement : Statement {
  std::shared_ptr<const QueryExpr> query;
  explicit QueryStatement(Pos p) : Statement(StatementKind::Query, p) {}
};

// INSERT INTO sink query
struct Insert : Statement {
  Name target;
  std::shared_ptr<const QueryExpr> query;
  explicit Insert(Pos p) : Statement(StatementKind::Insert, p) {}
};

}  // namespace eddy::ast
