// eddy._eddy's Engine, Query, Input and ManualClock (handles.h); python/eddy/*.py wraps them in
// the documented API (docs/python.md).
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "convert.h"
#include "errors.h"
#include "handles.h"

namespace eddy::python {

namespace {

using namespace nb::literals;

const char* kind_symbol(RowKind kind) { return row_kind_symbol(kind); }

std::shared_ptr<EngineHandle> make_engine(const std::map<std::string, std::string>& settings,
                                          std::optional<size_t> batch_size, PyManualClock* clock,
                                          std::optional<std::string> checkpoint) {
  EngineOptions options;
  if (batch_size) {
    if (*batch_size == 0) throw nb::value_error("batch_size must be at least 1");
    options.batch_size = *batch_size;
  }
  if (clock) options.clock = clock->clock;
  if (checkpoint) options.checkpoint_path = *checkpoint;
  auto handle = std::make_shared<EngineHandle>();
  handle->engine = std::make_unique<Engine>(std::move(options));
  // Through set(), not EngineOptions::settings, so that a bad key or value is an error here.
  for (const auto& [key, value] : settings) check(handle->engine->set(key, value));
  return handle;
}

nb::object table_rows(const Table& table) {
  nb::list rows;
  for (const auto& row : table.rows) {
    nb::list values;
    for (const auto& value : row) values.append(value_to_py(value));
    rows.append(nb::steal(PyList_AsTuple(values.ptr())));
  }
  return rows;
}

// What executing a script's last statement gave: ("query", Query), ("table", (columns, rows))
// or ("message", text).
nb::tuple execute(std::shared_ptr<EngineHandle>& engine, const std::string& sql) {
  std::optional<Result<Outcome>> result;
  {
    nb::gil_scoped_release release;
    result.emplace(engine->engine->execute(sql));
  }
  Outcome outcome = check(std::move(*result));
  if (outcome.query)
    return nb::make_tuple("query",
                          PyQuery(engine, std::move(outcome.query), std::move(outcome.notes)));
  if (outcome.table)
    return nb::make_tuple(
        "table", nb::make_tuple(columns_of(outcome.table->schema), table_rows(*outcome.table)));
  return nb::make_tuple("message", outcome.message);
}

std::vector<Field> fields_of(const std::vector<std::tuple<std::string, std::string, bool>>& spec) {
  std::vector<Field> fields;
  for (const auto& [name, type, nullable] : spec)
    fields.push_back({name, parse_type(type), nullable});
  return fields;
}

}  // namespace

nb::list columns_of(const Schema& schema) {
  nb::list columns;
  for (const auto& field : schema.fields)
    columns.append(nb::make_tuple(field.name, field.type.to_string(), field.nullable));
  return columns;
}

PyQuery::PyQuery(std::shared_ptr<EngineHandle> engine, std::unique_ptr<Query> query,
                 std::vector<std::string> notes)
    : engine_(std::move(engine)), query_(std::move(query)), notes_(std::move(notes)) {}

PyQuery::~PyQuery() {
  // Destroying a query may destroy a Python process function's objects: they take the GIL
  // themselves, so nothing here needs it; but the query must not run any more.
  if (query_) query_->cancel();
}

nb::list PyQuery::rows_of(const Chunk& chunk) {
  const Schema& schema = chunk.schema();
  const size_t columns = schema.size();
  nb::list rows;
  for (size_t r = 0; r < chunk.size(); ++r) {
    nb::object values = nb::steal(PyTuple_New(Py_ssize_t(columns)));
    for (size_t c = 0; c < columns; ++c)
      PyTuple_SET_ITEM(values.ptr(), c, cell_to_py(chunk, schema[c].type, r, c).release().ptr());
    nb::object row = row_type.is_valid() ? row_type(values) : values;
    if (chunk.kind(r) != RowKind::Insert)
      nb::setattr(row, "kind", nb::str(kind_symbol(chunk.kind(r))));
    rows.append(row);
  }
  return rows;
}

nb::object PyQuery::fetch(std::optional<double> timeout) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto deadline =
      timeout ? start + std::chrono::microseconds(int64_t(std::max(0.0, *timeout) * 1e6))
              : Clock::time_point::max();
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    auto slice = std::clamp(left, std::chrono::milliseconds(0), std::chrono::milliseconds(100));
    std::optional<Result<PollStatus>> polled;
    {
      nb::gil_scoped_release release;
      polled.emplace(query_->poll(chunk_, slice));
    }
    if (!*polled) {
      if (engine_->interrupted.exchange(false)) {
        PyErr_SetNone(PyExc_KeyboardInterrupt);
        throw nb::python_error();
      }
      raise_error(polled->error());
    }
    switch (polled->value()) {
      case PollStatus::Finished:
        return nb::none();
      case PollStatus::Rows:
        return rows_of(chunk_);
      case PollStatus::Timeout:
        break;
    }
    if (PyErr_CheckSignals() != 0) {  // Ctrl-C (KeyboardInterrupt) or another signal handler
      query_->cancel();
      throw nb::python_error();
    }
    if (Clock::now() >= deadline) return nb::list();
  }
}

