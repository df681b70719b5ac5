// The checkpoint store on SQLite: open-time checks, the write transaction with retention, and
// verified loading with fallback. The file format is state/checkpoint_schema.h; docs/checkpoints.md
// documents it and the guarantees kept here.
#include "state/checkpoint_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <system_error>
#include <utility>

#include "state/checkpoint_chain.h"
#include "state/checkpoint_schema.h"
#include "state/sqlite_statement.h"
#include "state/wal_copier.h"

namespace eddy {

using sqlite::Query;
using sqlite::SqliteError;
using sqlite::Statement;

namespace {

using store_format::CheckpointRow;
using store_format::kApplicationId;
using store_format::kFormatVersion;
using store_format::kPageSize;

// The log is copied into the file once it holds this many pages (8 MB): after every large
// checkpoint, after every few small ones.
constexpr int kWalCopyFrames = 128;

// Times that mean "none" are NULL in the file, so `sqlite3` shows them as empty.
void bind_time(Query& query, Timestamp time, Timestamp none) {
  if (time == none)
    query.bind_null();
  else
    query.bind(int64_t(time));
}
Timestamp column_time(const Query& query, int column, Timestamp none) {
  return query.is_null(column) ? none : query.i64(column);
}

uint64_t blob_bytes(const CheckpointData& data) {
  uint64_t bytes = data.driver.size();
  for (const OperatorCheckpoint& op : data.operators) {
    bytes += op.values.size();
    for (const KeyGroupState& group : op.key_groups) bytes += group.bytes.size();
  }
  for (const SourceCheckpoint& source : data.sources) bytes += source.position.state.size();
  for (const SinkCheckpoint& sink : data.sinks) bytes += sink.position.state.size();
  return bytes;
}

// Without a WAL the file alone holds every page, so a file shorter than its header says was
// truncated (SQLite would only call it "malformed"). The header fields are SQLite's file format:
// page size at offset 16, page count at 28, valid only when the change counter at 24 equals the
// version-valid-for number at 92.
std::optional<std::string> truncation(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char h[100];
  if (!in.read(reinterpret_cast<char*>(h), sizeof h)) return std::nullopt;
  if (std::memcmp(h, "SQLite format 3", 16) != 0) return std::nullopt;
  auto be32 = [&](int at) {
    return uint32_t(h[at]) << 24 | uint32_t(h[at + 1]) << 16 | uint32_t(h[at + 2]) << 8 | h[at + 3];
  };
  uint64_t page_size = uint32_t(h[16]) << 8 | h[17];
  if (page_size == 1) page_size = 65536;
  uint64_t pages = be32(28);
  if (pages == 0 || be32(24) != be32(92)) return std::nullopt;
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  if (ec || size >= pages * page_size) return std::nullopt;
  return fmt::format("it is truncated ({} bytes, its header says {})", size, pages * page_size);
}

bool is_malformed(const SqliteError& e) {
  return e.code == SQLITE_CORRUPT || e.code == SQLITE_NOTADB;
}

// "cannot list the checkpoints in ckpt.db (database disk image is malformed); the file is damaged"
// when SQLite found the file malformed, "cannot list ...: <why>" for other failures.
Error read_error(const SqliteError& e, const std::string& what) {
  if (is_malformed(e))
    return Error(Error::Kind::Io, fmt::format("{} ({}); the file is damaged", what, e.message));
  return Error(Error::Kind::Io, fmt::format("{}: {}", what, e.message));
}

}  // namespace

struct CheckpointStore::Db {
  sqlite3* db = nullptr;
  // Prepared once, reused by every checkpoint.
  Statement next_id, job_links, insert_checkpoint, insert_operator, insert_key_group, insert_source,
      insert_sink, select_checkpoint, select_operators, select_key_groups, select_sources,
      select_sinks, mark_damaged, select_job, select_all;
  Statement delete_checkpoint[5];
  std::unique_ptr<WalCopier> wal_copier;

