// The objects behind the Python classes of eddy._eddy. A Query and an Input keep their engine
// alive (they point into it), whatever order Python drops them in.
#pragma once

#include <nanobind/nanobind.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/engine.h"

namespace eddy::python {

namespace nb = nanobind;

// The processing-time clock a test moves by hand: eddy.ManualClock.
struct PyManualClock {
  std::shared_ptr<ManualClock> clock;
};

struct EngineHandle {
  std::unique_ptr<Engine> engine;
  // Set when a Python process function was interrupted by Ctrl-C (KeyboardInterrupt): the query
  // fails, and the Python side raises KeyboardInterrupt instead of the query's error.
  std::atomic<bool> interrupted{false};
};

class PyQuery {
 public:
  PyQuery(std::shared_ptr<EngineHandle> engine, std::unique_ptr<Query> query,
          std::vector<std::string> notes);
  PyQuery(PyQuery&&) = default;
  ~PyQuery();
  // The next chunk of changes as a list of rows (row_type instances, each with its kind), []
  // when `timeout` (seconds) passed first, None once the query has finished. Runs the query
  // without the GIL, in slices of at most 100 ms between which Ctrl-C is looked at (and
  // cancels the query).
  nb::object fetch(std::optional<double> timeout);
  void cancel() { query_->cancel(); }
  bool cancelled() const { return query_->cancelled(); }
  void checkpoint() { query_->checkpoint(); }
  nb::dict stats() const;
  std::string explain() const { return query_->explain(); }
  bool updating() const { return query_->is_updating(); }
  nb::list columns() const;  // [(name, type, nullable)]
  const std::vector<std::string>& notes() const { return notes_; }

  nb::object row_type;  // the Python class of result rows (eddy._row.row_type)

 private:
  nb::list rows_of(const Chunk& chunk);
  std::shared_ptr<EngineHandle> engine_;
  std::unique_ptr<Query> query_;
  std::vector<std::string> notes_;
  Chunk chunk_;
};

class PyInput {
 public:
  PyInput(std::shared_ptr<EngineHandle> engine, Input input)
      : engine_(std::move(engine)), input_(std::move(input)) {}
  // A tuple / list (values in column order) or a dict (by column name; columns not named NULL).
  void append(nb::handle row);
  void watermark(nb::handle time);
  void idle(bool idle);
  void close();
  uint64_t rows() const { return input_.rows(); }
  const std::string& stream() const { return input_.stream(); }
  nb::list columns() const;

 private:
  void set(RowBuilder& builder, int column, nb::handle value);
  std::shared_ptr<EngineHandle> engine_;
  Input input_;
};

// The schema's columns as [(name, type, nullable)].
nb::list columns_of(const Schema& schema);

void bind_engine(nb::module_& m);
void bind_process_functions(nb::module_& m);
// Registers the process function `factory` makes (a Python class or callable) on `engine`.
void register_process_function(EngineHandle& engine, const std::string& name, nb::object factory,
                               const std::vector<Field>& output, const std::vector<Type>& arguments,
                               bool co);
// The C++ reference process functions (noop, count_with_timeout) for tests and benchmarks.
void register_reference_function(EngineHandle& engine, const std::string& name,
                                 const std::string& which);

}  // namespace eddy::python
