// Block reading and the Source loop shared by the file and stdin connectors (see text_source.h).
#include "connectors/text_source.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include <simdjson.h>

#include "connectors/parallel_text_reader.h"
#include "connectors/value_parse.h"
#include "expr/unicode_case.h"
#include "runtime/failure.h"
#include "state/bytes.h"

namespace eddy {

namespace {

// Sizes a per-row vector to `rows`, the new rows taking `value`: a row at a time is a push_back
// (vector::resize takes its general insertion path, a visible cost per decoded row).
template <class T>
void fill_to(std::vector<T>& values, size_t rows, const T& value) {
  if (values.size() + 1 == rows)
    values.push_back(value);
  else
    values.resize(rows, value);
}

// No single record may need more than this; beyond it the input is taken to be garbage (a
// binary file, a missing newline) rather than buffered without bound.
constexpr size_t kMaxRecordBytes = size_t(256) << 20;
// A streaming read waits this long for bytes before next() reports Idle.
constexpr int kPollTimeoutMs = 50;
// Blocks kept for reuse; more are dropped to the batches still holding them.
constexpr size_t kMaxPooledBlocks = 4;
// A position keeps this many bytes before its offset, checked on seek, so a file replaced by
// another at least as long is not read from the middle of a record.
constexpr size_t kCheckedBytes = 32;
// Rows a decode thread hands over at a time (it checks for a stop between them).
constexpr size_t kChunkRows = 4096;
// A decode thread's range of a large file: small enough that the ranges in flight (threads + 2)
// and their decoded rows stay a few MB, large enough that a range costs far more than its
// hand-over.
constexpr size_t kMaxRangeBytes = 1 << 20;

class TextSource final : public Source {
 public:
  TextSource(const Schema& schema, int fd, bool own_fd, std::string name, std::string description,
             const TextFormatOptions& options, const std::atomic<bool>* cancel, bool replayable,
             const SourceWait* wait)
      : wait_(wait),
        schema_(schema),
        options_(options),
        fd_(fd),
        own_fd_(own_fd),
        name_(std::move(name)),
        description_(std::move(description)),
        ignore_errors_(options.ignore_parse_errors),
        block_size_(std::max<size_t>(options.block_size, 8)),
        cancel_(cancel) {
    decoder_ = make_decoder(schema, name_, options);
    zero_copy_ = decoder_->zero_copy_strings();
    struct stat st;
    streaming_ = fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode);
    replayable_ = replayable && !streaming_;
    if (!streaming_) size_ = uint64_t(st.st_size);
    if (!streaming_) posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
    // Decode threads only for a file opened by name: stdin and pipes are read as they come.
    threads_ = replayable_ ? std::max<size_t>(options.decode_threads, 1) : 1;
  }

  ~TextSource() override {
    parallel_.reset();  // joins the decode threads, which read fd_
    if (own_fd_ && fd_ >= 0) ::close(fd_);
  }

  SourceStatus next(Batch& out, size_t max_rows) override;
  // A decode thread's reader: decodes the records of one range of the file (pread, so the
  // file offset stays the reading thread's) into chunks of rows with their marks.
  void decode_range(const RangeTask& task, const std::atomic<bool>& stop, DecodedRange& out);
  uint64_t skipped() const override { return skipped_; }
  std::pair<uint64_t, uint64_t> progress_bytes() const override {
    if (size_ == 0) return {0, 0};
    return {done_ ? size_ : std::min<uint64_t>(block_offset_ + begin_, size_), size_};
  }
  std::string row_origin(size_t row) const override {
    if (row >= row_lines_.size() || row_lines_[row] <= 0) return {};
    return fmt::format("{}:{}", name_, row_lines_[row]);
  }
  std::function<std::string(size_t)> row_origins() const override {
    return [name = name_, lines = row_lines_](size_t row) -> std::string {
      if (row >= lines.size() || lines[row] <= 0) return {};
      return fmt::format("{}:{}", name, lines[row]);
    };
  }
  std::string describe() const override { return description_; }
  std::optional<SourcePosition> position() const override;
  Status seek(const SourcePosition& position) override;

