// Sort keys shared by the sorting operators (TimeSort, SortLimit): how two rows of a batch
// compare on ORDER BY's columns. NULL sorts as the smallest value unless said otherwise (Flink's
// default: NULLS FIRST ascending, NULLS LAST descending); strings compare by their bytes.
#pragma once

#include <string>
#include <vector>

#include "eddy/types.h"
#include "runtime/batch.h"

namespace eddy {

struct SortKey {
  int column = 0;
  bool descending = false;
  bool nulls_first = true;
};

// <0, 0 or >0 as row `a` of `x` sorts before, with or after row `b` of `y` (same column types).
int compare_rows(const Batch& x, size_t a, const Batch& y, size_t b,
                 const std::vector<SortKey>& keys);

// "ts, cnt DESC NULLS FIRST" for EXPLAIN; `schema` names the columns.
std::string describe_sort_keys(const std::vector<SortKey>& keys, const Schema& schema);

}  // namespace eddy
