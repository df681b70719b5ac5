// eddy_sqltest: runs SQL logic test files (in the spirit of sqllogictest, DuckDB and Materialize)
// against eddy::Engine. Usage: eddy_sqltest [--batch-size N] [--keep-temp] FILE.test...
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
//   query [rowsort]
//   <SQL>
//   ----
//   <expected rows>       The last statement's rows (a query's changes, or SHOW/DESCRIBE/EXPLAIN
//                         rows) must equal the expected lines, in order; with `rowsort` both
//                         sides are sorted first. Nothing after ---- means no rows.
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
// directory for a look); the exit status is non-zero if any file failed. New record kinds
// (stream commands: watermarks, processing time, checkpoint, restart) are entries in the
// `kDirectives` table.
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/clock.h"
#include "eddy/engine.h"
#include "runtime/batch.h"
#include "runtime/text_format.h"

namespace fs = std::filesystem;

namespace {

struct Options {
  size_t batch_size = 0;  // 0: the engine's default
  bool keep_temp = false;
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

void append_cell(std::string& out, const eddy::Column& column, size_t row) {
  if (column.is_null(row) || column.type.id == eddy::TypeId::Null) {
    out += "NULL";
  } else if (column.type.id == eddy::TypeId::String) {
    append_test_text(out, column.strings[row]);
  } else if (column.type.id == eddy::TypeId::Boolean) {
    out += column.ints[row] ? "true" : "false";
  } else {
    eddy::append_display_text(out, column, row);
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

void collect_query(eddy::Query& query, SqlResult& result) {
  result.rows.clear();
  bool updating = query.is_updating();
  eddy::Chunk chunk;
  while (true) {
    auto more = query.fetch(chunk);
    if (!more) {
      result.error = more.error();
      return;
    }
    if (!more.value()) return;
    const eddy::Batch* batch = chunk.batch();
    if (!batch) continue;
    for (size_t r = 0; r < batch->size(); ++r) {
      std::string row;
      if (updating) row += eddy::row_kind_symbol(batch->kind(r));
      for (size_t c = 0; c < batch->columns.size(); ++c) {
        if (c > 0 || updating) row += '\t';
        append_cell(row, batch->columns[c], r);
      }
      result.rows.push_back(std::move(row));
    }
  }
}

SqlResult run_sql(eddy::Engine& engine, const std::string& sql) {
  SqlResult result;
  auto statements = engine.parse(sql);
  if (!statements) {
    result.error = statements.error();
    return result;
  }
  for (const eddy::Statement& statement : statements.value()) {
    auto outcome = engine.execute(statement);
    if (!outcome) {
      result.error = outcome.error();
      return result;
    }
    if (outcome->table) {
      result.rows.clear();
      for (const auto& values : outcome->table->rows) {
        std::string row;
        for (size_t c = 0; c < values.size(); ++c) {
          if (c > 0) row += '\t';
          append_value(row, values[c]);
        }
        result.rows.push_back(std::move(row));
      }
    }
    if (outcome->query) {
      collect_query(*outcome->query, result);
      if (result.error) return result;
    }
  }
  return result;
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

class Runner {
 public:
  Runner(std::string path, const Options& options) : path_(std::move(path)), options_(options) {}

  // Runs the file in a fresh temporary directory; returns true when every record passed.
  bool run();

  bool run_file(const Record& record);
  bool run_statement(const Record& record);
  bool run_query(const Record& record);
  bool run_halt(const Record& record);

 private:
  bool parse(std::vector<Record>& records);
  void reset_engine();
  bool fail(const Record& record, const std::string& message);
  static std::string join(const std::vector<std::string>& lines);

  std::string path_;
  Options options_;
  std::shared_ptr<eddy::ManualClock> clock_;
  std::unique_ptr<eddy::Engine> engine_;
  bool halted_ = false;
};

const Directive kDirectives[] = {
    {"file", false, &Runner::run_file},
    {"statement", false, &Runner::run_statement},
    {"query", true, &Runner::run_query},
    {"halt", false, &Runner::run_halt},
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
                << "' (expected file, statement, query or halt)\n";
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

void Runner::reset_engine() {
  eddy::EngineOptions options;
  if (options_.batch_size > 0) options.batch_size = options_.batch_size;
  clock_ = std::make_shared<eddy::ManualClock>(0);
  options.clock = clock_;
  engine_ = std::make_unique<eddy::Engine>(options);
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
  SqlResult result = run_sql(*engine_, sql);
  if (record.words[1] == "ok") {
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

bool Runner::run_query(const Record& record) {
  bool rowsort = record.words.size() > 1 && record.words[1] == "rowsort";
  if (record.words.size() > 2 || (record.words.size() == 2 && !rowsort)) {
    return fail(record, "usage: query [rowsort]");
  }
  if (!record.has_separator) return fail(record, "query without a ---- line before its rows");
  std::string sql = join(record.body);
  SqlResult result = run_sql(*engine_, sql);
  if (result.error) {
    return fail(record,
                "query failed:\n" + indent(sql) + "error:\n" + indent(result.error->to_string()));
  }
  std::vector<std::string> expected = record.result;
  std::vector<std::string> actual = result.rows;
  if (rowsort) {
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
  }
  if (expected != actual) {
    return fail(record, "wrong result" + std::string(rowsort ? " (rowsort)" : "") + ":\n" +
                            indent(sql) + diff(expected, actual));
  }
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

  std::string pattern = (fs::temp_directory_path() / "eddy-sqltest-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    std::cerr << "cannot create a temporary directory: " << std::strerror(errno) << "\n";
    return false;
  }
  fs::path previous = fs::current_path();
  fs::current_path(pattern);
  reset_engine();

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
  if (ok) std::cout << "ok " << path_ << " (" << passed << " records)\n";
  return ok;
}

int usage() {
  std::cerr << "usage: eddy_sqltest [--batch-size N] [--keep-temp] FILE.test...\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--batch-size" && i + 1 < argc) {
      char* end = nullptr;
      long long n = std::strtoll(argv[++i], &end, 10);
      if (*end != '\0' || n < 1) return usage();
      options.batch_size = static_cast<size_t>(n);
    } else if (arg == "--keep-temp") {
      options.keep_temp = true;
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
