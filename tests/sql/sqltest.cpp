// eddy_sqltest: runs SQL logic test files (in the spirit of sqllogictest, DuckDB and Materialize)
// against eddy::Engine. Usage: eddy_sqltest [--batch-size N] [--parallelism N] [--keep-temp]
// [--restart] FILE.test... (--parallelism N: as SET 'parallelism' = N for every engine).
//
// A test file is a sequence of records separated by blank lines. Lines starting with '#' are
// comments (except inside `file` contents and expected results). Records:
//
//   file NAME [crlf] [noeol]
//   <lines>               Writes the lines (up to the next blank line) to NAME in the test's
//                         working directory, a fresh temporary directory per test file, so that
//                         relative paths in CREATE STREAM ... WITH ('path' = 'NAME') find it.
//                         Each line ends in LF, or CR LF with `crlf`; `noeol` leaves the last
//                         line without its line end.
//
//   statement ok
//   <SQL>                 The statements (one or more, ';'-separated, any number of lines) must
//                         succeed. A query among them runs to the end; its rows are discarded.
//
//   statement error [TEXT]
//   <SQL>                 Parsing, executing or running the SQL must fail, with TEXT (if given)
//                         contained in the error's text.
//
//   query [rowsort] [checkpoint after N records]
//   <SQL>
//   ----
//   <expected rows>       The last statement's rows (a query's changes, or SHOW/DESCRIBE/EXPLAIN
//                         rows) must equal the expected lines, in order; with `rowsort` both
//                         sides are sorted first. Nothing after ---- means no rows.
//                         With `checkpoint after N records` (needs 'checkpoint.path' set) the
//                         query checkpoints after N input records and stops there, as if the
//                         process crashed: the expected rows are those up to the checkpoint
//                         (rows fetched after it are delivered again by the resume). Up to the
//                         checkpoint it runs row by row, so the cut does not depend on the batch
//                         size. After `restart` the same query resumes: its expected rows are
//                         the rest. (The runner can stop a query only when a fetch returns: an
//                         INSERT, or a query with results only at its end, runs to its end.)
//
//   restart               A new process: drops the engine and starts a new one (same options,
//                         same clock) that executes every statement that succeeded so far again
//                         — queries too (run to their end, rows discarded; one that checkpointed
//                         resumes from its final checkpoint and produces nothing), so each query
//                         keeps its job name in the checkpoint file. A query stopped by
//                         `checkpoint after` is not among them: the next query record resumes it.
//
//   advance processing time MS
//                         Moves the manual processing-time clock on by MS milliseconds.
//
//   halt                  Ignores the rest of the file (for debugging a test).
//
// Row format: one line per row, values separated by one tab. NULL is `NULL`, the empty string
// `(empty)`, booleans `true`/`false`, timestamps `YYYY-MM-DD HH:MM:SS.mmm`, decimals with their
// scale, doubles in shortest round-trip form, intervals as eddy displays them ("5 s"). Tabs,
// newlines and backslashes inside strings are written `\t`, `\n` and `\\`. An updating result
// (changelog) has the change kind first: `+I`, `-U`, `+U` or `-D`.
//
// Each file gets a fresh Engine with a manual processing-time clock starting at 0, so tests never
// depend on the wall clock. The runner stops a file at its first failing record and prints
// FILE:LINE of that record with the expected and actual text (--keep-temp keeps the working
// directory for a look); the exit status is non-zero if any file failed. New record kinds are
// entries in the `kDirectives` table.
//
// Restart mode (--restart): every query of a `query` or `statement ok` record (SELECT, INSERT)
// also runs with a crash and a resume at several points of its input: after record 1, about a
// third and two thirds of the records it reads in the normal run, and past the end. For a cut
// at record k, engine A (a fresh engine replaying the non-query statements executed so far,
// checkpointing to a fresh file every k records) runs the query row by row until a fetch
// returns after a checkpoint was taken, and is dropped; its rows up to the newest checkpoint
// are kept. Engine B (the same statements, the same checkpoint file, the file's batch size)
// resumes the query and its rows are appended. The rows (and the error, if the normal run
// failed) must be the normal run's, and every file in the working directory must end up as the
// normal run left it (file sinks). Inputs of over 500 records get no cut after record 1 (A would
// checkpoint after every record until its first result); an INSERT, whose fetch returns only at
// its end, runs once, checkpointing half-way. Queries of files that set 'checkpoint.path'
// themselves and queries stopped by `checkpoint after` run normally; the summary line counts
// the queries restarted and those that no cut could stop before their end.
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/clock.h"
#include "eddy/engine.h"
#include "examples/embed/count_with_timeout.h"

