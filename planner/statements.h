// Execution of the statements that do not run a query: DDL, SHOW, DESCRIBE, SET / RESET, and
// the planning entry points for queries (SELECT, INSERT, EXPLAIN). One function per statement.
#pragma once

#include <memory>

#include "eddy/engine.h"
#include "parser/ast.h"
#include "planner/catalog.h"
#include "planner/physical.h"

namespace eddy {

// A statement's effect when it is not a query: a message and/or a table.
struct StatementResult {
  std::string message;
  std::unique_ptr<Table> table;
};

// `base_directory`: the folder of the script the statement came from (Statement::base_directory).
Result<StatementResult> execute_create_stream(const ast::CreateStream& statement, Catalog& catalog,
                                              const std::string& base_directory = "");
Result<StatementResult> execute_create_view(const ast::CreateView& statement, Catalog& catalog);
Result<StatementResult> execute_drop(const ast::Drop& statement, Catalog& catalog);
Result<StatementResult> execute_show(const ast::Show& statement, const Catalog& catalog);
// The CREATE STREAM statement that makes `stream` again (SHOW CREATE STREAM).
std::string create_stream_text(const StreamDef& stream);
// The definitions (CREATE STREAM text) of every stream a SELECT / INSERT reads or writes, views
// expanded: part of a checkpointed job's fingerprint, since a column's type shapes its state.
Result<std::string> streams_text(const ast::Statement& statement, const Catalog& catalog);

Result<StatementResult> execute_show_create(const ast::ShowCreate& statement,
                                            const Catalog& catalog);
Result<StatementResult> execute_describe(const ast::Describe& statement, const Catalog& catalog);
Result<StatementResult> execute_set(const ast::Set& statement, Catalog& catalog);
Result<StatementResult> execute_reset(const ast::Reset& statement, Catalog& catalog);

// SELECT / INSERT INTO: binds and plans a runnable query. EXPLAIN uses the same path with
// options.open_connectors = false.
Result<std::unique_ptr<QueryRuntime>> plan_statement(const ast::Statement& statement,
                                                     const Catalog& catalog,
                                                     const PhysicalOptions& options);
// EXPLAIN's result: `text` one row per line in a `plan` column (the plan, or EXPLAIN FLINK's SQL).
StatementResult explain_result(const std::string& text);
Result<StatementResult> execute_explain(const ast::Explain& statement, const Catalog& catalog,
                                        const PhysicalOptions& options);

}  // namespace eddy
