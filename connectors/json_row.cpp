// JsonRowReader (json_row.h): one JSON object into one row of typed columns.
#include "connectors/json_row.h"

#include <algorithm>
#include <cstring>

#include "connectors/text_source.h"
#include "connectors/value_parse.h"
#include "runtime/failure.h"

namespace eddy {

namespace {

namespace od = simdjson::ondemand;

std::string_view trim_json_token(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

int JsonRowReader::find_column(std::string_view key) const {
  for (size_t c = 0; c < schema_.size(); ++c) {
    if (schema_[c].name == key) return static_cast<int>(c);
  }
  return schema_.find(key);
}

void JsonRowReader::fail_malformed(int64_t line, simdjson::error_code error) const {
  fail(Error::Kind::Data, "{}:{}: malformed JSON: {}", name_, line, simdjson::error_message(error));
}

void JsonRowReader::fail_column(int64_t line, size_t column, const std::string& what) const {
  fail(Error::Kind::Data, "{}:{}: column '{}': {}", name_, line, schema_[column].name, what);
}

void JsonRowReader::read(od::object& object, Batch& out, int64_t line, RowKind* op) {
  std::fill(seen_.begin(), seen_.end(), 0);
  bool op_seen = false;
  simdjson::error_code error;
  for (auto field_result : object) {
    od::field field;
    if ((error = std::move(field_result).get(field))) fail_malformed(line, error);
    std::string_view key;
    if ((error = field.unescaped_key().get(key))) fail_malformed(line, error);
    if (op && key == "op") {
      std::string_view text;
      if (field.value().get_string().get(text) || !parse_row_kind(text, *op)) {
        fail(Error::Kind::Data, "{}:{}: \"op\": expected \"+I\", \"-U\", \"+U\" or \"-D\"", name_,
             line);
      }
      op_seen = true;
      continue;
    }
    const int column = find_column(key);
    if (column < 0) continue;  // unread values are skipped by the iteration
    const size_t c = static_cast<size_t>(column);
    if (seen_[c]) truncate_column(out.columns[c], out.rows);  // repeated key: the last wins
    seen_[c] = 1;
    od::value value = field.value();
    convert(value, c, out, line);
  }
  if (op && !op_seen) {
    fail(Error::Kind::Data, "{}:{}: missing \"op\" (the row kind of a changelog record)", name_,
         line);
  }
  for (size_t c = 0; c < seen_.size(); ++c) {
    if (seen_[c]) continue;
    if (fail_on_missing_) fail_column(line, c, "missing from the JSON object");
    if (!schema_[c].nullable) fail_column(line, c, "NULL in a NOT NULL column");
    push_null(out.columns[c]);
  }
}

void JsonRowReader::convert(od::value& value, size_t column, Batch& out, int64_t line) {
  Column& c = out.columns[column];
  const Type& type = c.type;
  od::json_type json_type;
  simdjson::error_code error = value.type().get(json_type);
  if (error) fail_malformed(line, error);
  int64_t i = 0;
  double d = 0;
  ParseStatus st = ParseStatus::Ok;
  std::string_view text;  // the text parsed, for error messages

  switch (json_type) {
    case od::json_type::null: {
      bool is_null = false;
      if ((error = value.is_null().get(is_null)) || !is_null) {
        fail_malformed(line, error ? error : simdjson::N_ATOM_ERROR);
      }
      if (!schema_[column].nullable) fail_column(line, column, "NULL in a NOT NULL column");
      push_null(c);
      return;
    }
    case od::json_type::string: {
      if ((error = value.get_string().get(text))) fail_malformed(line, error);
      if (type.id == TypeId::String) {
        push_string(c, c.arena().store(text));
        return;
      }
      text = trim_blanks(text);
      st = type.id == TypeId::Null ? ParseStatus::Invalid
                                   : parse_scalar_text(text, type, i, d, &day_cache_);
      break;
    }
    case od::json_type::number: {
      text = trim_json_token(value.raw_json_token());
      switch (type.id) {
        case TypeId::String:
          push_string(c, c.arena().store(text));
          return;
        case TypeId::Double:
          if ((error = value.get_double().get(d))) st = ParseStatus::Invalid;
          break;
        case TypeId::Timestamp:
          st = parse_int64_text(text, i);
          break;  // epoch milliseconds
        case TypeId::Interval:
          st = parse_int64_text(text, i);
          break;  // milliseconds
        case TypeId::Null:
          st = ParseStatus::Invalid;
          break;
        default:
          st = parse_scalar_text(text, type, i, d);
          break;
      }
      break;
    }
    case od::json_type::boolean: {
      bool b = false;
      if ((error = value.get_bool().get(b))) fail_malformed(line, error);
      text = b ? "true" : "false";
      if (type.id == TypeId::String) {
        push_string(c, text);  // a static literal: no bytes to keep alive
        return;
      }
      if (type.id != TypeId::Boolean) {
        st = ParseStatus::Invalid;
        break;
      }
      push_int(c, b);
      return;
    }
    case od::json_type::object:
    case od::json_type::array: {
      std::string_view raw;
      if (json_type == od::json_type::object) {
        od::object nested;
        if (!(error = value.get_object().get(nested))) error = nested.raw_json().get(raw);
      } else {
        od::array nested;
        if (!(error = value.get_array().get(nested))) error = nested.raw_json().get(raw);
      }
      if (error) fail_malformed(line, error);
      if (type.id == TypeId::String) {
        push_string(c, c.arena().store(trim_json_token(raw)));
        return;
      }
      fail_column(line, column,
                  fmt::format("expected {}, found a JSON {}", type.to_string(),
                              json_type == od::json_type::object ? "object" : "array"));
    }
  }
  if (st != ParseStatus::Ok) fail_column(line, column, parse_error_text(st, text, type));
  if (type.id == TypeId::Double)
    push_double(c, d);
  else
    push_int(c, i);
}

bool next_json_line(const char*& pos, const char* end, bool eof, int64_t& line_counter,
                    od::parser& parser, const JsonRowReader& reader, std::string_view prefix,
                    JsonLine& out) {
  const char* nl = static_cast<const char*>(std::memchr(pos, '\n', end - pos));
  if (!nl && !eof) return false;
  const char* start = pos;
  const char* stop = nl ? nl : end;
  out.line = line_counter++;
  pos = nl ? nl + 1 : end;
  if (out.line == 1 && stop - start >= 3 && std::memcmp(start, "\xEF\xBB\xBF", 3) == 0) start += 3;
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (start < stop && blank(*start)) ++start;
  while (stop > start && blank(stop[-1])) --stop;
  out.blank = start == stop;
  if (out.blank) return true;
  // The bytes after the line (the next lines, or the block's padding) serve as simdjson's
  // padding: they are readable and the parser stops at `len`.
  const size_t len = static_cast<size_t>(stop - start);
  simdjson::error_code error =
      parser.iterate(start, len, len + simdjson::SIMDJSON_PADDING).get(out.doc);
  if (error) reader.fail_malformed(out.line, error);
  if ((error = out.doc.get_object().get(out.object))) {
    if (error == simdjson::INCORRECT_TYPE)
      fail(Error::Kind::Data, "{}:{}: {}expected a JSON object", reader.name(), out.line, prefix);
    reader.fail_malformed(out.line, error);
  }
  return true;
}

}  // namespace eddy