namespace fs = std::filesystem;

namespace {

struct Options {
  size_t batch_size = 0;    // 0: the engine's default
  std::string parallelism;  // 'parallelism' ("": the engine's default)
  bool keep_temp = false;
  bool restart = false;  // also run every query with a checkpoint + restart at several points
};

// One record: its header line split into words, its body lines (up to a blank line), and for
// directives with a result section, the lines after `----`.
struct Record {
  int line = 0;
  std::string header;
  std::vector<std::string> words;
  std::vector<std::string> body;
  std::vector<std::string> result;
  bool has_separator = false;
};

// ---------------------------------------------------------------------------------------------
// Value text

void append_test_text(std::string& out, std::string_view s) {
  if (s.empty()) {
    out += "(empty)";
    return;
  }
  for (char c : s) {
    switch (c) {
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        out += c;
    }
  }
}

void append_cell(std::string& out, const eddy::Chunk& chunk, size_t row, size_t col) {
  const eddy::TypeId type = chunk.schema()[col].type.id;
  if (type == eddy::TypeId::Null || chunk.is_null(row, col)) {
    out += "NULL";
  } else if (type == eddy::TypeId::String) {
    append_test_text(out, chunk.string_value(row, col));
  } else if (type == eddy::TypeId::Boolean) {
    out += chunk.int_value(row, col) ? "true" : "false";
  } else {
    chunk.append_text(out, row, col);
  }
}

void append_value(std::string& out, const eddy::Value& value) {
  if (value.is_null()) {
    out += "NULL";
  } else if (value.type().id == eddy::TypeId::String) {
    append_test_text(out, value.string_value());
  } else if (value.type().id == eddy::TypeId::Boolean) {
    out += value.bool_value() ? "true" : "false";
  } else {
    out += value.to_string();
  }
}

// ---------------------------------------------------------------------------------------------
// Running SQL

struct SqlResult {
  std::optional<eddy::Error> error;
  std::vector<std::string> rows;  // of the last statement that produced rows
};

void append_rows(const eddy::Chunk& chunk, bool updating, std::vector<std::string>& rows) {
  for (size_t r = 0; r < chunk.size(); ++r) {
    std::string row;
    if (updating) row += eddy::row_kind_symbol(chunk.kind(r));
    for (size_t c = 0; c < chunk.schema().size(); ++c) {
      if (c > 0 || updating) row += '\t';
      append_cell(row, chunk, r, c);
    }
    rows.push_back(std::move(row));
  }
}

// Fetches a query's changes into `result.rows` (after what is there) until it ends or fails, or
// with `stop_after` > 0 until it has taken a checkpoint after reading that many records (not
// the one a query with a sink takes before its first row). Returns true when it stopped there
// (the query is still running: the caller drops it, as a crash would).
bool collect_query(eddy::Query& query, SqlResult& result, uint64_t stop_after = 0) {
  bool updating = query.is_updating();
  eddy::Chunk chunk;
  while (true) {
    auto more = query.fetch(chunk);
    if (!more) {
      result.error = more.error();
      return false;
    }
    if (!more.value()) return false;
    append_rows(chunk, updating, result.rows);
    const eddy::CheckpointProgress progress = query.stats().checkpoints;
    if (stop_after > 0 && progress.taken >= 1 && progress.rows_in >= stop_after) return true;
  }
}

void table_rows(const eddy::Table& table, std::vector<std::string>& rows) {
  rows.clear();
  for (const auto& values : table.rows) {
    std::string row;
    for (size_t c = 0; c < values.size(); ++c) {
      if (c > 0) row += '\t';
      append_value(row, values[c]);
    }
    rows.push_back(std::move(row));
  }
}

// A statement the file's engine executed: replayed into a new engine by `restart` and by the
// restart mode.
struct Executed {
  std::string text;
  bool is_query = false;
};

// The files of the test's working directory (path -> contents), to put back the state a query
// started from and to compare what its sinks wrote.
using Snapshot = std::map<std::string, std::string>;

constexpr const char* kRestartDir = ".restart";  // checkpoint files of the restart mode
constexpr uint64_t kBigInput = 500;              // records: no cut after the first one

Snapshot snapshot_files() {
  Snapshot files;
  for (auto it = fs::recursive_directory_iterator("."); it != fs::recursive_directory_iterator();
       ++it) {
    if (it->is_directory() && it->path().filename() == kRestartDir) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    files[it->path().lexically_normal().string()] = text.str();
  }
  return files;
}

void restore_files(const Snapshot& wanted) {
  Snapshot now = snapshot_files();
  for (const auto& [path, text] : now)
    if (!wanted.count(path)) fs::remove(path);
  for (const auto& [path, text] : wanted) {
    auto it = now.find(path);
    if (it != now.end() && it->second == text) continue;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
  }
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// The runner

class Runner;
using Handler = bool (Runner::*)(const Record&);

struct Directive {
  const char* name;
  bool has_result;  // the body has a `----` section
  Handler handler;
};

// How a query record is to be run (the words after `query`).
struct QueryOptions {
  bool rowsort = false;
  uint64_t checkpoint_after = 0;  // > 0: stop at the first checkpoint after this many records
};

class Runner {
 public:
  Runner(std::string path, const Options& options) : path_(std::move(path)), options_(options) {}

  // Runs the file in a fresh temporary directory; returns true when every record passed.
  bool run();

  bool run_file(const Record& record);
  bool run_statement(const Record& record);
  bool run_query(const Record& record);
  bool run_restart(const Record& record);
  bool run_advance(const Record& record);
  bool run_halt(const Record& record);

 private:
  bool parse(std::vector<Record>& records);
  std::unique_ptr<eddy::Engine> new_engine(std::shared_ptr<eddy::ManualClock> clock) const;
  // Runs `sql` on the file's engine, recording what it executed. With `cut`, the last statement
  // (a query) stops at its first checkpoint after `cut` records and its rows are those up to it.
  // In restart mode each query (but a cut one) is also checked with restarts.
  SqlResult run_sql(const Record& record, const std::string& sql, bool rowsort, uint64_t cut,
                    bool& restart_failed);
  // Restart mode: runs the query `text` again with a crash at several points, each time in a
  // fresh engine replaying the first `executed` statements, and compares the rows (and error)
  // and the files written with the normal run's.
  bool check_restarts(const Record& record, const std::string& text, size_t executed,
                      const SqlResult& normal, uint64_t rows_in, bool insert,
                      const Snapshot& before, const Snapshot& after, bool rowsort);
  // A fresh engine (own manual clock at the file clock's time) with the non-query statements
  // among the first `executed` replayed, checkpointing to `checkpoint` every `cut` records (0:
  // only at the end).
  std::unique_ptr<eddy::Engine> replay_engine(size_t executed, const std::string& checkpoint,
                                              uint64_t cut, std::string& error) const;
  bool fail(const Record& record, const std::string& message);
  static std::string join(const std::vector<std::string>& lines);

  std::string path_;
  Options options_;
  std::shared_ptr<eddy::ManualClock> clock_;
  std::unique_ptr<eddy::Engine> engine_;
  bool calls_count_with_timeout_ = false;  // the file calls the process function
  std::vector<Executed> executed_;
  bool halted_ = false;
  size_t restarted_queries_ = 0;  // restart mode: queries crashed and resumed at least once
  size_t restart_runs_ = 0;       // ...the crash + resume runs that took
  // Queries that returned nothing before their end, so no cut could stop them mid-way: INSERT
  // INTO (fetch returns only at the end), results all at the end of input.
  size_t uncut_queries_ = 0;
  size_t checkpoint_files_ = 0;  // names the checkpoint file of each of those runs
};

const Directive kDirectives[] = {
    {"file", false, &Runner::run_file},       {"statement", false, &Runner::run_statement},
    {"query", true, &Runner::run_query},      {"restart", false, &Runner::run_restart},
    {"advance", false, &Runner::run_advance}, {"halt", false, &Runner::run_halt},
};

const Directive* find_directive(const std::string& name) {
  for (const Directive& directive : kDirectives) {
    if (name == directive.name) return &directive;
  }
  return nullptr;
}

std::vector<std::string> split_words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

bool is_blank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

std::string Runner::join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) {
    text += line;
    text += '\n';
  }
  return text;
}

