// Thin RAII over the SQLite C API for the checkpoint store: a prepared statement kept for the
// connection's life, and one execution of it that binds in order, steps, reads columns and resets
// the statement when it goes out of scope. Failures throw SqliteError; the store turns them into
// eddy::Error values at its API boundary.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace eddy::sqlite {

struct SqliteError {
  int code = SQLITE_ERROR;  // primary result code; SQLITE_OK for the store's own refusals
  std::string message;
};

inline SqliteError error_of(sqlite3* db, int rc) {
  const char* message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return {rc & 0xff, message ? message : sqlite3_errstr(rc)};
}

inline void exec(sqlite3* db, const char* sql) {
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw error_of(db, rc);
}

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, const char* sql) {
    int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) throw error_of(db, rc);
  }
  Statement(Statement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement& operator=(Statement&& other) noexcept {
    std::swap(stmt_, other.stmt_);
    return *this;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// One execution of a prepared statement. Blobs and text are bound without copying: what they
// point to must outlive the Query.
class Query {
 public:
  explicit Query(const Statement& statement) : stmt_(statement.get()) {}
  ~Query() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& bind(int64_t value) { return check(sqlite3_bind_int64(stmt_, ++bound_, value)); }
  Query& bind(uint64_t value) { return bind(int64_t(value)); }
  Query& bind(int value) { return bind(int64_t(value)); }
  Query& bind(bool value) { return bind(int64_t(value)); }
  Query& bind_null() { return check(sqlite3_bind_null(stmt_, ++bound_)); }
  Query& bind_text(std::string_view text) {
    return check(
        sqlite3_bind_text64(stmt_, ++bound_, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8));
  }
  Query& bind_blob(std::string_view bytes) {
    return check(sqlite3_bind_blob64(stmt_, ++bound_, bytes.data(), bytes.size(), SQLITE_STATIC));
  }

  // True while there is a row to read.
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw error_of(sqlite3_db_handle(stmt_), rc);
  }
  void run() {
    while (step()) {
    }
  }

  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  int64_t i64(int column) const { return sqlite3_column_int64(stmt_, column); }
  uint64_t u64(int column) const { return uint64_t(i64(column)); }
  std::string_view text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return data ? std::string_view(data, size_t(sqlite3_column_bytes(stmt_, column))) : "";
  }
  std::string_view blob(int column) const {
    const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    return data ? std::string_view(data, size_t(sqlite3_column_bytes(stmt_, column))) : "";
  }

 private:
  Query& check(int rc) {
    if (rc != SQLITE_OK) throw error_of(sqlite3_db_handle(stmt_), rc);
    return *this;
  }
  sqlite3_stmt* stmt_;
  int bound_ = 0;
};

}  // namespace eddy::sqlite
