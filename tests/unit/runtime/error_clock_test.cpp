// Error display and the wall clock's cancellable wait.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "eddy/clock.h"
#include "eddy/error.h"

namespace eddy {
namespace {

TEST(Error, PositionAndSnippetWhenAboutTheText) {
  Error e;
  e.kind = Error::Kind::Syntax;
  e.message = "unexpected 'FORM'";
  e.line = 3;
  e.column = 8;
  e.snippet = "SELECT a FORM t\n       ^\n";
  EXPECT_EQ(e.to_string(), "3:8: unexpected 'FORM'\nSELECT a FORM t\n       ^");
  e.snippet.clear();
  EXPECT_EQ(e.to_string(), "3:8: unexpected 'FORM'");
  e.line = 0;
  EXPECT_EQ(e.to_string(), "unexpected 'FORM'");
  EXPECT_STREQ(Error::kind_name(Error::Kind::Bind), "bind error");
  EXPECT_STREQ(Error::kind_name(Error::Kind::Cancelled), "cancelled");
}

TEST(WallClock, WaitReturnsWhenTheTimeComes) {
  WallClock clock;
  std::atomic<bool> cancel{false};
  const Timestamp start = clock.now();
  EXPECT_TRUE(clock.wait_until(start + 30, cancel));
  EXPECT_GE(clock.now(), start + 30);
  EXPECT_TRUE(clock.wait_until(start - 1000, cancel));  // already past
}

TEST(WallClock, CancelEndsAWaitWithinASlice) {
  WallClock clock;
  std::atomic<bool> cancel{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    cancel = true;
  });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(clock.wait_until(clock.now() + 60'000, cancel));
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(ManualClock, NeverWaits) {
  ManualClock clock(100);
  std::atomic<bool> cancel{false};
  EXPECT_FALSE(clock.wait_until(200, cancel));
  clock.advance(100);
  EXPECT_TRUE(clock.wait_until(200, cancel));
}

}  // namespace
}  // namespace eddy
