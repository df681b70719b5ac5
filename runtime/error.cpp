// Error display.
#include "eddy/error.h"

#include <fmt/format.h>

namespace eddy {

std::string Error::to_string() const {
  if (line <= 0) return message;
  std::string out = fmt::format("{}:{}: {}", line, column, message);
  if (!snippet.empty()) {
    out += '\n';
    out += snippet;
    // The snippet may or may not end in a newline; the caller decides what follows.
    while (!out.empty() && out.back() == '\n') out.pop_back();
  }
  return out;
}

const char* Error::kind_name(Kind kind) {
  switch (kind) {
    case Kind::Syntax:
      return "syntax error";
    case Kind::Bind:
      return "bind error";
    case Kind::Plan:
      return "plan error";
    case Kind::Runtime:
      return "runtime error";
    case Kind::Data:
      return "data error";
    case Kind::Io:
      return "io error";
    case Kind::Cancelled:
      return "cancelled";
  }
  return "error";
}

}  // namespace eddy