 private:
  struct Block {
    std::shared_ptr<Arena> arena;  // owns `data`; string columns hold it while they point in
    char* data = nullptr;
    size_t capacity = 0;  // usable bytes; RecordDecoder::kPadding more are allocated
  };
  enum class Fill { Got, WouldBlock, Eof };

  SourceStatus next_serial(Batch& out, size_t first_row, size_t limit);
  // Parallel decoding (TextFormatOptions::decode_threads > 1): ranges decoded by threads, their
  // rows handed over in file order; the position after them kept as a one-thread read keeps it.
  void start_parallel();
  SourceStatus next_parallel(Batch& out, size_t max_rows);
  // Reading on, on this thread, from the position after the rows handed over.
  void continue_serially();
  uint64_t line_start_at(uint64_t offset) const;

  SourcePosition position_at(uint64_t offset, int64_t line) const;
  std::string bytes_before(uint64_t offset) const;
  Fill fill(bool wait);
  void make_room();
  size_t new_block(size_t capacity);
  void attach(Batch& out);
  bool readable_now() const;
  bool cancelled() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }

  const SourceWait* wait_;  // how long a read may block; nullptr: kPollTimeoutMs
  Schema schema_;
  TextFormatOptions options_;
  int fd_;
  bool own_fd_;
  std::string name_;
  std::vector<int64_t> row_lines_;  // the line each row of the batch being filled started at
  std::string description_;
  bool ignore_errors_;
  size_t block_size_;
  const std::atomic<bool>* cancel_;
  std::unique_ptr<RecordDecoder> decoder_;
  bool zero_copy_ = false;
  bool streaming_ = false;
  uint64_t size_ = 0;  // of a regular file, for progress_bytes()

  std::vector<Block> blocks_;
  size_t current_ = SIZE_MAX;  // index into blocks_
  size_t begin_ = 0;           // next record starts here
  size_t end_ = 0;             // bytes read so far end here
  bool eof_ = false;
  bool done_ = false;
  std::optional<Error> deferred_error_;  // raised by the next call to next()
  Batch* filling_ = nullptr;             // the batch next() is appending to
  uint64_t skipped_ = 0;

  // Checkpoints. The file offset of the current block's first byte, so the next record starts
  // at block_offset_ + begin_: bytes read ahead into the block are not part of the position.
  bool replayable_ = false;
  uint64_t block_offset_ = 0;
  // UTF-8: bytes before this file offset are valid (checked a read at a time, not per value);
  // the first invalid byte found is at invalid_at_, which fails the record holding it.
  static constexpr uint64_t kNoOffset = UINT64_MAX;
  uint64_t validated_ = 0;
  uint64_t invalid_at_ = kNoOffset;
  void check_utf8();
  [[noreturn]] void fail_invalid_utf8(const char* data, int64_t line);
  // Set once a malformed record has been raised (not skipped): the position before it, so a
  // checkpoint taken between the good rows handed over and the error meets the error again.
  std::optional<SourcePosition> failed_at_;

  // Parallel decoding, the reading thread's side. The position after the rows handed over
  // (offset, line, skipped count, decoder state) is kept in block_offset_, decoder_ and skipped_
  // after every next(), so position() and a switch to continue_serially() work unchanged.
  size_t threads_ = 1;
  bool parallel_started_ = false;
  bool stalled_ = false;  // cancelled while waiting for a range: nothing more comes
  std::unique_ptr<ParallelTextReader> parallel_;
  DecodedRange range_;  // the range being handed over
  bool have_range_ = false;
  size_t chunk_ = 0, chunk_row_ = 0;
  int64_t range_line_ = 1;      // the true line where range_ begins
  uint64_t range_skipped_ = 0;  // records skipped before range_
  uint64_t pos_offset_ = 0;
  int64_t pos_line_ = 1;
  uint64_t pos_skipped_ = 0;
  std::string pos_state_;
  std::exception_ptr deferred_exception_;  // a decode thread's, raised by the next call

  // A decode thread's reader (decode_range): records starting at or after range_stop_ are left
  // to the next range; row marks go to marks_; a failed record's place is kept in fail_*; the
  // decoder's state before the record being decoded, in state_before_, until it is settled.
  uint64_t range_stop_ = UINT64_MAX;
  bool ranged_ = false;
  std::vector<RowMark>* marks_ = nullptr;
  uint64_t fail_offset_ = UINT64_MAX;
  int64_t fail_line_ = 0;
  uint64_t fail_skipped_ = 0;
  std::string state_before_;
  bool settled_ = true;
};

