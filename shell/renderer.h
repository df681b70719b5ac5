// Result renderers of the shell: box, csv, jsonl and changelog, over column batches (the text of
// a cell comes from runtime/text_format.h, shared with the file and print sinks). A renderer
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
#include "runtime/batch.h"

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
  // A chunk of rows: a query's Chunk::batch(), or a table converted by table_batch().
  virtual void rows(const Batch& rows) = 0;
  virtual void end() = 0;
};

std::unique_ptr<Renderer> make_renderer(Mode mode, std::FILE* out);

// Renders a whole table: begin, rows, end.
void render_table(Renderer& renderer, const Table& table);
// A table's rows as a batch. A column whose values do not all have the declared type becomes a
// STRING column of their display text (tables are small; rendering must never fail).
Batch table_batch(const Table& table);

// Terminal columns taken by UTF-8 text (East Asian wide characters count two).
size_t display_width(std::string_view text);

}  // namespace eddy::shell
