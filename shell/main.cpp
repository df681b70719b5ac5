// eddy: the shell executable. See shell/shell.h and docs for the behaviour.
#include <unistd.h>

#include <cstdio>

#include "cli.h"
#include "completion.h"
#include "eddy/engine.h"
#include "eddy/version.h"
#include "inspect.h"
#include "interrupt.h"
#include "line_editor.h"
#include "output_faults.h"
#include "shell.h"
#include "to_flink.h"

int main(int argc, char** argv) {
  using namespace eddy::shell;
  ParsedCommandLine parsed = parse_command_line(argc, argv);
  if (parsed.exit_code) {
    std::fputs(parsed.output.c_str(), *parsed.exit_code == 0 ? stdout : stderr);
    return *parsed.exit_code;
  }
  const CommandLine& command_line = parsed.options;

  bool interactive = command_line.inputs.empty() && isatty(STDIN_FILENO);
  // The output's reader decides: a person at a terminal gets boxes, a pipe or file gets csv.
  Mode mode = command_line.mode.value_or(isatty(STDOUT_FILENO) ? Mode::Box : Mode::Csv);
  if (command_line.inspect) return run_inspect(*command_line.inspect, mode);

  eddy::EngineOptions engine_options;
  if (command_line.batch_size) engine_options.batch_size = *command_line.batch_size;
  engine_options.checkpoint_path = command_line.checkpoint;
  if (command_line.checkpoint_fresh) engine_options.settings["checkpoint.fresh"] = "true";
  // A script read from stdin leaves nothing there for a 'stdin' stream to read.
  engine_options.stdin_is_script = !interactive && command_line.inputs.empty();
  for (const CommandLine::Input& input : command_line.inputs)
    if (input.kind == CommandLine::Input::Kind::File && input.text == "-")
      engine_options.stdin_is_script = true;
  eddy::Engine engine(engine_options);
  for (const auto& [key, value] : command_line.settings) {
    if (auto status = engine.set(key, value); !status) {
      std::fprintf(stderr, "error: --set %s=%s: %s\n", key.c_str(), value.c_str(),
                   status.error().message.c_str());
      return 1;
    }
  }

  if (command_line.to_flink) return run_to_flink(engine, command_line.inputs);

  install_interrupt_handler(interactive);
  install_output_fault_handlers();
  Shell shell(engine, Shell::Options{mode, interactive});
  if (interactive) {
    std::printf("eddy %s. Statements end with ';'. Enter .help for the shell's commands.\n",
                eddy::version());
    LineEditor editor([&engine](std::string_view before, std::string_view word) {
      return complete(engine, before, word);
    });
    shell.run_interactive(editor);
    return 0;
  }

  bool ok = true;
  for (const CommandLine::Input& input : command_line.inputs) {
    if (input.kind == CommandLine::Input::Kind::Command) {
      ok = shell.run_text(input.text, "<command>");
    } else if (input.text == "-") {
      ok = shell.run_stream(stdin, "<stdin>");
    } else {
      ok = shell.run_file(input.text);
    }
    if (!ok || shell.quit_requested()) break;
  }
  if (command_line.inputs.empty()) ok = shell.run_stream(stdin, "<stdin>");
  if (shell.interrupted()) return 130;
  if (!standard_output_ok()) return 1;
  return ok ? 0 : 1;
}
