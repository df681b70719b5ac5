#include "state/aggregate_set.h"

#include <cstring>

#include "runtime/failure.h"

namespace eddy {

AggregateSet::AggregateSet(std::vector<AggregateSpec> specs, KeyedState& state,
                           const std::string& prefix, bool retractable, bool compact_counts)
    : specs_(std::move(specs)) {
  for (size_t i = 0; i < specs_.size(); ++i) {
    const AggregateSpec& spec = specs_[i];
    std::string name = prefix + std::to_string(i);
    const bool count =
        compact_counts && (spec.kind == AggKind::CountStar || spec.kind == AggKind::Count);
    counts_.push_back(count ? &state.declare<FixedState<int64_t>>(name) : nullptr);
    accumulators_.push_back(count ? nullptr : &state.declare<FixedState<Accumulator>>(name));
    bool keeps_string = spec.arg_type.id == TypeId::String &&
                        (spec.kind == AggKind::Min || spec.kind == AggKind::Max ||
                         spec.kind == AggKind::FirstValue || spec.kind == AggKind::LastValue);
    strings_.push_back(keeps_string ? &state.declare<StringState>(name + ".string") : nullptr);
    distinct_.push_back(spec.kind == AggKind::CountDistinct
                            ? &state.declare<MultisetState>(name + ".distinct")
                            : nullptr);
    const bool sorted = retractable && (spec.kind == AggKind::Min || spec.kind == AggKind::Max);
    sorted_.push_back(sorted ? &state.declare<SortedMultisetState>(name + ".sorted") : nullptr);
  }
}

bool AggregateSet::order_insensitive() const {
  for (const AggregateSpec& spec : specs_) {
    if (spec.kind == AggKind::FirstValue || spec.kind == AggKind::LastValue) return false;
    if ((spec.kind == AggKind::Sum || spec.kind == AggKind::Avg) &&
        spec.arg_type.id == TypeId::Double)
      return false;
  }
  return true;
}

void AggregateSet::retract(KeyId key, const Batch& input, size_t row) {
  static const Column kNoColumn;
  for (size_t i = 0; i < specs_.size(); ++i) {
    const Column& arg = specs_[i].arg >= 0 ? input.columns[specs_[i].arg] : kNoColumn;
    retract_one(i, key, arg, row);
  }
}

bool AggregateSet::fold(KeyId key, const Batch& input, size_t row) {
  bool changed = false;
  static const Column kNoColumn;
  for (size_t i = 0; i < specs_.size(); ++i) {
    const Column& arg = specs_[i].arg >= 0 ? input.columns[specs_[i].arg] : kNoColumn;
    changed |= fold_one(i, key, arg, row);
  }
  return changed;
}

void AggregateSet::fold_rows(std::span<const KeyId> keys, const Batch& input, size_t first) {
  static const Column kNoColumn;
  for (size_t i = 0; i < specs_.size(); ++i) {
    if (specs_[i].kind == AggKind::CountStar) {
      if (counts_[i]) {
        for (KeyId key : keys) ++counts_[i]->get_or_init(key);
      } else {
        for (KeyId key : keys) ++accumulators_[i]->get_or_init(key).count;
      }
      continue;
    }
    const Column& arg = specs_[i].arg >= 0 ? input.columns[specs_[i].arg] : kNoColumn;
    for (size_t row = 0; row < keys.size(); ++row) fold_one(i, keys[row], arg, first + row);
  }
}

namespace {

int64_t checked_add(int64_t a, int64_t b, const Type& type) {
  int64_t sum;
  if (__builtin_add_overflow(a, b, &sum) ||
      (type.id == TypeId::Int && (sum > INT32_MAX || sum < INT32_MIN)))
    fail(Error::Kind::Runtime, "integer overflow in SUM over {}", type.to_string());
  return sum;
}

// sum / count rescaled by 10^extra_scale, rounded half away from zero (DECIMAL division).
int64_t decimal_average(int64_t sum, int64_t count, int extra_scale) {
  __int128 scaled = sum;
  for (int i = 0; i < extra_scale; ++i) scaled *= 10;
  __int128 q = scaled / count, r = scaled % count;
  if (2 * (r < 0 ? -r : r) >= count) q += scaled < 0 ? -1 : 1;
  if (q > INT64_MAX || q < INT64_MIN) fail(Error::Kind::Runtime, "DECIMAL overflow in AVG");
  return int64_t(q);
}

// `v` as 8 bytes whose byte order is the value order: big-endian, sign bit flipped.
void put_ordered(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(char((v >> shift) & 0xff));
}

}  // namespace

std::string_view AggregateSet::value_bytes(const AggregateSpec& spec, const Column& arg, size_t row,
                                           bool ordered) {
  scratch_.clear();
  if (spec.arg_type.id == TypeId::String) {
    scratch_.append(arg.strings[row]);
  } else if (!ordered) {
    if (spec.arg_type.id == TypeId::Double)
      bytes::put(scratch_, arg.doubles[row]);
    else
      bytes::put(scratch_, arg.ints[row]);
  } else if (spec.arg_type.id == TypeId::Double) {
    double d = arg.doubles[row];
    if (d == 0) d = 0;  // -0.0 and 0.0 are one value
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    // Negative doubles order backwards as bits: flip them all; positive ones: flip the sign.
    put_ordered(scratch_, (bits >> 63) ? ~bits : bits ^ (uint64_t(1) << 63));
  } else {
    put_ordered(scratch_, uint64_t(arg.ints[row]) ^ (uint64_t(1) << 63));
  }
  return scratch_;
}

void AggregateSet::retract_one(size_t i, KeyId key, const Column& arg, size_t row) {
  const AggregateSpec& spec = specs_[i];
  if (counts_[i]) {
    if (!counts_[i]->has(key)) return;
    int64_t& count = counts_[i]->get_or_init(key);
    if (spec.kind == AggKind::CountStar || (!arg.is_null(row) && count > 0)) --count;
    return;
  }
  if (!accumulators_[i]->has(key)) return;
  Accumulator& acc = accumulators_[i]->get_or_init(key);
  if (spec.kind == AggKind::CountStar) {
    --acc.count;
    return;
  }
  if (arg.is_null(row) || acc.count == 0) return;
  --acc.count;
  const bool is_double = spec.arg_type.id == TypeId::Double;
  switch (spec.kind) {
    case AggKind::Count:
      return;
    case AggKind::CountDistinct:
      distinct_[i]->remove(key, value_bytes(spec, arg, row, false));
      return;
    case AggKind::Sum:
    case AggKind::Avg:
      if (acc.count == 0) {
        acc.i = 0, acc.d = 0;  // no rounding residue once every value is gone
      } else if (is_double) {
        acc.d -= arg.doubles[row];
      } else {
        acc.i = checked_add(acc.i, -arg.ints[row],
                            spec.kind == AggKind::Sum ? spec.result_type : Type::int64());
      }
      return;
    case AggKind::Min:
    case AggKind::Max: {
      SortedMultisetState& values = *sorted_[i];
      values.remove(key, value_bytes(spec, arg, row, true));
      if (values.empty(key)) {
        acc.count = 0;
        return;
      }
      const std::string_view best =
          spec.kind == AggKind::Min ? values.first(key) : values.last(key);
      if (strings_[i]) {
        strings_[i]->set(key, best);
        return;
      }
      uint64_t v = 0;
      for (char c : best.substr(0, 8)) v = (v << 8) | uint8_t(c);
      if (is_double) {
        const uint64_t bits = (v >> 63) ? v ^ (uint64_t(1) << 63) : ~v;
        std::memcpy(&acc.d, &bits, 8);
      } else {
        acc.i = int64_t(v ^ (uint64_t(1) << 63));
      }
      return;
    }
    case AggKind::FirstValue:
    case AggKind::LastValue:
      fail(Error::Kind::Runtime, "{} cannot retract a row", spec.text);
    case AggKind::CountStar:
      break;
  }
}

bool AggregateSet::fold_one(size_t i, KeyId key, const Column& arg, size_t row) {
  const AggregateSpec& spec = specs_[i];
  if (counts_[i]) {
    if (spec.kind == AggKind::Count && arg.is_null(row)) return false;
    ++counts_[i]->get_or_init(key);
    return true;
  }
  Accumulator& acc = accumulators_[i]->get_or_init(key);
  if (spec.kind == AggKind::CountStar) {
    ++acc.count;
    return true;
  }
  if (arg.is_null(row)) return false;  // aggregates ignore NULL inputs
  const bool first = acc.count == 0;
  const bool is_double = spec.arg_type.id == TypeId::Double;
  ++acc.count;
  switch (spec.kind) {
    case AggKind::Count:
      return true;
    case AggKind::CountDistinct:
      return distinct_[i]->add(key, value_bytes(spec, arg, row, false));
    case AggKind::Sum:
      if (is_double) {
        acc.d += arg.doubles[row];
        return first || arg.doubles[row] != 0;
      }
      acc.i = checked_add(acc.i, arg.ints[row], spec.result_type);
      return first || arg.ints[row] != 0;
    case AggKind::Avg: {
      if (is_double) {
        double before = first ? 0 : acc.d / double(acc.count - 1);
        acc.d += arg.doubles[row];
        return first || acc.d / double(acc.count) != before;
      }
      int64_t before = first ? 0 : acc.i / (acc.count - 1);
      acc.i = checked_add(acc.i, arg.ints[row], Type::int64());
      return first || acc.i / acc.count != before;
    }
    case AggKind::Min:
    case AggKind::Max: {
      if (sorted_[i]) sorted_[i]->add(key, value_bytes(spec, arg, row, true));
      const bool min = spec.kind == AggKind::Min;
      if (strings_[i]) {
        std::string_view v = arg.strings[row];
        if (first || (min ? v < strings_[i]->get(key) : v > strings_[i]->get(key))) {
          strings_[i]->set(key, v);
          return true;
        }
        return false;
      }
      if (is_double) {
        double v = arg.doubles[row];
        if (first || (min ? v < acc.d : v > acc.d)) return acc.d = v, true;
        return false;
      }
      int64_t v = arg.ints[row];
      if (first || (min ? v < acc.i : v > acc.i)) return acc.i = v, true;
      return false;
    }
    case AggKind::FirstValue:
    case AggKind::LastValue: {
      if (spec.kind == AggKind::FirstValue && !first) return false;
      if (strings_[i]) {
        bool same = !first && strings_[i]->get(key) == arg.strings[row];
        strings_[i]->set(key, arg.strings[row]);
        return !same;
      }
      if (is_double) {
        bool same = !first && acc.d == arg.doubles[row];
        acc.d = arg.doubles[row];
        return !same;
      }
      bool same = !first && acc.i == arg.ints[row];
      acc.i = arg.ints[row];
      return !same;
    }
    case AggKind::CountStar:
      break;
  }
  return true;
}

void AggregateSet::clear(KeyId key) {
  for (size_t i = 0; i < specs_.size(); ++i) {
    if (counts_[i]) counts_[i]->clear(key);
    if (accumulators_[i]) accumulators_[i]->clear(key);
    if (strings_[i]) strings_[i]->clear(key);
    if (distinct_[i]) distinct_[i]->clear(key);
    if (sorted_[i]) sorted_[i]->clear(key);
  }
}

void AggregateSet::append_results(KeyId key, Batch& out, size_t first_column) const {
  for (size_t i = 0; i < specs_.size(); ++i) {
    const AggregateSpec& spec = specs_[i];
    Column& column = out.columns[first_column + i];
    if (counts_[i]) {
      column.append_int(counts_[i]->has(key) ? counts_[i]->get(key) : 0);
      continue;
    }
    const bool has = accumulators_[i]->has(key);
    const Accumulator empty;
    const Accumulator& acc = has ? accumulators_[i]->get(key) : empty;
    switch (spec.kind) {
      case AggKind::CountStar:
      case AggKind::Count:
        column.append_int(acc.count);
        continue;
      case AggKind::CountDistinct:
        column.append_int(has ? int64_t(distinct_[i]->distinct(key)) : 0);
        continue;
      default:
        break;
    }
    if (strings_[i] && acc.count != 0) {
      column.append_string(strings_[i]->get(key));
      continue;
    }
    append_value(i, acc, column);
  }
}

void AggregateSet::append_value(size_t i, const Accumulator& acc, Column& column) const {
  const AggregateSpec& spec = specs_[i];
  if (spec.kind == AggKind::CountStar || spec.kind == AggKind::Count) {
    column.append_int(acc.count);
  } else if (acc.count == 0) {
    column.append_null();
  } else if (spec.result_type.id == TypeId::Double) {
    column.append_double(spec.kind == AggKind::Avg ? acc.d / double(acc.count) : acc.d);
  } else if (spec.kind == AggKind::Avg && spec.result_type.id == TypeId::Decimal) {
    column.append_int(
        decimal_average(acc.i, acc.count, spec.result_type.scale - spec.arg_type.scale));
  } else {
    column.append_int(spec.kind == AggKind::Avg ? acc.i / acc.count : acc.i);
  }
}

bool AggregateSet::mergeable(const std::vector<AggregateSpec>& specs) {
  for (const AggregateSpec& spec : specs) {
    switch (spec.kind) {
      case AggKind::CountStar:
      case AggKind::Count:
        continue;
      case AggKind::Sum:
      case AggKind::Avg:
      case AggKind::Min:
      case AggKind::Max:
        if (spec.arg_type.id == TypeId::Double || spec.arg_type.id == TypeId::String) return false;
        continue;
      default:
        return false;
    }
  }
  return true;
}

void AggregateSet::append_merged(std::span<const KeyId> keys, Batch& out,
                                 size_t first_column) const {
  for (size_t i = 0; i < specs_.size(); ++i) {
    const AggregateSpec& spec = specs_[i];
    Column& column = out.columns[first_column + i];
    if (counts_[i]) {
      int64_t count = 0;
      for (KeyId key : keys)
        if (counts_[i]->has(key)) count += counts_[i]->get(key);
      column.append_int(count);
      continue;
    }
    Accumulator merged;
    for (KeyId key : keys) {
      if (!accumulators_[i]->has(key)) continue;
      const Accumulator& acc = accumulators_[i]->get(key);
      if (acc.count == 0) continue;
      switch (spec.kind) {
        case AggKind::Sum:
          merged.i = checked_add(merged.i, acc.i, spec.result_type);
          break;
        case AggKind::Avg:
          merged.i = checked_add(merged.i, acc.i, Type::int64());
          break;
        case AggKind::Min:
          if (merged.count == 0 || acc.i < merged.i) merged.i = acc.i;
          break;
        case AggKind::Max:
          if (merged.count == 0 || acc.i > merged.i) merged.i = acc.i;
          break;
        default:
          break;
      }
      merged.count += acc.count;
    }
    append_value(i, merged, column);
  }
}

}  // namespace eddy
