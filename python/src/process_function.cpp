// Python process functions (docs/python.md, "Process functions"): a Python class with
// process_element(row, ctx) and on_timer(ts, ctx) (process_element1 / process_element2 for two
// inputs) runs as an eddy KeyedProcessFunction / KeyedCoProcessFunction, called from SQL like a
// C++ one. Each call takes the GIL (the engine runs without it); state values are Python
// objects kept in the engine's keyed state and pickled into checkpoints.
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "convert.h"
#include "errors.h"
#include "handles.h"
#include "py_value.h"

namespace eddy {

namespace {

PyObject* pickle_function(const char* name) {
  PyObject* module = PyImport_ImportModule("pickle");
  if (!module) return nullptr;
  PyObject* fn = PyObject_GetAttrString(module, name);
  Py_DECREF(module);
  return fn;
}

// The Python exception being raised, as text (and cleared).
std::string take_python_error() {
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback);
  PyErr_NormalizeException(&type, &value, &traceback);
  std::string text = type ? reinterpret_cast<PyTypeObject*>(type)->tp_name : "error";
  if (value) {
    if (PyObject* s = PyObject_Str(value)) {
      if (const char* utf8 = PyUnicode_AsUTF8(s)) text += std::string(": ") + utf8;
      Py_DECREF(s);
    }
  }
  PyErr_Clear();
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(traceback);
  return text;
}

}  // namespace

void Serializer<python::PyValue>::write(const python::PyValue& value, std::string& out) {
  PyGILState_STATE gil = PyGILState_Ensure();
  static PyObject* dumps = pickle_function("dumps");  // kept for the life of the process
  PyObject* bytes = dumps ? PyObject_CallFunction(dumps, "Oi", value.get(), 5) : nullptr;
  if (!bytes) {
    std::string error = "a state value cannot be saved with pickle: " + take_python_error();
    PyGILState_Release(gil);
    throw std::runtime_error(error);
  }
  char* data = nullptr;
  Py_ssize_t size = 0;
  PyBytes_AsStringAndSize(bytes, &data, &size);
  Serializer<std::string>::write(std::string(data, size_t(size)), out);
  Py_DECREF(bytes);
  PyGILState_Release(gil);
}

bool Serializer<python::PyValue>::read(std::string_view& in, python::PyValue& value) {
  std::string data;
  if (!Serializer<std::string>::read(in, data)) return false;
  PyGILState_STATE gil = PyGILState_Ensure();
  static PyObject* loads = pickle_function("loads");
  PyObject* bytes = PyBytes_FromStringAndSize(data.data(), Py_ssize_t(data.size()));
  PyObject* object = loads && bytes ? PyObject_CallOneArg(loads, bytes) : nullptr;
  Py_XDECREF(bytes);
  bool ok = object != nullptr;
  if (ok) {
    value = python::PyValue(object);
    Py_DECREF(object);
  } else {
    PyErr_Clear();
  }
  PyGILState_Release(gil);
  return ok;
}

}  // namespace eddy

