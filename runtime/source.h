// The two interfaces the driver pulls from and writes to: a Source of batches and a Sink of
// changes. Connectors (connectors/) implement them; the runtime knows only these.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/batch.h"

namespace eddy {

enum class SourceStatus {
  Data,  // rows were appended
  Idle,  // nothing available now (an unbounded source with no new data); ask again later
  End,   // exhausted: no more rows, ever
};

class Source {
 public:
  virtual ~Source() = default;
  // Appends up to max_rows rows to `out`, whose columns match the schema. Malformed input throws
  // Failure (Error::Kind::Data, message naming file:line and the column) unless the connector
  // is told to skip it, in which case skipped() counts it. A blocking read returns (Idle or End)
  // soon after *cancel becomes true.
  virtual SourceStatus next(Batch& out, size_t max_rows) = 0;
  virtual uint64_t skipped() const { return 0; }
  // One line for EXPLAIN: "file logins.csv (csv)".
  virtual std::string describe() const = 0;
};

class Sink {
 public:
  virtual ~Sink() = default;
  // Writes the rows of `batch` (with their RowKinds). Throws Failure on I/O errors.
  virtual void write(const Batch& batch) = 0;
  virtual void flush() {}
  virtual std::string describe() const = 0;
};

}  // namespace eddy
