// The SQLite checkpoint store: round trip, ids, retention of incremental chains, and every kind
// of damage the issue lists (a flipped byte, a missing row, a truncated file, a foreign or newer
// file, a text file, a full disk). Damage is made from outside, the way it happens: with the
// sqlite3 C API on a second connection or by editing the file's bytes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "state/checkpoint_store.h"

namespace eddy {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// Store files (some tens of MB) are removed when the tests end.
std::vector<std::string>& temp_files() {
  static std::vector<std::string> files;
  return files;
}

class RemoveTempFiles : public ::testing::Environment {
 public:
  void TearDown() override {
    for (const std::string& path : temp_files())
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  }
};
const auto* const kRemoveTempFiles = ::testing::AddGlobalTestEnvironment(new RemoveTempFiles);

std::string temp_path(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string path =
      ::testing::TempDir() + "eddy_" + std::to_string(::getpid()) + "_" + info->name() + "_" + name;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  temp_files().push_back(path);
  return path;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// Runs SQL on the file through a connection of its own (as a user with sqlite3 would).
void sql(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &message);
  EXPECT_EQ(rc, SQLITE_OK) << (message ? message : "");
  sqlite3_free(message);
  sqlite3_close(db);
}

int64_t sql_int(const std::string& path, const std::string& query) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, query.c_str(), -1, &stmt, nullptr), SQLITE_OK);
  int64_t value = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

// Flips one byte in the middle of a key group's blob without fixing its checksum.
void flip_key_group_byte(const std::string& path, uint64_t checkpoint, int op, int group) {
  sql(path,
      "UPDATE key_groups SET state = substr(state, 1, length(state) / 2) || "
      "(CASE WHEN substr(state, length(state) / 2 + 1, 1) = x'41' THEN x'42' ELSE x'41' END) "
      "|| substr(state, length(state) / 2 + 2) WHERE checkpoint_id = " +
          std::to_string(checkpoint) + " AND operator_id = " + std::to_string(op) +
          " AND key_group = " + std::to_string(group));
}

std::unique_ptr<CheckpointStore> open_store(const std::string& path) {
  auto store = CheckpointStore::open(path);
  EXPECT_TRUE(store.is_ok()) << store.error().message;
  return store.is_ok() ? std::move(store).value() : nullptr;
}

std::string blob(const std::string& tag, size_t size) {
  std::string bytes;
  while (bytes.size() < size) bytes += tag + "|" + std::to_string(bytes.size()) + "\n";
  bytes.resize(size);
  return bytes;
}

// A checkpoint with every field set; `tag` makes its blobs its own.
CheckpointData sample(const std::string& job, const std::string& tag, bool incremental = false) {
  CheckpointData d;
  d.job = job;
  d.statement = "SELECT user, COUNT(*) FROM logins GROUP BY user";
  d.fingerprint = "fp:" + d.statement + "|plan";
  d.created_ms = 1'700'000'000'123;
  d.incremental = incremental;
  d.finished = false;
  d.watermark = 1'700'000'000'000;
  d.rows_in = 1000;
  d.rows_out = 40;
  d.late_rows = 3;
  d.skipped_rows = 2;
  d.driver = std::string("driver\0bytes\xff", 13) + tag;

  OperatorCheckpoint& keyed = d.operators.emplace_back();
  keyed.id = 3;
  keyed.name = "GroupAggregate";
  keyed.values = std::string("values\0", 7) + tag;
  for (int g : {0, 12, 127}) {
    keyed.key_groups.push_back({g, uint64_t(g + 1), blob(tag + "/3/" + std::to_string(g), 3000)});
  }
  keyed.keys = 141;
  keyed.state_bytes = 9000;
  keyed.timers = 7;
  keyed.watermark = 1'699'999'999'000;
  keyed.next_event_timer = 1'700'000'005'000;
  keyed.next_processing_timer = 42;

  OperatorCheckpoint& plain = d.operators.emplace_back();  // no keyed state, times at "none"
  plain.id = 5;
  plain.name = "Calc";

  d.sources.push_back({0, "file logins.csv (csv)", {123456, 789, ""}});
  d.sources.push_back({1, "datagen", {1000, 0, std::string("seq\0state", 9) + tag}});
  d.sinks.push_back({"out", "file out.csv (csv)", {40, 2048, ""}});
  d.sinks.push_back({"<result>", "subscriber", {40, 0, "sink-state" + tag}});
  return d;
}