namespace eddy::python {

namespace {

using namespace nb::literals;

[[noreturn]] void outside_call(const char* what) {
  throw nb::type_error((std::string(what) + " is used outside the call it was passed to").c_str());
}

// ---- state handles (declared in open(): ctx.value_state("name"), ...)

struct PyValueState {
  ValueState<PyValue> state;
  nb::object value(nb::object fallback) const {
    std::optional<PyValue> v = state.value();
    return v ? nb::borrow(v->get()) : fallback;
  }
  void update(nb::handle value) {
    if (value.is_none())
      state.clear();
    else
      state.update(PyValue(value.ptr()));
  }
};

// A list kept as one Python list per key.
struct PyListState {
  ValueState<PyValue> state;
  nb::list get() const {
    std::optional<PyValue> v = state.value();
    return v ? nb::steal<nb::list>(PySequence_List(v->get())) : nb::list();
  }
  void add(nb::handle value) {
    std::optional<PyValue> v = state.value();
    if (v) {
      if (PyList_Append(v->get(), value.ptr()) != 0) throw nb::python_error();
      return;
    }
    nb::list list;
    list.append(value);
    state.update(PyValue(list.ptr()));
  }
  void update(nb::handle values) {
    nb::object list = nb::steal(PySequence_List(values.ptr()));
    if (!list.is_valid()) throw nb::python_error();
    if (PyList_GET_SIZE(list.ptr()) == 0)
      state.clear();
    else
      state.update(PyValue(list.ptr()));
  }
  size_t size() const {
    std::optional<PyValue> v = state.value();
    return v ? size_t(PyList_GET_SIZE(v->get())) : 0;
  }
};

// A map kept as one Python dict per key (insertion order).
struct PyMapState {
  ValueState<PyValue> state;
  nb::object dict() const {
    std::optional<PyValue> v = state.value();
    return v ? nb::borrow(v->get()) : nb::object();
  }
  nb::object get(nb::handle key, nb::object fallback) const {
    nb::object d = dict();
    if (!d.is_valid()) return fallback;
    PyObject* value = PyDict_GetItemWithError(d.ptr(), key.ptr());
    if (!value && PyErr_Occurred()) throw nb::python_error();
    return value ? nb::borrow(value) : fallback;
  }
  void put(nb::handle key, nb::handle value) {
    nb::object d = dict();
    if (!d.is_valid()) {
      d = nb::dict();
      state.update(PyValue(d.ptr()));
    }
    if (PyDict_SetItem(d.ptr(), key.ptr(), value.ptr()) != 0) throw nb::python_error();
  }
  void remove(nb::handle key) {
    nb::object d = dict();
    if (!d.is_valid()) return;
    if (PyDict_DelItem(d.ptr(), key.ptr()) != 0) {
      if (!PyErr_ExceptionMatches(PyExc_KeyError)) throw nb::python_error();
      PyErr_Clear();
    }
    if (PyDict_GET_SIZE(d.ptr()) == 0) state.clear();  // an empty map is no state
  }
  bool contains(nb::handle key) const {
    nb::object d = dict();
    return d.is_valid() && PyDict_Contains(d.ptr(), key.ptr()) == 1;
  }
  nb::list view(const char* which) const {
    nb::object d = dict();
    return d.is_valid() ? nb::steal<nb::list>(PySequence_List(d.attr(which)().ptr())) : nb::list();
  }
  size_t size() const {
    nb::object d = dict();
    return d.is_valid() ? size_t(PyDict_GET_SIZE(d.ptr())) : 0;
  }
};

// ---- contexts: valid during the call they are passed to

struct PyOpenContext {
  OpenContext* ctx = nullptr;
  OpenContext& get() {
    if (!ctx) outside_call("the open() context");
    return *ctx;
  }
};

struct PyContext {
  Context* ctx = nullptr;
  Context& get() const {
    if (!ctx) outside_call("the context");
    return *ctx;
  }
};

nb::tuple key_of(const Row& key) {
  nb::object values = nb::steal(PyTuple_New(Py_ssize_t(key.size())));
  for (size_t c = 0; c < key.size(); ++c)
    PyTuple_SET_ITEM(values.ptr(), c, cell_to_py(key, key.field(c).type, c).release().ptr());
  return nb::borrow<nb::tuple>(values);
}

// Points the Python context object at the call's Context for the length of the call.
struct InCall {
  InCall(PyContext* py, Context& ctx) : py_(py) { py_->ctx = &ctx; }
  ~InCall() { py_->ctx = nullptr; }
  PyContext* py_;
};

// What the Python class and its calls share, for one query's instance.
class FunctionCore {
 public:
  FunctionCore(EngineHandle* engine, std::string name, std::vector<Field> output,
               nb::object instance, bool co)
      : engine_(engine), name_(std::move(name)), output_(std::move(output)) {
    instance_ = std::move(instance);
    const char* element_methods[2] = {co ? "process_element1" : "process_element",
                                      co ? "process_element2" : nullptr};
    for (int i = 0; i < (co ? 2 : 1); ++i) {
      if (!nb::hasattr(instance_, element_methods[i]))
        throw std::runtime_error(std::string("the instance has no ") + element_methods[i] +
                                 " method");
      element_[i] = instance_.attr(element_methods[i]);
    }
    if (nb::hasattr(instance_, "on_timer")) on_timer_ = instance_.attr("on_timer");
    context_ = nb::cast(PyContext{});
    context_ptr_ = nb::inst_ptr<PyContext>(context_);
    values_.resize(output_.size());
  }

