// Queries: SELECT blocks joined by UNION ALL, LIMIT, select items and FROM relations.
#include <charconv>

#include "parser/ast_builder.h"

namespace eddy::parser_internal {

std::shared_ptr<const ast::QueryExpr> AstBuilder::query(EddyParser::QueryContext* ctx) {
  return std::make_shared<const ast::QueryExpr>(query_expr(ctx));
}

ast::QueryExpr AstBuilder::query_expr(EddyParser::QueryContext* ctx) {
  ast::QueryExpr out;
  out.pos = pos(ctx);
  out.text = text(ctx);
  const auto tails = ctx->unionTail();
  add_term(ctx->queryTerm(), out, tails.empty());
  for (auto* tail : tails) {
    if (tail->quantifier == nullptr || tail->quantifier->getType() != EddyParser::ALL) {
      // UNION DISTINCT would need to remember every row ever emitted.
      fail(pos(tail), "only UNION ALL is supported: write UNION ALL");
    }
    add_term(tail->queryTerm(), out, false);
  }
  if (auto* limit = ctx->limitClause()) {
    if (out.limit) fail(pos(limit), "a query can have only one LIMIT");
    antlr4::Token* number = limit->INTEGER_VALUE()->getSymbol();
    const std::string digits = number->getText();
    int64_t value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size()) {
      fail(pos(number), "LIMIT " + digits + " is out of range");
    }
    out.limit = value;
  }
  return out;
}

// A parenthesised term contributes its SELECT blocks; its LIMIT only when it is the whole query,
// since QueryExpr has one LIMIT for all of its blocks.
void AstBuilder::add_term(EddyParser::QueryTermContext* ctx, ast::QueryExpr& out, bool only_term) {
  if (auto* s = dynamic_cast<EddyParser::SelectTermContext*>(ctx)) {
    out.selects.push_back(select_block(s->selectBlock()));
    return;
  }
  auto* p = static_cast<EddyParser::ParenthesizedTermContext*>(ctx);
  ast::QueryExpr inner = query_expr(p->query());
  if (inner.limit) {
    if (!only_term) {
      fail(pos(p->query()->limitClause()),
           "LIMIT inside a UNION ALL branch is not supported: put it at the end of the query");
    }
    out.limit = inner.limit;
  }
  for (auto& select : inner.selects) out.selects.push_back(std::move(select));
}

ast::Select AstBuilder::select_block(EddyParser::SelectBlockContext* ctx) {
  ast::Select select;
  select.pos = pos(ctx);
  if (auto* q = ctx->setQuantifier()) select.distinct = q->DISTINCT() != nullptr;
  for (auto* item : ctx->selectItem()) select.items.push_back(select_item(item));
  if (auto* from = ctx->fromClause()) select.from = relation(from->relation());
  if (auto* where = ctx->whereClause()) select.where = expression(where->expression());
  return select;
}

ast::SelectItem AstBuilder::select_item(EddyParser::SelectItemContext* ctx) {
  ast::SelectItem item;
  if (auto* q = dynamic_cast<EddyParser::QualifiedStarItemContext*>(ctx)) {
    item.expr = with_source(std::make_unique<ast::Star>(name(q->qualifier), ast::Pos{}), *this, q);
  } else if (auto* e = dynamic_cast<EddyParser::ExpressionItemContext*>(ctx)) {
    item.expr = expression(e->expression());
    if (e->alias != nullptr) item.alias = name(e->alias);
  } else {
    item.expr = with_source(std::make_unique<ast::Star>(std::nullopt, ast::Pos{}), *this, ctx);
  }
  return item;
}

ast::TableRef AstBuilder::relation(EddyParser::RelationContext* ctx) {
  ast::TableRef ref;
  ref.pos = pos(ctx);
  EddyParser::IdentifierContext* alias = nullptr;
  if (auto* n = dynamic_cast<EddyParser::NamedRelationContext*>(ctx)) {
    ref.kind = ast::TableRef::Kind::Named;
    ref.name = name(n->name);
    alias = n->alias;
  } else {
    auto* s = static_cast<EddyParser::SubqueryRelationContext*>(ctx);
    ref.kind = ast::TableRef::Kind::Subquery;
    ref.subquery = query(s->query());
    alias = s->alias;
  }
  if (alias != nullptr) ref.alias = name(alias);
  return ref;
}

}  // namespace eddy::parser_internal
