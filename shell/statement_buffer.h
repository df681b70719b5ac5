// Accumulates input lines until a statement is complete, the way sqlite3 and DuckDB shells do: a
// statement ends at a ';' outside quotes and comments. This is only the lexical test the shell
// needs to know when to stop reading (and which prompt to show); the engine's parser remains the
// one that splits and understands statements.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace eddy::shell {

// A complete statement's text (up to and including its ';') and where it starts in the input.
struct PendingText {
  std::string text;
  int line = 1;             // 1-based line of text[0]
  int column = 1;           // 1-based column of text[0]
  std::string line_prefix;  // the part of that line before `column` (for error snippets)
};

class StatementBuffer {
 public:
  // Appends one input line (without its newline).
  void add_line(std::string_view line);
  // Nothing but whitespace and complete comments is pending: a dot-command may start here.
  bool is_fresh() const;
  // Skips one input line that was consumed elsewhere (a dot-command); only valid when fresh.
  void skip_line();
  // The next complete statement, if any. Statements with no content (a lone ';') are dropped.
  std::optional<PendingText> take_statement();
  // At end of input: whatever is left, if it contains more than whitespace and comments.
  std::optional<PendingText> take_rest();
  // Forgets pending input; the next line added is line `next_line`.
  void reset(int next_line = 1);
  // The line number the next added line will get.
  int next_line() const { return next_line_; }

 private:
  enum class State { Normal, SingleQuote, DoubleQuote, Backtick, LineComment, BlockComment };

  // Advances the scan up to the first top-level ';' (returning its index) or the end (npos).
  size_t scan();
  // Removes buffer_[0, end) and returns it with its position.
  PendingText cut(size_t end);

  std::string buffer_;
  size_t scanned_ = 0;
  State state_ = State::Normal;
  bool has_content_ = false;
  int start_line_ = 1;
  int start_column_ = 1;
  std::string start_prefix_;
  int next_line_ = 1;
};

}  // namespace eddy::shell
