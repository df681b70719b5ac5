// Values between eddy and Python (convert.h).
#include "convert.h"

#include <Python.h>
#include <datetime.h>

#include <cctype>
#include <cstdlib>
#include <string>

namespace eddy::python {

namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Howard Hinnant's civil calendar algorithms (proleptic Gregorian).
void civil_from_days(int64_t z, int& year, int& month, int& day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  day = int(doy - (153 * mp + 2) / 5 + 1);
  month = int(mp < 10 ? mp + 3 : mp - 9);
  year = int(yoe + era * 400 + (month <= 2));
}

int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

nb::object checked(PyObject* object) {
  if (!object) throw nb::python_error();
  return nb::steal(object);
}

// decimal.Decimal, looked up once and kept for the life of the process (never released: a
// static nb::object would be destroyed after the interpreter).
PyObject* decimal_class() {
  static PyObject* cls = [] {
    nb::object module = nb::module_::import_("decimal");
    nb::object cls = module.attr("Decimal");
    return cls.release().ptr();
  }();
  return cls;
}

int64_t time_of_day_millis(PyObject* t) {
  return int64_t(PyDateTime_TIME_GET_HOUR(t)) * 3'600'000 + PyDateTime_TIME_GET_MINUTE(t) * 60'000 +
         PyDateTime_TIME_GET_SECOND(t) * 1000 + PyDateTime_TIME_GET_MICROSECOND(t) / 1000;
}

int64_t delta_millis(PyObject* d) {
  return int64_t(PyDateTime_DELTA_GET_DAYS(d)) * kMillisPerDay +
         int64_t(PyDateTime_DELTA_GET_SECONDS(d)) * 1000 +
         PyDateTime_DELTA_GET_MICROSECONDS(d) / 1000;
}

int64_t int64_of(nb::handle object, const Type& type) {
  int overflow = 0;
  long long v = PyLong_AsLongLongAndOverflow(object.ptr(), &overflow);
  if (overflow)
    throw ConversionError(std::string(nb::str(object).c_str()) + " is out of range for " +
                          type.to_string());
  if (v == -1 && PyErr_Occurred()) throw nb::python_error();
  return v;
}

// A decimal.Decimal or int as the unscaled value of DECIMAL(p, s).
int64_t unscaled_decimal(nb::handle object, const Type& type) {
  nb::object scaled;
  if (PyLong_Check(object.ptr())) {
    int64_t factor = 1;
    for (int i = 0; i < type.scale; ++i) factor *= 10;
    scaled = nb::steal(PyNumber_Multiply(object.ptr(), nb::int_(factor).ptr()));
  } else {
    scaled = nb::borrow(object).attr("scaleb")(int(type.scale));
  }
  if (!scaled.is_valid()) throw nb::python_error();
  nb::object whole = nb::steal(PyNumber_Long(scaled.ptr()));
  if (!whole.is_valid()) throw nb::python_error();
  if (!whole.equal(scaled))
    throw ConversionError(std::string(nb::str(object).c_str()) + " has more than " +
                          std::to_string(type.scale) + " fraction digits for " + type.to_string());
  return int64_of(whole, type);
}

}  // namespace

void init_convert() {
  PyDateTime_IMPORT;
  if (!PyDateTimeAPI) throw nb::python_error();
}

