// Rows as csv, JSON lines or changelog text, a batch at a time (see row_text_writer.h).
#include "runtime/row_text_writer.h"

#include <charconv>
#include <cstring>

#include "runtime/text_digits.h"
#include "runtime/text_format.h"

namespace eddy {

namespace {

using namespace text_digits;

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighs = 0x8080808080808080ull;

// The high bit of each byte of `x` below `n` (n <= 128): exact as to whether there is one.
inline uint64_t bytes_below(uint64_t x, unsigned char n) { return (x - kOnes * n) & ~x & kHighs; }
inline uint64_t bytes_equal(uint64_t x, char c) {
  return bytes_below(x ^ (kOnes * static_cast<unsigned char>(c)), 1);
}

// A delimiter or quote that no number or timestamp spelling holds: not a letter, digit, '-',
// '+', '.', ':' or space (append_csv_value quotes numbers only for those).
bool plain_punctuation(char c) {
  const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return !alnum && c != '-' && c != '+' && c != '.' && c != ':' && c != ' ';
}

// Copies n bytes; most texts here (a separator, a key, a user id, a number) are short, and a
// call to memcpy for each would cost more than the copy.
inline char* put_bytes(char* to, const char* from, size_t n) {
  if (n > 16) {
    std::memcpy(to, from, n);
  } else if (n >= 8) {  // two overlapping words
    uint64_t a, b;
    std::memcpy(&a, from, 8);
    std::memcpy(&b, from + n - 8, 8);
    std::memcpy(to, &a, 8);
    std::memcpy(to + n - 8, &b, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, from, 4);
    std::memcpy(&b, from + n - 4, 4);
    std::memcpy(to, &a, 4);
    std::memcpy(to + n - 4, &b, 4);
  } else if (n > 0) {
    to[0] = from[0];
    to[n / 2] = from[n / 2];
    to[n - 1] = from[n - 1];
  }
  return to + n;
}

inline char* put_text(char* p, const std::string& text) {
  return put_bytes(p, text.data(), text.size());
}

}  // namespace

RowTextWriter RowTextWriter::csv(char delimiter, char quote, std::string null_text,
                                 bool op_column) {
  RowTextWriter w;
  w.style_ = Style::Csv;
  w.delimiter_ = delimiter;
  w.quote_ = quote;
  w.null_text_ = std::move(null_text);
  w.op_column_ = op_column;
  w.plain_punctuation_ = plain_punctuation(delimiter) && plain_punctuation(quote);
  w.op_suffix_ = std::string(1, delimiter);
  w.row_suffix_ = "\n";
  w.column_prefixes_ = {"", std::string(1, delimiter)};  // the first column, the others
  return w;
}

RowTextWriter RowTextWriter::json_lines(const std::vector<std::string>& names, bool op_column) {
  RowTextWriter w;
  w.style_ = Style::Json;
  w.null_text_ = "null";
  w.op_column_ = op_column;
  w.row_prefix_ = "{";
  w.op_prefix_ = "\"op\":\"";
  w.op_suffix_ = "\",";
  w.op_suffix_no_columns_ = "\"";
  w.row_suffix_ = "}\n";
  for (size_t c = 0; c < names.size(); ++c) {
    std::string key = c > 0 ? "," : "";
    append_json_string(key, names[c]);
    key += ':';
    w.column_prefixes_.push_back(std::move(key));
  }
  w.unknown_key_prefix_ = ",\"?\":";
  return w;
}

RowTextWriter RowTextWriter::changelog(std::string prefix) {
  RowTextWriter w;
  w.style_ = Style::Changelog;
  w.null_text_ = "null";
  w.op_column_ = true;
  w.row_prefix_ = std::move(prefix);
  w.op_suffix_ = w.op_suffix_no_columns_ = "[";
  w.row_suffix_ = "]\n";
  w.column_prefixes_ = {"", ", "};
  return w;
}

const std::string& RowTextWriter::column_prefix(size_t c) const {
  if (style_ != Style::Json) return column_prefixes_[c > 0 ? 1 : 0];
  if (c < column_prefixes_.size()) return column_prefixes_[c];
  static const std::string kFirstUnknown = "\"?\":";
  return c > 0 ? unknown_key_prefix_ : kFirstUnknown;
}

RowTextWriter::Plan RowTextWriter::plan_of(const Column& column, size_t begin, size_t end) const {
  switch (column.type.id) {
    case TypeId::Null:
      return Plan::Null;
    case TypeId::Boolean:
      return Plan::Boolean;  // true/false, never quoted (as append_csv_value)
    case TypeId::Int:
    case TypeId::BigInt:
      return style_ == Style::Json || plain_punctuation_ ? Plan::Integer : Plan::Rendered;
    case TypeId::Timestamp: {
      if (style_ == Style::Csv && !plain_punctuation_) return Plan::Rendered;
      // Years outside 0 .. 9999 keep format_timestamp's spelling: rare, rendered cell by cell.
      for (size_t r = begin; r < end; ++r)
        if (!column.is_null(r) && !four_digit_year(column.ints[r])) return Plan::Rendered;
      return Plan::Timestamp;
    }
    case TypeId::String:
      return Plan::String;
    default:
      return Plan::Rendered;
  }
}

// Whether a string is written as it is (between quotes in JSON): valid UTF-8 without a
// character that needs quoting (csv) or escaping (JSON). Eight bytes at a time.
bool RowTextWriter::plain_string(std::string_view s) const {
  const char* p = s.data();
  const char* end = p + s.size();
  uint64_t special = 0, high = 0;
  if (style_ == Style::Changelog) {  // written as they are, once valid UTF-8
    for (; end - p >= 8; p += 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      high |= w & kHighs;
    }
    for (; p < end; ++p) high |= static_cast<unsigned char>(*p) & 0x80;
  } else if (style_ == Style::Csv) {
    for (; end - p >= 8; p += 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      special |= bytes_equal(w, delimiter_) | bytes_equal(w, quote_) | bytes_equal(w, '\n') |
                 bytes_equal(w, '\r');
      high |= w & kHighs;
    }
    for (; p < end; ++p) {
      const char c = *p;
      special |= c == delimiter_ || c == quote_ || c == '\n' || c == '\r';
      high |= static_cast<unsigned char>(c) & 0x80;
    }
  } else {
    for (; end - p >= 8; p += 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      special |= bytes_equal(w, '"') | bytes_equal(w, '\\') | bytes_below(w, 0x20);
      high |= w & kHighs;
    }
    for (; p < end; ++p) {
      const unsigned char c = static_cast<unsigned char>(*p);
      special |= c == '"' || c == '\\' || c < 0x20;
      high |= c & 0x80;
    }
  }
  if (special) return false;
  return high == 0 || is_valid_utf8(s);
}

void RowTextWriter::render_cell(const Column& column, size_t row) {
  const size_t before = side_.size();
  switch (style_) {
    case Style::Csv:
      append_csv_value(side_, column, row, delimiter_, quote_, null_text_);
      break;
    case Style::Json:
      append_json_value(side_, column, row);
      break;
    case Style::Changelog:
      append_changelog_text(side_, column, row);
      break;
  }
  side_lengths_.push_back(static_cast<uint32_t>(side_.size() - before));
}

void RowTextWriter::append_rows(std::string& out, const Batch& batch, size_t begin, size_t end) {
  if (end <= begin) return;
  const size_t n = end - begin;
  const size_t columns = batch.columns.size();
  const bool json = style_ == Style::Json;
  const size_t quotes = json ? 2 : 0;  // around a JSON string or timestamp
  const std::string& op_suffix = columns == 0 ? op_suffix_no_columns_ : op_suffix_;

  // Pass 1: each row's length; the cells that are not written directly rendered aside.
  size_t fixed = row_prefix_.size() + row_suffix_.size();
  if (op_column_) fixed += op_prefix_.size() + 2 + op_suffix.size();
  for (size_t c = 0; c < columns; ++c) fixed += column_prefix(c).size();
  at_.assign(n, fixed);
  plans_.resize(columns);
  cells_.resize(n * columns);
  side_.clear();
  side_lengths_.clear();
  const size_t null_size = null_text_.size();
  for (size_t c = 0; c < columns; ++c) {
    const Column& column = batch.columns[c];
    const Plan plan = plans_[c] = plan_of(column, begin, end);
    const uint8_t* nulls = column.nulls.empty() ? nullptr : column.nulls.data();
    const auto is_null = [nulls](size_t row) { return nulls && nulls[row]; };
    switch (plan) {
      case Plan::Null:
        for (size_t i = 0; i < n; ++i) at_[i] += null_size;
        break;
      case Plan::Integer:
        for (size_t i = 0; i < n; ++i)
          at_[i] += is_null(begin + i) ? null_size : int_chars(column.ints[begin + i]);
        break;
      case Plan::Boolean:
        for (size_t i = 0; i < n; ++i)
          at_[i] += is_null(begin + i) ? null_size : column.ints[begin + i] ? 4 : 5;
        break;
      case Plan::Timestamp:
        for (size_t i = 0; i < n; ++i) at_[i] += is_null(begin + i) ? null_size : 23 + quotes;
        break;
      case Plan::String: {
        uint8_t* cells = cells_.data() + c * n;
        for (size_t i = 0; i < n; ++i) {
          const size_t row = begin + i;
          if (is_null(row)) {
            cells[i] = kNull;
            at_[i] += null_size;
            continue;
          }
          const std::string_view s = column.strings[row];
          // A csv string spelled like the NULL text is quoted so that it reads back as itself.
          if (plain_string(s) && (style_ != Style::Csv || s != null_text_)) {
            cells[i] = kPlain;
            at_[i] += s.size() + quotes;
          } else {
            cells[i] = kSide;
            render_cell(column, row);
            at_[i] += side_lengths_.back();
          }
        }
        break;
      }
      case Plan::Rendered:
        for (size_t i = 0; i < n; ++i) {
          render_cell(column, begin + i);
          at_[i] += side_lengths_.back();
        }
        break;
    }
  }

  // The output sized once; at_ turns into where each row starts.
  size_t total = out.size();
  for (size_t i = 0; i < n; ++i) {
    const size_t length = at_[i];
    at_[i] = total;
    total += length;
  }
  out.resize(total);
  char* const base = out.data();

  // Pass 2: row starts, then each column into every row, then row ends.
  for (size_t i = 0; i < n; ++i) {
    char* p = put_text(base + at_[i], row_prefix_);
    if (op_column_) {
      p = put_text(p, op_prefix_);
      std::memcpy(p, row_kind_symbol(batch.kind(begin + i)), 2);
      p = put_text(p + 2, op_suffix);
    }
    at_[i] = static_cast<size_t>(p - base);
  }
  const char* side = side_.data();
  const uint32_t* side_length = side_lengths_.data();
  for (size_t c = 0; c < columns; ++c) {
    const Column& column = batch.columns[c];
    const std::string& prefix = column_prefix(c);
    const uint8_t* nulls = column.nulls.empty() ? nullptr : column.nulls.data();
    const auto is_null = [nulls](size_t row) { return nulls && nulls[row]; };
    // Writes the prefix, then calls write(p, row) -> the end of the value, for every row.
    // (One call site of `write`, so that the compiler inlines it.)
    const bool one_char = prefix.size() == 1;
    const char separator = prefix.empty() ? '\0' : prefix[0];
    const auto each_row = [&](auto&& write) {
      for (size_t i = 0; i < n; ++i) {
        char* p = base + at_[i];
        if (one_char)
          *p++ = separator;
        else
          p = put_text(p, prefix);
        at_[i] = static_cast<size_t>(write(p, begin + i) - base);
      }
    };
    const auto put_null = [this](char* p) { return put_text(p, null_text_); };
    const auto put_side = [&side, &side_length](char* p) {
      const size_t length = *side_length++;
      p = put_bytes(p, side, length);
      side += length;
      return p;
    };
    switch (plans_[c]) {
      case Plan::Null:
        each_row([&](char* p, size_t) { return put_null(p); });
        break;
      case Plan::Integer:
        each_row([&](char* p, size_t row) {
          if (is_null(row)) return put_null(p);
          return std::to_chars(p, p + 20, column.ints[row]).ptr;
        });
        break;
      case Plan::Boolean:
        each_row([&](char* p, size_t row) {
          if (is_null(row)) return put_null(p);
          if (column.ints[row]) {
            std::memcpy(p, "true", 4);
            return p + 4;
          }
          std::memcpy(p, "false", 5);
          return p + 5;
        });
        break;
      case Plan::Timestamp: {
        // Rows written together mostly share their day, its "YYYY-MM-DD " worked out once, and
        // often their timestamp (a window's bounds), copied whole.
        int64_t cached_day = INT64_MIN, cached_ms = INT64_MIN;
        char text[23];
        each_row([&](char* p, size_t row) {
          if (is_null(row)) return put_null(p);
          const int64_t ms = column.ints[row];
          if (ms != cached_ms) {
            const int64_t day = floor_div(ms, kMillisPerDay);
            if (day != cached_day) {
              put_date(text, civil_from_days(day));
              text[10] = ' ';
              cached_day = day;
            }
            put_time_of_day(text + 11, static_cast<unsigned>(ms - day * kMillisPerDay));
            cached_ms = ms;
          }
          if (json) *p++ = '"';
          std::memcpy(p, text, sizeof text);
          p += sizeof text;
          if (json) *p++ = '"';
          return p;
        });
        break;
      }
      case Plan::String: {
        const uint8_t* cells = cells_.data() + c * n;
        each_row([&](char* p, size_t row) {
          switch (cells[row - begin]) {
            case kPlain: {
              const std::string_view s = column.strings[row];
              if (json) *p++ = '"';
              p = put_bytes(p, s.data(), s.size());
              if (json) *p++ = '"';
              return p;
            }
            case kNull:
              return put_null(p);
            default:
              return put_side(p);
          }
        });
        break;
      }
      case Plan::Rendered:
        each_row([&](char* p, size_t) { return put_side(p); });
        break;
    }
  }
  for (size_t i = 0; i < n; ++i) put_text(base + at_[i], row_suffix_);
}

}  // namespace eddy
