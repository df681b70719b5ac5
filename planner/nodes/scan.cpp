#include "planner/nodes/scan.h"

#include <fmt/format.h>

#include "operators/calc.h"
#include "operators/watermark_assigner.h"
#include "planner/physical_builder.h"
#include "planner/relative_path.h"

namespace eddy {

namespace {

// A stream's computed-column expressions are shared by every query over it; the Calc of each
// query holds them through this non-owning wrapper.
class SharedExpr final : public BoundExpr {
 public:
  explicit SharedExpr(std::shared_ptr<const BoundExpr> expr)
      : BoundExpr(expr->type(), expr->nullable()), expr_(std::move(expr)) {}
  void eval(const Batch& input, Column& out) const override { expr_->eval(input, out); }
  std::string to_string() const override { return expr_->to_string(); }
  bool is_constant() const override { return expr_->is_constant(); }
  int column_index() const override { return expr_->column_index(); }

 private:
  std::shared_ptr<const BoundExpr> expr_;
};

// The stream's WATERMARK expression over rows as the connector reads them (computed columns
// first), for a source that keeps a watermark per partition; empty without a watermark.
std::function<void(const Batch&, Column&)> watermark_candidates(
    std::shared_ptr<const StreamDef> stream) {
  if (!stream->watermark || stream->schema.rowtime < 0) return {};
  return [stream](const Batch& rows, Column& out) {
    if (stream->columns.empty()) return stream->watermark->eval(rows, out);
    Batch full;
    full.rows = rows.rows;
    full.columns.resize(stream->columns.size());
    for (size_t i = 0; i < stream->columns.size(); ++i)
      stream->columns[i]->eval(rows, full.columns[i]);
    stream->watermark->eval(full, out);
  };
}

}  // namespace

Result<int> ScanNode::build(PhysicalBuilder& builder) {
  if (Status claimed = builder.claim_stdin(*stream); !claimed) return claimed.error();
  QueryRuntime& runtime = builder.runtime();
  int rowtime = stream->schema.rowtime;
  auto assigner = std::make_unique<WatermarkAssigner>(
      stream->name, rowtime, rowtime >= 0 ? stream->schema[rowtime].name : "", stream->watermark,
      connector_summary(*stream), stream->idle_advance_ms);
  WatermarkAssigner* scan = assigner.get();
  int id = runtime.add_operator(std::move(assigner), 1);
  int input = id;
  if (!stream->columns.empty()) {
    // Computed columns: a Calc from the connector's columns to the stream's.
    std::vector<ExprPtr> columns;
    std::vector<std::string> names;
    for (size_t i = 0; i < stream->columns.size(); ++i) {
      columns.push_back(std::make_unique<SharedExpr>(stream->columns[i]));
      names.push_back(stream->schema[i].name);
    }
    input = runtime.add_operator(
        std::make_unique<Calc>(nullptr, std::move(columns), std::move(names)), 1);
    runtime.connect(input, id, 0);
  }
  std::unique_ptr<Source> source;
  if (builder.options().open_connectors) {
    ConnectorContext context = builder.context(*stream, false);
    context.watermark_candidates = watermark_candidates(stream);
    context.idle_timeout_ms = stream->idle_timeout_ms;
    context.read_columns = read;
    auto opened = open_source(context);
    if (!opened) {
      // Neither the working directory nor the script's folder has the file: name both.
      Error error = opened.error();
      auto path = stream->connector_options.find("path");
      if (path != stream->connector_options.end()) {
        ResolvedPath resolved = resolve_relative_path(path->second, stream->base_directory, false);
        if (!resolved.other.empty())
          error.message += fmt::format(" (nor '{}', beside the script)", resolved.other);
      }
      return error;
    }
    source = std::move(opened.value());
    scan->set_source_row_watermarks(source->row_watermarks());
  }
  runtime.add_source(std::move(source), stream->physical, input, 0, stream->idle_timeout_ms);
  return id;
}

}  // namespace eddy
