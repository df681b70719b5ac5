// inspect_checkpoints: a checkpoint store's contents as tables (eddy/checkpoints.h), for `eddy
// inspect` and the shell's `.checkpoints`. The store is opened read-only.
#include <map>

#include "eddy/checkpoints.h"
#include "state/checkpoint_store.h"

namespace eddy {

namespace {

// Builds a table column by column: add() the fields once, then row() by row.
class TableBuilder {
 public:
  TableBuilder& column(std::string name, Type type) {
    table_.schema.fields.push_back(Field{std::move(name), type, true});
    return *this;
  }
  void row(std::vector<Value> values) { table_.rows.push_back(std::move(values)); }
  Table take() { return std::move(table_); }

 private:
  Table table_;
};

Value count(uint64_t n) { return Value::integer(int64_t(n)); }

Value text_or_null(const std::string& text) {
  return text.empty() ? Value::null(Type::string()) : Value::string(text);
}

// A time as "YYYY-MM-DD HH:MM:SS.mmm"; NULL when it is `none` (no watermark yet, no timer
// pending). A watermark at the end of the input is the maximum time, shown as such.
Value time_value(Timestamp time, Timestamp none) {
  if (time == none) return Value::null(Type::string());
  if (time == kMaxTimestamp) return Value::string("end of input");
  return Value::string(format_timestamp(time));
}

std::string taken_at(int64_t ms) { return format_timestamp(ms).substr(0, 19) + " UTC"; }

// Jobs are the ordinals of a script's queries: "2" before "10".
bool job_order(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

Table checkpoints_table(const std::vector<CheckpointSummary>& summaries) {
  TableBuilder t;
  t.column("id", Type::int64())
      .column("job", Type::string())
      .column("taken_at", Type::string())
      .column("kind", Type::string())
      .column("base", Type::int64())
      .column("finished", Type::boolean())
      .column("watermark", Type::string())
      .column("rows_in", Type::int64())
      .column("rows_out", Type::int64())
      .column("bytes", Type::int64())
      .column("damage", Type::string());
  for (const CheckpointSummary& s : summaries) {
    t.row({count(s.id), Value::string(s.job), Value::string(taken_at(s.created_ms)),
           Value::string(s.incremental ? "incremental" : "full"),
           s.incremental ? count(s.base_id) : Value::null(Type::int64()),
           Value::boolean(s.finished), time_value(s.watermark, kMinTimestamp), count(s.rows_in),
           count(s.rows_out), count(s.bytes), text_or_null(s.damage)});
  }
  return t.take();
}

void add_detail_tables(const std::vector<CheckpointData>& shown, std::vector<NamedTable>& out) {
  TableBuilder operators, sources, sinks, statements;
  operators.column("checkpoint", Type::int64())
      .column("operator", Type::int64())
      .column("name", Type::string())
      .column("keys", Type::int64())
      .column("state_bytes", Type::int64())
      .column("timers", Type::int64())
      .column("next_event_timer", Type::string())
      .column("next_processing_timer", Type::string())
      .column("watermark", Type::string());
  sources.column("checkpoint", Type::int64())
      .column("input", Type::int64())
      .column("description", Type::string())
      .column("offset", Type::int64())
      .column("line", Type::int64());
  sinks.column("checkpoint", Type::int64())
      .column("name", Type::string())
      .column("description", Type::string())
      .column("rows", Type::int64())
      .column("bytes", Type::int64());
  statements.column("checkpoint", Type::int64())
      .column("job", Type::string())
      .column("statement", Type::string());
  for (const CheckpointData& data : shown) {
    for (const OperatorCheckpoint& op : data.operators)
      operators.row({count(data.id), Value::integer(op.id), Value::string(op.name), count(op.keys),
                     count(op.state_bytes), count(op.timers),
                     time_value(op.next_event_timer, kMaxTimestamp),
                     time_value(op.next_processing_timer, kMaxTimestamp),
                     time_value(op.watermark, kMinTimestamp)});
    for (const SourceCheckpoint& source : data.sources)
      sources.row({count(data.id), Value::integer(source.input), Value::string(source.description),
                   count(source.position.offset), count(source.position.line)});
    for (const SinkCheckpoint& sink : data.sinks)
      sinks.row({count(data.id), Value::string(sink.name), Value::string(sink.description),
                 count(sink.position.rows), count(sink.position.bytes)});
    statements.row({count(data.id), Value::string(data.job), Value::string(data.statement)});
  }
  out.push_back({"operators", operators.take()});
  out.push_back({"sources", sources.take()});
  out.push_back({"sinks", sinks.take()});
  out.push_back({"statements", statements.take()});
}

}  // namespace

Result<std::vector<NamedTable>> inspect_checkpoints(const CheckpointInspectOptions& options) {
  auto opened = CheckpointStore::open_read_only(options.path);
  if (!opened) return opened.error();
  const CheckpointStore& store = *opened.value();
  auto listed = store.list();
  if (!listed) return listed.error();
  std::vector<CheckpointSummary>& summaries = listed.value();

  if (options.verify) {
    for (CheckpointSummary& s : summaries) {
      if (!s.damage.empty()) continue;
      auto reason = store.verify(s.id);
      if (!reason) return reason.error();
      s.damage = reason.value();
    }
  }

  std::vector<CheckpointData> shown;
  if (options.checkpoint_id) {
    auto loaded = store.load(*options.checkpoint_id);
    if (!loaded) return loaded.error();
    shown.push_back(std::move(loaded.value()));
  } else {
    // Per job, newest first: the first one that is not marked damaged and reads back.
    std::map<std::string, std::vector<CheckpointSummary*>, decltype(&job_order)> jobs(job_order);
    for (CheckpointSummary& s : summaries) jobs[s.job].push_back(&s);
    for (auto& [job, of_job] : jobs) {
      for (auto it = of_job.rbegin(); it != of_job.rend(); ++it) {
        CheckpointSummary& s = **it;
        if (!s.damage.empty()) continue;
        auto loaded = store.load(s.id);
        if (loaded) {
          shown.push_back(std::move(loaded.value()));
          break;
        }
        // Damaged but not marked yet (inspect records nothing): shown, and the next older tried.
        auto reason = store.verify(s.id);
        s.damage = reason && !reason.value().empty() ? reason.value() : loaded.error().message;
      }
    }
  }

  std::vector<NamedTable> tables;
  tables.push_back({"checkpoints", checkpoints_table(summaries)});
  add_detail_tables(shown, tables);
  return tables;
}

}  // namespace eddy
