// Interactive input through libedit (BSD-licensed, readline-compatible): line editing, history
// kept in ~/.eddy_history (or $EDDY_HISTORY; empty disables it), the `eddy> ` and `   ...> `
// prompts.
#pragma once

#include <string>

#include "shell.h"

namespace eddy::shell {

class LineEditor final : public LineSource {
 public:
  LineEditor();
  ~LineEditor() override;
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  // Interrupted: Ctrl-C at the prompt (the caller drops the pending statement).
  Status next(std::string& line, bool continuation) override;

  static std::string default_history_path();

 private:
  std::string history_path_;
};

}  // namespace eddy::shell