// A delta: operator 3 changes key groups `groups` only.
CheckpointData delta(const std::string& job, const std::string& tag, std::vector<int> groups) {
  CheckpointData d = sample(job, tag, true);
  d.operators[0].key_groups.clear();
  for (int g : groups)
    d.operators[0].key_groups.push_back({g, 1, blob(tag + "/3/" + std::to_string(g), 500)});
  return d;
}

void expect_same_key_groups(const std::vector<KeyGroupState>& actual,
                            const std::vector<KeyGroupState>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    EXPECT_EQ(actual[i].key_group, expected[i].key_group) << i;
    EXPECT_EQ(actual[i].keys, expected[i].keys) << i;
    EXPECT_TRUE(actual[i].bytes == expected[i].bytes) << i;
  }
}

// Every field but the operators' key groups.
void expect_same_checkpoint(const CheckpointData& a, const CheckpointData& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.job, b.job);
  EXPECT_EQ(a.statement, b.statement);
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  EXPECT_EQ(a.created_ms, b.created_ms);
  EXPECT_EQ(a.incremental, b.incremental);
  EXPECT_EQ(a.finished, b.finished);
  EXPECT_EQ(a.watermark, b.watermark);
  EXPECT_EQ(a.rows_in, b.rows_in);
  EXPECT_EQ(a.rows_out, b.rows_out);
  EXPECT_EQ(a.late_rows, b.late_rows);
  EXPECT_EQ(a.skipped_rows, b.skipped_rows);
  EXPECT_EQ(a.driver, b.driver);
  ASSERT_EQ(a.operators.size(), b.operators.size());
  for (size_t i = 0; i < a.operators.size(); ++i) {
    const OperatorCheckpoint &x = a.operators[i], &y = b.operators[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.values, y.values);
    EXPECT_EQ(x.keys, y.keys);
    EXPECT_EQ(x.state_bytes, y.state_bytes);
    EXPECT_EQ(x.timers, y.timers);
    EXPECT_EQ(x.watermark, y.watermark);
    EXPECT_EQ(x.next_event_timer, y.next_event_timer);
    EXPECT_EQ(x.next_processing_timer, y.next_processing_timer);
  }
  ASSERT_EQ(a.sources.size(), b.sources.size());
  for (size_t i = 0; i < a.sources.size(); ++i) {
    EXPECT_EQ(a.sources[i].input, b.sources[i].input);
    EXPECT_EQ(a.sources[i].description, b.sources[i].description);
    EXPECT_EQ(a.sources[i].position.offset, b.sources[i].position.offset);
    EXPECT_EQ(a.sources[i].position.line, b.sources[i].position.line);
    EXPECT_EQ(a.sources[i].position.state, b.sources[i].position.state);
  }
  ASSERT_EQ(a.sinks.size(), b.sinks.size());
  for (size_t i = 0; i < a.sinks.size(); ++i) {
    EXPECT_EQ(a.sinks[i].name, b.sinks[i].name);
    EXPECT_EQ(a.sinks[i].description, b.sinks[i].description);
    EXPECT_EQ(a.sinks[i].position.rows, b.sinks[i].position.rows);
    EXPECT_EQ(a.sinks[i].position.bytes, b.sinks[i].position.bytes);
    EXPECT_EQ(a.sinks[i].position.state, b.sinks[i].position.state);
  }
}

std::vector<uint64_t> ids_of(CheckpointStore& store, const std::string& job) {
  std::vector<uint64_t> ids;
  auto list = store.list();
  EXPECT_TRUE(list.is_ok());
  for (const CheckpointSummary& s : *list)
    if (s.job == job) ids.push_back(s.id);
  return ids;
}

std::optional<CheckpointData> load_latest_ok(CheckpointStore& store, const std::string& job,
                                             std::vector<std::string>& warnings) {
  auto loaded = store.load_latest(job, warnings);
  EXPECT_TRUE(loaded.is_ok()) << loaded.error().message;
  return loaded.is_ok() ? *loaded : std::nullopt;
}