bool Runner::parse(std::vector<Record>& records) {
  std::ifstream in(path_);
  if (!in) {
    std::cerr << path_ << ": cannot open: " << std::strerror(errno) << "\n";
    return false;
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  size_t i = 0;
  while (i < lines.size()) {
    if (is_blank(lines[i]) || lines[i][0] == '#') {
      ++i;
      continue;
    }
    Record record;
    record.line = static_cast<int>(i + 1);
    record.header = lines[i];
    record.words = split_words(lines[i]);
    const Directive* directive = find_directive(record.words[0]);
    if (!directive) {
      std::cerr << path_ << ":" << record.line << ": unknown record '" << record.words[0]
                << "' (expected file, statement, query, restart, advance or halt)\n";
      return false;
    }
    bool raw = record.words[0] == "file";  // file contents are data, not comments
    bool in_result = false;
    for (++i; i < lines.size() && !is_blank(lines[i]); ++i) {
      const std::string& line = lines[i];
      if (directive->has_result && !in_result && line == "----") {
        in_result = record.has_separator = true;
      } else if (in_result) {
        record.result.push_back(line);
      } else if (raw || line[0] != '#') {
        record.body.push_back(line);
      }
    }
    records.push_back(std::move(record));
  }
  return true;
}

std::unique_ptr<eddy::Engine> Runner::new_engine(std::shared_ptr<eddy::ManualClock> clock) const {
  eddy::EngineOptions options;
  if (options_.batch_size > 0) options.batch_size = options_.batch_size;
  if (!options_.parallelism.empty()) options.settings["parallelism"] = options_.parallelism;
  options.clock = std::move(clock);
  auto engine = std::make_unique<eddy::Engine>(options);
  if (!calls_count_with_timeout_) return engine;
  // A C++ process function for the files that call it (and only those: SHOW FUNCTIONS), the
  // embedding example's, which gives GROUP BY k TIMEOUT INTERVAL ... KEEP STATE's rows.
  eddy::Status registered = engine->register_function(
      "count_with_timeout",
      eddy::ProcessFunctionSpec{{{"cnt", eddy::Type::int64(), false}},
                                {eddy::Type::interval()},
                                [] { return std::make_unique<CountWithTimeout>(); }});
  if (!registered) std::cerr << registered.error().to_string() << "\n";
  return engine;
}

bool Runner::fail(const Record& record, const std::string& message) {
  std::cerr << "FAIL " << path_ << ":" << record.line << ": " << message;
  if (message.empty() || message.back() != '\n') std::cerr << "\n";
  return false;
}

std::string indent(const std::string& text, const char* prefix = "    ") {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    out += prefix;
    out.append(text, start, nl - start);
    out += '\n';
    start = nl + 1;
  }
  return out;
}

