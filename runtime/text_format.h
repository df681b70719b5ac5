// Text forms of column cells, shared by the file sinks, the print sink and the shell's output
// modes, so that every place eddy writes a value spells it the same way. Each function appends to
// `out` (a buffer the caller reuses) and allocates nothing per cell beyond `out`'s growth.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "eddy/text.h"
#include "runtime/batch.h"

namespace eddy {

// append_csv_field and append_json_string are public (eddy/text.h).

// Appends the CSV text of a cell. NULL is written as `null_text` (default empty). A string that
// would read back as NULL (one equal to `null_text`: the empty string by default) is quoted, as
// the CSV reader takes only an unquoted field as NULL. Booleans are true/false, timestamps
// "YYYY-MM-DD HH:MM:SS.mmm", decimals with their scale, doubles in shortest round-trip form.
void append_csv_value(std::string& out, const Column& column, size_t row, char delimiter = ',',
                      char quote = '"', std::string_view null_text = {});

// Appends a cell as a JSON value: numbers and decimals bare, booleans true/false, NULL as null,
// timestamps and intervals as strings in their display form. Non-finite doubles are written as
// the strings "NaN", "Infinity" and "-Infinity" (JSON has no literal for them; eddy's JSON
// reader accepts those strings for DOUBLE columns).
void append_json_value(std::string& out, const Column& column, size_t row);

// Appends the display text of a cell, exactly Value::to_string() of column.get(row) (NULL is
// "NULL", booleans TRUE/FALSE, ...), without building a Value.
void append_display_text(std::string& out, const Column& column, size_t row);
// Flink's Row.toString spelling, used by the print sink and the shell's changelog mode: null and
// booleans in lower case, everything else as displayed.
void append_changelog_text(std::string& out, const Column& column, size_t row);

// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF):
// the writers above replace each byte that starts no well-formed sequence by U+FFFD.
bool is_valid_utf8(std::string_view s);

// Appends a timestamp as "YYYY-MM-DD HH:MM:SS.mmm" (format_timestamp without its allocation).
void append_timestamp(std::string& out, Timestamp ms);
// A DATE as "YYYY-MM-DD" and a TIME(p) as "HH:MM:SS[.f..]" (format_date / format_time likewise).
void append_date(std::string& out, int64_t days);
void append_time(std::string& out, int64_t ms_of_day, int precision);

}  // namespace eddy
