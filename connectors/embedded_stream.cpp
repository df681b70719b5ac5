#include "connectors/embedded_stream.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "connectors/factories.h"

namespace eddy {

EmbeddedStream::EmbeddedStream(std::string name, Schema schema, bool event_time)
    : name_(std::move(name)), schema_(std::move(schema)), event_time_(event_time) {}

Error EmbeddedStream::closed_error(const char* what) const {
  return Error{
      Error::Kind::Runtime,
      fmt::format("stream '{}': cannot {} after close() (the input has ended)", name_, what)};
}

Status EmbeddedStream::append(const RowBuilder& row) {
  for (size_t c = 0; c < schema_.size(); ++c) {
    if (row.cells_[c].null && !schema_[c].nullable)
      return Error{Error::Kind::Data,
                   fmt::format("stream '{}', column '{}': NULL in a NOT NULL column ({} NOT NULL)",
                               name_, schema_[c].name, schema_[c].type.to_string())};
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed_) return closed_error("append a row");
  if (chunks_.empty() || chunks_.back().rows.size() == kChunkRows) {
    Chunk& chunk = chunks_.emplace_back();
    chunk.first = appended_;
    chunk.rows = Batch::with_schema(schema_);
    chunk.arena = std::make_shared<Arena>();
    for (Column& column : chunk.rows.columns) {
      column.reserve(kChunkRows);
      if (column.type.id == TypeId::String) column.arenas.push_back(chunk.arena);
    }
  }
  Chunk& chunk = chunks_.back();
  for (size_t c = 0; c < schema_.size(); ++c) {
    const RowBuilder::Cell& cell = row.cells_[c];
    Column& column = chunk.rows.columns[c];
    if (cell.null) {
      column.append_null();
    } else if (column.type.id == TypeId::Double) {
      column.append_double(cell.double_value);
    } else if (column.type.id == TypeId::String) {
      // Into the chunk's own arena: Column::arena() would start a new one whenever a reader
      // shares the current one.
      column.strings.push_back(chunk.arena->store(cell.string_value));
      if (!column.nulls.empty()) column.nulls.push_back(0);
    } else {
      column.append_int(cell.int_value);
    }
  }
  ++chunk.rows.rows;
  ++appended_;
  idle_ = false;  // a row makes an idle stream active again (as in Flink)
  trim();
  notify_readers();
  return {};
}

Status EmbeddedStream::watermark(Timestamp watermark) {
  if (!event_time_)
    return Error{Error::Kind::Runtime,
                 fmt::format("stream '{}' has no event time: declare WATERMARK FOR <column> AS "
                             "SOURCE_WATERMARK() (or any WATERMARK clause) to give it watermarks",
                             name_)};
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed_) return closed_error("advance the watermark");
  if (!marks_.empty() && marks_.back().before == appended_) {
    marks_.back().watermark = std::max(marks_.back().watermark, watermark);
  } else {
    marks_.push_back({appended_, watermark});
  }
  notify_readers();
  return {};
}

Status EmbeddedStream::set_idle(bool idle) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed_) return closed_error("mark the stream idle");
  idle_ = idle;
  notify_readers();
  return {};
}

void EmbeddedStream::close() {
  std::lock_guard<std::mutex> lock(mutex_);
  closed_ = true;
  notify_readers();
}

uint64_t EmbeddedStream::rows() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return appended_;
}

void EmbeddedStream::notify_readers() {
  for (Reader* reader : readers_) reader->wakeup->notify();
}

void EmbeddedStream::trim() {
  if (readers_.empty()) return;
  uint64_t low = appended_;
  for (const Reader* reader : readers_) low = std::min(low, reader->cursor);
  if (low <= base_) return;
  base_ = low;
  while (!chunks_.empty() && chunks_.front().first + chunks_.front().rows.size() <= base_)
    chunks_.pop_front();
  while (!marks_.empty() && marks_.front().before < base_) {
    base_watermark_ = std::max(base_watermark_, marks_.front().watermark);
    marks_.pop_front();
  }
}

std::unique_ptr<EmbeddedStream::Reader> EmbeddedStream::add_reader(std::shared_ptr<Wakeup> wakeup) {
  auto reader = std::make_unique<Reader>();
  reader->wakeup = std::move(wakeup);
  std::lock_guard<std::mutex> lock(mutex_);
  reader->cursor = base_;
  reader->watermark = base_watermark_;
  readers_.push_back(reader.get());
  return reader;
}

