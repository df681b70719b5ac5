// The sqlite sink: tables it creates, values of every type, upserts by the PRIMARY KEY, retracts
// without one, an existing table's columns, and the commit / rollback protocol that makes it
// exactly-once (skipping the changes committed after a checkpoint, a crash losing only what was
// not committed).
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "connector_test_util.h"

namespace eddy {
namespace {

using namespace testing_util;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Rows of `sql` run on the database at `path` as "a|b|c" (sqlite3's text of each value, NULL as
// "NULL"), read through a separate connection as a user's sqlite3 would.
std::vector<std::string> query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path;
    sqlite3_close(db);
    return rows;
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
  } else {
    while (sqlite3_step(statement) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(statement); ++c) {
        if (c > 0) row += '|';
        const unsigned char* text = sqlite3_column_text(statement, c);
        row += text ? reinterpret_cast<const char*>(text) : "NULL";
      }
      rows.push_back(row);
    }
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rows;
}

void exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK)
      << (message ? message : "");
  sqlite3_free(message);
  sqlite3_close(db);
}

ConnectorContext sqlite_context(const std::string& path, const Schema& schema,
                                std::vector<int> key = {},
                                std::map<std::string, std::string> options = {}) {
  options["connector"] = "sqlite";
  options["path"] = path;
  ConnectorContext context = make_context(schema, options);
  context.stream = "results";
  context.primary_key = std::move(key);
  return context;
}

std::unique_ptr<Sink> open_at(const std::string& path, const Schema& schema,
                              std::vector<int> key = {},
                              std::map<std::string, std::string> options = {}) {
  auto sink = open_sink(sqlite_context(path, schema, std::move(key), std::move(options)));
  EXPECT_TRUE(sink.is_ok()) << sink.error().message;
  return sink.is_ok() ? std::move(sink).value() : nullptr;
}

std::string open_error(const std::string& path, const Schema& schema, std::vector<int> key = {}) {
  auto sink = open_sink(sqlite_context(path, schema, std::move(key)));
  return sink.is_ok() ? "" : sink.error().message;
}

// A batch of rows given as values, each with its kind.
struct Change {
  RowKind kind;
  std::vector<Value> values;
};

Batch changes(const Schema& schema, const std::vector<Change>& rows) {
  Batch batch = Batch::with_schema(schema);
  bool updating = false;
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.values.size(); ++c) batch.columns[c].append(row.values[c]);
    batch.kinds.push_back(row.kind);
    updating = updating || row.kind != RowKind::Insert;
    ++batch.rows;
  }
  if (!updating) batch.kinds.clear();  // append-only data carries no kinds
  return batch;
}

Value integer(int64_t v) { return Value::integer(v); }
Value text(const char* s) { return Value::string(s); }

Schema key_value_schema() {
  return make_schema(
      {{"id", Type::int64(), false}, {"name", Type::string()}, {"n", Type::int64()}});
}

// Inserts `ids` as (id, 'r<id>', id) rows.
Batch inserts(const std::vector<int64_t>& ids) {
  std::vector<Change> rows;
  for (int64_t id : ids)
    rows.push_back(
        {RowKind::Insert, {integer(id), Value::string("r" + std::to_string(id)), integer(id)}});
  return changes(key_value_schema(), rows);
}

