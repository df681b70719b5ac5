// eddy errors as Python exceptions (errors.h).
#include "errors.h"

#include <nanobind/stl/string.h>

#include <string>

namespace eddy::python {

namespace nb = nanobind;

void raise_error(const Error& error) {
  nb::object errors = nb::module_::import_("eddy._errors");
  nb::object exception = errors.attr("make_error")(int(error.kind), error.message, error.line,
                                                   error.column, error.snippet, error.to_string());
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exception.ptr())), exception.ptr());
  throw nb::python_error();
}

void check(const Status& status) {
  if (!status) raise_error(status.error());
}

std::string describe_exception(nb::python_error& error) {
  try {
    nb::object errors = nb::module_::import_("eddy._errors");
    return nb::cast<std::string>(errors.attr("describe_exception")(error.value()));
  } catch (const std::exception&) {
    return error.what();
  }
}

}  // namespace eddy::python
