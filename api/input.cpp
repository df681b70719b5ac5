// Input and RowBuilder: rows pushed from code into an embedded stream, checked and converted
// here value by value; connectors/embedded_stream.cpp holds them for the queries.
#include "eddy/input.h"

#include <fmt/format.h>

#include <limits>

#include "connectors/embedded_stream.h"
#include "eddy/engine.h"
#include "planner/catalog.h"
#include "runtime/suggest.h"

namespace eddy {

namespace {

constexpr int64_t kMsPerDay = 86'400'000;

// 10^n for n <= 18.
int64_t power_of_ten(int n) {
  int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

}  // namespace

// ---- RowBuilder

RowBuilder::RowBuilder(std::shared_ptr<EmbeddedStream> stream)
    : stream_(std::move(stream)), schema_(&stream_->schema()), cells_(schema_->size()) {}

void RowBuilder::clear() {
  for (Cell& cell : cells_) cell.null = true;
  error_.reset();
}

RowBuilder& RowBuilder::fail(int column, std::string message) {
  if (error_) return *this;  // the first error is the one to fix
  std::string where = column >= 0 ? fmt::format("stream '{}', column '{}': ", stream_->name(),
                                                (*schema_)[column].name)
                                  : fmt::format("stream '{}': ", stream_->name());
  error_ = Error{Error::Kind::Data, where + message};
  return *this;
}

RowBuilder& RowBuilder::mismatch(int column, const char* given) {
  return fail(column,
              fmt::format("expected {}, got {}", (*schema_)[column].type.to_string(), given));
}

int RowBuilder::column_index(std::string_view name) {
  const int column = schema_->find(name);
  if (column >= 0) return column;
  std::vector<std::string> names;
  for (const Field& field : schema_->fields) names.push_back(field.name);
  fail(-1, fmt::format("no column '{}'{}", name, did_you_mean(name, names)));
  return -1;
}

bool RowBuilder::valid(int column) {
  if (error_) return false;
  if (column >= 0 && size_t(column) < cells_.size()) return true;
  fail(-1, fmt::format("no column {} (it has {} columns, numbered from 0)", column, cells_.size()));
  return false;
}

RowBuilder& RowBuilder::set_null(int column) {
  if (valid(column)) cells_[column].null = true;
  return *this;
}

RowBuilder& RowBuilder::set(int column, int64_t value) {
  if (!valid(column)) return *this;
  Cell& cell = cells_[column];
  const Type& type = (*schema_)[column].type;
  switch (type.id) {
    case TypeId::Int:
      if (value < std::numeric_limits<int32_t>::min() ||
          value > std::numeric_limits<int32_t>::max())
        return fail(column, fmt::format("{} is out of range for INT", value));
      break;
    case TypeId::BigInt:
    case TypeId::Timestamp:
    case TypeId::Date:
    case TypeId::Interval:
    case TypeId::IntervalMonths:
      break;
    case TypeId::Time:
      if (value < 0 || value >= kMsPerDay)
        return fail(column, fmt::format("{} is not a time of day (milliseconds from 0 to {})",
                                        value, kMsPerDay - 1));
      value = truncate_time(value, type.precision);
      break;
    case TypeId::Decimal: {
      // A whole number: its digits must fit the precision left of the scale.
      const int64_t limit = power_of_ten(type.precision - type.scale);
      if (value <= -limit || value >= limit)
        return fail(column, fmt::format("{} is out of range for {}", value, type.to_string()));
      value *= power_of_ten(type.scale);
      break;
    }
    case TypeId::Double:
      cell.double_value = double(value);
      cell.null = false;
      return *this;
    default:
      return mismatch(column, "an integer");
  }
  cell.int_value = value;
  cell.null = false;
  return *this;
}

RowBuilder& RowBuilder::set(int column, double value) {
  if (!valid(column)) return *this;
  if ((*schema_)[column].type.id != TypeId::Double) return mismatch(column, "a DOUBLE");
  cells_[column].double_value = value;
  cells_[column].null = false;
  return *this;
}

RowBuilder& RowBuilder::set(int column, bool value) {
  if (!valid(column)) return *this;
  if ((*schema_)[column].type.id != TypeId::Boolean) return mismatch(column, "a BOOLEAN");
  cells_[column].int_value = value ? 1 : 0;
  cells_[column].null = false;
  return *this;
}

RowBuilder& RowBuilder::set(int column, std::string_view value) {
  if (!valid(column)) return *this;
  Cell& cell = cells_[column];
  const Type& type = (*schema_)[column].type;
  bool parsed = true;
  switch (type.id) {
    case TypeId::String:
      cell.string_value.assign(value);  // keeps its capacity row after row
      break;
    case TypeId::Timestamp:
      parsed = parse_timestamp(value, cell.int_value);
      break;
    case TypeId::Date:
      parsed = parse_date(value, cell.int_value);
      break;
    case TypeId::Time:
      parsed = parse_time(value, cell.int_value);
      if (parsed) cell.int_value = truncate_time(cell.int_value, type.precision);
      break;
    default:
      return mismatch(column, "a STRING");
  }
  if (!parsed) return fail(column, fmt::format("'{}' is not a {}", value, type.to_string()));
  cell.null = false;
  return *this;
}

RowBuilder& RowBuilder::set(int column, const Value& value) {
  if (!valid(column)) return *this;
  if (value.is_null()) return set_null(column);
  const Type& type = (*schema_)[column].type;
  const Type& given = value.type();
  switch (given.id) {
    case TypeId::Boolean:
      return set(column, value.bool_value());
    case TypeId::Double:
      return set(column, value.double_value());
    case TypeId::String:
      return set(column, std::string_view(value.string_value()));
    case TypeId::Int:
    case TypeId::BigInt:
      // An integer Value is a number: it widens to the numeric types only.
      if (!type.is_numeric()) break;
      return set(column, value.int_value());
    case TypeId::Decimal:
      if (type.id == TypeId::Double) {
        return set(column, double(value.int_value()) / double(power_of_ten(given.scale)));
      }
      if (type.id == TypeId::Decimal && type.scale >= given.scale) {
        // Rescaled to the column's scale, which must hold its digits.
        const int64_t factor = power_of_ten(type.scale - given.scale);
        const int64_t limit = power_of_ten(type.precision);
        const int64_t unscaled = value.int_value();
        if (unscaled <= -limit / factor || unscaled >= limit / factor)
          return fail(column, fmt::format("{} is out of range for {}", value.to_string(),
                                          type.to_string()));
        cells_[column].int_value = unscaled * factor;
        cells_[column].null = false;
        return *this;
      }
      break;
    case TypeId::Date:
      if (type.id == TypeId::Date || type.id == TypeId::Timestamp) {
        cells_[column].int_value =
            value.int_value() * (type.id == TypeId::Timestamp ? kMsPerDay : 1);
        cells_[column].null = false;
        return *this;
      }
      break;
    case TypeId::Timestamp:
    case TypeId::Time:
    case TypeId::Interval:
    case TypeId::IntervalMonths:
      if (type.id == given.id) return set(column, value.int_value());
      break;
    case TypeId::Null:
      break;
  }
  return mismatch(column, given.to_string().c_str());
}

Status RowBuilder::append() {
  Status status = error_ ? Status(*error_) : stream_->append(*this);
  clear();
  return status;
}

// ---- Input

Input::Input(std::shared_ptr<EmbeddedStream> stream)
    : stream_(std::move(stream)), builder_(new RowBuilder(stream_)) {}
Input::Input(Input&&) noexcept = default;
Input& Input::operator=(Input&&) noexcept = default;
Input::~Input() = default;

const std::string& Input::stream() const { return stream_->name(); }
const Schema& Input::schema() const { return stream_->schema(); }

RowBuilder& Input::row() {
  builder_->clear();
  return *builder_;
}

Status Input::append(const std::vector<Value>& values) {
  const Schema& schema = stream_->schema();
  if (values.size() != schema.size()) {
    std::string columns;
    for (const Field& field : schema.fields) columns += (columns.empty() ? "" : ", ") + field.name;
    return Error{Error::Kind::Data,
                 fmt::format("stream '{}': the row has {} values, but the stream has {} columns "
                             "({})",
                             stream_->name(), values.size(), schema.size(), columns)};
  }
  RowBuilder& builder = row();
  for (size_t c = 0; c < values.size(); ++c) builder.set(int(c), values[c]);
  return builder.append();
}

Status Input::watermark(Timestamp watermark) { return stream_->watermark(watermark); }
Status Input::idle(bool idle) { return stream_->set_idle(idle); }
Status Input::close() {
  stream_->close();
  return {};
}
uint64_t Input::rows() const { return stream_->rows(); }

// ---- Engine::input

Result<Input> Engine::input(std::string_view name) {
  auto stream = catalog_->find_stream(std::string(name));
  if (!stream) {
    std::vector<std::string> names;
    for (const StreamDef* s : catalog_->streams()) names.push_back(s->name);
    return Error{Error::Kind::Bind,
                 fmt::format("unknown stream '{}'{}", name, did_you_mean(name, names))};
  }
  if (!stream->embedded) {
    auto connector = stream->connector_options.find("connector");
    return Error{Error::Kind::Bind,
                 fmt::format("stream '{}' reads connector '{}'; only a stream WITH ('connector' = "
                             "'embedded') takes rows from code",
                             stream->name,
                             connector == stream->connector_options.end() ? std::string()
                                                                          : connector->second)};
  }
  return Input(stream->embedded);
}

}  // namespace eddy
