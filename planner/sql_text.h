// Writing SQL text back out (SHOW CREATE, --to-flink): a string literal in single quotes and a
// name in backticks, the quote character doubled inside.
#pragma once

#include <string>

namespace eddy {

inline std::string quote_with(const std::string& text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    out += c;
    if (c == quote) out += quote;
  }
  return out + quote;
}

inline std::string quote_string(const std::string& text) { return quote_with(text, '\''); }
inline std::string quote_name(const std::string& name) { return quote_with(name, '`'); }

}  // namespace eddy