  ~Db() {
    wal_copier.reset();  // before the last close, which copies the rest of the log
    // Statements are finalized after this body runs; close_v2 waits for them.
    sqlite3_close_v2(db);
  }

  void prepare() {
    next_id = {db, "SELECT seq FROM sqlite_sequence WHERE name = 'checkpoints'"};
    job_links = {db,
                 "SELECT id, parent_id, base_id, bytes, damage FROM checkpoints WHERE job = ? "
                 "ORDER BY id"};
    std::string placeholders = "?";
    for (int i = 1; i < store_format::kCheckpointColumnCount; ++i) placeholders += ", ?";
    insert_checkpoint = {db, fmt::format("INSERT INTO checkpoints ({}) VALUES ({})",
                                         store_format::kCheckpointColumns, placeholders)
                                 .c_str()};
    insert_operator = {db, "INSERT INTO operators VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
    insert_key_group = {db, "INSERT INTO key_groups VALUES (?, ?, ?, ?, ?, ?)"};
    insert_source = {db, "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)"};
    insert_sink = {db, "INSERT INTO sinks VALUES (?, ?, ?, ?, ?, ?, ?, ?)"};
    select_checkpoint = {
        db, fmt::format("SELECT {} FROM checkpoints WHERE id = ?", store_format::kCheckpointColumns)
                .c_str()};
    select_operators = {db,
                        "SELECT operator_id, name, named_values, key_group_count, keys, "
                        "state_bytes, timers, watermark, next_event_timer, next_processing_timer, "
                        "checksum FROM operators WHERE checkpoint_id = ? ORDER BY operator_id"};
    select_key_groups = {db,
                         "SELECT operator_id, key_group, keys, state, checksum FROM key_groups "
                         "WHERE checkpoint_id = ? ORDER BY operator_id, key_group"};
    select_sources = {db,
                      "SELECT input, description, read_offset, line, state, checksum FROM sources "
                      "WHERE checkpoint_id = ? ORDER BY input"};
    select_sinks = {db,
                    "SELECT sink, name, description, rows_written, bytes_written, state, checksum "
                    "FROM sinks WHERE checkpoint_id = ? ORDER BY sink"};
    mark_damaged = {db, "UPDATE checkpoints SET damage = ? WHERE id = ?"};
    select_job = {db,
                  "SELECT statement, fingerprint FROM checkpoints WHERE job = ? ORDER BY id DESC "
                  "LIMIT 1"};
    select_all = {db,
                  "SELECT id, job, created_ms, incremental, finished, base_id, parent_id, "
                  "watermark, rows_in, rows_out, bytes, damage FROM checkpoints ORDER BY id"};
    const char* tables[5] = {"key_groups", "operators", "sources", "sinks", "checkpoints"};
    for (int i = 0; i < 5; ++i) {
      const char* id_column = i == 4 ? "id" : "checkpoint_id";
      delete_checkpoint[i] = {
          db, fmt::format("DELETE FROM {} WHERE {} = ?", tables[i], id_column).c_str()};
    }
  }

  ChainLinks links(const std::string& job) const {
    ChainLinks links;
    Query q(job_links);
    q.bind_text(job);
    while (q.step()) {
      ChainLink link{q.u64(0), q.u64(1), q.u64(2), q.u64(3), std::string(q.text(4))};
      links.emplace(link.id, std::move(link));
    }
    return links;
  }

  void erase(uint64_t id) {
    for (const Statement& statement : delete_checkpoint) Query(statement).bind(id).run();
  }

  // Reads checkpoint `id` (its operators' own key groups too when `key_groups`) and returns why
  // it fails verification, or "" when it verifies.
  std::string read(uint64_t id, bool key_groups, CheckpointData& data, CheckpointRow& row) const;
};

// A write transaction that rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) { sqlite::exec(db_, "BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  void commit() { sqlite::exec(db_, "COMMIT"); }

