// Rows pushed from code into a stream declared WITH ('connector' = 'embedded'):
//
//   engine.execute("CREATE STREAM clicks (uid STRING NOT NULL, ts TIMESTAMP(3), "
//                  "WATERMARK FOR ts AS ts) WITH ('connector' = 'embedded')");
//   eddy::Input clicks = std::move(engine.input("clicks").value());
//   clicks.row().set("uid", "u1").set("ts", int64_t(1000)).append();
//   clicks.watermark(5000);
//   clicks.close();
//
// Rows are checked against the stream's columns as they are appended (count, type, NULL into a
// NOT NULL column); a bad row is refused with an error and changes nothing, so every row appended
// before it still reaches the queries. An Input may be used from any thread, one thread at a
// time (its row builder is its own); take one Input per producer thread. docs/api.md says what
// each query over the stream reads and what a checkpoint records.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/error.h"
#include "eddy/export.h"
#include "eddy/types.h"

namespace eddy {

class EmbeddedStream;

// Builds one row of an Input, value by value, by column index or name, then append()s it. It is
// reused row after row: once its string buffers have grown, building a row allocates nothing.
// A column not set is NULL. A setter that fails (unknown column, a value the column's type
// cannot take) keeps the first error; append() returns it and appends nothing.
//
// What a column takes (its type's representation is in eddy/types.h):
//   int64_t  INT (range-checked), BIGINT, DECIMAL (a whole number), DOUBLE, and the int64-backed
//            time types as their representation: TIMESTAMP milliseconds since the epoch, DATE
//            days, TIME milliseconds of the day, INTERVAL milliseconds
//   double   DOUBLE
//   bool     BOOLEAN
//   string   STRING; TIMESTAMP, DATE and TIME parse it ("2024-01-01 10:00:00.000")
//   Value    by its type: the same type, or one that widens to the column's (INT into BIGINT,
//            DECIMAL or DOUBLE; a DATE into a TIMESTAMP); a NULL Value is NULL
class EDDY_EXPORT RowBuilder {
 public:
  RowBuilder& set(int column, int64_t value);
  RowBuilder& set(int column, int value) { return set(column, int64_t(value)); }
  RowBuilder& set(int column, double value);
  RowBuilder& set(int column, bool value);
  RowBuilder& set(int column, std::string_view value);
  RowBuilder& set(int column, const char* value) { return set(column, std::string_view(value)); }
  RowBuilder& set(int column, const std::string& value) {
    return set(column, std::string_view(value));
  }
  RowBuilder& set(int column, const Value& value);
  RowBuilder& set_null(int column);
  // By column name (case-insensitive, as in SQL).
  template <class T>
  RowBuilder& set(std::string_view column, const T& value) {
    return set(column_index(column), value);
  }
  RowBuilder& set_null(std::string_view column) { return set_null(column_index(column)); }
  // Appends the row to the stream and starts the next one (every column NULL again).
  Status append();

 private:
  friend class Input;
  friend class EmbeddedStream;
  struct Cell {
    int64_t int_value = 0;  // every int64-backed type
    double double_value = 0;
    std::string string_value;
    bool null = true;
  };
  explicit RowBuilder(std::shared_ptr<EmbeddedStream> stream);
  void clear();
  // The column's index, or -1 after recording an unknown-name error.
  int column_index(std::string_view name);
  // Checks `column` is in range; false after recording an error.
  bool valid(int column);
  RowBuilder& mismatch(int column, const char* given);
  RowBuilder& fail(int column, std::string message);

  std::shared_ptr<EmbeddedStream> stream_;
  const Schema* schema_ = nullptr;
  std::vector<Cell> cells_;
  std::optional<Error> error_;
};

class EDDY_EXPORT Input {
 public:
  Input(Input&&) noexcept;
  Input& operator=(Input&&) noexcept;
  ~Input();

  const std::string& stream() const;
  // The columns a row has: the stream's columns other than computed ones (`AS expr`).
  const Schema& schema() const;

  // Appends one row, a Value per column in column order (converted as RowBuilder says).
  Status append(const std::vector<Value>& row);
  // The row builder, cleared: input.row().set(0, int64_t(7)).set("name", "x").append().
  RowBuilder& row();

  // Advances the stream's watermark after the rows appended so far: every query over it sees
  // the watermark at that point of the stream. Combined with the stream's WATERMARK clause,
  // the higher of the two holds; a watermark below the current one changes nothing. Needs a
  // stream with event time (a WATERMARK clause; `WATERMARK FOR ts AS SOURCE_WATERMARK()` makes
  // code the only source of watermarks).
  Status watermark(Timestamp watermark);
  // Marks the stream idle (true) or active (false), as 'source.idle-timeout' does after its
  // timeout: while idle and without rows, it does not hold back the watermark of a join or a
  // union with other streams. Appending a row makes it active again.
  Status idle(bool idle = true);
  // Ends the input: queries over the stream end once they have read every row. Appending after
  // close() is an error; closing twice is not.
  Status close();
  // Rows appended to the stream so far, by every Input of it.
  uint64_t rows() const;

 private:
  friend class Engine;
  explicit Input(std::shared_ptr<EmbeddedStream> stream);
  std::shared_ptr<EmbeddedStream> stream_;
  std::unique_ptr<RowBuilder> builder_;
};

}  // namespace eddy
