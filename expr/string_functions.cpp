// String function kernels. Character positions and lengths count UTF-8 code points, as Flink
// counts characters. Results that are pieces of an argument (SUBSTRING, TRIM, SPLIT_INDEX, ...)
// are views into the argument's bytes (the output shares its arenas); built results are written
// into the output column's arena, through one reused buffer rather than a string per row.
#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "expr/function.h"
#include "expr/unicode_case.h"

namespace eddy::expr {

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

size_t utf8_offset(std::string_view s, size_t chars) {
  size_t pos = 0;
  // A character is a byte that is no continuation byte and the continuation bytes after it, as
  // utf8_length counts: a stray byte (invalid UTF-8) is a character and never swallows the
  // bytes after it.
  while (chars > 0 && pos < s.size()) {
    ++pos;
    while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
    --chars;
  }
  return std::min(pos, s.size());
}

namespace {

bool is_word_char(uint32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// Maps every character of s through f into the arena (same byte length, see unicode_case.h).
template <class F>
std::string_view map_chars(std::string_view s, Arena& arena, F&& f) {
  char* dst = arena.allocate(s.size());
  std::string tmp;
  for (size_t pos = 0; pos < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) {  // ASCII: no decoding
      dst[pos] = char(f(c, pos));
      ++pos;
      continue;
    }
    size_t len;
    const uint32_t cp = f(utf8_decode(s, pos, len), pos);
    if (cp < 0x80 && len == 1) {
      dst[pos] = char(cp);
    } else {
      tmp.clear();
      utf8_encode(cp, tmp);
      if (tmp.size() == len) {
        std::copy(tmp.begin(), tmp.end(), dst + pos);
      } else {
        std::copy(s.begin() + pos, s.begin() + pos + len, dst + pos);  // keep malformed bytes
      }
    }
    pos += len;
  }
  return {dst, s.size()};
}

// Shares the bytes of the first argument: results are views into them.
void share_first(const std::vector<Arg>& a, Column& out) { out.share_arenas(a[0].col); }

int64_t clamp_size(int64_t v) {
  return std::clamp<int64_t>(v, -(int64_t(1) << 40), int64_t(1) << 40);
}

}  // namespace

EDDY_KERNEL(k_lower) {
  Arena& arena = out.arena();
  each_row(n, out, [&](size_t i) {
    out.strings[i] =
        map_chars(a[0].str(i), arena, [](uint32_t c, size_t) { return to_lower_cp(c); });
  });
}

EDDY_KERNEL(k_upper) {
  Arena& arena = out.arena();
  each_row(n, out, [&](size_t i) {
    out.strings[i] =
        map_chars(a[0].str(i), arena, [](uint32_t c, size_t) { return to_upper_cp(c); });
  });
}

EDDY_KERNEL(k_initcap) {
  Arena& arena = out.arena();
  each_row(n, out, [&](size_t i) {
    bool start = true;
    out.strings[i] = map_chars(a[0].str(i), arena, [&](uint32_t c, size_t) {
      const uint32_t r = start ? to_upper_cp(c) : to_lower_cp(c);
      start = !is_word_char(c);
      return r;
    });
  });
}

EDDY_KERNEL(k_reverse) {
  Arena& arena = out.arena();
  each_row(n, out, [&](size_t i) {
    const std::string_view s = a[0].str(i);
    char* dst = arena.allocate(s.size());
    size_t end = s.size();
    for (size_t pos = 0; pos < s.size();) {
      size_t len;
      utf8_decode(s, pos, len);  // a malformed byte is a character of its own
      end -= len;
      std::copy(s.begin() + pos, s.begin() + pos + len, dst + end);
      pos += len;
    }
    out.strings[i] = {dst, s.size()};
  });
}

// Flink/Spark: a positive start counts from 1, 0 means 1, a negative one counts from the end.
EDDY_KERNEL(k_substring) {
  share_first(a, out);
  const bool has_length = a.size() > 2;
  each_row(n, out, [&](size_t i) {
    const std::string_view s = a[0].str(i);
    const int64_t pos = clamp_size(a[1].i64(i));
    int64_t length = has_length ? clamp_size(a[2].i64(i)) : int64_t(1) << 40;
    if (length < 0) length = 0;
    const int64_t chars = pos < 0 ? int64_t(utf8_length(s)) : 0;
    int64_t start = pos > 0 ? pos - 1 : (pos < 0 ? chars + pos : 0);
    int64_t end = start + length;
    start = std::max<int64_t>(start, 0);
    if (end <= start) {
      out.strings[i] = {};
      return;
    }
    const size_t b = utf8_offset(s, size_t(start));
    const size_t e = b + utf8_offset(s.substr(b), size_t(end - start));
    out.strings[i] = s.substr(b, e - b);
  });
}

EDDY_KERNEL(k_concat) {
  Arena& arena = out.arena();
  each_row(n, out, [&](size_t i) {
    size_t total = 0;
    for (const Arg& x : a) total += x.str(i).size();
    char* dst = arena.allocate(total);
    size_t at = 0;
    for (const Arg& x : a) {
      const std::string_view s = x.str(i);
      std::copy(s.begin(), s.end(), dst + at);
      at += s.size();
    }
    out.strings[i] = {dst, total};
  });
}

// NULL separator -> NULL; NULL arguments are skipped (Flink).
EDDY_KERNEL(k_concat_ws) {
  Arena& arena = out.arena();
  std::string buf;
  for (size_t i = 0; i < n; ++i) {
    if (a[0].null(i)) {
      out.set_null(i);
      continue;
    }
    buf.clear();
    bool first = true;
    for (size_t k = 1; k < a.size(); ++k) {
      if (a[k].null(i)) continue;
      if (!first) buf += a[0].str(i);
      buf += a[k].str(i);
      first = false;
    }
    out.strings[i] = arena.store(buf);
  }
}

EDDY_KERNEL(k_char_length) {
  each_row(n, out, [&](size_t i) { out.ints[i] = int64_t(utf8_length(a[0].str(i))); });
}

namespace {

// Trims characters of `set` (default: the space) from the chosen ends.
void trim_kernel(const std::vector<Arg>& a, size_t n, Column& out, bool left, bool right) {
  share_first(a, out);
  const bool custom = a.size() > 1;
  each_row(n, out, [&](size_t i) {
    std::string_view s = a[0].str(i);
    const std::string_view set = custom ? a[1].str(i) : std::string_view(" ");
    const auto in_set = [&](std::string_view ch) { return set.find(ch) != std::string_view::npos; };
    while (left && !s.empty()) {
      size_t len;
      utf8_decode(s, 0, len);
      if (!in_set(s.substr(0, len))) break;
      s.remove_prefix(len);
    }
    while (right && !s.empty()) {
      size_t start = s.size() - 1;
      while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
      if (!in_set(s.substr(start))) break;
      s.remove_suffix(s.size() - start);
    }
    out.strings[i] = s;
  });
}

}  // namespace

EDDY_KERNEL(k_trim) { trim_kernel(a, n, out, true, true); }
EDDY_KERNEL(k_ltrim) { trim_kernel(a, n, out, true, false); }
EDDY_KERNEL(k_rtrim) { trim_kernel(a, n, out, false, true); }

EDDY_KERNEL(k_replace) {
  Arena& arena = out.arena();
  std::string buf;
  each_row(n, out, [&](size_t i) {
    const std::string_view s = a[0].str(i), from = a[1].str(i), to = a[2].str(i);
    if (from.empty()) {
      out.strings[i] = arena.store(s);
      return;
    }
    buf.clear();
    size_t pos = 0;
    for (size_t hit; (hit = s.find(from, pos)) != std::string_view::npos; pos = hit + from.size()) {
      buf.append(s.substr(pos, hit - pos));
      buf.append(to);
    }
    buf.append(s.substr(pos));
    out.strings[i] = arena.store(buf);
  });
}

namespace {

// 1-based character position of needle in haystack at or after character `from` (0-based); 0
// when absent.
int64_t find_chars(std::string_view needle, std::string_view haystack, size_t from) {
  const size_t start = utf8_offset(haystack, from);
  if (start > haystack.size() || (start == haystack.size() && !needle.empty() && from > 0))
    return 0;
  const size_t hit = haystack.find(needle, start);
  if (hit == std::string_view::npos) return 0;
  return int64_t(utf8_length(haystack.substr(0, hit))) + 1;
}

}  // namespace

EDDY_KERNEL(k_position) {
  each_row(n, out, [&](size_t i) { out.ints[i] = find_chars(a[0].str(i), a[1].str(i), 0); });
}

EDDY_KERNEL(k_instr) {
  each_row(n, out, [&](size_t i) { out.ints[i] = find_chars(a[1].str(i), a[0].str(i), 0); });
}

EDDY_KERNEL(k_locate) {
  const bool has_start = a.size() > 2;
  each_row(n, out, [&](size_t i) {
    const int64_t start = has_start ? a[2].i64(i) : 1;
    out.ints[i] =
        start < 1 ? 0 : find_chars(a[0].str(i), a[1].str(i), size_t(clamp_size(start - 1)));
  });
}

namespace {

// LPAD / RPAD: NULL for a negative length or an empty pad that would be needed (Flink); an error
// past the 1 GiB that any string a function builds may reach (docs/language.md, "Limits").
void pad_kernel(const std::vector<Arg>& a, size_t n, Column& out, bool left) {
  constexpr size_t kMaxBytes = size_t(1) << 30;
  const char* name = left ? "LPAD result would exceed 1 GiB" : "RPAD result would exceed 1 GiB";
  Arena& arena = out.arena();
  std::string buf;
  each_row(n, out, [&](size_t i) {
    const std::string_view s = a[0].str(i), pad = a[2].str(i);
    const int64_t length = a[1].i64(i);
    if (length < 0) {
      out.set_null(i);
      return;
    }
    if (uint64_t(length) > kMaxBytes) fail(Error::Kind::Runtime, "{}", name);
    const size_t chars = utf8_length(s);
    if (chars >= size_t(length)) {
      out.strings[i] = arena.store(s.substr(0, utf8_offset(s, size_t(length))));
      return;
    }
    if (pad.empty()) {
      out.set_null(i);
      return;
    }
    // The result's size is known before it is built: whole pads, then a prefix of one.
    const size_t need = size_t(length) - chars, pad_chars = utf8_length(pad);
    const size_t whole = need / pad_chars;
    const std::string_view partial = pad.substr(0, utf8_offset(pad, need % pad_chars));
    if (s.size() + uint64_t(whole) * pad.size() + partial.size() > kMaxBytes)
      fail(Error::Kind::Runtime, "{}", name);
    buf.clear();
    if (!left) buf.append(s);
    for (size_t k = 0; k < whole; ++k) buf.append(pad);
    buf.append(partial);
    if (left) buf.append(s);
    out.strings[i] = arena.store(buf);
  });
}

}  // namespace

EDDY_KERNEL(k_lpad) { pad_kernel(a, n, out, true); }
EDDY_KERNEL(k_rpad) { pad_kernel(a, n, out, false); }

// The index-th (0-based) piece of s split at every delimiter; NULL when out of range.
EDDY_KERNEL(k_split_index) {
  share_first(a, out);
  each_row(n, out, [&](size_t i) {
    const std::string_view s = a[0].str(i), delim = a[1].str(i);
    int64_t index = a[2].i64(i);
    if (index < 0) return out.set_null(i);
    if (delim.empty()) {
      if (index == 0) {
        out.strings[i] = s;
      } else {
        out.set_null(i);
      }
      return;
    }
    size_t pos = 0;
    for (; index > 0; --index) {
      const size_t hit = s.find(delim, pos);
      if (hit == std::string_view::npos) return out.set_null(i);
      pos = hit + delim.size();
    }
    const size_t end = s.find(delim, pos);
    out.strings[i] =
        s.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
  });
}

EDDY_KERNEL(k_left) {
  share_first(a, out);
  each_row(n, out, [&](size_t i) {
    const std::string_view s = a[0].str(i);
    const int64_t k = a[1].i64(i);
    out.strings[i] =
        k <= 0 ? std::string_view() : s.substr(0, utf8_offset(s, size_t(clamp_size(k))));
  });
}

EDDY_KERNEL(k_right) {
  share_first(a, out);
  each_row(n, out, [&](size_t i) {
    const std::string_view s = a[0].str(i);
    const int64_t k = a[1].i64(i);
    const size_t chars = utf8_length(s);
    if (k <= 0) {
      out.strings[i] = {};
    } else if (size_t(k) >= chars) {
      out.strings[i] = s;
    } else {
      out.strings[i] = s.substr(utf8_offset(s, chars - size_t(k)));
    }
  });
}

EDDY_KERNEL(k_repeat) {
  Arena& arena = out.arena();
  each_row(n, out, [&](size_t i) {
    const std::string_view s = a[0].str(i);
    const int64_t times = a[1].i64(i);
    if (times <= 0 || s.empty()) {
      out.strings[i] = {};
      return;
    }
    if (uint64_t(times) * s.size() > (uint64_t(1) << 30)) {
      fail(Error::Kind::Runtime, "REPEAT result would exceed 1 GiB");
    }
    char* dst = arena.allocate(size_t(times) * s.size());
    for (int64_t k = 0; k < times; ++k) std::copy(s.begin(), s.end(), dst + size_t(k) * s.size());
    out.strings[i] = {dst, size_t(times) * s.size()};
  });
}

EDDY_KERNEL(k_ascii) {
  each_row(n, out, [&](size_t i) {
    const std::string_view s = a[0].str(i);
    out.ints[i] = s.empty() ? 0 : static_cast<unsigned char>(s[0]);
  });
}

EDDY_KERNEL(k_chr) {
  Arena& arena = out.arena();
  std::string buf;
  each_row(n, out, [&](size_t i) {
    const int64_t v = a[0].i64(i);
    if (v < 0) return out.set_null(i);
    buf.clear();
    utf8_encode(uint32_t(v % 256), buf);
    out.strings[i] = arena.store(buf);
  });
}

EDDY_KERNEL(k_starts_with) {
  each_row(n, out, [&](size_t i) {
    const std::string_view s = a[0].str(i), p = a[1].str(i);
    out.ints[i] = s.substr(0, p.size()) == p;
  });
}

EDDY_KERNEL(k_ends_with) {
  each_row(n, out, [&](size_t i) {
    const std::string_view s = a[0].str(i), p = a[1].str(i);
    out.ints[i] = s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
  });
}

// ---- regular expressions (ECMAScript syntax, close to Java's for everyday patterns) ----

namespace {

struct CompiledRegex {
  std::string text;
  std::regex re;
};

bool compile_regex(std::string_view text, CompiledRegex& out, std::string& error) {
  try {
    out.re = std::regex(text.begin(), text.end(), std::regex::ECMAScript);
    out.text.assign(text);
    return true;
  } catch (const std::regex_error& e) {
    error = fmt::format("invalid regular expression '{}': {}", text, e.what());
    return false;
  }
}

// The regex for row i: the prepared one, or the row's pattern (recompiled when it changes).
class RegexSource {
 public:
  RegexSource(const FunctionExpr& fn, const Arg& pattern)
      : prepared_(fn.state<CompiledRegex>()), pattern_(pattern) {}
  const std::regex& at(size_t i) {
    if (prepared_) return prepared_->re;
    const std::string_view p = pattern_.str(i);
    if (!have_ || p != current_.text) {
      std::string error;
      if (!compile_regex(p, current_, error)) fail(Error::Kind::Runtime, "{}", error);
      have_ = true;
    }
    return current_.re;
  }

