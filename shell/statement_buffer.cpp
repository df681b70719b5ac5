#include "statement_buffer.h"

#include <cctype>

namespace eddy::shell {

namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

}  // namespace

void StatementBuffer::add_line(std::string_view line) {
  if (buffer_.empty()) {
    start_line_ = next_line_;
    start_column_ = 1;
    start_prefix_.clear();
  }
  buffer_.append(line);
  buffer_.push_back('\n');
  ++next_line_;
  scan();
}

bool StatementBuffer::is_fresh() const {
  // Every mutation rescans, so the state describes the pending text up to its first ';'.
  return state_ == State::Normal && !has_content_;
}

void StatementBuffer::skip_line() {
  buffer_.clear();
  scanned_ = 0;
  state_ = State::Normal;
  has_content_ = false;
  ++next_line_;
}

void StatementBuffer::reset(int next_line) {
  buffer_.clear();
  scanned_ = 0;
  state_ = State::Normal;
  has_content_ = false;
  next_line_ = next_line;
}

size_t StatementBuffer::scan() {
  for (; scanned_ < buffer_.size(); ++scanned_) {
    char c = buffer_[scanned_];
    char next = scanned_ + 1 < buffer_.size() ? buffer_[scanned_ + 1] : '\0';
    switch (state_) {
      case State::Normal:
        if (c == ';') return scanned_;
        if (c == '-' && next == '-') {
          state_ = State::LineComment;
          ++scanned_;
        } else if (c == '/' && next == '*') {
          state_ = State::BlockComment;
          ++scanned_;
        } else if (!is_space(c)) {
          has_content_ = true;
          if (c == '\'') state_ = State::SingleQuote;
          if (c == '"') state_ = State::DoubleQuote;
          if (c == '`') state_ = State::Backtick;
        }
        break;
      // A doubled quote inside a quoted text is an escaped quote: it closes and reopens, which
      // this per-character toggle handles without lookahead.
      case State::SingleQuote:
        if (c == '\'') state_ = State::Normal;
        break;
      case State::DoubleQuote:
        if (c == '"') state_ = State::Normal;
        break;
      case State::Backtick:
        if (c == '`') state_ = State::Normal;
        break;
      case State::LineComment:
        if (c == '\n') state_ = State::Normal;
        break;
      case State::BlockComment:
        if (c == '*' && next == '/') {
          state_ = State::Normal;
          ++scanned_;
        }
        break;
    }
  }
  return std::string::npos;
}

PendingText StatementBuffer::cut(size_t end) {
  PendingText out;
  out.text = buffer_.substr(0, end);
  out.line = start_line_;
  out.column = start_column_;
  out.line_prefix = start_prefix_;

  // Move the start position past the cut text, so the remainder keeps exact line:col.
  for (char c : out.text) {
    if (c == '\n') {
      ++start_line_;
      start_column_ = 1;
      start_prefix_.clear();
    } else {
      ++start_column_;
      start_prefix_.push_back(c);
    }
  }
  buffer_.erase(0, end);
  scanned_ = 0;
  state_ = State::Normal;
  has_content_ = false;

  // Leading whitespace (the rest of the previous statement's line, blank lines) is dropped so the
  // statement's position is that of its first real character.
  size_t skip = 0;
  int line = out.line, column = out.column;
  std::string prefix = out.line_prefix;
  while (skip < out.text.size() && is_space(out.text[skip])) {
    if (out.text[skip] == '\n') {
      ++line;
      column = 1;
      prefix.clear();
    } else {
      ++column;
      prefix.push_back(out.text[skip]);
    }
    ++skip;
  }
  out.text.erase(0, skip);
  out.line = line;
  out.column = column;
  out.line_prefix = std::move(prefix);
  scan();
  return out;
}

std::optional<PendingText> StatementBuffer::take_statement() {
  while (true) {
    size_t semicolon = scan();
    if (semicolon == std::string::npos) return std::nullopt;
    bool content = has_content_;
    PendingText statement = cut(semicolon + 1);
    if (content) return statement;
  }
}

std::optional<PendingText> StatementBuffer::take_rest() {
  if (is_fresh()) {
    reset(next_line_);
    return std::nullopt;
  }
  PendingText rest = cut(buffer_.size());
  // Drop the newline add_line appended after the last line.
  while (!rest.text.empty() && is_space(rest.text.back())) rest.text.pop_back();
  reset(next_line_);
  return rest;
}

}  // namespace eddy::shell