class TextRangeDecoder final : public RangeDecoder {
 public:
  explicit TextRangeDecoder(std::unique_ptr<TextSource> source) : source_(std::move(source)) {}
  void decode(const RangeTask& task, const std::atomic<bool>& stop, DecodedRange& out) override {
    source_->decode_range(task, stop, out);
  }

 private:
  std::unique_ptr<TextSource> source_;
};

std::optional<SourcePosition> TextSource::position() const {
  if (!replayable_) return std::nullopt;
  if (failed_at_) return failed_at_;
  return position_at(block_offset_ + begin_, decoder_->line());
}

// The position's `state`: the skipped-record count, the decoder's own state, and the file's
// last bytes before the offset.
SourcePosition TextSource::position_at(uint64_t offset, int64_t line) const {
  SourcePosition p;
  p.offset = offset;
  p.line = static_cast<uint64_t>(line);
  bytes::put<uint64_t>(p.state, skipped_);
  bytes::put_string(p.state, decoder_->save_state());
  bytes::put_string(p.state, bytes_before(offset));
  return p;
}

// Up to kCheckedBytes before `offset` (fewer only at the start of the file or on a read error).
std::string TextSource::bytes_before(uint64_t offset) const {
  std::string out(std::min<uint64_t>(offset, kCheckedBytes), '\0');
  const ssize_t n = ::pread(fd_, out.data(), out.size(), static_cast<off_t>(offset - out.size()));
  out.resize(n < 0 ? 0 : static_cast<size_t>(n));
  return out;
}

Status TextSource::seek(const SourcePosition& position) {
  if (!replayable_) return Source::seek(position);
  if (current_ != SIZE_MAX || done_ || parallel_started_) {
    return Error{Error::Kind::Runtime,
                 fmt::format("{}: internal error: seek after reading began", name_)};
  }
  std::string_view state = position.state;
  std::string_view decoder_state, checked;
  uint64_t skipped = 0;
  if (!bytes::get(state, skipped) || !bytes::get_string(state, decoder_state) ||
      !bytes::get_string(state, checked) || !state.empty() || checked.size() > position.offset ||
      position.line == 0 || position.line > uint64_t(INT64_MAX) ||
      !decoder_->restore_state(decoder_state, static_cast<int64_t>(position.line))) {
    return Error{Error::Kind::Runtime,
                 fmt::format("{}: the checkpointed position is malformed", name_)};
  }
  struct stat st;
  if (fstat(fd_, &st) != 0) {
    return Error{Error::Kind::Io, fmt::format("{}: cannot stat: {}", name_, std::strerror(errno))};
  }
  if (static_cast<uint64_t>(st.st_size) < position.offset) {
    return Error{Error::Kind::Io,
                 fmt::format("{} is shorter ({} bytes) than the checkpointed offset {}; was it "
                             "replaced?",
                             name_, st.st_size, position.offset)};
  }
  if (!checked.empty() && bytes_before(position.offset) != checked) {
    return Error{Error::Kind::Io,
                 fmt::format("{} differs from the file read before the checkpointed offset {}; "
                             "was it replaced?",
                             name_, position.offset)};
  }
  if (::lseek(fd_, static_cast<off_t>(position.offset), SEEK_SET) < 0) {
    return Error{Error::Kind::Io, fmt::format("{}: cannot seek to offset {}: {}", name_,
                                              position.offset, std::strerror(errno))};
  }
  block_offset_ = position.offset;
  skipped_ = skipped;
  return Status::ok();
}

SourceStatus TextSource::next(Batch& out, size_t max_rows) {
  if (deferred_exception_) {
    done_ = true;
    std::rethrow_exception(std::exchange(deferred_exception_, nullptr));
  }
  if (deferred_error_) throw Failure(std::move(*deferred_error_));
  if (done_) return SourceStatus::End;
  if (stalled_) return SourceStatus::Idle;
  if (threads_ > 1 && !parallel_started_) start_parallel();
  if (parallel_) return next_parallel(out, max_rows);
  row_lines_.assign(out.rows, 0);
  return next_serial(out, out.rows, out.rows + max_rows);
}