  ~FunctionCore() {
    if (!Py_IsInitialized()) {  // at exit: leave the references
      for (nb::object* o : {&instance_, &element_[0], &element_[1], &on_timer_, &context_,
                            &row_types_[0], &row_types_[1]})
        o->release();
      return;
    }
    nb::gil_scoped_acquire gil;
    for (nb::object* o : {&instance_, &element_[0], &element_[1], &on_timer_, &context_,
                          &row_types_[0], &row_types_[1]})
      o->reset();
  }

  void open(OpenContext& ctx) {
    nb::gil_scoped_acquire gil;
    if (!nb::hasattr(instance_, "open")) return;
    nb::object open_context = nb::cast(PyOpenContext{&ctx});
    try {
      instance_.attr("open")(open_context);
    } catch (nb::python_error& e) {
      nb::inst_ptr<PyOpenContext>(open_context)->ctx = nullptr;
      fail(e);
    }
    nb::inst_ptr<PyOpenContext>(open_context)->ctx = nullptr;
  }

  void element(int input, const Row& row, Context& ctx, Collector& out) {
    nb::gil_scoped_acquire gil;
    InCall in_call(context_ptr_, ctx);
    try {
      nb::object result = element_[input](row_object(input, row), context_);
      emit(result, out);
    } catch (nb::python_error& e) {
      fail(e);
    }
  }

  void timer(Timestamp time, Context& ctx, Collector& out) {
    if (!on_timer_.is_valid()) return;
    nb::gil_scoped_acquire gil;
    InCall in_call(context_ptr_, ctx);
    try {
      nb::object result = on_timer_(time, context_);
      emit(result, out);
    } catch (nb::python_error& e) {
      fail(e);
    }
  }

 private:
  // The engine reports a C++ exception as "process function 'f' failed in process_element: ...".
  [[noreturn]] void fail(nb::python_error& e) {
    if (e.matches(PyExc_KeyboardInterrupt)) engine_->interrupted = true;
    throw std::runtime_error(describe_exception(e));
  }

  nb::object row_object(int input, const Row& row) {
    if (!row_types_[input].is_valid()) {
      nb::list names;
      for (size_t c = 0; c < row.size(); ++c) names.append(row.field(c).name);
      row_types_[input] = nb::module_::import_("eddy._row").attr("row_type")(names);
    }
    nb::object values = nb::steal(PyTuple_New(Py_ssize_t(row.size())));
    for (size_t c = 0; c < row.size(); ++c)
      PyTuple_SET_ITEM(values.ptr(), c, cell_to_py(row, row.field(c).type, c).release().ptr());
    return row_types_[input](values);
  }

  // Each item the call yielded (or the iterable it returned) is one output row: a tuple or list
  // of the declared columns' values, a dict by column name, or a bare value when there is one
  // column.
  void emit(nb::handle result, Collector& out) {
    if (result.is_none()) return;
    for (nb::handle item : result) {
      PyObject* o = item.ptr();
      if (PyTuple_Check(o) || PyList_Check(o)) {
        const size_t n = size_t(PySequence_Size(o));
        if (n != output_.size())
          throw std::runtime_error("a row of " + std::to_string(n) + " values, expected " +
                                   std::to_string(output_.size()) + " " + column_list());
        for (size_t c = 0; c < n; ++c) set(c, PySequence_Fast_GET_ITEM(o, c));
      } else if (PyDict_Check(o)) {
        for (size_t c = 0; c < output_.size(); ++c) {
          PyObject* v = PyDict_GetItemString(o, output_[c].name.c_str());
          set(c, v ? nb::borrow(v) : nb::none());
        }
        if (size_t(PyDict_GET_SIZE(o)) > output_.size() || !all_known(o))
          throw std::runtime_error("a row names a column that is not one of " + column_list());
      } else if (output_.size() == 1) {
        set(0, nb::borrow(item));
      } else {
        throw std::runtime_error("a row is a tuple, a list or a dict of " + column_list() +
                                 ", not " + describe(item));
      }
      out.collect(values_);
    }
  }

