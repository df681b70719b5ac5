// Generating a source's rows ahead of the query on worker threads ('parallelism' > 1), for a
// source whose rows are a pure function of their number (the nexmark generator).
//
// The rows are cut into chunks 0, 1, 2, ... of a fixed size. Workers take the next chunk not yet
// given out and fill it (`Fill`, called with the worker's index so that each keeps its own
// generator); the consumer takes chunks in order, waiting for the one it needs. At most
// `ahead` chunks are given out beyond the one the consumer takes next, so memory stays bounded
// and a consumer that stops reading stops the workers. What a fill throws is rethrown by take()
// of that chunk. The destructor stops the workers (each finishes the chunk in hand) and joins
// them.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "runtime/batch.h"

namespace eddy {

class ChunksAhead {
 public:
  // Fills `out` (empty) with chunk `chunk`, on worker `worker` (0 .. threads - 1).
  using Fill = std::function<void(size_t worker, uint64_t chunk, Batch& out)>;
  // `chunks`: how many there are (UINT64_MAX: no end).
  ChunksAhead(size_t threads, size_t ahead, uint64_t chunks, Fill fill);
  ~ChunksAhead();
  ChunksAhead(const ChunksAhead&) = delete;
  ChunksAhead& operator=(const ChunksAhead&) = delete;

  // The next chunk in order; blocks until a worker has filled it. Not called past the last.
  Batch take();

 private:
  struct Slot {
    bool ready = false;
    Batch rows;
    std::exception_ptr error;
  };
  void work(size_t worker);

  Fill fill_;
  uint64_t chunks_;
  std::mutex mutex_;
  std::condition_variable room_;    // workers wait for a chunk to fill
  std::condition_variable filled_;  // the consumer waits for the chunk it takes next
  bool stop_ = false;
  uint64_t given_ = 0;       // chunks handed to workers
  uint64_t taken_ = 0;       // chunks handed to the consumer
  std::vector<Slot> slots_;  // chunk c in slots_[c % slots_.size()]
  std::vector<std::thread> threads_;
};

}  // namespace eddy