// Rows up to `limit` appended to `out`, whose rows from `first_row` on came from this call of
// next() (so an error after them waits for the next call).
SourceStatus TextSource::next_serial(Batch& out, size_t first_row, size_t limit) {
  filling_ = &out;
  if (zero_copy_ && current_ != SIZE_MAX) attach(out);
  while (out.rows < limit) {
    if (block_offset_ + begin_ >= range_stop_) {
      done_ = true;  // the rest is the next range's
      break;
    }
    if (begin_ == end_ && eof_) {
      done_ = true;
      break;
    }
    if (begin_ < end_) {
      char* data = blocks_[current_].data;
      const char* pos = data + begin_;
      RecordDecoder::Step step;
      const size_t rows_before = out.rows;
      const size_t record_begin = begin_;
      const int64_t record_line = decoder_->line();
      if (!settled_) {
        state_before_ = decoder_->save_state();
        settled_ = decoder_->settled();
      }
      try {
        // A record is decoded whole: its rows (two for a debezium update) all land in `out`,
        // so a position never falls between them (`out` may end one row past max_rows).
        // A record holding an invalid byte fails as such, whatever else the decoder found
        // (simdjson only says "not valid UTF-8"). `pos` is past the record either way.
        const auto holds_invalid = [&] {
          return invalid_at_ != kNoOffset && block_offset_ + uint64_t(pos - data) > invalid_at_;
        };
        try {
          step = decoder_->decode(pos, data + end_, eof_, out);
        } catch (const Failure&) {
          if (holds_invalid()) fail_invalid_utf8(data, record_line);
          throw;
        }
        if (holds_invalid()) fail_invalid_utf8(data, record_line);
      } catch (const Failure& failure) {
        begin_ = static_cast<size_t>(pos - data);
        // A record that yields two rows (a debezium update) is taken whole or not at all.
        out.rows = rows_before;
        for (Column& c : out.columns) truncate_column(c, out.rows);
        if (out.kinds.size() > out.rows) out.kinds.resize(out.rows);
        if (!ignore_errors_ || failure.error().kind != Error::Kind::Data) {
          filling_ = nullptr;
          if (ranged_) {
            fail_offset_ = block_offset_ + record_begin;
            fail_line_ = record_line;
            fail_skipped_ = skipped_;
          } else if (replayable_ && !failed_at_) {
            failed_at_ = position_at(block_offset_ + record_begin, record_line);
          }
          // Hand over the good rows before the bad record first, so what reaches the output
          // before the error does not depend on the batch size.
          if (out.rows == first_row) throw;
          deferred_error_ = failure.error();
          return SourceStatus::Data;
        }
        ++skipped_;
        check_utf8();  // past a skipped invalid byte, the rest of what was read
        continue;
      }
      begin_ = static_cast<size_t>(pos - data);
      if (step == RecordDecoder::Step::Row) {
        fill_to(row_lines_, out.rows, record_line);
        if (marks_)
          fill_to(*marks_, out.rows, RowMark{block_offset_ + begin_, decoder_->line(), skipped_});
        continue;
      }
      if (step == RecordDecoder::Step::Skip) continue;
    }
    // The buffered bytes hold no complete record: read more. A stream hands over the rows it
    // has rather than wait for more input.
    if (eof_) fail(Error::Kind::Runtime, "{}: internal error: decoder stalled at end", name_);
    if (streaming_ && out.rows > first_row && !readable_now()) break;
    const Fill fill_result = fill(streaming_);
    if (fill_result == Fill::WouldBlock) break;
    if (fill_result == Fill::Eof) eof_ = true;
    check_utf8();
  }
  filling_ = nullptr;
  if (out.rows > first_row) return SourceStatus::Data;
  return done_ ? SourceStatus::End : SourceStatus::Idle;
}

