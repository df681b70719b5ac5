#include "runtime/async_sink.h"

namespace eddy {

AsyncSink::AsyncSink(std::unique_ptr<Sink> sink, size_t queue_depth)
    : sink_(std::move(sink)),
      depth_(queue_depth == 0 ? 1 : queue_depth),
      thread_([this] { run(); }) {}

AsyncSink::~AsyncSink() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;  // what is queued is still written (a failed query's rows before its error)
  }
  wake_writer_.notify_one();
  thread_.join();
}

void AsyncSink::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_writer_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopped, and everything written
    Batch batch = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    const bool failed = error_ != nullptr;
    lock.unlock();
    wake_driver_.notify_one();  // a place in the queue is free
    std::exception_ptr error;
    if (!failed) {
      try {
        sink_->write(batch);
      } catch (...) {
        error = std::current_exception();
      }
    }
    batch = Batch();  // its arenas are freed here, not under the lock
    lock.lock();
    writing_ = false;
    if (error && !error_) error_ = error;
    if (queue_.empty()) wake_driver_.notify_one();
  }
}

void AsyncSink::consume(Batch& batch) {
  std::unique_lock lock(mutex_);
  if (error_ && !error_thrown_) {
    error_thrown_ = true;
    std::rethrow_exception(error_);
  }
  if (error_) return;  // the query is failing: nothing more is written
  wake_driver_.wait(lock, [&] { return queue_.size() < depth_; });
  queue_.push_back(std::move(batch));
  batch = Batch();
  lock.unlock();
  wake_writer_.notify_one();
}

void AsyncSink::write(const Batch& batch) {
  Batch copy = batch.slice(0, batch.size());
  consume(copy);
}

void AsyncSink::drain() {
  std::unique_lock lock(mutex_);
  wake_driver_.wait(lock, [&] { return queue_.empty() && !writing_; });
  if (error_ && !error_thrown_) {
    error_thrown_ = true;
    std::rethrow_exception(error_);
  }
}

void AsyncSink::flush() {
  drain();
  sink_->flush();
}

SinkPosition AsyncSink::commit() {
  drain();
  return sink_->commit();
}

Status AsyncSink::rollback(const SinkPosition& position) {
  drain();
  return sink_->rollback(position);
}

}  // namespace eddy