// Writes two checkpoints of job 1 in a fresh store at `path` (their ids are set).
void write_both(const std::string& path, CheckpointData& older, CheckpointData& newer) {
  auto store = open_store(path);
  ASSERT_TRUE(store->write(older).is_ok());
  ASSERT_TRUE(store->write(newer).is_ok());
}

// Loads job 1 from `path`: the checkpoint `older` is restored with one warning containing `why`.
// Returns the store for further checks.
std::unique_ptr<CheckpointStore> expect_fallback(const std::string& path, uint64_t older,
                                                 const std::string& why) {
  auto store = open_store(path);
  std::vector<std::string> warnings;
  auto loaded = load_latest_ok(*store, "1", warnings);
  EXPECT_TRUE(loaded && loaded->id == older);
  EXPECT_EQ(warnings.size(), 1u);
  if (!warnings.empty()) {
    EXPECT_THAT(warnings[0], HasSubstr(why));
  }
  return store;
}

TEST(CheckpointStore, RoundTripsEveryFieldAcrossReopening) {
  const std::string path = temp_path("ckpt.db");
  CheckpointData written = sample("1", "a");
  {
    auto store = open_store(path);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->write(written).is_ok());
    EXPECT_GT(written.id, 0u);
  }
  auto store = open_store(path);
  ASSERT_TRUE(store);
  std::vector<std::string> warnings;
  auto loaded = load_latest_ok(*store, "1", warnings);
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(warnings.empty());
  expect_same_checkpoint(*loaded, written);
  expect_same_key_groups(loaded->operators[0].key_groups, written.operators[0].key_groups);
  EXPECT_TRUE(loaded->operators[1].key_groups.empty());
  EXPECT_EQ(loaded->operators[1].watermark, kMinTimestamp);
  EXPECT_EQ(loaded->operators[1].next_event_timer, kMaxTimestamp);

  auto one = store->load(written.id);
  ASSERT_TRUE(one.is_ok()) << one.error().message;
  expect_same_checkpoint(*one, written);
  EXPECT_TRUE(one->operators[0].key_groups.empty());

  auto job = store->job("1");
  ASSERT_TRUE(job.is_ok());
  ASSERT_TRUE(job->has_value());
  EXPECT_EQ((*job)->statement, written.statement);
  EXPECT_EQ((*job)->fingerprint, written.fingerprint);

  auto list = store->list();
  ASSERT_TRUE(list.is_ok());
  ASSERT_EQ(list->size(), 1u);
  const CheckpointSummary& s = list->front();
  EXPECT_EQ(s.id, written.id);
  EXPECT_EQ(s.job, "1");
  EXPECT_EQ(s.created_ms, written.created_ms);
  EXPECT_FALSE(s.incremental);
  EXPECT_EQ(s.base_id, written.id);
  EXPECT_EQ(s.parent_id, 0u);
  EXPECT_EQ(s.watermark, written.watermark);
  EXPECT_EQ(s.rows_in, 1000u);
  EXPECT_EQ(s.rows_out, 40u);
  EXPECT_GT(s.bytes, 9000u);
  EXPECT_EQ(s.damage, "");
}

