// ResultTable: a query's changelog applied to a table, for the result modes that show rows rather
// than changes (docs/shell.md "Result modes"). +I and +U add a row, -U and -D take away one equal
// row (a retraction of a row not in the table is ignored).
//
// Row order: the order in which each row was first inserted. A +U that follows a -U (the pair an
// aggregation emits when a key's row changes) takes the place of the row the -U retracted, so a
// GROUP BY result keeps its keys in the order they first appeared; the order depends only on the
// changelog, never on the batch size. Each change costs O(1) on average: rows are found by a hash
// of their values' text, and retracted slots are compacted away when they outnumber live ones.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "eddy/engine.h"

namespace eddy::shell {

class ResultTable {
 public:
  explicit ResultTable(Schema schema) : schema_(std::move(schema)) {}

  // Applies every change of `chunk`.
  void apply(const Chunk& chunk);
  // Rows in the table.
  size_t size() const { return live_; }
  // Bumped by every change that altered the table (to tell whether a redraw is due).
  uint64_t version() const { return version_; }
  // False between a -U and its +U (a chunk may end between them): a drawing then would lack
  // the row being updated.
  bool settled() const { return vacated_ < 0; }
  // The live rows [from, from + count) in table order, as a chunk of inserts.
  Chunk rows(size_t from = 0, size_t count = SIZE_MAX) const;
  const Schema& schema() const { return schema_; }

 private:
  struct Slot {
    std::vector<Value> values;
    std::string key;
    bool live = false;
  };
  void add(std::vector<Value> values, std::string key, bool update_after);
  void remove(const std::string& key, bool update_before);
  void compact();

  Schema schema_;
  std::vector<Slot> slots_;
  // Row text -> slots holding that row, live ones in slot order (the first is retracted first).
  std::unordered_map<std::string, std::vector<uint32_t>> where_;
  size_t live_ = 0;
  uint64_t version_ = 0;
  // The slot a -U just emptied, which the next +U fills; -1: none.
  int64_t vacated_ = -1;
  std::string key_;  // scratch
};

}  // namespace eddy::shell