  bool all_known(PyObject* dict) const {
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(dict, &pos, &key, &value)) {
      const char* name = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : nullptr;
      bool known = false;
      for (const auto& f : output_) known |= name && f.name == name;
      if (!known) return false;
    }
    return true;
  }

  void set(size_t column, nb::handle value) {
    try {
      values_[column] = py_to_value(value, output_[column].type);
    } catch (const ConversionError& e) {
      throw std::runtime_error("column '" + output_[column].name + "': " + e.what());
    }
    if (values_[column].is_null() && !output_[column].nullable)
      throw std::runtime_error("column '" + output_[column].name + "': None in a NOT NULL column");
  }

  std::string column_list() const {
    std::string list;
    for (const auto& f : output_) list += (list.empty() ? "" : ", ") + f.name;
    return "(" + list + ")";
  }

  EngineHandle* engine_;
  std::string name_;
  std::vector<Field> output_;
  nb::object instance_, element_[2], on_timer_, context_, row_types_[2];
  PyContext* context_ptr_ = nullptr;
  std::vector<Value> values_;
};

class PyKeyedFunction final : public KeyedProcessFunction {
 public:
  explicit PyKeyedFunction(std::unique_ptr<FunctionCore> core) : core_(std::move(core)) {}
  void open(OpenContext& ctx) override { core_->open(ctx); }
  void process_element(const Row& row, Context& ctx, Collector& out) override {
    core_->element(0, row, ctx, out);
  }
  void on_timer(Timestamp time, Context& ctx, Collector& out) override {
    core_->timer(time, ctx, out);
  }

 private:
  std::unique_ptr<FunctionCore> core_;
};

class PyCoFunction final : public KeyedCoProcessFunction {
 public:
  explicit PyCoFunction(std::unique_ptr<FunctionCore> core) : core_(std::move(core)) {}
  void open(OpenContext& ctx) override { core_->open(ctx); }
  void process_element1(const Row& row, Context& ctx, Collector& out) override {
    core_->element(0, row, ctx, out);
  }
  void process_element2(const Row& row, Context& ctx, Collector& out) override {
    core_->element(1, row, ctx, out);
  }
  void on_timer(Timestamp time, Context& ctx, Collector& out) override {
    core_->timer(time, ctx, out);
  }

 private:
  std::unique_ptr<FunctionCore> core_;
};

// The factory, shared by the engine's copies of the spec: released under the GIL.
struct Factory {
  nb::object callable;
  ~Factory() {
    if (!Py_IsInitialized()) {
      callable.release();
      return;
    }
    nb::gil_scoped_acquire gil;
    callable.reset();
  }
};

}  // namespace

void register_process_function(EngineHandle& engine, const std::string& name, nb::object factory,
                               const std::vector<Field>& output, const std::vector<Type>& arguments,
                               bool co) {
  auto shared = std::make_shared<Factory>();
  shared->callable = std::move(factory);
  EngineHandle* handle = &engine;
  // Called when a query using the function starts (the engine's planner, without the GIL).
  auto make_core = [handle, name, output, shared, co]() {
    nb::gil_scoped_acquire gil;
    try {
      return std::make_unique<FunctionCore>(handle, name, output, shared->callable(), co);
    } catch (nb::python_error& e) {
      throw std::runtime_error(describe_exception(e));
    }
  };
  if (co)
    check(engine.engine->register_function(
        name, CoProcessFunctionSpec{output, arguments, [make_core] {
                                      return std::make_unique<PyCoFunction>(make_core());
                                    }}));
  else
    // One instance whatever 'parallelism': every call takes the GIL (instances would only wait
    // for each other), and the objects make() returns may share the user's Python state.
    check(engine.engine->register_function(
        name,
        ProcessFunctionSpec{output, arguments,
                            [make_core] { return std::make_unique<PyKeyedFunction>(make_core()); },
                            /*single_instance=*/true}));
}

