// Column batches: the unit of data flow between sources, operators and sinks.
//
// A Column is a typed vector with an optional null mask. Every type but DOUBLE and STRING is
// stored as int64 in `ints` (see include/eddy/types.h); DOUBLE in `doubles`; STRING as
// string_views in `strings` whose bytes live in arenas the column keeps alive, so a source can
// point strings straight into its read buffer and a projection can pass a column on without
// copying bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/types.h"

namespace eddy {

// Bytes that string_views point into. Chunks never move once allocated.
class Arena {
 public:
  explicit Arena(size_t chunk_size = 64 * 1024) : chunk_size_(chunk_size) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  // Copies `s` into the arena and returns a view of the copy.
  std::string_view store(std::string_view s);
  // Reserves n bytes to be written by the caller (e.g. a function building its result).
  char* allocate(size_t n);
  // Adopts a buffer (e.g. a source's read buffer) so views into it stay valid.
  void adopt(std::unique_ptr<char[]> buffer) { chunks_.push_back(std::move(buffer)); }

 private:
  size_t chunk_size_;
  size_t next_chunk_ = 128;  // the last chunk's size (doubling up to chunk_size_)
  std::vector<std::unique_ptr<char[]>> chunks_;
  char* cursor_ = nullptr;
  size_t left_ = 0;
};

struct Column {
  Type type;
  std::vector<int64_t> ints;                   // all int64-backed types
  std::vector<double> doubles;                 // DOUBLE
  std::vector<std::string_view> strings;       // STRING
  std::vector<uint8_t> nulls;                  // empty: no NULLs; else one byte per row, 1 = NULL
  std::vector<std::shared_ptr<Arena>> arenas;  // keep string bytes alive

  Column() = default;
  explicit Column(Type t) : type(t) {}

  size_t size() const;
  bool is_null(size_t row) const { return !nulls.empty() && nulls[row]; }
  // Resize the value vector of this column's type (and the null mask if present).
  void resize(size_t n);
  void reserve(size_t n);
  void clear();
  // Marks `row` NULL, creating the mask on first use.
  void set_null(size_t row);
  // An arena for new string bytes owned by this column (created on first use).
  Arena& arena();
  // Keeps other's string bytes alive when views are copied from `other` into this column.
  void share_arenas(const Column& other);

  // Appending one value (operators that build rows: aggregates, joins). A string is copied into
  // this column's arena.
  void append_null() {
    resize(size() + 1);
    set_null(size() - 1);
  }
  void append_int(int64_t v) {
    ints.push_back(v);
    if (!nulls.empty()) nulls.push_back(0);
  }
  void append_double(double v) {
    doubles.push_back(v);
    if (!nulls.empty()) nulls.push_back(0);
  }
  void append_string(std::string_view v) {
    strings.push_back(arena().store(v));
    if (!nulls.empty()) nulls.push_back(0);
  }
  // Appends row `row` of `from` (same type).
  void append_from(const Column& from, size_t row);

  // Row-wise helpers for tests, sinks and the API (not for hot loops).
  Value get(size_t row) const;
  void append(const Value& v);  // v must be NULL or fit this column's type (value_fits)
};

// Whether a non-NULL value from outside (a C++ function's result, a process function's output)
// can be stored as-is in a column of `type`: the same type (a DECIMAL of the same scale; TIME and
// TIMESTAMP of any precision), or an INT / BIGINT for the other when it is in range.
bool value_fits(const Value& value, const Type& type);

// A batch of rows. `kinds` is empty for append-only data (every row +I). `arrival_watermark`,
// when present, holds per row the watermark in force when the row arrived, so an operator that
// fires timers can interleave them with rows exactly as with batch size 1 (DESIGN.md §2).
struct Batch {
  std::vector<Column> columns;
  size_t rows = 0;
  std::vector<RowKind> kinds;
  std::vector<Timestamp> arrival_watermark;
  // When present: per row, its place in the driver's event-time merge of several inputs
  // (QueryRuntime), carried by row-wise operators (Operator::row_wise) to the operator that
  // takes the merged inputs (MergedInputs). Empty everywhere else.
  std::vector<uint32_t> sequence;
  // When present: per row, its number in the input of the keyed exchange that routed it to one
  // of a keyed operator's instances (operators/keyed_exchange.h), counted from the start of the
  // query. A keyed operator numbers its rows by it instead of by its own count (key and window
  // sequences, runtime/operator.h). Set only on the batches an exchange hands its instances.
  std::vector<uint64_t> positions;

  size_t size() const { return rows; }
  bool empty() const { return rows == 0; }
  RowKind kind(size_t row) const { return kinds.empty() ? RowKind::Insert : kinds[row]; }
  // Empty columns of the given schema's types.
  static Batch with_schema(const Schema& schema);
  void clear();
  // Keeps the rows listed in `selection` (ascending), in place.
  void select(const std::vector<uint32_t>& selection);
  // Rearranges the rows into `order` (a permutation or any list of row numbers).
  void gather(const std::vector<uint32_t>& order);
  // The rows listed in `rows` (any order, repeats allowed) as a new batch whose strings point
  // into this batch's arenas (shared, as slice does: no string bytes are copied).
  Batch take(const std::vector<uint32_t>& rows) const;
  // Rows [begin, end) as a new batch whose strings point into this batch's arenas (shared).
  Batch slice(size_t begin, size_t end) const;
  // Appends row `row` of `from` (same column types) to this batch.
  void append_row(const Batch& from, size_t row);
  // Appends rows [begin, end) of `from` (same column types; this batch may have no columns
  // yet) column by column, with their kinds, arrival watermarks and places (as append_row);
  // strings point into `from`'s arenas (shared). For
  // short-lived gatherings (a sink's next write, a chunk of results): a batch kept long would
  // pin every batch it drew from.
  void append_rows(const Batch& from, size_t begin, size_t end);
};

// Where a timer of `time` fires among a batch's rows, as with batch size 1: the first row whose
// arrival watermark (`arrivals`, rising) reaches it, or arrivals.size() when none does (after the
// last). `hint`, the answer for an earlier timer, is tried first: timers come in time order,
// many firing before the same row.
size_t first_reaching(std::span<const Timestamp> arrivals, Timestamp time, size_t hint);

}  // namespace eddy
