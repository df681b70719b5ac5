#include "parser/prescan.h"

#include <algorithm>
#include <iterator>
#include <cctype>

#include <fmt/format.h>

#include "parser/parser.h"

namespace eddy::parser_internal {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0. Strict (no overlong forms, surrogates or
// code points past U+10FFFF), because ANTLR's UTF-8 decoder throws on those.
size_t utf8_length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  size_t n;
  uint32_t cp;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

bool is_word_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool is_word_char(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

// Words after which '-' and '+' are prefix operators and which do not end an operand. Other words
// are taken for names (columns may be called `value` or `count`), after which '-' is binary.
bool is_operator_keyword(std::string_view upper) {
  static constexpr std::string_view kWords[] = {
      "ALL",    "AND",  "AS",    "BETWEEN", "BY",      "DISTINCT", "ELSE",  "ESCAPE", "FOR",  "FROM",
      "HAVING", "IN",   "INTERVAL", "IS",   "LIKE",    "LIMIT",    "NOT",   "ON",     "OR",   "SELECT",
      "SET",    "THEN", "TIMEOUT", "UNION", "WHEN",    "WHERE",    "WITH",  "CASE"};
  return std::find(std::begin(kWords), std::end(kWords), upper) != std::end(kWords);
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  Prescan run() {
    if (auto bad = first_invalid_utf8()) {
      advance_to(*bad);
      return fail(line_, column_, fmt::format("invalid UTF-8 byte 0x{:02X} in the input",
                                              static_cast<unsigned char>(text_[*bad])));
    }
    start_segment();
    while (i_ < text_.size()) {
      unsigned char c = text_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
        advance(1);
      } else if (c == '-' && peek(1) == '-') {
        while (i_ < text_.size() && text_[i_] != '\n') advance(1);
      } else if (c == '/' && peek(1) == '*') {
        if (!skip_block_comment()) return std::move(result_);
      } else if (c == ';') {
        end_segment(true);
        advance(1);
        start_segment();
      } else {
        segment_.empty = false;
        if (!significant(c)) return std::move(result_);
      }
    }
    end_segment(false);
    return std::move(result_);
  }

 private:
  struct Frame {
    int depth;     // nesting level inside this parenthesis or CASE
    bool is_case;
  };

  char peek(size_t ahead) const {
    return i_ + ahead < text_.size() ? text_[i_ + ahead] : '\0';
  }

  // Moves over n bytes, keeping line and column (in code points, like ANTLR) up to date.
  void advance(size_t n) {
    for (size_t end = std::min(text_.size(), i_ + n); i_ < end; ++i_) {
      unsigned char c = text_[i_];
      if (c == '\n') {
        ++line_;
        column_ = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++column_;
      }
    }
  }
  void advance_to(size_t offset) { advance(offset - i_); }

  std::optional<size_t> first_invalid_utf8() const {
    for (size_t k = 0; k < text_.size();) {
      size_t n = utf8_length(text_, k);
      if (n == 0) return k;
      k += n;
    }
    return std::nullopt;
  }

  Prescan fail(int line, int column, std::string message) {
    result_.problem = ScanProblem{line, column, std::move(message)};
    return std::move(result_);
  }
  bool problem(int line, int column, std::string message) {
    result_.problem = ScanProblem{line, column, std::move(message)};
    return false;
  }

  void start_segment() {
    segment_ = Segment{};
    segment_.begin = i_;
    segment_.line = line_;
    segment_.column = column_;
    frames_.clear();
    prefix_run_ = 0;
    after_operand_ = false;
  }
  void end_segment(bool terminated) {
    segment_.end = i_;
    segment_.terminated = terminated;
    result_.segments.push_back(segment_);
  }

  bool skip_block_comment() {
    int line = line_, column = column_;
    size_t close = text_.find("*/", i_ + 2);
    if (close == std::string_view::npos) {
      return problem(line, column, "unterminated comment: '/*' without a closing '*/'");
    }
    advance_to(close + 2);
    return true;
  }

  // A quoted run ('string', "identifier", `identifier`); a doubled quote stands for itself.
  bool skip_quoted(char quote, const char* what) {
    int line = line_, column = column_;
    size_t k = i_ + 1;
    while (true) {
      size_t close = text_.find(quote, k);
      if (close == std::string_view::npos) {
        return problem(line, column, fmt::format("unterminated {}: {} without a closing {}", what,
                                                 quote, quote));
      }
      if (close + 1 < text_.size() && text_[close + 1] == quote) {
        k = close + 2;
        continue;
      }
      advance_to(close + 1);
      return true;
    }
  }

  int depth() const { return frames_.empty() ? 0 : frames_.back().depth; }

  bool open(bool is_case) {
    int level = depth() + prefix_run_ + 1;
    if (level > kMaxNesting) {
      return problem(line_, column_,
                     fmt::format("{} nested too deeply (the limit is {} levels)",
                                 is_case ? "CASE expressions" : "parentheses", kMaxNesting));
    }
    frames_.push_back({level, is_case});
    prefix_run_ = 0;
    after_operand_ = false;
    return true;
  }

  void close(bool is_case) {
    if (is_case) {
      if (!frames_.empty() && frames_.back().is_case) frames_.pop_back();
    } else {
      while (!frames_.empty() && frames_.back().is_case) frames_.pop_back();
      if (!frames_.empty()) frames_.pop_back();
    }
    operand();
  }

  bool prefix_operator() {
    ++prefix_run_;
    if (depth() + prefix_run_ > kMaxNesting) {
      return problem(line_, column_,
                     fmt::format("operators nested too deeply (the limit is {} levels)",
                                 kMaxNesting));
    }
    after_operand_ = false;
    return true;
  }

  void operand() {
    prefix_run_ = 0;
    after_operand_ = true;
  }

  bool significant(unsigned char c) {
    if (c == '\'') {
      if (!skip_quoted('\'', "string literal")) return false;
      operand();
      return true;
    }
    if (c == '"' || c == '`') {
      if (!skip_quoted(static_cast<char>(c), "quoted identifier")) return false;
      operand();
      return true;
    }
    if (is_word_start(c)) return word();
    if (std::isdigit(c) || (c == '.' && std::isdigit(static_cast<unsigned char>(peek(1))))) {
      number();
      return true;
    }
    switch (c) {
      case '(':
        if (!open(false)) return false;
        advance(1);
        return true;
      case ')':
        advance(1);
        close(false);
        return true;
      case '-':
      case '+':
        if (!after_operand_ && !prefix_operator()) return false;
        after_operand_ = false;
        advance(1);
        return true;
      default:
        after_operand_ = false;
        advance(1);
        return true;
    }
  }

  bool word() {
    size_t start = i_;
    size_t end = i_;
    while (end < text_.size() && is_word_char(static_cast<unsigned char>(text_[end]))) ++end;
    // Keywords that matter here are short; longer words are names.
    char upper[16];
    size_t n = end - start;
    bool keyword_sized = n < sizeof upper;
    if (keyword_sized) {
      for (size_t k = 0; k < n; ++k) {
        upper[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(text_[start + k])));
      }
    }
    std::string_view word = keyword_sized ? std::string_view(upper, n) : std::string_view();
    if (word == "NOT") {
      if (!prefix_operator()) return false;
    } else if (word == "CASE") {
      if (!open(true)) return false;
    } else if (word == "END") {
      close(true);
    } else if (keyword_sized && is_operator_keyword(word)) {
      after_operand_ = false;
    } else {
      operand();
    }
    advance_to(end);
    return true;
  }

  void number() {
    size_t end = i_;
    while (end < text_.size()) {
      unsigned char c = text_[end];
      if (std::isdigit(c) || c == '.') {
        ++end;
      } else if ((c == 'e' || c == 'E')) {
        ++end;
        if (end < text_.size() && (text_[end] == '+' || text_[end] == '-')) ++end;
      } else {
        break;
      }
    }
    advance_to(end);
    operand();
  }

  std::string_view text_;
  size_t i_ = 0;
  int line_ = 1;
  int column_ = 1;
  Prescan result_;
  Segment segment_;
  std::vector<Frame> frames_;
  int prefix_run_ = 0;        // prefix operators since the last operand at this level
  bool after_operand_ = false;  // the previous token ended an operand: '-' is binary
};

}  // namespace

Prescan prescan(std::string_view text) { return Scanner(text).run(); }

}  // namespace eddy::parser_internal
