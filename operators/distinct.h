// Distinct: SELECT DISTINCT, as Flink plans it (a GROUP BY over every selected column with no
// aggregates), keyed by the whole row.
//
// Every input row is a key; the operator counts each key's live occurrences. Append-only input:
// the first occurrence of a row is emitted (an insert), later ones nothing, so the output is
// append-only too. Updating input (+I / +U add an occurrence, -U / -D take one away): +I when a
// row's count goes from 0 to 1, -D when it goes back to 0, nothing otherwise. Watermarks pass
// through (a distinct row is not a time attribute); no timers; end of input emits nothing more.
// State: one count per distinct row, kept forever.
#pragma once

#include <vector>

#include "runtime/operator.h"
#include "state/keyed_state.h"

namespace eddy {

class Distinct final : public Operator {
 public:
  Distinct(const Schema& schema, bool updating_input);
  void on_batch(Batch& batch, int port, Output& out) override;
  bool places_rows() const override { return true; }  // its rows go out through emit_caused
  OperatorDescription describe() const override;

 private:
  Schema schema_;
  bool updating_input_;
  KeyedState state_;
  BatchKeys keys_;
  FixedState<int64_t>& count_;
  std::vector<uint32_t> selection_;
  std::vector<RowKind> kinds_;
};

}  // namespace eddy