// Lines of a unified-style diff between expected and actual rows (longest common subsequence).
std::string diff(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  size_t n = expected.size(), m = actual.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] =
          expected[i] == actual[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::string out = "    --- expected\n    +++ actual\n";
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] == actual[j]) {
      out += "     " + expected[i++] + "\n";
      ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
      out += "    +" + actual[j++] + "\n";
    } else {
      out += "    -" + expected[i++] + "\n";
    }
  }
  return out;
}

SqlResult Runner::run_sql(const Record& record, const std::string& sql, bool rowsort, uint64_t cut,
                          bool& restart_failed) {
  SqlResult result;
  auto statements = engine_->parse(sql);
  if (!statements) {
    result.error = statements.error();
    return result;
  }
  const size_t count = statements.value().size();
  for (size_t i = 0; i < count; ++i) {
    const eddy::Statement& statement = statements.value()[i];
    const bool cut_here = cut > 0 && i + 1 == count && statement.is_query;
    // Restart mode checks queries of files that do not checkpoint themselves.
    const bool restart = options_.restart && statement.is_query && cut == 0 &&
                         engine_->setting("checkpoint.path").empty();
    Snapshot before;
    if (restart) before = snapshot_files();
    std::string batch_size = engine_->setting("execution.batch-size");
    if (cut_here) {
      // Up to its checkpoint the query runs row by row, so that the cut falls after exactly
      // `cut` records whatever the file's batch size (the resumed rest runs at that size).
      (void)engine_->set("checkpoint.interval", std::to_string(cut) + " records");
      (void)engine_->set("execution.batch-size", "1");
    }
    auto outcome = engine_->execute(statement);
    if (cut_here) {
      (void)engine_->set("checkpoint.interval", "0");
      (void)engine_->set("execution.batch-size", batch_size);
    }
    if (!outcome) {
      result.error = outcome.error();
      return result;
    }
    // A query stopped at a checkpoint is not done: the next engine runs (resumes) it again.
    if (!cut_here) executed_.push_back({statement.text, statement.is_query});
    if (outcome->table) table_rows(*outcome->table, result.rows);
    if (!outcome->query) continue;
    result.rows.clear();
    if (cut_here) {
      if (collect_query(*outcome->query, result, cut)) {
        // At-least-once: rows after the checkpoint would be delivered again by the resume.
        // (An INSERT's changes went to its sink, which the resume rolls back itself.)
        if (outcome->query->schema().size() > 0)
          result.rows.resize(outcome->query->stats().checkpoints.rows_out);
      }
      return result;
    }
    collect_query(*outcome->query, result);
    if (restart && !restart_failed) {
      uint64_t rows_in = outcome->query->stats().rows_in;
      bool insert = outcome->query->schema().size() == 0;
      outcome->query.reset();
      Snapshot after = snapshot_files();
      if (!check_restarts(record, statement.text, executed_.size() - 1, result, rows_in, insert,
                          before, after, rowsort)) {
        restart_failed = true;
      }
    }
    if (result.error) return result;
  }
  return result;
}