TEST(SqliteSink, CreatesTheTableAndWritesEveryType) {
  const std::string path = temp_path("types.db");
  const Type dec = Type::decimal(10, 2);
  const Schema schema = make_schema({{"b", Type::boolean()},
                                     {"i", Type::int32(), false},
                                     {"d", Type::float64()},
                                     {"m", dec},
                                     {"s", Type::string()},
                                     {"t", Type::timestamp()},
                                     {"day", Type::date()},
                                     {"tod", Type::time(3)}});
  {
    auto sink = open_at(path, schema);
    ASSERT_TRUE(sink);
    EXPECT_EQ(sink->describe(), "sqlite " + path + " table results");
    EXPECT_TRUE(sink->exactly_once());
    sink->write(changes(
        schema, {{RowKind::Insert,
                  {Value::boolean(true), Value::integer(1, Type::int32()), Value::float64(1.5),
                   Value::decimal(1234, dec), text("alice"), Value::timestamp(1704103200123),
                   Value::date(19723), Value::time(45296789, 3)}},
                 {RowKind::Insert,
                  {Value::boolean(false), Value::integer(-2, Type::int32()), Value::float64(-0.25),
                   Value::decimal(-5, dec), text(""), Value::timestamp(-1), Value::date(0),
                   Value::time(0, 3)}},
                 {RowKind::Insert,
                  {Value::null(Type::boolean()), Value::integer(3, Type::int32()),
                   Value::null(Type::float64()), Value::null(dec), Value::null(Type::string()),
                   Value::null(Type::timestamp()), Value::null(Type::date()),
                   Value::null(Type::time(3))}}}));
    sink->flush();
  }
  EXPECT_THAT(query(path, "SELECT sql FROM sqlite_master WHERE name = 'results'"),
              ElementsAre("CREATE TABLE \"results\" (\"b\" INTEGER, \"i\" INTEGER NOT NULL, \"d\" "
                          "REAL, \"m\" REAL, \"s\" TEXT, \"t\" TEXT, \"day\" TEXT, \"tod\" TEXT)"));
  EXPECT_THAT(query(path, "SELECT * FROM results ORDER BY i"),
              ElementsAre("0|-2|-0.25|-0.05||1969-12-31 23:59:59.999|1970-01-01|00:00:00.000",
                          "1|1|1.5|12.34|alice|2024-01-01 10:00:00.123|2024-01-01|12:34:56.789",
                          "NULL|3|NULL|NULL|NULL|NULL|NULL|NULL"));
  // Stored as numbers and text a user can compute with: sqlite3's date functions read the
  // timestamps, the decimals sum as numbers.
  EXPECT_THAT(query(path,
                    "SELECT typeof(b), typeof(d), typeof(m), typeof(s), typeof(t), "
                    "datetime(t, '+1 day'), m * 2 FROM results WHERE i = 1"),
              ElementsAre("integer|real|real|text|text|2024-01-02 10:00:00|24.68"));
  EXPECT_THAT(query(path, "SELECT sink_table, rows FROM eddy_sink_progress"),
              ElementsAre("results|3"));
  EXPECT_THAT(query(path, "PRAGMA journal_mode"), ElementsAre("wal"));
}

TEST(SqliteSink, TableOptionNamesTheTable) {
  const std::string path = temp_path("named.db");
  {
    auto sink = open_at(path, key_value_schema(), {}, {{"table", "Out Table"}});
    ASSERT_TRUE(sink);
    sink->write(inserts({1, 2}));
  }  // a sink torn down without flush() still commits what it wrote
  EXPECT_THAT(query(path, "SELECT id, name, n FROM \"Out Table\""),
              ElementsAre("1|r1|1", "2|r2|2"));
  EXPECT_THAT(query(path, "SELECT * FROM eddy_sink_progress"), ElementsAre("Out Table|2"));
}

TEST(SqliteSink, AppendsToAnExistingTableWithTheSameColumnsInAnyOrder) {
  const std::string path = temp_path("existing.db");
  exec(path,
       "CREATE TABLE results (N INTEGER, Name TEXT, ID INTEGER); "
       "INSERT INTO results VALUES (0, 'before', 0)");
  {
    auto sink = open_at(path, key_value_schema());
    ASSERT_TRUE(sink);
    sink->write(inserts({1}));
    sink->flush();
  }
  EXPECT_THAT(query(path, "SELECT id, name, n FROM results ORDER BY id"),
              ElementsAre("0|before|0", "1|r1|1"));
}

TEST(SqliteSink, ExistingTableWithOtherColumnsIsAnError) {
  const std::string path = temp_path("wrong.db");
  exec(path, "CREATE TABLE results (id INTEGER, label TEXT)");
  EXPECT_EQ(open_error(path, key_value_schema()),
            "sqlite sink '" + path +
                "': table 'results' exists with columns (id, label), but the stream has (id, "
                "name, n); missing: name, n; not in the stream: label (drop the table, or write "
                "to another with 'table')");
}

TEST(SqliteSink, UpsertNeedsAUniqueIndexOnTheKeyInAnExistingTable) {
  const std::string path = temp_path("nokey.db");
  exec(path, "CREATE TABLE results (id INTEGER, name TEXT, n INTEGER)");
  EXPECT_THAT(open_error(path, key_value_schema(), {0}),
              HasSubstr("table 'results' has no PRIMARY KEY or UNIQUE index on (id), which "
                        "upserting by the stream's PRIMARY KEY needs"));
  exec(path, "CREATE UNIQUE INDEX results_id ON results (id)");
  EXPECT_EQ(open_error(path, key_value_schema(), {0}), "");
}

