// Chunk: the public view of a result batch, and the chunks that own their rows (from_rows).
#include <memory>

#include "eddy/engine.h"
#include "runtime/batch.h"
#include "runtime/row_text_writer.h"
#include "runtime/text_format.h"

namespace eddy {

namespace {

// What a from_rows chunk points into.
struct OwnedRows {
  Schema schema;
  Batch batch;
};

// A column whose values do not all have the declared type becomes a STRING column of their
// display text (a SHOW / SET table may mix types in one column; rendering must never fail).
Column column_of(const Type& type, const std::vector<std::vector<Value>>& rows, size_t c) {
  bool uniform = true;
  for (const auto& row : rows) {
    const Value& v = c < row.size() ? row[c] : Value();
    if (!v.is_null() && v.type().id != type.id) uniform = false;
  }
  Column column(uniform ? type : Type::string());
  for (const auto& row : rows) {
    Value v = c < row.size() ? row[c] : Value::null(column.type);
    if (!uniform && !v.is_null()) v = Value::string(v.to_string());
    column.append(v);
  }
  return column;
}

}  // namespace

Chunk Chunk::from_rows(const Schema& schema, const std::vector<std::vector<Value>>& rows,
                       std::vector<RowKind> kinds) {
  auto owned = std::make_shared<OwnedRows>();
  owned->schema = schema;
  owned->batch = Batch::with_schema(schema);
  for (size_t c = 0; c < schema.size(); ++c)
    owned->batch.columns[c] = column_of(schema[c].type, rows, c);
  owned->batch.rows = rows.size();
  kinds.resize(kinds.empty() ? 0 : rows.size(), RowKind::Insert);
  owned->batch.kinds = std::move(kinds);
  Chunk chunk(&owned->batch, &owned->schema);
  chunk.owned_ = std::move(owned);
  return chunk;
}

size_t Chunk::size() const { return batch_ ? batch_->size() : 0; }
RowKind Chunk::kind(size_t row) const { return batch_->kind(row); }
bool Chunk::is_null(size_t row, size_t col) const { return batch_->columns[col].is_null(row); }
Value Chunk::value(size_t row, size_t col) const { return batch_->columns[col].get(row); }
int64_t Chunk::int_value(size_t row, size_t col) const { return batch_->columns[col].ints[row]; }
double Chunk::double_value(size_t row, size_t col) const {
  return batch_->columns[col].doubles[row];
}
std::string_view Chunk::string_value(size_t row, size_t col) const {
  return batch_->columns[col].strings[row];
}

void Chunk::append_text(std::string& out, size_t row, size_t col, TextFormat format) const {
  const Column& column = batch_->columns[col];
  switch (format) {
    case TextFormat::Display:
      return append_display_text(out, column, row);
    case TextFormat::Changelog:
      return append_changelog_text(out, column, row);
    case TextFormat::Csv:
      return append_csv_value(out, column, row);
    case TextFormat::Json:
      return append_json_value(out, column, row);
  }
}

std::string Chunk::text(size_t row, size_t col, TextFormat format) const {
  std::string out;
  append_text(out, row, col, format);
  return out;
}

struct ChunkTextWriter::Impl {
  RowTextWriter writer;
};

ChunkTextWriter::ChunkTextWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ChunkTextWriter::ChunkTextWriter(ChunkTextWriter&&) noexcept = default;
ChunkTextWriter& ChunkTextWriter::operator=(ChunkTextWriter&&) noexcept = default;
ChunkTextWriter::~ChunkTextWriter() = default;

ChunkTextWriter ChunkTextWriter::csv(bool op_column) {
  return ChunkTextWriter(std::make_unique<Impl>(Impl{RowTextWriter::csv(',', '"', "", op_column)}));
}

ChunkTextWriter ChunkTextWriter::json_lines(const Schema& schema, bool op_column) {
  std::vector<std::string> names;
  for (const Field& field : schema.fields) names.push_back(field.name);
  return ChunkTextWriter(std::make_unique<Impl>(Impl{RowTextWriter::json_lines(names, op_column)}));
}

ChunkTextWriter ChunkTextWriter::changelog() {
  return ChunkTextWriter(std::make_unique<Impl>(Impl{RowTextWriter::changelog("")}));
}

void ChunkTextWriter::append(std::string& out, const Chunk& rows) {
  if (rows.batch_ != nullptr) impl_->writer.append_rows(out, *rows.batch_, 0, rows.size());
}

}  // namespace eddy