std::unique_ptr<eddy::Engine> Runner::replay_engine(size_t executed, const std::string& checkpoint,
                                                    uint64_t cut, std::string& error) const {
  auto engine = new_engine(std::make_shared<eddy::ManualClock>(clock_->now()));
  // The 'print' sink of a run that is cut would print its rows twice.
  static std::FILE* const devnull = std::fopen("/dev/null", "w");
  if (devnull) engine->set_print_output(devnull);
  for (size_t i = 0; i < executed; ++i) {
    // Queries are not run again: their sinks' files are on disk as the file left them.
    if (executed_[i].is_query) continue;
    auto statements = engine->parse(executed_[i].text);
    auto outcome = statements ? engine->execute(statements.value().at(0))
                              : eddy::Result<eddy::Outcome>(statements.error());
    if (!outcome) {
      error = "replaying '" + executed_[i].text + "' failed: " + outcome.error().to_string();
      return nullptr;
    }
  }
  (void)engine->set("checkpoint.path", checkpoint);
  (void)engine->set("checkpoint.interval", cut > 0 ? std::to_string(cut) + " records" : "0");
  return engine;
}

bool Runner::check_restarts(const Record& record, const std::string& text, size_t executed,
                            const SqlResult& normal, uint64_t rows_in, bool insert,
                            const Snapshot& before, const Snapshot& after, bool rowsort) {
  // Cuts after the first record, about a third and two thirds of the input, and past its end
  // (the checkpoint at the end: the resumed query must produce nothing more).
  std::vector<uint64_t> cuts = {1, rows_in / 3, rows_in * 2 / 3, rows_in + 1};
  // A checkpoint every k records until the first result is fetched: with k = 1 over a big
  // input whose results come late, thousands of checkpoints. Big inputs skip that cut.
  if (rows_in > kBigInput) cuts.erase(cuts.begin());
  // An INSERT's fetch returns only at its end, so no checkpoint can stop it mid-way: one run
  // that commits its sink half-way and at the end checks that committing changes nothing.
  if (insert) cuts = {std::max<uint64_t>(1, rows_in / 2)};
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  if (cuts.front() == 0) cuts.erase(cuts.begin());
  fs::create_directories(kRestartDir);
  bool any_crash = false;
  auto failure = [&](uint64_t cut, const std::string& what) {
    return fail(record, "restart mode, checkpoint after " + std::to_string(cut) + " of " +
                            std::to_string(rows_in) + " records: " + what + "\n" + indent(text));
  };
  for (uint64_t cut : cuts) {
    restore_files(before);
    std::string checkpoint =
        (fs::path(kRestartDir) / ("cut" + std::to_string(++checkpoint_files_) + ".db")).string();
    std::string error;
    SqlResult combined;
    bool crashed = false;
    {
      // Engine A: runs row by row until its first checkpoint, then "crashes".
      auto engine = replay_engine(executed, checkpoint, cut, error);
      if (!engine) return failure(cut, error);
      (void)engine->set("execution.batch-size", "1");
      auto statements = engine->parse(text);
      if (!statements) return failure(cut, statements.error().to_string());
      auto outcome = engine->execute(statements.value().at(0));
      if (!outcome)
        return failure(cut, "starting the query failed: " + outcome.error().to_string());
      crashed = collect_query(*outcome->query, combined, cut);
      eddy::QueryStats stats = outcome->query->stats();
      if (stats.checkpoints.failed > 0)
        return failure(cut, "a checkpoint failed: " + stats.checkpoints.last_error);
      if (crashed && outcome->query->schema().size() > 0)
        combined.rows.resize(stats.checkpoints.rows_out);
    }
    if (crashed) {
      // Engine B: a new process with the same statements and checkpoint file resumes the query
      // (and checkpoints only at its end: one per k records would cost more than the test).
      auto engine = replay_engine(executed, checkpoint, 0, error);
      if (!engine) return failure(cut, error);
      auto statements = engine->parse(text);
      if (!statements) return failure(cut, statements.error().to_string());
      auto outcome = engine->execute(statements.value().at(0));
      if (!outcome)
        return failure(cut, "resuming the query failed: " + outcome.error().to_string());
      if (outcome->query->stats().checkpoints.resumed_from == 0)
        return failure(cut, "the query did not resume from its checkpoint");
      collect_query(*outcome->query, combined);
    }
    if (crashed) ++restart_runs_;
    any_crash = any_crash || crashed;
    std::string normal_error = normal.error ? normal.error->to_string() : "";
    std::string error_after = combined.error ? combined.error->to_string() : "";
    if (normal_error != error_after) {
      return failure(
          cut,
          "the error differs:\n    normal run: " + (normal_error.empty() ? "none" : normal_error) +
              "\n    with a restart: " + (error_after.empty() ? "none" : error_after));
    }
    std::vector<std::string> expected = normal.rows, actual = combined.rows;
    if (rowsort) {
      std::sort(expected.begin(), expected.end());
      std::sort(actual.begin(), actual.end());
    }
    if (expected != actual) {
      return failure(cut,
                     "rows before the checkpoint + rows of the resumed query differ from a "
                     "normal run's (expected):\n" +
                         diff(expected, actual));
    }
    Snapshot files = snapshot_files();
    for (const auto& [path, contents] : after) {
      auto it = files.find(path);
      std::string now = it == files.end() ? std::string() : it->second;
      if (now != contents) {
        return failure(cut, path + " differs from a normal run's (expected):\n" +
                                diff(split_lines(contents), split_lines(now)));
      }
    }
    fs::remove_all(kRestartDir);
    fs::create_directories(kRestartDir);
    // Nothing came out before the end at this cut: a later one would run the same way.
    if (!crashed) break;
  }
  restore_files(after);
  ++(any_crash ? restarted_queries_ : uncut_queries_);
  return true;
}

