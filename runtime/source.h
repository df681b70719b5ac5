// The two interfaces the driver pulls from and writes to: a Source of batches and a Sink of
// changes. Connectors (connectors/) implement them; the runtime knows only these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "eddy/error.h"
#include "runtime/batch.h"
#include "state/checkpoint.h"

namespace eddy {

enum class SourceStatus {
  Data,  // rows were appended
  Idle,  // nothing available now (an unbounded source with no new data); ask again later
  End,   // exhausted: no more rows, ever
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
  // One line for EXPLAIN: "file logins.csv (csv)".
  virtual std::string describe() const = 0;

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
