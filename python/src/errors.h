// eddy errors as Python exceptions: eddy.Error and its subclasses per kind
// (python/eddy/_errors.py), carrying kind, message, line, column and snippet (the source line with
// a caret).
#pragma once

#include <nanobind/nanobind.h>

#include "eddy/error.h"

namespace eddy::python {

// Raises the eddy.Error subclass for `error` (throws nb::python_error).
[[noreturn]] void raise_error(const Error& error);
// Raises it when `status` failed.
void check(const Status& status);
template <class T>
T check(Result<T>&& result) {
  if (!result) raise_error(result.error());
  return std::move(result).value();
}

// "ValueError: bad thing (at script.py:12 in process_element)" for the Python exception being
// handled in `error`, to put into an eddy error message.
std::string describe_exception(nanobind::python_error& error);

}  // namespace eddy::python
