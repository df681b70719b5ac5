// The pass over a script that runs before ANTLR: it splits the script into statements and rejects
// what the generated parser cannot survive or would report badly. Private to parser/.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eddy::parser_internal {

// Deepest expression tree the parser produces. `a OR b OR c ...` nests one level per operator
// without any parentheses; the planner and the evaluator walk trees recursively, so an unbounded
// chain would move the stack overflow there. DuckDB uses the same default limit.
inline constexpr int kMaxExprDepth = 1000;

// One ';'-separated piece of a script.
struct Segment {
  size_t begin = 0;  // byte offset of the first byte
  size_t end = 0;    // byte offset one past the last byte (the ';' or the end of the script)
  int line = 1;      // 1-based position of `begin`; columns count code points, as ANTLR's
  int column = 1;
  bool terminated = false;  // ended by a ';' (at `end`) rather than by the end of the script
  bool empty = true;        // nothing but whitespace and comments: not a statement
};

struct ScanProblem {
  int line = 0;
  int column = 0;
  std::string message;
};

struct Prescan {
  std::vector<Segment> segments;
  std::optional<ScanProblem> problem;  // the first problem; segments are incomplete when set
};

// Splits at top-level ';' (not inside strings, quoted identifiers or comments), validates UTF-8,
// reports unterminated strings, quoted identifiers and block comments where they start, and
// rejects nesting deeper than kMaxNesting. ANTLR's recursive descent uses a few stack frames per
// nesting level, so an unbounded input would overflow the stack, an uncatchable crash. Nesting
// counts open parentheses, open CASE expressions and runs of prefix operators (NOT, unary - and
// +): `NOT NOT NOT x` recurses like `(((x)))`. The count over-approximates on purpose (a binary
// minus after a keyword-named column may count as a prefix), which only matters near the limit.
//
// It also estimates the depth of the expression tree and rejects estimates beyond
// kMaxExprDepth. ANTLR parses `a + a + a ...` in a loop, but into a parse tree as deep as the
// chain is long, hundreds of megabytes for a megabyte of input, only for the AST builder to
// refuse it; the estimate refuses it first. The builder still checks the exact depth.
Prescan prescan(std::string_view text);

}  // namespace eddy::parser_internal
