#include "dot_commands.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "help.h"
#include "inspect.h"
#include "shell.h"

namespace eddy::shell {

namespace {

Error dot_error(std::string message) {
  Error error;
  error.kind = Error::Kind::Runtime;
  error.message = std::move(message);
  return error;
}

void print(Shell& shell, const std::string& text) {
  std::fputs(text.c_str(), shell.out());
  std::fflush(shell.out());
}

Status run_help(Shell& shell, const std::vector<std::string>& args) {
  auto text = help_text(shell.engine(), args.empty() ? "" : args[0]);
  if (!text) return dot_error(fmt::format(".help: {}", text.error().message));
  print(shell, text.value());
  return Status::ok();
}

Status run_mode(Shell& shell, const std::vector<std::string>& args) {
  if (args.empty()) {
    print(shell, fmt::format("{}\n", mode_name(shell.mode())));
    return Status::ok();
  }
  auto mode = parse_mode(args[0]);
  if (!mode) {
    return dot_error(fmt::format(".mode: unknown mode '{}' (expected {})", args[0], mode_names()));
  }
  shell.set_mode(*mode);
  return Status::ok();
}

Status run_read(Shell& shell, const std::vector<std::string>& args) {
  return shell.read_file(args[0]);
}

Status run_output(Shell& shell, const std::vector<std::string>& args) {
  return shell.set_output(args.empty() ? "" : args[0]);
}

Status run_timer(Shell& shell, const std::vector<std::string>& args) {
  std::string value = args[0];
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (value == "on" || value == "1" || value == "true") {
    shell.set_timer(true);
  } else if (value == "off" || value == "0" || value == "false") {
    shell.set_timer(false);
  } else {
    return dot_error(fmt::format(".timer: expected on or off, got '{}'", args[0]));
  }
  return Status::ok();
}

// .maxwidth N / .maxrows N: 0 is no limit, no argument the default.
Status run_limit(Shell& shell, const std::vector<std::string>& args, const char* command,
                 void (Shell::*set)(std::optional<size_t>)) {
  if (args.empty()) {
    (shell.*set)(std::nullopt);
    return Status::ok();
  }
  size_t used = 0;
  long long value = -1;
  try {
    value = std::stoll(args[0], &used);
  } catch (const std::exception&) {
  }
  if (value < 0 || used != args[0].size()) {
    return dot_error(
        fmt::format(".{}: expected a number (0: no limit), got '{}'", command, args[0]));
  }
  (shell.*set)(size_t(value));
  return Status::ok();
}

Status run_maxwidth(Shell& shell, const std::vector<std::string>& args) {
  return run_limit(shell, args, "maxwidth", &Shell::set_max_width);
}

Status run_maxrows(Shell& shell, const std::vector<std::string>& args) {
  return run_limit(shell, args, "maxrows", &Shell::set_max_rows);
}

Status run_schema(Shell& shell, const std::vector<std::string>& args) {
  return shell.show_schema(args.empty() ? "" : args[0]);
}

Status run_tables(Shell& shell, const std::vector<std::string>& args) {
  return shell.show_tables(args.empty() ? "" : args[0]);
}

Status run_checkpoints(Shell& shell, const std::vector<std::string>& args) {
  InspectOptions options;
  options.path = args.empty() ? shell.engine().setting("checkpoint.path") : args[0];
  if (options.path.empty())
    return dot_error(
        ".checkpoints: no checkpoint file (give its path, or set 'checkpoint.path' / run with "
        "--checkpoint PATH)");
  auto tables = inspect_checkpoints(options);
  if (!tables) return dot_error(fmt::format(".checkpoints: {}", tables.error().message));
  render_inspect(tables.value(), shell.mode(), shell.out());
  return Status::ok();
}

Status run_quit(Shell& shell, const std::vector<std::string>&) {
  shell.quit();
  return Status::ok();
}

}  // namespace

const std::vector<DotCommand>& dot_commands() {
  static const std::vector<DotCommand> commands = {
      {"checkpoints", "[PATH]", "List the checkpoints in PATH (default: 'checkpoint.path')", 0, 1,
       run_checkpoints},
      {"exit", "", "Exit the shell", 0, 0, run_quit},
      {"help", "[TOPIC|COMMAND|FUNCTION]", "Show the commands and help topics, or one", 0, 1,
       run_help},
      {"maxrows", "[N]", "Show at most N rows of a table in box mode (0: all)", 0, 1, run_maxrows},
      {"maxwidth", "[N]", "Fit box output to N columns (0: no limit)", 0, 1, run_maxwidth},
      {"mode", "[box|table|csv|jsonl|changelog]", "Set the output mode (no argument: show it)", 0,
       1, run_mode},
      {"output", "[FILE]", "Write results to FILE (no argument: back to stdout)", 0, 1, run_output},
      {"quit", "", "Exit the shell", 0, 0, run_quit},
      {"read", "FILE", "Run the statements and dot-commands in FILE", 1, 1, run_read},
      {"schema", "[NAME]", "Print the CREATE statements of the streams and views", 0, 1,
       run_schema},
      {"tables", "[PATTERN]", "List the streams and views (SHOW STREAMS: details)", 0, 1,
       run_tables},
      {"timer", "on|off", "Print each statement's run time", 1, 1, run_timer},
  };
  return commands;
}

Result<const DotCommand*> find_dot_command(std::string_view name) {
  std::vector<const DotCommand*> matches;
  for (const DotCommand& command : dot_commands()) {
    if (name == command.name) return &command;
    if (!name.empty() && std::string_view(command.name).starts_with(name)) {
      matches.push_back(&command);
    }
  }
  if (matches.size() == 1) return matches[0];
  if (matches.empty()) return dot_error(fmt::format("unknown command '.{}' (try .help)", name));
  std::string candidates;
  for (size_t i = 0; i < matches.size(); ++i) {
    candidates += i == 0 ? "" : i + 1 == matches.size() ? " or " : ", ";
    candidates += fmt::format(".{}", matches[i]->name);
  }
  return dot_error(fmt::format("ambiguous command '.{}' (could be {})", name, candidates));
}

std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  size_t i = 0;
  while (true) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    if (i >= line.size()) return words;
    std::string word;
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) {
      char c = line[i];
      if (c == '\'' || c == '"') {
        size_t close = line.find(c, i + 1);
        if (close == std::string_view::npos) close = line.size();  // unterminated: to the end
        word.append(line.substr(i + 1, close - i - 1));
        i = std::min(close + 1, line.size());
      } else {
        word.push_back(c);
        ++i;
      }
    }
    words.push_back(std::move(word));
  }
}