void TextSource::start_parallel() {
  parallel_started_ = true;
  if (current_ != SIZE_MAX || size_ <= block_offset_) return;  // nothing left to cut
  RangeTask first;
  first.begin = block_offset_;
  first.first_line = decoder_->line();
  first.state = decoder_->save_state();
  pos_offset_ = block_offset_;
  pos_line_ = decoder_->line();
  pos_skipped_ = skipped_;
  pos_state_ = first.state;
  TextFormatOptions worker_options = options_;
  worker_options.decode_threads = 1;
  auto factory = [this, worker_options]() -> std::unique_ptr<RangeDecoder> {
    auto source = std::make_unique<TextSource>(schema_, fd_, false, name_, description_,
                                               worker_options, cancel_, true, nullptr);
    source->ranged_ = true;
    return std::make_unique<TextRangeDecoder>(std::move(source));
  };
  const uint64_t range_bytes = ParallelTextReader::range_size(
      size_ - block_offset_, threads_, std::min(block_size_, kMaxRangeBytes));
  parallel_ =
      std::make_unique<ParallelTextReader>(factory, first, size_, range_bytes, threads_, cancel_);
}

SourceStatus TextSource::next_parallel(Batch& out, size_t max_rows) {
  const size_t first_row = out.rows;
  const size_t limit = first_row + max_rows;
  row_lines_.assign(first_row, 0);
  // Moves the position to `line` of range_ (counted as its decoder counted).
  const auto move_to = [&](uint64_t offset, int64_t line, uint64_t skipped) {
    pos_offset_ = offset;
    pos_line_ = range_line_ + (line - range_.first_line);
    pos_skipped_ = range_skipped_ + skipped;
    if (pos_state_ != range_.end_state) pos_state_ = range_.end_state;
  };
  bool serial = false;
  while (out.rows < limit) {
    if (!have_range_) {
      range_ = parallel_->take();
      if (range_.cancelled) {
        parallel_.reset();
        stalled_ = true;
        break;
      }
      have_range_ = true;
      chunk_ = chunk_row_ = 0;
      range_line_ = pos_line_;
      range_skipped_ = pos_skipped_;
    }
    if (chunk_ < range_.chunks.size()) {
      DecodedChunk& chunk = range_.chunks[chunk_];
      const size_t rows = chunk.batch.rows;
      size_t n = std::min(limit - out.rows, rows - chunk_row_);
      // The rows of one record (a debezium update) are handed over together.
      while (chunk_row_ + n < rows &&
             chunk.marks[chunk_row_ + n].end == chunk.marks[chunk_row_ + n - 1].end)
        ++n;
      out.append_rows(chunk.batch, chunk_row_, chunk_row_ + n);
      for (size_t i = chunk_row_; i < chunk_row_ + n; ++i)
        row_lines_.push_back(range_line_ + (chunk.lines[i] - range_.first_line));
      const RowMark& mark = chunk.marks[chunk_row_ + n - 1];
      move_to(mark.end, mark.line, mark.skipped);
      chunk_row_ += n;
      if (chunk_row_ == rows) {
        chunk = DecodedChunk{};  // lets go of its blocks
        ++chunk_;
        chunk_row_ = 0;
      }
      continue;
    }
    // Every row of the range is out: the position moves to where it ended.
    have_range_ = false;
    move_to(range_.end, range_.line, range_.skipped);
    if (range_.exception) {
      parallel_.reset();
      deferred_exception_ = range_.exception;
      break;
    }
    if (range_.failed) {
      // The record at the range's end fails: reading on here raises its error exactly as a
      // one-thread read does, after the rows before it.
      parallel_.reset();
      serial = true;
      break;
    }
    if (range_.eof) {
      parallel_.reset();
      done_ = true;
      break;
    }
  }
  block_offset_ = pos_offset_;
  skipped_ = pos_skipped_;
  if (!decoder_->restore_state(pos_state_, pos_line_))
    fail(Error::Kind::Runtime, "{}: internal error: a decode thread's state is malformed", name_);
  if (serial) {
    continue_serially();
    return next_serial(out, first_row, limit);
  }
  if (deferred_exception_ && out.rows == first_row) {
    done_ = true;
    std::rethrow_exception(std::exchange(deferred_exception_, nullptr));
  }
  if (out.rows > first_row) return SourceStatus::Data;
  return done_ ? SourceStatus::End : SourceStatus::Idle;
}

void TextSource::continue_serially() {
  current_ = SIZE_MAX;
  begin_ = end_ = 0;
  eof_ = false;
  validated_ = block_offset_;
  invalid_at_ = kNoOffset;
  if (::lseek(fd_, static_cast<off_t>(block_offset_), SEEK_SET) < 0)
    fail(Error::Kind::Io, "{}: cannot seek to offset {}: {}", name_, block_offset_,
         std::strerror(errno));
}

