#include "renderer.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

#include "eddy/text.h"

namespace eddy::shell {

const char* mode_name(Mode mode) {
  switch (mode) {
    case Mode::Box:
      return "box";
    case Mode::Table:
      return "table";
    case Mode::Csv:
      return "csv";
    case Mode::Jsonl:
      return "jsonl";
    case Mode::Changelog:
      return "changelog";
  }
  return "?";
}

std::optional<Mode> parse_mode(std::string_view name) {
  for (Mode mode : {Mode::Box, Mode::Table, Mode::Csv, Mode::Jsonl, Mode::Changelog}) {
    if (name == mode_name(mode)) return mode;
  }
  return std::nullopt;
}

const char* mode_names() { return "box, table, csv, jsonl or changelog"; }

void render_rows(Renderer& renderer, const Schema& schema, size_t total,
                 const std::function<Chunk(size_t from, size_t count)>& rows, Mode mode,
                 BoxLimits limits) {
  renderer.begin(schema, false);
  const bool boxed = mode == Mode::Box || mode == Mode::Table;
  if (!boxed || limits.max_rows == 0 || total <= limits.max_rows) {
    if (total > 0) renderer.rows(rows(0, total));
  } else {
    // As DuckDB does: the first and the last rows, and a row of '…' for those in between, in
    // one chunk so that the box measures them all.
    const size_t head = (limits.max_rows + 1) / 2, tail = limits.max_rows / 2;
    std::vector<std::vector<Value>> shown;
    auto take = [&](const Chunk& part) {
      for (size_t r = 0; r < part.size(); ++r) {
        std::vector<Value> row;
        for (size_t c = 0; c < part.schema().size(); ++c) row.push_back(part.value(r, c));
        shown.push_back(std::move(row));
      }
    };
    take(rows(0, head));
    shown.emplace_back(schema.size(), Value::string("…"));
    if (tail > 0) take(rows(total - tail, tail));
    renderer.rows(Chunk::from_rows(schema, shown));
  }
  renderer.end();
}

void render_table(Renderer& renderer, const Table& table, Mode mode, BoxLimits limits) {
  render_rows(
      renderer, table.schema, table.rows.size(),
      [&](size_t from, size_t count) {
        std::vector<std::vector<Value>> part(table.rows.begin() + from,
                                             table.rows.begin() + from + count);
        return Chunk::from_rows(table.schema, part);
      },
      mode, limits);
}

namespace {

// Decodes one UTF-8 sequence at text[i]; returns its code point and advances i. Invalid bytes
// count as one column each, which is what a terminal shows for them (a replacement glyph).
char32_t next_code_point(std::string_view text, size_t& i) {
  unsigned char c = text[i];
  int extra = c < 0x80                ? 0
              : c >= 0xC0 && c < 0xE0 ? 1
              : c >= 0xE0 && c < 0xF0 ? 2
              : c >= 0xF0 && c < 0xF8 ? 3
                                      : -1;
  if (extra <= 0 || i + extra >= text.size()) {
    ++i;
    return c;
  }
  char32_t cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    unsigned char cc = text[i + k];
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return c;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += extra + 1;
  return cp;
}

bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool printable_ascii(std::string_view text) {
  for (unsigned char c : text)
    if (c < 0x20 || c >= 0x7f) return false;
  return true;
}

bool is_zero_width(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || cp == 0x200D ||
         (cp >= 0xFE00 && cp <= 0xFE0F);
}

void append_repeated(std::string& out, std::string_view piece, size_t n) {
  for (size_t i = 0; i < n; ++i) out.append(piece);
}

void write(std::FILE* out, const std::string& text) {
  if (!text.empty()) std::fwrite(text.data(), 1, text.size(), out);
  std::fflush(out);
}

// The unicode box of sqlite3 / DuckDB. Column widths are fixed by the header and the first chunk
// (a stream has no "all rows" to measure), then narrowed to fit `max_width`; a later, wider
// value is cut to its column's width when there is a width limit, and widens only its own cell
// otherwise. Control characters and line breaks in values are shown escaped, so a row is one
// line.
class BoxRenderer final : public Renderer {
 public:
  BoxRenderer(std::FILE* out, BoxLimits limits) : out_(out), limits_(limits) {}

  void begin(const Schema& schema, bool updating) override {
    updating_ = updating;
    started_ = false;
    headers_.clear();
    right_align_.clear();
    widths_.clear();
    types_.clear();
    if (updating) add_column("op", Type::string());
    for (const Field& field : schema.fields) add_column(field.name, field.type);
  }

