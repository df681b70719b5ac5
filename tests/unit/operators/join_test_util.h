// Helpers shared by the interval join tests: the two sides' schemas, a join configuration over
// them, and an output that records rows as text.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "operators/interval_join.h"

namespace eddy {

// One side of the join: (k BIGINT, ts TIMESTAMP rowtime, <value> BIGINT), `value` being "v" on
// the left and "w" on the right; k may be NULL when `nullable_key`.
inline Schema side_schema(const char* value, bool nullable_key = false) {
  Schema schema;
  schema.fields = {{"k", Type::int64(), nullable_key},
                   {"ts", Type::timestamp(), false},
                   {value, Type::int64(), false}};
  schema.rowtime = 1;
  return schema;
}

// A bounded join of the two sides on k with r.ts - l.ts in [lower, upper]; SEMI and ANTI output
// the left's columns only. Tests set the rest (watermark delay, null awareness, ...).
inline JoinConfig interval_join_config(JoinType type, int64_t lower, int64_t upper,
                                       bool nullable_keys = false) {
  JoinConfig c;
  c.type = type;
  c.left = side_schema("v", nullable_keys);
  c.right = side_schema("w", nullable_keys);
  c.output = c.left;
  if (type != JoinType::Semi && type != JoinType::Anti)
    for (const auto& f : c.right.fields) c.output.fields.push_back(f);
  c.left_keys.push_back(make_column_ref(0, c.left[0]));
  c.right_keys.push_back(make_column_ref(0, c.right[0]));
  c.bounded = true;
  c.left_time = c.right_time = 1;
  c.lower = lower;
  c.upper = upper;
  return c;
}

// Row `r` of an output batch of BIGINT / TIMESTAMP columns as text: its kind, then each value
// ("+I 1 5 null").
inline std::string joined_row_text(const Batch& batch, size_t r) {
  std::string text = row_kind_symbol(batch.kind(r));
  for (const auto& column : batch.columns)
    text += column.is_null(r) ? " null" : fmt::format(" {}", column.ints[r]);
  return text;
}

// Records every emitted row as joined_row_text; ignores watermarks.
struct JoinRowCapture : Output {
  std::vector<std::string> rows;
  void emit(Batch& batch) override {
    for (size_t r = 0; r < batch.size(); ++r) rows.push_back(joined_row_text(batch, r));
  }
  void watermark(Timestamp) override {}
  void finish() override {}
  // The rows emitted since the last call.
  std::vector<std::string> take() { return std::exchange(rows, {}); }
};

// One random step of an updating input on `port`: one time in three, when the port has live rows,
// retracts one of them, else inserts new_row(). new_row() is called either way, so the random
// sequence does not depend on the choice. Keeps `live` (rows with a `port`) current; returns the
// row and its kind (Insert or Delete).
template <class Row, class NewRow>
std::pair<Row, RowKind> random_change(std::mt19937& rng, int port, std::vector<Row>& live,
                                      NewRow new_row) {
  std::vector<size_t> candidates;
  for (size_t i = 0; i < live.size(); ++i)
    if (live[i].port == port) candidates.push_back(i);
  const bool retract = !candidates.empty() && rng() % 3 == 0;
  Row row = new_row();
  if (retract) {
    const size_t victim = candidates[rng() % candidates.size()];
    row = live[victim];
    live.erase(live.begin() + long(victim));
  } else {
    live.push_back(row);
  }
  return {row, retract ? RowKind::Delete : RowKind::Insert};
}

// Applies a changelog of row texts ("+I ...", "-D ...", as JoinRowCapture records them): the rows
// it leaves, as sorted "+I ..." texts. A -D of a row not emitted before fails the test (`context`
// names the case) and is skipped.
inline std::vector<std::string> net_changelog(const std::vector<std::string>& changes,
                                              const std::string& context) {
  std::multiset<std::string> net;
  for (const std::string& change : changes) {
    const std::string row = "+I" + change.substr(2);
    if (change.rfind("-D", 0) == 0) {
      auto it = net.find(row);
      if (it == net.end()) {
        ADD_FAILURE() << context << ": " << change << " retracts a row not emitted";
        continue;
      }
      net.erase(it);
    } else {
      net.insert(row);
    }
  }
  return {net.begin(), net.end()};
}

}  // namespace eddy