bool Runner::run_file(const Record& record) {
  bool crlf = false, noeol = false;
  for (size_t i = 2; i < record.words.size(); ++i) {
    if (record.words[i] == "crlf") {
      crlf = true;
    } else if (record.words[i] == "noeol") {
      noeol = true;
    } else {
      return fail(record, "usage: file NAME [crlf] [noeol]");
    }
  }
  if (record.words.size() < 2) return fail(record, "usage: file NAME [crlf] [noeol]");
  fs::path path = record.words[1];
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::string text;
  for (size_t i = 0; i < record.body.size(); ++i) {
    text += record.body[i];
    if (noeol && i + 1 == record.body.size()) break;
    text += crlf ? "\r\n" : "\n";
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) return fail(record, "cannot write " + path.string());
  return true;
}

bool Runner::run_statement(const Record& record) {
  if (record.words.size() < 2 || (record.words[1] != "ok" && record.words[1] != "error")) {
    return fail(record, "usage: statement ok | statement error [TEXT]");
  }
  std::string sql = join(record.body);
  bool ok = record.words[1] == "ok";
  bool restart_failed = false;
  // Only `statement ok` queries are checked with restarts: an expected error is checked once.
  Options saved = options_;
  if (!ok) options_.restart = false;
  SqlResult result = run_sql(record, sql, false, 0, restart_failed);
  options_ = saved;
  if (restart_failed) return false;
  if (ok) {
    if (result.error) {
      return fail(record, "statement failed:\n" + indent(sql) + "error:\n" +
                              indent(result.error->to_string()));
    }
    return true;
  }
  // The expected text is the rest of the header line after "statement error", as written.
  std::string expected = record.header.substr(record.header.find("error") + 5);
  expected.erase(0, expected.find_first_not_of(" \t"));
  expected.erase(expected.find_last_not_of(" \t") + 1);
  if (!result.error) {
    return fail(record, "statement succeeded but an error was expected:\n" + indent(sql));
  }
  std::string text = result.error->to_string();
  if (!expected.empty() && text.find(expected) == std::string::npos &&
      result.error->message.find(expected) == std::string::npos) {
    return fail(record, "error does not contain '" + expected + "':\n" + indent(sql) + "error:\n" +
                            indent(text));
  }
  return true;
}

