// What a checkpoint file holds, as the tables `eddy inspect CKPT.db` and the shell's
// `.checkpoints` print (docs/shell.md). The file is opened read-only and never changed: no
// retention runs and damage found is reported, not recorded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eddy/engine.h"
#include "eddy/error.h"
#include "eddy/export.h"

namespace eddy {

struct CheckpointInspectOptions {
  std::string path;  // the SQLite checkpoint file
  // Show the operators, sources and sinks of this checkpoint instead of each job's newest.
  std::optional<uint64_t> checkpoint_id;
  // Read and check every blob of every checkpoint (slow for large states); damage found is shown
  // in the `damage` column.
  bool verify = false;
};

struct NamedTable {
  std::string name;
  Table table;
};

// Five tables, in this order: `checkpoints` (every checkpoint in the file: id, job, taken_at,
// kind, base, finished, watermark, rows_in, rows_out, bytes, damage), then `operators`, `sources`,
// `sinks` and `statements` of the newest checkpoint of each job that is not damaged (or of
// `checkpoint_id`). An error names the file: missing, not an eddy checkpoint store, damaged
// beyond reading, no such checkpoint.
EDDY_EXPORT Result<std::vector<NamedTable>> inspect_checkpoints(
    const CheckpointInspectOptions& options);

}  // namespace eddy
