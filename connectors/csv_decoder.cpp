// CSV records (RFC 4180) decoded into typed columns.
//
// A record is first split into fields (views into the input; a quoted field points inside its
// quotes), then each field is converted into its column. Quoting: a field is quoted only when it
// starts with the quote character; inside, a doubled quote is a literal quote; delimiters, CR
// and LF in a quoted field are data. A quote in the middle of an unquoted field is a literal.
// Lines end in LF or CRLF; the last line may lack one; a UTF-8 BOM at the start is skipped;
// blank lines are skipped (also for a one-column stream, where they could be read as NULL).
//
// NULL (decided to round-trip with eddy's csv sink and the shell's csv mode, as in PostgreSQL and
// DuckDB): without 'csv.null-literal', an unquoted empty field is NULL for every type, while a
// quoted empty field ("") is the empty STRING. With 'csv.null-literal' = 'x', an unquoted field
// equal to x is NULL and an unquoted empty field is an empty STRING; a quoted field is never NULL.
// For non-STRING columns an empty (or blank) field is NULL either way.
//
// With 'csv.header' = 'true' the first record is a header: when it names every column of the
// stream (case-insensitively), fields are matched to columns by name and unnamed fields are
// ignored; otherwise columns are taken by position.
//
// A changelog file ('source.changelog-mode' = 'all', what the file sink writes with
// 'sink.changelog-mode' = 'all') has the row kind (+I, -U, +U, -D) as an extra first field, and
// its header an extra first name (op) that is not matched against the columns.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "connectors/text_source.h"
#include "connectors/value_parse.h"
#include "expr/time_util.h"
#include "runtime/failure.h"
#include "state/bytes.h"

namespace eddy {

namespace {

// The first delimiter or LF in [p, end), or end: sixteen bytes at a time (SSE2, part of every
// x86-64), else eight (SWAR), since unquoted fields are most of the bytes of most files. A field
// of a typical file (a name, a number, a timestamp) ends within one or two sixteen-byte loads,
// and always the same one or two, which the branch predictor learns. The loads may reach past
// `end`: decoders may read RecordDecoder::kPadding (64) bytes beyond it.
inline const char* find_field_end(const char* p, const char* end, char delimiter) {
#if defined(__SSE2__)
  const __m128i delimiters = _mm_set1_epi8(delimiter);
  const __m128i newlines = _mm_set1_epi8('\n');
  for (; p < end; p += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const unsigned hits = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(chunk, delimiters), _mm_cmpeq_epi8(chunk, newlines))));
    if (hits) {
      const char* hit = p + __builtin_ctz(hits);
      return hit < end ? hit : end;
    }
  }
  return end;
#else
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHighs = 0x8080808080808080ull;
  const uint64_t delimiters = kOnes * static_cast<unsigned char>(delimiter);
  const uint64_t newlines = kOnes * static_cast<unsigned char>('\n');
  while (end - p >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    const uint64_t a = word ^ delimiters;
    const uint64_t b = word ^ newlines;
    // A byte of a or b is zero where the word holds a delimiter or LF; the lowest flagged byte
    // is exact (borrows only run towards higher bytes).
    const uint64_t hits = (((a - kOnes) & ~a) | ((b - kOnes) & ~b)) & kHighs;
    if (hits) return p + (__builtin_ctzll(hits) >> 3);
    p += 8;
  }
  while (p < end && *p != delimiter && *p != '\n') ++p;
  return p;
#endif
}

class CsvDecoder final : public RecordDecoder {
 public:
  CsvDecoder(const Schema& schema, std::string name, const TextFormatOptions& options)
      : schema_(schema),
        name_(std::move(name)),
        delimiter_(options.delimiter),
        quote_(options.quote),
        null_literal_(options.null_literal),
        header_pending_(options.header),
        changelog_(options.changelog),
        first_(options.changelog ? 1 : 0),
        expected_fields_(schema.size() + first_) {}

  Step decode(const char*& pos, const char* end, bool eof, Batch& out) override;
  bool zero_copy_strings() const override { return true; }
  bool changelog() const override { return changelog_; }
  bool settled() const override { return bom_checked_ && !header_pending_; }
  std::string save_state() const override;
  bool restore_state(std::string_view state, int64_t line) override;

 private:
  struct FieldRef {
    const char* data;
    size_t size;
    bool quoted;
    bool escaped;  // quoted and holding doubled quotes
  };
  enum class Tok { Complete, NeedMore, Error };

