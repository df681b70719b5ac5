// The checkpoint store's schema and row checksums (see checkpoint_schema.h).
#include "state/checkpoint_schema.h"

#define XXH_STATIC_LINKING_ONLY  // XXH3_state_t on the stack
#include <xxhash.h>

#include <string_view>

namespace eddy::store_format {

const char* const kSchema = R"sql(
CREATE TABLE checkpoints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job TEXT NOT NULL,
  parent_id INTEGER,
  base_id INTEGER NOT NULL,
  incremental INTEGER NOT NULL,
  finished INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  watermark INTEGER,
  rows_in INTEGER NOT NULL,
  rows_out INTEGER NOT NULL,
  late_rows INTEGER NOT NULL,
  skipped_rows INTEGER NOT NULL,
  statement TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  driver BLOB NOT NULL,
  operator_count INTEGER NOT NULL,
  key_group_count INTEGER NOT NULL,
  source_count INTEGER NOT NULL,
  sink_count INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  checksum INTEGER NOT NULL,
  damage TEXT
);
CREATE INDEX checkpoints_by_job ON checkpoints (job, id);
CREATE TABLE operators (
  checkpoint_id INTEGER NOT NULL,
  operator_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  named_values BLOB NOT NULL,
  key_group_count INTEGER NOT NULL,
  keys INTEGER NOT NULL,
  state_bytes INTEGER NOT NULL,
  timers INTEGER NOT NULL,
  watermark INTEGER,
  next_event_timer INTEGER,
  next_processing_timer INTEGER,
  checksum INTEGER NOT NULL,
  PRIMARY KEY (checkpoint_id, operator_id)
);
CREATE TABLE key_groups (
  checkpoint_id INTEGER NOT NULL,
  operator_id INTEGER NOT NULL,
  key_group INTEGER NOT NULL,
  keys INTEGER NOT NULL,
  state BLOB NOT NULL,
  checksum INTEGER NOT NULL,
  PRIMARY KEY (checkpoint_id, operator_id, key_group)
);
CREATE TABLE sources (
  checkpoint_id INTEGER NOT NULL,
  input INTEGER NOT NULL,
  description TEXT NOT NULL,
  read_offset INTEGER NOT NULL,
  line INTEGER NOT NULL,
  state BLOB NOT NULL,
  checksum INTEGER NOT NULL,
  PRIMARY KEY (checkpoint_id, input)
);
CREATE TABLE sinks (
  checkpoint_id INTEGER NOT NULL,
  sink INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  rows_written INTEGER NOT NULL,
  bytes_written INTEGER NOT NULL,
  state BLOB NOT NULL,
  checksum INTEGER NOT NULL,
  PRIMARY KEY (checkpoint_id, sink)
);
)sql";

namespace {

// A row's checksum: XXH3-64 over its columns in schema order, integers as 8 little-endian bytes,
// text and blobs as their 8-byte length and then their bytes. Times hash as int64 even where the
// column holds NULL for "none".
class RowHash {
 public:
  RowHash() { XXH3_64bits_reset(&state_); }
  RowHash& add(int64_t value) {
    unsigned char bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(uint64_t(value) >> (8 * i));
    XXH3_64bits_update(&state_, bytes, sizeof bytes);
    return *this;
  }
  RowHash& add(uint64_t value) { return add(int64_t(value)); }
  RowHash& add(int value) { return add(int64_t(value)); }
  RowHash& add(bool value) { return add(int64_t(value)); }
  RowHash& add(std::string_view bytes) {
    add(int64_t(bytes.size()));
    XXH3_64bits_update(&state_, bytes.data(), bytes.size());
    return *this;
  }
  RowHash& add(const std::string& bytes) { return add(std::string_view(bytes)); }
  int64_t digest() { return int64_t(XXH3_64bits_digest(&state_)); }

 private:
  XXH3_state_t state_;
};

}  // namespace

int64_t checkpoint_row_checksum(const CheckpointData& d, const CheckpointRow& r) {
  return RowHash()
      .add(d.id)
      .add(d.job)
      .add(r.parent_id)
      .add(r.base_id)
      .add(d.incremental)
      .add(d.finished)
      .add(d.created_ms)
      .add(d.watermark)
      .add(d.rows_in)
      .add(d.rows_out)
      .add(d.late_rows)
      .add(d.skipped_rows)
      .add(d.statement)
      .add(d.fingerprint)
      .add(d.driver)
      .add(r.operator_count)
      .add(r.key_group_count)
      .add(r.source_count)
      .add(r.sink_count)
      .add(r.bytes)
      .digest();
}

int64_t operator_row_checksum(uint64_t checkpoint_id, const OperatorCheckpoint& op,
                              uint64_t key_group_count) {
  return RowHash()
      .add(checkpoint_id)
      .add(op.id)
      .add(op.name)
      .add(op.values)
      .add(key_group_count)
      .add(op.keys)
      .add(op.state_bytes)
      .add(op.timers)
      .add(op.watermark)
      .add(op.next_event_timer)
      .add(op.next_processing_timer)
      .digest();
}

int64_t key_group_row_checksum(uint64_t checkpoint_id, int operator_id,
                               const KeyGroupState& group) {
  return RowHash()
      .add(checkpoint_id)
      .add(operator_id)
      .add(group.key_group)
      .add(group.keys)
      .add(group.bytes)
      .digest();
}

int64_t source_row_checksum(uint64_t checkpoint_id, const SourceCheckpoint& source) {
  return RowHash()
      .add(checkpoint_id)
      .add(source.input)
      .add(source.description)
      .add(source.position.offset)
      .add(source.position.line)
      .add(source.position.state)
      .digest();
}

int64_t sink_row_checksum(uint64_t checkpoint_id, size_t index, const SinkCheckpoint& sink) {
  return RowHash()
      .add(checkpoint_id)
      .add(uint64_t(index))
      .add(sink.name)
      .add(sink.description)
      .add(sink.position.rows)
      .add(sink.position.bytes)
      .add(sink.position.state)
      .digest();
}

}  // namespace eddy::store_format

namespace eddy {

uint64_t checkpoint_checksum(std::string_view bytes) {
  return XXH3_64bits(bytes.data(), bytes.size());
}

}  // namespace eddy