TEST(SqliteSink, TheProgressTableCannotBeTheTarget) {
  const std::string path = temp_path("progress.db");
  auto sink =
      open_sink(sqlite_context(path, key_value_schema(), {}, {{"table", "eddy_sink_progress"}}));
  ASSERT_FALSE(sink.is_ok());
  EXPECT_THAT(sink.error().message, HasSubstr("is the sink's progress table"));
}

TEST(SqliteSink, UpsertsByThePrimaryKey) {
  const std::string path = temp_path("upsert.db");
  const Schema schema = key_value_schema();
  {
    auto sink = open_at(path, schema, {0});
    ASSERT_TRUE(sink);
    // An insert-only input with a repeated key upserts too (Flink's upsert sink).
    sink->write(inserts({1, 2, 3, 1}));
    sink->write(
        changes(schema, {{RowKind::UpdateBefore, {integer(2), text("r2"), integer(2)}},
                         {RowKind::UpdateAfter, {integer(2), text("two"), integer(20)}},
                         {RowKind::Delete, {integer(3), text("r3"), integer(3)}},
                         {RowKind::Delete, {integer(9), text("none"), integer(9)}},
                         {RowKind::Insert,
                          {integer(4), Value::null(Type::string()), Value::null(Type::int64())}}}));
    sink->flush();
  }
  EXPECT_THAT(query(path, "SELECT sql FROM sqlite_master WHERE name = 'results'"),
              ElementsAre("CREATE TABLE \"results\" (\"id\" INTEGER NOT NULL, \"name\" TEXT, "
                          "\"n\" INTEGER, PRIMARY KEY (\"id\"))"));
  EXPECT_THAT(query(path, "SELECT * FROM results ORDER BY id"),
              ElementsAre("1|r1|1", "2|two|20", "4|NULL|NULL"));
  // Every change counts, the delete of a missing key too.
  EXPECT_THAT(query(path, "SELECT rows FROM eddy_sink_progress"), ElementsAre("9"));
}

TEST(SqliteSink, AnUpdateBeforeWithoutItsUpdateAfterDeletesTheKey) {
  // A HAVING after an aggregation passes the -U of a group that leaves it and drops the +U.
  const std::string path = temp_path("having.db");
  const Schema schema = key_value_schema();
  {
    auto sink = open_at(path, schema, {0});
    ASSERT_TRUE(sink);
    sink->write(inserts({1, 2}));
    sink->write(changes(schema, {{RowKind::UpdateBefore, {integer(1), text("r1"), integer(1)}}}));
    sink->write(changes(schema, {{RowKind::UpdateBefore, {integer(2), text("r2"), integer(2)}}}));
    sink->write(changes(schema, {{RowKind::UpdateAfter, {integer(2), text("two"), integer(2)}}}));
    sink->flush();
  }
  EXPECT_THAT(query(path, "SELECT * FROM results ORDER BY id"), ElementsAre("2|two|2"));
}

TEST(SqliteSink, UpsertWithACompositeKeyCoveringEveryColumn) {
  const std::string path = temp_path("allkey.db");
  const Schema schema = make_schema({{"a", Type::string(), false}, {"b", Type::int64(), false}});
  {
    auto sink = open_at(path, schema, {1, 0});
    ASSERT_TRUE(sink);
    sink->write(changes(schema, {{RowKind::Insert, {text("x"), integer(1)}},
                                 {RowKind::Insert, {text("x"), integer(1)}},
                                 {RowKind::Insert, {text("x"), integer(2)}},
                                 {RowKind::Delete, {text("x"), integer(2)}}}));
    sink->flush();
  }
  EXPECT_THAT(query(path, "SELECT sql FROM sqlite_master WHERE name = 'results'"),
              ElementsAre("CREATE TABLE \"results\" (\"a\" TEXT NOT NULL, \"b\" INTEGER NOT NULL, "
                          "PRIMARY KEY (\"b\", \"a\"))"));
  EXPECT_THAT(query(path, "SELECT * FROM results"), ElementsAre("x|1"));
}