nb::dict PyQuery::stats() const {
  QueryStats s = query_->stats();
  nb::dict d;
  d["rows_in"] = s.rows_in;
  d["rows_out"] = s.rows_out;
  d["late_rows"] = s.late_rows;
  d["skipped_rows"] = s.skipped_rows;
  d["watermark"] =
      s.watermark == kMinTimestamp ? nb::object(nb::none()) : nb::object(nb::int_(s.watermark));
  d["keys"] = s.keys;
  d["state_bytes"] = s.state_bytes;
  d["timers"] = s.timers;
  d["bytes_read"] = s.bytes_read;
  d["bytes_total"] = s.bytes_total;
  d["checkpoints_taken"] = s.checkpoints.taken;
  d["checkpoints_failed"] = s.checkpoints.failed;
  d["checkpoint_id"] = s.checkpoints.last_id;
  d["checkpoint_rows_out"] = s.checkpoints.rows_out;
  d["resumed_from"] = s.checkpoints.resumed_from;
  return d;
}

nb::list PyQuery::columns() const { return columns_of(query_->schema()); }

nb::list PyInput::columns() const { return columns_of(input_.schema()); }

void PyInput::set(RowBuilder& builder, int column, nb::handle value) {
  PyObject* o = value.ptr();
  if (value.is_none()) {
    builder.set_null(column);
  } else if (PyBool_Check(o)) {
    builder.set(column, o == Py_True);
  } else if (PyLong_Check(o)) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow)
      check(Error{Error::Kind::Data, "stream '" + input_.stream() + "', column '" +
                                         input_.schema()[column].name +
                                         "': " + nb::str(value).c_str() + " is out of range"});
    builder.set(column, int64_t(v));
  } else if (PyFloat_Check(o)) {
    builder.set(column, PyFloat_AS_DOUBLE(o));
  } else if (PyUnicode_Check(o)) {
    Py_ssize_t size = 0;
    const char* text = PyUnicode_AsUTF8AndSize(o, &size);
    if (!text) throw nb::python_error();
    builder.set(column, std::string_view(text, size_t(size)));
  } else {  // datetime, date, time, timedelta, Decimal: by the column's type
    const Field& field = input_.schema()[column];
    try {
      builder.set(column, py_to_value(value, field.type));
    } catch (const ConversionError& e) {
      check(Error{Error::Kind::Data,
                  "stream '" + input_.stream() + "', column '" + field.name + "': " + e.what()});
    }
  }
}

void PyInput::append(nb::handle row) {
  RowBuilder& builder = input_.row();
  const Schema& schema = input_.schema();
  if (PyDict_Check(row.ptr())) {
    for (auto [key, value] : nb::borrow<nb::dict>(row)) {
      std::string name = nb::cast<std::string>(nb::str(key));
      int column = schema.find(name);
      if (column < 0)
        builder.set_null(name);  // records the builder's "no column 'x' (did you mean ...)"
      else
        set(builder, column, value);
    }
  } else if (PyTuple_Check(row.ptr()) || PyList_Check(row.ptr())) {
    const size_t n = size_t(PySequence_Fast_GET_SIZE(row.ptr()));
    if (n != schema.size())
      check(Error{Error::Kind::Data, "stream '" + input_.stream() + "': a row has " +
                                         std::to_string(schema.size()) + " values, got " +
                                         std::to_string(n)});
    for (size_t c = 0; c < n; ++c) set(builder, int(c), PySequence_Fast_GET_ITEM(row.ptr(), c));
  } else {
    throw nb::type_error(("a row is a tuple, a list or a dict, not " + describe(row)).c_str());
  }
  check(builder.append());
}

