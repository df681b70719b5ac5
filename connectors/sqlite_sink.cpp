// The sqlite connector: a sink that writes a stream into a table of a SQLite database, so results
// can be read with sqlite3 (or anything that reads SQLite) while the query runs and after it.
//
//   'connector' = 'sqlite', 'path' = 'out.db', 'table' = 'results' (default: the stream's name)
//
// The table is created if missing, with the stream's PRIMARY KEY when it has one; an existing
// table must have the stream's column names (any order). Column types: BOOLEAN, INT and BIGINT
// as INTEGER (booleans 0/1), DOUBLE as REAL, DECIMAL as REAL (SQLite has no exact decimal; REAL
// compares, sorts and sums as a number, and gives back up to 15 significant digits exactly),
// STRING as TEXT, TIMESTAMP / DATE / TIME as TEXT in eddy's display form ('YYYY-MM-DD
// HH:MM:SS.mmm', 'YYYY-MM-DD', 'HH:MM:SS'), which SQLite's date and time functions read.
//
// Row kinds (the sink takes any changelog):
//   - with a PRIMARY KEY (Flink's upsert sinks, JDBC's and Elasticsearch's): +I and +U upsert
//     the row by its key (INSERT ... ON CONFLICT (key) DO UPDATE), -U and -D delete the key's
//     row. A -U cannot be ignored: a filter after an aggregation (HAVING) may drop the +U that
//     would have replaced the row, and the -U is then all that says the key left the result;
//   - without one: +I and +U insert, -U and -D delete one row equal to it in every column, so
//     the table holds the result as a multiset (such a delete scans the table: declare a key for
//     large updating results).
//
// Exactly-once: writes go into one open transaction, committed by flush() and commit() together
// with the sink's progress, a row of `eddy_sink_progress(sink_table, rows)` counting every change
// the sink was given. commit() returns that count as the
// checkpoint's SinkPosition; rollback(position) in a resumed query compares it with the committed
// count C: C can only be ahead (the sink committed, then the process died before the checkpoint
// was stored), and the sink then skips the next C - position.rows changes, which a deterministic
// replay gives it again. Without checkpoints the sink also commits every kCommitEvery changes, so
// a long query's table grows as it runs; a crash leaves the last committed state, progress
// included. The database is in WAL mode with a busy timeout, so a reader (sqlite3) does not
// disturb the query.
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "connectors/factories.h"
#include "runtime/failure.h"
#include "runtime/suggest.h"
#include "runtime/text_format.h"