TEST(CheckpointStore, ANewFileIsMarkedAsEddysInWalMode) {
  const std::string path = temp_path("ckpt.db");
  { ASSERT_TRUE(open_store(path)); }
  EXPECT_EQ(sql_int(path, "PRAGMA application_id"), 0x45444459);
  EXPECT_EQ(sql_int(path, "PRAGMA user_version"), 1);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST(CheckpointStore, AJobWithoutCheckpointsLoadsNothing) {
  const std::string path = temp_path("ckpt.db");
  auto store = open_store(path);
  std::vector<std::string> warnings;
  auto loaded = store->load_latest("1", warnings);
  ASSERT_TRUE(loaded.is_ok());
  EXPECT_FALSE(loaded->has_value());
  EXPECT_FALSE(store->job("1")->has_value());
  EXPECT_EQ(store->chain("1").base_id, 0u);
}

TEST(CheckpointStore, IdsIncreaseAcrossJobsAndForget) {
  const std::string path = temp_path("ckpt.db");
  auto store = open_store(path);
  std::vector<uint64_t> ids;
  for (const char* job : {"1", "2", "1", "2", "1"}) {
    CheckpointData d = sample(job, "x");
    ASSERT_TRUE(store->write(d).is_ok());
    ids.push_back(d.id);
  }
  ASSERT_TRUE(store->forget("1").is_ok());
  EXPECT_TRUE(ids_of(*store, "1").empty());
  EXPECT_EQ(ids_of(*store, "2").size(), 2u);
  CheckpointData d = sample("1", "y");
  ASSERT_TRUE(store->write(d).is_ok());
  ids.push_back(d.id);
  for (size_t i = 1; i < ids.size(); ++i) EXPECT_GT(ids[i], ids[i - 1]);
}

TEST(CheckpointStore, RetentionKeepsTheNewestTwoOfEachJob) {
  const std::string path = temp_path("ckpt.db");
  auto store = open_store(path);
  CheckpointData other = sample("2", "other");
  ASSERT_TRUE(store->write(other).is_ok());
  std::vector<uint64_t> ids;
  for (int i = 0; i < 5; ++i) {
    CheckpointData d = sample("1", std::to_string(i));
    ASSERT_TRUE(store->write(d).is_ok());
    ids.push_back(d.id);
  }
  EXPECT_EQ(ids_of(*store, "1"), (std::vector<uint64_t>{ids[3], ids[4]}));
  EXPECT_EQ(ids_of(*store, "2"), (std::vector<uint64_t>{other.id}));
  // Nothing of the deleted ones is left behind in the other tables.
  EXPECT_EQ(sql_int(path, "SELECT count(*) FROM key_groups WHERE checkpoint_id < " +
                              std::to_string(ids[3]) + " AND checkpoint_id <> " +
                              std::to_string(other.id)),
            0);
  EXPECT_EQ(sql_int(path, "SELECT count(DISTINCT checkpoint_id) FROM operators"), 3);
  EXPECT_EQ(sql_int(path, "SELECT count(DISTINCT checkpoint_id) FROM sources"), 3);
  EXPECT_EQ(sql_int(path, "SELECT count(DISTINCT checkpoint_id) FROM sinks"), 3);
}

TEST(CheckpointStore, AnIncrementalChainIsKeptAndFoldedBaseFirst) {
  const std::string path = temp_path("ckpt.db");
  auto store = open_store(path);
  CheckpointData base = sample("1", "base");
  ASSERT_TRUE(store->write(base).is_ok());
  CheckpointData d1 = delta("1", "d1", {12, 40});
  CheckpointData d2 = delta("1", "d2", {0});
  CheckpointData d3 = delta("1", "d3", {12});
  for (CheckpointData* d : {&d1, &d2, &d3}) ASSERT_TRUE(store->write(*d).is_ok());
  // The newest two are d2 and d3; their chains need d1 and the base.
  EXPECT_EQ(ids_of(*store, "1"), (std::vector<uint64_t>{base.id, d1.id, d2.id, d3.id}));

  ChainStats chain = store->chain("1");
  EXPECT_EQ(chain.base_id, base.id);
  EXPECT_EQ(chain.deltas, 3u);
  auto list = store->list();
  ASSERT_EQ(list->size(), 4u);
  EXPECT_EQ(chain.base_bytes, list->at(0).bytes);
  EXPECT_EQ(chain.delta_bytes, list->at(1).bytes + list->at(2).bytes + list->at(3).bytes);
  EXPECT_EQ(list->back().base_id, base.id);
  EXPECT_EQ(list->back().parent_id, d2.id);
  EXPECT_TRUE(list->back().incremental);

  std::vector<std::string> warnings;
  auto loaded = load_latest_ok(*store, "1", warnings);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->id, d3.id);
  std::vector<KeyGroupState> expected = base.operators[0].key_groups;
  for (CheckpointData* d : {&d1, &d2, &d3})
    for (const KeyGroupState& g : d->operators[0].key_groups) expected.push_back(g);
  expect_same_key_groups(loaded->operators[0].key_groups, expected);
  expect_same_checkpoint(*loaded, d3);
}