// Files run at several parallelisms with one expected text: EXPLAIN's keyed operators show
// theirs ("  parallelism: 2 instances, ...", operators/keyed_exchange.h) only where the expected
// rows do (a file that sets 'parallelism' itself, e.g. aggregate/parallel.test).
void strip_parallelism(const std::vector<std::string>& expected, std::vector<std::string>& actual) {
  for (const std::string& line : expected)
    if (line.find("  parallelism: ") != std::string::npos) return;
  static const std::regex property("  parallelism: [0-9]+ instances, rows routed by key group");
  for (std::string& line : actual) line = std::regex_replace(line, property, "");
}

// query [rowsort] [checkpoint after N records]
bool parse_query_options(const std::vector<std::string>& words, QueryOptions& options) {
  size_t i = 1;
  if (i < words.size() && words[i] == "rowsort") options.rowsort = true, ++i;
  if (i < words.size()) {
    if (i + 4 != words.size() || words[i] != "checkpoint" || words[i + 1] != "after" ||
        words[i + 3] != "records") {
      return false;
    }
    char* end = nullptr;
    long long n = std::strtoll(words[i + 2].c_str(), &end, 10);
    if (*end != '\0' || n < 1) return false;
    options.checkpoint_after = static_cast<uint64_t>(n);
  }
  return true;
}

bool Runner::run_query(const Record& record) {
  QueryOptions query_options;
  if (!parse_query_options(record.words, query_options)) {
    return fail(record, "usage: query [rowsort] [checkpoint after N records]");
  }
  if (!record.has_separator) return fail(record, "query without a ---- line before its rows");
  if (query_options.checkpoint_after > 0 && engine_->setting("checkpoint.path").empty()) {
    return fail(record, "checkpoint after N records: SET 'checkpoint.path' first");
  }
  std::string sql = join(record.body);
  bool restart_failed = false;
  SqlResult result =
      run_sql(record, sql, query_options.rowsort, query_options.checkpoint_after, restart_failed);
  if (restart_failed) return false;
  if (result.error) {
    return fail(record,
                "query failed:\n" + indent(sql) + "error:\n" + indent(result.error->to_string()));
  }
  std::vector<std::string> expected = record.result;
  std::vector<std::string> actual = result.rows;
  strip_parallelism(expected, actual);
  if (query_options.rowsort) {
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
  }
  if (expected != actual) {
    return fail(record, "wrong result" + std::string(query_options.rowsort ? " (rowsort)" : "") +
                            ":\n" + indent(sql) + diff(expected, actual));
  }
  return true;
}

