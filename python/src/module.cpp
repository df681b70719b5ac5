// eddy._eddy: the extension module of the `eddy` Python package. python/eddy/__init__.py is the
// API users see (docs/python.md); this module holds what needs C++.
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>

#include "convert.h"
#include "eddy/version.h"
#include "handles.h"

NB_MODULE(_eddy, m) {
  using namespace eddy::python;
  init_convert();
  m.attr("__version__") = eddy::version();
  bind_engine(m);
  bind_process_functions(m);
  m.def("_to_millis", [](nb::handle t) { return to_millis(t); });
  m.def("_parse_type", [](std::string_view t) { return parse_type(t).to_string(); });
}
