// Helpers shared by the build_*.cpp files.
#include "parser/ast_builder.h"

#include <cctype>

namespace eddy::parser_internal {

void fail(ast::Pos pos, std::string message) { throw BuildError{pos, std::move(message)}; }

std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string string_value(antlr4::Token* token) {
  const std::string text = token->getText();
  std::string out;
  out.reserve(text.size());
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    out += text[i];
    if (text[i] == '\'') ++i;
  }
  return out;
}

ast::Pos AstBuilder::pos(antlr4::Token* token) {
  return {static_cast<int>(token->getLine()), static_cast<int>(token->getCharPositionInLine()) + 1};
}

std::string AstBuilder::text(antlr4::ParserRuleContext* ctx) const {
  antlr4::Token* start = ctx->getStart();
  antlr4::Token* stop = ctx->getStop();
  if (start == nullptr || stop == nullptr || stop->getStopIndex() < start->getStartIndex() ||
      stop->getType() == antlr4::Token::EOF) {
    return "";
  }
  return input_.getText(antlr4::misc::Interval(start->getStartIndex(), stop->getStopIndex()));
}

namespace {

// The body of a quoted identifier: without the quotes, doubled quotes undone.
std::string unquote(const std::string& token, char quote) {
  std::string out;
  out.reserve(token.size());
  for (size_t i = 1; i + 1 < token.size(); ++i) {
    out += token[i];
    if (token[i] == quote) ++i;  // the second of a doubled quote
  }
  return out;
}

}  // namespace

ast::Name AstBuilder::name(EddyParser::IdentifierContext* ctx) const {
  antlr4::Token* token = ctx->getStart();
  ast::Name name;
  name.pos = pos(token);
  switch (token->getType()) {
    case EddyParser::QUOTED_IDENTIFIER:
      name.text = unquote(token->getText(), '"');
      name.quoted = true;
      name.double_quoted = true;
      break;
    case EddyParser::BACKQUOTED_IDENTIFIER:
      name.text = unquote(token->getText(), '`');
      name.quoted = true;
      break;
    default:
      name.text = token->getText();  // as written; unquoted names match case-insensitively later
      break;
  }
  if (name.quoted && name.text.empty()) fail(name.pos, "a quoted identifier cannot be empty");
  return name;
}

}  // namespace eddy::parser_internal