// The first offset at or after `offset` that starts a line (the file's size when none does).
uint64_t TextSource::line_start_at(uint64_t offset) const {
  if (offset == 0) return 0;
  char buffer[16 << 10];
  uint64_t at = offset - 1;
  for (;;) {
    const ssize_t n = ::pread(fd_, buffer, sizeof buffer, static_cast<off_t>(at));
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(Error::Kind::Io, "{}: read error: {}", name_, std::strerror(errno));
    }
    if (n == 0) return at;
    const void* nl = std::memchr(buffer, '\n', static_cast<size_t>(n));
    if (nl) return at + uint64_t(static_cast<const char*>(nl) - buffer) + 1;
    at += uint64_t(n);
  }
}

void TextSource::decode_range(const RangeTask& task, const std::atomic<bool>& stop,
                              DecodedRange& out) {
  const uint64_t begin = task.align ? line_start_at(task.begin) : task.begin;
  out.begin = out.end = begin;
  // Blocks handed over with earlier ranges belong to their batches now (and are read on another
  // thread): a range starts on fresh ones. A block holds the range and a little of the next, for
  // the record that runs past its stop.
  if (zero_copy_) blocks_.clear();
  current_ = SIZE_MAX;
  const size_t block = std::max<size_t>(options_.block_size, 8);
  const uint64_t span = task.stop > begin ? task.stop - begin : 0;
  block_size_ = size_t(std::min<uint64_t>(span, block)) + std::min<size_t>(block, 64 << 10);
  begin_ = end_ = 0;
  block_offset_ = begin;
  eof_ = done_ = false;
  deferred_error_.reset();
  skipped_ = 0;
  validated_ = begin;
  invalid_at_ = kNoOffset;
  range_stop_ = task.stop;
  fail_offset_ = kNoOffset;
  state_before_ = task.state;
  settled_ = false;
  if (!decoder_->restore_state(task.state, task.first_line))
    fail(Error::Kind::Runtime, "{}: internal error: a range's decoder state is malformed", name_);
  for (;;) {
    if (stop.load() || cancelled()) {
      out.cancelled = true;
      return;
    }
    DecodedChunk chunk;
    chunk.batch = Batch::with_schema(schema_);
    marks_ = &chunk.marks;
    SourceStatus status;
    try {
      status = next(chunk.batch, kChunkRows);
    } catch (const Failure&) {
      marks_ = nullptr;
      out.failed = true;
      if (fail_offset_ != kNoOffset) {
        out.end = fail_offset_;
        out.line = fail_line_;
        out.skipped = fail_skipped_;
      } else {
        out.end = block_offset_ + begin_;
        out.line = decoder_->line();
        out.skipped = skipped_;
      }
      out.end_state = state_before_;
      return;
    }
    marks_ = nullptr;
    if (chunk.batch.rows > 0) {
      chunk.lines = row_lines_;
      out.chunks.push_back(std::move(chunk));
    }
    if (status == SourceStatus::End) break;
  }
  out.end = block_offset_ + begin_;
  out.line = decoder_->line();
  out.skipped = skipped_;
  out.end_state = decoder_->save_state();
  out.eof = eof_ && begin_ == end_;
}

void TextSource::check_utf8() {
  if (current_ == SIZE_MAX) return;
  if (invalid_at_ != kNoOffset) {
    if (invalid_at_ >= block_offset_ + begin_) return;  // not reported yet
    validated_ = invalid_at_ + 1;                       // reported and skipped
    invalid_at_ = kNoOffset;
  }
  const char* data = blocks_[current_].data;
  size_t from = size_t(std::max(validated_, block_offset_ + begin_) - block_offset_);
  size_t to = end_;
  if (!eof_) {
    // A character cut by the end of the read is checked with the next read.
    size_t lead = to;
    while (lead > from && to - lead < 4 &&
           (static_cast<unsigned char>(data[lead - 1]) & 0xC0) == 0x80)
      --lead;
    if (lead > from && static_cast<unsigned char>(data[lead - 1]) >= 0xC0) to = lead - 1;
  }
  if (from >= to) return;
  if (simdjson::validate_utf8(data + from, to - from)) {
    validated_ = block_offset_ + to;
    return;
  }
  // Only now, per byte: where the first invalid one is.
  size_t len = 1;
  for (size_t at = from; at < to; at += len) {
    if (expr::utf8_decode(std::string_view(data, to), at, len) == 0xFFFD && len == 1) {
      invalid_at_ = block_offset_ + at;
      validated_ = invalid_at_;
      return;
    }
  }
  validated_ = block_offset_ + to;
}

