// The status line: one line on stderr, while a query runs on a terminal, saying how it is doing
// (rows read and their rate, rows out, the watermark, late rows, state size, and for file sources
// a progress bar with percent and ETA). It is redrawn in place at most a few times a second and
// erased before anything else is written to the terminal and when the query ends, so it never
// ends up in the output (and is never shown when stderr is not a terminal).
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include "eddy/engine.h"

namespace eddy::shell {

class StatusLine {
 public:
  // `enabled`: stderr is a terminal. `width`: its columns (the line is cut to fit).
  StatusLine(std::FILE* err, bool enabled, size_t width);
  ~StatusLine() { clear(); }
  StatusLine(const StatusLine&) = delete;
  StatusLine& operator=(const StatusLine&) = delete;

  // Redraws the line with `stats` if the last redraw is old enough (or `force`).
  void update(const QueryStats& stats, bool force = false);
  // Erases the line (before other output, and at the end).
  void clear();

  // The line's text for `stats` after `seconds` of running (no escape sequences), cut to
  // `width` columns (0: not cut). Exposed for tests.
  static std::string format(const QueryStats& stats, double seconds, size_t width);

 private:
  std::FILE* err_;
  bool enabled_;
  size_t width_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point drawn_;
};

}  // namespace eddy::shell