 private:
  const CompiledRegex* prepared_;
  const Arg& pattern_;
  CompiledRegex current_;
  bool have_ = false;
};

}  // namespace

EDDY_PREPARE(prepare_regex) {
  const std::optional<Value> v = constant_value(*args[1]);
  if (!v || v->is_null()) return std::shared_ptr<const void>();
  auto compiled = std::make_shared<CompiledRegex>();
  std::string error;
  if (!compile_regex(v->string_value(), *compiled, error)) return bind_error(error);
  return std::shared_ptr<const void>(std::move(compiled));
}

EDDY_KERNEL(k_regexp) {
  RegexSource regex(fn, a[1]);
  each_row(n, out, [&](size_t i) {
    const std::string_view s = a[0].str(i);
    out.ints[i] = std::regex_search(s.begin(), s.end(), regex.at(i));
  });
}

// The group (default 0: the whole match) of the first match; NULL when nothing matches.
EDDY_KERNEL(k_regexp_extract) {
  share_first(a, out);
  RegexSource regex(fn, a[1]);
  const bool has_group = a.size() > 2;
  std::match_results<std::string_view::const_iterator> m;
  each_row(n, out, [&](size_t i) {
    const std::string_view s = a[0].str(i);
    const int64_t group = has_group ? a[2].i64(i) : 0;
    if (!std::regex_search(s.begin(), s.end(), m, regex.at(i)) || group < 0 ||
        size_t(group) >= m.size() || !m[size_t(group)].matched) {
      return out.set_null(i);
    }
    const auto& g = m[size_t(group)];
    out.strings[i] = s.substr(size_t(g.first - s.begin()), size_t(g.length()));
  });
}

EDDY_KERNEL(k_regexp_replace) {
  RegexSource regex(fn, a[1]);
  Arena& arena = out.arena();
  std::string buf, rep;
  each_row(n, out, [&](size_t i) {
    const std::string_view s = a[0].str(i);
    rep.assign(a[2].str(i));
    buf.clear();
    std::regex_replace(std::back_inserter(buf), s.begin(), s.end(), regex.at(i), rep);
    out.strings[i] = arena.store(buf);
  });
}

}  // namespace eddy::expr
