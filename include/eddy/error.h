// Errors as values: every fallible API call returns a Status or a Result<T>.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "eddy/export.h"

namespace eddy {

struct EDDY_EXPORT Error {
  // Which stage failed. Syntax/Bind/Plan errors point into the statement text (line:col);
  // Data errors name file:line; Runtime errors come from a running query.
  enum class Kind { Syntax, Bind, Plan, Runtime, Data, Io, Cancelled };

  Error() = default;
  Error(Kind k, std::string m, int l = 0, int c = 0)
      : kind(k), message(std::move(m)), line(l), column(c) {}

  Kind kind = Kind::Runtime;
  std::string message;
  int line = 0;         // 1-based position in the script, 0 when not about the text
  int column = 0;       // 1-based
  std::string snippet;  // the source line and a caret under the offending token ("" if none)

  // "3:8: message" followed by the snippet lines, or just the message without a position.
  std::string to_string() const;
  static const char* kind_name(Kind kind);
};

class Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit on purpose
  static Status ok() { return {}; }
  bool is_ok() const { return !error_; }
  explicit operator bool() const { return is_ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

template <class T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT
  Result(Error error) : data_(std::move(error)) {}  // NOLINT
  bool is_ok() const { return data_.index() == 0; }
  explicit operator bool() const { return is_ok(); }
  T& value() & {
    assert(is_ok());
    return std::get<0>(data_);
  }
  T&& value() && {
    assert(is_ok());
    return std::get<0>(std::move(data_));
  }
  const T& value() const& {
    assert(is_ok());
    return std::get<0>(data_);
  }
  T& operator*() & { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const {
    assert(!is_ok());
    return std::get<1>(data_);
  }
  Status status() const { return is_ok() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> data_;
};

}  // namespace eddy
