// SortLimit: ORDER BY ... [LIMIT n] on a bounded input (every source ends), in any order — a
// top-n when there is a LIMIT.
//
// The input may be updating (a GROUP BY result): +I / +U add a row, -U / -D take one away, so the
// operator holds the input's final table. Nothing is emitted before the end of input; then the
// final rows are emitted once, sorted by the keys (ties in the order their rows first appeared),
// the first `limit` of them (all without a LIMIT), as an append-only result: the table DuckDB
// would print for the same data. (Flink emits an updating changelog of the top-n instead; its
// final state is the same rows.) Watermarks are not forwarded: the output has no time attribute.
// State: one count per distinct row of the input's current table.
#pragma once

#include <optional>
#include <vector>

#include "operators/sort_keys.h"
#include "runtime/operator.h"
#include "state/keyed_state.h"

namespace eddy {

class SortLimit final : public Operator {
 public:
  SortLimit(Schema schema, std::vector<SortKey> keys, std::optional<int64_t> limit);
  void on_batch(Batch& batch, int port, Output& out) override;
  void on_watermark(Timestamp, Output&) override {}
  void on_end(Output& out) override;
  OperatorDescription describe() const override;

 private:
  Schema schema_;
  std::vector<SortKey> keys_;
  std::optional<int64_t> limit_;
  KeyedState state_;
  BatchKeys row_keys_;
  FixedState<int64_t>& count_;
};

}  // namespace eddy