TEST(CheckpointStore, AFullCheckpointAfterDeltasLetsTheOldChainGo) {
  const std::string path = temp_path("ckpt.db");
  auto store = open_store(path);
  CheckpointData base = sample("1", "base");
  CheckpointData d1 = delta("1", "d1", {1});
  CheckpointData d2 = delta("1", "d2", {2});
  CheckpointData full = sample("1", "full");
  for (CheckpointData* d : {&base, &d1, &d2, &full}) ASSERT_TRUE(store->write(*d).is_ok());
  // full and d2 are the newest two; d2 still needs its chain.
  EXPECT_EQ(ids_of(*store, "1"), (std::vector<uint64_t>{base.id, d1.id, d2.id, full.id}));
  CheckpointData d3 = delta("1", "d3", {3});
  ASSERT_TRUE(store->write(d3).is_ok());
  EXPECT_EQ(ids_of(*store, "1"), (std::vector<uint64_t>{full.id, d3.id}));
  EXPECT_EQ(store->chain("1").base_id, full.id);
  EXPECT_EQ(store->chain("1").deltas, 1u);
  CheckpointData full2 = sample("1", "full2");
  ASSERT_TRUE(store->write(full2).is_ok());
  // d3 (one of the newest two) still needs full.
  EXPECT_EQ(ids_of(*store, "1"), (std::vector<uint64_t>{full.id, d3.id, full2.id}));
  CheckpointData full3 = sample("1", "full3");
  ASSERT_TRUE(store->write(full3).is_ok());
  EXPECT_EQ(ids_of(*store, "1"), (std::vector<uint64_t>{full2.id, full3.id}));
}

TEST(CheckpointStore, AnIncrementalCheckpointNeedsAnEarlierOne) {
  const std::string path = temp_path("ckpt.db");
  auto store = open_store(path);
  CheckpointData d = delta("1", "d", {1});
  Status status = store->write(d);
  ASSERT_FALSE(status.is_ok());
  EXPECT_THAT(status.error().message, HasSubstr("of job 1 not written to " + path));
  EXPECT_THAT(status.error().message, HasSubstr("no checkpoint to extend"));
  EXPECT_EQ(d.id, 0u);
  EXPECT_TRUE(ids_of(*store, "1").empty());
}

TEST(CheckpointStore, AFlippedByteFallsBackToTheOlderCheckpointAndIsKept) {
  const std::string path = temp_path("ckpt.db");
  CheckpointData older = sample("1", "older"), newer = sample("1", "newer");
  ASSERT_NO_FATAL_FAILURE(write_both(path, older, newer));
  flip_key_group_byte(path, newer.id, 3, 12);

  auto store = open_store(path);
  std::vector<std::string> warnings;
  auto loaded = load_latest_ok(*store, "1", warnings);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->id, older.id);
  expect_same_key_groups(loaded->operators[0].key_groups, older.operators[0].key_groups);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "checkpoint " + std::to_string(newer.id) + " of job 1 in " + path +
                             " is damaged (operator 3 key group 12: checksum mismatch); "
                             "restoring checkpoint " +
                             std::to_string(older.id));
  auto list = store->list();
  EXPECT_EQ(list->back().damage, "operator 3 key group 12: checksum mismatch");
  EXPECT_TRUE(store->load(newer.id).is_ok());  // for inspect: it reads no key-group blob

  // The next delta extends the restored checkpoint, and later writes never delete the damaged
  // one.
  CheckpointData d = delta("1", "after", {7});
  ASSERT_TRUE(store->write(d).is_ok());
  EXPECT_EQ(store->list()->back().parent_id, older.id);
  for (int i = 0; i < 3; ++i) {
    CheckpointData full = sample("1", "later" + std::to_string(i));
    ASSERT_TRUE(store->write(full).is_ok());
  }
  std::vector<uint64_t> ids = ids_of(*store, "1");
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[0], newer.id);

  // Reopened, it is still reported as damaged without being read again.
  store.reset();
  store = open_store(path);
  warnings.clear();
  loaded = load_latest_ok(*store, "1", warnings);
  EXPECT_TRUE(warnings.empty());  // the newest two verify
}

