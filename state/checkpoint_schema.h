// The checkpoint store's file format: how the file says it is eddy's, its tables, and what each
// row's checksum covers. docs/checkpoints.md ("Schema") describes the same: change the two
// together, and bump kFormatVersion when an older eddy could no longer read the file.
#pragma once

#include <cstdint>
#include <string>

#include "state/checkpoint.h"

namespace eddy::store_format {

constexpr int32_t kApplicationId = 0x45444459;  // "EDDY"
constexpr int kFormatVersion = 1;
// Big pages: key-group blobs are hundreds of KB, and each page of an overflow chain is read and
// linked one at a time.
constexpr int kPageSize = 65536;

extern const char* const kSchema;

constexpr const char* kCheckpointColumns =
    "id, job, parent_id, base_id, incremental, finished, created_ms, watermark, rows_in, "
    "rows_out, late_rows, skipped_rows, statement, fingerprint, driver, operator_count, "
    "key_group_count, source_count, sink_count, bytes, checksum, damage";
constexpr int kCheckpointColumnCount = 22;

// Everything the checkpoints row stores beyond CheckpointData.
struct CheckpointRow {
  uint64_t parent_id = 0, base_id = 0;
  uint64_t operator_count = 0, key_group_count = 0, source_count = 0, sink_count = 0;
  uint64_t bytes = 0;
  std::string damage;
};

// Each row's checksum: XXH3-64 over its columns in schema order (up to `checksum`), integers as 8
// little-endian bytes, text and blobs as their 8-byte length and then their bytes. Times hash as
// int64 even where the column holds NULL for "none". The ids are covered, so a row moved to
// another checkpoint or operator does not verify.
int64_t checkpoint_row_checksum(const CheckpointData& d, const CheckpointRow& r);
int64_t operator_row_checksum(uint64_t checkpoint_id, const OperatorCheckpoint& op,
                              uint64_t key_group_count);
int64_t key_group_row_checksum(uint64_t checkpoint_id, int operator_id, const KeyGroupState& group);
int64_t source_row_checksum(uint64_t checkpoint_id, const SourceCheckpoint& source);
int64_t sink_row_checksum(uint64_t checkpoint_id, size_t index, const SinkCheckpoint& sink);

}  // namespace eddy::store_format