  Tok tokenize(const char* p, const char* end, bool eof, const char*& next, int64_t& newlines);
  void add_field(const char* data, size_t size, bool quoted, bool escaped) {
    if (field_count_ < store_limit_) fields_[field_count_] = {data, size, quoted, escaped};
    ++field_count_;
  }
  void read_header(int64_t line);
  void convert(const FieldRef& field, size_t column, Batch& out, int64_t line);
  std::string_view unescape(const FieldRef& field, std::string& scratch) const;
  [[noreturn]] void fail_column(int64_t line, size_t column, const std::string& what) const {
    fail(Error::Kind::Data, "{}:{}: column '{}': {}", name_, line, schema_[column].name, what);
  }

  Schema schema_;
  std::string name_;
  char delimiter_;
  char quote_;
  std::optional<std::string> null_literal_;
  bool header_pending_;
  bool changelog_;
  size_t first_;  // the first field holding a column (1 after a changelog's op field)
  bool bom_checked_ = false;

  std::vector<FieldRef> fields_;
  size_t field_count_ = 0;  // fields in the record, also those past store_limit_
  size_t store_limit_ = 0;  // fields beyond this are counted, not kept (fields_.size())
  size_t expected_fields_;
  std::vector<int>
      column_of_field_;  // field first_ + i -> column (-1: ignored); empty: by position
  std::string error_;
  std::string scratch_;
  TimestampDayCache day_cache_;
};

// The state: whether the BOM check and the header are behind, the header's field count and its
// field -> column mapping.
std::string CsvDecoder::save_state() const {
  std::string out;
  bytes::put<uint8_t>(out, bom_checked_);
  bytes::put<uint8_t>(out, header_pending_);
  bytes::put<uint64_t>(out, expected_fields_);
  bytes::put<uint64_t>(out, column_of_field_.size());
  for (int column : column_of_field_) bytes::put<int32_t>(out, column);
  return out;
}

bool CsvDecoder::restore_state(std::string_view state, int64_t line) {
  uint8_t bom_checked = 0, header_pending = 0;
  uint64_t expected_fields = 0, mapped = 0;
  if (!bytes::get(state, bom_checked) || !bytes::get(state, header_pending) ||
      !bytes::get(state, expected_fields) || !bytes::get(state, mapped) ||
      state.size() != mapped * sizeof(int32_t) || header_pending > header_pending_ ||
      expected_fields < first_ || (mapped > 0 && mapped + first_ != expected_fields)) {
    return false;
  }
  std::vector<int> column_of_field(mapped);
  for (int& column : column_of_field) {
    int32_t c = 0;
    bytes::get(state, c);
    if (c < -1 || c >= static_cast<int32_t>(schema_.size())) return false;
    column = c;
  }
  if (mapped == 0 && expected_fields != schema_.size() + first_) return false;
  bom_checked_ = bom_checked != 0;
  header_pending_ = header_pending != 0;
  expected_fields_ = expected_fields;
  column_of_field_ = std::move(column_of_field);
  line_ = line;
  return true;
}