TEST(CheckpointStore, AByteFlippedOnDiskIsFound) {
  const std::string path = temp_path("ckpt.db");
  CheckpointData older = sample("1", "older"), newer = sample("1", "newer");
  ASSERT_NO_FATAL_FAILURE(write_both(path, older, newer));  // closing moves the WAL into the file
  ASSERT_FALSE(fs::exists(path + "-wal"));
  std::string bytes = read_bytes(path);
  size_t at = bytes.find("newer/3/127|");  // inside key group 127's blob
  ASSERT_NE(at, std::string::npos);
  bytes[at + 3] ^= 0x01;
  write_bytes(path, bytes);

  auto store = expect_fallback(path, older.id, "operator 3 key group 127: checksum mismatch");
}

TEST(CheckpointStore, ABrokenPageIsReportedButNotWrittenInto) {
  // A key group larger than a page continues on overflow pages, each starting with the number
  // of the next; pointing one past the end of the file makes SQLite call the file malformed.
  const std::string path = temp_path("ckpt.db");
  CheckpointData older = sample("1", "older"), newer = sample("1", "newer");
  newer.operators[0].key_groups[1].bytes = blob("newer/big", 400'000);
  ASSERT_NO_FATAL_FAILURE(write_both(path, older, newer));
  std::string bytes = read_bytes(path);
  // An entry 150 KB into the blob ("newer/big|150xxx\n"): well into the overflow chain.
  size_t at = bytes.find("newer/big|15");
  while (at != std::string::npos && bytes[at + 16] != '\n') at = bytes.find("newer/big|15", at + 1);
  ASSERT_NE(at, std::string::npos);
  const size_t page = at / 65536 * 65536;
  bytes.replace(page, 4, "\x7f\xff\xff\xff");
  write_bytes(path, bytes);

  auto store = expect_fallback(path, older.id,
                               "checkpoint " + std::to_string(newer.id) + " of job 1 in " + path +
                                   " is damaged (the file is malformed: ");
  EXPECT_EQ(store->list()->back().damage, "");  // not recorded: eddy does not write into it
}

TEST(CheckpointStore, AMissingRowIsDamage) {
  const std::string path = temp_path("ckpt.db");
  CheckpointData older = sample("1", "older"), newer = sample("1", "newer");
  ASSERT_NO_FATAL_FAILURE(write_both(path, older, newer));
  sql(path, "DELETE FROM key_groups WHERE checkpoint_id = " + std::to_string(newer.id) +
                " AND key_group = 0");
  auto store = expect_fallback(path, older.id, "(operator 3: 2 of 3 key groups present)");
}

TEST(CheckpointStore, AChangedSourceOffsetIsDamage) {
  const std::string path = temp_path("ckpt.db");
  CheckpointData older = sample("1", "older"), newer = sample("1", "newer");
  ASSERT_NO_FATAL_FAILURE(write_both(path, older, newer));
  sql(path, "UPDATE sources SET read_offset = 0 WHERE checkpoint_id = " + std::to_string(newer.id));
  auto store = expect_fallback(path, older.id, "(source 0: checksum mismatch)");
}

TEST(CheckpointStore, WhenEveryCheckpointIsDamagedTheErrorNamesEach) {
  const std::string path = temp_path("ckpt.db");
  CheckpointData older = sample("1", "older"), newer = sample("1", "newer");
  ASSERT_NO_FATAL_FAILURE(write_both(path, older, newer));
  flip_key_group_byte(path, newer.id, 3, 12);
  flip_key_group_byte(path, older.id, 3, 0);
  auto store = open_store(path);
  std::vector<std::string> warnings;
  auto loaded = store->load_latest("1", warnings);
  ASSERT_FALSE(loaded.is_ok());
  EXPECT_EQ(loaded.error().kind, Error::Kind::Io);
  EXPECT_EQ(loaded.error().message,
            "no checkpoint of job 1 in " + path + " can be restored: checkpoint " +
                std::to_string(newer.id) +
                " is damaged (operator 3 key group 12: checksum mismatch); checkpoint " +
                std::to_string(older.id) +
                " is damaged (operator 3 key group 0: checksum mismatch)");
  // Both are kept, marked.
  auto list = store->list();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_NE(list->at(0).damage, "");
  EXPECT_NE(list->at(1).damage, "");
}

TEST(CheckpointStore, ADamagedDeltaMakesTheLaterOnesUnrestorable) {
  const std::string path = temp_path("ckpt.db");
  CheckpointData base = sample("1", "base");
  CheckpointData d1 = delta("1", "d1", {5}), d2 = delta("1", "d2", {6});
  {
    auto store = open_store(path);
    for (CheckpointData* d : {&base, &d1, &d2}) ASSERT_TRUE(store->write(*d).is_ok());
  }
  flip_key_group_byte(path, d1.id, 3, 5);
  auto store = open_store(path);
  std::vector<std::string> warnings;
  auto loaded = load_latest_ok(*store, "1", warnings);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->id, base.id);
  expect_same_key_groups(loaded->operators[0].key_groups, base.operators[0].key_groups);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0], "checkpoint " + std::to_string(d2.id) + " of job 1 in " + path +
                             " cannot be restored: checkpoint " + std::to_string(d1.id) +
                             " of its chain is damaged (operator 3 key group 5: checksum "
                             "mismatch); restoring checkpoint " +
                             std::to_string(base.id));
  EXPECT_THAT(warnings[1], HasSubstr("checkpoint " + std::to_string(d1.id) + " of job 1 in " +
                                     path + " is damaged"));
  // Only the damaged delta is marked; the later one is intact, just unreachable.
  auto list = store->list();
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ(list->at(0).damage, "");
  EXPECT_NE(list->at(1).damage, "");
  EXPECT_EQ(list->at(2).damage, "");
  EXPECT_EQ(store->chain("1").base_id, base.id);
  EXPECT_EQ(store->chain("1").deltas, 0u);
  // A new delta extends the restored base.
  CheckpointData d3 = delta("1", "d3", {7});
  ASSERT_TRUE(store->write(d3).is_ok());
  EXPECT_EQ(store->list()->back().parent_id, base.id);
}

