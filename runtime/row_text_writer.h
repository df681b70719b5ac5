// Rows of a batch as csv, JSON lines or changelog text, a batch at a time: the bytes are exactly
// those of append_csv_value / append_json_value / append_changelog_text called cell by cell
// (runtime/text_format.h), written faster. The file and print sinks' hot path.
//
// Why a batch at a time: cell by cell, every value pays a type switch, a NULL check through the
// column and a growth check of the output string per character or field. Here each column is
// looked at once per batch: a first pass works out every row's length (BIGINT digit counts,
// 23-character timestamps, strings that need no quoting, escaping or UTF-8 repair), the output
// is sized once, and a second pass writes each column into its place in every row with raw
// pointers. Cells of other types, and strings that need quoting or repair, are rendered by the
// cell functions into a side buffer in the first pass and copied in the second.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/batch.h"

namespace eddy {

class RowTextWriter {
 public:
  // csv: fields separated by `delimiter`, quoted with `quote` when needed, NULL as `null_text`
  // (as append_csv_value). `op_column`: each row starts with its kind (+I, -U, +U, -D) as a
  // first field.
  static RowTextWriter csv(char delimiter, char quote, std::string null_text, bool op_column);
  // JSON lines: one object per row, keyed by `names` (escaped here once), values as
  // append_json_value writes them. `op_column`: an "op" key first holding the row's kind.
  static RowTextWriter json_lines(const std::vector<std::string>& names, bool op_column);
  // Flink's print format, a row per line: `prefix`, the row's kind, then its cells in
  // append_changelog_text's spelling between brackets, separated by ", " (`+I[1, alice, null]`).
  static RowTextWriter changelog(std::string prefix);

  // Appends rows [begin, end) of `batch`, each ended by '\n'. The batch has as many columns as
  // the writer was made for (a JSON key beyond the names given is "?").
  void append_rows(std::string& out, const Batch& batch, size_t begin, size_t end);

 private:
  enum class Style { Csv, Json, Changelog };
  // How a column's cells are written in the second pass.
  enum class Plan : uint8_t { Null, Integer, Boolean, Timestamp, String, Rendered };
  // Per string cell: copied as it is, NULL text, or rendered into the side buffer.
  enum Cell : uint8_t { kPlain, kNull, kSide };

  RowTextWriter() = default;
  Plan plan_of(const Column& column, size_t begin, size_t end) const;
  bool plain_string(std::string_view s) const;
  void render_cell(const Column& column, size_t row);
  const std::string& column_prefix(size_t c) const;

  Style style_ = Style::Csv;
  char delimiter_ = ',';
  char quote_ = '"';
  std::string null_text_;
  bool op_column_ = false;
  bool plain_punctuation_ = true;  // a delimiter and quote that no number or timestamp holds
  // Fixed text: at the start of a row, around the op symbol, before each column, at the end.
  std::string row_prefix_, op_prefix_, op_suffix_, op_suffix_no_columns_, row_suffix_;
  // csv: "" then the delimiter; changelog: "" then ", "; json: the keys
  std::vector<std::string> column_prefixes_;
  std::string unknown_key_prefix_;

  // Reused between calls.
  std::vector<size_t> at_;      // per row: its length, then where its next byte goes
  std::vector<Plan> plans_;     // per column
  std::vector<uint8_t> cells_;  // per string column and row (Cell)
  std::string side_;            // rendered cells, in column then row order
  std::vector<uint32_t> side_lengths_;
};

}  // namespace eddy
