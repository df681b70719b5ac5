// The parser front end: pre-scan (split, nesting limit), ANTLR per statement, first error only.
//
// Each statement is lexed and parsed on its own: memory stays proportional to the largest
// statement rather than the script, and an error never depends on what follows the ';'.
// Parsing runs in two stages, as the ANTLR documentation recommends: the fast SLL prediction
// mode with a bail-out strategy first, and only when that fails, full LL with error reporting,
// which also tells a true syntax error from an SLL false alarm.
#include "parser/parser.h"

#include <mutex>

#include <fmt/format.h>

#include "EddyLexer.h"
#include "EddyParser.h"
#include "antlr4-runtime.h"
#include "parser/ast_builder.h"
#include "parser/prescan.h"
#include "parser/syntax_error.h"

namespace eddy {
namespace {

using parser_internal::AstBuilder;
using parser_internal::BuildError;
using parser_internal::Segment;
using parser_internal::SyntaxProblem;

// The ANTLR 4.9 C++ runtime shares its prediction caches between all parsers of a grammar and is
// not reliably thread-safe; parses are short, so they take turns.
std::mutex& antlr_mutex() {
  static std::mutex mutex;
  return mutex;
}

Error syntax_error(std::string_view script, int line, int column, std::string message) {
  Error error;
  error.kind = Error::Kind::Syntax;
  error.message = std::move(message);
  error.line = line;
  error.column = column;
  error.snippet = caret_snippet(script, line, column);
  return error;
}

Result<ast::StatementPtr> parse_segment(std::string_view script, const Segment& segment) {
  antlr4::ANTLRInputStream input(
      std::string(script.substr(segment.begin, segment.end - segment.begin)));
  eddygen::EddyLexer lexer(&input);
  // Token positions are script positions, so errors and AST positions need no translation.
  lexer.setLine(static_cast<size_t>(segment.line));
  lexer.setCharPositionInLine(static_cast<size_t>(segment.column - 1));
  parser_internal::LexerErrorListener lexer_errors;
  lexer.removeErrorListeners();
  lexer.addErrorListener(&lexer_errors);

  antlr4::CommonTokenStream tokens(&lexer);
  eddygen::EddyParser parser(&tokens);
  parser.removeErrorListeners();
  auto* simulator = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();

  simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  eddygen::EddyParser::SingleStatementContext* tree = nullptr;
  std::optional<SyntaxProblem> problem;
  try {
    tree = parser.singleStatement();
  } catch (const antlr4::ParseCancellationException&) {
    auto strategy = std::make_shared<parser_internal::ExpectingErrorStrategy>();
    parser_internal::ParserErrorListener listener(*strategy, !segment.terminated);
    parser.reset();
    parser.setErrorHandler(strategy);
    parser.addErrorListener(&listener);
    simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
    try {
      tree = parser.singleStatement();
    } catch (const parser_internal::StopParsing&) {
      problem = listener.problem;
    }
    parser.removeErrorListeners();
  }

  // The lexer drops characters it cannot match and carries on; report whichever error comes
  // first in the text.
  if (lexer_errors.first && (!problem || lexer_errors.first->offset <= problem->offset)) {
    problem = lexer_errors.first;
  }
  if (problem) return syntax_error(script, problem->line, problem->column, problem->message);

  try {
    return AstBuilder(input).statement(tree->statement());
  } catch (const BuildError& e) {
    return syntax_error(script, e.pos.line, e.pos.column, e.message);
  }
}

}  // namespace

// The longest statement parsed, in bytes (docs/language.md, Limits): 4 MB parse in about a
// second; 200 MB took gigabytes and minutes.
constexpr size_t kMaxStatementBytes = size_t(4) << 20;

Result<std::vector<ast::StatementPtr>> parse_script(std::string_view text) {
  try {
    parser_internal::Prescan scan = parser_internal::prescan(text);
    if (scan.problem) {
      return syntax_error(text, scan.problem->line, scan.problem->column, scan.problem->message);
    }
    std::vector<ast::StatementPtr> statements;
    std::lock_guard lock(antlr_mutex());
    for (const Segment& segment : scan.segments) {
      if (segment.empty) continue;
      if (segment.end - segment.begin > kMaxStatementBytes) {
        return syntax_error(text, segment.line, segment.column,
                            fmt::format("statement too long ({} bytes; the limit is {} bytes)",
                                        segment.end - segment.begin, kMaxStatementBytes));
      }
      auto statement = parse_segment(text, segment);
      if (!statement) return statement.error();
      statements.push_back(std::move(statement.value()));
    }
    return statements;
  } catch (const std::bad_alloc&) {
    Error error;
    error.kind = Error::Kind::Syntax;
    error.message = "out of memory while parsing";
    return error;
  } catch (const std::exception& e) {
    Error error;
    error.kind = Error::Kind::Syntax;
    error.message = fmt::format("internal parser error: {}", e.what());
    return error;
  } catch (...) {
    Error error;
    error.kind = Error::Kind::Syntax;
    error.message = "internal parser error";
    return error;
  }
}

std::string caret_snippet(std::string_view text, int line, int column) {
  if (line < 1 || column < 1) return "";
  size_t begin = 0;
  for (int l = 1; l < line; ++l) {
    size_t newline = text.find('\n', begin);
    if (newline == std::string_view::npos) return "";
    begin = newline + 1;
  }
  size_t end = text.find('\n', begin);
  std::string_view source = text.substr(begin, end == std::string_view::npos ? end : end - begin);
  if (!source.empty() && source.back() == '\r') source.remove_suffix(1);
  if (line == 1 && source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);  // see prescan

  // The caret line copies tabs from the source line so the caret lines up however wide the
  // terminal draws a tab; every other character (a code point) becomes one space.
  std::string caret;
  int col = 1;
  for (size_t i = 0; i < source.size() && col < column; ++i) {
    unsigned char c = source[i];
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte: same column
    caret += c == '\t' ? '\t' : ' ';
    ++col;
  }
  for (; col < column; ++col) caret += ' ';  // past the end of the line (end of input)
  caret += '^';
  return std::string(source) + "\n" + caret;
}

std::vector<std::string> keyword_names() {
  static const std::vector<std::string> names = [] {
    antlr4::ANTLRInputStream input("");
    eddygen::EddyLexer lexer(&input);
    const antlr4::dfa::Vocabulary& vocabulary = lexer.getVocabulary();
    std::vector<std::string> out;
    // The grammar lists its keywords alphabetically, from ADVANCE to YEARS.
    for (size_t type = eddygen::EddyLexer::ADVANCE; type <= eddygen::EddyLexer::YEARS; ++type) {
      std::string name = vocabulary.getSymbolicName(type);
      if (!name.empty() && name.back() == '_') name.pop_back();  // token NULL_ is spelled NULL
      out.push_back(std::move(name));
    }
    return out;
  }();
  return names;
}

}  // namespace eddy
