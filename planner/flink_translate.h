// Flink SQL for eddy statements (`eddy --to-flink FILE.sql`, `EXPLAIN FLINK <statement>`,
// docs/flink.md): a job moves to a Flink cluster with the same meaning, or the translation is
// refused with the reason.
//
// - CREATE STREAM becomes CREATE TABLE with Flink's connector and format options (file →
//   filesystem, csv / json; kafka, print and blackhole as they are); relative paths become
//   absolute, as Flink resolves them against its own working directory. eddy's stream options
//   without a Flink counterpart ('late.sink', 'late.policy') become comments.
// - Queries keep their text, except for eddy's extensions that Flink expresses otherwise:
//   `GROUP BY k TIMEOUT t RESET STATE` becomes a SESSION window partitioned by the keys with gap t
//   (TIMEOUT_TIME() is its window_end), and LEFT SEMI / ANTI JOIN ... ON c becomes
//   [NOT] EXISTS (SELECT 1 FROM right WHERE c).
// - Refused, with the reason: KEEP STATE and processing-time timeouts, idle advance, connectors
//   Flink has no counterpart of (stdin, datagen, nexmark, embedded, sqlite), changelog files.
#pragma once

#include <string>

#include "eddy/error.h"
#include "parser/ast.h"
#include "planner/catalog.h"

namespace eddy {

// The Flink statements (each ending in ";\n", comments included) for `statement`, read against
// `catalog` (the streams and views defined before it). `base_directory`: the folder of the script
// the statement came from, for relative paths. EXPLAIN FLINK of a statement that is not a
// CREATE, SET, INSERT or query is an error.
Result<std::string> to_flink(const ast::Statement& statement, const Catalog& catalog,
                             const std::string& base_directory = "");

}  // namespace eddy
