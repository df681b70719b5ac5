#include "help.h"

#include <cctype>

#include <fmt/format.h>

#include "dot_commands.h"

namespace eddy::shell {

namespace {

struct Topic {
  const char* name;
  const char* summary;
  const char* text;  // nullptr: generated (functions)
};

const Topic kTopics[] = {
    {"statements", "the SQL statements",
     "CREATE STREAM name (col TYPE, ..., WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)\n"
     "    WITH ('connector' = 'file', 'path' = 'data.csv', 'format' = 'csv')\n"
     "CREATE [OR REPLACE] VIEW name AS SELECT ...\n"
     "DROP STREAM | VIEW [IF EXISTS] name\n"
     "SELECT ... FROM ... [JOIN ...] [WHERE ...] [GROUP BY ... [TIMEOUT INTERVAL ...]]\n"
     "    [HAVING ...] [UNION ALL ...] [ORDER BY ...] [LIMIT n]\n"
     "INSERT INTO stream SELECT ...\n"
     "SHOW STREAMS | VIEWS | FUNCTIONS | SETTINGS | QUERIES\n"
     "SHOW CREATE STREAM | VIEW name     DESCRIBE name\n"
     "SET 'key' = 'value'    RESET ['key']    EXPLAIN SELECT ...    CHECKPOINT\n"
     "\n"
     "Strings take single quotes ('fail'); double quotes and backticks quote names.\n"
     "docs/language.md describes the language.\n"},
    {"functions", "every function, aggregate and table function, with its usage", nullptr},
    {"modes", "the output modes (.mode)",
     "box        a table drawn with lines (the default on a terminal)\n"
     "csv        RFC 4180 lines after a header line (the default otherwise)\n"
     "jsonl      one JSON object per row\n"
     "changelog  +I[v1, v2], Flink's print format, the change kind first\n"
     "\n"
     "An updating result (GROUP BY without TIMEOUT) has an op column (+I -U +U -D) in box\n"
     "and csv, an \"op\" key in jsonl. --mode sets the mode on the command line.\n"},
    {"editing", "line editing, history and completion",
     "Up / Down     recall earlier statements (a statement typed over several lines comes\n"
     "              back whole); kept in ~/.eddy_history ($EDDY_HISTORY; empty: none)\n"
     "Tab           complete keywords, stream, view and column names, functions, and\n"
     "              dot-commands at the start of a line\n"
     "Ctrl-C        cancel the running query, or drop the statement being typed\n"
     "Ctrl-D        at an empty prompt: leave; on a continuation line (...>): drop the\n"
     "              unfinished statement, which is printed (Up recalls it)\n"},
    {"paths", "where relative paths point",
     "A relative path ('path' options, .read) is taken relative to the working directory;\n"
     "in a script, one that does not exist there is taken relative to the script's folder,\n"
     "so `eddy examples/demo.sql` finds examples/data/logins.csv. A file to write needs\n"
     "its folder to exist. When neither exists the error names both paths.\n"},
};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string overview() {
  std::string text = dot_help();
  text += "\nHelp topics (.help TOPIC, or HELP TOPIC):\n";
  for (const Topic& topic : kTopics)
    text += fmt::format("  {:<12} {}\n", topic.name, topic.summary);
  text += "  .help NAME   a command (.help mode) or a function (.help substring)\n";
  return text;
}

std::string functions_text(const Engine& engine) {
  std::string text;
  for (const char* kind : {"scalar", "aggregate", "table"}) {
    text += fmt::format("{}{} functions:\n", text.empty() ? "" : "\n",
                        std::string_view(kind) == "scalar"      ? "Scalar"
                        : std::string_view(kind) == "aggregate" ? "Aggregate"
                                                                : "Table");
    for (const FunctionInfo& fn : engine.functions())
      if (fn.kind == kind) text += "  " + fn.usage + "\n";
  }
  return text;
}

}  // namespace

const std::vector<std::string>& help_topic_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const Topic& topic : kTopics) out.push_back(topic.name);
    return out;
  }();
  return names;
}

Result<std::string> help_text(const Engine& engine, std::string_view topic) {
  if (topic.empty()) return overview();
  std::string name = lower(topic);
  if (name.starts_with('.')) name.erase(0, 1);
  for (const Topic& t : kTopics) {
    if (name == t.name) return t.text ? std::string(t.text) : functions_text(engine);
  }
  std::string text;
  for (const FunctionInfo& fn : engine.functions())
    if (lower(fn.name) == name) text += fmt::format("{}  ({} function)\n", fn.usage, fn.kind);
  if (!text.empty()) return text;
  if (auto command = find_dot_command(name)) return dot_help(command.value());
  std::string topics;
  for (const Topic& t : kTopics) topics += fmt::format("{}{}", topics.empty() ? "" : ", ", t.name);
  Error error;
  error.kind = Error::Kind::Runtime;
  error.message = fmt::format("no help on '{}': try a topic ({}), a dot-command or a function name",
                              topic, topics);
  return error;
}

std::optional<std::string> help_statement_topic(std::string_view line) {
  size_t begin = line.find_first_not_of(" \t");
  if (begin == std::string_view::npos || line.size() - begin < 4) return std::nullopt;
  if (lower(line.substr(begin, 4)) != "help") return std::nullopt;
  std::string_view rest = line.substr(begin + 4);
  if (!rest.empty() && !std::isspace(static_cast<unsigned char>(rest[0])) && rest[0] != ';')
    return std::nullopt;  // HELPER, HELP_x: not HELP
  size_t end = rest.find_last_not_of(" \t;");
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(0, end + 1);
  size_t word = rest.find_first_not_of(" \t");
  rest = word == std::string_view::npos ? std::string_view() : rest.substr(word);
  if (rest.find_first_of(" \t;") != std::string_view::npos) return std::nullopt;
  return std::string(rest);
}

}  // namespace eddy::shell
