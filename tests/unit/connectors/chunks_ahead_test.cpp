// ChunksAhead: chunks filled on worker threads, taken in order, a fill's exception at its chunk,
// bounded look-ahead, and a destructor that stops workers blocked or busy.
#include "connectors/chunks_ahead.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

namespace eddy {
namespace {

// A batch of one BIGINT column holding `value`.
Batch one_value(int64_t value) {
  Schema schema;
  schema.fields.push_back({"v", Type::int64(), false});
  Batch batch = Batch::with_schema(schema);
  batch.columns[0].ints.push_back(value);
  batch.rows = 1;
  return batch;
}

TEST(ChunksAhead, TakesChunksInOrderWhateverTheThreads) {
  for (size_t threads : {1, 2, 5}) {
    ChunksAhead ahead(threads, 3, 200, [](size_t, uint64_t chunk, Batch& out) {
      out = one_value(int64_t(chunk * chunk));
    });
    for (uint64_t chunk = 0; chunk < 200; ++chunk) {
      Batch batch = ahead.take();
      ASSERT_EQ(batch.rows, 1u);
      EXPECT_EQ(batch.columns[0].ints[0], int64_t(chunk * chunk)) << threads;
    }
  }
}

TEST(ChunksAhead, LooksAheadAtMostItsWindow) {
  std::atomic<uint64_t> filled{0};
  {
    ChunksAhead ahead(4, 3, UINT64_MAX, [&](size_t, uint64_t chunk, Batch& out) {
      out = one_value(int64_t(chunk));
      ++filled;
    });
    EXPECT_EQ(ahead.take().columns[0].ints[0], 0);
    EXPECT_EQ(ahead.take().columns[0].ints[0], 1);
    // Two taken: chunks up to 2 + 3 - 1 may be filled, no more, however long the workers run.
    while (filled.load() < 5) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(filled.load(), 5u);
  }  // destroyed with its workers waiting for room
}

TEST(ChunksAhead, AFillsExceptionComesWithItsChunk) {
  ChunksAhead ahead(2, 4, 10, [](size_t, uint64_t chunk, Batch& out) {
    if (chunk == 3) throw std::runtime_error("chunk 3 failed");
    out = one_value(int64_t(chunk));
  });
  for (int64_t chunk = 0; chunk < 3; ++chunk) EXPECT_EQ(ahead.take().columns[0].ints[0], chunk);
  EXPECT_THROW(ahead.take(), std::runtime_error);
}

TEST(ChunksAhead, EachWorkerFillsWithItsOwnIndex) {
  std::vector<std::atomic<int>> used(3);
  {
    ChunksAhead ahead(3, 6, 300, [&](size_t worker, uint64_t, Batch& out) {
      ASSERT_LT(worker, 3u);
      ++used[worker];
      out = one_value(int64_t(worker));
    });
    for (int i = 0; i < 300; ++i) ahead.take();
  }
  EXPECT_EQ(used[0] + used[1] + used[2], 300);
}

}  // namespace
}  // namespace eddy
