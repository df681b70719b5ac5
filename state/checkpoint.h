// One checkpoint of one query, as the driver takes it and the store (state/checkpoint_store.h)
// keeps it: everything a new process needs to resume the query exactly where it was.
//
// The driver fills it at a batch boundary; the store writes it in one SQLite transaction. Keyed
// state and timers come split by key group (a key's group comes from the hash its operator's
// key index gives it, key_group_of_hash, as Flink's from the key's hash), so a checkpoint taken
// at one parallelism restores at another: a keyed exchange hands each group to the instance
// that owns it (operators/keyed_exchange.h). An incremental checkpoint carries, per key group, only
// the keys that changed since the previous checkpoint (a delta); restoring applies the base and
// then every delta of the chain in order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eddy/types.h"

namespace eddy {

// Keyed state and timers are laid out in this many key groups (Flink's default maximum
// parallelism is 128 too).
inline constexpr int kKeyGroups = 128;

// The key group of a key's hash (KeyIndex's, the same from typed values and from encoded bytes):
// its low 32 bits scaled to [0, kKeyGroups). The key index places keys by the hash's high bits,
// so the keys of one instance's groups still spread over its whole table.
inline int key_group_of_hash(uint64_t hash) {
  return int((uint64_t(uint32_t(hash)) * kKeyGroups) >> 32);
}
// The instance of `parallelism` that owns `key_group` (Flink's contiguous ranges).
inline int instance_of_key_group(int key_group, int parallelism) {
  return key_group * parallelism / kKeyGroups;
}

// The keyed state and timers of one key group of one operator: a blob of per-key records
// (state/operator_state.h writes and reads it). In a full checkpoint every live key of the group;
// in a delta only those changed since the previous checkpoint, and tombstones of those removed.
struct KeyGroupState {
  int key_group = 0;
  uint64_t keys = 0;  // records in `bytes` (for inspect)
  std::string bytes;
};

struct OperatorCheckpoint {
  int id = 0;          // the operator's node id: stable for the same statement and plan
  std::string name;    // "TimeoutAggregate", for inspect
  std::string values;  // the operator's named values (watermarks, counters, buffers)
  // Full checkpoint: one entry per non-empty key group. Delta: one per key group that changed.
  // Loaded for restore: the whole chain, base first, then each delta in checkpoint order.
  std::vector<KeyGroupState> key_groups;
  // For inspect (not needed to restore):
  uint64_t keys = 0, state_bytes = 0, timers = 0;
  Timestamp watermark = kMinTimestamp;
  Timestamp next_event_timer = kMaxTimestamp;       // earliest pending, or kMaxTimestamp
  Timestamp next_processing_timer = kMaxTimestamp;  // earliest pending, or kMaxTimestamp
};

// Where a source stood: enough to continue reading right after the last row it returned.
struct SourcePosition {
  uint64_t offset = 0;  // bytes consumed (files) or rows produced (datagen)
  uint64_t line = 0;    // line number of the next record (files), for error messages
  std::string state;    // anything else the source needs to continue (datagen's sequences)
};

struct SourceCheckpoint {
  int input = 0;            // the driver's input index (stable for the same plan)
  std::string description;  // "file logins.csv (csv)", for inspect
  SourcePosition position;
};

// Where a sink stood once everything before the checkpoint was durable.
struct SinkPosition {
  uint64_t rows = 0;   // changes written
  uint64_t bytes = 0;  // bytes written (files)
  std::string state;   // anything else the sink needs to roll back or skip
};

struct SinkCheckpoint {
  std::string name;         // the stream written, or "<result>" for a query's subscriber
  std::string description;  // "file out.csv (csv)", for inspect
  SinkPosition position;
};

struct CheckpointData {
  uint64_t id = 0;           // assigned by the store (increasing per file)
  std::string job;           // which query of the script: "1", "2", ... (stable across runs)
  std::string statement;     // the normalized statement text
  std::string fingerprint;   // normalized statement text + physical plan: must match to resume
  int64_t created_ms = 0;    // wall-clock time it was taken
  bool incremental = false;  // key groups hold deltas over the previous checkpoint of the job
  bool finished = false;     // taken when the query had ended: resuming it produces nothing more
  Timestamp watermark = kMinTimestamp;  // the query's output watermark
  // Counters of the query so far (rows read, changes produced, late rows, skipped records).
  uint64_t rows_in = 0, rows_out = 0, late_rows = 0, skipped_rows = 0;
  std::string
      driver;  // the driver's own bookkeeping (per-input watermarks, idleness, pending rows)
  std::vector<OperatorCheckpoint> operators;
  std::vector<SourceCheckpoint> sources;
  std::vector<SinkCheckpoint> sinks;
};

}  // namespace eddy