TEST(SqliteSink, WithoutAKeyRetractionsDeleteOneEqualRow) {
  const std::string path = temp_path("retract.db");
  const Schema schema = make_schema({{"k", Type::string()}, {"v", Type::decimal(5, 1)}});
  const Type dec = Type::decimal(5, 1);
  {
    auto sink = open_at(path, schema);
    ASSERT_TRUE(sink);
    sink->write(changes(schema, {{RowKind::Insert, {text("a"), Value::decimal(15, dec)}},
                                 {RowKind::Insert, {text("a"), Value::decimal(15, dec)}},
                                 {RowKind::Insert, {text("b"), Value::null(dec)}},
                                 {RowKind::Insert, {Value::null(Type::string()), Value::null(dec)}},
                                 {RowKind::UpdateBefore, {text("a"), Value::decimal(15, dec)}},
                                 {RowKind::UpdateAfter, {text("a"), Value::decimal(25, dec)}},
                                 {RowKind::Delete, {text("b"), Value::null(dec)}},
                                 {RowKind::Delete, {text("c"), Value::decimal(1, dec)}}}));
    sink->flush();
  }
  EXPECT_THAT(query(path, "SELECT k, v FROM results ORDER BY k, v"),
              ElementsAre("NULL|NULL", "a|1.5", "a|2.5"));
}

TEST(SqliteSink, CommitReturnsThePositionAndRollbackSkipsWhatWasCommittedAfterIt) {
  const std::string path = temp_path("resume.db");
  const Schema schema = key_value_schema();
  SinkPosition first;
  {
    auto sink = open_at(path, schema);
    ASSERT_TRUE(sink);
    sink->write(inserts({1, 2, 3}));
    first = sink->commit();
    EXPECT_EQ(first.rows, 3u);
    sink->write(inserts({4, 5}));
    EXPECT_EQ(sink->commit().rows, 5u);
    // The process dies here, before its checkpoint at 5 is stored: the checkpoint store still
    // holds the one at 3.
  }
  {
    auto sink = open_at(path, schema);
    ASSERT_TRUE(sink);
    ASSERT_TRUE(sink->rollback(first).is_ok());
    // The replay gives rows 4 and 5 again (here split across batches), then new ones.
    sink->write(inserts({4}));
    sink->write(inserts({5, 6}));
    const SinkPosition second = sink->commit();
    EXPECT_EQ(second.rows, 6u);
    sink->write(inserts({7}));
    sink->flush();
  }
  EXPECT_THAT(query(path, "SELECT id FROM results ORDER BY id"),
              ElementsAre("1", "2", "3", "4", "5", "6", "7"));
  EXPECT_THAT(query(path, "SELECT rows FROM eddy_sink_progress"), ElementsAre("7"));
}

TEST(SqliteSink, ACheckpointTakenWhileSkippingKeepsTheCommittedCount) {
  const std::string path = temp_path("skipping.db");
  const Schema schema = key_value_schema();
  {
    auto sink = open_at(path, schema);
    ASSERT_TRUE(sink);
    sink->write(inserts({1, 2, 3, 4}));
    sink->flush();
  }
  SinkPosition middle;
  {
    // Resumed from a checkpoint at 1; another checkpoint is taken after one replayed row.
    auto sink = open_at(path, schema);
    ASSERT_TRUE(sink);
    ASSERT_TRUE(sink->rollback(SinkPosition{1, 0, ""}).is_ok());
    sink->write(inserts({2}));
    middle = sink->commit();
    EXPECT_EQ(middle.rows, 2u);
  }
  // The file still says 4 (rows 3 and 4 are in it), so resuming from 2 skips two more.
  EXPECT_THAT(query(path, "SELECT rows FROM eddy_sink_progress"), ElementsAre("4"));
  {
    auto sink = open_at(path, schema);
    ASSERT_TRUE(sink);
    ASSERT_TRUE(sink->rollback(middle).is_ok());
    sink->write(inserts({3, 4, 5}));
    sink->flush();
  }
  EXPECT_THAT(query(path, "SELECT id FROM results ORDER BY id"),
              ElementsAre("1", "2", "3", "4", "5"));
}