TEST(CheckpointStore, ATruncatedFileIsRefused) {
  const std::string path = temp_path("ckpt.db");
  {
    auto store = open_store(path);
    for (int i = 0; i < 2; ++i) {
      CheckpointData d = sample("1", std::to_string(i));
      d.operators[0].key_groups[0].bytes = blob("big" + std::to_string(i), 2'000'000);
      ASSERT_TRUE(store->write(d).is_ok());
    }
  }
  ASSERT_FALSE(fs::exists(path + "-wal"));
  fs::resize_file(path, fs::file_size(path) / 2);
  auto store = CheckpointStore::open(path);
  ASSERT_FALSE(store.is_ok());
  EXPECT_EQ(store.error().kind, Error::Kind::Io);
  EXPECT_THAT(store.error().message, HasSubstr(path + " is damaged: it is truncated"));
}

TEST(CheckpointStore, AForeignSqliteFileIsRefusedAndLeftAlone) {
  const std::string path = temp_path("other.db");
  sql(path,
      "CREATE TABLE customers (id INTEGER, name TEXT); INSERT INTO customers VALUES (1, 'x')");
  const std::string before = read_bytes(path);
  auto store = CheckpointStore::open(path);
  ASSERT_FALSE(store.is_ok());
  EXPECT_EQ(store.error().message,
            path +
                " is not an eddy checkpoint store: it is a SQLite database of another "
                "application (tables customers)");
  EXPECT_EQ(read_bytes(path), before);
  EXPECT_FALSE(fs::exists(path + "-wal"));

  const std::string tagged = temp_path("tagged.db");
  sql(tagged, "PRAGMA application_id = 305419896");  // 0x12345678
  store = CheckpointStore::open(tagged);
  ASSERT_FALSE(store.is_ok());
  EXPECT_THAT(store.error().message, HasSubstr("another application (application_id 0x12345678)"));
}

TEST(CheckpointStore, ANewerFormatIsRefused) {
  const std::string path = temp_path("ckpt.db");
  { ASSERT_TRUE(open_store(path)); }
  sql(path, "PRAGMA user_version = 2");
  auto store = CheckpointStore::open(path);
  ASSERT_FALSE(store.is_ok());
  EXPECT_EQ(store.error().message,
            path + " was written by a newer eddy (format 2, this eddy reads 1)");
}

