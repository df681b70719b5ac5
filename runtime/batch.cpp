// Arenas, columns and batches.
#include "runtime/batch.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace eddy {

// ---------------------------------------------------------------------------------------------
// Arena

char* Arena::allocate(size_t n) {
  if (n == 0) {
    static char empty;
    return &empty;
  }
  if (n > left_) {
    // A large request gets a chunk of its own so the current chunk's tail is not wasted.
    if (n > chunk_size_ / 4) {
      chunks_.push_back(std::unique_ptr<char[]>(new char[n]));
      return chunks_.back().get();
    }
    // Chunks start small and double up to chunk_size_: many arenas (a column of one decoded
    // row, a scratch batch) only ever hold a few bytes. Not zeroed: every byte is written first.
    next_chunk_ = std::max(std::min(next_chunk_ * 2, chunk_size_), n);
    chunks_.push_back(std::unique_ptr<char[]>(new char[next_chunk_]));
    cursor_ = chunks_.back().get();
    left_ = next_chunk_;
  }
  char* p = cursor_;
  cursor_ += n;
  left_ -= n;
  return p;
}

std::string_view Arena::store(std::string_view s) {
  if (s.empty()) return {};
  char* p = allocate(s.size());
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

// ---------------------------------------------------------------------------------------------
// Column

size_t Column::size() const {
  switch (type.id) {
    case TypeId::Double:
      return doubles.size();
    case TypeId::String:
      return strings.size();
    default:
      return ints.size();
  }
}

void Column::resize(size_t n) {
  switch (type.id) {
    case TypeId::Double:
      doubles.resize(n);
      break;
    case TypeId::String:
      strings.resize(n);
      break;
    default:
      ints.resize(n);
      break;
  }
  if (!nulls.empty()) nulls.resize(n, 0);
}

void Column::reserve(size_t n) {
  switch (type.id) {
    case TypeId::Double:
      doubles.reserve(n);
      break;
    case TypeId::String:
      strings.reserve(n);
      break;
    default:
      ints.reserve(n);
      break;
  }
}

void Column::clear() {
  ints.clear();
  doubles.clear();
  strings.clear();
  nulls.clear();
  arenas.clear();
}

void Column::set_null(size_t row) {
  if (nulls.empty()) nulls.assign(size(), 0);
  nulls[row] = 1;
}

Arena& Column::arena() {
  // Reuse the last arena only while this column is its sole owner: an arena that is shared
  // (by share_arenas or a copy of this column) may be written by its other owners, possibly on
  // another thread, and an arena is not synchronized.
  if (arenas.empty() || arenas.back().use_count() != 1) {
    arenas.push_back(std::make_shared<Arena>());
  }
  return *arenas.back();
}

void Column::share_arenas(const Column& other) {
  if (&other == this) return;
  for (const auto& a : other.arenas) {
    if (std::find(arenas.begin(), arenas.end(), a) == arenas.end()) arenas.push_back(a);
  }
}

void Column::append_from(const Column& from, size_t row) {
  if (from.is_null(row)) return append_null();
  switch (type.id) {
    case TypeId::Double:
      return append_double(from.doubles[row]);
    case TypeId::String:
      return append_string(from.strings[row]);
    default:
      return append_int(from.ints[row]);
  }
}

Value Column::get(size_t row) const {
  if (is_null(row)) return Value::null(type);
  switch (type.id) {
    case TypeId::Null:
      return Value::null(type);
    case TypeId::Boolean:
      return Value::boolean(ints[row] != 0);
    case TypeId::Int:
    case TypeId::BigInt:
      return Value::integer(ints[row], type);
    case TypeId::Double:
      return Value::float64(doubles[row]);
    case TypeId::Decimal:
      return Value::decimal(ints[row], type);
    case TypeId::String:
      return Value::string(std::string(strings[row]));
    case TypeId::Timestamp:
      return Value::timestamp(ints[row]);
    case TypeId::Interval:
      return Value::interval(ints[row]);
    case TypeId::Date:
      return Value::date(ints[row]);
    case TypeId::Time:
      return Value::time(ints[row], type.precision);
    case TypeId::IntervalMonths:
      return Value::interval_months(ints[row]);
  }
  return Value::null(type);
}

bool value_fits(const Value& value, const Type& type) {
  const TypeId got = value.type().id;
  if (got == TypeId::Int || got == TypeId::BigInt) {
    if (type.id == TypeId::BigInt) return true;
    const int64_t v = value.int_value();
    return type.id == TypeId::Int && v >= INT32_MIN && v <= INT32_MAX;
  }
  if (got != type.id) return false;
  return got != TypeId::Decimal || value.type().scale == type.scale;
}

void Column::append(const Value& v) {
  const size_t row = size();
  if (v.is_null() || type.id == TypeId::Null) {
    resize(row + 1);
    set_null(row);
    return;
  }
  switch (type.id) {
    case TypeId::Double:
      doubles.push_back(v.double_value());
      break;
    case TypeId::String:
      strings.push_back(arena().store(v.string_value()));
      break;
    default:
      ints.push_back(v.int_value());
      break;
  }
  if (!nulls.empty()) nulls.push_back(0);
}

// ---------------------------------------------------------------------------------------------
// Batch

Batch Batch::with_schema(const Schema& schema) {
  Batch b;
  b.columns.reserve(schema.size());
  for (const Field& f : schema.fields) b.columns.emplace_back(f.type);
  return b;
}

void Batch::clear() {
  for (Column& c : columns) c.clear();
  rows = 0;
  kinds.clear();
  arrival_watermark.clear();
  sequence.clear();
  positions.clear();
}

namespace {

template <class T>
void pick(const std::vector<T>& from, const std::vector<uint32_t>& rows, std::vector<T>& to) {
  if (from.empty()) return;
  to.resize(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) to[i] = from[rows[i]];
}

template <class T>
void keep(std::vector<T>& v, const std::vector<uint32_t>& selection) {
  if (v.empty()) return;
  size_t out = 0;
  for (uint32_t row : selection) v[out++] = v[row];
  v.resize(out);
}

}  // namespace

void Batch::select(const std::vector<uint32_t>& selection) {
  assert(std::is_sorted(selection.begin(), selection.end()));
  for (Column& c : columns) {
    switch (c.type.id) {
      case TypeId::Double:
        keep(c.doubles, selection);
        break;
      case TypeId::String:
        keep(c.strings, selection);
        break;
      default:
        keep(c.ints, selection);
        break;
    }
    keep(c.nulls, selection);
  }
  keep(kinds, selection);
  keep(arrival_watermark, selection);
  keep(sequence, selection);
  rows = selection.size();
}

void Batch::gather(const std::vector<uint32_t>& order) { *this = take(order); }

Batch Batch::take(const std::vector<uint32_t>& rows_to_take) const {
  Batch out;
  out.rows = rows_to_take.size();
  out.columns.reserve(columns.size());
  for (const Column& c : columns) {
    Column& dst = out.columns.emplace_back(c.type);
    switch (c.type.id) {
      case TypeId::Double:
        pick(c.doubles, rows_to_take, dst.doubles);
        break;
      case TypeId::String:
        pick(c.strings, rows_to_take, dst.strings);
        break;
      default:
        pick(c.ints, rows_to_take, dst.ints);
        break;
    }
    pick(c.nulls, rows_to_take, dst.nulls);
    dst.arenas = c.arenas;
  }
  pick(kinds, rows_to_take, out.kinds);
  pick(arrival_watermark, rows_to_take, out.arrival_watermark);
  pick(sequence, rows_to_take, out.sequence);
  return out;
}

Batch Batch::slice(size_t begin, size_t end) const {
  Batch out;
  out.rows = end - begin;
  out.columns.reserve(columns.size());
  for (const Column& c : columns) {
    Column& dst = out.columns.emplace_back(c.type);
    switch (c.type.id) {
      case TypeId::Double:
        dst.doubles.assign(c.doubles.begin() + begin, c.doubles.begin() + end);
        break;
      case TypeId::String:
        dst.strings.assign(c.strings.begin() + begin, c.strings.begin() + end);
        break;
      default:
        dst.ints.assign(c.ints.begin() + begin, c.ints.begin() + end);
        break;
    }
    if (!c.nulls.empty()) dst.nulls.assign(c.nulls.begin() + begin, c.nulls.begin() + end);
    dst.arenas = c.arenas;
  }
  if (!kinds.empty()) out.kinds.assign(kinds.begin() + begin, kinds.begin() + end);
  if (!arrival_watermark.empty())
    out.arrival_watermark.assign(arrival_watermark.begin() + begin,
                                 arrival_watermark.begin() + end);
  if (!sequence.empty()) out.sequence.assign(sequence.begin() + begin, sequence.begin() + end);
  return out;
}

void Batch::append_row(const Batch& from, size_t row) {
  if (columns.empty() && rows == 0) {
    for (const Column& c : from.columns) columns.emplace_back(c.type);
  }
  assert(columns.size() == from.columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    Column& dst = columns[i];
    const Column& src = from.columns[i];
    const size_t at = dst.size();
    if (src.is_null(row)) {
      dst.resize(at + 1);
      dst.set_null(at);
      continue;
    }
    switch (dst.type.id) {
      case TypeId::Double:
        dst.doubles.push_back(src.doubles[row]);
        break;
      // Bytes are copied rather than the source's arenas shared: a batch assembled row by row
      // (buffers, join output) may live long, and must not pin every batch it drew from.
      case TypeId::String:
        dst.strings.push_back(dst.arena().store(src.strings[row]));
        break;
      default:
        dst.ints.push_back(src.ints[row]);
        break;
    }
    if (!dst.nulls.empty()) dst.nulls.push_back(0);
  }
  const RowKind kind = from.kind(row);
  if (!kinds.empty()) {
    kinds.push_back(kind);
  } else if (kind != RowKind::Insert) {
    kinds.assign(rows, RowKind::Insert);
    kinds.push_back(kind);
  }
  // Rows without a recorded arrival watermark get kMinTimestamp (no watermark constraint).
  if (!from.arrival_watermark.empty()) {
    arrival_watermark.resize(rows, kMinTimestamp);
    arrival_watermark.push_back(from.arrival_watermark[row]);
  } else if (!arrival_watermark.empty()) {
    arrival_watermark.push_back(kMinTimestamp);
  }
  if (!from.sequence.empty()) {
    sequence.resize(rows, 0);
    sequence.push_back(from.sequence[row]);
  }
  ++rows;
}

size_t first_reaching(std::span<const Timestamp> arrivals, Timestamp time, size_t hint) {
  if (hint <= arrivals.size() && (hint == arrivals.size() || arrivals[hint] >= time) &&
      (hint == 0 || arrivals[hint - 1] < time))
    return hint;
  return size_t(std::lower_bound(arrivals.begin(), arrivals.end(), time) - arrivals.begin());
}

namespace {

// Appends from[begin, end) to `to`, a per-row vector that may be absent (empty) on either side:
// an absent one stands for `fill` on every row, and stays absent while both are.
template <class T>
void append_optional(std::vector<T>& to, size_t to_rows, const std::vector<T>& from, size_t begin,
                     size_t end, T fill) {
  if (from.empty() && to.empty()) return;
  to.resize(to_rows, fill);
  if (from.empty())
    to.resize(to_rows + end - begin, fill);
  else
    to.insert(to.end(), from.begin() + ptrdiff_t(begin), from.begin() + ptrdiff_t(end));
}

}  // namespace

void Batch::append_rows(const Batch& from, size_t begin, size_t end) {
  if (columns.empty() && rows == 0) {
    for (const Column& c : from.columns) columns.emplace_back(c.type);
  }
  assert(columns.size() == from.columns.size());
  const size_t before = rows;
  const size_t n = end - begin;
  for (size_t c = 0; c < columns.size(); ++c) {
    Column& to = columns[c];
    const Column& src = from.columns[c];
    switch (to.type.id) {
      case TypeId::Double:
        to.doubles.insert(to.doubles.end(), src.doubles.begin() + begin, src.doubles.begin() + end);
        break;
      case TypeId::String:
        to.strings.insert(to.strings.end(), src.strings.begin() + begin, src.strings.begin() + end);
        to.share_arenas(src);
        break;
      default:
        to.ints.insert(to.ints.end(), src.ints.begin() + begin, src.ints.begin() + end);
        break;
    }
    append_optional(to.nulls, before, src.nulls, begin, end, uint8_t(0));  // no mask: no NULLs
  }
  append_optional(kinds, before, from.kinds, begin, end, RowKind::Insert);
  // Rows without a recorded arrival watermark have no watermark constraint (kMinTimestamp).
  append_optional(arrival_watermark, before, from.arrival_watermark, begin, end, kMinTimestamp);
  append_optional(sequence, before, from.sequence, begin, end, uint32_t(0));
  rows += n;
}

}  // namespace eddy
