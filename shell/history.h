// A statement typed over several lines becomes one history entry, recalled whole by Up (as the
// sqlite3 and DuckDB shells do). The entry is one line: libedit edits a single line.
#pragma once

#include <string>
#include <vector>

namespace eddy::shell {

// The lines joined by spaces, each trimmed. A `--` comment would swallow the lines after it once
// joined, so it is left out; a line that ends inside a quoted string keeps its newline (joining
// would change the string's value).
std::string history_entry(const std::vector<std::string>& lines);

}  // namespace eddy::shell
