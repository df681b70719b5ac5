// Parse tree (ANTLR contexts) -> eddy AST. Private to parser/: the only place besides parser.cpp
// that sees generated headers. One build_<construct>.cpp per part of the grammar.
#pragma once

#include <memory>
#include <string>

#include "EddyParser.h"
#include "parser/ast.h"
#include "parser/parser.h"   // kMaxJoins
#include "parser/prescan.h"  // kMaxExprDepth

namespace eddy::parser_internal {

using eddygen::EddyParser;

// An error the grammar cannot express (bad literal, unknown type, DECIMAL(40), ...). parse_script
// reports it as a syntax error at `pos`.
struct BuildError {
  ast::Pos pos;
  std::string message;
};
[[noreturn]] void fail(ast::Pos pos, std::string message);

class AstBuilder {
 public:
  // `input` is the statement's character stream; it supplies the source text of nodes.
  explicit AstBuilder(antlr4::CharStream& input) : input_(input) {}

  // build_statement.cpp
  ast::StatementPtr statement(EddyParser::StatementContext* ctx);

  // build_query.cpp
  std::shared_ptr<const ast::QueryExpr> query(EddyParser::QueryContext* ctx);

  // build_expr.cpp. `depth` is the depth the node will have in its tree (1 at the root).
  ast::ExprPtr expression(EddyParser::ExpressionContext* ctx, int depth = 1);

  // build_type.cpp
  Type data_type(EddyParser::DataTypeContext* ctx);

  // ast_builder.cpp: shared helpers.
  ast::Name name(EddyParser::IdentifierContext* ctx) const;
  std::string text(antlr4::ParserRuleContext* ctx) const;
  static ast::Pos pos(antlr4::Token* token);
  static ast::Pos pos(antlr4::ParserRuleContext* ctx) { return pos(ctx->getStart()); }
  static ast::Pos pos(antlr4::tree::TerminalNode* node) { return pos(node->getSymbol()); }

 private:
  // build_statement.cpp
  ast::StatementPtr create(EddyParser::CreateBodyContext* ctx, ast::Pos pos);
  ast::StatementPtr insert(EddyParser::InsertStatementContext* ctx);
  ast::StatementPtr query_statement(EddyParser::QueryContext* ctx);

  // build_query.cpp
  ast::QueryExpr query_expr(EddyParser::QueryContext* ctx);
  void add_term(EddyParser::QueryTermContext* ctx, ast::QueryExpr& out, bool alone);
  ast::Select select_block(EddyParser::SelectBlockContext* ctx);
  ast::SelectItem select_item(EddyParser::SelectItemContext* ctx);
  ast::TableRef from_clause(EddyParser::FromClauseContext* ctx);
  ast::TableRef relation(EddyParser::RelationContext* ctx);
  ast::TableRef primary_relation(EddyParser::PrimaryRelationContext* ctx);
  std::shared_ptr<const ast::TableFunction> table_function(EddyParser::TableFunctionContext* ctx);
  ast::TimeoutClause timeout(EddyParser::TimeoutClauseContext* ctx);

  // build_statement.cpp
  ast::ColumnDef column(EddyParser::ColumnDefinitionContext* ctx);
  ast::WatermarkDef watermark(EddyParser::WatermarkDefinitionContext* ctx);
  // CONSTRAINT name PRIMARY KEY ... NOT ENFORCED, on a column or after the columns; fails unless
  // NOT ENFORCED was written. The caller adds the columns.
  ast::PrimaryKeyDef primary_key(antlr4::ParserRuleContext* ctx,
                                 EddyParser::IdentifierContext* constraint,
                                 antlr4::tree::TerminalNode* primary,
                                 antlr4::tree::TerminalNode* not_,
                                 antlr4::tree::TerminalNode* enforced);

  // build_expr.cpp
  ast::ExprPtr boolean(EddyParser::BooleanExpressionContext* ctx, int depth);
  ast::ExprPtr predicated(EddyParser::PredicatedContext* ctx, int depth);
  ast::ExprPtr value(EddyParser::ValueExpressionContext* ctx, int depth);
  ast::ExprPtr primary(EddyParser::PrimaryExpressionContext* ctx, int depth);
  ast::ExprPtr special_call(EddyParser::PrimaryExpressionContext* ctx, int depth);
  void check_depth(int depth, antlr4::ParserRuleContext* ctx) const;

  // build_literal.cpp: nullptr when `ctx` is not a literal.
  ast::ExprPtr literal(EddyParser::PrimaryExpressionContext* ctx);
  ast::ExprPtr interval_literal(EddyParser::IntervalValueContext* ctx);

  antlr4::CharStream& input_;
  // Joins above the relation being built: those of the FROM clauses it is nested in (through
  // subqueries in FROM and ON) and of its own FROM clause. Bounded by kMaxJoins.
  int join_depth_ = 0;
};

// Fills in the position and source text every node carries.
template <class T>
std::unique_ptr<T> with_source(std::unique_ptr<T> node, const AstBuilder& builder,
                               antlr4::ParserRuleContext* ctx) {
  node->pos = AstBuilder::pos(ctx);
  node->text = builder.text(ctx);
  return node;
}

// The body of a string literal token: without the quotes, '' undone.
std::string string_value(antlr4::Token* token);

// Upper-cases ASCII letters (keywords, function names, units).
std::string ascii_upper(std::string_view s);

}  // namespace eddy::parser_internal