RecordDecoder::Step CsvDecoder::decode(const char*& pos, const char* end, bool eof, Batch& out) {
  const char* p = pos;
  if (!bom_checked_) {
    static constexpr char kBom[] = "\xEF\xBB\xBF";
    const size_t have = std::min<size_t>(static_cast<size_t>(end - p), 3);
    if (have < 3 && !eof && std::memcmp(p, kBom, have) == 0) return Step::NeedMore;
    if (have == 3 && std::memcmp(p, kBom, 3) == 0) p += 3;
    pos = p;
    bom_checked_ = true;
    if (p == end) return eof ? Step::Skip : Step::NeedMore;
  }
  // Blank line (a lone CR followed by text starts a field instead).
  if (*p == '\n') {
    pos = p + 1;
    ++line_;
    return Step::Skip;
  }
  if (*p == '\r') {
    if (p + 1 == end) {
      if (!eof) return Step::NeedMore;
      pos = end;
      return Step::Skip;
    }
    if (p[1] == '\n') {
      pos = p + 2;
      ++line_;
      return Step::Skip;
    }
  }
  field_count_ = 0;
  const size_t limit = header_pending_ ? size_t(1) << 16 : expected_fields_ + 1;
  if (store_limit_ != limit) {
    store_limit_ = limit;
    fields_.resize(limit);
  }
  const char* next = nullptr;
  int64_t newlines = 0;
  const Tok tok = tokenize(p, end, eof, next, newlines);
  if (tok == Tok::NeedMore) return Step::NeedMore;
  const int64_t line = line_;
  pos = next;
  line_ += newlines;
  if (tok == Tok::Error) fail(Error::Kind::Data, "{}:{}: {}", name_, line, error_);

  if (header_pending_) {
    header_pending_ = false;
    read_header(line);
    return Step::Skip;
  }
  if (field_count_ != expected_fields_) {
    if (field_count_ < expected_fields_ && field_count_ >= first_ && column_of_field_.empty()) {
      fail(Error::Kind::Data, "{}:{}: missing value for column '{}' (expected {} fields, found {})",
           name_, line, schema_[field_count_ - first_].name, expected_fields_, field_count_);
    }
    fail(Error::Kind::Data, "{}:{}: expected {} fields{}, found {}", name_, line, expected_fields_,
         changelog_ ? " (the op, then the columns)" : "", field_count_);
  }
  if (changelog_) {
    const FieldRef& op = fields_[0];
    RowKind kind;
    if (!parse_row_kind(std::string_view(op.data, op.size), kind)) {
      fail(Error::Kind::Data, "{}:{}: op field: expected +I, -U, +U or -D, found {}", name_, line,
           quote_for_message(std::string_view(op.data, op.size)));
    }
    out.kinds.push_back(kind);
  }
  if (column_of_field_.empty()) {
    for (size_t i = first_; i < field_count_; ++i) convert(fields_[i], i - first_, out, line);
  } else {
    for (size_t i = first_; i < field_count_; ++i) {
      const int column = column_of_field_[i - first_];
      if (column >= 0) convert(fields_[i], static_cast<size_t>(column), out, line);
    }
  }
  ++out.rows;
  return Step::Row;
}

CsvDecoder::Tok CsvDecoder::tokenize(const char* p, const char* end, bool eof, const char*& next,
                                     int64_t& newlines) {
  const char delimiter = delimiter_;
  const char quote = quote_;
  for (;;) {
    if (p < end && *p == quote) {
      const char* content = p + 1;
      const char* q = content;
      bool escaped = false;
      for (;;) {
        const char* hit = static_cast<const char*>(std::memchr(q, quote, end - q));
        if (!hit) {
          if (!eof) return Tok::NeedMore;
          newlines += std::count(q, end, '\n');
          next = end;
          error_ = "unterminated quoted field";
          return Tok::Error;
        }
        newlines += std::count(q, hit, '\n');
        if (hit + 1 == end && !eof) return Tok::NeedMore;  // maybe the first of a doubled quote
        if (hit + 1 < end && hit[1] == quote) {
          escaped = true;
          q = hit + 2;
          continue;
        }
        q = hit;
        break;
      }
      add_field(content, static_cast<size_t>(q - content), true, escaped);
      p = q + 1;
      if (p == end) {
        if (!eof) return Tok::NeedMore;
        next = end;
        return Tok::Complete;
      }
      if (*p == delimiter) {
        ++p;
        continue;
      }
      if (*p == '\n') {
        next = p + 1;
        ++newlines;
        return Tok::Complete;
      }
      if (*p == '\r') {
        if (p + 1 == end) {
          if (!eof) return Tok::NeedMore;
          next = end;
          return Tok::Complete;
        }
        if (p[1] == '\n') {
          next = p + 2;
          ++newlines;
          return Tok::Complete;
        }
      }
      // Text after a closing quote: the record is malformed; resume at the next line.
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
      if (!nl && !eof) return Tok::NeedMore;
      error_ = fmt::format("unexpected {} after the closing quote of field {}",
                           quote_for_message(std::string_view(p, 1)), field_count_);
      next = nl ? nl + 1 : end;
      if (nl) ++newlines;
      return Tok::Error;
    }
    const char* start = p;
    p = find_field_end(p, end, delimiter);
    if (p == end) {
      if (!eof) return Tok::NeedMore;
      const char* field_end = (p > start && p[-1] == '\r') ? p - 1 : p;
      add_field(start, static_cast<size_t>(field_end - start), false, false);
      next = end;
      return Tok::Complete;
    }
    if (*p == delimiter) {
      add_field(start, static_cast<size_t>(p - start), false, false);
      ++p;
      continue;
    }
    const char* field_end = (p > start && p[-1] == '\r') ? p - 1 : p;
    add_field(start, static_cast<size_t>(field_end - start), false, false);
    next = p + 1;
    ++newlines;
    return Tok::Complete;
  }
}