Status run_dot_command(Shell& shell, std::string_view line) {
  std::vector<std::string> words = split_words(line);
  if (words.empty() || !words[0].starts_with('.')) {
    return dot_error(fmt::format("not a dot-command: '{}'", line));
  }
  auto command = find_dot_command(std::string_view(words[0]).substr(1));
  if (!command) return command.error();
  const DotCommand& cmd = *command.value();
  std::vector<std::string> args(words.begin() + 1, words.end());
  std::string usage = fmt::format("usage: .{}{}{}", cmd.name, *cmd.args ? " " : "", cmd.args);
  if (args.size() < cmd.min_args) {
    return dot_error(fmt::format(".{}: missing argument ({})", cmd.name, usage));
  }
  if (args.size() > cmd.max_args) {
    return dot_error(
        fmt::format(".{}: unexpected argument '{}' ({})", cmd.name, args[cmd.max_args], usage));
  }
  return cmd.run(shell, args);
}

std::string dot_help(const DotCommand* only) {
  std::string text;
  for (const DotCommand& command : dot_commands()) {
    if (only && only != &command) continue;
    std::string usage =
        fmt::format(".{}{}{}", command.name, *command.args ? " " : "", command.args);
    text += fmt::format("{:<34} {}\n", usage, command.help);
  }
  if (!only) {
    text +=
        "\nSQL statements end with ';' and may span lines. Unique prefixes of commands work"
        " (.mo csv).\n";
  }
  return text;
}

}  // namespace eddy::shell