void TextSource::fail_invalid_utf8(const char* data, int64_t line) {
  // The record starts a line (record_line); count the lines up to the invalid byte.
  const size_t at = size_t(invalid_at_ - block_offset_);
  size_t line_start = begin_;
  for (size_t i = begin_; i < at; ++i) {
    if (data[i] == '\n') ++line, line_start = i + 1;
  }
  size_t character = 1;
  for (size_t i = line_start; i < at; ++i)
    character += (static_cast<unsigned char>(data[i]) & 0xC0) != 0x80;
  fail(Error::Kind::Data,
       "{}:{}: invalid UTF-8 (byte 0x{:02x} at character {} of the line); the input must be "
       "UTF-8 text",
       name_, line, static_cast<unsigned char>(data[at]), character);
}

bool TextSource::readable_now() const {
  pollfd p{fd_, POLLIN, 0};
  return ::poll(&p, 1, 0) > 0;
}

TextSource::Fill TextSource::fill(bool wait) {
  make_room();
  Block& block = blocks_[current_];
  if (wait) {
    pollfd p{fd_, POLLIN, 0};
    const int r = ::poll(
        &p, 1,
        int(wait_ ? std::min<int64_t>(kPollTimeoutMs, wait_->max_block_ms) : kPollTimeoutMs));
    if (r == 0) return Fill::WouldBlock;
    if (r < 0) {
      if (errno == EINTR) return Fill::WouldBlock;  // the driver checks cancel and asks again
      fail(Error::Kind::Io, "{}: cannot poll: {}", name_, std::strerror(errno));
    }
  }
  for (;;) {
    // A decode thread reads its range with pread: the file offset is the reading thread's.
    const ssize_t n = ranged_ ? ::pread(fd_, block.data + end_, block.capacity - end_,
                                        static_cast<off_t>(block_offset_ + end_))
                              : ::read(fd_, block.data + end_, block.capacity - end_);
    if (n > 0) {
      end_ += static_cast<size_t>(n);
      // Defined bytes after the data for the json parser's look-ahead.
      std::memset(block.data + end_, ' ', RecordDecoder::kPadding);
      return Fill::Got;
    }
    if (n == 0) {
      std::memset(block.data + end_, ' ', RecordDecoder::kPadding);
      return Fill::Eof;
    }
    if (errno == EINTR) {
      if (cancelled()) return Fill::WouldBlock;
      continue;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK) return Fill::WouldBlock;
    fail(Error::Kind::Io, "{}: read error: {}", name_, std::strerror(errno));
  }
}

void TextSource::make_room() {
  // Reading into the tail of the current block is always safe: no view points there yet.
  const size_t min_read = std::min<size_t>(64 << 10, std::max<size_t>(block_size_ / 4, 1));
  if (current_ != SIZE_MAX && blocks_[current_].capacity - end_ >= min_read) return;

  const size_t carry = end_ - begin_;  // the incomplete record, moved to the new block's start
  size_t need = std::max(block_size_, carry + min_read);
  if (carry * 2 > block_size_) need = std::max(need, carry * 2);
  if (carry >= kMaxRecordBytes) {
    fail(Error::Kind::Data, "{}:{}: record longer than {} MB (is this a text file?)", name_,
         decoder_->line(), kMaxRecordBytes >> 20);
  }
  // A block no batch holds any more can be overwritten; prefer the current one (no copy
  // needed beyond the carried record), then any other idle pooled block.
  size_t target = SIZE_MAX;
  if (current_ != SIZE_MAX && blocks_[current_].arena.use_count() == 1 &&
      blocks_[current_].capacity >= need) {
    target = current_;
  } else {
    for (size_t i = 0; i < blocks_.size(); ++i) {
      if (i != current_ && blocks_[i].arena.use_count() == 1 && blocks_[i].capacity >= need) {
        target = i;
        break;
      }
    }
  }
  if (target == SIZE_MAX) target = new_block(need);
  char* from = blocks_[current_ == SIZE_MAX ? target : current_].data + begin_;
  if (carry > 0) std::memmove(blocks_[target].data, from, carry);
  current_ = target;
  block_offset_ += begin_;
  begin_ = 0;
  end_ = carry;
  if (zero_copy_ && filling_) attach(*filling_);
}

