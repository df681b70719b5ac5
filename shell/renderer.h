// Result renderers of the shell: box, csv, jsonl and changelog, over result chunks (the text of a
// cell comes from Chunk::append_text, spelled as the file and print sinks spell it). A renderer
// streams: begin() with the schema, rows() for every chunk as it arrives (each call writes and
// flushes, so a continuous query keeps printing), end() when the result is complete. Finite
// tables (SHOW, DESCRIBE, EXPLAIN) go through the same renderers.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "eddy/engine.h"
#include "eddy/types.h"

namespace eddy::shell {

enum class Mode { Box, Csv, Jsonl, Changelog };

// "box", "csv", ...; parse_mode accepts exactly these names.
const char* mode_name(Mode mode);
std::optional<Mode> parse_mode(std::string_view name);
// "box, csv, jsonl or changelog", for messages.
const char* mode_names();

class Renderer {
 public:
  virtual ~Renderer() = default;
  // `updating`: the result is a changelog, shown with an `op` column (+I/-U/+U/-D) first.
  virtual void begin(const Schema& schema, bool updating) = 0;
  // A chunk of rows: a query's, or a table's (Chunk::from_rows).
  virtual void rows(const Chunk& rows) = 0;
  virtual void end() = 0;
};

std::unique_ptr<Renderer> make_renderer(Mode mode, std::FILE* out);

// Renders a whole table: begin, rows, end.
void render_table(Renderer& renderer, const Table& table);

// Terminal columns taken by UTF-8 text (East Asian wide characters count two).
size_t display_width(std::string_view text);

}  // namespace eddy::shell
