// ResultView: how the shell shows a query's result table (ResultTable) in the modes that show
// rows rather than changes: redrawn in place on a terminal as it changes (table mode), and the
// final table at the end (docs/shell.md "Result modes").
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include "renderer.h"
#include "result_table.h"

namespace eddy::shell {

class ResultView {
 public:
  // `live`: `out` is a terminal of `screen_rows` lines, redrawn in place while the query runs.
  ResultView(const Schema& schema, std::FILE* out, bool live, size_t screen_rows);

  void apply(const Chunk& chunk) { table_.apply(chunk); }
  // A redraw is due: the table changed and the last one is old enough (at most ~10 per second).
  bool redraw_due() const;
  // Draws the current table over the previous drawing (the last screenful of rows).
  void redraw(BoxLimits limits);
  // Prints the final table in `mode` (box for table mode), replacing a live drawing.
  void finish(Mode mode, BoxLimits limits);
  const ResultTable& table() const { return table_; }

 private:
  void replace(const std::string& text);

  ResultTable table_;
  std::FILE* out_;
  bool live_;
  size_t screen_rows_;
  size_t drawn_lines_ = 0;  // lines of the drawing on screen (the cursor is below it)
  uint64_t drawn_version_ = UINT64_MAX;
  std::chrono::steady_clock::time_point drawn_at_;
};

// Runs `render` on a FILE that collects what it writes.
std::string render_to_string(const std::function<void(std::FILE*)>& render);

}  // namespace eddy::shell
