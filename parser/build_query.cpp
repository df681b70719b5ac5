// Queries: SELECT blocks joined by UNION ALL, LIMIT, select items, FROM relations (including
// window table functions), GROUP BY, HAVING and TIMEOUT.
#include <charconv>

#include <fmt/format.h>

#include "parser/ast_builder.h"
#include "parser/syntax_error.h"  // closest_word

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
  if (auto* group = ctx->groupByClause()) {
    select.has_group_by = true;
    for (auto* e : group->expression()) select.group_by.push_back(expression(e));
  }
  if (auto* having = ctx->havingClause()) select.having = expression(having->expression());
  if (auto* t = ctx->timeoutClause()) {
    if (!select.has_group_by) {
      fail(pos(t),
           "TIMEOUT needs a GROUP BY to say what goes idle: write GROUP BY key TIMEOUT "
           "INTERVAL '1' MINUTE");
    }
    select.timeout = timeout(t);
  }
  return select;
}

ast::TimeoutClause AstBuilder::timeout(EddyParser::TimeoutClauseContext* ctx) {
  ast::TimeoutClause clause;
  clause.pos = pos(ctx);
  clause.interval = interval_literal(ctx->intervalValue());
  // A zero or negative timeout would fire before the record that set it had been counted.
  if (clause.interval->as<ast::Literal>().value.int_value() <= 0) {
    fail(clause.interval->pos, "TIMEOUT must be a positive interval, e.g. INTERVAL '1' MINUTE");
  }
  clause.reset_state = ctx->retention != nullptr && ctx->retention->getType() == EddyParser::RESET;
  clause.processing_time = ctx->PROCESSING() != nullptr;
  return clause;
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
  } else if (auto* w = dynamic_cast<EddyParser::WindowRelationContext*>(ctx)) {
    ref.kind = ast::TableRef::Kind::Window;
    ref.window = window_function(w->windowFunction());
    alias = w->alias;
  } else {
    auto* s = static_cast<EddyParser::SubqueryRelationContext*>(ctx);
    ref.kind = ast::TableRef::Kind::Subquery;
    ref.subquery = query(s->query());
    alias = s->alias;
  }
  if (alias != nullptr) ref.alias = name(alias);
  return ref;
}

namespace {

// The window table functions and the interval arguments each takes after DESCRIPTOR(...).
struct WindowShape {
  std::string_view name;
  size_t min_args, max_args;
  std::string_view signature;
};
constexpr WindowShape kWindowShapes[] = {
    {"TUMBLE", 1, 2, "TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])"},
    {"HOP", 2, 3, "HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset])"},
    {"CUMULATE", 2, 3, "CUMULATE(TABLE t, DESCRIPTOR(ts), step, size [, offset])"},
    {"SESSION", 1, 1, "SESSION(TABLE t [PARTITION BY k], DESCRIPTOR(ts), gap)"},
};

}  // namespace

std::shared_ptr<const ast::WindowFunction> AstBuilder::window_function(
    EddyParser::WindowFunctionContext* ctx) {
  auto window = std::make_shared<ast::WindowFunction>();
  window->pos = pos(ctx);
  ast::Name function = name(ctx->function);
  window->function = ascii_upper(function.text);
  const WindowShape* shape = nullptr;
  for (const auto& s : kWindowShapes) {
    if (s.name == window->function) shape = &s;
  }
  if (shape == nullptr) {
    std::string message = fmt::format(
        "unknown window function '{}': expected TUMBLE, HOP, CUMULATE or SESSION", function.text);
    std::string best = closest_word(function.text, {"TUMBLE", "HOP", "CUMULATE", "SESSION"});
    if (!best.empty()) message += fmt::format("; did you mean {}?", best);
    fail(function.pos, message);
  }
  window->input = name(ctx->input);
  if (auto* partition = ctx->partitionBy()) {
    if (window->function != "SESSION") {
      fail(pos(partition),
           fmt::format("{} windows take no PARTITION BY: {}", window->function, shape->signature));
    }
    for (auto* key : partition->identifier()) window->partition_by.push_back(name(key));
  }
  window->time_column = name(ctx->timeColumn);
  const auto args = ctx->expression();
  if (args.size() < shape->min_args) {
    fail(pos(ctx->RPAREN().back()),
         fmt::format("{} needs {} after DESCRIPTOR(...): {}", window->function,
                     shape->min_args == 1 ? "an interval" : "two intervals", shape->signature));
  }
  if (args.size() > shape->max_args) {
    fail(pos(args[shape->max_args]),
         fmt::format("too many arguments to {}: {}", window->function, shape->signature));
  }
  for (auto* e : args) window->args.push_back(expression(e));
  return window;
}

}  // namespace eddy::parser_internal
