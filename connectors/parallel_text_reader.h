// Decoding a regular file on several threads, handed over in file order ('parallelism' > 1).
//
// The file (from where reading starts) is cut into ranges of about `range_bytes`. Range k is
// given to a worker as its nominal start n_k and stop n_{k+1}: the worker starts at the first
// line start at or after n_k (range 0 exactly at the start) and decodes every record that starts
// before n_{k+1}; its last record runs on past n_{k+1} to its end. When no record holds a
// newline, that end is exactly the line start where range k+1 began. A csv record can hold
// newlines in quotes, so the start of range k+1 is a guess: it is checked, in file order, against
// where range k really ended (offset and decoder state); a wrong guess is decoded again from the
// right place, on the consumer's thread, before anything of it is handed over. So the rows, their
// order, and every line number and position are those of reading the file on one thread.
//
// Lines: a worker counts from `first_line` (the true line of range 0; a large base for the others,
// so nothing mistakes a range's first line for the file's), and the consumer adds the line where
// the range really starts. A record that fails (and is not to be skipped) ends its range there:
// the consumer reads on from that record on its own thread, which raises the same error.
//
// Back-pressure: at most threads + 1 ranges are decoded ahead of the one the consumer is taking
// (one per worker and one ready); a worker that is that far ahead waits. The destructor stops the
// workers (each finishes at most one chunk of rows) and joins them.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "runtime/batch.h"

namespace eddy {

// Where the file stands after a row's record: its end offset, the next record's line (counted
// from the range's first_line) and the records skipped so far in the range.
struct RowMark {
  uint64_t end = 0;
  int64_t line = 0;
  uint64_t skipped = 0;
};

// Rows a worker decoded, with the line each started at and its mark.
struct DecodedChunk {
  Batch batch;
  std::vector<int64_t> lines;
  std::vector<RowMark> marks;
};

struct RangeTask {
  uint64_t begin = 0;      // where to start (after `align`: the first line start at or after it)
  bool align = false;      // false: `begin` is known to start a record
  uint64_t stop = 0;       // records starting at or after this belong to the next range
  int64_t first_line = 1;  // the line number the decoder counts from
  std::string state;       // the decoder's state at `begin` (RecordDecoder::save_state)
};

struct DecodedRange {
  uint64_t begin = 0;  // where decoding started
  std::string start_state;
  int64_t first_line = 1;
  std::vector<DecodedChunk> chunks;
  // Where it stopped: after the last record, or at the failed record; the line there (counted
  // from first_line), the records skipped before it, and the decoder's state there.
  uint64_t end = 0;
  int64_t line = 1;
  uint64_t skipped = 0;
  std::string end_state;
  bool eof = false;              // the file ended: no range follows
  bool failed = false;           // the record at `end` failed: read on from there on one thread
  bool cancelled = false;        // the query was cancelled before the range was done
  std::exception_ptr exception;  // anything else that went wrong, raised at `end`

  // A range about to decode `task`: nothing decoded yet, so it ends where it starts.
  static DecodedRange starting(const RangeTask& task) {
    DecodedRange range;
    range.begin = range.end = task.begin;
    range.start_state = range.end_state = task.state;
    range.first_line = range.line = task.first_line;
    return range;
  }
};

// Decodes ranges, one thread's worth: each worker has its own (decoders keep parse buffers).
class RangeDecoder {
 public:
  virtual ~RangeDecoder() = default;
  // Decodes `task` into `out`; stops early (out.cancelled) when `stop` becomes true.
  virtual void decode(const RangeTask& task, const std::atomic<bool>& stop, DecodedRange& out) = 0;
};

class ParallelTextReader {
 public:
  using DecoderFactory = std::function<std::unique_ptr<RangeDecoder>()>;
  // `first`: range 0 (its begin, first_line and state; stop and align are set here). `size`: the
  // file's size when reading starts. `cancel`: the query's flag (nullptr: none).
  ParallelTextReader(DecoderFactory factory, const RangeTask& first, uint64_t size,
                     uint64_t range_bytes, size_t threads, const std::atomic<bool>* cancel);
  ~ParallelTextReader();
  ParallelTextReader(const ParallelTextReader&) = delete;
  ParallelTextReader& operator=(const ParallelTextReader&) = delete;

  // The next range in file order, checked to start where the previous one ended (decoded again
  // here when it did not). Blocks until a worker has it. Not to be called again after a range that
  // is eof, failed, cancelled or holds an exception.
  DecodedRange take();

  // The byte count a range gets for a file of `bytes` read by `threads`: small files are still cut
  // into a few ranges per thread; large ones into ranges of `max_bytes`.
  static uint64_t range_size(uint64_t bytes, size_t threads, uint64_t max_bytes);

 private:
  RangeTask task(uint64_t index) const;  // the nominal range `index`
  void work();

  DecoderFactory factory_;
  RangeTask first_;
  uint64_t range_bytes_;
  uint64_t count_;  // ranges
  size_t window_;
  const std::atomic<bool>* cancel_;
  std::atomic<bool> stop_{false};

  std::mutex mutex_;
  std::condition_variable work_ready_;        // workers wait for a range to take on
  std::condition_variable range_done_;        // the consumer waits for the range it takes next
  uint64_t issued_ = 0;                       // ranges given to workers
  uint64_t taken_ = 0;                        // ranges handed to the consumer
  std::optional<std::string> settled_state_;  // range 0's end state: the guess for the others
  std::map<uint64_t, DecodedRange> done_;     // decoded, not yet taken
  std::vector<std::thread> threads_;

  // The consumer's side: where the last range taken ended, and its own decoder for redoing one.
  uint64_t previous_end_ = 0;
  std::string previous_state_;
  std::unique_ptr<RangeDecoder> own_;
};

}  // namespace eddy
