// The two interfaces the driver pulls from and writes to: a Source of batches and a Sink of
// changes. Connectors (connectors/) implement them; the runtime knows only these.
#pragma once

#include <utility>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "eddy/error.h"
#include "eddy/types.h"
#include "runtime/batch.h"
#include "state/checkpoint.h"

namespace eddy {

enum class SourceStatus {
  Data,  // rows were appended
  Idle,  // nothing available now (an unbounded source with no new data); ask again later
  End,   // exhausted: no more rows, ever
};

// Wakes a query's driver that waits for input pushed from other threads (an embedded stream's
// Input): notify() after something arrived; the driver waits, with a deadline, for a notify()
// after the count it saw before it last looked at its inputs (so none is missed).
class Wakeup {
 public:
  void notify() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++signals_;
    }
    changed_.notify_all();
  }
  uint64_t signals() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return signals_;
  }
  // True when notified after `seen`, false at `deadline`.
  bool wait(uint64_t seen, std::chrono::steady_clock::time_point deadline) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_until(lock, deadline, [&] { return signals_ != seen; });
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  uint64_t signals_ = 0;
};

// What the driver tells its sources about waiting. A source with nothing to give may block in
// next() for at most `max_block_ms` (the driver lowers it to what is left of a Query::poll
// timeout, so a poll never blocks past it); a source fed from another thread notifies `wakeup`
// instead of blocking, and the driver sleeps on it.
struct SourceWait {
  int64_t max_block_ms = 50;  // read and written on the driver's thread only
  std::shared_ptr<Wakeup> wakeup = std::make_shared<Wakeup>();
};

class Source {
 public:
  virtual ~Source() = default;
  // Appends about max_rows rows to `out` (a record of two rows, a debezium update, is never
  // split, so one more may come), whose columns match the schema. Malformed input throws
  // Failure (Error::Kind::Data, message naming file:line and the column) unless the connector
  // is told to skip it, in which case skipped() counts it. A blocking read returns (Idle or End)
  // soon after *cancel becomes true.
  virtual SourceStatus next(Batch& out, size_t max_rows) = 0;
  virtual uint64_t skipped() const { return 0; }
  // How far a source of known size has got, for progress bars: bytes of it consumed so far and
  // its size in bytes ({0, 0}: its size is not known, e.g. stdin or a generator).
  virtual std::pair<uint64_t, uint64_t> progress_bytes() const { return {0, 0}; }
  // Where row `row` of the batch the last next() filled came from, for data errors found after
  // the source ("n.csv:3", "<stdin>:7", "record 12"); empty when unknown. Called only on errors.
  virtual std::string row_origin(size_t /*row*/) const { return {}; }
  // row_origin() of the batch next() gave last, kept past the next calls of next() (a pipelined
  // operator, Operator::pipeline, fails a row after the next batch has been read). Empty: the
  // source cannot keep them (the driver then pipelines nothing it feeds).
  virtual std::function<std::string(size_t)> row_origins() const { return {}; }
  // One line for EXPLAIN: "file logins.csv (csv)".
  virtual std::string describe() const = 0;

  // Watermarks and idleness a source carries itself (an embedded stream, from Input::watermark
  // and Input::idle). watermark(): the watermark in force before the rows the last next()
  // returned (the driver passes it on before forwarding them); kMinTimestamp: none.
  virtual Timestamp watermark() const { return kMinTimestamp; }
  // While it has no rows, the source is idle: it holds back no watermark and the event-time
  // merge does not wait for it ('source.idle-timeout' without the timeout).
  virtual bool idle() const { return false; }
  // True when the source notifies SourceWait::wakeup whenever it gets something new, so the
  // driver can sleep until then rather than ask again.
  virtual bool notifies() const { return false; }
  // True when the source keeps the stream's watermark itself, per partition (Kafka): it fills
  // Batch::arrival_watermark for the rows it returns (the minimum over its partitions before
  // each row) and watermark() with the one before the batch, so the Scan takes those instead of
  // computing one watermark from all rows.
  virtual bool row_watermarks() const { return false; }

  // Checkpoints. A replayable source (a file, datagen) can say where it stands after the rows
  // it has returned, and continue from such a position in a new process; skipped() is part of
  // the position. nullopt: it cannot (stdin), so a resumed query reads it from where it is.
  virtual std::optional<SourcePosition> position() const { return std::nullopt; }
  // Continues from `position` (taken by position() of a source opened with the same options).
  // Errors name the file: missing, shorter than the offset.
  virtual Status seek(const SourcePosition& /*position*/) {
    return Error{Error::Kind::Runtime, describe() + " cannot resume from a checkpoint"};
  }
};

class Sink {
 public:
  virtual ~Sink() = default;
  // Writes the rows of `batch` (with their RowKinds). Throws Failure on I/O errors.
  virtual void write(const Batch& batch) = 0;
  // The driver's way to write: like write(), but the sink may keep (move from) the batch's
  // columns (AsyncSink hands it to its writer thread).
  virtual void consume(Batch& batch) { write(batch); }
  virtual void flush() {}
  virtual std::string describe() const = 0;

  // Checkpoints. commit() makes everything written so far durable (a file sink flushes and
  // fsyncs; the SQLite sink commits its transaction with a progress record) and says where the
  // output ends. Throws Failure when that fails.
  virtual SinkPosition commit() {
    flush();
    return {};
  }
  // In a resumed query, before anything is written: rolls the output back to `position` (a file
  // sink truncates to its length, so rows written after the checkpoint are written again exactly
  // once), or arranges to skip what was already committed past it (the SQLite sink).
  virtual Status rollback(const SinkPosition& /*position*/) { return {}; }
  // True when rollback() makes the output exactly-once (files, SQLite); print and stdout are
  // at-least-once.
  virtual bool exactly_once() const { return false; }
};

}  // namespace eddy
