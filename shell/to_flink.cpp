#include "to_flink.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace eddy::shell {

namespace {

void report(const Error& error, const std::string& name) {
  std::string text = "error: " + name + ":";
  if (error.line > 0) text += fmt::format("{}:", error.line);
  if (error.line > 0 && error.column > 0) text += fmt::format("{}:", error.column);
  text += " " + error.message + "\n";
  if (!error.snippet.empty()) text += error.snippet + (error.snippet.back() == '\n' ? "" : "\n");
  std::fflush(stdout);
  std::fputs(text.c_str(), stderr);
}

}  // namespace

int run_to_flink(Engine& engine, const std::vector<CommandLine::Input>& inputs) {
  std::string out =
      "-- Flink SQL written by eddy --to-flink (docs/flink.md). Run it with Flink's SQL client\n"
      "-- or TableEnvironment.executeSql, statement by statement. For eddy's rows, watermarks\n"
      "-- after every row, as eddy emits them:\n"
      "SET 'pipeline.auto-watermark-interval' = '0 ms';\n";
  for (const CommandLine::Input& input : inputs) {
    std::string name = "<command>", text = input.text, base_directory;
    if (input.kind == CommandLine::Input::Kind::File) {
      name = input.text;
      std::ifstream file(input.text, std::ios::binary);
      if (!file) {
        std::fprintf(stderr, "error: cannot open '%s'\n", input.text.c_str());
        return 1;
      }
      std::ostringstream content;
      content << file.rdbuf();
      text = content.str();
      base_directory = std::filesystem::path(input.text).parent_path().string();
    }
    auto flink = engine.to_flink(text, base_directory);
    if (!flink) {
      report(flink.error(), name);
      return 1;
    }
    out += "\n" + flink.value();
  }
  std::fputs(out.c_str(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}

}  // namespace eddy::shell