size_t TextSource::new_block(size_t capacity) {
  // Drop an idle-or-not pooled block (never the current one) when the pool is full: batches that
  // still point into it keep it alive until they go.
  if (blocks_.size() >= kMaxPooledBlocks) {
    for (size_t i = 0; i < blocks_.size(); ++i) {
      if (i == current_) continue;
      blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(i));
      if (current_ != SIZE_MAX && current_ > i) --current_;
      break;
    }
  }
  // Not zero-filled: every byte is written by read() before it is looked at.
  std::unique_ptr<char[]> buffer(new char[capacity + RecordDecoder::kPadding]);
  Block block;
  block.data = buffer.get();
  block.capacity = capacity;
  block.arena = std::make_shared<Arena>(0);
  block.arena->adopt(std::move(buffer));
  blocks_.push_back(std::move(block));
  return blocks_.size() - 1;
}

void TextSource::attach(Batch& out) {
  const std::shared_ptr<Arena>& arena = blocks_[current_].arena;
  for (Column& c : out.columns) {
    if (c.type.id != TypeId::String) continue;
    if (std::find(c.arenas.begin(), c.arenas.end(), arena) == c.arenas.end()) {
      c.arenas.push_back(arena);
    }
  }
}

}  // namespace

std::unique_ptr<Source> make_text_source(const Schema& schema, int fd, bool own_fd,
                                         std::string name, std::string description,
                                         const TextFormatOptions& options,
                                         const std::atomic<bool>* cancel, bool replayable,
                                         const SourceWait* wait) {
  return std::make_unique<TextSource>(schema, fd, own_fd, std::move(name), std::move(description),
                                      options, cancel, replayable, wait);
}

Result<std::unique_ptr<Source>> open_text_file_source(const Schema& schema, const std::string& path,
                                                      const TextFormatOptions& options,
                                                      const std::atomic<bool>* cancel) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    Error e;
    e.kind = Error::Kind::Io;
    e.message = fmt::format("cannot open '{}': {}", path, std::strerror(errno));
    return e;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    Error e;
    e.kind = Error::Kind::Io;
    e.message = fmt::format("cannot read '{}': it is a directory", path);
    return e;
  }
  return make_text_source(schema, fd, true, path,
                          fmt::format("file {} ({})", path, format_label(options)), options, cancel,
                          /*replayable=*/true);
}

std::unique_ptr<RecordDecoder> make_decoder(const Schema& schema, std::string name,
                                            const TextFormatOptions& options) {
  switch (options.format) {
    case TextFormatOptions::Format::Csv:
      return make_csv_decoder(schema, std::move(name), options);
    case TextFormatOptions::Format::Jsonl:
      return make_jsonl_decoder(schema, std::move(name), options);
    case TextFormatOptions::Format::DebeziumJson:
      return make_debezium_decoder(schema, std::move(name), options);
  }
  return nullptr;
}

std::string format_label(const TextFormatOptions& options) {
  switch (options.format) {
    case TextFormatOptions::Format::Csv:
      return options.changelog ? "csv changelog" : "csv";
    case TextFormatOptions::Format::Jsonl:
      return options.changelog ? "jsonl changelog" : "jsonl";
    case TextFormatOptions::Format::DebeziumJson:
      return "debezium-json";
  }
  return "";
}

bool parse_row_kind(std::string_view text, RowKind& kind) {
  text = trim_blanks(text);
  for (RowKind k :
       {RowKind::Insert, RowKind::UpdateBefore, RowKind::UpdateAfter, RowKind::Delete}) {
    if (text == row_kind_symbol(k)) {
      kind = k;
      return true;
    }
  }
  return false;
}

}  // namespace eddy
