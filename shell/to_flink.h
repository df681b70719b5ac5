// `eddy --to-flink FILE.sql ...`: prints the Flink SQL of each script (and -c command) instead of
// running it (docs/flink.md).
#pragma once

#include <vector>

#include "cli.h"
#include "eddy/engine.h"

namespace eddy::shell {

// Translates the inputs in order into one Flink script on stdout; the first statement Flink
// cannot express stops it with an `error: FILE:LINE:COL: ...` on stderr. Returns the exit status.
int run_to_flink(Engine& engine, const std::vector<CommandLine::Input>& inputs);

}  // namespace eddy::shell
