// The shell: reads scripts or interactive input, hands statements to eddy::Engine, and prints what
// they produce. It is purely a client of the embedding API: statements are split and understood
// by Engine::parse, run by Engine::execute; the shell only accumulates input lines, dispatches
// dot-commands and renders results.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/engine.h"
#include "renderer.h"
#include "statement_buffer.h"

namespace eddy::shell {

// Where input lines come from: a file, a string, or the line editor.
class LineSource {
 public:
  enum class Status { Line, End, Interrupted };
  virtual ~LineSource() = default;
  // `continuation`: a statement is pending (the line editor shows the continuation prompt).
  virtual Status next(std::string& line, bool continuation) = 0;
};

class Shell {
 public:
  struct Options {
    Mode mode = Mode::Box;
    // Interactive: messages ("Stream 's' created.") are printed, errors do not end the session,
    // line numbers in errors are relative to the statement being entered.
    bool interactive = false;
  };

  Shell(Engine& engine, Options options, std::FILE* err = stderr);
  ~Shell();
  Shell(const Shell&) = delete;
  Shell& operator=(const Shell&) = delete;

  // Scripts run until their first error, which is reported on stderr as `error: NAME:LINE: ...`;
  // they return false then (or when interrupted, or on a .quit).
  bool run_file(const std::string& path);
  bool run_text(std::string_view text, const std::string& name);
  bool run_stream(std::FILE* in, const std::string& name);
  // The interactive loop: errors are reported and the session goes on until end of input.
  void run_interactive(LineSource& lines);

  // Ctrl-C stopped a script (not counted as an error; the process exits 130).
  bool interrupted() const { return interrupted_; }
  bool quit_requested() const { return quit_; }

  // --- used by the dot-commands ---
  Mode mode() const { return mode_; }
  void set_mode(Mode mode) { mode_ = mode; }
  bool timer() const { return timer_; }
  void set_timer(bool on) { timer_ = on; }
  // .maxwidth / .maxrows: limits of box output; nullopt: the default (the terminal's width and
  // 40 rows when the output is a terminal, no limit otherwise); 0: no limit.
  void set_max_width(std::optional<size_t> width) { max_width_ = width; }
  void set_max_rows(std::optional<size_t> rows) { max_rows_ = rows; }
  // The limits in force for the current output.
  BoxLimits box_limits() const;
  // Sends results (and the print connector) to `path`; "" means stdout.
  Status set_output(const std::string& path);
  std::FILE* out() const { return out_; }
  // Runs a script file from a dot-command; its errors are reported with its own name (then the
  // returned Error has an empty message). Not finding the file is an error to report.
  Status read_file(const std::string& path);
  // CREATE statements that recreate every stream and view (or `name`), as SHOW CREATE gives them.
  Status show_schema(const std::string& name);
  // The names of the streams and views (those matching the LIKE `pattern`), as sqlite3's .tables.
  Status show_tables(const std::string& pattern);
  void quit() { quit_ = true; }
  Engine& engine() { return engine_; }

 private:
  // Runs the opened script file `path` with its folder as the base directory.
  bool run_script_file(std::FILE* in, const std::string& path);
  // `path` as given, or beside the script being run when only that exists. When neither exists
  // `other` gets the path beside the script (for the error).
  std::string resolve_path(const std::string& path, std::string& other) const;
  // Runs lines until end of input; stops at the first error unless `keep_going`.
  bool run_lines(LineSource& lines, const std::string& name, bool keep_going);
  bool dispatch_dot_command(const std::string& line, const std::string& name, int line_number);
  bool execute_text(const PendingText& pending, const std::string& name);
  bool execute_statement(const Statement& statement, const PendingText& pending,
                         const std::string& name);
  bool run_query(Query& query, const std::string& name, int line);
  // Prints a SHOW / DESCRIBE / EXPLAIN table in the current mode.
  void print_table(const Table& table);
  // Prints `error: NAME:LINE[:COL]: message` (+ snippet) on stderr.
  void report(const Error& error, const std::string& name, int fallback_line);
  // Maps an error positioned in a padded statement back to the script.
  Error locate(Error error, const PendingText& pending) const;

  Engine& engine_;
  std::FILE* err_;
  std::FILE* out_ = stdout;
  Mode mode_;
  bool interactive_;
  bool timer_ = false;
  std::optional<size_t> max_width_;
  std::optional<size_t> max_rows_;
  bool quit_ = false;
  bool interrupted_ = false;
  int read_depth_ = 0;
  // The folder of the script being run ("" for -c, stdin and the prompt): relative paths that
  // do not exist relative to the working directory are taken relative to it (Statement::
  // base_directory, and .read).
  std::string base_directory_;
};

}  // namespace eddy::shell
