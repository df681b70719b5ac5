// Queries and checkpoints: with 'checkpoint.path' set, every SELECT / INSERT is a job of the
// checkpoint file (named by its ordinal in the script: "1", "2", ...). A job that has a
// checkpoint there resumes from it — provided it is the same statement with the same plan —
// and every job checkpoints there as 'checkpoint.interval' says.
#include <fmt/format.h>

#include <algorithm>
#include <regex>
#include <string_view>
#include <utility>

#include "api/parsed_statement.h"
#include "eddy/engine.h"
#include "planner/catalog.h"
#include "planner/statements.h"
#include "runtime/query_runtime.h"
#include "state/checkpoint_store.h"

namespace eddy {

namespace {

// The plan without the keyed operators' 'parallelism' property (operators/keyed_exchange.h): a
// checkpoint restores at any parallelism, so it is no part of what a resumed query must match.
std::string without_parallelism(const std::string& plan) {
  static const std::regex property("  parallelism: [0-9]+ instances, rows routed by key group");
  return std::regex_replace(plan, property, "");
}

// The statement with its comments dropped and its whitespace runs collapsed (outside quotes) and
// no trailing spaces, so that reformatting or commenting a script does not count as changing a
// job.
std::string normalize_statement(const std::string& text) {
  std::string out;
  char quote = 0;
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    bool comment = false;
    if (text.compare(i, 2, "--") == 0) {
      i = std::min(text.find('\n', i), text.size());
      comment = true;
    } else if (text.compare(i, 2, "/*") == 0) {
      i = std::min(text.find("*/", i + 2), text.size()) + 1;
      comment = true;
    }
    if (comment || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ', space = false;
    if (c == '\'' || c == '"' || c == '`') quote = c;
    out += c;
  }
  return out;
}

// The part of two texts around their first difference, as two aligned lines ("checkpointed:",
// "this query:"), so the change stands out in a long statement or plan line.
std::string show_difference(std::string_view was, std::string_view now) {
  constexpr size_t kBefore = 30, kAfter = 50;
  size_t at = 0;
  while (at < was.size() && at < now.size() && was[at] == now[at]) ++at;
  // Cuts fall between UTF-8 characters, never inside one.
  auto continuation = [](std::string_view text, size_t i) {
    return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  };
  size_t from = at > kBefore ? at - kBefore : 0;
  while (from > 0 && continuation(was, from)) --from;
  auto excerpt = [&](std::string_view text) {
    size_t end = std::min(at + kAfter, text.size());
    while (continuation(text, end)) ++end;
    std::string out = from > 0 ? "..." : "";
    out += text.substr(std::min(from, end), end - std::min(from, end));
    if (end < text.size()) out += "...";
    return out;
  };
  return fmt::format("  checkpointed: {}\n  this query:   {}", excerpt(was), excerpt(now));
}

// The first line of two plans that differs.
std::pair<std::string, std::string> first_plan_difference(std::string_view was,
                                                          std::string_view now) {
  auto next_line = [](std::string_view& text) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    // The tree's drawing is the same for both; the operator is what differs.
    size_t start = line.find_first_not_of(" │└├─");
    return std::string(line.substr(start == std::string_view::npos ? line.size() : start));
  };
  while (!was.empty() || !now.empty()) {
    std::string a = next_line(was), b = next_line(now);
    if (a != b) return {a, b};
  }
  return {};
}

std::string format_created(int64_t ms) { return format_timestamp(ms).substr(0, 19) + " UTC"; }

}  // namespace

Result<std::unique_ptr<QueryRuntime>> Engine::start_query(const Statement& statement,
                                                          std::vector<std::string>& notes) {
  PhysicalOptions physical = physical_options();
  const ast::Statement& ast = *statement.parsed->ast;
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
  config.fingerprint = config.statement + "\n" + without_parallelism(planned.value()->plan_text()) +
                       "\n" + streams.value();

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
      std::string what;
      if (job.value()->statement != config.statement) {
        what = "its statement was different:\n" +
               show_difference(job.value()->statement, config.statement);
      } else {
        // A fingerprint is the statement, a line break, the plan and the streams it uses: the
        // first line after the statement that differs says what changed.
        const size_t plan = config.statement.size() + 1;
        auto [was, now] =
            first_plan_difference(std::string_view(job.value()->fingerprint).substr(plan),
                                  std::string_view(config.fingerprint).substr(plan));
        what =
            "its plan or a stream it reads or writes differs (a column, a connector option or a "
            "setting changed):\n" +
            show_difference(was, now);
      }
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
