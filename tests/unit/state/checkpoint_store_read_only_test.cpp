// CheckpointStore::open_read_only (what `eddy inspect` reads through) and verify(): the file is
// read, damage is found and reported, and nothing in or beside the file changes.
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

class ReadOnlyStoreTest : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const std::string& path : paths_)
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  }

  std::string temp_path(const std::string& name) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string path = ::testing::TempDir() + "eddy_ro_" + std::to_string(::getpid()) + "_" +
                       info->name() + "_" + name;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
    paths_.push_back(path);
    return path;
  }

 private:
  std::vector<std::string> paths_;
};

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void sql(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  EXPECT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &message), SQLITE_OK)
      << (message ? message : "");
  sqlite3_free(message);
  sqlite3_close(db);
}

CheckpointData sample(const std::string& tag) {
  CheckpointData d;
  d.job = "1";
  d.statement = "SELECT uid, COUNT(*) FROM logins GROUP BY uid";
  d.fingerprint = d.statement + "\nplan";
  d.created_ms = 1'700'000'000'000;
  d.watermark = 1'700'000'000'000;
  d.driver = "driver" + tag;
  OperatorCheckpoint& op = d.operators.emplace_back();
  op.id = 3;
  op.name = "GroupAggregate";
  op.values = "values" + tag;
  op.key_groups.push_back({12, 2, std::string(500, 'k') + tag});
  op.keys = 2;
  op.timers = 1;
  op.next_event_timer = 1'700'000'005'000;
  d.sources.push_back({0, "file logins.csv (csv)", {100, 5, ""}});
  d.sinks.push_back({"out", "file out.csv (csv)", {4, 64, ""}});
  return d;
}

// Two checkpoints of job 1, written and closed (no -wal left); returns their ids.
std::pair<uint64_t, uint64_t> write_two(const std::string& path) {
  auto store = CheckpointStore::open(path);
  EXPECT_TRUE(store.is_ok()) << store.error().message;
  CheckpointData a = sample("a"), b = sample("b");
  EXPECT_TRUE(store.value()->write(a).is_ok());
  EXPECT_TRUE(store.value()->write(b).is_ok());
  return {a.id, b.id};
}

TEST_F(ReadOnlyStoreTest, ReadsWhatWasWrittenAndChangesNothing) {
  std::string path = temp_path("ckpt.db");
  auto [older, newer] = write_two(path);
  ASSERT_FALSE(fs::exists(path + "-wal"));
  sql(path, "UPDATE key_groups SET state = 'x' || substr(state, 2) WHERE checkpoint_id = " +
                std::to_string(newer));
  const std::string before = read_bytes(path);

  {
    auto opened = CheckpointStore::open_read_only(path);
    ASSERT_TRUE(opened.is_ok()) << opened.error().message;
    CheckpointStore& store = *opened.value();

    auto listed = store.list();
    ASSERT_TRUE(listed.is_ok());
    ASSERT_EQ(listed.value().size(), 2u);
    EXPECT_EQ(listed.value()[1].id, newer);
    EXPECT_EQ(listed.value()[1].damage, "");

    // load() reads no key groups, so it does not see the damage; verify() does.
    auto loaded = store.load(newer);
    ASSERT_TRUE(loaded.is_ok()) << loaded.error().message;
    EXPECT_EQ(loaded.value().operators.at(0).next_event_timer, 1'700'000'005'000);
    EXPECT_EQ(loaded.value().sinks.at(0).position.bytes, 64u);
    EXPECT_EQ(store.verify(older).value(), "");
    EXPECT_EQ(store.verify(newer).value(), "operator 3 key group 12: checksum mismatch");
    EXPECT_THAT(store.verify(99).error().message, HasSubstr("has no checkpoint 99"));

    // Restoring falls back and warns, but records nothing; writing and forgetting fail.
    std::vector<std::string> warnings;
    auto latest = store.load_latest("1", warnings);
    ASSERT_TRUE(latest.is_ok()) << latest.error().message;
    EXPECT_EQ(latest.value()->id, older);
    ASSERT_EQ(warnings.size(), 1u);
    CheckpointData c = sample("c");
    EXPECT_FALSE(store.write(c).is_ok());
    EXPECT_FALSE(store.forget("1").is_ok());
    EXPECT_EQ(store.list().value()[1].damage, "");
  }

  EXPECT_TRUE(read_bytes(path) == before);
  EXPECT_FALSE(fs::exists(path + "-wal"));
  EXPECT_FALSE(fs::exists(path + "-shm"));
}

TEST_F(ReadOnlyStoreTest, SeesCheckpointsStillInTheWriterLog) {
  std::string path = temp_path("ckpt.db");
  auto writer = CheckpointStore::open(path);
  ASSERT_TRUE(writer.is_ok());
  CheckpointData a = sample("a");
  ASSERT_TRUE(writer.value()->write(a).is_ok());
  ASSERT_TRUE(fs::exists(path + "-wal"));

  auto first = CheckpointStore::open_read_only(path);
  ASSERT_TRUE(first.is_ok()) << first.error().message;
  EXPECT_EQ(first.value()->list().value().size(), 1u);
  CheckpointData b = sample("b");
  ASSERT_TRUE(writer.value()->write(b).is_ok());
  EXPECT_EQ(first.value()->list().value().size(), 2u);
}

TEST_F(ReadOnlyStoreTest, RefusesWhatIsNotAStoreAndCreatesNothing) {
  std::string missing = temp_path("missing.db");
  auto opened = CheckpointStore::open_read_only(missing);
  ASSERT_FALSE(opened.is_ok());
  EXPECT_THAT(opened.error().message, HasSubstr(missing + ": no such file"));
  EXPECT_FALSE(fs::exists(missing));

  std::string empty = temp_path("empty.db");
  std::ofstream(empty).close();
  EXPECT_THAT(CheckpointStore::open_read_only(empty).error().message,
              HasSubstr("is not an eddy checkpoint store: it is empty"));
  EXPECT_EQ(fs::file_size(empty), 0u);

  std::string text = temp_path("notes.txt");
  std::ofstream(text) << "not a database\n";
  EXPECT_THAT(CheckpointStore::open_read_only(text).error().message,
              HasSubstr("is not an eddy checkpoint store"));
  EXPECT_EQ(read_bytes(text), "not a database\n");

  std::string foreign = temp_path("foreign.db");
  sql(foreign, "CREATE TABLE t (x)");
  EXPECT_THAT(CheckpointStore::open_read_only(foreign).error().message,
              HasSubstr("another application (tables t)"));

  std::string newer = temp_path("newer.db");
  write_two(newer);
  sql(newer, "PRAGMA user_version = 2");
  EXPECT_THAT(CheckpointStore::open_read_only(newer).error().message,
              HasSubstr("was written by a newer eddy (format 2"));
}

}  // namespace
}  // namespace eddy
