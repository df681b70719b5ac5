#include "history.h"

namespace eddy::shell {

namespace {

std::string_view trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

}  // namespace

std::string history_entry(const std::vector<std::string>& lines) {
  std::string entry;
  char quote = 0;         // the quote open at the end of the line so far, if any
  bool in_block = false;  // inside /* ... */
  for (const std::string& full : lines) {
    const bool continues_quote = quote != 0;
    std::string_view line = continues_quote ? std::string_view(full) : trim(full);
    size_t keep = line.size();
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      char next = i + 1 < line.size() ? line[i + 1] : '\0';
      if (in_block) {
        if (c == '*' && next == '/') in_block = false, ++i;
      } else if (quote) {
        if (c == quote) quote = 0;  // a doubled quote closes and reopens: the same state after
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '/' && next == '*') {
        in_block = true, ++i;
      } else if (c == '-' && next == '-') {
        keep = i;
        break;
      }
    }
    std::string_view piece = line.substr(0, keep);
    if (!quote) piece = piece.substr(0, piece.find_last_not_of(" \t\r") + 1);
    if (continues_quote) {
      (entry += '\n') += piece;
    } else if (!piece.empty()) {
      if (!entry.empty()) entry += ' ';
      entry += piece;
    }
  }
  return entry;
}

}  // namespace eddy::shell
