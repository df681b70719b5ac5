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
  // The failing row's index in the batch the failing operator received (set by the operator)
  // and that operator's node (set by the driver), so that the driver can name where the row
  // came from (file:line) when every operator between the source and that node kept row
  // indices (Operator::keeps_row_indices).
  static constexpr uint32_t kNoRow = UINT32_MAX;
  uint32_t row() const { return row_; }
  void set_row(uint32_t row) { row_ = row; }
  int row_node() const { return row_node_; }
  void set_row_node(int node) { row_node_ = node; }
  // The row of the failing operator's input batch it was processing, set by keyed operators
  // even where the driver must not name the row's origin: a keyed exchange
  // (operators/keyed_exchange.h) fails with the error of the instance that failed at the
  // earliest row, as one instance would have.
  uint32_t operator_row() const { return row_ != kNoRow ? row_ : operator_row_; }
  void set_operator_row(uint32_t row) { operator_row_ = row; }
  // Thrown by a pipelined operator (Operator::pipeline) for a row of a batch it was given before
  // the call it throws from: the driver names the row from that batch's origins.
  bool earlier_batch() const { return earlier_batch_; }
  void set_earlier_batch() { earlier_batch_ = true; }
  // "n.csv:3: " before the message: where the failing row came from, known only to the driver.
  void prefix_message(const std::string& prefix) { error_.message.insert(0, prefix); }

 private:
  Error error_;
  uint32_t merge_place_ = kNoPlace;
  uint32_t row_ = kNoRow;
  uint32_t operator_row_ = kNoRow;
  int row_node_ = -1;
  bool earlier_batch_ = false;
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
