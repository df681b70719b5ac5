// Statements: DDL, SET/RESET, SHOW, DESCRIBE, EXPLAIN, INSERT and bare queries.
#include "parser/ast_builder.h"

namespace eddy::parser_internal {

ast::StatementPtr AstBuilder::statement(EddyParser::StatementContext* ctx) {
  ast::Pos at = pos(ctx);
  ast::StatementPtr out;
  if (auto* q = dynamic_cast<EddyParser::QueryStatementContext*>(ctx)) {
    out = query_statement(q->query());
  } else if (auto* i = dynamic_cast<EddyParser::InsertStmtContext*>(ctx)) {
    out = insert(i->insertStatement());
  } else if (auto* c = dynamic_cast<EddyParser::CreateStmtContext*>(ctx)) {
    out = create(c->createBody(), at);
  } else if (auto* d = dynamic_cast<EddyParser::DropStmtContext*>(ctx)) {
    auto drop = std::make_unique<ast::Drop>(at);
    drop->what =
        d->kind->getType() == EddyParser::VIEW ? ast::Drop::What::View : ast::Drop::What::Stream;
    drop->if_exists = d->EXISTS() != nullptr;
    drop->name = name(d->identifier());
    out = std::move(drop);
  } else if (auto* s = dynamic_cast<EddyParser::ShowStmtContext*>(ctx);
             s != nullptr && s->CREATE() != nullptr) {
    auto show = std::make_unique<ast::ShowCreate>(at);
    show->what = s->kind->getType() == EddyParser::VIEW ? ast::ShowCreate::What::View
                                                        : ast::ShowCreate::What::Stream;
    show->name = name(s->identifier());
    out = std::move(show);
  } else if (auto* s = dynamic_cast<EddyParser::ShowStmtContext*>(ctx)) {
    auto show = std::make_unique<ast::Show>(at);
    switch (s->what->getType()) {
      case EddyParser::VIEWS:
        show->what = ast::Show::What::Views;
        break;
      case EddyParser::FUNCTIONS:
        show->what = ast::Show::What::Functions;
        break;
      case EddyParser::SETTINGS:
        show->what = ast::Show::What::Settings;
        break;
      case EddyParser::QUERIES:
        show->what = ast::Show::What::Queries;
        break;
      default:
        show->what = ast::Show::What::Streams;
        break;  // STREAMS, TABLES
    }
    out = std::move(show);
  } else if (auto* d = dynamic_cast<EddyParser::DescribeStmtContext*>(ctx)) {
    auto describe = std::make_unique<ast::Describe>(at);
    describe->name = name(d->identifier());
    out = std::move(describe);
  } else if (auto* s = dynamic_cast<EddyParser::SetStmtContext*>(ctx)) {
    auto set = std::make_unique<ast::Set>(at);
    if (s->key != nullptr) {
      set->key = string_value(s->key);
      set->value = string_value(s->value);
    }
    out = std::move(set);
  } else if (auto* r = dynamic_cast<EddyParser::ResetStmtContext*>(ctx)) {
    auto reset = std::make_unique<ast::Reset>(at);
    if (r->key != nullptr) reset->key = string_value(r->key);
    out = std::move(reset);
  } else if (dynamic_cast<EddyParser::CheckpointStmtContext*>(ctx)) {
    out = std::make_unique<ast::Checkpoint>(at);
  } else if (auto* e = dynamic_cast<EddyParser::ExplainStmtContext*>(ctx)) {
    auto explain = std::make_unique<ast::Explain>(at);
    explain->flink = e->FLINK() != nullptr;
    if (e->query() != nullptr) {
      explain->inner = query_statement(e->query());
    } else if (e->insertStatement() != nullptr) {
      explain->inner = insert(e->insertStatement());
    } else {
      // EXPLAIN FLINK CREATE ...: the Flink DDL (the plan of a CREATE is nothing to show).
      if (!explain->flink)
        fail(pos(e->CREATE()),
             "syntax error at 'CREATE': EXPLAIN shows the plan of a query or "
             "an INSERT (EXPLAIN FLINK also takes a CREATE)");
      explain->inner = create(e->createBody(), pos(e->createBody()));
    }
    out = std::move(explain);
  } else {
    fail(at, "unsupported statement");
  }
  out->text = text(ctx);
  return out;
}

ast::StatementPtr AstBuilder::query_statement(EddyParser::QueryContext* ctx) {
  auto statement = std::make_unique<ast::QueryStatement>(pos(ctx));
  statement->query = query(ctx);
  statement->text = text(ctx);
  return statement;
}

ast::StatementPtr AstBuilder::insert(EddyParser::InsertStatementContext* ctx) {
  auto statement = std::make_unique<ast::Insert>(pos(ctx));
  statement->target = name(ctx->identifier());
  statement->query = query(ctx->query());
  statement->text = text(ctx);
  return statement;
}

ast::StatementPtr AstBuilder::create(EddyParser::CreateBodyContext* ctx, ast::Pos at) {
  if (auto* v = dynamic_cast<EddyParser::CreateViewContext*>(ctx)) {
    auto view = std::make_unique<ast::CreateView>(at);
    view->or_replace = v->REPLACE() != nullptr;
    view->if_not_exists = v->ifNotExists() != nullptr;
    view->name = name(v->identifier());
    view->query = query(v->query());
    return view;
  }
  auto* s = static_cast<EddyParser::CreateStreamContext*>(ctx);
  auto stream = std::make_unique<ast::CreateStream>(at);
  stream->is_table = s->kind->getType() == EddyParser::TABLE;
  stream->if_not_exists = s->ifNotExists() != nullptr;
  stream->name = name(s->identifier());
  auto set_primary_key = [&](ast::PrimaryKeyDef key) {
    if (stream->primary_key) {
      fail(key.pos,
           "a stream has at most one PRIMARY KEY; this one repeats the PRIMARY KEY at line " +
               std::to_string(stream->primary_key->pos.line));
    }
    stream->primary_key = std::move(key);
  };
  for (auto* element : s->tableElement()) {
    if (auto* w = element->watermarkDefinition()) {
      if (stream->watermark) {
        fail(pos(w), "a stream has at most one WATERMARK; this one repeats the WATERMARK at line " +
                         std::to_string(stream->watermark->pos.line));
      }
      stream->watermark = watermark(w);
    } else if (auto* k = element->primaryKeyDefinition()) {
      ast::PrimaryKeyDef key = primary_key(k, k->name, k->PRIMARY(), k->NOT(), k->ENFORCED());
      for (auto* column : k->identifier()) {
        if (column != k->name) key.columns.push_back(name(column));
      }
      set_primary_key(std::move(key));
    } else {
      stream->columns.push_back(column(element->columnDefinition()));
      auto* p = dynamic_cast<EddyParser::PhysicalColumnContext*>(element->columnDefinition());
      if (auto* k = p ? p->columnPrimaryKey() : nullptr) {
        ast::PrimaryKeyDef key = primary_key(k, k->name, k->PRIMARY(), k->NOT(), k->ENFORCED());
        key.columns.push_back(stream->columns.back().name);
        set_primary_key(std::move(key));
      }
    }
  }
  for (auto* o : s->option()) {
    ast::Option option;
    option.key = string_value(o->key);  // as written: the planner decides about case
    option.value = string_value(o->value);
    option.pos = pos(o);
    stream->options.push_back(std::move(option));
  }
  return stream;
}

ast::ColumnDef AstBuilder::column(EddyParser::ColumnDefinitionContext* ctx) {
  ast::ColumnDef column;
  if (auto* c = dynamic_cast<EddyParser::ComputedColumnContext*>(ctx)) {
    column.name = name(c->identifier());
    column.computed = expression(c->expression());  // the type is the expression's, bound later
    return column;
  }
  if (auto* m = dynamic_cast<EddyParser::MetadataColumnContext*>(ctx)) {
    column.name = name(m->identifier());
    column.type = data_type(m->dataType());
    column.metadata = m->key ? string_value(m->key) : column.name.text;
    column.is_virtual = m->VIRTUAL() != nullptr;
    return column;
  }
  auto* p = static_cast<EddyParser::PhysicalColumnContext*>(ctx);
  column.name = name(p->identifier());
  column.type = data_type(p->dataType());
  column.not_null = p->NOT() != nullptr;
  return column;
}

ast::PrimaryKeyDef AstBuilder::primary_key(antlr4::ParserRuleContext* ctx,
                                           EddyParser::IdentifierContext* constraint,
                                           antlr4::tree::TerminalNode* primary,
                                           antlr4::tree::TerminalNode* not_,
                                           antlr4::tree::TerminalNode* enforced) {
  ast::PrimaryKeyDef key;
  key.pos = pos(ctx);  // CONSTRAINT or PRIMARY
  if (constraint) key.constraint = name(constraint);
  // Flink accepts only NOT ENFORCED: it does not own the data, so it never checks the key, and
  // neither does eddy; saying so keeps a definition portable between the two.
  if (!enforced || !not_) {
    fail(enforced && !not_ ? pos(enforced) : pos(primary),
         "PRIMARY KEY must be declared NOT ENFORCED (as in Flink, the key is not checked: it tells "
         "a sink which columns to upsert by)");
  }
  return key;
}

ast::WatermarkDef AstBuilder::watermark(EddyParser::WatermarkDefinitionContext* ctx) {
  ast::WatermarkDef watermark;
  watermark.pos = pos(ctx);
  watermark.column = name(ctx->identifier());
  watermark.expr = expression(ctx->expression());
  if (auto* idle = ctx->intervalValue()) {
    ast::ExprPtr interval = interval_literal(idle);
    int64_t ms = interval->as<ast::Literal>().value.int_value();
    if (interval->as<ast::Literal>().value.type().id == TypeId::IntervalMonths) {
      fail(interval->pos, "ADVANCE AFTER needs a day-time interval, e.g. INTERVAL '30' SECOND");
    }
    if (ms <= 0) {
      fail(interval->pos,
           "ADVANCE AFTER needs a positive interval, e.g. ADVANCE AFTER "
           "INTERVAL '30' SECOND IDLE");
    }
    watermark.idle_advance_ms = ms;
  }
  return watermark;
}

}  // namespace eddy::parser_internal
