#include "operators/sort_limit.h"

#include <algorithm>

#include "runtime/failure.h"

namespace eddy {

SortLimit::SortLimit(Schema schema, std::vector<SortKey> keys, std::optional<int64_t> limit)
    : schema_(std::move(schema)),
      keys_(std::move(keys)),
      limit_(limit),
      row_keys_(BatchKeys::first(schema_.size())),
      count_(state_.declare<FixedState<int64_t>>("count")) {
  state_.set_key_types(leading_types(schema_, schema_.size()));
  checkpointed_.keyed(state_);
}

void SortLimit::on_batch(Batch& batch, int, Output&) {
  metrics_.rows_in += batch.size();
  row_keys_.hash(batch);
  for (size_t row = 0; row < batch.size(); ++row) {
    const RowKind kind = batch.kind(row);
    if (kind == RowKind::Insert || kind == RowKind::UpdateAfter) {
      bool inserted = false;
      ++count_.get_or_init(state_.intern(row_keys_, row, inserted));
      continue;
    }
    int64_t found = state_.keys().find(row_keys_, row);
    if (found < 0) continue;  // retracting a row never seen: nothing to undo
    if (--count_.get_or_init(KeyId(found)) == 0) state_.release(KeyId(found));
  }
  metrics_.keys = state_.key_count();
  metrics_.state_bytes = state_.memory_bytes();
}

void SortLimit::on_end(Output& out) {
  // The final table: every live row as many times as it is counted, in first-seen order.
  std::vector<KeyId> live;
  for (KeyId key = 0; key < state_.keys().capacity(); ++key)
    if (count_.has(key) && count_.get(key) > 0) live.push_back(key);
  std::sort(live.begin(), live.end(),
            [&](KeyId a, KeyId b) { return state_.sequence(a) < state_.sequence(b); });
  Batch table = Batch::with_schema(schema_);
  for (KeyId key : live)
    for (int64_t n = 0; n < count_.get(key); ++n) {
      state_.append_key(key, table);
      ++table.rows;
    }
  std::vector<uint32_t> order(table.size());
  for (uint32_t row = 0; row < order.size(); ++row) order[row] = row;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return compare_rows(table, a, table, b, keys_) < 0;
  });
  if (limit_ && int64_t(order.size()) > *limit_) order.resize(size_t(*limit_));
  table.gather(order);
  metrics_.rows_out += table.size();
  if (!table.empty()) out.emit(table);
}

OperatorDescription SortLimit::describe() const {
  OperatorDescription d{"SortLimit", {}};
  d.properties.emplace_back("order", describe_sort_keys(keys_, schema_));
  if (limit_) d.properties.emplace_back("limit", std::to_string(*limit_));
  d.properties.emplace_back("emits", "the sorted final rows at end of input (append-only)");
  d.properties.emplace_back("state", "a count per distinct row of the input's table");
  return d;
}

}  // namespace eddy