void bind_process_functions(nb::module_& m) {
  nb::enum_<TimeDomain>(m, "TimeDomain")
      .value("EVENT_TIME", TimeDomain::EventTime)
      .value("PROCESSING_TIME", TimeDomain::ProcessingTime);

  nb::class_<PyValueState>(m, "ValueState", "The current key's value (declare in open()).")
      .def("value", &PyValueState::value, "default"_a = nb::none())
      .def("update", &PyValueState::update, "value"_a.none())
      .def("clear", [](PyValueState& s) { s.state.clear(); });

  nb::class_<PyListState>(m, "ListState", "The current key's list (declare in open()).")
      .def("get", &PyListState::get)
      .def("add", &PyListState::add, "value"_a.none())
      .def("add_all",
           [](PyListState& s, nb::iterable values) {
             for (nb::handle v : values) s.add(v);
           })
      .def("update", &PyListState::update, "values"_a)
      .def("clear", [](PyListState& s) { s.state.clear(); })
      .def("__len__", &PyListState::size)
      .def("__iter__", [](PyListState& s) { return nb::iter(s.get()); });

  nb::class_<PyMapState>(m, "MapState", "The current key's map (declare in open()).")
      .def("get", &PyMapState::get, "key"_a, "default"_a = nb::none())
      .def("put", &PyMapState::put, "key"_a, "value"_a.none())
      .def("remove", &PyMapState::remove, "key"_a)
      .def("contains", &PyMapState::contains, "key"_a)
      .def("__contains__", &PyMapState::contains, "key"_a)
      .def("keys", [](const PyMapState& s) { return s.view("keys"); })
      .def("values", [](const PyMapState& s) { return s.view("values"); })
      .def("items", [](const PyMapState& s) { return s.view("items"); })
      .def("is_empty", [](const PyMapState& s) { return s.size() == 0; })
      .def("__len__", &PyMapState::size)
      .def("clear", [](PyMapState& s) { s.state.clear(); });

  nb::class_<PyOpenContext>(m, "OpenContext")
      .def("value_state",
           [](PyOpenContext& c, const std::string& name) {
             return PyValueState{c.get().value_state<PyValue>(name)};
           })
      .def("list_state",
           [](PyOpenContext& c, const std::string& name) {
             return PyListState{c.get().value_state<PyValue>(name)};
           })
      .def("map_state",
           [](PyOpenContext& c, const std::string& name) {
             return PyMapState{c.get().value_state<PyValue>(name)};
           })
      .def_prop_ro("arguments", [](PyOpenContext& c) {
        nb::list args;
        for (const auto& v : c.get().arguments()) args.append(value_to_py(v));
        return args;
      });

  // ctx.timers() is the context itself, which has the timer methods.
  auto timers_of = [](PyContext& c) {
    c.get();
    return nb::find(&c);
  };
  nb::class_<PyContext>(m, "Context")
      .def("timestamp", [](const PyContext& c) { return c.get().timestamp(); })
      .def("time_domain", [](const PyContext& c) { return c.get().time_domain(); })
      .def("key", [](const PyContext& c) { return key_of(c.get().key()); })
      .def("input", [](const PyContext& c) { return c.get().input(); })
      .def("current_watermark", [](const PyContext& c) { return c.get().current_watermark(); })
      .def("current_processing_time",
           [](const PyContext& c) { return c.get().current_processing_time(); })
      .def("timers", timers_of)
      .def("timer_service", timers_of)
      .def("register_event_time_timer",
           [](PyContext& c, nb::handle t) {
             c.get().timers().register_event_time_timer(to_millis(t));
           })
      .def("register_processing_time_timer",
           [](PyContext& c, nb::handle t) {
             c.get().timers().register_processing_time_timer(to_millis(t));
           })
      .def("delete_event_time_timer",
           [](PyContext& c, nb::handle t) {
             c.get().timers().delete_event_time_timer(to_millis(t));
           })
      .def("delete_processing_time_timer", [](PyContext& c, nb::handle t) {
        c.get().timers().delete_processing_time_timer(to_millis(t));
      });
}

}  // namespace eddy::python