TEST(CheckpointStore, ATextFileIsRefused) {
  const std::string path = temp_path("notes.txt");
  std::string text;
  for (int i = 0; i < 100; ++i) text += "these are notes, not a database\n";
  write_bytes(path, text);
  auto store = CheckpointStore::open(path);
  ASSERT_FALSE(store.is_ok());
  EXPECT_EQ(store.error().message,
            path + " is not an eddy checkpoint store: file is not a database");
  EXPECT_EQ(read_bytes(path), text);
}

TEST(CheckpointStore, AMissingDirectoryIsAnError) {
  const std::string path = temp_path("no/such/dir/ckpt.db");
  auto store = CheckpointStore::open(path);
  ASSERT_FALSE(store.is_ok());
  EXPECT_THAT(store.error().message, HasSubstr("cannot open checkpoint store " + path));
}

TEST(CheckpointStore, ADiskFullDuringACheckpointKeepsThePreviousOneAndTheStoreUsable) {
  const std::string path = temp_path("ckpt.db");
  auto store = open_store(path);
  CheckpointData first = sample("1", "first");
  ASSERT_TRUE(store->write(first).is_ok());
  const int64_t pages = sql_int(path, "PRAGMA page_count");  // the WAL's pages included
  ASSERT_TRUE(store->limit_size_for_testing(uint64_t(pages + 4) * 65536).is_ok());

  CheckpointData big = sample("1", "big");
  big.operators[0].key_groups[1].bytes = blob("big", 4'000'000);
  Status status = store->write(big);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().kind, Error::Kind::Io);
  EXPECT_EQ(status.error().message, "checkpoint " + std::to_string(first.id + 1) +
                                        " of job 1 not written to " + path +
                                        ": database or disk is full");
  EXPECT_EQ(big.id, 0u);

  std::vector<std::string> warnings;
  auto loaded = load_latest_ok(*store, "1", warnings);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->id, first.id);
  EXPECT_TRUE(warnings.empty());

  ASSERT_TRUE(store->limit_size_for_testing(0).is_ok());  // space is back
  ASSERT_TRUE(store->write(big).is_ok());
  EXPECT_GT(big.id, first.id);
  loaded = load_latest_ok(*store, "1", warnings);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->id, big.id);
  expect_same_key_groups(loaded->operators[0].key_groups, big.operators[0].key_groups);
}

TEST(CheckpointStore, LargeCheckpointsSurviveTheLogBeingCopiedIntoTheFile) {
  // Over 8 MB each, so the store's own thread copies the WAL into the file between writes.
  const std::string path = temp_path("ckpt.db");
  CheckpointData last;
  {
    auto store = open_store(path);
    for (int i = 0; i < 4; ++i) {
      CheckpointData d = sample("1", "large" + std::to_string(i));
      for (KeyGroupState& group : d.operators[0].key_groups)
        group.bytes =
            blob("large" + std::to_string(i) + "/" + std::to_string(group.key_group), 4'000'000);
      ASSERT_TRUE(store->write(d).is_ok());
      std::vector<std::string> warnings;
      auto loaded = load_latest_ok(*store, "1", warnings);
      ASSERT_TRUE(loaded);
      EXPECT_EQ(loaded->id, d.id);
      expect_same_key_groups(loaded->operators[0].key_groups, d.operators[0].key_groups);
      last = std::move(d);
    }
  }
  EXPECT_FALSE(fs::exists(path + "-wal"));  // the last close copied the rest
  auto store = open_store(path);
  std::vector<std::string> warnings;
  auto loaded = load_latest_ok(*store, "1", warnings);
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(loaded->id, last.id);
  expect_same_key_groups(loaded->operators[0].key_groups, last.operators[0].key_groups);
  EXPECT_EQ(ids_of(*store, "1").size(), 2u);
}

TEST(CheckpointStore, ChecksumIsXxh3) {
  // XXH3-64 of the empty input (the reference value from xxHash's own tests).
  EXPECT_EQ(checkpoint_checksum(""), 0x2D06800538D394C2ull);
}

}  // namespace
}  // namespace eddy