std::string_view CsvDecoder::unescape(const FieldRef& field, std::string& scratch) const {
  scratch.clear();
  const char* p = field.data;
  const char* end = p + field.size;
  while (p < end) {
    const char* hit = static_cast<const char*>(std::memchr(p, quote_, end - p));
    if (!hit) {
      scratch.append(p, end);
      break;
    }
    scratch.append(p, hit + 1);  // keep one of the two quotes
    p = hit + 2;
  }
  return scratch;
}

void CsvDecoder::read_header(int64_t line) {
  if (field_count_ > store_limit_) {
    fail(Error::Kind::Data, "{}:{}: the header has more than {} fields", name_, line, store_limit_);
  }
  std::vector<std::string> names;
  names.reserve(field_count_);
  for (size_t i = first_; i < field_count_; ++i) {
    const FieldRef& f = fields_[i];
    std::string scratch;
    std::string_view text = f.escaped ? unescape(f, scratch) : std::string_view(f.data, f.size);
    names.emplace_back(trim_blanks(text));
  }
  std::vector<int> column_of_field(names.size(), -1);
  const std::string* missing = nullptr;
  for (size_t c = 0; c < schema_.size() && !missing; ++c) {
    const std::string& column = schema_[c].name;
    int found = -1;
    for (size_t i = 0; i < names.size() && found < 0; ++i) {
      if (names[i] == column) found = static_cast<int>(i);
    }
    for (size_t i = 0; i < names.size() && found < 0; ++i) {
      if (column_of_field[i] < 0 && names[i].size() == column.size() &&
          std::equal(names[i].begin(), names[i].end(), column.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) ==
                   std::tolower(static_cast<unsigned char>(b));
          })) {
        found = static_cast<int>(i);
      }
    }
    if (found < 0 || column_of_field[static_cast<size_t>(found)] >= 0) {
      missing = &column;
    } else {
      column_of_field[static_cast<size_t>(found)] = static_cast<int>(c);
    }
  }
  if (!missing) {
    // Matching by name; the identity mapping is plain positional reading.
    bool identity = names.size() == schema_.size();
    for (size_t i = 0; i < column_of_field.size() && identity; ++i) {
      identity = column_of_field[i] == static_cast<int>(i);
    }
    if (!identity) column_of_field_ = std::move(column_of_field);
    expected_fields_ = names.size() + first_;
    return;
  }
  if (names.size() != schema_.size()) {
    fail(Error::Kind::Data,
         "{}:{}: the header has {} fields and does not name column '{}'; the stream has {} "
         "columns",
         name_, line, names.size(), *missing, schema_.size());
  }
  // Same number of fields under other names: read by position.
}

void CsvDecoder::convert(const FieldRef& field, size_t column, Batch& out, int64_t line) {
  Column& c = out.columns[column];
  std::string_view raw(field.data, field.size);
  bool is_null;
  if (c.type.id == TypeId::String) {
    if (field.quoted) {
      is_null = false;
    } else {
      is_null = null_literal_ ? raw == *null_literal_ : raw.empty();
    }
    if (!is_null) {
      if (field.escaped) {
        std::string_view text = unescape(field, scratch_);
        push_string(c, c.arena().store(text));
      } else {
        push_string(c, raw);
      }
      return;
    }
  } else {
    std::string_view text = field.escaped ? unescape(field, scratch_) : raw;
    text = trim_blanks(text);
    is_null = text.empty() || (!field.quoted && null_literal_ && raw == *null_literal_) ||
              c.type.id == TypeId::Null;
    if (!is_null) {
      int64_t i = 0;
      double d = 0;
      // The written timestamp spelling and BIGINTs first, without parse_scalar_text's switch.
      ParseStatus st;
      if (c.type.id == TypeId::Timestamp && read_canonical_timestamp(text, i, day_cache_))
        st = ParseStatus::Ok;
      else if (c.type.id == TypeId::BigInt)
        st = parse_int64_text(text, i);
      else
        st = parse_scalar_text(text, c.type, i, d, &day_cache_);
      if (st != ParseStatus::Ok) fail_column(line, column, parse_error_text(st, text, c.type));
      if (c.type.id == TypeId::Double)
        push_double(c, d);
      else
        push_int(c, i);
      return;
    }
  }
  if (!schema_[column].nullable) fail_column(line, column, "NULL in a NOT NULL column");
  push_null(c);
}

}  // namespace

std::unique_ptr<RecordDecoder> make_csv_decoder(const Schema& schema, std::string name,
                                                const TextFormatOptions& options) {
  return std::make_unique<CsvDecoder>(schema, std::move(name), options);
}

}  // namespace eddy