  void show_header() override {
    if (started_) return;
    // No rows to measure: room for typical values of each type.
    for (size_t c = 0; c < widths_.size(); ++c) widths_[c] = std::max(widths_[c], guess(types_[c]));
    std::string text;
    start(text);
    write(out_, text);
  }

  void rows(const Chunk& rows) override {
    const size_t cells = std::min(headers_.size(), rows.schema().size() + (updating_ ? 1 : 0));
    std::string text;
    if (!started_) {  // the first chunk sets the widths
      for (size_t r = 0; r < rows.size(); ++r)
        for (size_t c = 0; c < cells; ++c)
          widths_[c] = std::max(widths_[c], display_width(cell(rows, r, c)));
      start(text);
    }
    for (size_t r = 0; r < rows.size(); ++r) {
      text += "│";
      for (size_t c = 0; c < cells; ++c) append_cell(text, c, cell(rows, r, c));
      text += '\n';
    }
    write(out_, text);
  }

  void end() override {
    std::string text;
    if (!started_) start(text);
    append_border(text, "└", "┴", "┘");
    write(out_, text);
  }

 private:
  void add_column(std::string name, Type type) {
    size_t minimum = 1;
    if (type.id == TypeId::Timestamp) minimum = 23;
    if (type.id == TypeId::Date) minimum = 10;
    if (type.id == TypeId::Time) minimum = type.precision > 0 ? 9u + type.precision : 8u;
    if (type.id == TypeId::Boolean) minimum = 5;
    name = box_cell(name, kMaxCellWidth);
    widths_.push_back(std::max(minimum, display_width(name)));
    headers_.push_back(std::move(name));
    right_align_.push_back(type.is_numeric());
    types_.push_back(type);
  }

  static size_t guess(const Type& type) {
    switch (type.id) {
      case TypeId::String:
        return 16;
      case TypeId::BigInt:
      case TypeId::Double:
        return 12;
      default:
        return type.is_numeric() ? 8 : 1;
    }
  }

  // Narrows the widest columns, one column at a time, until a line fits the width limit.
  void fit() {
    if (limits_.max_width == 0) return;
    constexpr size_t kNarrowest = 3;  // "a…" and a space to spare
    size_t line = 1;
    for (size_t w : widths_) line += w + 3;
    while (line > limits_.max_width) {
      size_t widest = 0;
      for (size_t c = 1; c < widths_.size(); ++c)
        if (widths_[c] > widths_[widest]) widest = c;
      if (widths_.empty() || widths_[widest] <= kNarrowest) return;  // as narrow as it goes
      --widths_[widest];
      --line;
    }
  }

  void start(std::string& text) {
    started_ = true;
    fit();
    append_border(text, "┌", "┬", "┐");
    text += "│";
    for (size_t c = 0; c < headers_.size(); ++c) {
      std::string header = box_cell(headers_[c], widths_[c]);
      size_t width = display_width(header);
      size_t pad = widths_[c] > width ? widths_[c] - width : 0;
      text += ' ';
      append_repeated(text, " ", pad / 2);
      text += header;
      append_repeated(text, " ", pad - pad / 2);
      text += " │";
    }
    text += '\n';
    append_border(text, "├", "┼", "┤");
  }

  void append_border(std::string& text, const char* left, const char* middle, const char* right) {
    text += left;
    for (size_t c = 0; c < widths_.size(); ++c) {
      if (c > 0) text += middle;
      append_repeated(text, "─", widths_[c] + 2);
    }
    text += right;
    text += '\n';
  }

  // Cell `c` of row `r` as the box shows it (with an op column first when updating).
  std::string cell(const Chunk& rows, size_t r, size_t c) {
    if (updating_ && c == 0) return row_kind_symbol(rows.kind(r));
    scratch_.clear();
    rows.append_text(scratch_, r, updating_ ? c - 1 : c, TextFormat::Display);
    return box_cell(scratch_, kMaxCellWidth);
  }

  void append_cell(std::string& text, size_t c, std::string_view cell) {
    std::string cut;
    size_t width = display_width(cell);
    if (limits_.max_width > 0 && width > widths_[c]) {
      cut = box_cell(cell, widths_[c]);
      cell = cut;
      width = display_width(cell);
    }
    size_t pad = widths_[c] > width ? widths_[c] - width : 0;
    text += ' ';
    if (right_align_[c]) append_repeated(text, " ", pad);
    text += cell;
    if (!right_align_[c]) append_repeated(text, " ", pad);
    text += " │";
  }

  std::FILE* out_;
  BoxLimits limits_;
  bool updating_ = false;
  bool started_ = false;
  std::vector<std::string> headers_;
  std::vector<bool> right_align_;
  std::vector<size_t> widths_;
  std::vector<Type> types_;
  std::string scratch_;  // a cell's text before box_cell
};

// A header line, then one line per row; NULL is an empty field. Rows are written a chunk at a
// time (ChunkTextWriter).
class CsvRenderer final : public Renderer {
 public:
  explicit CsvRenderer(std::FILE* out) : out_(out) {}

