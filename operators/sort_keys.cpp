#include "operators/sort_keys.h"

namespace eddy {

namespace {

template <class T>
int three_way(const T& a, const T& b) {
  return a < b ? -1 : b < a ? 1 : 0;
}

}  // namespace

int compare_rows(const Batch& x, size_t a, const Batch& y, size_t b,
                 const std::vector<SortKey>& keys) {
  for (const SortKey& key : keys) {
    const Column& cx = x.columns[key.column];
    const Column& cy = y.columns[key.column];
    const bool null_a = cx.is_null(a), null_b = cy.is_null(b);
    if (null_a || null_b) {
      if (null_a && null_b) continue;
      // NULLS FIRST puts the NULL first whatever the direction.
      return (null_a == key.nulls_first) ? -1 : 1;
    }
    int c = 0;
    switch (cx.type.id) {
      case TypeId::Double:
        c = three_way(cx.doubles[a], cy.doubles[b]);
        break;
      case TypeId::String:
        c = cx.strings[a].compare(cy.strings[b]);
        c = c < 0 ? -1 : c > 0 ? 1 : 0;
        break;
      default:
        c = three_way(cx.ints[a], cy.ints[b]);
        break;
    }
    if (c != 0) return key.descending ? -c : c;
  }
  return 0;
}

std::string describe_sort_keys(const std::vector<SortKey>& keys, const Schema& schema) {
  std::string out;
  for (const SortKey& key : keys) {
    if (!out.empty()) out += ", ";
    out += schema[key.column].name;
    if (key.descending) out += " DESC";
    // Only a NULL order other than the default is shown.
    if (key.nulls_first == key.descending) out += key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
  }
  return out;
}

}  // namespace eddy
