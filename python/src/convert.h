// Values between eddy and Python (docs/python.md, "Types"):
//   BOOLEAN bool · INT, BIGINT int · DOUBLE float · DECIMAL decimal.Decimal · STRING str ·
//   TIMESTAMP datetime.datetime (naive, UTC) · DATE datetime.date · TIME datetime.time ·
//   INTERVAL datetime.timedelta · year-month INTERVAL int (months) · NULL None.
// Times the engine hands to process functions and takes for timers and watermarks are ints,
// milliseconds since the epoch (as PyFlink's ctx.timestamp()); those calls also take a datetime.
#pragma once

#include <nanobind/nanobind.h>

#include <stdexcept>
#include <string>
#include <string_view>

#include "eddy/engine.h"

namespace eddy::python {

namespace nb = nanobind;

// Called once at module import (the datetime C API).
void init_convert();

// The Python value of a cell of any source with is_null / int_value / double_value /
// string_value taking `pos...` (a Chunk: row, col; a process function's Row: col).
nb::object from_bits(const Type& type, int64_t i, double d, std::string_view s);
template <class Source, class... Pos>
nb::object cell_to_py(const Source& source, const Type& type, Pos... pos) {
  if (source.is_null(pos...)) return nb::none();
  switch (type.id) {
    case TypeId::Double:
      return from_bits(type, 0, source.double_value(pos...), {});
    case TypeId::String:
      return from_bits(type, 0, 0, source.string_value(pos...));
    default:
      return from_bits(type, source.int_value(pos...), 0, {});
  }
}
nb::object value_to_py(const Value& value);

// A Python value as a Value of `type` (process function output); throws ConversionError.
struct ConversionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
Value py_to_value(nb::handle object, const Type& type);

// Milliseconds since the epoch from an int, a datetime (naive: UTC) or a date; a timedelta as
// milliseconds. Throws nb::type_error otherwise.
int64_t to_millis(nb::handle object);

// "BIGINT", "DECIMAL(10, 2)", "TIMESTAMP(3)", "INTERVAL", ... as a Type; throws nb::value_error.
Type parse_type(std::string_view text);

// The Python type name of `object`, for messages ("an int", "a str").
std::string describe(nb::handle object);

}  // namespace eddy::python
