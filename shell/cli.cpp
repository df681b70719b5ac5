#include "cli.h"

#include <exception>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "eddy/version.h"

namespace eddy::shell {

ParsedCommandLine parse_command_line(int argc, const char* const* argv) {
  ParsedCommandLine result;
  CommandLine& options = result.options;

  CLI::App app{
      "eddy: a stream-query engine with a Flink-SQL-flavoured language.\n"
      "With no scripts and a terminal on stdin it starts an interactive shell; otherwise\n"
      "it runs the scripts and commands given (or stdin) in order and stops at the first\n"
      "error (exit status 1).",
      "eddy"};
  app.set_version_flag("--version", fmt::format("eddy {}", eddy::version()));

  std::vector<std::string> files, file_options, commands, sets;
  std::string mode;
  size_t batch_size = 0;
  auto* positional = app.add_option("scripts", files, "SQL scripts to run, in order");
  auto* file = app.add_option("-f,--file", file_options, "Run the SQL script FILE ('-': stdin)")
                   ->type_name("FILE")
                   ->allow_extra_args(false);
  auto* command = app.add_option("-c,--command", commands, "Run SQL (statements separated by ';')")
                      ->type_name("SQL")
                      ->allow_extra_args(false);
  auto* mode_option =
      app.add_option("--mode", mode, "Output mode (default: box on a terminal, csv otherwise)")
          ->check(CLI::IsMember({"box", "table", "csv", "jsonl", "changelog"}));
  app.add_option("--set", sets, "Set an engine setting, as SET 'KEY' = 'VALUE' would")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  CLI::Validator positive(
      [](std::string& text) -> std::string {
        size_t used = 0;
        try {
          if (std::stoll(text, &used) >= 1 && used == text.size()) return "";
        } catch (const std::exception&) {
        }
        return "expected a positive integer, got '" + text + "'";
      },
      "");
  auto* batch = app.add_option("--batch-size", batch_size,
                               "Rows per batch (results never "
                               "depend on it)")
                    ->type_name("N")
                    ->check(positive);

  app.add_option("--checkpoint", options.checkpoint,
                 "Checkpoint queries to the SQLite file PATH and resume them from it")
      ->type_name("PATH");
  app.add_flag("--checkpoint-fresh", options.checkpoint_fresh,
               "Start queries over, discarding their checkpoints in the --checkpoint file");

  app.add_flag("--to-flink", options.to_flink,
               "Print the Flink SQL of the scripts and commands instead of running them "
               "(docs/flink.md)");

  // `eddy inspect CKPT.db`: a script named "inspect" is run as ./inspect.
  InspectOptions inspect;
  uint64_t inspect_id = 0;
  auto* inspect_command = app.add_subcommand(
      "inspect", "List what the checkpoint file CKPT.db holds (read-only; docs/shell.md)");
  inspect_command->add_option("file", inspect.path, "The checkpoint file")
      ->required()
      ->type_name("CKPT.db");
  auto* inspect_id_option =
      inspect_command
          ->add_option("--checkpoint-id", inspect_id,
                       "Show the operators, sources and sinks of checkpoint N (default: the "
                       "newest of each job)")
          ->type_name("N");
  inspect_command->add_flag("--verify", inspect.verify,
                            "Read and check every blob of every checkpoint (shows damage not "
                            "found yet, without recording it)");
  auto* inspect_mode_option =
      inspect_command
          ->add_option("--mode", mode, "Output mode (default: box on a terminal, csv otherwise)")
          ->check(CLI::IsMember({"box", "table", "csv", "jsonl", "changelog"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    result.exit_code = 0;
    result.output = app.help();
    return result;
  } catch (const CLI::CallForVersion& e) {
    result.exit_code = 0;
    result.output = std::string(e.what()) + "\n";
    return result;
  } catch (const CLI::ParseError& e) {
    result.exit_code = 1;
    result.output = fmt::format("error: {} (try --help)\n", e.what());
    return result;
  }

  // Files and commands run in the order they were given.
  size_t next_file = 0, next_option_file = 0, next_command = 0;
  for (const CLI::Option* option : app.parse_order()) {
    if (option == positional && next_file < files.size()) {
      options.inputs.push_back({CommandLine::Input::Kind::File, files[next_file++]});
    } else if (option == file && next_option_file < file_options.size()) {
      options.inputs.push_back({CommandLine::Input::Kind::File, file_options[next_option_file++]});
    } else if (option == command && next_command < commands.size()) {
      options.inputs.push_back({CommandLine::Input::Kind::Command, commands[next_command++]});
    }
  }

  for (const std::string& set : sets) {
    size_t eq = set.find('=');
    if (eq == std::string::npos || eq == 0) {
      result.exit_code = 1;
      result.output = fmt::format("error: --set: expected KEY=VALUE, got '{}'\n", set);
      return result;
    }
    options.settings.emplace_back(set.substr(0, eq), set.substr(eq + 1));
  }
  if (*mode_option || *inspect_mode_option) options.mode = parse_mode(mode);
  if (*inspect_command) {
    if (!options.inputs.empty()) {
      result.exit_code = 1;
      result.output = "error: inspect takes no scripts or commands (try --help)\n";
      return result;
    }
    if (*inspect_id_option) inspect.checkpoint_id = inspect_id;
    options.inspect = std::move(inspect);
  }
  if (*batch) options.batch_size = batch_size;
  if (options.to_flink && options.inputs.empty()) {
    result.exit_code = 1;
    result.output = "error: --to-flink needs a script or a command to translate (try --help)\n";
    return result;
  }
  return result;
}

}  // namespace eddy::shell
