// The embedding API: Engine dispatches each statement to its planner function and wraps
// runnable queries in Query.
#include "eddy/engine.h"

#include <algorithm>

#include <fmt/format.h>

#include "api/parsed_statement.h"
#include "parser/parser.h"
#include "planner/catalog.h"
#include "planner/flink_translate.h"
#include "planner/statements.h"
#include "runtime/byte_size.h"
#include "runtime/query_runtime.h"

namespace eddy {

namespace {

// EXPLAIN FLINK: the Flink SQL, a row per line, in EXPLAIN's `plan` column.
Result<StatementResult> explain_flink(const ast::Statement& statement, const Catalog& catalog,
                                      const std::string& base_directory) {
  auto text = to_flink(statement, catalog, base_directory);
  if (!text) return text.error();
  return explain_result(text.value());
}

}  // namespace

// ---- Query

Query::Query(std::unique_ptr<QueryRuntime> runtime) : runtime_(std::move(runtime)) {}
Query::~Query() = default;
const Schema& Query::schema() const { return runtime_->schema(); }
bool Query::is_updating() const { return runtime_->is_updating(); }
Result<bool> Query::fetch(Chunk& out) { return runtime_->fetch(out); }
void Query::cancel() { runtime_->cancel(); }
void Query::checkpoint() { runtime_->request_checkpoint(); }
bool Query::cancelled() const { return runtime_->cancelled(); }
QueryStats Query::stats() const { return runtime_->stats(); }
std::string Query::explain() const { return runtime_->explain(); }

Status Query::run(const std::function<void(const Chunk&)>& on_chunk) {
  Chunk chunk;
  while (true) {
    auto more = fetch(chunk);
    if (!more) return more.error();
    if (!more.value()) return {};
    if (on_chunk) on_chunk(chunk);
  }
}

Result<PollStatus> Query::poll(Chunk& out, std::chrono::milliseconds timeout) {
  return runtime_->poll(
      out, std::chrono::steady_clock::now() + std::max(timeout, std::chrono::milliseconds(0)),
      false);
}

Status Query::run(const std::function<void(const Chunk&)>& on_chunk,
                  const std::function<void(const QueryStats&)>& on_progress) {
  // Polled in short slices, so that a watermark that brings no rows is still reported.
  constexpr std::chrono::milliseconds kProgressEvery{100};
  Chunk chunk;
  QueryStats reported;
  while (true) {
    auto polled = poll(chunk, kProgressEvery);
    if (!polled) return polled.error();
    if (polled.value() == PollStatus::Rows && on_chunk) on_chunk(chunk);
    if (on_progress) {
      QueryStats now = stats();
      if (now.watermark != reported.watermark || now.rows_out != reported.rows_out ||
          now.checkpoints.taken != reported.checkpoints.taken) {
        on_progress(now);
        reported = std::move(now);
      }
    }
    if (polled.value() == PollStatus::Finished) return {};
  }
}

// ---- Engine

namespace {

// Positions in errors are relative to the whole script; the snippet comes from the statement's
// own text, whose first line starts at statement.line:statement.column.
void add_snippet(Error& error, const Statement& statement) {
  if (error.line <= 0 || !error.snippet.empty()) return;
  int line = error.line - statement.line + 1;
  int column = line == 1 ? error.column - statement.column + 1 : error.column;
  if (line < 1 || column < 1) return;
  std::string snippet = caret_snippet(statement.text, line, column);
  if (line == 1 && statement.column > 1) {
    // Re-indent the first line so the caret sits under the right column of the script line.
    std::string pad(statement.column - 1, ' ');
    snippet = pad + snippet;
    size_t newline = snippet.find('\n');
    if (newline != std::string::npos) snippet.insert(newline + 1, pad);
  }
  error.snippet = std::move(snippet);
}

}  // namespace

Engine::Engine(EngineOptions options)
    : options_(std::move(options)), catalog_(std::make_unique<Catalog>()) {
  if (!options_.clock) options_.clock = std::make_shared<WallClock>();
  (void)catalog_->set_default("execution.batch-size", std::to_string(options_.batch_size));
  for (const auto& [key, value] : options_.settings) (void)catalog_->set_default(key, value);
  if (!options_.checkpoint_path.empty())
    (void)catalog_->set_default("checkpoint.path", options_.checkpoint_path);
}

Engine::~Engine() = default;

Result<std::vector<Statement>> Engine::parse(std::string_view script) const {
  auto parsed = parse_script(script);
  if (!parsed) return parsed.error();
  std::vector<Statement> statements;
  for (auto& ast : parsed.value()) {
    Statement statement;
    statement.text = ast->text;
    statement.line = ast->pos.line;
    statement.column = ast->pos.column;
    statement.is_query =
        ast->kind == ast::StatementKind::Query || ast->kind == ast::StatementKind::Insert;
    statement.parsed = std::make_shared<const detail::ParsedStatement>(std::move(ast));
    statements.push_back(std::move(statement));
  }
  return statements;
}

PhysicalOptions Engine::physical_options() const {
  PhysicalOptions physical;
  physical.batch_size = std::stoul(catalog_->setting("execution.batch-size"));
  physical.parallelism = std::max<size_t>(1, parse_parallelism(catalog_->setting("parallelism")));
  physical.clock = options_.clock;
  physical.print_output = options_.print_output;
  if (std::string ttl = catalog_->setting("state.ttl"); ttl != "0")
    parse_duration(ttl, physical.state_ttl_ms);
  physical.state_ttl_event_time = catalog_->setting("state.ttl.time") == "event";
  physical.state_max_bytes = state_max_bytes(catalog_->setting("state.max-bytes"));
  physical.stdin_is_script = options_.stdin_is_script;
  return physical;
}

Result<Outcome> Engine::execute(const Statement& statement) {
  if (!statement.parsed)
    return Error{Error::Kind::Plan, "the statement was not parsed: take it from Engine::parse"};
  PhysicalOptions physical = physical_options();
  const ast::Statement& ast = *statement.parsed->ast;
  Result<StatementResult> result = StatementResult{};
  using K = ast::StatementKind;
  switch (ast.kind) {
    case K::CreateStream:
      result =
          execute_create_stream(ast.as<ast::CreateStream>(), *catalog_, statement.base_directory);
      break;
    case K::CreateView:
      result = execute_create_view(ast.as<ast::CreateView>(), *catalog_);
      break;
    case K::Drop:
      result = execute_drop(ast.as<ast::Drop>(), *catalog_);
      break;
    case K::Show:
      result = execute_show(ast.as<ast::Show>(), *catalog_);
      break;
    case K::ShowCreate:
      result = execute_show_create(ast.as<ast::ShowCreate>(), *catalog_);
      break;
    case K::Describe:
      result = execute_describe(ast.as<ast::Describe>(), *catalog_);
      break;
    case K::Set:
      result = execute_set(ast.as<ast::Set>(), *catalog_);
      break;
    case K::Reset:
      result = execute_reset(ast.as<ast::Reset>(), *catalog_);
      break;
    case K::Checkpoint:
      if (catalog_->setting("checkpoint.path").empty()) {
        result = Error{Error::Kind::Plan,
                       "CHECKPOINT: queries checkpoint nowhere; start eddy with --checkpoint PATH "
                       "or SET 'checkpoint.path' = 'PATH' first"};
      } else {
        size_t asked = catalog_->request_checkpoints();
        result = StatementResult{asked == 0 ? std::string("No running query to checkpoint.")
                                            : fmt::format("Checkpoint requested for {} running "
                                                          "quer{}.",
                                                          asked, asked == 1 ? "y" : "ies"),
                                 nullptr};
      }
      break;
    case K::Explain:
      if (ast.as<ast::Explain>().flink)
        result = explain_flink(ast, *catalog_, statement.base_directory);
      else
        result = execute_explain(ast.as<ast::Explain>(), *catalog_, physical);
      break;
    case K::Query:
    case K::Insert: {
      Outcome outcome;
      auto runtime = start_query(statement, outcome.notes);
      if (!runtime) {
        Error error = runtime.error();
        add_snippet(error, statement);
        return error;
      }
      runtime.value()->set_record(catalog_->record_query(statement.text));
      outcome.query.reset(new Query(std::move(runtime.value())));
      return outcome;
    }
  }
  if (!result) {
    Error error = result.error();
    add_snippet(error, statement);
    return error;
  }
  Outcome outcome;
  outcome.message = std::move(result.value().message);
  outcome.table = std::move(result.value().table);
  return outcome;
}

Result<Outcome> Engine::execute(std::string_view script) {
  auto statements = parse(script);
  if (!statements) return statements.error();
  Outcome last;
  for (size_t i = 0; i < statements.value().size(); ++i) {
    auto outcome = execute(statements.value()[i]);
    if (!outcome) return outcome.error();
    bool is_last = i + 1 == statements.value().size();
    if (outcome.value().query && !is_last) {
      if (auto status = outcome.value().query->run(nullptr); !status) return status.error();
    }
    last = std::move(outcome.value());
  }
  return last;
}

Result<std::string> Engine::to_flink(std::string_view script, const std::string& base_directory) {
  auto statements = parse(script);
  if (!statements) return statements.error();
  std::string out;
  using K = ast::StatementKind;
  for (Statement& statement : statements.value()) {
    statement.base_directory = base_directory;
    const ast::Statement& ast = *statement.parsed->ast;
    if (ast.kind == K::Show || ast.kind == K::ShowCreate || ast.kind == K::Describe ||
        ast.kind == K::Checkpoint) {
      out += "-- eddy's shell statement, not part of the job: " + statement.text + "\n";
      continue;
    }
    auto text = eddy::to_flink(ast, *catalog_, base_directory);
    if (!text) {
      Error error = text.error();
      add_snippet(error, statement);
      return error;
    }
    out += (out.empty() ? "" : "\n") + text.value();
    // Definitions and settings shape the statements after them: make them here too.
    if (ast.kind == K::CreateStream || ast.kind == K::CreateView || ast.kind == K::Drop ||
        ast.kind == K::Set || ast.kind == K::Reset) {
      auto done = execute(statement);
      if (!done) return done.error();
    }
  }
  return out;
}

Status Engine::set(const std::string& key, const std::string& value) {
  return catalog_->set(key, value);
}

std::string Engine::setting(const std::string& key) const { return catalog_->setting(key); }

}  // namespace eddy