TEST(SqliteSink, RollbackToMoreRowsThanTheFileHoldsIsAnError) {
  const std::string path = temp_path("replaced.db");
  {
    auto sink = open_at(path, key_value_schema());
    ASSERT_TRUE(sink);
    sink->write(inserts({1, 2}));
    sink->commit();
  }
  auto sink = open_at(path, key_value_schema());
  ASSERT_TRUE(sink);
  Status status = sink->rollback(SinkPosition{5, 0, ""});
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().message,
            "sqlite sink: '" + path +
                "' holds fewer rows (2) than the checkpoint recorded (5) for table 'results'; "
                "was it replaced?");
  // A fresh file has no progress at all.
  auto fresh = open_at(temp_path("fresh.db"), key_value_schema());
  ASSERT_TRUE(fresh);
  EXPECT_THAT(fresh->rollback(SinkPosition{1, 0, ""}).error().message,
              HasSubstr("holds fewer rows (0) than the checkpoint recorded (1)"));
  EXPECT_TRUE(fresh->rollback(SinkPosition{}).is_ok());
}

TEST(SqliteSink, ACrashLosesOnlyWhatWasNotCommitted) {
  const std::string path = temp_path("crash.db");
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // No destructors run in the child: as if it were killed.
    auto sink = open_sink(sqlite_context(path, key_value_schema()));
    if (!sink.is_ok()) _exit(2);
    sink.value()->write(inserts({1, 2}));
    sink.value()->commit();
    sink.value()->write(inserts({3}));
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_THAT(query(path, "SELECT id FROM results ORDER BY id"), ElementsAre("1", "2"));
  EXPECT_THAT(query(path, "SELECT rows FROM eddy_sink_progress"), ElementsAre("2"));
}

TEST(SqliteSink, CommitsOnItsOwnEvery64KChanges) {
  const std::string path = temp_path("long.db");
  const Schema schema = make_schema({{"n", Type::int64()}});
  auto sink = open_at(path, schema);
  ASSERT_TRUE(sink);
  int64_t next = 0;
  for (int b = 0; b < 70; ++b) {
    Batch batch = Batch::with_schema(schema);
    for (int r = 0; r < 1024; ++r) batch.columns[0].append(Value::integer(next++));
    batch.rows = 1024;
    sink->write(batch);
  }
  // A reader sees the 64 batches committed at 65536 changes, not the 6 written since.
  EXPECT_THAT(query(path, "SELECT count(*), max(n) FROM results"), ElementsAre("65536|65535"));
  EXPECT_THAT(query(path, "SELECT rows FROM eddy_sink_progress"), ElementsAre("65536"));
  sink->flush();
  EXPECT_THAT(query(path, "SELECT count(*) FROM results"), ElementsAre("71680"));
}

TEST(SqliteSink, AReaderDoesNotBlockTheSink) {
  const std::string path = temp_path("reader.db");
  auto sink = open_at(path, key_value_schema());
  ASSERT_TRUE(sink);
  sink->write(inserts({1}));
  sink->flush();
  sqlite3* reader = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &reader), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM results;", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sink->write(inserts({2}));
  sink->flush();  // WAL: the reader's open transaction does not stop the commit
  sqlite3_exec(reader, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(reader);
  EXPECT_THAT(query(path, "SELECT count(*) FROM results"), ElementsAre("2"));
}

TEST(SqliteSink, AFailedWriteRollsBackToTheLastCommit) {
  const std::string path = temp_path("check.db");
  exec(path, "CREATE TABLE results (id INTEGER, name TEXT, n INTEGER CHECK (n < 3))");
  auto sink = open_at(path, key_value_schema());
  ASSERT_TRUE(sink);
  sink->write(inserts({1}));
  EXPECT_EQ(sink->commit().rows, 1u);
  try {
    sink->write(inserts({2, 3}));
    ADD_FAILURE() << "no failure";
  } catch (const Failure& failure) {
    EXPECT_EQ(failure.error().message,
              "sqlite sink '" + path + "': table 'results': CHECK constraint failed: n < 3");
  }
  sink->flush();
  EXPECT_THAT(query(path, "SELECT id FROM results"), ElementsAre("1"));
  EXPECT_THAT(query(path, "SELECT rows FROM eddy_sink_progress"), ElementsAre("1"));
}

TEST(SqliteSink, IsNotASource) {
  auto source = open_source(sqlite_context(temp_path("src.db"), key_value_schema()));
  ASSERT_FALSE(source.is_ok());
  EXPECT_THAT(source.error().message, HasSubstr("connector 'sqlite' cannot be read from"));
}

TEST(SqliteSink, AnUnopenableFileIsAnError) {
  EXPECT_THAT(open_error("/nonexistent/dir/out.db", key_value_schema()),
              HasSubstr("sqlite sink: cannot open '/nonexistent/dir/out.db'"));
}

}  // namespace
}  // namespace eddy