void PyInput::watermark(nb::handle time) { check(input_.watermark(to_millis(time))); }
void PyInput::idle(bool idle) { check(input_.idle(idle)); }
void PyInput::close() { check(input_.close()); }

void bind_engine(nb::module_& m) {
  nb::class_<PyManualClock>(m, "ManualClock",
                            "A processing-time clock that moves only when told to (milliseconds "
                            "since the epoch).")
      .def(
          "__init__",
          [](PyManualClock* self, nb::handle start) {
            new (self) PyManualClock{std::make_shared<ManualClock>(to_millis(start))};
          },
          "start"_a = 0)
      .def("now", [](const PyManualClock& c) { return c.clock->now(); })
      .def(
          "set", [](PyManualClock& c, nb::handle t) { c.clock->set(to_millis(t)); }, "time"_a)
      .def(
          "advance", [](PyManualClock& c, nb::handle ms) { c.clock->advance(to_millis(ms)); },
          "milliseconds"_a);

  nb::class_<PyQuery>(m, "_Query")
      .def("fetch", &PyQuery::fetch, "timeout"_a = nb::none())
      .def("cancel", &PyQuery::cancel)
      .def("cancelled", &PyQuery::cancelled)
      .def("checkpoint", &PyQuery::checkpoint)
      .def("stats", &PyQuery::stats)
      .def("explain", &PyQuery::explain)
      .def_prop_ro("updating", &PyQuery::updating)
      .def_prop_ro("columns", &PyQuery::columns)
      .def_prop_ro("notes", &PyQuery::notes)
      .def_rw("row_type", &PyQuery::row_type);

  nb::class_<PyInput>(m, "_Input")
      .def("append", &PyInput::append, "row"_a)
      .def("watermark", &PyInput::watermark, "time"_a)
      .def("idle", &PyInput::idle, "idle"_a = true)
      .def("close", &PyInput::close)
      .def_prop_ro("rows", &PyInput::rows)
      .def_prop_ro("stream", &PyInput::stream)
      .def_prop_ro("columns", &PyInput::columns);

  using Handle = std::shared_ptr<EngineHandle>;
  nb::class_<Handle>(m, "_Engine")
      .def(
          "__init__",
          [](Handle* self, const std::map<std::string, std::string>& settings,
             std::optional<size_t> batch_size, PyManualClock* clock,
             std::optional<std::string> checkpoint) {
            new (self) Handle(make_engine(settings, batch_size, clock, checkpoint));
          },
          "settings"_a, "batch_size"_a.none(), "clock"_a.none(), "checkpoint"_a.none())
      .def(
          "execute", [](Handle& h, const std::string& sql) { return execute(h, sql); }, "sql"_a)
      .def("set", [](Handle& h, const std::string& key,
                     const std::string& value) { check(h->engine->set(key, value)); })
      .def("setting", [](Handle& h, const std::string& key) { return h->engine->setting(key); })
      .def("input",
           [](Handle& h, const std::string& stream) {
             return PyInput(h, check(h->engine->input(stream)));
           })
      .def("functions",
           [](Handle& h) {
             std::vector<std::tuple<std::string, std::string, std::string>> out;
             for (const auto& f : h->engine->functions()) out.emplace_back(f.name, f.kind, f.usage);
             return out;
           })
      .def("register_process_function",
           [](Handle& h, const std::string& name, nb::object factory,
              const std::vector<std::tuple<std::string, std::string, bool>>& output,
              const std::vector<std::string>& arguments, bool co) {
             std::vector<Type> types;
             for (const auto& a : arguments) types.push_back(parse_type(a));
             register_process_function(*h, name, std::move(factory), fields_of(output), types, co);
           })
      .def("register_reference_function",
           [](Handle& h, const std::string& name, const std::string& which) {
             register_reference_function(*h, name, which);
           });
}

}  // namespace eddy::python
