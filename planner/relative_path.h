// Relative 'path' options of streams created by a script: a path that does not exist relative
// to the working directory is looked for next to the script (docs/shell.md "Relative paths"),
// so `eddy examples/demo.sql` finds examples/data/logins.csv from the repository root.
#pragma once

#include <string>

namespace eddy {

struct ResolvedPath {
  std::string path;   // the path to open
  std::string other;  // when neither candidate exists: the one under the script's folder
};

// `path` as given when it is absolute, `base_directory` is empty, or it exists relative to the
// working directory; else `base_directory`/`path` when that exists. For a file to write, what
// must exist is the file's folder.
ResolvedPath resolve_relative_path(const std::string& path, const std::string& base_directory,
                                   bool writing);

}  // namespace eddy