namespace eddy {

namespace {

constexpr uint64_t kCommitEvery = 64 * 1024;  // changes per transaction without checkpoints
constexpr int kBusyTimeoutMs = 10'000;        // waiting for another writer's lock
constexpr const char* kProgressTable = "eddy_sink_progress";

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct FinalizeStatement {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using DbHandle = std::unique_ptr<sqlite3, CloseDb>;
using StatementHandle = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

// "name" with inner quotes doubled: SQLite's quoted identifier.
std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

const char* sqlite_type(const Type& type) {
  switch (type.id) {
    case TypeId::Boolean:
    case TypeId::Int:
    case TypeId::BigInt:
      return "INTEGER";
    case TypeId::Double:
    case TypeId::Decimal:
      return "REAL";
    default:
      return "TEXT";  // STRING, and date/time values in their display form
  }
}

class SqliteSink final : public Sink {
 public:
  SqliteSink(DbHandle db, std::string path, std::string table, const Schema& schema,
             std::vector<int> key)
      : db_(std::move(db)),
        path_(std::move(path)),
        table_(std::move(table)),
        schema_(schema),
        key_(std::move(key)),
        scratch_(schema.size()) {
    for (size_t c = 0; c < schema_.size(); ++c) {
      bool in_key = false;
      for (int k : key_) in_key = in_key || k == int(c);
      if (!in_key) value_columns_.push_back(int(c));
      all_columns_.push_back(int(c));
    }
  }

  ~SqliteSink() override {
    // Changes written but not committed (a query torn down without flush()) are committed with
    // their progress: any commit point is consistent, since the progress counts what it holds.
    if (!in_transaction_) return;
    try {
      commit_now();
    } catch (const Failure&) {
      // Closing rolls the transaction back; the last committed state stands.
    }
  }

  // Creates the tables, checks an existing one and prepares the statements. Returns "" or what
  // is wrong.
  std::string prepare() {
    // WAL: readers and the sink do not block each other. FULL: a commit is on disk before the
    // checkpoint that counts on it is stored. A 64 MB page cache: upserts of keys in random order
    // touch pages all over the table (1M upserts take half the time they take with the default
    // 2 MB).
    std::string problem = exec("PRAGMA journal_mode = WAL");
    if (problem.empty()) problem = exec("PRAGMA synchronous = FULL");
    if (problem.empty()) problem = exec("PRAGMA cache_size = -65536");
    if (problem.empty())
      problem =
          exec(fmt::format("CREATE TABLE IF NOT EXISTS {} (sink_table TEXT PRIMARY KEY, "
                           "rows INTEGER NOT NULL)",
                           kProgressTable));
    if (!problem.empty()) return problem;
    if (iequals(table_, kProgressTable))
      return fmt::format("table '{}' is the sink's progress table; choose another 'table'", table_);
    if (auto columns = table_columns(); !columns.empty()) {
      if (problem = check_columns(columns); !problem.empty()) return problem;
    } else if (problem = exec(create_table_sql()); !problem.empty()) {
      return problem;
    }

    std::string names, values;
    for (size_t c = 0; c < schema_.size(); ++c) {
      names += (c ? ", " : "") + quote_identifier(schema_[c].name);
      values += fmt::format("{}?{}", c ? ", " : "", c + 1);
    }
    std::string insert =
        fmt::format("INSERT INTO {} ({}) VALUES ({})", quote_identifier(table_), names, values);
    if (!key_.empty()) {
      std::string key_names, updates;
      for (int k : key_) key_names += (key_names.empty() ? "" : ", ") + quote_identifier(name(k));
      for (int c : value_columns_)
        updates += (updates.empty() ? "" : ", ") + quote_identifier(name(c)) + " = excluded." +
                   quote_identifier(name(c));
      insert += fmt::format(" ON CONFLICT ({}) DO {}", key_names,
                            updates.empty() ? "NOTHING" : "UPDATE SET " + updates);
      problem = prepare_statement(insert, upsert_);
      if (!problem.empty() && problem.find("ON CONFLICT") != std::string::npos)
        return fmt::format(
            "table '{}' has no PRIMARY KEY or UNIQUE index on ({}), which upserting by the "
            "stream's PRIMARY KEY needs",
            table_, key_list());
      if (problem.empty())
        problem = prepare_statement(
            fmt::format("DELETE FROM {} WHERE {}", quote_identifier(table_), match(key_, " = ")),
            delete_by_key_);
    } else {
      problem = prepare_statement(insert, insert_);
    }
    if (problem.empty()) problem = prepare_statement("BEGIN IMMEDIATE", begin_);
    if (problem.empty()) problem = prepare_statement("COMMIT", commit_);
    if (problem.empty()) problem = prepare_statement("ROLLBACK", rollback_);
    if (problem.empty())
      problem = prepare_statement(
          fmt::format("INSERT INTO {} (sink_table, rows) VALUES (?1, ?2) ON CONFLICT (sink_table) "
                      "DO UPDATE SET rows = excluded.rows",
                      kProgressTable),
          save_progress_);
    return problem;
  }

  void write(const Batch& batch) override {
    size_t row = 0;
    // A resumed query is given again the changes committed after its checkpoint: pass them by.
    if (skip_ > 0) {
      const uint64_t n = std::min<uint64_t>(skip_, batch.size());
      skip_ -= n;
      rows_ += n;
      row = n;
    }
    if (row == batch.size()) return;
    if (!in_transaction_) begin();
    for (; row < batch.size(); ++row) {
      sqlite3_stmt* statement = nullptr;
      const std::vector<int>* columns = &all_columns_;
      switch (batch.kind(row)) {
        case RowKind::Insert:
        case RowKind::UpdateAfter:
          statement = key_.empty() ? insert_.get() : upsert_.get();
          break;
        case RowKind::UpdateBefore:
        case RowKind::Delete:
          if (key_.empty()) {
            statement = delete_one();
          } else {
            statement = delete_by_key_.get();
            columns = &key_;
          }
          break;
      }
      if (statement) apply(statement, batch, row, *columns);
      ++rows_;
      ++since_commit_;
    }
    if (since_commit_ >= kCommitEvery) commit_now();
  }

  void flush() override { commit_now(); }

  SinkPosition commit() override {
    commit_now();
    SinkPosition position;
    position.rows = rows_;
    return position;
  }

  Status rollback(const SinkPosition& position) override {
    try {
      if (in_transaction_) abandon();
      StatementHandle read;
      if (auto problem = prepare_statement(
              fmt::format("SELECT rows FROM {} WHERE sink_table = ?1", kProgressTable), read);
          !problem.empty())
        return error(problem);
      sqlite3_bind_text(read.get(), 1, table_.data(), int(table_.size()), SQLITE_STATIC);
      uint64_t committed = 0;
      const int rc = sqlite3_step(read.get());
      if (rc == SQLITE_ROW) {
        committed = uint64_t(sqlite3_column_int64(read.get(), 0));
      } else if (rc != SQLITE_DONE) {
        return error(fmt::format("cannot read its progress: {}", sqlite3_errmsg(db_.get())));
      }
      if (committed < position.rows)
        return Error{Error::Kind::Runtime,
                     fmt::format("sqlite sink: '{}' holds fewer rows ({}) than the checkpoint "
                                 "recorded ({}) for table '{}'; was it replaced?",
                                 path_, committed, position.rows, table_)};
      rows_ = position.rows;
      skip_ = committed - position.rows;
      committed_rows_ = rows_;
      committed_skip_ = skip_;
      progress_saved_ = true;
      return {};
    } catch (const Failure& failure) {
      return failure.error();
    }
  }

  bool exactly_once() const override { return true; }

  std::string describe() const override { return fmt::format("sqlite {} table {}", path_, table_); }

 private:
  const std::string& name(int column) const { return schema_[column].name; }

  std::string key_list() const {
    std::string out;
    for (int k : key_) out += (out.empty() ? "" : ", ") + name(k);
    return out;
  }

  // "a = ?1 AND b = ?2" over `columns` (parameters numbered by column, as apply() binds them).
  std::string match(const std::vector<int>& columns, const char* op) const {
    std::string out;
    for (int c : columns)
      out += fmt::format("{}{}{}?{}", out.empty() ? "" : " AND ", quote_identifier(name(c)), op,
                         c + 1);
    return out;
  }

  std::string create_table_sql() const {
    std::string sql = fmt::format("CREATE TABLE {} (", quote_identifier(table_));
    for (size_t c = 0; c < schema_.size(); ++c)
      sql += fmt::format("{}{} {}{}", c ? ", " : "", quote_identifier(schema_[c].name),
                         sqlite_type(schema_[c].type), schema_[c].nullable ? "" : " NOT NULL");
    if (!key_.empty()) {
      sql += ", PRIMARY KEY (";
      for (size_t i = 0; i < key_.size(); ++i)
        sql += (i ? ", " : "") + quote_identifier(name(key_[i]));
      sql += ")";
    }
    return sql + ")";
  }

  // The existing table's column names, in order; empty when there is no such table.
  std::vector<std::string> table_columns() {
    std::vector<std::string> columns;
    StatementHandle list;
    if (!prepare_statement("SELECT name FROM pragma_table_info(?1)", list).empty()) return columns;
    sqlite3_bind_text(list.get(), 1, table_.data(), int(table_.size()), SQLITE_STATIC);
    while (sqlite3_step(list.get()) == SQLITE_ROW)
      columns.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(list.get(), 0)));
    return columns;
  }

