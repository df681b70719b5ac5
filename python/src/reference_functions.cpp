// C++ process functions registered from Python, as references: the tests check that a Python
// process function gives their rows, and bench/python/process_function_bench.py measures the
// per-row cost of Python against them (docs/python.md, "Cost").
#include <memory>
#include <stdexcept>

#include "count_with_timeout.h"  // examples/embed: the seed's function, the API docs' example
#include "errors.h"
#include "handles.h"

namespace eddy::python {

namespace {

// Does nothing per row: the cost of calling a process function at all.
class Noop final : public KeyedProcessFunction {
 public:
  void process_element(const Row&, Context&, Collector&) override {}
};

}  // namespace

void register_reference_function(EngineHandle& engine, const std::string& name,
                                 const std::string& which) {
  if (which == "noop") {
    check(engine.engine->register_function(
        name, ProcessFunctionSpec{{}, {}, [] { return std::make_unique<Noop>(); }}));
  } else if (which == "count_with_timeout") {
    check(engine.engine->register_function(
        name, ProcessFunctionSpec{{{"cnt", Type::int64(), false}}, {Type::interval()}, [] {
                                    return std::make_unique<CountWithTimeout>();
                                  }}));
  } else {
    throw nb::value_error("reference functions: noop, count_with_timeout");
  }
}

}  // namespace eddy::python
