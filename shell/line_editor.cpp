#include "line_editor.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <editline/readline.h>

#include "completion.h"
#include "history.h"
#include "interrupt.h"

namespace eddy::shell {

namespace {

constexpr int kHistorySize = 2000;
constexpr const char* kPrompt = "eddy> ";
constexpr const char* kContinuationPrompt = "   ...> ";

// libedit calls back through plain functions: the editor whose readline() is running.
LineEditor::Completer* active_completer = nullptr;
std::vector<std::string> matches;
size_t next_match = 0;

char* next_candidate(const char*, int state) {
  if (state == 0) next_match = 0;
  if (next_match >= matches.size()) return nullptr;
  return strdup(matches[next_match++].c_str());
}

char** attempt_completion(const char* text, int start, int) {
  std::string_view before(rl_line_buffer, static_cast<size_t>(start));
  // After .read and .output libedit completes file names; in SQL there are none to complete.
  rl_attempted_completion_over = completes_file_name(before) ? 0 : 1;
  if (!rl_attempted_completion_over) return nullptr;
  matches = active_completer ? (*active_completer)(before, text) : std::vector<std::string>{};
  if (matches.empty()) return nullptr;
  return rl_completion_matches(text, next_candidate);
}

}  // namespace

std::string LineEditor::default_history_path() {
  if (const char* path = std::getenv("EDDY_HISTORY")) return path;
  if (const char* home = std::getenv("HOME")) return std::string(home) + "/.eddy_history";
  return "";
}

LineEditor::LineEditor(Completer completer)
    : history_path_(default_history_path()), completer_(std::move(completer)) {
  rl_readline_name = "eddy";
  // libedit would install its own SIGINT handler around each read and re-send the signal to the
  // whole process group; the shell's handler (no SA_RESTART) already interrupts the read.
  rl_catch_signals = 0;
  // '.' is not a break: `.he` completes to `.help`, `l.ui` to `l.uid`.
  static char breaks[] = " \t\n\"'`@$><=;|&{(),+-*/%";
  rl_completer_word_break_characters = breaks;
  rl_attempted_completion_function = attempt_completion;
  using_history();
  stifle_history(kHistorySize);
  if (!history_path_.empty()) read_history(history_path_.c_str());
}

LineEditor::~LineEditor() {
  commit_history();
  if (!history_path_.empty()) write_history(history_path_.c_str());
}

void LineEditor::commit_history() {
  std::string entry = history_entry(statement_lines_);
  statement_lines_.clear();
  if (!entry.empty()) add_history(entry.c_str());
}

LineSource::Status LineEditor::next(std::string& line, bool continuation) {
  // A fresh prompt: the statement before it is complete (run, or dropped by Ctrl-C / Ctrl-D).
  if (!continuation) commit_history();
  active_completer = completer_ ? &completer_ : nullptr;
  char* input = readline(continuation ? kContinuationPrompt : kPrompt);
  active_completer = nullptr;
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
  statement_lines_.push_back(line);
  return Status::Line;
}

}  // namespace eddy::shell
