// runtime/row_text_writer: a batch written at once is byte for byte what append_csv_value /
// append_json_value / append_changelog_text write cell by cell, for every type, NULL spelling,
// delimiter and quote, with and without the op column, and for slices of a batch.
#include <charconv>
#include <cmath>
#include <limits>

#include "connector_test_util.h"
#include "runtime/row_text_writer.h"
#include "runtime/text_digits.h"

namespace eddy {
namespace {

struct CsvStyle {
  char delimiter;
  char quote;
  std::string null_text;
};

// The file sink's rows before the batch writer: cell by cell.
std::string csv_by_cell(const Batch& batch, const CsvStyle& style, bool op, size_t begin,
                        size_t end) {
  std::string out;
  for (size_t row = begin; row < end; ++row) {
    if (op) {
      out += row_kind_symbol(batch.kind(row));
      if (!batch.columns.empty()) out += style.delimiter;
    }
    for (size_t c = 0; c < batch.columns.size(); ++c) {
      if (c > 0) out += style.delimiter;
      append_csv_value(out, batch.columns[c], row, style.delimiter, style.quote, style.null_text);
    }
    out += '\n';
  }
  return out;
}

std::string json_by_cell(const Batch& batch, const std::vector<std::string>& names, bool op,
                         size_t begin, size_t end) {
  std::string out;
  for (size_t row = begin; row < end; ++row) {
    out += '{';
    if (op) {
      out += "\"op\":\"";
      out += row_kind_symbol(batch.kind(row));
      out += batch.columns.empty() ? "\"" : "\",";
    }
    for (size_t c = 0; c < batch.columns.size(); ++c) {
      if (c > 0) out += ',';
      if (c < names.size()) {
        append_json_string(out, names[c]);
        out += ':';
      } else {
        out += "\"?\":";
      }
      append_json_value(out, batch.columns[c], row);
    }
    out += "}\n";
  }
  return out;
}

// The print sink's rows before the batch writer: cell by cell.
std::string changelog_by_cell(const Batch& batch, const std::string& prefix, size_t begin,
                              size_t end) {
  std::string out;
  for (size_t row = begin; row < end; ++row) {
    out += prefix;
    out += row_kind_symbol(batch.kind(row));
    out += '[';
    for (size_t c = 0; c < batch.columns.size(); ++c) {
      if (c > 0) out += ", ";
      append_changelog_text(out, batch.columns[c], row);
    }
    out += "]\n";
  }
  return out;
}

Column column_of(Type type, const std::vector<Value>& values) {
  Column c(type);
  for (const auto& v : values) c.append(v);
  return c;
}

constexpr size_t kRows = 12;

// Twelve rows of every type, with the edge cases of each: NULLs, BIGINT min and max, negative
// numbers, timestamps before 1970, before year 0 and after 9999, strings that need quoting,
// escaping or UTF-8 repair, and strings spelled like a NULL text.
Batch edge_batch() {
  const Type dec = Type::decimal(10, 2);
  const int64_t kMin = std::numeric_limits<int64_t>::min();
  const int64_t kMax = std::numeric_limits<int64_t>::max();
  Batch b;
  b.columns.push_back(
      column_of(Type::int64(),
                {Value::integer(0), Value::integer(-1), Value::integer(kMin), Value::integer(kMax),
                 Value::null(Type::int64()), Value::integer(9), Value::integer(10),
                 Value::integer(-99), Value::integer(100), Value::integer(999999999999),
                 Value::integer(1000000000000000000), Value::integer(-1000000000000000000)}));
  b.columns.push_back(column_of(
      Type::timestamp(),
      {Value::timestamp(0), Value::timestamp(-1), Value::timestamp(1704103200123),
       Value::null(Type::timestamp()), Value::timestamp(1704153599999),
       Value::timestamp(1704153600000), Value::timestamp(-86'400'001),
       Value::timestamp(text_digits::kFirstFourDigitYearMs),
       Value::timestamp(text_digits::kLastFourDigitYearMs), Value::timestamp(951782400000),
       Value::timestamp(1704103200123), Value::timestamp(4102444800000)}));
  b.columns.push_back(column_of(
      Type::string(),
      {Value::string("plain"), Value::string(""), Value::string("a,b"),
       Value::string("say \"hi\" to the long string"), Value::null(Type::string()),
       Value::string("two\nlines and more"), Value::string("cr\r"), Value::string("x\xfey"),
       Value::string("caf\xc3\xa9 \xe2\x82\xac long enough"), Value::string("N"),
       Value::string("tab\there;semi:colon-dash'apostrophe\\back"), Value::string("null")}));
  b.columns.push_back(column_of(
      Type::boolean(), {Value::boolean(true), Value::boolean(false), Value::null(Type::boolean()),
                        Value::boolean(true), Value::boolean(false), Value::boolean(true),
                        Value::boolean(true), Value::boolean(false), Value::boolean(true),
                        Value::boolean(true), Value::boolean(false), Value::boolean(true)}));
  b.columns.push_back(
      column_of(Type::float64(),
                {Value::float64(0.1), Value::float64(-3), Value::float64(NAN),
                 Value::float64(INFINITY), Value::float64(-INFINITY), Value::null(Type::float64()),
                 Value::float64(1e300), Value::float64(2), Value::float64(-0.0),
                 Value::float64(123.456), Value::float64(5e-324), Value::float64(1)}));
  std::vector<Value> decimals, intervals, dates, times, nulls;
  for (size_t r = 0; r < kRows; ++r) {
    const int64_t i = static_cast<int64_t>(r);
    decimals.push_back(r == 3 ? Value::null(dec) : Value::decimal(i * 1234 - 5000, dec));
    intervals.push_back(r == 5 ? Value::null(Type::interval())
                               : Value::interval(i * 90'061'001 - 200'000'000));
    dates.push_back(r == 7 ? Value::null(Type::date()) : Value::date(i * 4000 - 20000));
    times.push_back(r == 1 ? Value::null(Type::time(3)) : Value::time(i * 7'000'123, 3));
    nulls.push_back(Value::null(Type::null()));
  }
  b.columns.push_back(column_of(dec, decimals));
  b.columns.push_back(column_of(Type::interval(), intervals));
  b.columns.push_back(column_of(Type::date(), dates));
  b.columns.push_back(column_of(Type::time(3), times));
  b.columns.push_back(column_of(Type::null(), nulls));
  b.columns.push_back(
      column_of(Type::int32(), {Value::integer(std::numeric_limits<int32_t>::min(), Type::int32()),
                                Value::integer(7, Type::int32()), Value::null(Type::int32()),
                                Value::integer(-7, Type::int32()), Value::integer(0, Type::int32()),
                                Value::integer(1, Type::int32()), Value::integer(2, Type::int32()),
                                Value::integer(3, Type::int32()), Value::integer(4, Type::int32()),
                                Value::integer(5, Type::int32()), Value::integer(6, Type::int32()),
                                Value::integer(8, Type::int32())}));
  // Timestamps past the four-digit years (before year 0, from year 10000 on) keep
  // format_timestamp's spelling: a column holding one is rendered cell by cell.
  std::vector<Value> far;
  for (size_t r = 0; r < kRows; ++r) {
    const int64_t i = static_cast<int64_t>(r);
    far.push_back(r % 3 == 0   ? Value::timestamp(text_digits::kLastFourDigitYearMs + 1 + i)
                  : r % 3 == 1 ? Value::timestamp(text_digits::kFirstFourDigitYearMs - 1 - i)
                               : Value::timestamp(i * 86'400'000));
  }
  b.columns.push_back(column_of(Type::timestamp(), far));
  b.rows = kRows;
  for (size_t r = 0; r < kRows; ++r) b.kinds.push_back(static_cast<RowKind>(r % 4));
  return b;
}

// Every pair of columns of the edge batch, so that each type meets every position (first,
// later) and every neighbour; plus the whole batch and no columns at all.
std::vector<Batch> batches() {
  const Batch all = edge_batch();
  std::vector<Batch> out = {all};
  for (size_t a = 0; a < all.columns.size(); ++a) {
    for (size_t b = 0; b < all.columns.size(); ++b) {
      Batch pair;
      pair.columns = {all.columns[a], all.columns[b]};
      pair.rows = all.rows;
      pair.kinds = all.kinds;
      out.push_back(std::move(pair));
    }
  }
  Batch empty;
  empty.rows = kRows;
  empty.kinds = all.kinds;
  out.push_back(std::move(empty));
  return out;
}

TEST(RowTextWriter, CsvMatchesCellByCell) {
  // Ordinary and odd delimiters and quotes: ones that occur in numbers, timestamps and
  // intervals ('-', ':', ' ', '.', a digit, a letter) force those to be quoted.
  const std::vector<CsvStyle> styles = {
      {',', '"', ""},    {';', '"', "N"}, {'\t', '\'', "null"}, {'-', '"', ""},     {':', '"', ""},
      {' ', '"', "\\N"}, {'.', '\'', ""}, {'1', '"', ""},       {'|', 'e', "NULL"}, {',', '0', ""},
  };
  for (const CsvStyle& style : styles) {
    for (bool op : {false, true}) {
      RowTextWriter writer = RowTextWriter::csv(style.delimiter, style.quote, style.null_text, op);
      for (const Batch& batch : batches()) {
        for (auto [begin, end] : {std::pair<size_t, size_t>{0, kRows}, {3, 9}, {11, 12}, {5, 5}}) {
          std::string out = "kept";
          writer.append_rows(out, batch, begin, end);
          EXPECT_EQ(out, "kept" + csv_by_cell(batch, style, op, begin, end))
              << "delimiter '" << style.delimiter << "' quote '" << style.quote << "' null '"
              << style.null_text << "' op " << op << " columns " << batch.columns.size() << " rows "
              << begin << ".." << end;
        }
      }
    }
  }
}

TEST(RowTextWriter, JsonLinesMatchCellByCell) {
  const std::vector<std::string> names = {"id", "t\"s", "name", "ok",      "x", "d",
                                          "iv", "day",  "tod",  "nothing", "i", "far"};
  for (bool op : {false, true}) {
    for (const Batch& batch : batches()) {
      // The names of the columns, and fewer names than columns (keys shown as "?").
      for (size_t named : {batch.columns.size(), size_t(1)}) {
        const std::vector<std::string> keys(names.begin(),
                                            names.begin() + std::min(named, batch.columns.size()));
        RowTextWriter writer = RowTextWriter::json_lines(keys, op);
        std::string out;
        writer.append_rows(out, batch, 0, kRows);
        EXPECT_EQ(out, json_by_cell(batch, keys, op, 0, kRows))
            << "op " << op << " columns " << batch.columns.size() << " named " << named;
      }
    }
  }
}

TEST(RowTextWriter, ChangelogMatchesCellByCell) {
  for (const std::string prefix : {"", "sink 1> "}) {
    RowTextWriter writer = RowTextWriter::changelog(prefix);
    for (const Batch& batch : batches()) {
      for (auto [begin, end] : {std::pair<size_t, size_t>{0, kRows}, {3, 9}, {11, 12}, {5, 5}}) {
        std::string out = "kept";
        writer.append_rows(out, batch, begin, end);
        EXPECT_EQ(out, "kept" + changelog_by_cell(batch, prefix, begin, end))
            << "prefix '" << prefix << "' columns " << batch.columns.size() << " rows " << begin
            << ".." << end;
      }
    }
  }
}

TEST(RowTextWriter, WritesTheExpectedText) {
  // Not only the same as the cell functions: the spellings themselves.
  Batch b;
  b.columns.push_back(column_of(Type::int64(), {Value::integer(std::numeric_limits<int64_t>::min()),
                                                Value::null(Type::int64())}));
  b.columns.push_back(column_of(Type::timestamp(), {Value::timestamp(-1), Value::timestamp(0)}));
  b.columns.push_back(column_of(Type::string(), {Value::string("a\"b"), Value::string("")}));
  b.rows = 2;
  std::string csv;
  RowTextWriter::csv(',', '"', "", false).append_rows(csv, b, 0, 2);
  EXPECT_EQ(csv,
            "-9223372036854775808,1969-12-31 23:59:59.999,\"a\"\"b\"\n"
            ",1970-01-01 00:00:00.000,\"\"\n");
  std::string json;
  RowTextWriter::json_lines({"n", "ts", "s"}, false).append_rows(json, b, 0, 2);
  EXPECT_EQ(json,
            "{\"n\":-9223372036854775808,\"ts\":\"1969-12-31 23:59:59.999\",\"s\":\"a\\\"b\"}\n"
            "{\"n\":null,\"ts\":\"1970-01-01 00:00:00.000\",\"s\":\"\"}\n");
  std::string changelog;
  RowTextWriter::changelog("p> ").append_rows(changelog, b, 0, 2);
  EXPECT_EQ(changelog,
            "p> +I[-9223372036854775808, 1969-12-31 23:59:59.999, a\"b]\n"
            "p> +I[null, 1970-01-01 00:00:00.000, ]\n");
  // Past the four-digit years; a delimiter that numbers and timestamps hold quotes them.
  Batch far;
  far.columns.push_back(column_of(Type::timestamp(), {Value::timestamp(253402300800000)}));
  far.columns.push_back(column_of(Type::int64(), {Value::integer(-5)}));
  far.rows = 1;
  std::string text;
  RowTextWriter::csv(',', '"', "", false).append_rows(text, far, 0, 1);
  EXPECT_EQ(text, "10000-01-01 00:00:00.000,-5\n");
  text.clear();
  RowTextWriter::csv('-', '"', "", true).append_rows(text, far, 0, 1);
  EXPECT_EQ(text, "+I-\"10000-01-01 00:00:00.000\"-\"-5\"\n");
}

TEST(TextDigits, IntCharsCountsLikeToChars) {
  std::vector<int64_t> values = {0, std::numeric_limits<int64_t>::min(),
                                 std::numeric_limits<int64_t>::max()};
  for (int64_t p = 1; p <= 1'000'000'000'000'000'000; p *= 10) {
    for (int64_t v : {p - 1, p, p + 1}) {
      values.push_back(v);
      values.push_back(-v);
    }
    if (p == 1'000'000'000'000'000'000) break;
  }
  for (int64_t v : values) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    EXPECT_EQ(text_digits::int_chars(v), static_cast<unsigned>(end - buf)) << v;
  }
}

}  // namespace
}  // namespace eddy
