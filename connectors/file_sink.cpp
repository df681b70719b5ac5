// The file connector as a sink: csv or jsonl, the file truncated (or created) when the query
// opens it. Rows are rendered a batch at a time (runtime/row_text_writer.h) into one reused
// buffer and handed to write(2) at the end of every batch (and whenever the buffer passes 1 MB),
// so a reader tailing the file sees rows promptly.
//
// 'sink.changelog-mode' = 'insert-only' (default) accepts only +I rows and fails with a clear
// message on an update; 'all' writes every change with its kind (+I, -U, +U, -D) in a first
// column named op (csv) or an "op" key (jsonl), like the shell's csv mode for updating results.
// 'format' = 'debezium-json' writes every change as a Debezium event, as Flink does: +I and +U
// as {"before":null,"after":{...},"op":"c"}, -U and -D as {"before":{...},"after":null,"op":"d"}.
//
// Checkpoints make it exactly-once: commit() writes out and fsyncs, and its position is the
// file's length then. A query resumed from a checkpoint opens the file as it is (no truncation,
// no second header) and rollback() cuts it back to that length, so the rows written after the
// checkpoint are written again, once.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "connectors/factories.h"
#include "runtime/failure.h"
#include "runtime/row_text_writer.h"
#include "runtime/suggest.h"
#include "runtime/text_format.h"

namespace eddy {

namespace {

constexpr size_t kFlushBytes = 1 << 20;
constexpr size_t kSliceRows = 4096;

std::vector<std::string> names_of(const Schema& schema) {
  std::vector<std::string> names;
  for (size_t c = 0; c < schema.size(); ++c) names.push_back(schema[c].name);
  return names;
}

class FileSink final : public Sink {
 public:
  // `header`: write the csv header now (not when resuming: the file has it already).
  FileSink(int fd, std::string path, const Schema& schema, const TextFormatOptions& format,
           bool header, bool changelog)
      : fd_(fd),
        path_(std::move(path)),
        schema_(schema),
        csv_(format.format == TextFormatOptions::Format::Csv),
        debezium_(format.format == TextFormatOptions::Format::DebeziumJson),
        delimiter_(format.delimiter),
        quote_(format.quote),
        null_text_(format.null_literal.value_or("")),
        changelog_(changelog),
        writer_(csv_ ? RowTextWriter::csv(delimiter_, quote_, null_text_, changelog)
                     : RowTextWriter::json_lines(names_of(schema), changelog)) {
    if (csv_ && header) {
      if (changelog_) {
        append_csv_field(buffer_, "op", delimiter_, quote_);
        if (schema_.size() > 0) buffer_ += delimiter_;
      }
      for (size_t c = 0; c < schema_.size(); ++c) {
        if (c > 0) buffer_ += delimiter_;
        append_csv_field(buffer_, schema_[c].name, delimiter_, quote_);
      }
      buffer_ += '\n';
    }
    // Keys are escaped once, not per row.
    for (size_t c = 0; c < schema_.size(); ++c) {
      std::string key;
      append_json_string(key, schema_[c].name);
      key += ':';
      json_keys_.push_back(std::move(key));
    }
    write_out();
  }

  ~FileSink() override {
    try {
      write_out();
    } catch (const Failure&) {
      // A destructor cannot report; flush() is where a caller learns about write errors.
    }
    ::close(fd_);
  }

  void write(const Batch& batch) override {
    rows_ += batch.size();
    // Rows before the first update an insert-only sink refuses are written, then it fails.
    size_t accepted = batch.size();
    if (!changelog_ && !debezium_) {
      for (size_t row = 0; row < batch.kinds.size() && accepted == batch.size(); ++row)
        if (batch.kinds[row] != RowKind::Insert) accepted = row;
    }
    if (debezium_) {
      for (size_t row = 0; row < accepted; ++row) {
        const RowKind kind = batch.kind(row);
        const bool added = kind == RowKind::Insert || kind == RowKind::UpdateAfter;
        buffer_ += added ? "{\"before\":null,\"after\":" : "{\"before\":";
        append_json_object(batch, row);
        buffer_ += added ? ",\"op\":\"c\"}\n" : ",\"after\":null,\"op\":\"d\"}\n";
        if (buffer_.size() >= kFlushBytes) write_out();
      }
    } else {
      // A slice of rows at a time keeps the buffer near kFlushBytes for batches of any size.
      for (size_t begin = 0; begin < accepted; begin += kSliceRows) {
        writer_.append_rows(buffer_, batch, begin, std::min(accepted, begin + kSliceRows));
        if (buffer_.size() >= kFlushBytes) write_out();
      }
    }
    if (accepted < batch.size()) {
      fail(Error::Kind::Runtime,
           "file sink '{}' received an update ({}) but writes inserts only; set "
           "'sink.changelog-mode' = 'all' to write every change with an op column",
           path_, row_kind_symbol(batch.kind(accepted)));
    }
    write_out();
  }