  std::string check_columns(const std::vector<std::string>& columns) const {
    std::vector<std::string> missing, extra, mine;
    for (const auto& field : schema_.fields) {
      mine.push_back(field.name);
      bool found = false;
      for (const auto& column : columns) found = found || iequals(column, field.name);
      if (!found) missing.push_back(field.name);
    }
    for (const auto& column : columns) {
      bool found = false;
      for (const auto& field : schema_.fields) found = found || iequals(column, field.name);
      if (!found) extra.push_back(column);
    }
    if (missing.empty() && extra.empty()) return "";
    auto list = [](const std::vector<std::string>& names) {
      std::string out;
      for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
      return out;
    };
    std::string problem =
        fmt::format("table '{}' exists with columns ({}), but the stream has ({})", table_,
                    list(columns), list(mine));
    if (!missing.empty()) problem += "; missing: " + list(missing);
    if (!extra.empty()) problem += "; not in the stream: " + list(extra);
    return problem + " (drop the table, or write to another with 'table')";
  }

  std::string exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return "";
    std::string problem = message ? message : sqlite3_errmsg(db_.get());
    sqlite3_free(message);
    return problem;
  }

  std::string prepare_statement(const std::string& sql, StatementHandle& out) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db_.get(), sql.c_str(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &statement, nullptr) != SQLITE_OK) {
      sqlite3_finalize(statement);
      return sqlite3_errmsg(db_.get());
    }
    out.reset(statement);
    return "";
  }

  // Prepared on first use: an insert-only query never needs it.
  sqlite3_stmt* delete_one() {
    if (!delete_one_) {
      const std::string table = quote_identifier(table_);
      auto problem = prepare_statement(
          fmt::format("DELETE FROM {0} WHERE rowid = (SELECT rowid FROM {0} WHERE {1} LIMIT 1)",
                      table, match(all_columns_, " IS ")),
          delete_one_);
      if (!problem.empty()) failed(problem);
    }
    return delete_one_.get();
  }

  Error error(const std::string& problem) const {
    return Error{Error::Kind::Runtime, fmt::format("sqlite sink '{}': {}", path_, problem)};
  }

  // Rolls back what is not committed (so the counts match the file again) and throws.
  [[noreturn]] void failed(const std::string& problem) {
    Error e = error(problem);
    if (in_transaction_) abandon();
    throw Failure(std::move(e));
  }

  void step(sqlite3_stmt* statement) {
    const int rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
      failed(fmt::format("table '{}': {}", table_, sqlite3_errmsg(db_.get())));
  }

  void begin() {
    step(begin_.get());
    in_transaction_ = true;
  }

  void abandon() {
    sqlite3_step(rollback_.get());
    sqlite3_reset(rollback_.get());
    in_transaction_ = false;
    rows_ = committed_rows_;
    skip_ = committed_skip_;
    since_commit_ = 0;
  }

  // Commits the open transaction with the progress (rows given so far plus those still to skip,
  // which the file already holds).
  void commit_now() {
    if (!in_transaction_ && progress_saved_ && rows_ == committed_rows_ && skip_ == committed_skip_)
      return;
    if (!in_transaction_) begin();
    sqlite3_bind_text(save_progress_.get(), 1, table_.data(), int(table_.size()), SQLITE_STATIC);
    sqlite3_bind_int64(save_progress_.get(), 2, int64_t(rows_ + skip_));
    step(save_progress_.get());
    step(commit_.get());
    in_transaction_ = false;
    committed_rows_ = rows_;
    committed_skip_ = skip_;
    since_commit_ = 0;
    progress_saved_ = true;
  }

  // Binds `columns` of `row` (column c as parameter c + 1) and runs `statement`.
  void apply(sqlite3_stmt* statement, const Batch& batch, size_t row,
             const std::vector<int>& columns) {
    for (int c : columns) {
      const Column& column = batch.columns[c];
      const int parameter = c + 1;
      if (column.is_null(row)) {
        sqlite3_bind_null(statement, parameter);
        continue;
      }
      std::string& text = scratch_[c];
      text.clear();
      switch (column.type.id) {
        case TypeId::Boolean:
          sqlite3_bind_int64(statement, parameter, column.ints[row] != 0 ? 1 : 0);
          continue;
        case TypeId::Int:
        case TypeId::BigInt:
          sqlite3_bind_int64(statement, parameter, column.ints[row]);
          continue;
        case TypeId::Double:
          sqlite3_bind_double(statement, parameter, column.doubles[row]);
          continue;
        case TypeId::Decimal: {
          // The double nearest the decimal: parsed from its exact text.
          append_display_text(text, column, row);
          double value = 0;
          std::from_chars(text.data(), text.data() + text.size(), value);
          sqlite3_bind_double(statement, parameter, value);
          continue;
        }
        case TypeId::String: {
          const std::string_view s = column.strings[row];
          // A null pointer would bind NULL: an empty string needs a real one.
          sqlite3_bind_text(statement, parameter, s.empty() ? "" : s.data(), int(s.size()),
                            SQLITE_STATIC);
          continue;
        }
        case TypeId::Timestamp:
          append_timestamp(text, column.ints[row]);
          break;
        case TypeId::Date:
          append_date(text, column.ints[row]);
          break;
        case TypeId::Time:
          append_time(text, column.ints[row], column.type.precision);
          break;
        default:
          append_display_text(text, column, row);
          break;
      }
      sqlite3_bind_text(statement, parameter, text.data(), int(text.size()), SQLITE_STATIC);
    }
    step(statement);
  }

  DbHandle db_;
  std::string path_;
  std::string table_;
  Schema schema_;
  std::vector<int> key_;            // key columns; empty: retract mode
  std::vector<int> value_columns_;  // the others
  std::vector<int> all_columns_;
  std::vector<std::string> scratch_;  // per column: text of the value being bound (reused)
  StatementHandle insert_, upsert_, delete_by_key_, delete_one_;
  StatementHandle begin_, commit_, rollback_, save_progress_;
  bool in_transaction_ = false;
  bool progress_saved_ = false;  // this sink has written its progress row (or read it back)
  uint64_t rows_ = 0;            // changes given to the sink (applied or skipped)
  uint64_t skip_ = 0;            // changes still to skip: committed before a crash
  uint64_t since_commit_ = 0;
  uint64_t committed_rows_ = 0, committed_skip_ = 0;
};

}  // namespace

Result<std::unique_ptr<Sink>> open_sqlite_sink(const ConnectorContext& context) {
  const std::string path = context.option("path", "");
  const std::string table = context.option("table", context.stream);
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK) {
    return Error{Error::Kind::Io, fmt::format("sqlite sink: cannot open '{}': {}", path,
                                              raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc))};
  }
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  sqlite3_extended_result_codes(db.get(), 1);
  auto sink =
      std::make_unique<SqliteSink>(std::move(db), path, table, context.schema, context.primary_key);
  if (std::string problem = sink->prepare(); !problem.empty())
    return Error{Error::Kind::Runtime, fmt::format("sqlite sink '{}': {}", path, problem)};
  return std::unique_ptr<Sink>(std::move(sink));
}

}  // namespace eddy
