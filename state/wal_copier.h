// Moves a SQLite database's write-ahead log into the file on a thread of its own (a PASSIVE
// checkpoint, in SQLite's words), so the checkpoint store's writer waits for its commit only.
// Left to SQLite, the copy and its two flushes would run inside the commit that filled the log,
// doubling what a large checkpoint costs the running query. Readers and the writer go on while
// it copies; the log keeps growing meanwhile and is reused from its start once fully copied.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace eddy {

class WalCopier {
 public:
  // Copies once the log holds `frames` pages: installs itself as `writer`'s WAL hook (which
  // replaces SQLite's automatic checkpoints) and opens a connection of its own to `path`.
  WalCopier(sqlite3* writer, const std::string& path, int frames);
  // Waits for a copy in progress; closes its connection. Close `writer` afterwards, so that its
  // close, the last one, copies the rest and removes the log.
  ~WalCopier();
  WalCopier(const WalCopier&) = delete;
  WalCopier& operator=(const WalCopier&) = delete;

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int frames);
  void run();

  sqlite3* writer_;
  sqlite3* db_ = nullptr;
  const int frames_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false, stopping_ = false;
  std::thread thread_;
};

}  // namespace eddy
