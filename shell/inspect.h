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

#include <cstdio>
#include <vector>

#include "eddy/checkpoints.h"
#include "renderer.h"

namespace eddy::shell {

// The file and what to show of it (eddy/checkpoints.h).
using InspectOptions = CheckpointInspectOptions;

// Writes the tables in `mode` (see the top of this file).
void render_inspect(const std::vector<NamedTable>& tables, Mode mode, std::FILE* out);

// `eddy inspect`: prints the tables, or one `error:` line on stderr; the process's exit status.
int run_inspect(const InspectOptions& options, Mode mode);

}  // namespace eddy::shell
