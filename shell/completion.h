// Tab completion for the interactive shell: dot-commands at the start of a line, help topics
// after .help, and otherwise what the engine offers (Engine::completions: keywords, streams,
// views, their columns, functions, registered ones included).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eddy/engine.h"

namespace eddy::shell {

// The words that may replace `word`, the text before the cursor back to the last word break;
// `before` is the line's text before `word`. A word typed in lower case gets keywords and
// function names in lower case. `qualifier.col` completes the column part.
std::vector<std::string> complete(const Engine& engine, std::string_view before,
                                  std::string_view word);

// True when the word being completed is a file name (the argument of .read or .output).
bool completes_file_name(std::string_view before);

}  // namespace eddy::shell