 private:
  sqlite3* db_;
};

std::string CheckpointStore::Db::read(uint64_t id, bool with_key_groups, CheckpointData& data,
                                      CheckpointRow& row) const {
  {
    Query q(select_checkpoint);
    q.bind(id);
    if (!q.step()) return "its row is missing";
    data.id = q.u64(0);
    data.job = q.text(1);
    row.parent_id = q.u64(2);
    row.base_id = q.u64(3);
    data.incremental = q.i64(4) != 0;
    data.finished = q.i64(5) != 0;
    data.created_ms = q.i64(6);
    data.watermark = column_time(q, 7, kMinTimestamp);
    data.rows_in = q.u64(8);
    data.rows_out = q.u64(9);
    data.late_rows = q.u64(10);
    data.skipped_rows = q.u64(11);
    data.statement = q.text(12);
    data.fingerprint = q.text(13);
    data.driver = q.blob(14);
    row.operator_count = q.u64(15);
    row.key_group_count = q.u64(16);
    row.source_count = q.u64(17);
    row.sink_count = q.u64(18);
    row.bytes = q.u64(19);
    int64_t checksum = q.i64(20);
    row.damage = q.text(21);
    if (checksum != store_format::checkpoint_row_checksum(data, row))
      return "checkpoint row: checksum mismatch";
  }

  std::map<int, uint64_t> expected_groups;  // per operator id
  {
    Query q(select_operators);
    q.bind(id);
    while (q.step()) {
      OperatorCheckpoint& op = data.operators.emplace_back();
      op.id = int(q.i64(0));
      op.name = q.text(1);
      op.values = q.blob(2);
      uint64_t groups = q.u64(3);
      op.keys = q.u64(4);
      op.state_bytes = q.u64(5);
      op.timers = q.u64(6);
      op.watermark = column_time(q, 7, kMinTimestamp);
      op.next_event_timer = column_time(q, 8, kMaxTimestamp);
      op.next_processing_timer = column_time(q, 9, kMaxTimestamp);
      if (q.i64(10) != store_format::operator_row_checksum(id, op, groups))
        return fmt::format("operator {}: checksum mismatch", op.id);
      expected_groups[op.id] = groups;
    }
    if (data.operators.size() != row.operator_count)
      return fmt::format("operators: {} of {} present", data.operators.size(), row.operator_count);
  }
  {
    Query q(select_sources);
    q.bind(id);
    while (q.step()) {
      SourceCheckpoint& source = data.sources.emplace_back();
      source.input = int(q.i64(0));
      source.description = q.text(1);
      source.position.offset = q.u64(2);
      source.position.line = q.u64(3);
      source.position.state = q.blob(4);
      if (q.i64(5) != store_format::source_row_checksum(id, source))
        return fmt::format("source {}: checksum mismatch", source.input);
    }
    if (data.sources.size() != row.source_count)
      return fmt::format("sources: {} of {} present", data.sources.size(), row.source_count);
  }
  {
    Query q(select_sinks);
    q.bind(id);
    while (q.step()) {
      uint64_t index = q.u64(0);
      SinkCheckpoint& sink = data.sinks.emplace_back();
      sink.name = q.text(1);
      sink.description = q.text(2);
      sink.position.rows = q.u64(3);
      sink.position.bytes = q.u64(4);
      sink.position.state = q.blob(5);
      if (q.i64(6) != store_format::sink_row_checksum(id, index, sink))
        return fmt::format("sink {} ({}): checksum mismatch", index, sink.name);
    }
    if (data.sinks.size() != row.sink_count)
      return fmt::format("sinks: {} of {} present", data.sinks.size(), row.sink_count);
  }
  if (!with_key_groups) return "";

  uint64_t total = 0;
  std::map<int, uint64_t> found_groups;
  Query q(select_key_groups);
  q.bind(id);
  OperatorCheckpoint* op = nullptr;
  while (q.step()) {
    int operator_id = int(q.i64(0));
    if (!op || op->id != operator_id) {
      auto it = std::find_if(data.operators.begin(), data.operators.end(),
                             [&](const OperatorCheckpoint& o) { return o.id == operator_id; });
      if (it == data.operators.end())
        return fmt::format("key group {} of operator {}, which the checkpoint lacks", q.i64(1),
                           operator_id);
      op = &*it;
    }
    KeyGroupState& group = op->key_groups.emplace_back();
    group.key_group = int(q.i64(1));
    group.keys = q.u64(2);
    group.bytes = q.blob(3);
    if (q.i64(4) != store_format::key_group_row_checksum(id, operator_id, group))
      return fmt::format("operator {} key group {}: checksum mismatch", operator_id,
                         group.key_group);
    ++found_groups[operator_id];
    ++total;
  }
  for (const auto& [operator_id, expected] : expected_groups)
    if (found_groups[operator_id] != expected)
      return fmt::format("operator {}: {} of {} key groups present", operator_id,
                         found_groups[operator_id], expected);
  if (total != row.key_group_count)
    return fmt::format("key groups: {} of {} present", total, row.key_group_count);
  return "";
}

CheckpointStore::CheckpointStore(std::string path, std::unique_ptr<Db> db)
    : path_(std::move(path)), db_(std::move(db)) {}
CheckpointStore::~CheckpointStore() = default;

Result<std::unique_ptr<CheckpointStore>> CheckpointStore::open(const std::string& path) {
  return open_file(path, false);
}

Result<std::unique_ptr<CheckpointStore>> CheckpointStore::open_read_only(const std::string& path) {
  return open_file(path, true);
}

namespace {

// A read-only connection to a WAL-mode file creates the -wal and -shm files when they are
// missing, and leaves them behind. Without a -wal there is no log to read and no writer, so the
// file alone is the database: opened as immutable, SQLite creates nothing (a writer starting
// while it reads could make it read a page mid-copy, a risk an inspection tool can take).
std::string read_only_uri(const std::string& path, bool immutable) {
  std::string uri = "file:";
  for (char c : std::filesystem::absolute(path).string()) {
    if (c == '%' || c == '?' || c == '#')
      uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    else
      uri += c;
  }
  return uri + (immutable ? "?mode=ro&immutable=1" : "?mode=ro");
}

}  // namespace

Result<std::unique_ptr<CheckpointStore>> CheckpointStore::open_file(const std::string& path,
                                                                    bool read_only) {
  namespace fs = std::filesystem;
  auto refuse = [&](const std::string& why) {
    return Error(Error::Kind::Io, fmt::format("{} is not an eddy checkpoint store: {}", path, why));
  };
  // Looked at before SQLite opens the file: reading a WAL-mode file creates an empty -wal.
  std::error_code ec;
  bool has_wal = fs::file_size(path + "-wal", ec) > 0 && !ec;
  if (!has_wal) {
    if (std::optional<std::string> truncated = truncation(path))
      return Error(Error::Kind::Io, fmt::format("{} is damaged: {}", path, *truncated));
  }

  if (read_only) {
    if (!fs::exists(path, ec))
      return Error(Error::Kind::Io,
                   fmt::format("cannot open checkpoint store {}: no such file", path));
    if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0 && !ec)
      return refuse("it is empty");
  }

