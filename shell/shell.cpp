#include "shell.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <system_error>

#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "dot_commands.h"
#include "help.h"
#include "history.h"
#include "interrupt.h"
#include "result_view.h"
#include "status_line.h"

namespace eddy::shell {

namespace {

// Scripts nest through .read; a file that reads itself must not recurse forever.
constexpr int kMaxReadDepth = 16;

class TextLines final : public LineSource {
 public:
  explicit TextLines(std::string_view text) : text_(text) {}
  Status next(std::string& line, bool) override {
    if (pos_ >= text_.size()) return Status::End;
    size_t nl = text_.find('\n', pos_);
    if (nl == std::string_view::npos) nl = text_.size();
    line.assign(text_.substr(pos_, nl - pos_));
    pos_ = nl + 1;
    return Status::Line;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// Reads line by line (not the whole input first), so statements piped in run as they arrive.
class FileLines final : public LineSource {
 public:
  explicit FileLines(std::FILE* in) : in_(in) {}
  ~FileLines() override { std::free(buffer_); }
  Status next(std::string& line, bool) override {
    while (true) {
      ssize_t n = getline(&buffer_, &capacity_, in_);
      if (n >= 0) {
        line.assign(buffer_, static_cast<size_t>(n));
        if (!line.empty() && line.back() == '\n') line.pop_back();
        return Status::Line;
      }
      if (!std::ferror(in_) || errno != EINTR) return Status::End;
      std::clearerr(in_);
      if (take_interrupt()) return Status::Interrupted;
    }
  }

 private:
  std::FILE* in_;
  char* buffer_ = nullptr;
  size_t capacity_ = 0;
};

Error shell_error(std::string message) {
  Error error;
  error.kind = Error::Kind::Runtime;
  error.message = std::move(message);
  return error;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool is_dot_line(std::string_view line) {
  size_t i = line.find_first_not_of(" \t");
  return i != std::string_view::npos && line[i] == '.';
}

std::string quote_identifier(const std::string& name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (plain) return name;
  std::string quoted = "`";
  for (char c : name) {
    quoted += c;
    if (c == '`') quoted += '`';
  }
  return quoted + "`";
}

// The text of cell (row, column `name`) of a SHOW / DESCRIBE table; "" for NULL or no column.
std::string cell(const Table& table, size_t row, const char* name) {
  int col = table.schema.find(name);
  if (col < 0 || static_cast<size_t>(col) >= table.rows[row].size()) return "";
  const Value& v = table.rows[row][col];
  return v.is_null() ? "" : v.to_string();
}

// Rows of a table shown on a terminal by default, as in DuckDB.
constexpr size_t kTerminalMaxRows = 40;

// A continuous query that has produced no rows for this long gets its box header at once.
constexpr auto kHeaderDelay = std::chrono::milliseconds(250);

bool is_terminal(std::FILE* file) { return file && isatty(fileno(file)); }

// The terminal's size (columns, rows), or {0, 0} when `file` is not a terminal.
std::pair<size_t, size_t> terminal_size(std::FILE* file) {
  struct winsize size = {};
  if (!is_terminal(file) || ioctl(fileno(file), TIOCGWINSZ, &size) != 0) return {0, 0};
  return {size.ws_col ? size.ws_col : 80, size.ws_row ? size.ws_row : 24};
}

// EXPLAIN's result: one STRING column `plan`, a row per line of the plan.
bool is_plan(const Table& table) {
  return table.schema.size() == 1 && table.schema.fields[0].name == "plan" &&
         table.schema.fields[0].type.id == TypeId::String;
}

// The cells of `table` as box mode shows them (escaped, cut at kMaxCellWidth).
std::vector<std::vector<std::string>> box_cells(const Table& table) {
  Chunk chunk = Chunk::from_rows(table.schema, table.rows);
  std::vector<std::vector<std::string>> cells(chunk.size());
  std::string text;
  for (size_t r = 0; r < chunk.size(); ++r)
    for (size_t c = 0; c < table.schema.size(); ++c) {
      text.clear();
      chunk.append_text(text, r, c, TextFormat::Display);
      cells[r].push_back(box_cell(text, kMaxCellWidth));
    }
  return cells;
}

// The width of `table` in a box with every value whole.
size_t natural_width(const Table& table, const std::vector<std::vector<std::string>>& cells) {
  size_t line = 1;
  for (size_t c = 0; c < table.schema.size(); ++c) {
    size_t width = display_width(table.schema.fields[c].name);
    for (const auto& row : cells) width = std::max(width, display_width(row[c]));
    line += width + 3;
  }
  return line;
}

// A table too wide for the screen, one `name │ value` line per column and a rule per row (as
// psql's expanded display), so that SHOW QUERIES reads at 80 columns.
std::string expanded(const Table& table, const std::vector<std::vector<std::string>>& cells,
                     size_t width, size_t max_rows) {
  size_t name_width = 0;
  for (const Field& field : table.schema.fields)
    name_width = std::max(name_width, display_width(field.name));
  const size_t value_width = width > name_width + 4 ? width - name_width - 3 : 8;
  std::string text;
  const size_t rows = max_rows > 0 ? std::min(max_rows, cells.size()) : cells.size();
  for (size_t r = 0; r < rows; ++r) {
    std::string rule = fmt::format("─[ row {} ]", r + 1);
    const size_t rule_width = display_width(rule);
    for (size_t i = rule_width; i + 1 < std::min<size_t>(width, 40); ++i) rule += "─";
    text += rule + "\n";
    for (size_t c = 0; c < table.schema.size(); ++c) {
      const std::string& name = table.schema.fields[c].name;
      text += name;
      text.append(name_width - display_width(name), ' ');
      text += " │ ";
      text += box_cell(cells[r][c], value_width);
      text += "\n";
    }
  }
  if (rows < cells.size())
    text += fmt::format("({} rows, {} shown: .maxrows to show more)\n", cells.size(), rows);
  return text;
}

}  // namespace

BoxLimits Shell::box_limits() const {
  auto [columns, rows] = terminal_size(out_);
  BoxLimits limits;
  limits.max_width = max_width_.value_or(columns);
  limits.max_rows = max_rows_.value_or(columns > 0 ? kTerminalMaxRows : 0);
  return limits;
}

void Shell::print_table(const Table& table) {
  if (is_plan(table) && mode_ != Mode::Jsonl && mode_ != Mode::Changelog) {
    // A plan reads as lines, as DuckDB prints it: no box padding every line to the longest
    // (cut to the width limit on a terminal); in csv every line is quoted alike.
    const size_t width = box_limits().max_width;
    std::string text = mode_ == Mode::Csv ? "plan\n" : "";
    for (const auto& row : table.rows) {
      std::string line = row.empty() || row[0].is_null() ? "" : row[0].to_string();
      if (mode_ == Mode::Csv) {
        text += '"';
        for (char c : line) text += c == '"' ? std::string("\"\"") : std::string(1, c);
        text += "\"\n";
      } else {
        text += box_cell(line, width > 0 ? width : kMaxCellWidth);
        text += '\n';
      }
    }
    std::fputs(text.c_str(), out_);
    return;
  }
  const BoxLimits limits = box_limits();
  if ((mode_ == Mode::Box || mode_ == Mode::Table) && limits.max_width > 0 && !table.rows.empty()) {
    auto cells = box_cells(table);
    if (natural_width(table, cells) > limits.max_width) {
      std::fputs(expanded(table, cells, limits.max_width, limits.max_rows).c_str(), out_);
      return;
    }
  }
  auto renderer = make_renderer(mode_, out_, limits);
  render_table(*renderer, table, mode_, limits);
}

Shell::Shell(Engine& engine, Options options, std::FILE* err)
    : engine_(engine), err_(err), mode_(options.mode), interactive_(options.interactive) {}

Shell::~Shell() {
  if (out_ != stdout) {
    engine_.set_print_output(stdout);
    std::fclose(out_);
  }
}

bool Shell::run_file(const std::string& path) {
  std::FILE* in = std::fopen(path.c_str(), "r");
  if (!in) {
    report(shell_error(fmt::format("cannot open '{}': {}", path, std::strerror(errno))), "", 0);
    return false;
  }
  bool ok = run_script_file(in, path);
  std::fclose(in);
  return ok;
}

bool Shell::run_script_file(std::FILE* in, const std::string& path) {
  std::string outer = std::move(base_directory_);
  base_directory_ = std::filesystem::path(path).parent_path().string();
  FileLines lines(in);
  bool ok = run_lines(lines, path, false);
  base_directory_ = std::move(outer);
  return ok;
}

std::string Shell::resolve_path(const std::string& path, std::string& other) const {
  other.clear();
  std::error_code error;
  if (path.empty() || base_directory_.empty() || std::filesystem::path(path).is_absolute() ||
      std::filesystem::exists(path, error))
    return path;
  std::string beside = (std::filesystem::path(base_directory_) / path).lexically_normal().string();
  if (std::filesystem::exists(beside, error)) return beside;
  if (beside != path) other = beside;
  return path;
}

bool Shell::run_text(std::string_view text, const std::string& name) {
  TextLines lines(text);
  return run_lines(lines, name, false);
}

bool Shell::run_stream(std::FILE* in, const std::string& name) {
  FileLines lines(in);
  return run_lines(lines, name, false);
}

void Shell::run_interactive(LineSource& lines) { run_lines(lines, "", true); }

bool Shell::run_lines(LineSource& lines, const std::string& name, bool keep_going) {
  StatementBuffer buffer;
  std::string line;
  while (!quit_) {
    if (interrupted_) {
      if (!keep_going) return false;
      interrupted_ = false;  // Ctrl-C drops the pending input: back to a fresh prompt
      buffer.reset(1);
    }
    // Interactively, positions in errors count from the statement being entered.
    if (keep_going && buffer.is_fresh()) buffer.reset(1);
    LineSource::Status status = lines.next(line, !buffer.is_fresh());
    if (status == LineSource::Status::End && keep_going && !buffer.is_fresh()) {
      // Ctrl-D on a continuation line: the statement is not run (it may be half typed), and
      // not dropped silently either. Up recalls it; a second Ctrl-D leaves.
      if (auto rest = buffer.take_rest()) {
        std::fprintf(err_, "(dropped unfinished statement: %s)\n",
                     history_entry(split_lines(rest->text)).c_str());
      }
      buffer.reset(1);
      continue;
    }
    if (status == LineSource::Status::End) break;
    if (status == LineSource::Status::Interrupted) {
      interrupted_ = true;
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();

    // HELP [topic] on a line of its own is the shell's .help, as in the MySQL client.
    if (buffer.is_fresh()) {
      if (auto topic = help_statement_topic(line)) {
        int number = buffer.next_line();
        buffer.skip_line();
        bool ok = dispatch_dot_command(".help " + *topic, name, number);
        if (!ok && !keep_going) return false;
        continue;
      }
    }
    if (buffer.is_fresh() && is_dot_line(line)) {
      int number = buffer.next_line();
      buffer.skip_line();
      bool ok = dispatch_dot_command(line, name, number);
      if (!ok && !keep_going) return false;
      continue;
    }
    buffer.add_line(line);
    while (auto pending = buffer.take_statement()) {
      bool ok = execute_text(*pending, name);
      if (!ok && !keep_going) return false;
      if (quit_ || interrupted_) break;
    }
  }
  if (keep_going || quit_) return true;
  // A script's last statement needs no ';'.
  if (auto rest = buffer.take_rest()) return execute_text(*rest, name);
  return true;
}

bool Shell::dispatch_dot_command(const std::string& line, const std::string& name,
                                 int line_number) {
  Status status = run_dot_command(*this, line);
  if (status) return true;
  if (!status.error().message.empty()) report(status.error(), name, line_number);
  return false;
}

Error Shell::locate(Error error, const PendingText& pending) const {
  if (error.line <= 0) return error;
  if (error.line == 1 && pending.column > 1 && !error.snippet.empty()) {
    // The statement was parsed with its line's earlier text blanked out, so the snippet's source
    // line starts with that many spaces; show the real line instead.
    std::string_view rest = std::string_view(pending.text).substr(0, pending.text.find('\n'));
    std::string_view first = std::string_view(error.snippet).substr(0, error.snippet.find('\n'));
    size_t pad = pending.column - 1;
    if (first.size() > pad && first.find_first_not_of(' ') == pad) {
      std::string_view shown = first.substr(pad);
      if (rest.starts_with(shown) || shown.starts_with(rest)) {
        error.snippet.replace(0, pad, pending.line_prefix);
      }
    }
  }
  error.line += pending.line - 1;
  return error;
}

bool Shell::execute_text(const PendingText& pending, const std::string& name) {
  // Padding the first line keeps the parser's columns equal to the script's; lines are offset.
  std::string text(pending.column - 1, ' ');
  text += pending.text;
  auto statements = engine_.parse(text);
  if (!statements) {
    report(locate(statements.error(), pending), name, pending.line);
    return false;
  }
  for (Statement& statement : statements.value()) {
    statement.base_directory = base_directory_;
    if (!execute_statement(statement, pending, name)) return false;
    if (take_interrupt()) interrupted_ = true;
    if (quit_ || interrupted_) break;
  }
  return !interrupted_;
}

bool Shell::execute_statement(const Statement& statement, const PendingText& pending,
                              const std::string& name) {
  auto started = std::chrono::steady_clock::now();
  int line = statement.line + pending.line - 1;
  auto outcome = engine_.execute(statement);
  if (!outcome) {
    report(locate(outcome.error(), pending), name, line);
    return false;
  }
  bool ok = true;
  for (const std::string& note : outcome->notes) {
    bool warning = note.starts_with("warning: ");
    std::fprintf(err_, "%s%s\n", warning ? "" : "note: ", note.c_str());
  }
  if (!outcome->message.empty() && interactive_) {
    std::fprintf(out_, "%s\n", outcome->message.c_str());
  }
  if (outcome->table) print_table(*outcome->table);
  if (outcome->query) ok = run_query(*outcome->query, name, line);
  if (timer_) {
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    std::fprintf(out_, "Run Time: %.3f s\n", elapsed.count());
  }
  std::fflush(out_);
  return ok;
}

bool Shell::run_query(Query& query, const std::string& name, int line) {
  RunningQuery running(query);
  const auto started = std::chrono::steady_clock::now();
  bool insert = query.schema().size() == 0;
  const auto [columns, screen_rows] = terminal_size(out_);
  const bool terminal = columns > 0;
  const BoxLimits limits = box_limits();
  // Changes are streamed (changelog mode, and box / csv / jsonl of an append-only result) or
  // applied to the result table, which is shown as it changes (table mode on a terminal, and
  // box mode of an updating result there) or at the end (its final rows).
  const bool as_table =
      !insert && mode_ != Mode::Changelog && (mode_ == Mode::Table || query.is_updating());
  std::unique_ptr<Renderer> renderer;
  std::optional<ResultView> view;
  if (as_table) {
    const bool live = terminal && (mode_ == Mode::Table || mode_ == Mode::Box);
    view.emplace(query.schema(), out_, live, screen_rows);
  } else if (!insert) {
    renderer = make_renderer(mode_, out_, limits);
    renderer->begin(query.schema(), query.is_updating() && mode_ != Mode::Changelog);
  }
  const auto [err_columns, err_rows] = terminal_size(err_);
  (void)err_rows;
  StatusLine status(err_, err_columns > 0, err_columns);
  bool header_shown = false;
  Chunk chunk;
  std::optional<Error> failure;
  uint64_t failed_checkpoints = 0;
  while (true) {
    auto polled = query.poll(chunk, std::chrono::milliseconds(100));
    // poll() returns after every checkpoint: the first failure is reported when it happens
    // (and the count at the end).
    if (CheckpointProgress progress = query.stats().checkpoints;
        progress.failed > 0 && failed_checkpoints == 0) {
      failed_checkpoints = progress.failed;
      status.clear();
      std::fprintf(err_, "warning: a checkpoint failed (the query keeps running): %s\n",
                   progress.last_error.c_str());
    }
    if (!polled) {
      if (polled.error().kind != Error::Kind::Cancelled) failure = polled.error();
      break;
    }
    if (polled.value() == PollStatus::Finished) break;
    if (polled.value() == PollStatus::Rows && chunk.size() > 0) {
      if (view) {
        view->apply(chunk);
      } else if (renderer) {
        status.clear();
        renderer->rows(chunk);
        header_shown = true;
      }
    }
    if (view && view->redraw_due()) {
      status.clear();
      view->redraw(limits);
    }
    // A continuous query shows its header at once, not with its first rows.
    if (renderer && !header_shown && terminal &&
        std::chrono::steady_clock::now() - started >= kHeaderDelay) {
      status.clear();
      renderer->show_header();
      header_shown = true;
    }
    status.update(query.stats());
  }
  status.clear();
  // A cancelled query shows its table as of then.
  if (view) view->finish(mode_ == Mode::Table ? Mode::Box : mode_, limits);
  if (renderer) renderer->end();
  std::fflush(out_);
  // Rows that never reached the result are never dropped silently (DESIGN.md §2).
  const QueryStats stats = query.stats();
  if (stats.late_rows > 0)
    std::fprintf(err_,
                 "note: %llu late row%s left out of the result (behind the watermark, for a "
                 "window, session, timeout or sort that had already emitted)\n",
                 static_cast<unsigned long long>(stats.late_rows), stats.late_rows == 1 ? "" : "s");
  if (stats.skipped_rows > 0)
    std::fprintf(err_, "note: %llu malformed record%s skipped\n",
                 static_cast<unsigned long long>(stats.skipped_rows),
                 stats.skipped_rows == 1 ? "" : "s");
  if (stats.checkpoints.failed > 0)
    std::fprintf(err_, "warning: %llu checkpoint%s failed in all\n",
                 static_cast<unsigned long long>(stats.checkpoints.failed),
                 stats.checkpoints.failed == 1 ? "" : "s");
  if (failure) {
    report(*failure, name, line);
    return false;
  }
  if (query.cancelled()) {
    interrupted_ = true;
    if (interactive_) std::fprintf(err_, "Query cancelled.\n");
    return false;
  }
  if (insert && interactive_) {
    uint64_t rows = query.stats().rows_out;
    std::fprintf(out_, "%llu row%s inserted.\n", static_cast<unsigned long long>(rows),
                 rows == 1 ? "" : "s");
  }
  return true;
}

void Shell::report(const Error& error, const std::string& name, int fallback_line) {
  std::string text = "error: ";
  if (error.line > 0) {
    // Interactively the snippet shows where; in a script the position names file, line, column.
    if (!name.empty()) {
      text += fmt::format("{}:{}:", name, error.line);
      if (error.column > 0) text += fmt::format("{}:", error.column);
      text += ' ';
    }
  } else if (!name.empty() && fallback_line > 0) {
    text += fmt::format("{}:{}: ", name, fallback_line);
  }
  text += error.message;
  text += '\n';
  if (error.line > 0 && !error.snippet.empty()) {
    text += error.snippet;
    if (text.back() != '\n') text += '\n';
  }
  // Results already printed must come before the error when both streams go to one place.
  std::fflush(out_);
  std::fflush(stdout);
  std::fputs(text.c_str(), err_);
  std::fflush(err_);
}

Status Shell::set_output(const std::string& path) {
  std::FILE* next = stdout;
  if (!path.empty()) {
    next = std::fopen(path.c_str(), "w");
    if (!next) {
      return shell_error(fmt::format(".output: cannot open '{}': {}", path, std::strerror(errno)));
    }
  }
  if (out_ != stdout) std::fclose(out_);
  out_ = next;
  engine_.set_print_output(out_);
  return Status::ok();
}

Status Shell::read_file(const std::string& path) {
  if (read_depth_ >= kMaxReadDepth) {
    return shell_error(
        fmt::format(".read: '{}': scripts nested more than {} deep", path, kMaxReadDepth));
  }
  std::string other;
  std::string resolved = resolve_path(path, other);
  std::FILE* in = std::fopen(resolved.c_str(), "r");
  if (!in) {
    std::string also = other.empty() ? "" : fmt::format(" (nor '{}', beside the script)", other);
    return shell_error(
        fmt::format(".read: cannot open '{}': {}{}", path, std::strerror(errno), also));
  }
  ++read_depth_;
  bool ok = run_script_file(in, resolved);
  --read_depth_;
  std::fclose(in);
  if (ok) return Status::ok();
  return shell_error("");  // reported with the file's own name
}

namespace {

struct Relation {
  std::string name;
  bool view = false;
};

// The streams, then the views, each in name order.
Result<std::vector<Relation>> relations(Engine& engine) {
  std::vector<Relation> out;
  for (bool view : {false, true}) {
    auto shown = engine.execute(view ? "SHOW VIEWS" : "SHOW STREAMS");
    if (!shown) return shown.error();
    if (!shown->table) continue;
    for (size_t r = 0; r < shown->table->rows.size(); ++r)
      out.push_back({cell(*shown->table, r, "name"), view});
  }
  return out;
}

// SQL LIKE, case-insensitive: % any run of characters, _ one character.
bool like(std::string_view text, std::string_view pattern) {
  if (pattern.empty()) return text.empty();
  if (pattern[0] == '%') {
    for (size_t skip = 0; skip <= text.size(); ++skip)
      if (like(text.substr(skip), pattern.substr(1))) return true;
    return false;
  }
  if (text.empty()) return false;
  bool same = pattern[0] == '_' || std::tolower(static_cast<unsigned char>(pattern[0])) ==
                                       std::tolower(static_cast<unsigned char>(text[0]));
  return same && like(text.substr(1), pattern.substr(1));
}

}  // namespace

Status Shell::show_schema(const std::string& name) {
  auto all = relations(engine_);
  if (!all) return all.error();
  std::string text;
  bool found = false;
  for (const Relation& relation : all.value()) {
    if (!name.empty() && strcasecmp(relation.name.c_str(), name.c_str()) != 0) continue;
    found = true;
    auto shown = engine_.execute(fmt::format("SHOW CREATE {} {}", relation.view ? "VIEW" : "STREAM",
                                             quote_identifier(relation.name)));
    if (!shown) return shown.error();
    if (shown->table && !shown->table->rows.empty())
      text += cell(*shown->table, 0, "statement") + ";\n";
  }
  if (!name.empty() && !found) {
    // DESCRIBE reports the unknown name, with its did-you-mean.
    auto described = engine_.execute("DESCRIBE " + quote_identifier(name));
    Error error = described ? shell_error(fmt::format("unknown stream or view '{}'", name))
                            : described.error();
    error.line = error.column = 0;
    error.snippet.clear();
    error.message = ".schema: " + error.message;
    return error;
  }
  std::fputs(text.c_str(), out_);
  std::fflush(out_);
  return Status::ok();
}

Status Shell::show_tables(const std::string& pattern) {
  auto all = relations(engine_);
  if (!all) return all.error();
  std::string text;
  for (const Relation& relation : all.value())
    if (pattern.empty() || like(relation.name, pattern)) text += relation.name + "\n";
  std::fputs(text.c_str(), out_);
  std::fflush(out_);
  return Status::ok();
}

}  // namespace eddy::shell
