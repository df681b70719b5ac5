#include "expr/unicode_case.h"

#include <algorithm>

namespace eddy::expr {

namespace {

template <class F>
std::string map_string(std::string_view s, F&& f) {
  std::string out(s);
  std::string tmp;
  for (size_t pos = 0; pos < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) {
      out[pos] = static_cast<char>(f(c));
      ++pos;
      continue;
    }
    size_t len;
    const uint32_t cp = f(utf8_decode(s, pos, len));
    tmp.clear();
    utf8_encode(cp, tmp);
    if (tmp.size() == len) std::copy(tmp.begin(), tmp.end(), out.begin() + pos);
    pos += len;
  }
  return out;
}

}  // namespace

uint32_t utf8_decode(std::string_view s, size_t pos, size_t& len) {
  // A byte that does not start a well-formed sequence (a stray continuation byte, 0xC0, 0xC1,
  // 0xF5..0xFF, a sequence cut short, overlong, a surrogate, past U+10FFFF) is one character of
  // its own: U+FFFD with length 1, so callers keep the byte and the bytes after it as they are.
  static constexpr uint32_t kReplacement = 0xFFFD;
  const unsigned char c = static_cast<unsigned char>(s[pos]);
  len = 1;
  if (c < 0x80) return c;
  const size_t need = c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
  if (need == 0 || need > s.size() - pos) return kReplacement;
  uint32_t cp = c & (0xFF >> (need + 1));
  for (size_t k = 1; k < need; ++k) {
    const unsigned char b = static_cast<unsigned char>(s[pos + k]);
    if ((b & 0xC0) != 0x80) return kReplacement;
    cp = (cp << 6) | (b & 0x3F);
  }
  if ((need == 3 && cp < 0x800) || (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return kReplacement;
  len = need;
  return cp;
}

void utf8_encode(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

uint32_t to_lower_cp(uint32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c == 0x178) return 0xFF;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c | 1;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

uint32_t to_upper_cp(uint32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
  if (c == 0xFF) return 0x178;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c & ~1u;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c : c - 1;
  if (c == 0x3C2) return 0x3A3;  // final sigma
  if (c >= 0x3B1 && c <= 0x3C9) return c - 32;
  if (c >= 0x430 && c <= 0x44F) return c - 32;
  if (c >= 0x450 && c <= 0x45F) return c - 80;
  return c;
}

std::string utf8_lower(std::string_view s) { return map_string(s, to_lower_cp); }
std::string utf8_upper(std::string_view s) { return map_string(s, to_upper_cp); }

}  // namespace eddy::expr