  void begin(const Schema& schema, bool updating) override {
    writer_ = ChunkTextWriter::csv(updating);
    std::string text;
    bool first = true;
    auto separate = [&] {
      if (!first) text += ',';
      first = false;
    };
    if (updating) {
      separate();
      text += "op";
    }
    for (const Field& field : schema.fields) {
      separate();
      append_csv_field(text, field.name);
    }
    text += '\n';
    write(out_, text);
  }

  void rows(const Chunk& rows) override {
    std::string text;
    writer_->append(text, rows);
    write(out_, text);
  }

  void end() override {}

 private:
  std::FILE* out_;
  std::optional<ChunkTextWriter> writer_;  // set by begin
};

// One JSON object per row, keys in column order; an updating result has "op" first. Rows are
// written a chunk at a time (ChunkTextWriter).
class JsonlRenderer final : public Renderer {
 public:
  explicit JsonlRenderer(std::FILE* out) : out_(out) {}

  void begin(const Schema& schema, bool updating) override {
    writer_ = ChunkTextWriter::json_lines(schema, updating);
  }

  void rows(const Chunk& rows) override {
    std::string text;
    writer_->append(text, rows);
    write(out_, text);
  }

  void end() override {}

 private:
  std::FILE* out_;
  std::optional<ChunkTextWriter> writer_;  // set by begin
};

// Flink's print format: `+I[1, alice, 2024-01-01 10:00:00.000]`, NULL as `null`, written a
// chunk at a time (ChunkTextWriter).
class ChangelogRenderer final : public Renderer {
 public:
  explicit ChangelogRenderer(std::FILE* out) : out_(out) {}

  void begin(const Schema&, bool) override {}

  void rows(const Chunk& rows) override {
    std::string text;
    writer_.append(text, rows);
    write(out_, text);
  }

  void end() override {}

 private:
  std::FILE* out_;
  ChunkTextWriter writer_ = ChunkTextWriter::changelog();
};

}  // namespace

std::string box_cell(std::string_view text, size_t max_width) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Printable ASCII (most cells) is one column a byte, nothing to escape.
  if (printable_ascii(text)) {
    if (text.size() <= max_width) return std::string(text);
    std::string out(text.substr(0, max_width > 0 ? max_width - 1 : 0));
    out += "…";
    return out;
  }
  std::string out;
  size_t width = 0;
  // Up to the last character that fits; then, if anything follows, the last one becomes '…'.
  size_t fitted_bytes = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    unsigned char u = static_cast<unsigned char>(text[i]);
    char escaped[5] = {};
    size_t w;
    if (u < 0x20 || u == 0x7f) {
      ++i;
      if (u == '\n') {
        std::memcpy(escaped, "\\n", 2);
      } else if (u == '\t') {
        std::memcpy(escaped, "\\t", 2);
      } else if (u == '\r') {
        std::memcpy(escaped, "\\r", 2);
      } else {
        escaped[0] = '\\', escaped[1] = 'x', escaped[2] = kHex[u >> 4], escaped[3] = kHex[u & 15];
      }
      w = std::strlen(escaped);
    } else {
      char32_t cp = next_code_point(text, i);
      w = is_zero_width(cp) ? 0 : is_wide(cp) ? 2 : 1;
    }
    if (width + w > max_width) {
      // Cut: what fits in max_width - 1 columns, then '…'.
      out.resize(fitted_bytes);
      out += "…";
      return out;
    }
    width += w;
    if (escaped[0]) {
      out += escaped;
    } else {
      out.append(text.substr(start, i - start));
    }
    if (width + 1 <= max_width) fitted_bytes = out.size();
  }
  return out;
}

size_t display_width(std::string_view text) {
  if (printable_ascii(text)) return text.size();
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if (is_zero_width(cp)) continue;
    width += is_wide(cp) ? 2 : 1;
  }
  return width;
}

std::unique_ptr<Renderer> make_renderer(Mode mode, std::FILE* out, BoxLimits limits) {
  switch (mode) {
    case Mode::Box:
    case Mode::Table:
      return std::make_unique<BoxRenderer>(out, limits);
    case Mode::Csv:
      return std::make_unique<CsvRenderer>(out);
    case Mode::Jsonl:
      return std::make_unique<JsonlRenderer>(out);
    case Mode::Changelog:
      return std::make_unique<ChangelogRenderer>(out);
  }
  return nullptr;
}

}  // namespace eddy::shell
