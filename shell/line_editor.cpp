#include "line_editor.h"

#include <cstdio>
#include <cstdlib>

#include <editline/readline.h>

#include "interrupt.h"

namespace eddy::shell {

namespace {

constexpr int kHistorySize = 2000;
constexpr const char* kPrompt = "eddy> ";
constexpr const char* kContinuationPrompt = "   ...> ";

}  // namespace

std::string LineEditor::default_history_path() {
  if (const char* path = std::getenv("EDDY_HISTORY")) return path;
  if (const char* home = std::getenv("HOME")) return std::string(home) + "/.eddy_history";
  return "";
}

LineEditor::LineEditor() : history_path_(default_history_path()) {
  rl_readline_name = "eddy";
  // libedit would install its own SIGINT handler around each read and re-send the signal to the
  // whole process group; the shell's handler (no SA_RESTART) already interrupts the read.
  rl_catch_signals = 0;
  using_history();
  stifle_history(kHistorySize);
  if (!history_path_.empty()) read_history(history_path_.c_str());
}

LineEditor::~LineEditor() {
  if (!history_path_.empty()) write_history(history_path_.c_str());
}

LineSource::Status LineEditor::next(std::string& line, bool continuation) {
  char* input = readline(continuation ? kContinuationPrompt : kPrompt);
  if (!input) {
    if (take_interrupt()) {
      std::fputs("\n", stdout);
      std::fflush(stdout);
      return Status::Interrupted;
    }
    std::fputs("\n", stdout);  // leave the terminal's next prompt on a line of its own
    std::fflush(stdout);
    return Status::End;
  }
  line = input;
  std::free(input);
  if (line.find_first_not_of(" \t") != std::string::npos) add_history(line.c_str());
  return Status::Line;
}

}  // namespace eddy::shell
