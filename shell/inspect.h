// `eddy inspect CKPT.db` and the shell's `.checkpoints`: what a checkpoint store holds, as tables
// in the shell's output modes. The store is opened read-only and never changed (no retention, no
// damage recorded); docs/shell.md shows the output.
//
// Five tables, one after another: `checkpoints` (every checkpoint in the file), then `operators`,
// `sources`, `sinks` and `statements` of the newest checkpoint of each job that is not marked
// damaged (or of the one asked for). Box and changelog print each under a title line (its name);
// csv and jsonl, meant for scripts, give every row a first column `table` with that name, and csv
// separates the tables (each with its own header line) by an empty line.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "eddy/engine.h"
#include "eddy/error.h"
#include "shell/renderer.h"

namespace eddy::shell {

struct InspectOptions {
  std::string path;
  // Show the operators, sources and sinks of this checkpoint instead of each job's newest.
  std::optional<uint64_t> checkpoint_id;
  // Read and check every blob of every checkpoint (slow for large states); damage found is shown
  // in the `damage` column, not recorded in the file.
  bool verify = false;
};

struct InspectTable {
  std::string name;  // "checkpoints", "operators", ...
  Table table;
};

// The tables, or an error naming the file (missing, not an eddy checkpoint store, damaged
// beyond reading, no such checkpoint).
Result<std::vector<InspectTable>> inspect_store(const InspectOptions& options);

// Writes the tables in `mode` (see the top of this file).
void render_inspect(const std::vector<InspectTable>& tables, Mode mode, std::FILE* out);

// `eddy inspect`: prints the tables, or one `error:` line on stderr; the process's exit status.
int run_inspect(const InspectOptions& options, Mode mode);

}  // namespace eddy::shell
