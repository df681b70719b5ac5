// Expressions: boolean logic, predicates, arithmetic, calls (including the special call syntaxes
// of EXTRACT, POSITION, SUBSTRING, TRIM), CASE, CAST, [NOT] EXISTS (query) and column references.
#include <fmt/format.h>

#include "parser/ast_builder.h"

namespace eddy::parser_internal {
namespace {

std::string too_deep() {
  return fmt::format("expression nested too deeply (the limit is {} levels)", kMaxExprDepth);
}

// ANTLR builds `a + b + c ...` as left-nested contexts, one per operator. Recursing down that
// spine would overflow the stack on long chains, so it is walked in a loop and folded bottom-up.
// `operand` builds the leftmost operand and every right operand, none of which is a `Chain`.
template <class Chain, class Base, class Operand>
ast::ExprPtr fold_chain(const AstBuilder& builder, Base* top, int depth, Operand&& operand) {
  std::vector<Chain*> spine;
  Base* leaf = top;
  while (auto* node = dynamic_cast<Chain*>(leaf)) {
    spine.push_back(node);
    if (depth + static_cast<int>(spine.size()) > kMaxExprDepth) {
      fail(AstBuilder::pos(node->op), too_deep());
    }
    leaf = node->left;
  }
  ast::ExprPtr result = operand(leaf, depth + static_cast<int>(spine.size()));
  for (size_t i = spine.size(); i-- > 0;) {
    Chain* node = spine[i];
    ast::ExprPtr right = operand(node->right, depth + static_cast<int>(i) + 1);
    auto binary = std::make_unique<ast::Binary>(ascii_upper(node->op->getText()), std::move(result),
                                                std::move(right), ast::Pos{});
    result = with_source(std::move(binary), builder, node);
  }
  return result;
}

std::string function_name(const AstBuilder& builder, EddyParser::FunctionNameContext* ctx) {
  if (auto* id = ctx->identifier()) return ascii_upper(builder.name(id).text);
  return ascii_upper(ctx->getStart()->getText());  // LEFT, RIGHT
}

// The identifier when `ctx` is nothing but an unquoted name (`DAY`, `week`), else nullptr.
EddyParser::IdentifierContext* bare_identifier(const AstBuilder& builder,
                                               EddyParser::ExpressionContext* ctx) {
  auto* predicated = dynamic_cast<EddyParser::PredicatedContext*>(ctx->booleanExpression());
  if (predicated == nullptr || predicated->predicate() != nullptr) return nullptr;
  auto* value = dynamic_cast<EddyParser::ValuePrimaryContext*>(predicated->valueExpression());
  if (value == nullptr) return nullptr;
  auto* column = dynamic_cast<EddyParser::ColumnReferenceContext*>(value->primaryExpression());
  if (column == nullptr || builder.name(column->name).quoted) return nullptr;
  return column->name;
}

// A time unit written as a bare word (HOUR in FLOOR(ts TO HOUR), DAY in TIMESTAMPADD(DAY, ...)),
// as the upper-cased string literal the function registry takes.
ast::ExprPtr unit_literal(const AstBuilder& builder, EddyParser::IdentifierContext* ctx) {
  ast::Name unit = builder.name(ctx);
  auto literal = std::make_unique<ast::Literal>(Value::string(ascii_upper(unit.text)), unit.pos);
  literal->text = builder.text(ctx);
  return literal;
}

// Functions called without parentheses, as in Flink (and standard SQL): an unquoted
// CURRENT_TIMESTAMP (CURRENT_DATE, ...) is the function, never a column; "current_timestamp"
// quoted is a column.
bool is_niladic_function(const std::string& upper) {
  return upper == "CURRENT_TIMESTAMP" || upper == "LOCALTIMESTAMP" || upper == "CURRENT_DATE" ||
         upper == "CURRENT_TIME" || upper == "LOCALTIME";
}

}  // namespace

void AstBuilder::check_depth(int depth, antlr4::ParserRuleContext* ctx) const {
  if (depth > kMaxExprDepth) fail(pos(ctx), too_deep());
}

ast::ExprPtr AstBuilder::expression(EddyParser::ExpressionContext* ctx, int depth) {
  return boolean(ctx->booleanExpression(), depth);
}

ast::ExprPtr AstBuilder::boolean(EddyParser::BooleanExpressionContext* ctx, int depth) {
  if (dynamic_cast<EddyParser::LogicalBinaryContext*>(ctx) != nullptr) {
    return fold_chain<EddyParser::LogicalBinaryContext>(
        *this, ctx, depth,
        [this](EddyParser::BooleanExpressionContext* c, int d) { return boolean(c, d); });
  }
  if (auto* n = dynamic_cast<EddyParser::LogicalNotContext*>(ctx)) {
    check_depth(depth, ctx);
    auto operand = boolean(n->booleanExpression(), depth + 1);
    if (operand->kind == ast::ExprKind::Exists) {
      // NOT EXISTS (...) is one node, so the binder sees an anti join as readily as a semi join.
      // Also through parentheses and repeated NOTs: NOT (NOT EXISTS (...)) is EXISTS (...).
      auto& exists = operand->as<ast::Exists>();
      exists.negated = !exists.negated;
      exists.pos = pos(ctx);
      exists.text = text(ctx);
      return operand;
    }
    if (operand->kind == ast::ExprKind::InQuery) {
      auto& in = operand->as<ast::InQuery>();
      in.negated = !in.negated;
      in.pos = pos(ctx);
      in.text = text(ctx);
      return operand;
    }
    return with_source(std::make_unique<ast::Unary>("NOT", std::move(operand), ast::Pos{}), *this,
                       ctx);
  }
  return predicated(static_cast<EddyParser::PredicatedContext*>(ctx), depth);
}

ast::ExprPtr AstBuilder::predicated(EddyParser::PredicatedContext* ctx, int depth) {
  EddyParser::PredicateContext* predicate = ctx->predicate();
  if (predicate == nullptr) return value(ctx->valueExpression(), depth);
  check_depth(depth, ctx);
  const int child = depth + 1;
  ast::ExprPtr operand = value(ctx->valueExpression(), child);
  ast::ExprPtr out;
  if (auto* c = dynamic_cast<EddyParser::ComparisonPredicateContext*>(predicate)) {
    std::string op = c->comparisonOperator()->getText();
    if (op == "!=") op = "<>";
    out = std::make_unique<ast::Binary>(op, std::move(operand), value(c->right, child), ast::Pos{});
  } else if (auto* b = dynamic_cast<EddyParser::BetweenPredicateContext*>(predicate)) {
    auto between = std::make_unique<ast::Between>(ast::Pos{});
    between->operand = std::move(operand);
    between->low = value(b->lower, child);
    between->high = value(b->upper, child);
    between->negated = b->NOT() != nullptr;
    out = std::move(between);
  } else if (auto* q = dynamic_cast<EddyParser::InQueryPredicateContext*>(predicate)) {
    auto in = std::make_unique<ast::InQuery>(ast::Pos{});
    in->operand = std::move(operand);
    in->subquery = query(q->query());
    in->negated = q->NOT() != nullptr;
    out = std::move(in);
  } else if (auto* d = dynamic_cast<EddyParser::DistinctPredicateContext*>(predicate)) {
    out = std::make_unique<ast::Binary>(
        d->NOT() != nullptr ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM", std::move(operand),
        value(d->right, child), ast::Pos{});
  } else if (auto* i = dynamic_cast<EddyParser::InPredicateContext*>(predicate)) {
    auto in = std::make_unique<ast::InList>(ast::Pos{});
    in->operand = std::move(operand);
    for (auto* e : i->expression()) in->list.push_back(expression(e, child));
    in->negated = i->NOT() != nullptr;
    out = std::move(in);
  } else if (auto* l = dynamic_cast<EddyParser::LikePredicateContext*>(predicate)) {
    auto like = std::make_unique<ast::Like>(ast::Pos{});
    like->operand = std::move(operand);
    like->pattern = value(l->pattern, child);
    if (l->escape != nullptr) like->escape = value(l->escape, child);
    like->negated = l->NOT() != nullptr;
    out = std::move(like);
  } else {
    auto* n = static_cast<EddyParser::NullPredicateContext*>(predicate);
    out = std::make_unique<ast::IsNull>(std::move(operand), n->NOT() != nullptr, ast::Pos{});
  }
  return with_source(std::move(out), *this, ctx);
}

ast::ExprPtr AstBuilder::value(EddyParser::ValueExpressionContext* ctx, int depth) {
  if (dynamic_cast<EddyParser::BinaryArithmeticContext*>(ctx) != nullptr) {
    return fold_chain<EddyParser::BinaryArithmeticContext>(
        *this, ctx, depth,
        [this](EddyParser::ValueExpressionContext* c, int d) { return value(c, d); });
  }
  if (auto* u = dynamic_cast<EddyParser::UnaryArithmeticContext*>(ctx)) {
    check_depth(depth, ctx);
    auto operand = value(u->valueExpression(), depth + 1);
    return with_source(
        std::make_unique<ast::Unary>(u->op->getText(), std::move(operand), ast::Pos{}), *this, ctx);
  }
  auto* p = static_cast<EddyParser::ValuePrimaryContext*>(ctx);
  return primary(p->primaryExpression(), depth);
}

ast::ExprPtr AstBuilder::primary(EddyParser::PrimaryExpressionContext* ctx, int depth) {
  check_depth(depth, ctx);
  if (auto lit = literal(ctx)) return lit;
  if (auto call = special_call(ctx, depth)) return call;
  const int child = depth + 1;

  if (auto* c = dynamic_cast<EddyParser::ColumnReferenceContext*>(ctx)) {
    ast::Name column = name(c->name);
    if (!column.quoted && is_niladic_function(ascii_upper(column.text))) {
      return with_source(std::make_unique<ast::Call>(ascii_upper(column.text),
                                                     std::vector<ast::ExprPtr>{}, ast::Pos{}),
                         *this, ctx);
    }
    return with_source(
        std::make_unique<ast::ColumnRef>(std::nullopt, std::move(column), ast::Pos{}), *this, ctx);
  }
  if (auto* q = dynamic_cast<EddyParser::QualifiedColumnContext*>(ctx)) {
    return with_source(
        std::make_unique<ast::ColumnRef>(name(q->qualifier), name(q->name), ast::Pos{}), *this,
        ctx);
  }
  if (auto* p = dynamic_cast<EddyParser::ParenthesizedContext*>(ctx)) {
    // The node keeps the parentheses in its text and position: `(a + b)` is what was written.
    ast::ExprPtr inner = expression(p->expression(), depth);
    inner->pos = pos(ctx);
    inner->text = text(ctx);
    return inner;
  }
  if (auto* f = dynamic_cast<EddyParser::FunctionCallContext*>(ctx)) {
    std::string function = function_name(*this, f->functionName());
    // TIMESTAMPADD(DAY, 3, ts), TIMESTAMPDIFF(HOUR, a, b): the unit is a bare word, as in Flink.
    const bool unit_first = function == "TIMESTAMPADD" || function == "TIMESTAMPDIFF";
    std::vector<ast::ExprPtr> args;
    for (auto* e : f->expression()) {
      EddyParser::IdentifierContext* unit = nullptr;
      if (unit_first && args.empty() && f->setQuantifier() == nullptr) {
        unit = bare_identifier(*this, e);
      }
      args.push_back(unit != nullptr ? unit_literal(*this, unit) : expression(e, child));
    }
    auto call = std::make_unique<ast::Call>(std::move(function), std::move(args), ast::Pos{});
    if (auto* q = f->setQuantifier()) call->distinct = q->DISTINCT() != nullptr;
    return with_source(std::move(call), *this, ctx);
  }
  if (auto* s = dynamic_cast<EddyParser::StarCallContext*>(ctx)) {
    auto star = std::make_unique<ast::Star>(std::nullopt, pos(s->ASTERISK()));
    star->text = "*";
    std::vector<ast::ExprPtr> args;
    args.push_back(std::move(star));
    return with_source(std::make_unique<ast::Call>(function_name(*this, s->functionName()),
                                                   std::move(args), ast::Pos{}),
                       *this, ctx);
  }
  if (auto* c = dynamic_cast<EddyParser::CaseExpressionContext*>(ctx)) {
    auto node = std::make_unique<ast::Case>(ast::Pos{});
    if (c->operand != nullptr) node->operand = expression(c->operand, child);
    for (auto* when : c->whenClause()) {
      node->whens.emplace_back(expression(when->condition, child), expression(when->result, child));
    }
    if (c->otherwise != nullptr) node->otherwise = expression(c->otherwise, child);
    return with_source(std::move(node), *this, ctx);
  }
  if (auto* e = dynamic_cast<EddyParser::ExistsExpressionContext*>(ctx)) {
    auto exists = std::make_unique<ast::Exists>(ast::Pos{});
    exists->subquery = query(e->query());
    return with_source(std::move(exists), *this, ctx);
  }
  if (auto* c = dynamic_cast<EddyParser::CastExpressionContext*>(ctx)) {
    auto operand = expression(c->expression(), child);
    bool try_cast = c->kind->getType() == EddyParser::TRY_CAST;
    return with_source(std::make_unique<ast::Cast>(std::move(operand), data_type(c->dataType()),
                                                   try_cast, ast::Pos{}),
                       *this, ctx);
  }
  fail(pos(ctx), "unsupported expression");
}

// The SQL-standard call syntaxes with keywords between the arguments, as plain calls:
//   EXTRACT(unit FROM x)              -> EXTRACT('UNIT', x)   (unit upper-cased, as a string)
//   POSITION(a IN b)                  -> POSITION(a, b)
//   SUBSTRING(x FROM a [FOR b])       -> SUBSTRING(x, a [, b])
//   TRIM([BOTH] [chars] FROM x)       -> TRIM(x [, chars])
//   TRIM(LEADING [chars] FROM x)      -> LTRIM(x [, chars])
//   TRIM(TRAILING [chars] FROM x)     -> RTRIM(x [, chars])
//   FLOOR(x TO unit), CEIL(x TO unit) -> FLOOR(x, 'UNIT'), CEIL(x, 'UNIT')
// The string comes first in TRIM's arguments so that TRIM(x), LTRIM(x), RTRIM(x) written as plain
// calls mean the same. nullptr when `ctx` is none of these.
ast::ExprPtr AstBuilder::special_call(EddyParser::PrimaryExpressionContext* ctx, int depth) {
  const int child = depth + 1;
  std::string function;
  std::vector<ast::ExprPtr> args;
  if (auto* e = dynamic_cast<EddyParser::ExtractExpressionContext*>(ctx)) {
    function = "EXTRACT";
    args.push_back(unit_literal(*this, e->unit));
    args.push_back(expression(e->expression(), child));
  } else if (auto* f = dynamic_cast<EddyParser::FloorCeilExpressionContext*>(ctx)) {
    function = f->kind->getType() == EddyParser::FLOOR ? "FLOOR" : "CEIL";
    args.push_back(expression(f->expression(), child));
    args.push_back(unit_literal(*this, f->unit));
  } else if (auto* p = dynamic_cast<EddyParser::PositionExpressionContext*>(ctx)) {
    function = "POSITION";
    args.push_back(value(p->needle, child));
    args.push_back(value(p->haystack, child));
  } else if (auto* s = dynamic_cast<EddyParser::SubstringExpressionContext*>(ctx)) {
    function = "SUBSTRING";
    for (auto* e : s->expression()) args.push_back(expression(e, child));
  } else if (auto* t = dynamic_cast<EddyParser::TrimExpressionContext*>(ctx)) {
    function = "TRIM";
    if (t->side != nullptr && t->side->getType() == EddyParser::LEADING) function = "LTRIM";
    if (t->side != nullptr && t->side->getType() == EddyParser::TRAILING) function = "RTRIM";
    args.push_back(expression(t->expression(), child));
    if (t->chars != nullptr) args.push_back(value(t->chars, child));
  } else {
    return nullptr;
  }
  return with_source(std::make_unique<ast::Call>(function, std::move(args), ast::Pos{}), *this,
                     ctx);
}

}  // namespace eddy::parser_internal
