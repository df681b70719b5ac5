// TimeSort: ORDER BY rowtime [ASC][, other keys] on an append-only stream (Flink's temporal sort,
// RowTimeSortOperator).
//
// Rows are buffered until the watermark passes their rowtime; when the watermark reaches W, every
// buffered row with rowtime <= W is emitted, ordered by rowtime, then by the other ORDER BY keys,
// ties in arrival order. As in Flink, a row whose rowtime is at or before the last rowtime
// already emitted can no longer be placed: it is late for the stream's 'late.policy'
// (runtime/late_rows.h: counted and dropped, routed, or an error); a row behind the
// watermark but after that waits for the next watermark advance. Before each row the operator
// first emits what its arrival watermark releases, so the output never depends on the batch
// size. The rowtime stays the output's time attribute; watermarks are
// forwarded after the rows they release. End of input (watermark +inf) emits every buffered row.
// State: the buffered rows (those within the watermark delay), in a min-heap by (rowtime,
// arrival), so releasing costs O(log n) per row. No keyed state, no timers.
#pragma once

#include <vector>

#include "operators/sort_keys.h"
#include "runtime/late_rows.h"
#include "runtime/operator.h"

namespace eddy {

class TimeSort final : public Operator {
 public:
  // keys[0] is the rowtime column, ascending.
  TimeSort(Schema schema, std::vector<SortKey> keys, LateRows late = {});
  void on_batch(Batch& batch, int port, Output& out) override;
  void on_end(Output& /*out*/) override { late_.finish(); }
  void on_watermark(Timestamp watermark, Output& out) override;
  OperatorDescription describe() const override;

 private:
  struct Pending {
    Timestamp ts;
    uint64_t sequence;    // arrival order
    uint32_t row;         // in store_
    uint32_t unused = 0;  // no padding: heap_ is checkpointed as bytes
    // std::*_heap build max-heaps: this order puts the smallest (ts, sequence) on top.
    static bool later(const Pending& a, const Pending& b) {
      return a.ts != b.ts ? a.ts > b.ts : a.sequence > b.sequence;
    }
  };
  void release(Timestamp watermark, Output& out);  // emits buffered rows with rowtime <= watermark
  void compact();                                  // drops released rows from store_
  void update_metrics();

  Schema schema_;
  std::vector<SortKey> keys_;
  int rowtime_;
  Batch store_;                // buffered rows (and released ones until the next compaction)
  size_t released_rows_ = 0;   // rows of store_ already emitted
  std::vector<Pending> heap_;  // the buffered rows, smallest (ts, sequence) first
  uint64_t next_sequence_ = 0;
  Timestamp released_ = kMinTimestamp;      // watermark up to which rows were emitted
  Timestamp last_emitted_ = kMinTimestamp;  // largest rowtime emitted: rows up to it are late
  std::vector<Pending> ready_;              // scratch
  LateRows late_;
};

}  // namespace eddy
