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

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

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
  bool first_line_ = true;
  od::parser parser_;
  JsonRowReader reader_;
};

RecordDecoder::Step JsonlDecoder::decode(const char*& pos, const char* end, bool eof, Batch& out) {
  const char* nl = static_cast<const char*>(std::memchr(pos, '\n', end - pos));
  if (!nl && !eof) return Step::NeedMore;
  const char* start = pos;
  const char* stop = nl ? nl : end;
  const int64_t line = line_++;
  pos = nl ? nl + 1 : end;

  if (first_line_) {
    first_line_ = false;
    if (stop - start >= 3 && std::memcmp(start, "\xEF\xBB\xBF", 3) == 0) start += 3;
  }
  while (start < stop && is_space(*start)) ++start;
  while (stop > start && is_space(stop[-1])) --stop;
  if (start == stop) return Step::Skip;

  // The bytes after the line (the next lines, or the block's padding) serve as simdjson's
  // padding: they are readable and the parser stops at `len`.
  const size_t len = static_cast<size_t>(stop - start);
  od::document doc;
  simdjson::error_code error =
      parser_.iterate(start, len, len + simdjson::SIMDJSON_PADDING).get(doc);
  if (error) reader_.fail_malformed(line, error);
  od::object object;
  if ((error = doc.get_object().get(object))) {
    if (error == simdjson::INCORRECT_TYPE) {
      fail(Error::Kind::Data, "{}:{}: expected a JSON object", name_, line);
    }
    reader_.fail_malformed(line, error);
  }
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
