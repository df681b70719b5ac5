// Internal error propagation. Inside the runtime (expression kernels, sources, sinks, operators)
// a failure is thrown as eddy::Failure carrying an eddy::Error; the Query boundary catches it and
// returns it as a value. Nothing escapes the public API as an exception.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "eddy/error.h"

namespace eddy {

class Failure : public std::exception {
 public:
  explicit Failure(Error error) : error_(std::move(error)) {}
  const char* what() const noexcept override { return error_.message.c_str(); }
  const Error& error() const { return error_; }
  // The failing row's place in the driver's merge of several inputs (Batch::sequence), set by
  // a row-wise operator that knows it (Calc), so the driver can stop the merge right there.
  static constexpr uint32_t kNoPlace = UINT32_MAX;
  uint32_t merge_place() const { return merge_place_; }
  void set_merge_place(uint32_t place) { merge_place_ = place; }

 private:
  Error error_;
  uint32_t merge_place_ = kNoPlace;
};

// throw Failure for a runtime/data error with a formatted message.
template <class... Args>
[[noreturn]] void fail(Error::Kind kind, fmt::format_string<Args...> format, Args&&... args) {
  Error e;
  e.kind = kind;
  e.message = fmt::format(format, std::forward<Args>(args)...);
  throw Failure(std::move(e));
}

}  // namespace eddy
