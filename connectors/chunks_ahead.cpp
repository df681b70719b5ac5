#include "connectors/chunks_ahead.h"

#include <algorithm>

namespace eddy {

ChunksAhead::ChunksAhead(size_t threads, size_t ahead, uint64_t chunks, Fill fill)
    : fill_(std::move(fill)), chunks_(chunks), slots_(std::max<size_t>(ahead, 1)) {
  threads = std::max<size_t>(threads, 1);
  threads_.reserve(threads);
  for (size_t worker = 0; worker < threads; ++worker)
    threads_.emplace_back([this, worker] { work(worker); });
}

ChunksAhead::~ChunksAhead() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  room_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

void ChunksAhead::work(size_t worker) {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    // A chunk's slot is free once the consumer has taken the chunk that used it before.
    room_.wait(lock,
               [&] { return stop_ || (given_ < chunks_ && given_ < taken_ + slots_.size()); });
    if (stop_) return;
    const uint64_t chunk = given_++;
    lock.unlock();
    Batch rows;
    std::exception_ptr error;
    try {
      fill_(worker, chunk, rows);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    Slot& slot = slots_[chunk % slots_.size()];
    slot.rows = std::move(rows);
    slot.error = error;
    slot.ready = true;
    filled_.notify_all();
  }
}

Batch ChunksAhead::take() {
  std::unique_lock<std::mutex> lock(mutex_);
  Slot& slot = slots_[taken_ % slots_.size()];
  filled_.wait(lock, [&] { return slot.ready; });
  Batch rows = std::move(slot.rows);
  std::exception_ptr error = slot.error;
  slot = Slot();
  ++taken_;
  lock.unlock();
  room_.notify_all();
  if (error) std::rethrow_exception(error);
  return rows;
}

}  // namespace eddy
