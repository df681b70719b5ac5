// The shell's dot-commands, as one table (name, arguments, help, handler) that drives dispatch,
// `.help` and unique-prefix matching (`.mo csv` is `.mode csv`), in the style of sqlite3's shell.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eddy/error.h"

namespace eddy::shell {

class Shell;

struct DotCommand {
  const char* name;  // without the dot
  const char* args;  // usage of the arguments, "" if none
  const char* help;
  size_t min_args;
  size_t max_args;
  // Returns an error to report; an Error with an empty message means "already reported".
  Status (*run)(Shell& shell, const std::vector<std::string>& args);
};

const std::vector<DotCommand>& dot_commands();

// The command `name` (without the dot) names exactly or as a unique prefix; an error otherwise.
Result<const DotCommand*> find_dot_command(std::string_view name);

// Splits a dot-command line into words; single or double quotes group words with spaces.
std::vector<std::string> split_words(std::string_view line);

// Parses and runs one dot-command line (".mode csv"). Errors name the command and the argument.
Status run_dot_command(Shell& shell, std::string_view line);

// The `.help` text: every command, or one.
std::string dot_help(const DotCommand* only = nullptr);

}  // namespace eddy::shell
