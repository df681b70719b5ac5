// One JSON object read into one row of typed columns: shared by the jsonl and debezium-json
// decoders. Keys match column names exactly, else case-insensitively; other keys are ignored; a
// missing key is NULL (an error with 'json.fail-on-missing-field'); when a key repeats, the
// last wins. Values: numbers and JSON strings holding numbers both fill numeric columns (as in
// Flink); a TIMESTAMP is epoch milliseconds as a number or a timestamp string; a STRING column
// takes a string, or the JSON text of any other value.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/types.h"
#include "expr/time_util.h"
#include "runtime/batch.h"

namespace eddy {

class JsonRowReader {
 public:
  JsonRowReader(const Schema& schema, std::string name, bool fail_on_missing)
      : schema_(schema),
        name_(std::move(name)),
        fail_on_missing_(fail_on_missing),
        seen_(schema.size(), 0) {}

  // Appends the object's values to out.columns as row out.rows (the caller counts the row).
  // With `op` non-null, the key "op" holds the row kind (+I, -U, +U, -D) and is stored there;
  // it must be present. Throws Failure (Data, "name:line: ...") on malformed input.
  void read(simdjson::ondemand::object& object, Batch& out, int64_t line, RowKind* op = nullptr);

  [[noreturn]] void fail_malformed(int64_t line, simdjson::error_code error) const;
  const std::string& name() const { return name_; }

 private:
  int find_column(std::string_view key) const;
  void convert(simdjson::ondemand::value& value, size_t column, Batch& out, int64_t line);
  [[noreturn]] void fail_column(int64_t line, size_t column, const std::string& what) const;

  Schema schema_;
  std::string name_;
  bool fail_on_missing_;
  std::vector<uint8_t> seen_;
  TimestampDayCache day_cache_;  // timestamps in strings mostly share their day
};

// The next line of JSON-lines text at `pos` (advanced past it), for the jsonl and debezium-json
// decoders: false when the line is not complete yet and more input may come. Otherwise `line` is
// its number and either `blank` is set (only blanks on it) or `object` is its JSON object,
// parsed into `doc` by `parser`. A UTF-8 BOM may open line 1. Malformed JSON, and any JSON value
// but an object ("name:line: <prefix>expected a JSON object"), fail.
struct JsonLine {
  simdjson::ondemand::document doc;
  simdjson::ondemand::object object;
  int64_t line = 0;
  bool blank = false;
};
bool next_json_line(const char*& pos, const char* end, bool eof, int64_t& line_counter,
                    simdjson::ondemand::parser& parser, const JsonRowReader& reader,
                    std::string_view prefix, JsonLine& out);

}  // namespace eddy
