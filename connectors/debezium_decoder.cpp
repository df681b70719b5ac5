// Debezium JSON change events ('format' = 'debezium-json', Flink's format), one per line:
//
//   {"before": {...} | null, "after": {...} | null, "op": "c" | "r" | "u" | "d", "source": ...}
//
// wrapped in {"schema": ..., "payload": {...}} when 'debezium-json.schema-include' = 'true'
// (Kafka Connect's schemas.enable). As in Flink: "c" (create) and "r" (snapshot read) are +I of
// "after"; "u" is -U of "before" then +U of "after"; "d" is -D of "before". An update or delete
// whose "before" is null fails (a Postgres source needs REPLICA IDENTITY FULL), as does an
// unknown "op" or a missing image; with 'debezium-json.ignore-parse-errors' such a record is
// skipped and counted. The images are read by column name like jsonl objects (json_row.h); other
// envelope keys ("source", "ts_ms", "transaction") are ignored. Blank lines are skipped.
#include <simdjson.h>

#include <cstring>
#include <string>

#include <fmt/format.h>

#include "connectors/json_row.h"
#include "connectors/text_source.h"
#include "connectors/value_parse.h"
#include "runtime/failure.h"

namespace eddy {

namespace {

namespace od = simdjson::ondemand;

class DebeziumDecoder final : public RecordDecoder {
 public:
  DebeziumDecoder(const Schema& schema, std::string name, const TextFormatOptions& options)
      : name_(name),
        schema_include_(options.schema_include),
        reader_(schema, std::move(name), options.fail_on_missing_field) {}

  Step decode(const char*& pos, const char* end, bool eof, Batch& out) override;
  bool zero_copy_strings() const override { return false; }
  bool changelog() const override { return true; }

 private:
  // The envelope's fields, read in one pass: "before" and "after" as raw JSON (empty when null
  // or absent), "op" as text.
  struct Envelope {
    std::string_view before, after;
    std::string op;
    bool has_op = false;
    bool has_schema = false, has_payload = false;  // for the schema-include hint
  };
  void scan(od::object& object, Envelope& envelope, int64_t line);
  void append_image(std::string_view json, RowKind kind, Batch& out, int64_t line);
  [[noreturn]] void fail_record(int64_t line, const std::string& what) const {
    fail(Error::Kind::Data, "{}:{}: debezium-json: {}", name_, line, what);
  }

  std::string name_;
  bool schema_include_;
  od::parser parser_;  // the line
  JsonLine line_data_;
  od::parser image_parser_;  // "before" / "after", parsed again from their raw text
  JsonRowReader reader_;
};

void DebeziumDecoder::scan(od::object& object, Envelope& envelope, int64_t line) {
  simdjson::error_code error;
  for (auto field_result : object) {
    od::field field;
    if ((error = std::move(field_result).get(field))) reader_.fail_malformed(line, error);
    std::string_view key;
    if ((error = field.unescaped_key().get(key))) reader_.fail_malformed(line, error);
    const bool before = key == "before";
    if (before || key == "after") {
      od::value value = field.value();
      od::json_type type;
      if ((error = value.type().get(type))) reader_.fail_malformed(line, error);
      std::string_view& image = before ? envelope.before : envelope.after;
      image = {};
      if (type == od::json_type::null) {
        bool is_null = false;
        if ((error = value.is_null().get(is_null)) || !is_null)
          reader_.fail_malformed(line, error ? error : simdjson::N_ATOM_ERROR);
        continue;
      }
      od::object nested;
      if (type != od::json_type::object || value.get_object().get(nested) ||
          nested.raw_json().get(image)) {
        fail_record(line, fmt::format("\"{}\" must be an object or null", key));
      }
      continue;
    }
    if (key == "op") {
      std::string_view text;
      if (field.value().get_string().get(text)) fail_record(line, "\"op\" must be a string");
      envelope.op.assign(text);
      envelope.has_op = true;
      continue;
    }
    if (key == "schema") envelope.has_schema = true;
    if (key == "payload") envelope.has_payload = true;
  }
}

void DebeziumDecoder::append_image(std::string_view json, RowKind kind, Batch& out, int64_t line) {
  // `json` lies inside the read block, whose bytes after it (the rest of the line, the next
  // lines, the block's padding) are readable: simdjson's padding.
  od::document doc;
  simdjson::error_code error =
      image_parser_.iterate(json.data(), json.size(), json.size() + simdjson::SIMDJSON_PADDING)
          .get(doc);
  od::object object;
  if (error || (error = doc.get_object().get(object))) reader_.fail_malformed(line, error);
  reader_.read(object, out, line);
  out.kinds.push_back(kind);
  ++out.rows;
}

RecordDecoder::Step DebeziumDecoder::decode(const char*& pos, const char* end, bool eof,
                                            Batch& out) {
  if (!next_json_line(pos, end, eof, line_, parser_, reader_, "debezium-json: ", line_data_))
    return Step::NeedMore;
  if (line_data_.blank) return Step::Skip;
  const int64_t line = line_data_.line;
  od::document& doc = line_data_.doc;
  od::object& object = line_data_.object;
  simdjson::error_code error;
  Envelope envelope;
  if (schema_include_) {
    od::object payload;
    if ((error = object.find_field_unordered("payload").get_object().get(payload)))
      fail_record(line,
                  "no \"payload\" object (the message has no schema envelope; is "
                  "'debezium-json.schema-include' = 'true' right?)");
    scan(payload, envelope, line);
  } else {
    scan(object, envelope, line);
  }
  const char* rest = nullptr;
  if (!schema_include_ && !doc.current_location().get(rest))
    fail(Error::Kind::Data, "{}:{}: malformed JSON: unexpected text after the object", name_, line);

  if (!envelope.has_op) {
    if (envelope.has_schema && envelope.has_payload)
      fail_record(line,
                  "no \"op\" (the message has a \"schema\" and a \"payload\": set "
                  "'debezium-json.schema-include' = 'true')");
    fail_record(line, "no \"op\" (expected a Debezium change event)");
  }
  const std::string& op = envelope.op;
  auto need = [&](std::string_view image, const char* which) {
    if (image.empty())
      fail_record(line,
                  fmt::format("\"{}\" is null in an \"op\": \"{}\" event{}", which, op,
                              std::string_view(which) == "before"
                                  ? " (a Debezium Postgres source needs REPLICA IDENTITY FULL)"
                                  : ""));
  };
  if (op == "c" || op == "r") {
    need(envelope.after, "after");
    append_image(envelope.after, RowKind::Insert, out, line);
  } else if (op == "u") {
    need(envelope.before, "before");
    need(envelope.after, "after");
    append_image(envelope.before, RowKind::UpdateBefore, out, line);
    append_image(envelope.after, RowKind::UpdateAfter, out, line);
  } else if (op == "d") {
    need(envelope.before, "before");
    append_image(envelope.before, RowKind::Delete, out, line);
  } else {
    fail_record(line, fmt::format("unknown \"op\" value {} (expected c, r, u or d)",
                                  quote_for_message(op)));
  }
  return Step::Row;
}

}  // namespace

std::unique_ptr<RecordDecoder> make_debezium_decoder(const Schema& schema, std::string name,
                                                     const TextFormatOptions& options) {
  return std::make_unique<DebeziumDecoder>(schema, std::move(name), options);
}

}  // namespace eddy
