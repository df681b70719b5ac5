#include "completion.h"

#include <algorithm>
#include <cctype>

#include "dot_commands.h"
#include "help.h"

namespace eddy::shell {

namespace {

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

std::string_view trim_left(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t");
  return begin == std::string_view::npos ? std::string_view() : text.substr(begin);
}

bool has_lower(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::islower(c); });
}
bool has_upper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isupper(c); });
}

// The dot-command being typed on this line ("help" for ".help fu"), or "".
std::string dot_command_of(std::string_view before) {
  std::string_view line = trim_left(before);
  if (!line.starts_with('.')) return "";
  std::string_view name = line.substr(1, line.find_first_of(" \t") - 1);
  auto command = find_dot_command(name);
  return command ? command.value()->name : "";
}

}  // namespace

bool completes_file_name(std::string_view before) {
  std::string command = dot_command_of(before);
  return command == "read" || command == "output";
}

std::vector<std::string> complete(const Engine& engine, std::string_view before,
                                  std::string_view word) {
  std::vector<std::string> out;
  if (trim_left(before).empty() && word.starts_with('.')) {
    for (const DotCommand& command : dot_commands())
      if (starts_with_nocase(command.name, word.substr(1)))
        out.push_back(std::string(".") + command.name);
    return out;
  }
  if (trim_left(before).starts_with('.')) {
    if (dot_command_of(before) != "help") return out;
    for (const std::string& topic : help_topic_names())
      if (starts_with_nocase(topic, word)) out.push_back(topic);
    for (const DotCommand& command : dot_commands())
      if (starts_with_nocase(command.name, word)) out.push_back(command.name);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  // `l.ui` completes the column: the qualifier stays as typed.
  size_t dot = word.rfind('.');
  std::string_view qualifier = dot == std::string_view::npos ? "" : word.substr(0, dot + 1);
  std::string_view name = word.substr(qualifier.size());
  const bool lower = has_lower(name) && !has_upper(name);
  for (std::string candidate : engine.completions(name)) {
    if (lower && !has_lower(candidate))
      std::transform(candidate.begin(), candidate.end(), candidate.begin(),
                     [](unsigned char c) { return std::tolower(c); });
    out.push_back(std::string(qualifier) + candidate);
  }
  return out;
}

}  // namespace eddy::shell
