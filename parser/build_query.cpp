// Queries: SELECT blocks joined by UNION ALL, LIMIT, select items, FROM relations (including
// window table functions and joins), GROUP BY, HAVING and TIMEOUT.
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

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
  // A lone parenthesised query takes the place of the whole when there is nothing after it.
  const bool alone = tails.empty() && !ctx->orderByClause() && !ctx->limitClause();
  add_term(ctx->queryTerm(), out, alone);
  for (auto* tail : tails) {
    if (tail->quantifier == nullptr || tail->quantifier->getType() != EddyParser::ALL) {
      // UNION DISTINCT would need to remember every row ever emitted.
      fail(pos(tail), "only UNION ALL is supported: write UNION ALL");
    }
    add_term(tail->queryTerm(), out, false);
  }
  if (auto* order = ctx->orderByClause()) {
    out.order_pos = pos(order);
    for (auto* item : order->sortItem()) {
      ast::OrderItem sort;
      sort.expr = expression(item->expression());
      sort.descending = item->ordering != nullptr && item->ordering->getType() == EddyParser::DESC;
      if (item->nullOrder != nullptr)
        sort.nulls_first = item->nullOrder->getType() == EddyParser::FIRST;
      out.order_by.push_back(std::move(sort));
    }
  }
  if (auto* limit = ctx->limitClause()) {
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

// A parenthesised term contributes its SELECT blocks. One with its own ORDER BY or LIMIT is the
// whole query when `alone`; otherwise it becomes `SELECT * FROM (term)`, so that its LIMIT ends
// only its own branch.
void AstBuilder::add_term(EddyParser::QueryTermContext* ctx, ast::QueryExpr& out, bool alone) {
  if (auto* s = dynamic_cast<EddyParser::SelectTermContext*>(ctx)) {
    out.selects.push_back(select_block(s->selectBlock()));
    return;
  }
  auto* p = static_cast<EddyParser::ParenthesizedTermContext*>(ctx);
  ast::QueryExpr inner = query_expr(p->query());
  if ((inner.limit || !inner.order_by.empty()) && !alone) {
    ast::Select select;
    select.pos = pos(p);
    ast::SelectItem star;
    star.expr = with_source(std::make_unique<ast::Star>(std::nullopt, ast::Pos{}), *this, p);
    select.items.push_back(std::move(star));
    ast::TableRef from;
    from.kind = ast::TableRef::Kind::Subquery;
    from.pos = pos(p);
    from.subquery = std::make_shared<const ast::QueryExpr>(std::move(inner));
    select.from = std::move(from);
    out.selects.push_back(std::move(select));
    return;
  }
  out.order_by = std::move(inner.order_by);
  out.order_pos = inner.order_pos;
  out.limit = inner.limit;
  for (auto& select : inner.selects) out.selects.push_back(std::move(select));
}

ast::Select AstBuilder::select_block(EddyParser::SelectBlockContext* ctx) {
  ast::Select select;
  select.pos = pos(ctx);
  if (auto* q = ctx->setQuantifier()) select.distinct = q->DISTINCT() != nullptr;
  for (auto* item : ctx->selectItem()) select.items.push_back(select_item(item));
  if (auto* from = ctx->fromClause()) select.from = from_clause(from);
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

namespace {

// The keyword a join starts with (LEFT in LEFT OUTER JOIN, JOIN in a plain JOIN): where the join
// node's position points.
antlr4::Token* join_keyword(EddyParser::JoinClauseContext* ctx) {
  if (ctx->NATURAL() != nullptr) return ctx->NATURAL()->getSymbol();
  return ctx->joinType() != nullptr ? ctx->joinType()->getStart() : ctx->JOIN()->getSymbol();
}

ast::JoinKind join_kind(EddyParser::JoinTypeContext* ctx) {
  if (ctx == nullptr || dynamic_cast<EddyParser::InnerJoinContext*>(ctx) != nullptr) {
    return ast::JoinKind::Inner;
  }
  if (auto* outer = dynamic_cast<EddyParser::OuterJoinContext*>(ctx)) {
    switch (outer->side->getType()) {
      case EddyParser::LEFT:
        return ast::JoinKind::Left;
      case EddyParser::RIGHT:
        return ast::JoinKind::Right;
      default:
        return ast::JoinKind::Full;
    }
  }
  if (auto* semi = dynamic_cast<EddyParser::SemiJoinContext*>(ctx)) {
    return semi->filter->getType() == EddyParser::SEMI ? ast::JoinKind::LeftSemi
                                                       : ast::JoinKind::LeftAnti;
  }
  return ast::JoinKind::Cross;
}

// The join's keywords as written, upper-cased, for messages: "LEFT OUTER JOIN".
std::string join_spelling(EddyParser::JoinClauseContext* ctx) {
  std::string out = ctx->NATURAL() != nullptr ? "NATURAL " : "";
  if (auto* type = ctx->joinType()) {
    for (auto* child : type->children) out += ascii_upper(child->getText()) + " ";
  }
  return out + "JOIN";
}

ast::TableRef make_join(ast::JoinKind kind, ast::TableRef left, ast::TableRef right, ast::Pos pos,
                        std::shared_ptr<const ast::Expr> condition) {
  ast::TableRef join;
  join.kind = ast::TableRef::Kind::Join;
  join.join = kind;
  join.pos = pos;
  join.left = std::make_shared<const ast::TableRef>(std::move(left));
  join.right = std::make_shared<const ast::TableRef>(std::move(right));
  join.condition = std::move(condition);
  return join;
}

// The alias of a primary relation when it is written without AS and unquoted.
std::optional<ast::Name> bare_alias(const AstBuilder& builder,
                                    EddyParser::PrimaryRelationContext* ctx) {
  EddyParser::IdentifierContext* alias = nullptr;
  antlr4::tree::TerminalNode* as = nullptr;
  if (auto* n = dynamic_cast<EddyParser::NamedRelationContext*>(ctx)) {
    alias = n->alias;
    as = n->AS();
  } else if (auto* f = dynamic_cast<EddyParser::TableFunctionRelationContext*>(ctx)) {
    alias = f->alias;
    as = f->AS();
  } else if (auto* s = dynamic_cast<EddyParser::SubqueryRelationContext*>(ctx)) {
    alias = s->alias;
    as = s->AS();
  }
  if (alias == nullptr || as != nullptr) return std::nullopt;
  ast::Name name = builder.name(alias);
  if (name.quoted) return std::nullopt;
  return name;
}

// Restores the join depth when a FROM clause is done.
struct JoinDepth {
  int& depth;
  int saved;
  JoinDepth(int& d, int added) : depth(d), saved(d) { depth += added; }
  ~JoinDepth() { depth = saved; }
};

}  // namespace

// `FROM a, b, c` nests to the left as CROSS joins, each item possibly a chain of joins itself.
// The join nodes point at their ',' or join keyword.
ast::TableRef AstBuilder::from_clause(EddyParser::FromClauseContext* ctx) {
  const auto relations = ctx->relation();
  const auto commas = ctx->COMMA();
  // Every join of this clause, in source order, before anything is built: nested subqueries see
  // the whole clause's joins above them.
  std::vector<ast::Pos> joins;
  for (size_t i = 0; i < relations.size(); ++i) {
    if (i > 0) joins.push_back(pos(commas[i - 1]));
    for (auto* clause : relations[i]->joinClause()) joins.push_back(pos(join_keyword(clause)));
  }
  if (join_depth_ + static_cast<int>(joins.size()) > kMaxJoins) {
    fail(joins[static_cast<size_t>(kMaxJoins - join_depth_)],
         fmt::format("too many joins (the limit is {}, counting those of enclosing queries)",
                     kMaxJoins));
  }
  JoinDepth guard(join_depth_, static_cast<int>(joins.size()));
  ast::TableRef result = relation(relations[0]);
  for (size_t i = 1; i < relations.size(); ++i) {
    result = make_join(ast::JoinKind::Cross, std::move(result), relation(relations[i]),
                       pos(commas[i - 1]), nullptr);
  }
  return result;
}

// A primary relation and its join clauses, nested to the left:
// `a JOIN b ON x LEFT JOIN c ON y` is Join(Left, Join(Inner, a, b), c).
ast::TableRef AstBuilder::relation(EddyParser::RelationContext* ctx) {
  EddyParser::PrimaryRelationContext* previous = ctx->primaryRelation();
  ast::TableRef result = primary_relation(previous);
  for (auto* clause : ctx->joinClause()) {
    const ast::JoinKind kind = join_kind(clause->joinType());
    const ast::Pos at = pos(join_keyword(clause));
    // SEMI and ANTI are not reserved, so `a SEMI JOIN b` is `a AS semi JOIN b`, an inner join:
    // almost certainly not what was meant.
    if (clause->joinType() == nullptr) {
      if (auto alias = bare_alias(*this, previous)) {
        const std::string word = ascii_upper(alias->text);
        if (word == "SEMI" || word == "ANTI") {
          fail(alias->pos,
               fmt::format("{} JOIN is written LEFT {} JOIN (write AS {} for an alias named {})",
                           word, word, alias->text, alias->text));
        }
      }
    }
    ast::TableRef right = primary_relation(clause->right);
    std::shared_ptr<const ast::Expr> condition;
    const bool natural = clause->NATURAL() != nullptr;
    std::vector<ast::Name> using_columns;
    for (auto* column : clause->identifier()) using_columns.push_back(name(column));
    if (kind == ast::JoinKind::Cross) {
      if (natural) fail(at, "NATURAL CROSS JOIN is not valid: write NATURAL JOIN");
      if (clause->ON() != nullptr || clause->USING() != nullptr) {
        fail(pos(clause->ON() != nullptr ? clause->ON() : clause->USING()),
             "CROSS JOIN takes no ON condition: write JOIN ... ON <condition>, or put the "
             "conditions in WHERE");
      }
    } else if (natural) {
      if (clause->ON() != nullptr || clause->USING() != nullptr)
        fail(pos(clause->ON() != nullptr ? clause->ON() : clause->USING()),
             "a NATURAL JOIN takes no ON or USING: it joins on the columns both sides have");
    } else if (clause->USING() != nullptr) {
      // The columns both sides have, compared with =; bound in the planner.
    } else if (clause->ON() == nullptr) {
      std::string message = join_spelling(clause) + " needs ON <condition>";
      if (kind == ast::JoinKind::Inner) {
        message += "; write CROSS JOIN or FROM a, b for a join whose conditions are in WHERE";
      }
      fail(at, message);
    } else {
      condition = expression(clause->condition);
    }
    result = make_join(kind, std::move(result), std::move(right), at, std::move(condition));
    result.natural = natural;
    result.using_columns = std::move(using_columns);
    previous = clause->right;
  }
  return result;
}

ast::TableRef AstBuilder::primary_relation(EddyParser::PrimaryRelationContext* ctx) {
  ast::TableRef ref;
  ref.pos = pos(ctx);
  EddyParser::IdentifierContext* alias = nullptr;
  if (auto* n = dynamic_cast<EddyParser::NamedRelationContext*>(ctx)) {
    ref.kind = ast::TableRef::Kind::Named;
    ref.name = name(n->name);
    alias = n->alias;
  } else if (auto* f = dynamic_cast<EddyParser::TableFunctionRelationContext*>(ctx)) {
    ref.kind = ast::TableRef::Kind::Function;
    ref.function = table_function(f->tableFunction());
    alias = f->alias;
  } else {
    auto* s = static_cast<EddyParser::SubqueryRelationContext*>(ctx);
    ref.kind = ast::TableRef::Kind::Subquery;
    ref.subquery = query(s->query());
    alias = s->alias;
  }
  if (alias != nullptr) ref.alias = name(alias);
  return ref;
}

std::shared_ptr<const ast::TableFunction> AstBuilder::table_function(
    EddyParser::TableFunctionContext* ctx) {
  auto call = std::make_shared<ast::TableFunction>();
  call->name = name(ctx->function);
  call->pos = call->name.pos;
  call->end = pos(ctx->RPAREN());
  for (auto* arg : ctx->tableArgument()) {
    ast::TableArgument out;
    out.pos = pos(arg);
    if (auto* table = dynamic_cast<EddyParser::TableArgContext*>(arg)) {
      out.kind = ast::TableArgument::Kind::Table;
      out.table = name(table->input);
      if (auto* partition = table->partitionBy()) {
        out.partition_pos = pos(partition);
        for (auto* key : partition->identifier()) out.partition_by.push_back(name(key));
      }
    } else if (auto* descriptor = dynamic_cast<EddyParser::DescriptorArgContext*>(arg)) {
      out.kind = ast::TableArgument::Kind::Descriptor;
      for (auto* column : descriptor->identifier()) out.columns.push_back(name(column));
    } else {
      out.kind = ast::TableArgument::Kind::Expr;
      out.expr = expression(static_cast<EddyParser::ExpressionArgContext*>(arg)->expression());
    }
    call->args.push_back(std::move(out));
  }
  return call;
}

}  // namespace eddy::parser_internal
