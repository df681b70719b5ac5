// JSON Lines records (one object per line) decoded into typed columns with simdjson's On Demand
// parser, reused across lines and run straight on the read block (no copy per line).
//
// Each object is one row, read by the JsonRowReader of json_row.h; blank
// lines are skipped. A changelog file ('source.changelog-mode' = 'all', as the file sink writes
// with 'sink.changelog-mode' = 'all') has the row kind under the key "op" of every object.
#include <simdjson.h>

#include <cctype>
#include <cstring>
#include <string>
#include <vector>

#include "connectors/json_row.h"
#include "connectors/text_source.h"
#include "connectors/value_parse.h"
#include "runtime/failure.h"

namespace eddy {

namespace {

namespace od = simdjson::ondemand;

static_assert(RecordDecoder::kPadding >= simdjson::SIMDJSON_PADDING);

class JsonlDecoder final : public RecordDecoder {
 public:
  JsonlDecoder(const Schema& schema, std::string name, const TextFormatOptions& options)
      : name_(name),
        changelog_(options.changelog),
        reader_(schema, std::move(name), options.fail_on_missing_field) {}

  Step decode(const char*& pos, const char* end, bool eof, Batch& out) override;
  bool zero_copy_strings() const override { return false; }
  bool changelog() const override { return changelog_; }

 private:
  std::string name_;
  bool changelog_;
  od::parser parser_;
  JsonLine line_data_;
  JsonRowReader reader_;
};

RecordDecoder::Step JsonlDecoder::decode(const char*& pos, const char* end, bool eof, Batch& out) {
  if (!next_json_line(pos, end, eof, line_, parser_, reader_, "", line_data_))
    return Step::NeedMore;
  if (line_data_.blank) return Step::Skip;
  const int64_t line = line_data_.line;
  od::document& doc = line_data_.doc;
  od::object& object = line_data_.object;
  RowKind kind = RowKind::Insert;
  reader_.read(object, out, line, changelog_ ? &kind : nullptr);
  const char* rest = nullptr;
  if (!doc.current_location().get(rest)) {
    fail(Error::Kind::Data, "{}:{}: malformed JSON: unexpected text after the object", name_, line);
  }
  if (changelog_) out.kinds.push_back(kind);
  ++out.rows;
  return Step::Row;
}

}  // namespace

std::unique_ptr<RecordDecoder> make_jsonl_decoder(const Schema& schema, std::string name,
                                                  const TextFormatOptions& options) {
  return std::make_unique<JsonlDecoder>(schema, std::move(name), options);
}

}  // namespace eddy
