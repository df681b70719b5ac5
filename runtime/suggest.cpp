#include "runtime/suggest.h"

#include <algorithm>
#include <cstdint>

#include "expr/unicode_case.h"

namespace eddy {

namespace {

// The code points of `s`, lower-cased.
std::vector<uint32_t> folded(std::string_view s) {
  std::vector<uint32_t> out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) {
    size_t len;
    out.push_back(expr::to_lower_cp(expr::utf8_decode(s, pos, len)));
    pos += len;
  }
  return out;
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  const std::vector<uint32_t> x = folded(a), y = folded(b);
  std::vector<size_t> row(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= y.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
  size_t limit = std::max<size_t>(2, name.size() / 3);
  const std::string* best = nullptr;
  size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    size_t d = edit_distance(name, candidate);
    if (d < best_distance) best_distance = d, best = &candidate;
  }
  return best ? " (did you mean '" + *best + "'?)" : "";
}

// Case mapping keeps a character's UTF-8 length (unicode_case.h), so equal names have equal
// byte lengths and their characters line up.
bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t pos = 0; pos < a.size();) {
    const unsigned char ca = static_cast<unsigned char>(a[pos]);
    const unsigned char cb = static_cast<unsigned char>(b[pos]);
    if (ca < 0x80 && cb < 0x80) {
      if (expr::to_lower_cp(ca) != expr::to_lower_cp(cb)) return false;
      ++pos;
      continue;
    }
    size_t la, lb;
    const uint32_t x = expr::utf8_decode(a, pos, la);
    const uint32_t y = expr::utf8_decode(b, pos, lb);
    if (la != lb || expr::to_lower_cp(x) != expr::to_lower_cp(y)) return false;
    pos += la;
  }
  return true;
}

std::string to_lower(std::string_view s) { return expr::utf8_lower(s); }

std::string to_upper(std::string_view s) { return expr::utf8_upper(s); }

}  // namespace eddy
