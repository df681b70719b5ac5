// Queries and checkpoints: with 'checkpoint.path' set, every SELECT / INSERT is a job of the
// checkpoint file (named by its ordinal in the script: "1", "2", ...). A job that has a
// checkpoint there resumes from it — provided it is the same statement with the same plan —
// and every job checkpoints there as 'checkpoint.interval' says.
#include <fmt/format.h>

#include "eddy/engine.h"
#include "planner/catalog.h"
#include "planner/statements.h"
#include "runtime/query_runtime.h"
#include "state/checkpoint_store.h"

namespace eddy {

namespace {

// The statement with its whitespace runs collapsed (outside quotes) and no trailing spaces, so
// that reformatting a script does not count as changing a job.
std::string normalize_statement(const std::string& text) {
  std::string out;
  char quote = 0;
  bool space = false;
  for (char c : text) {
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ', space = false;
    if (c == '\'' || c == '"' || c == '`') quote = c;
    out += c;
  }
  return out;
}

std::string format_created(int64_t ms) { return format_timestamp(ms).substr(0, 19) + " UTC"; }

}  // namespace

Result<std::unique_ptr<QueryRuntime>> Engine::start_query(const Statement& statement,
                                                          std::vector<std::string>& notes) {
  PhysicalOptions physical = physical_options();
  const ast::Statement& ast = *statement.ast;
  const std::string path = catalog_->setting("checkpoint.path");
  if (path.empty()) return plan_statement(ast, *catalog_, physical);

  if (!store_ || store_->path() != path) {
    auto opened = CheckpointStore::open(path);
    if (!opened) return opened.error();
    store_ = std::move(opened.value());
  }
  CheckpointConfig config;
  config.store = store_;
  // The job's name is its ordinal among the queries that started (a statement that fails to
  // plan takes none, so rerunning a script without it still lines up with the file).
  config.job = std::to_string(queries_started_ + 1);
  config.statement = normalize_statement(statement.text);
  parse_checkpoint_interval(catalog_->setting("checkpoint.interval"), config.interval_ms,
                            config.interval_records);
  config.incremental = catalog_->setting("checkpoint.incremental") == "true";

  // The plan, without opening anything, tells whether an old checkpoint fits this query.
  PhysicalOptions probe = physical;
  probe.open_connectors = false;
  auto planned = plan_statement(ast, *catalog_, probe);
  if (!planned) return planned.error();
  auto streams = streams_text(ast, *catalog_);
  if (!streams) return streams.error();
  config.fingerprint =
      config.statement + "\n" + planned.value()->plan_text() + "\n" + streams.value();

  auto job = store_->job(config.job);
  if (!job) return job.error();
  std::optional<CheckpointData> resume_from;
  if (job.value()) {
    const bool fresh = catalog_->setting("checkpoint.fresh") == "true";
    if (fresh) {
      if (Status forgot = store_->forget(config.job); !forgot) return forgot.error();
      notes.push_back(fmt::format("starting job {} afresh: its checkpoints in {} were discarded",
                                  config.job, path));
    } else if (job.value()->fingerprint != config.fingerprint) {
      std::string what = job.value()->statement != config.statement
                             ? fmt::format("its statement was\n  {}", job.value()->statement)
                             : std::string(
                                   "its plan or a stream it reads or writes differs (a column, a "
                                   "connector option or a setting changed)");
      return Error{Error::Kind::Io,
                   fmt::format("{} holds checkpoints of job {} for another query: {}\nto start "
                               "over, run with --checkpoint-fresh (or SET 'checkpoint.fresh' = "
                               "'true')",
                               path, config.job, what)};
    } else {
      std::vector<std::string> warnings;
      auto loaded = store_->load_latest(config.job, warnings);
      for (auto& warning : warnings) notes.push_back("warning: " + warning);
      if (!loaded) return loaded.error();
      resume_from = std::move(loaded.value());
    }
  }

  physical.resume = resume_from.has_value();
  auto runtime = plan_statement(ast, *catalog_, physical);
  if (!runtime) return runtime.error();
  if (resume_from) {
    if (Status restored = runtime.value()->restore(*resume_from); !restored)
      return restored.error();
    notes.push_back(fmt::format("resuming job {} from checkpoint {} of {} (taken {}{})", config.job,
                                resume_from->id, path, format_created(resume_from->created_ms),
                                resume_from->finished ? ", after the query had finished" : ""));
  }
  ++queries_started_;
  runtime.value()->set_checkpointing(std::move(config));
  return runtime;
}

}  // namespace eddy