nb::object from_bits(const Type& type, int64_t i, double d, std::string_view s) {
  switch (type.id) {
    case TypeId::Null:
      return nb::none();
    case TypeId::Boolean:
      return nb::bool_(i != 0);
    case TypeId::Int:
    case TypeId::BigInt:
    case TypeId::IntervalMonths:
      return nb::int_(i);
    case TypeId::Double:
      return nb::float_(d);
    case TypeId::String:
      return nb::str(s.data(), s.size());
    case TypeId::Decimal: {
      std::string text = format_decimal(i, type.scale);
      return checked(PyObject_CallOneArg(decimal_class(), nb::str(text.c_str()).ptr()));
    }
    case TypeId::Timestamp: {
      const int64_t days = floor_div(i, kMillisPerDay), ms = i - days * kMillisPerDay;
      int y, m, dd;
      civil_from_days(days, y, m, dd);
      return checked(PyDateTime_FromDateAndTime(y, m, dd, int(ms / 3'600'000),
                                                int(ms / 60'000 % 60), int(ms / 1000 % 60),
                                                int(ms % 1000) * 1000));
    }
    case TypeId::Date: {
      int y, m, dd;
      civil_from_days(i, y, m, dd);
      return checked(PyDate_FromDate(y, m, dd));
    }
    case TypeId::Time:
      return checked(PyTime_FromTime(int(i / 3'600'000), int(i / 60'000 % 60), int(i / 1000 % 60),
                                     int(i % 1000) * 1000));
    case TypeId::Interval: {
      const int64_t days = floor_div(i, kMillisPerDay), ms = i - days * kMillisPerDay;
      return checked(PyDelta_FromDSU(int(days), int(ms / 1000), int(ms % 1000) * 1000));
    }
  }
  return nb::none();
}

nb::object value_to_py(const Value& value) {
  if (value.is_null()) return nb::none();
  switch (value.type().id) {
    case TypeId::Double:
      return from_bits(value.type(), 0, value.double_value(), {});
    case TypeId::String:
      return from_bits(value.type(), 0, 0, value.string_value());
    default:
      return from_bits(value.type(), value.int_value(), 0, {});
  }
}

int64_t to_millis(nb::handle object) {
  PyObject* o = object.ptr();
  if (PyLong_Check(o) && !PyBool_Check(o)) return int64_of(object, Type::int64());
  if (PyDateTime_Check(o)) {
    int64_t ms =
        days_from_civil(PyDateTime_GET_YEAR(o), PyDateTime_GET_MONTH(o), PyDateTime_GET_DAY(o)) *
            kMillisPerDay +
        int64_t(PyDateTime_DATE_GET_HOUR(o)) * 3'600'000 + PyDateTime_DATE_GET_MINUTE(o) * 60'000 +
        PyDateTime_DATE_GET_SECOND(o) * 1000 + PyDateTime_DATE_GET_MICROSECOND(o) / 1000;
    nb::object offset = nb::borrow(object).attr("utcoffset")();
    if (!offset.is_none()) ms -= delta_millis(offset.ptr());
    return ms;
  }
  if (PyDate_Check(o))
    return days_from_civil(PyDateTime_GET_YEAR(o), PyDateTime_GET_MONTH(o), PyDateTime_GET_DAY(o)) *
           kMillisPerDay;
  if (PyDelta_Check(o)) return delta_millis(o);
  throw nb::type_error(
      ("expected milliseconds (an int) or a datetime, got " + describe(object)).c_str());
}

std::string describe(nb::handle object) {
  std::string name = nb::type_name(object.type()).c_str();
  const bool vowel =
      !name.empty() && std::string_view("aeiouAEIOU").find(name[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + name;
}

Value py_to_value(nb::handle object, const Type& type) {
  PyObject* o = object.ptr();
  if (object.is_none()) return Value::null(type);
  const bool is_int = PyLong_Check(o) && !PyBool_Check(o);
  auto mismatch = [&]() -> Value {
    throw ConversionError("expected " + type.to_string() + ", got " + describe(object));
  };
  switch (type.id) {
    case TypeId::Boolean:
      return PyBool_Check(o) ? Value::boolean(o == Py_True) : mismatch();
    case TypeId::Int: {
      if (!is_int) return mismatch();
      int64_t v = int64_of(object, type);
      if (v < INT32_MIN || v > INT32_MAX)
        throw ConversionError(std::to_string(v) + " is out of range for INT");
      return Value::integer(v, type);
    }
    case TypeId::BigInt:
      return is_int ? Value::integer(int64_of(object, type), type) : mismatch();
    case TypeId::IntervalMonths:
      return is_int ? Value::interval_months(int64_of(object, type)) : mismatch();
    case TypeId::Double:
      if (PyFloat_Check(o)) return Value::float64(PyFloat_AS_DOUBLE(o));
      if (is_int) return Value::float64(PyLong_AsDouble(o));
      return mismatch();
    case TypeId::Decimal:
      if (is_int || PyObject_IsInstance(o, decimal_class()) == 1)
        return Value::decimal(unscaled_decimal(object, type), type);
      return mismatch();
    case TypeId::String:
      if (!PyUnicode_Check(o)) return mismatch();
      {
        Py_ssize_t size = 0;
        const char* text = PyUnicode_AsUTF8AndSize(o, &size);
        if (!text) throw nb::python_error();
        return Value::string(std::string(text, size_t(size)));
      }
    case TypeId::Timestamp:
      return (is_int || PyDateTime_Check(o)) ? Value::timestamp(to_millis(object)) : mismatch();
    case TypeId::Date:
      if (PyDate_Check(o) && !PyDateTime_Check(o))
        return Value::date(to_millis(object) / kMillisPerDay);
      return mismatch();
    case TypeId::Time:
      return PyTime_Check(o)
                 ? Value::time(truncate_time(time_of_day_millis(o), type.precision), type.precision)
                 : mismatch();
    case TypeId::Interval:
      return (is_int || PyDelta_Check(o)) ? Value::interval(to_millis(object)) : mismatch();
    case TypeId::Null:
      return mismatch();
  }
  return mismatch();
}

Type parse_type(std::string_view text) {
  std::string t;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c)))
      t += char(std::toupper(static_cast<unsigned char>(c)));
  auto args = [&](std::string_view name, int& a, int& b) {
    // NAME, NAME(a) or NAME(a,b); false when `t` is not NAME...
    if (t.compare(0, name.size(), name) != 0) return false;
    std::string_view rest = std::string_view(t).substr(name.size());
    if (rest.empty()) return true;
    if (rest.front() != '(' || rest.back() != ')') return false;
    rest = rest.substr(1, rest.size() - 2);
    size_t comma = rest.find(',');
    a = std::atoi(std::string(rest.substr(0, comma)).c_str());
    if (comma != std::string_view::npos) b = std::atoi(std::string(rest.substr(comma + 1)).c_str());
    return true;
  };
  int a = -1, b = 0;
  if (t == "BOOLEAN" || t == "BOOL") return Type::boolean();
  if (t == "INT" || t == "INTEGER") return Type::int32();
  if (t == "BIGINT") return Type::int64();
  if (t == "DOUBLE" || t == "FLOAT" || t == "DOUBLEPRECISION") return Type::float64();
  if (t == "DATE") return Type::date();
  if (t == "INTERVAL") return Type::interval();
  if (t == "STRING" || args("VARCHAR", a, b)) return Type::string();
  if (args("TIMESTAMP", a, b) && (a == -1 || a == 3)) return Type::timestamp();
  if (args("TIME", a, b) && a <= 3) return Type::time(a < 0 ? 0 : a);
  if (args("DECIMAL", a, b) && a <= 18 && b >= 0 && b <= (a < 0 ? 10 : a))
    return Type::decimal(a < 0 ? 10 : a, b);
  throw nb::value_error(("unknown type '" + std::string(text) +
                         "' (BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL(p, s), STRING, TIMESTAMP(3), "
                         "DATE, TIME, INTERVAL)")
                            .c_str());
}

}  // namespace eddy::python