  auto db = std::make_unique<Db>();
  int rc = read_only ? sqlite3_open_v2(read_only_uri(path, !fs::exists(path + "-wal", ec)).c_str(),
                                       &db->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr)
                     : sqlite3_open_v2(path.c_str(), &db->db,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK)
    return Error(Error::Kind::Io, fmt::format("cannot open checkpoint store {}: {}", path,
                                              sqlite::error_of(db->db, rc).message));
  sqlite3_busy_timeout(db->db, 5000);
  try {
    // Identify the file before changing anything in it (journal_mode=WAL would write a foreign
    // file's header).
    int64_t application_id = 0, version = 0;
    std::vector<std::string> tables;
    {
      Statement s(db->db, "PRAGMA application_id");
      Query q(s);
      if (q.step()) application_id = q.i64(0);
    }
    {
      Statement s(db->db, "PRAGMA user_version");
      Query q(s);
      if (q.step()) version = q.i64(0);
    }
    {
      Statement s(db->db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
      Query q(s);
      while (q.step()) tables.emplace_back(q.text(0));
    }
    if (application_id != 0 && int32_t(application_id) != kApplicationId)
      return refuse(
          fmt::format("it is a SQLite database of another application (application_id "
                      "{:#010x})",
                      uint32_t(application_id)));
    if (application_id == 0 && !tables.empty())
      return refuse(fmt::format(
          "it is a SQLite database of another application (tables {})",
          fmt::join(tables.begin(), tables.begin() + std::min<size_t>(tables.size(), 5), ", ")));
    if (version > kFormatVersion)
      return Error(Error::Kind::Io,
                   fmt::format("{} was written by a newer eddy (format {}, this eddy reads {})",
                               path, version, kFormatVersion));
    bool fresh = application_id == 0;
    if (!fresh && version != kFormatVersion)
      return refuse(fmt::format("unknown format version {}", version));
    if (read_only) {
      if (fresh) return refuse("it is an empty SQLite database");
      sqlite::exec(db->db, "PRAGMA query_only = 1");
      db->prepare();
      return std::unique_ptr<CheckpointStore>(new CheckpointStore(path, std::move(db)));
    }

    if (fresh) sqlite::exec(db->db, fmt::format("PRAGMA page_size = {}", kPageSize).c_str());
    {
      Statement s(db->db, "PRAGMA journal_mode = WAL");
      Query q(s);
      if (!q.step() || q.text(0) != "wal")
        return Error(Error::Kind::Io, fmt::format("cannot use {} as a checkpoint store: it cannot "
                                                  "be put in WAL mode",
                                                  path));
    }
    sqlite::exec(db->db, "PRAGMA synchronous = NORMAL");
    if (fresh) {
      Transaction tx(db->db);
      // Another process may have created it meanwhile; its schema is then the same as ours.
      Statement s(db->db, "PRAGMA application_id");
      Query q(s);
      bool created = q.step() && q.i64(0) == kApplicationId;
      if (!created) {
        sqlite::exec(db->db, store_format::kSchema);
        sqlite::exec(db->db, fmt::format("PRAGMA application_id = {}", kApplicationId).c_str());
        sqlite::exec(db->db, fmt::format("PRAGMA user_version = {}", kFormatVersion).c_str());
      }
      tx.commit();
    }
    db->prepare();
    db->wal_copier = std::make_unique<WalCopier>(db->db, path, kWalCopyFrames);
  } catch (const SqliteError& e) {
    if (e.code == SQLITE_NOTADB) return refuse(e.message);
    if (e.code == SQLITE_CORRUPT)
      return Error(Error::Kind::Io, fmt::format("{} is damaged: {}", path, e.message));
    return Error(Error::Kind::Io,
                 fmt::format("cannot open checkpoint store {}: {}", path, e.message));
  }
  return std::unique_ptr<CheckpointStore>(new CheckpointStore(path, std::move(db)));
}

Status CheckpointStore::limit_size_for_testing(uint64_t bytes) {
  try {
    uint64_t pages = bytes == 0 ? 0xfffffffe : std::max<uint64_t>(1, bytes / kPageSize);
    sqlite::exec(db_->db, fmt::format("PRAGMA max_page_count = {}", pages).c_str());
  } catch (const SqliteError& e) {
    return Error(Error::Kind::Io, e.message);
  }
  return Status::ok();
}

Result<std::optional<CheckpointStore::JobInfo>> CheckpointStore::job(const std::string& job) const {
  try {
    Query q(db_->select_job);
    q.bind_text(job);
    if (!q.step()) return std::optional<JobInfo>();
    return std::optional<JobInfo>(JobInfo{std::string(q.text(0)), std::string(q.text(1))});
  } catch (const SqliteError& e) {
    return read_error(e, fmt::format("cannot read job {} from {}", job, path_));
  }
}

Status CheckpointStore::forget(const std::string& job) {
  try {
    Transaction tx(db_->db);
    for (const auto& [id, link] : db_->links(job)) db_->erase(id);
    tx.commit();
  } catch (const SqliteError& e) {
    return Error(Error::Kind::Io, fmt::format("checkpoints of job {} not deleted from {}: {}", job,
                                              path_, e.message));
  }
  return Status::ok();
}

Status CheckpointStore::write(CheckpointData& data) {
  const uint64_t saved_id = data.id;
  uint64_t id = 0;
  try {
    Transaction tx(db_->db);
    {
      Query q(db_->next_id);
      id = q.step() ? q.u64(0) + 1 : 1;
    }
    ChainLinks links = db_->links(data.job);
    CheckpointRow row;
    if (data.incremental) {
      row.parent_id = newest_restorable(links);
      if (row.parent_id == 0)
        throw SqliteError{SQLITE_OK, "it is incremental but the job has no checkpoint to extend"};
      row.base_id = links.at(row.parent_id).base_id;
    } else {
      row.base_id = id;
    }
    row.operator_count = data.operators.size();
    for (const OperatorCheckpoint& op : data.operators) row.key_group_count += op.key_groups.size();
    row.source_count = data.sources.size();
    row.sink_count = data.sinks.size();
    row.bytes = blob_bytes(data);

    CheckpointData& d = data;
    d.id = id;  // hashed with the rows; put back if the write fails

    {
      Query q(db_->insert_checkpoint);
      q.bind(id).bind_text(d.job);
      if (row.parent_id)
        q.bind(row.parent_id);
      else
        q.bind_null();
      q.bind(row.base_id).bind(d.incremental).bind(d.finished).bind(d.created_ms);
      bind_time(q, d.watermark, kMinTimestamp);
      q.bind(d.rows_in).bind(d.rows_out).bind(d.late_rows).bind(d.skipped_rows);
      q.bind_text(d.statement).bind_text(d.fingerprint).bind_blob(d.driver);
      q.bind(row.operator_count).bind(row.key_group_count).bind(row.source_count);
      q.bind(row.sink_count)
          .bind(row.bytes)
          .bind(store_format::checkpoint_row_checksum(d, row))
          .bind_null();
      q.run();
    }
    for (const OperatorCheckpoint& op : d.operators) {
      {
        Query q(db_->insert_operator);
        q.bind(id).bind(op.id).bind_text(op.name).bind_blob(op.values);
        q.bind(uint64_t(op.key_groups.size())).bind(op.keys).bind(op.state_bytes).bind(op.timers);
        bind_time(q, op.watermark, kMinTimestamp);
        bind_time(q, op.next_event_timer, kMaxTimestamp);
        bind_time(q, op.next_processing_timer, kMaxTimestamp);
        q.bind(store_format::operator_row_checksum(id, op, op.key_groups.size()));
        q.run();
      }
      for (const KeyGroupState& group : op.key_groups) {
        Query q(db_->insert_key_group);
        q.bind(id).bind(op.id).bind(group.key_group).bind(group.keys).bind_blob(group.bytes);
        q.bind(store_format::key_group_row_checksum(id, op.id, group));
        q.run();
      }
    }
    for (const SourceCheckpoint& source : d.sources) {
      Query q(db_->insert_source);
      q.bind(id).bind(source.input).bind_text(source.description).bind(source.position.offset);
      q.bind(source.position.line).bind_blob(source.position.state);
      q.bind(store_format::source_row_checksum(id, source));
      q.run();
    }
    for (size_t i = 0; i < d.sinks.size(); ++i) {
      const SinkCheckpoint& sink = d.sinks[i];
      Query q(db_->insert_sink);
      q.bind(id).bind(uint64_t(i)).bind_text(sink.name).bind_text(sink.description);
      q.bind(sink.position.rows).bind(sink.position.bytes).bind_blob(sink.position.state);
      q.bind(store_format::sink_row_checksum(id, i, sink));
      q.run();
    }

    // Retention: the newest two restorable checkpoints and their chains, and every damaged one
    // (the evidence); the rest of the job goes.
    links.emplace(id, ChainLink{id, row.parent_id, row.base_id, row.bytes, ""});
    std::vector<uint64_t> keep;
    for (auto it = links.rbegin(); it != links.rend() && keep.size() < 2; ++it)
      if (restorable(links, it->first)) keep.push_back(it->first);
    for (const auto& [other, link] : links) {
      if (!link.damage.empty()) continue;
      bool needed = false;
      for (uint64_t k : keep)
        for (const ChainLink* member : chain_of(links, k)) needed |= member->id == other;
      if (!needed) db_->erase(other);
    }
    tx.commit();
  } catch (const SqliteError& e) {
    data.id = saved_id;
    std::string which = id ? fmt::format("checkpoint {}", id) : std::string("a checkpoint");
    return Error(Error::Kind::Io, fmt::format("{} of job {} not written to {}: {}", which, data.job,
                                              path_, e.message));
  }
  return Status::ok();
}

ChainStats CheckpointStore::chain(const std::string& job) const {
  ChainStats stats;
  try {
    ChainLinks links = db_->links(job);
    for (const ChainLink* member : chain_of(links, newest_restorable(links))) {
      if (member->parent_id == 0) {
        stats.base_id = member->id;
        stats.base_bytes = member->bytes;
      } else {
        ++stats.deltas;
        stats.delta_bytes += member->bytes;
      }
    }
  } catch (const SqliteError&) {
    return {};
  }
  return stats;
}

Result<std::optional<CheckpointData>> CheckpointStore::load_latest(
    const std::string& job, std::vector<std::string>& warnings) {
  // Checkpoints that could not be restored, newest first, with why ("is damaged (...)").
  std::vector<std::pair<uint64_t, std::string>> failures;
  try {
    ChainLinks links = db_->links(job);
    if (links.empty()) return std::optional<CheckpointData>();
    for (auto candidate = links.rbegin(); candidate != links.rend(); ++candidate) {
      const uint64_t id = candidate->first;
      std::vector<const ChainLink*> chain = chain_of(links, id);
      std::string problem;
      std::vector<CheckpointData> members;
      if (chain.empty()) problem = "cannot be restored: its chain is incomplete";
      for (const ChainLink* member : chain) {
        if (member->damage.empty()) {
          CheckpointData data;
          CheckpointRow row;
          std::string reason;
          try {
            reason = db_->read(member->id, true, data, row);
          } catch (const SqliteError& e) {
            if (!is_malformed(e)) throw;
            reason = fmt::format("the file is malformed: {}", e.message);
          }
          if (reason.empty()) {
            members.push_back(std::move(data));
            continue;
          }
          // Recorded in the file (so it is kept as evidence) unless the file itself is
          // malformed: writing into a broken b-tree could make it worse.
          ChainLink& link = links.at(member->id);
          link.damage = reason;
          if (reason.rfind("the file is malformed", 0) != 0) {
            try {
              Query(db_->mark_damaged).bind_text(reason).bind(member->id).run();
            } catch (const SqliteError&) {
              // Still reported below; it is only not remembered.
            }
          }
        }
        problem =
            member->id == id
                ? fmt::format("is damaged ({})", member->damage)
                : fmt::format("cannot be restored: checkpoint {} of its chain is damaged ({})",
                              member->id, member->damage);
        break;
      }
      if (!problem.empty()) {
        failures.emplace_back(id, std::move(problem));
        continue;
      }
      // Fold the chain into the newest checkpoint: base's key groups, then each delta's.
      CheckpointData result = std::move(members.back());
      for (OperatorCheckpoint& op : result.operators) {
        std::vector<KeyGroupState> own = std::move(op.key_groups);
        op.key_groups.clear();
        for (size_t m = 0; m + 1 < members.size(); ++m)
          for (OperatorCheckpoint& older : members[m].operators)
            if (older.id == op.id)
              for (KeyGroupState& group : older.key_groups)
                op.key_groups.push_back(std::move(group));
        for (KeyGroupState& group : own) op.key_groups.push_back(std::move(group));
      }
      for (const auto& [failed, why] : failures)
        warnings.push_back(fmt::format("checkpoint {} of job {} in {} {}; restoring checkpoint {}",
                                       failed, job, path_, why, id));
      return std::optional<CheckpointData>(std::move(result));
    }
  } catch (const SqliteError& e) {
    return read_error(e, fmt::format("cannot read the checkpoints of job {} from {}", job, path_));
  }
  std::vector<std::string> reasons;
  for (const auto& [failed, why] : failures)
    reasons.push_back(fmt::format("checkpoint {} {}", failed, why));
  return Error(Error::Kind::Io, fmt::format("no checkpoint of job {} in {} can be restored: {}",
                                            job, path_, fmt::join(reasons, "; ")));
}

Result<std::vector<CheckpointSummary>> CheckpointStore::list() const {
  std::vector<CheckpointSummary> summaries;
  try {
    Query q(db_->select_all);
    while (q.step()) {
      CheckpointSummary& s = summaries.emplace_back();
      s.id = q.u64(0);
      s.job = q.text(1);
      s.created_ms = q.i64(2);
      s.incremental = q.i64(3) != 0;
      s.finished = q.i64(4) != 0;
      s.base_id = q.u64(5);
      s.parent_id = q.u64(6);
      s.watermark = column_time(q, 7, kMinTimestamp);
      s.rows_in = q.u64(8);
      s.rows_out = q.u64(9);
      s.bytes = q.u64(10);
      s.damage = q.text(11);
    }
  } catch (const SqliteError& e) {
    return read_error(e, fmt::format("cannot list the checkpoints in {}", path_));
  }
  return summaries;
}

Result<CheckpointData> CheckpointStore::load(uint64_t id) const {
  CheckpointData data;
  CheckpointRow row;
  std::string reason;
  try {
    reason = db_->read(id, false, data, row);
  } catch (const SqliteError& e) {
    if (!is_malformed(e))
      return Error(Error::Kind::Io,
                   fmt::format("cannot read checkpoint {} from {}: {}", id, path_, e.message));
    reason = fmt::format("the file is malformed: {}", e.message);
  }
  if (reason == "its row is missing")
    return Error(Error::Kind::Io, fmt::format("{} has no checkpoint {}", path_, id));
  if (!reason.empty())
    return Error(Error::Kind::Io,
                 fmt::format("checkpoint {} in {} is damaged ({})", id, path_, reason));
  return data;
}

Result<std::string> CheckpointStore::verify(uint64_t id) const {
  CheckpointData data;
  CheckpointRow row;
  try {
    std::string reason = db_->read(id, true, data, row);
    if (reason == "its row is missing")
      return Error(Error::Kind::Io, fmt::format("{} has no checkpoint {}", path_, id));
    return reason;
  } catch (const SqliteError& e) {
    if (!is_malformed(e))
      return Error(Error::Kind::Io,
                   fmt::format("cannot read checkpoint {} from {}: {}", id, path_, e.message));
    return fmt::format("the file is malformed: {}", e.message);
  }
}

}  // namespace eddy
