// AsyncSink: rows written on the sink's own thread, in order; everything that must see them
// written (flush, commit, destruction) waits; a failed write is reported on the driver's side.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "runtime/async_sink.h"
#include "runtime/failure.h"

namespace eddy {
namespace {

// Records the values of its one BIGINT column; fails the write of value `fail_at`.
struct RecordingSink final : Sink {
  std::mutex mutex;
  std::vector<int64_t> written;
  std::thread::id writer;
  int flushes = 0;
  int64_t fail_at = -1;

  void write(const Batch& batch) override {
    std::this_thread::sleep_for(std::chrono::microseconds(50));  // slower than the driver
    std::lock_guard lock(mutex);
    writer = std::this_thread::get_id();
    for (size_t row = 0; row < batch.size(); ++row) {
      const int64_t v = batch.columns[0].ints[row];
      if (v == fail_at) fail(Error::Kind::Runtime, "disk full at {}", v);
      written.push_back(v);
    }
  }
  void flush() override { ++flushes; }
  SinkPosition commit() override {
    std::lock_guard lock(mutex);
    return {written.size(), 0, {}};
  }
  std::string describe() const override { return "recording"; }
};

Batch one_row(int64_t v) {
  Batch batch;
  batch.columns.emplace_back(Type::int64());
  batch.columns[0].append_int(v);
  batch.rows = 1;
  return batch;
}

std::vector<int64_t> upto(int64_t n) {
  std::vector<int64_t> values;
  for (int64_t v = 0; v < n; ++v) values.push_back(v);
  return values;
}

TEST(AsyncSink, WritesInOrderOnItsOwnThreadAndFlushWaits) {
  auto owned = std::make_unique<RecordingSink>();
  RecordingSink& inner = *owned;
  AsyncSink sink(std::move(owned), 2);
  for (int64_t v = 0; v < 200; ++v) {
    Batch batch = one_row(v);
    sink.consume(batch);
    EXPECT_TRUE(batch.empty());  // handed over, not copied
  }
  sink.flush();
  EXPECT_EQ(inner.written, upto(200));
  EXPECT_EQ(inner.flushes, 1);
  EXPECT_NE(inner.writer, std::this_thread::get_id());
  EXPECT_EQ(sink.describe(), "recording");
}

TEST(AsyncSink, CommitSeesEveryRowHandedOver) {
  AsyncSink sink(std::make_unique<RecordingSink>(), 4);
  for (int64_t v = 0; v < 50; ++v) {
    Batch batch = one_row(v);
    sink.consume(batch);
  }
  EXPECT_EQ(sink.commit().rows, 50u);
  const Batch kept = one_row(50);
  sink.write(kept);  // write() copies
  EXPECT_EQ(kept.size(), 1u);
  EXPECT_EQ(sink.commit().rows, 51u);
}

TEST(AsyncSink, DestructionWritesWhatIsQueued) {
  std::vector<int64_t> seen;
  {
    // The inner sink reports what it got when it is destroyed, after the writer thread ends.
    struct Reporting final : Sink {
      RecordingSink recorder;
      std::vector<int64_t>* seen = nullptr;
      ~Reporting() override { *seen = recorder.written; }
      void write(const Batch& batch) override { recorder.write(batch); }
      std::string describe() const override { return "reporting"; }
    };
    auto inner = std::make_unique<Reporting>();
    inner->seen = &seen;
    AsyncSink sink(std::move(inner), 8);
    for (int64_t v = 0; v < 8; ++v) {
      Batch batch = one_row(v);
      sink.consume(batch);
    }
  }
  EXPECT_EQ(seen, upto(8));
}

TEST(AsyncSink, AFailedWriteIsThrownOnceOnTheDriversSideAndStopsWriting) {
  auto owned = std::make_unique<RecordingSink>();
  RecordingSink& inner = *owned;
  inner.fail_at = 3;
  AsyncSink sink(std::move(owned), 1);
  std::string message;
  int64_t handed = 0;
  try {
    for (; handed < 100; ++handed) {
      Batch batch = one_row(handed);
      sink.consume(batch);
    }
    sink.flush();
  } catch (const Failure& failure) {
    message = failure.error().message;
  }
  EXPECT_EQ(message, "disk full at 3");
  EXPECT_LT(handed, 100);  // the driver heard of it while handing batches over
  sink.flush();            // thrown once: the query is failing with it already
  EXPECT_EQ(inner.written, upto(3));
}

}  // namespace
}  // namespace eddy
