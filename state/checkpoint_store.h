// The checkpoint store: a SQLite file holding the checkpoints of the queries of one script (one
// "job" per query, named by its ordinal). Its schema is written down in docs/checkpoints.md.
//
// - WAL mode; `PRAGMA application_id` marks the file as eddy's and `PRAGMA user_version` is the
//   format version. A foreign SQLite file, a newer version or a file that is not SQLite at all is
//   refused with an error naming the file.
// - One checkpoint is one transaction: its row in `checkpoints`, every operator's values, every
//   key group's blob, source offsets and sink positions. Every row carries an XXH3-64 checksum
//   of its contents (blobs included), and the checkpoint's row counts its parts, so a changed
//   byte or a missing row is found when loading.
// - Per job, the newest two complete checkpoints are kept (with the base and deltas their
//   incremental chains need); older ones are deleted in the same transaction. A checkpoint found
//   damaged is marked so and never deleted (it is the evidence).
// - A failed write (disk full, I/O error) rolls back and leaves the previous checkpoints intact;
//   the store stays usable.
// - synchronous=NORMAL: a checkpoint survives a crash of the process at any instant; a power
//   loss may lose the newest checkpoint but never damages older ones.
//
// One thread uses a store at a time (the driver's). The store itself runs one helper thread,
// which copies SQLite's write-ahead log into the file after large checkpoints (state/wal_copier.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/error.h"
#include "state/checkpoint.h"

namespace eddy {

// One line per checkpoint, for `eddy inspect` and for choosing what to restore.
struct CheckpointSummary {
  uint64_t id = 0;
  std::string job;
  int64_t created_ms = 0;
  bool incremental = false;
  bool finished = false;
  uint64_t base_id = 0;    // the full checkpoint its chain starts at (its own id when full)
  uint64_t parent_id = 0;  // the checkpoint an incremental one is a delta over (0 when full)
  Timestamp watermark = kMinTimestamp;
  uint64_t rows_in = 0, rows_out = 0;
  uint64_t bytes = 0;  // bytes of blobs written by this checkpoint
  std::string damage;  // empty, or why it failed verification (set by load)
};

// How the incremental chain of a job stands, so the driver can decide when to write a full
// checkpoint again (every N checkpoints, or when the deltas outgrow the base).
struct ChainStats {
  uint64_t base_id = 0;  // 0: the job has no checkpoint yet
  uint64_t deltas = 0;   // incremental checkpoints since the base
  uint64_t base_bytes = 0, delta_bytes = 0;
};

class CheckpointStore {
 public:
  // Opens (creating if missing) the store at `path`. Errors: not a SQLite file, another
  // application's file, a newer format version, an unreadable or malformed file.
  static Result<std::unique_ptr<CheckpointStore>> open(const std::string& path);
  // Opens an existing store for reading only (`eddy inspect`): the same refusals, a missing or
  // empty file refused too, and nothing in the file ever changes — no schema, no retention, no
  // damage marked (load_latest() reports damage without recording it), write() and forget()
  // fail. Creates no -wal or -shm file when there is none.
  static Result<std::unique_ptr<CheckpointStore>> open_read_only(const std::string& path);
  ~CheckpointStore();

  const std::string& path() const { return path_; }

  // The fingerprint and statement the job's checkpoints were taken with, if it has any.
  struct JobInfo {
    std::string statement, fingerprint;
  };
  Result<std::optional<JobInfo>> job(const std::string& job) const;
  // Deletes every checkpoint of the job, damaged ones too (starting fresh over an old file,
  // explicitly asked for).
  Status forget(const std::string& job);

  // Writes `data` as one transaction and sets data.id. An incremental checkpoint's key groups
  // are deltas over the job's newest restorable checkpoint (which must exist): the one
  // load_latest() returned, or the last one written. After a failed write the next checkpoint
  // must be full or a delta over the last one written successfully. Deletes the job's
  // checkpoints older than the newest two (and chains they no longer need). On failure nothing
  // of it is kept, data.id is left alone and the older checkpoints stay intact.
  Status write(CheckpointData& data);
  // The chain the job's next incremental checkpoint would extend ({} when it has none or the
  // file cannot be read: the driver then writes a full checkpoint).
  ChainStats chain(const std::string& job) const;

  // The newest checkpoint of the job that verifies (checksums, every part present), with each
  // operator's key_groups holding the whole chain (base, then deltas in order, each by key
  // group); operators come back in id order, sources by input, sinks in the order written. A newer
  // checkpoint that fails verification is marked damaged and named in `warnings` ("checkpoint 7
  // of job 1 in ckpt.db is damaged (operator 3 key group 12: checksum mismatch); restoring
  // checkpoint 6"). nullopt: the job has no checkpoint. An error when checkpoints exist but none
  // verifies.
  Result<std::optional<CheckpointData>> load_latest(const std::string& job,
                                                    std::vector<std::string>& warnings);
  // Every checkpoint in the file, oldest first (for inspect), and one checkpoint without its
  // key-group blobs (operators' values, sources, sinks, summary fields; key_groups left empty —
  // OperatorCheckpoint::keys and state_bytes say how much there is). load() verifies what it
  // reads and fails on damage without marking the checkpoint.
  Result<std::vector<CheckpointSummary>> list() const;
  Result<CheckpointData> load(uint64_t id) const;
  // Why checkpoint `id` fails verification, reading everything it wrote (key-group blobs too, not
  // its chain), or "" when it verifies. Records nothing (for `eddy inspect --verify`).
  Result<std::string> verify(uint64_t id) const;

  // Tests only: make the file refuse to grow beyond about `bytes` (PRAGMA max_page_count), to
  // simulate a full disk. 0 lifts the limit.
  Status limit_size_for_testing(uint64_t bytes);

 private:
  struct Db;
  static Result<std::unique_ptr<CheckpointStore>> open_file(const std::string& path,
                                                            bool read_only);
  CheckpointStore(std::string path, std::unique_ptr<Db> db);
  std::string path_;
  std::unique_ptr<Db> db_;
};

// XXH3-64, the hash of the store's row checksums (docs/checkpoints.md says what each covers).
uint64_t checkpoint_checksum(std::string_view bytes);

}  // namespace eddy
