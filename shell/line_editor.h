// Interactive input through libedit (BSD-licensed, readline-compatible): line editing, history
// kept in ~/.eddy_history (or $EDDY_HISTORY; empty disables it) with a statement typed over
// several lines as one entry, tab completion (completion.h), the `eddy> ` and `   ...> `
// prompts.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "shell.h"

namespace eddy::shell {

class LineEditor final : public LineSource {
 public:
  // The candidates for the word before the cursor, given the line's text before that word.
  using Completer =
      std::function<std::vector<std::string>(std::string_view before, std::string_view word)>;

  explicit LineEditor(Completer completer = nullptr);
  ~LineEditor() override;
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  // Interrupted: Ctrl-C at the prompt (the caller drops the pending statement).
  Status next(std::string& line, bool continuation) override;

  static std::string default_history_path();

 private:
  // Adds the lines of the statement entered so far as one history entry.
  void commit_history();

  std::string history_path_;
  Completer completer_;
  std::vector<std::string> statement_lines_;  // since the last fresh prompt
};

}  // namespace eddy::shell
