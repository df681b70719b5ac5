#include "state/wal_copier.h"

namespace eddy {

WalCopier::WalCopier(sqlite3* writer, const std::string& path, int frames)
    : writer_(writer), frames_(frames) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    // Without a connection of its own, SQLite's automatic checkpoint does the work.
    sqlite3_close(db_);
    db_ = nullptr;
    return;
  }
  sqlite3_busy_timeout(db_, 5000);
  sqlite3_exec(db_, "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);
  sqlite3_wal_hook(writer_, &WalCopier::on_commit, this);
  thread_ = std::thread([this] { run(); });
}

WalCopier::~WalCopier() {
  if (!db_) return;
  sqlite3_wal_hook(writer_, nullptr, nullptr);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close(db_);
}

int WalCopier::on_commit(void* self, sqlite3*, const char*, int frames) {
  auto* copier = static_cast<WalCopier*>(self);
  if (frames >= copier->frames_) {
    {
      std::lock_guard lock(copier->mutex_);
      copier->requested_ = true;
    }
    copier->wake_.notify_one();
  }
  return SQLITE_OK;
}

void WalCopier::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return requested_ || stopping_; });
    if (stopping_) return;
    requested_ = false;
    lock.unlock();
    // A failure (disk full, a reader holding old pages) leaves the log as it is: the next commit
    // asks again, and closing the store copies what is left.
    sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
  }
}

}  // namespace eddy
