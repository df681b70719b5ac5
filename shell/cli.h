// The shell's command line (CLI11): what to run, in the order given, and how.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "inspect.h"
#include "renderer.h"

namespace eddy::shell {

struct CommandLine {
  struct Input {
    enum class Kind { File, Command };
    Kind kind;
    std::string text;  // a path ("-" is stdin) or SQL
  };
  std::vector<Input> inputs;  // files and -c commands, in command-line order
  std::optional<Mode> mode;   // unset: box on a terminal, csv otherwise
  std::vector<std::pair<std::string, std::string>> settings;  // --set KEY=VALUE
  std::optional<size_t> batch_size;
  std::string checkpoint;                 // --checkpoint PATH ('checkpoint.path')
  bool checkpoint_fresh = false;          // --checkpoint-fresh ('checkpoint.fresh')
  bool to_flink = false;                  // --to-flink: print the scripts' Flink SQL instead
  std::optional<InspectOptions> inspect;  // `eddy inspect CKPT.db`: list it instead of running SQL
};

struct ParsedCommandLine {
  CommandLine options;
  // Set when the process should exit now: --help/--version (0, text for stdout) or a usage
  // error (1, an `error:` line for stderr).
  std::optional<int> exit_code;
  std::string output;
};

ParsedCommandLine parse_command_line(int argc, const char* const* argv);

}  // namespace eddy::shell
