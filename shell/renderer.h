// Result renderers of the shell: box, csv, jsonl and changelog, over result chunks (the text of a
// cell comes from Chunk::append_text, spelled as the file and print sinks spell it). A renderer
// streams: begin() with the schema, rows() for every chunk as it arrives (each call writes and
// flushes, so a continuous query keeps printing), end() when the result is complete. Finite
// tables (SHOW, DESCRIBE, EXPLAIN) go through the same renderers.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "eddy/engine.h"
#include "eddy/types.h"

namespace eddy::shell {

// Box streams the rows of an append-only result; Table shows the result table (a changelog
// applied), redrawn in place on a terminal (docs/shell.md "Result modes").
enum class Mode { Box, Table, Csv, Jsonl, Changelog };

// "box", "table", "csv", ...; parse_mode accepts exactly these names.
const char* mode_name(Mode mode);
std::optional<Mode> parse_mode(std::string_view name);
// "box, table, csv, jsonl or changelog", for messages.
const char* mode_names();

// How much of the screen box output may take. 0: no limit.
struct BoxLimits {
  size_t max_width = 0;  // columns of a line: wide columns are cut to fit, with '…'
  size_t max_rows = 0;   // rows of a table (render_table, final results): the first and last
};

// Box cells longer than this many columns are cut (with '…') whatever the width limit, so one
// huge value cannot blow up every line of a table. csv and jsonl never cut.
constexpr size_t kMaxCellWidth = 1000;

class Renderer {
 public:
  virtual ~Renderer() = default;
  // `updating`: the result is a changelog, shown with an `op` column (+I/-U/+U/-D) first.
  virtual void begin(const Schema& schema, bool updating) = 0;
  // A chunk of rows: a query's, or a table's (Chunk::from_rows).
  virtual void rows(const Chunk& rows) = 0;
  virtual void end() = 0;
  // Prints the header now, before any row (a continuous query that is slow to produce its first
  // rows): box mode guesses the column widths from the types instead of measuring rows.
  virtual void show_header() {}
};

// Table mode renders like box (the shell redraws it).
std::unique_ptr<Renderer> make_renderer(Mode mode, std::FILE* out, BoxLimits limits = {});

// Renders a whole table: begin, rows, end. Over `limits.max_rows` rows, box mode shows the first
// and last rows around a row of '…' and says how many it left out.
void render_table(Renderer& renderer, const Table& table, Mode mode = Mode::Csv,
                  BoxLimits limits = {});
// The same for `total` rows that `rows(from, count)` hands out (a ResultTable's).
void render_rows(Renderer& renderer, const Schema& schema, size_t total,
                 const std::function<Chunk(size_t from, size_t count)>& rows, Mode mode,
                 BoxLimits limits);

// Box cell text: control characters escaped (\n, \t, \r, \xNN) and the text cut to
// `max_width` columns, the last one '…'.
std::string box_cell(std::string_view text, size_t max_width);

// Terminal columns taken by UTF-8 text (East Asian wide characters count two).
size_t display_width(std::string_view text);

}  // namespace eddy::shell
