// Text forms of values, spelled the way eddy writes them everywhere: the shell's output modes,
// the file sinks and the `print` sink. Chunk::append_text writes one cell in any of them.
#pragma once

#include <string>
#include <string_view>

#include "eddy/export.h"

namespace eddy {

enum class TextFormat {
  // Value::to_string(): NULL as "NULL", booleans TRUE / FALSE, timestamps
  // "YYYY-MM-DD HH:MM:SS.mmm", decimals with their scale, doubles in shortest round-trip form.
  Display,
  // Flink's Row.toString spelling (the print sink, the shell's changelog mode): null and
  // booleans in lower case, everything else as displayed.
  Changelog,
  // One RFC 4180 CSV field: NULL empty, an empty string quoted (so it reads back as ''), booleans
  // true / false, quotes only where needed.
  Csv,
  // A JSON value: numbers bare, NULL as null, timestamps and intervals as strings, non-finite
  // doubles as the strings "NaN", "Infinity", "-Infinity".
  Json,
};

// Appends `field` as one RFC 4180 CSV field: quoted (with inner quotes doubled) only when it
// contains the delimiter, the quote character, CR or LF, or when `force_quote` is set.
EDDY_EXPORT void append_csv_field(std::string& out, std::string_view field, char delimiter = ',',
                                  char quote = '"', bool force_quote = false);

// Appends `s` as a JSON string literal (with the quotes), escaping '"', '\\' and control bytes.
EDDY_EXPORT void append_json_string(std::string& out, std::string_view s);

}  // namespace eddy
