// A Python object held in a process function's keyed state (ValueState<PyValue>): references
// are taken and dropped under the GIL, which the engine's own code does not hold, and a
// checkpoint saves the object with pickle (Serializer<PyValue>).
#pragma once

#include <Python.h>

#include <string>
#include <string_view>
#include <utility>

#include "eddy/process_function.h"

namespace eddy::python {

class PyValue {
 public:
  PyValue() = default;
  // A new reference to `object` (the caller holds the GIL).
  explicit PyValue(PyObject* object) : object_(object) { Py_XINCREF(object_); }
  PyValue(const PyValue& other) : object_(other.object_) {
    if (object_) {
      PyGILState_STATE gil = PyGILState_Ensure();
      Py_INCREF(object_);
      PyGILState_Release(gil);
    }
  }
  PyValue(PyValue&& other) noexcept : object_(std::exchange(other.object_, nullptr)) {}
  PyValue& operator=(PyValue other) noexcept {
    std::swap(object_, other.object_);
    return *this;
  }
  ~PyValue() {
    // After the interpreter has gone (a query kept until exit) the reference is left behind.
    if (object_ && Py_IsInitialized()) {
      PyGILState_STATE gil = PyGILState_Ensure();
      Py_DECREF(object_);
      PyGILState_Release(gil);
    }
  }
  PyObject* get() const { return object_; }

 private:
  PyObject* object_ = nullptr;
};

}  // namespace eddy::python

namespace eddy {

// Saved with pickle (protocol 5); a value pickle cannot save fails the checkpoint with its
// message, and bytes pickle cannot load are refused as damaged state.
template <>
struct Serializer<python::PyValue> {
  static void write(const python::PyValue& value, std::string& out);
  static bool read(std::string_view& in, python::PyValue& value);
};

}  // namespace eddy
