// The 'embedded' connector: a stream whose rows, watermarks, idleness and end are pushed from
// code (eddy::Input, include/eddy/input.h) on any thread and read by the queries over it, each
// on its own driver thread.
//
// The stream is an in-memory log numbered from its first row (row 0 is the first row appended
// since CREATE STREAM). Each query reads it from the oldest row still held: rows are held until
// every query open on the stream has read them, and all are held while none is open, so a
// query started before the first append, or after rows were appended but before another query
// read them, sees every row. A query's checkpointed position is the number of rows it has read;
// resumed in a new engine it skips the rows up to there as the producer appends them again
// (docs/api.md: exactly-once). Watermarks are marks between rows: a reader takes a mark when it
// reaches it, so every query sees it at the same place among the rows.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "connectors/connector.h"
#include "eddy/input.h"
#include "runtime/batch.h"
#include "runtime/source.h"

namespace eddy {

class EmbeddedStream {
 public:
  // `schema`: the connector's (physical) columns. `event_time`: the stream has a WATERMARK
  // clause, so watermarks from code mean something.
  EmbeddedStream(std::string name, Schema schema, bool event_time);
  EmbeddedStream(const EmbeddedStream&) = delete;
  EmbeddedStream& operator=(const EmbeddedStream&) = delete;
  const std::string& name() const { return name_; }
  const Schema& schema() const { return schema_; }

  // ---- producers (any thread)
  // Appends a row the builder has checked column by column; checks NOT NULL columns.
  Status append(const RowBuilder& row);
  Status watermark(Timestamp watermark);
  Status set_idle(bool idle);
  void close();
  uint64_t rows() const;

  // ---- readers: one per query reading the stream, used on that query's driver thread
  struct Reader {
    uint64_t cursor = 0;                  // the next row to read
    Timestamp watermark = kMinTimestamp;  // in force before the rows last read
    std::shared_ptr<Wakeup> wakeup;       // notified when something arrives
  };
  enum class Read { Rows, Nothing, End };
  // A reader starting at the oldest row held.
  std::unique_ptr<Reader> add_reader(std::shared_ptr<Wakeup> wakeup);
  void remove_reader(const Reader& reader);
  // Takes the watermark marks at the reader's cursor, then up to `max_rows` rows before the next
  // mark into `out`.
  Read read(Reader& reader, Batch& out, size_t max_rows);
  // Idle as the producer said, and nothing left for this reader to read.
  bool idle(const Reader& reader) const;
  // Continues a reader at row `cursor` (rows before it that are appended later are skipped),
  // with at least `watermark`. An error when rows it would still need were already dropped.
  Status seek(Reader& reader, uint64_t cursor, Timestamp watermark);

 private:
  static constexpr size_t kChunkRows = 1024;
  // Rows [first, first + rows.size()) of the log. String bytes live in `arena`, written only by
  // producers under the mutex; a reader's slice shares it and only reads what it points to.
  struct Chunk {
    uint64_t first = 0;
    Batch rows;
    std::shared_ptr<Arena> arena;
  };
  struct Mark {
    uint64_t before;  // the mark comes before this row
    Timestamp watermark;
  };
  Error closed_error(const char* what) const;
  void notify_readers();
  // Drops rows and marks every reader has passed (only while some reader is open).
  void trim();

  const std::string name_;
  const Schema schema_;
  const bool event_time_;
  mutable std::mutex mutex_;
  std::deque<Chunk> chunks_;
  std::deque<Mark> marks_;
  uint64_t appended_ = 0;
  uint64_t base_ = 0;                         // the oldest row held: where a new reader starts
  Timestamp base_watermark_ = kMinTimestamp;  // the highest mark dropped with the rows before base_
  bool idle_ = false;
  bool closed_ = false;
  std::vector<Reader*> readers_;
};

}  // namespace eddy