  void flush() override { write_out(); }

  SinkPosition commit() override {
    write_out();
    if (::fsync(fd_) != 0) {
      const int error = errno;
      struct stat st;
      if (error == EINVAL && ::fstat(fd_, &st) == 0 && !S_ISREG(st.st_mode))
        fail(Error::Kind::Io,
             "cannot checkpoint what '{}' holds: it is not a regular file (a pipe or device "
             "cannot be synced or rolled back)",
             path_);
      fail(Error::Kind::Io, "cannot sync '{}': {}", path_, std::strerror(error));
    }
    if (!directory_synced_) {
      // A file just created is durable only once its directory entry is.
      sync_directory();
      directory_synced_ = true;
    }
    SinkPosition position;
    position.rows = rows_;
    position.bytes = file_size();
    return position;
  }

  Status rollback(const SinkPosition& position) override {
    buffer_.clear();
    const uint64_t size = file_size();
    if (size < position.bytes) {
      return Error{Error::Kind::Io,
                   fmt::format("{} is shorter ({} bytes) than the checkpointed length {}; was it "
                               "replaced?",
                               path_, size, position.bytes)};
    }
    if (::ftruncate(fd_, static_cast<off_t>(position.bytes)) != 0 ||
        ::lseek(fd_, static_cast<off_t>(position.bytes), SEEK_SET) < 0) {
      return Error{Error::Kind::Io, fmt::format("cannot truncate '{}' to its checkpointed length "
                                                "{}: {}",
                                                path_, position.bytes, std::strerror(errno))};
    }
    rows_ = position.rows;
    return Status::ok();
  }

  bool exactly_once() const override { return true; }

  std::string describe() const override {
    return fmt::format("file {} ({})", path_, csv_ ? "csv" : debezium_ ? "debezium-json" : "jsonl");
  }

 private:
  void append_json_object(const Batch& batch, size_t row) {
    buffer_ += '{';
    for (size_t c = 0; c < batch.columns.size(); ++c) {
      if (c > 0) buffer_ += ',';
      buffer_ += c < json_keys_.size() ? json_keys_[c] : "\"?\":";
      append_json_value(buffer_, batch.columns[c], row);
    }
    buffer_ += '}';
  }

  uint64_t file_size() const {
    struct stat st;
    if (::fstat(fd_, &st) != 0)
      fail(Error::Kind::Io, "cannot stat '{}': {}", path_, std::strerror(errno));
    return static_cast<uint64_t>(st.st_size);
  }

  void sync_directory() const {
    const size_t slash = path_.rfind('/');
    const std::string directory = slash == std::string::npos ? "."
                                  : slash == 0               ? "/"
                                                             : path_.substr(0, slash);
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // best effort: the file's own data is synced
    (void)::fsync(fd);
    ::close(fd);
  }

  void write_out() {
    const char* p = buffer_.data();
    size_t left = buffer_.size();
    while (left > 0) {
      const ssize_t n = ::write(fd_, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        buffer_.clear();
        fail(Error::Kind::Io, "cannot write '{}': {}", path_, std::strerror(errno));
      }
      p += n;
      left -= static_cast<size_t>(n);
    }
    buffer_.clear();
  }

  int fd_;
  std::string path_;
  Schema schema_;
  bool csv_;
  bool debezium_;
  char delimiter_;
  char quote_;
  std::string null_text_;
  bool changelog_;
  RowTextWriter writer_;                // csv and jsonl rows
  std::vector<std::string> json_keys_;  // debezium-json's row objects
  std::string buffer_;
  uint64_t rows_ = 0;  // changes written (for the checkpoint position)
  bool directory_synced_ = false;
};

}  // namespace

Result<std::unique_ptr<Sink>> open_file_sink(const ConnectorContext& context) {
  const std::string path = context.option("path", "");
  // Resuming: keep the file; rollback() truncates it to the checkpoint's length. Until then
  // writes go to its end, never over what is there.
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (context.resume ? 0 : O_TRUNC);
  const int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0) {
    Error e;
    e.kind = Error::Kind::Io;
    e.message = fmt::format("cannot open '{}' for writing: {}", path, std::strerror(errno));
    return e;
  }
  if (context.resume && ::lseek(fd, 0, SEEK_END) < 0) {
    Error e;
    e.kind = Error::Kind::Io;
    e.message = fmt::format("cannot seek in '{}': {}", path, std::strerror(errno));
    ::close(fd);
    return e;
  }
  const bool changelog = iequals(context.option("sink.changelog-mode", "insert-only"), "all");
  const bool header = option_true(context, "csv.header") && !context.resume;
  return std::unique_ptr<Sink>(std::make_unique<FileSink>(
      fd, path, context.schema, text_format_options(context), header, changelog));
}

}  // namespace eddy
