// AsyncSink: a sink written on a thread of its own, so that encoding rows (CSV, JSON) and
// writing them overlaps the driver's work ('parallelism' > 1; at 1 the query keeps to one
// thread). The driver hands each batch over (Sink::consume moves it into a short queue; it
// waits only when the queue is full) and the writer thread calls the wrapped sink in the same
// order, so the output is byte for byte what writing inline gives.
//
// A batch's string bytes live in arenas its columns keep alive (runtime/batch.h), so a batch
// handed over stays valid whatever the operators do next. Everything that must see the rows
// written first — flush(), commit() (a checkpoint's sink position), rollback(), destruction —
// waits until the queue is empty. A write that fails stops the writer; its error is thrown by
// the next call made on the driver's thread (consume, flush or commit), and later batches are
// dropped, as the query fails with it.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "runtime/source.h"

namespace eddy {

class AsyncSink final : public Sink {
 public:
  explicit AsyncSink(std::unique_ptr<Sink> sink, size_t queue_depth = 4);
  ~AsyncSink() override;

  void write(const Batch& batch) override;  // copies: consume() is the driver's way
  void consume(Batch& batch) override;
  void flush() override;
  std::string describe() const override { return sink_->describe(); }
  SinkPosition commit() override;
  Status rollback(const SinkPosition& position) override;
  bool exactly_once() const override { return sink_->exactly_once(); }

 private:
  void run();
  // Waits until every batch handed over is written; rethrows the writer's error, once.
  void drain();

  std::unique_ptr<Sink> sink_;
  const size_t depth_;
  std::mutex mutex_;
  std::condition_variable wake_writer_, wake_driver_;
  std::deque<Batch> queue_;
  bool writing_ = false;  // the writer holds a batch taken from the queue
  bool stop_ = false;
  std::exception_ptr error_;
  bool error_thrown_ = false;
  std::thread thread_;  // last: starts when everything above is ready
};

}  // namespace eddy
