// The source behind the `file` and `stdin` connectors: reads a file descriptor in large blocks
// and decodes records (csv or jsonl) straight into typed columns. One code path serves regular
// files (plain blocking reads) and pipes / terminals / FIFOs (poll with a short timeout, so a
// query over a growing stdin keeps producing and notices cancel).
//
// Blocks: the columns of a batch adopt the block their strings point into (zero-copy csv
// strings). A block is written again only when no batch holds it any more (its shared_ptr is
// ours alone); otherwise a fresh block is taken. A record that runs past the end of a block is
// carried over to the start of the next one, which grows when one record outgrows it.
//
// Threads: a regular file opened by name with TextFormatOptions::decode_threads > 1 is decoded in
// ranges on that many threads (parallel_text_reader.h) and handed over in file order; next(),
// row_origin(), position() and errors are exactly those of decoding on the calling thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/connector.h"
#include "eddy/types.h"
#include "runtime/batch.h"

namespace eddy {

struct TextFormatOptions {
  enum class Format { Csv, Jsonl, DebeziumJson };
  Format format = Format::Csv;
  // csv / jsonl: every record carries its row kind (+I, -U, +U, -D) first: a first csv field, a
  // jsonl "op" key, as the file sink writes them with 'sink.changelog-mode' = 'all'.
  bool changelog = false;
  bool schema_include = false;  // debezium-json: the envelope is under "payload"
  char delimiter = ',';
  char quote = '"';
  bool header = false;
  std::optional<std::string> null_literal;  // csv.null-literal
  bool ignore_parse_errors = false;
  bool fail_on_missing_field = false;  // json.fail-on-missing-field
  size_t block_size = 4 << 20;         // read block; tests shrink it to cross boundaries
  // Threads that decode a regular file opened by name ('parallelism'); 1: the reading thread
  // decodes (stdin and pipes always do). See parallel_text_reader.h.
  size_t decode_threads = 1;
};

// Decodes one record at a time from a byte range. Implementations: csv and jsonl.
class RecordDecoder {
 public:
  enum class Step {
    Row,       // one or more rows were appended to `out` (out.rows counts them; a changelog
               // decoder also appends their kinds to out.kinds); `pos` moved past the record
    Skip,      // a header or blank line was consumed; `pos` moved past it
    NeedMore,  // the record is incomplete: call again with more bytes (`pos` unchanged)
  };
  virtual ~RecordDecoder() = default;
  // Decodes the record at `pos` (< end). `eof`: no bytes follow `end`, so an unterminated last
  // line is complete. Bytes up to end + kPadding are readable. A malformed record throws
  // Failure (Error::Kind::Data, "name:line: ...") with `pos` already past the record and `out`
  // possibly holding part of the row (the caller truncates).
  virtual Step decode(const char*& pos, const char* end, bool eof, Batch& out) = 0;
  // 1-based line number of the next record.
  int64_t line() const { return line_; }
  // Checkpoints: what the decoder learned from the records it consumed (csv: whether the header
  // is still to come, and the column mapping it gave), so that a decoder with the same options in
  // a new process continues at the next record as this one would.
  virtual std::string save_state() const { return {}; }
  // Takes save_state()'s bytes and the next record's line number; false when `state` is not
  // something save_state() wrote (the caller reports it).
  virtual bool restore_state(std::string_view state, int64_t line) {
    line_ = line;
    return state.empty();
  }
  // True when string columns point into the input bytes (so they must keep the block alive).
  virtual bool zero_copy_strings() const = 0;
  // True when records carry row kinds (the batch's `kinds` are filled).
  virtual bool changelog() const { return false; }
  // True once save_state() can no longer change (csv: past the byte-order mark and the header),
  // so every later record is decoded the same wherever decoding started.
  virtual bool settled() const { return true; }

  static constexpr size_t kPadding = 64;  // >= SIMDJSON_PADDING

 protected:
  int64_t line_ = 1;
};

std::unique_ptr<RecordDecoder> make_csv_decoder(const Schema& schema, std::string name,
                                                const TextFormatOptions& options);
std::unique_ptr<RecordDecoder> make_jsonl_decoder(const Schema& schema, std::string name,
                                                  const TextFormatOptions& options);
std::unique_ptr<RecordDecoder> make_debezium_decoder(const Schema& schema, std::string name,
                                                     const TextFormatOptions& options);
// The decoder for options.format.
std::unique_ptr<RecordDecoder> make_decoder(const Schema& schema, std::string name,
                                            const TextFormatOptions& options);
// "csv", "jsonl" or "debezium-json", with " changelog" for an op column: for EXPLAIN lines.
std::string format_label(const TextFormatOptions& options);
// The row kind spelled `text` (+I, -U, +U, -D), or false.
bool parse_row_kind(std::string_view text, RowKind& kind);

// A source over file descriptor `fd` (closed at destruction when `own_fd`). `name` prefixes data
// errors ("logins.csv", "<stdin>"); `description` is the EXPLAIN line. `replayable`: `fd` is a
// file opened by name that a new process can open again and seek, so position() and seek()
// work (when it is a regular file); stdin is not, even when redirected from a file. `wait`: the
// driver's limit on how long a read may block (a pipe's), nullptr: 50 ms.
std::unique_ptr<Source> make_text_source(const Schema& schema, int fd, bool own_fd,
                                         std::string name, std::string description,
                                         const TextFormatOptions& options,
                                         const std::atomic<bool>* cancel, bool replayable = false,
                                         const SourceWait* wait = nullptr);

// Opens `path` for reading and builds a text source over it; Io error if it cannot be opened.
Result<std::unique_ptr<Source>> open_text_file_source(const Schema& schema, const std::string& path,
                                                      const TextFormatOptions& options,
                                                      const std::atomic<bool>* cancel);

}  // namespace eddy
