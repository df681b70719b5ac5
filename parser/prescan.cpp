#include "parser/prescan.h"

#include <algorithm>
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

// Operator precedence classes, loosest first. A left-deep chain of one class adds a tree level
// per operator; an operator of a looser class ends the operands of the tighter ones.
enum OpClass { kOr, kAnd, kNot, kCompare, kAdditive, kMultiplicative, kUnary, kClassCount };

// What a word does to the scan. Words not listed are names (columns may be called `value` or
// `count`): they end an operand, and a '-' after them is binary. A SoftBoundary is a clause word
// that is also a valid name (SET, TIMEOUT): it starts a new expression only where a clause can
// start, after an operand; elsewhere (`a + timeout + a ...`) it is a name. Taking it for a
// boundary there would reset the chain counts and let an unbounded chain through to ANTLR.
enum class WordRole { Name, Boundary, SoftBoundary, NonOperand, Or, And, Not, Compare, Case, End };

WordRole word_role(std::string_view upper) {
  struct Entry {
    std::string_view word;
    WordRole role;
  };
  // Boundary words start a new expression (a clause, a CASE branch, an alias or type).
  static constexpr Entry kWords[] = {
      {"ALL", WordRole::Boundary},
      {"AND", WordRole::And},
      {"AS", WordRole::Boundary},
      {"BETWEEN", WordRole::Compare},
      {"BY", WordRole::Boundary},
      {"CASE", WordRole::Case},
      {"DISTINCT", WordRole::Boundary},
      {"ELSE", WordRole::Boundary},
      {"END", WordRole::End},
      {"ESCAPE", WordRole::NonOperand},
      {"FOR", WordRole::NonOperand},
      {"FROM", WordRole::Boundary},
      {"HAVING", WordRole::Boundary},
      {"IN", WordRole::Compare},
      {"INTERVAL", WordRole::NonOperand},
      {"IS", WordRole::Compare},
      {"LIKE", WordRole::Compare},
      {"LIMIT", WordRole::Boundary},
      {"NOT", WordRole::Not},
      {"ON", WordRole::Boundary},
      {"OR", WordRole::Or},
      {"SELECT", WordRole::Boundary},
      {"SET", WordRole::SoftBoundary},
      {"THEN", WordRole::Boundary},
      {"TIMEOUT", WordRole::SoftBoundary},
      {"UNION", WordRole::Boundary},
      {"WHEN", WordRole::Boundary},
      {"WHERE", WordRole::Boundary},
      {"WITH", WordRole::Boundary},
  };
  for (const auto& entry : kWords) {
    if (entry.word == upper) return entry.role;
  }
  return WordRole::Name;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  Prescan run() {
    if (auto bad = first_invalid_utf8()) {
      advance_to(*bad);
      return fail(line_, column_,
                  fmt::format("invalid UTF-8 byte 0x{:02X} in the input",
                              static_cast<unsigned char>(text_[*bad])));
    }
    // A byte-order mark, as some editors write, is invisible: columns start after it.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
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
  // One open parenthesis or CASE (the bottom frame is the statement itself).
  struct Frame {
    int depth = 0;  // nesting level inside it, for kMaxNesting
    bool is_case = false;
    int tree_base = 0;            // estimated expression-tree depth of the node that opened it
    int chain[kClassCount] = {};  // operators per class since the last boundary in it
  };

  char peek(size_t ahead) const { return i_ + ahead < text_.size() ? text_[i_ + ahead] : '\0'; }

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
    frames_.assign(1, Frame{});
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
        return problem(line, column,
                       fmt::format("unterminated {}: {} without a closing {}", what, quote, quote));
      }
      if (close + 1 < text_.size() && text_[close + 1] == quote) {
        k = close + 2;
        continue;
      }
      advance_to(close + 1);
      return true;
    }
  }

  Frame& frame() { return frames_.back(); }

  // Estimated depth, in the expression tree, of an operand at the current point: the frame's
  // base plus one level per chained operator and pending prefix operator. An over-estimate for
  // mixed operators (a = 1 AND b = 2 counts the AND and the last =), exact for plain chains.
  int tree_depth() {
    int depth = frame().tree_base + prefix_run_ + 1;
    for (int count : frame().chain) depth += count;
    return depth;
  }

  bool check_tree_depth() {
    if (tree_depth() <= kMaxExprDepth) return true;
    return problem(line_, column_,
                   fmt::format("expression nested too deeply (the limit is {} "
                               "levels)",
                               kMaxExprDepth));
  }

  // An operator of class `c` joins the chain of its class and ends the operands of tighter ones.
  bool chain_operator(OpClass c) {
    ++frame().chain[c];
    for (int k = c + 1; k < kClassCount; ++k) frame().chain[k] = 0;
    after_operand_ = false;
    return check_tree_depth();
  }

  // A clause keyword, ',' or CASE branch starts a new expression.
  void boundary() {
    for (int& count : frame().chain) count = 0;
    prefix_run_ = 0;
    after_operand_ = false;
  }

  bool open(bool is_case) {
    Frame inner;
    inner.depth = frame().depth + prefix_run_ + 1;
    inner.is_case = is_case;
    inner.tree_base = tree_depth();
    if (inner.depth > kMaxNesting) {
      return problem(line_, column_,
                     fmt::format("{} nested too deeply (the limit is {} levels)",
                                 is_case ? "CASE expressions" : "parentheses", kMaxNesting));
    }
    if (!check_tree_depth()) return false;
    frames_.push_back(inner);
    prefix_run_ = 0;
    after_operand_ = false;
    return true;
  }

  // The bottom frame is never closed: unbalanced input is the parser's to report.
  void close(bool is_case) {
    if (is_case) {
      if (frames_.size() > 1 && frame().is_case) frames_.pop_back();
    } else {
      while (frames_.size() > 1 && frame().is_case) frames_.pop_back();
      if (frames_.size() > 1) frames_.pop_back();
    }
    operand();
  }

  bool prefix_operator(OpClass c) {
    ++prefix_run_;
    if (frame().depth + prefix_run_ > kMaxNesting) {
      return problem(
          line_, column_,
          fmt::format("operators nested too deeply (the limit is {} levels)", kMaxNesting));
    }
    after_operand_ = false;
    // The run is counted once, in prefix_run_; the class only ends tighter chains.
    for (int k = c + 1; k < kClassCount; ++k) frame().chain[k] = 0;
    return check_tree_depth();
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
    bool ok = true;
    size_t length = 1;
    char next = peek(1);
    switch (c) {
      case '(':
        ok = open(false);
        break;
      case ')':
        advance(1);
        close(false);
        return true;
      case ',':
        boundary();
        break;
      case '-':
      case '+':
        ok = after_operand_ ? chain_operator(kAdditive) : prefix_operator(kUnary);
        break;
      case '|':
        length = next == '|' ? 2 : 1;
        ok = chain_operator(kAdditive);
        break;
      case '*':
      case '/':
      case '%':
        ok = chain_operator(kMultiplicative);
        break;
      case '<':
      case '>':
      case '!':
        length = next == '=' || (c == '<' && next == '>') ? 2 : 1;
        ok = chain_operator(kCompare);
        break;
      case '=':
        ok = chain_operator(kCompare);
        break;
      default:
        after_operand_ = false;
        break;
    }
    if (!ok) return false;
    advance(length);
    return true;
  }

  bool word() {
    size_t end = i_;
    while (end < text_.size() && is_word_char(static_cast<unsigned char>(text_[end]))) ++end;
    // The words that matter here are short; longer ones are names.
    char upper[16];
    size_t n = end - i_;
    WordRole role = WordRole::Name;
    if (n < sizeof upper) {
      for (size_t k = 0; k < n; ++k) {
        upper[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(text_[i_ + k])));
      }
      role = word_role(std::string_view(upper, n));
    }
    bool ok = true;
    switch (role) {
      case WordRole::Name:
        operand();
        break;
      case WordRole::Boundary:
        boundary();
        break;
      case WordRole::SoftBoundary:
        if (after_operand_) {
          boundary();
        } else {
          operand();
        }
        break;
      case WordRole::NonOperand:
        after_operand_ = false;
        break;
      case WordRole::Or:
        ok = chain_operator(kOr);
        break;
      case WordRole::And:
        ok = chain_operator(kAnd);
        break;
      case WordRole::Not:
        ok = prefix_operator(kNot);
        break;
      case WordRole::Compare:
        ok = chain_operator(kCompare);
        break;
      case WordRole::Case:
        ok = open(true);
        break;
      case WordRole::End:
        close(true);
        break;
    }
    if (!ok) return false;
    advance_to(end);
    return true;
  }

  void number() {
    size_t end = i_;
    while (end < text_.size()) {
      unsigned char c = text_[end];
      if (std::isdigit(c) || c == '.') {
        ++end;
      } else if (c == 'e' || c == 'E') {
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
  int prefix_run_ = 0;          // prefix operators since the last operand at this level
  bool after_operand_ = false;  // the previous token ended an operand: '-' is binary
};

}  // namespace

Prescan prescan(std::string_view text) { return Scanner(text).run(); }

}  // namespace eddy::parser_internal