void EmbeddedStream::remove_reader(const Reader& reader) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::erase(readers_, &reader);
  trim();
}

EmbeddedStream::Read EmbeddedStream::read(Reader& reader, Batch& out, size_t max_rows) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Marks at or before the cursor (a resumed reader's earlier ones included) hold now.
  uint64_t end = appended_;
  for (const Mark& mark : marks_) {
    if (mark.before <= reader.cursor) {
      reader.watermark = std::max(reader.watermark, mark.watermark);
    } else {
      end = std::min(end, mark.before);
      break;
    }
  }
  if (reader.cursor >= end)
    return closed_ && reader.cursor >= appended_ ? Read::End : Read::Nothing;
  // The chunk holding the cursor; a call returns rows of one chunk at most.
  auto chunk = std::upper_bound(chunks_.begin(), chunks_.end(), reader.cursor,
                                [](uint64_t row, const Chunk& c) { return row < c.first; });
  --chunk;
  end = std::min({end, reader.cursor + max_rows, chunk->first + chunk->rows.size()});
  out = chunk->rows.slice(reader.cursor - chunk->first, end - chunk->first);
  reader.cursor = end;
  trim();
  return Read::Rows;
}

bool EmbeddedStream::idle(const Reader& reader) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return idle_ && reader.cursor >= appended_;
}

Status EmbeddedStream::seek(Reader& reader, uint64_t cursor, Timestamp watermark) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (cursor < base_)
    return Error{Error::Kind::Runtime,
                 fmt::format("stream '{}': the checkpoint continues at row {}, but rows before {} "
                             "were already read by every other query and dropped",
                             name_, cursor, base_)};
  reader.cursor = cursor;
  reader.watermark = std::max(reader.watermark, watermark);
  trim();
  return {};
}

namespace {

class EmbeddedSource final : public Source {
 public:
  EmbeddedSource(std::shared_ptr<EmbeddedStream> stream, std::shared_ptr<Wakeup> wakeup)
      : stream_(std::move(stream)), reader_(stream_->add_reader(std::move(wakeup))) {}
  ~EmbeddedSource() override { stream_->remove_reader(*reader_); }

  SourceStatus next(Batch& out, size_t max_rows) override {
    batch_first_ = reader_->cursor - out.rows;
    switch (stream_->read(*reader_, out, max_rows)) {
      case EmbeddedStream::Read::Rows:
        return SourceStatus::Data;
      case EmbeddedStream::Read::Nothing:
        return SourceStatus::Idle;
      case EmbeddedStream::Read::End:
        return SourceStatus::End;
    }
    return SourceStatus::Idle;
  }
  Timestamp watermark() const override { return reader_->watermark; }
  bool idle() const override { return stream_->idle(*reader_); }
  bool notifies() const override { return true; }
  std::string describe() const override { return "embedded (rows from code)"; }
  std::string row_origin(size_t row) const override {
    return fmt::format("stream '{}' record {}", stream_->name(), batch_first_ + row + 1);
  }

  // The rows read so far, and the watermark in force (decimal text in `state`).
  std::optional<SourcePosition> position() const override {
    return SourcePosition{reader_->cursor, 0, std::to_string(reader_->watermark)};
  }
  Status seek(const SourcePosition& position) override {
    Timestamp watermark = kMinTimestamp;
    const std::string& text = position.state;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), watermark);
    if (error != std::errc() || end != text.data() + text.size())
      return Error{
          Error::Kind::Runtime,
          fmt::format("stream '{}': the checkpointed position is damaged", stream_->name())};
    return stream_->seek(*reader_, position.offset, watermark);
  }

 private:
  std::shared_ptr<EmbeddedStream> stream_;
  std::unique_ptr<EmbeddedStream::Reader> reader_;
  uint64_t batch_first_ = 0;  // the reader's cursor before the last batch, less its rows then
};

}  // namespace

Result<std::unique_ptr<Source>> open_embedded_source(const ConnectorContext& context) {
  if (!context.embedded || !context.wait)
    return Error{Error::Kind::Plan,
                 fmt::format("stream '{}': an embedded stream is read only by the engine that "
                             "created it",
                             context.stream)};
  return std::unique_ptr<Source>(
      std::make_unique<EmbeddedSource>(context.embedded, context.wait->wakeup));
}

}  // namespace eddy