// A new process: a new engine (on the same clock) runs every statement executed so far again,
// queries included: those that checkpointed resume from their final checkpoint and produce
// nothing, and the queries of the file keep their job names ("1", "2", ...).
bool Runner::run_restart(const Record& record) {
  if (record.words.size() != 1) return fail(record, "usage: restart");
  engine_.reset();
  engine_ = new_engine(clock_);
  for (const Executed& executed : executed_) {
    auto statements = engine_->parse(executed.text);
    if (!statements) return fail(record, "replaying failed: " + statements.error().to_string());
    auto outcome = engine_->execute(statements.value().at(0));
    if (!outcome) {
      return fail(record, "replaying failed:\n" + indent(executed.text) + "error:\n" +
                              indent(outcome.error().to_string()));
    }
    // A replayed query's rows were checked before; an error it meets again is its own business.
    if (outcome->query) (void)outcome->query->run(nullptr);
  }
  return true;
}

// advance processing time MS
bool Runner::run_advance(const Record& record) {
  const auto& words = record.words;
  char* end = nullptr;
  long long ms = words.size() == 4 ? std::strtoll(words[3].c_str(), &end, 10) : -1;
  if (words.size() != 4 || words[1] != "processing" || words[2] != "time" || *end != '\0' ||
      ms < 0) {
    return fail(record, "usage: advance processing time MS");
  }
  clock_->advance(ms);
  return true;
}

bool Runner::run_halt(const Record&) {
  halted_ = true;
  return true;
}

bool Runner::run() {
  path_ = fs::absolute(path_).lexically_normal().string();
  std::vector<Record> records;
  if (!parse(records)) return false;
  for (const Record& record : records)
    for (const std::string& line : record.body)
      calls_count_with_timeout_ |= line.find("count_with_timeout(") != std::string::npos;

  std::string pattern = (fs::temp_directory_path() / "eddy-sqltest-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    std::cerr << "cannot create a temporary directory: " << std::strerror(errno) << "\n";
    return false;
  }
  fs::path previous = fs::current_path();
  fs::current_path(pattern);
  clock_ = std::make_shared<eddy::ManualClock>(0);
  engine_ = new_engine(clock_);

  bool ok = true;
  size_t passed = 0;
  for (const Record& record : records) {
    const Directive* directive = find_directive(record.words[0]);
    if (!(this->*directive->handler)(record)) {
      ok = false;
      break;
    }
    ++passed;
    if (halted_) break;
  }

  engine_.reset();
  fs::current_path(previous);
  if (options_.keep_temp) {
    std::cerr << "working directory kept: " << pattern << "\n";
  } else {
    fs::remove_all(pattern);
  }
  if (ok) {
    std::cout << "ok " << path_ << " (" << passed << " records";
    if (options_.restart)
      std::cout << "; " << restarted_queries_ << " queries restarted (" << restart_runs_
                << " crash + resume runs), " << uncut_queries_
                << " ran to their end before a checkpoint could stop them";
    std::cout << ")\n";
  }
  return ok;
}

int usage() {
  std::cerr << "usage: eddy_sqltest [--batch-size N] [--parallelism N] [--keep-temp] [--restart] "
               "FILE.test...\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  // Keyed operators' instances run on the exchange's workers however small the call (the files'
  // inputs are small): the threads are what the parallel runs are for.
  setenv("EDDY_EXCHANGE_WORKER_ROWS", "0", 0);
  Options options;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--batch-size" && i + 1 < argc) {
      char* end = nullptr;
      long long n = std::strtoll(argv[++i], &end, 10);
      if (*end != '\0' || n < 1) return usage();
      options.batch_size = static_cast<size_t>(n);
    } else if (arg == "--parallelism" && i + 1 < argc) {
      options.parallelism = argv[++i];
    } else if (arg == "--keep-temp") {
      options.keep_temp = true;
    } else if (arg == "--restart") {
      options.restart = true;
    } else if (arg.starts_with("-")) {
      return usage();
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) return usage();
  bool ok = true;
  for (const std::string& file : files) ok = Runner(file, options).run() && ok;
  return ok ? 0 : 1;
}
