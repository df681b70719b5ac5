// Helpers of the embedded-input and poll tests: an engine on a manual clock, queries started
// from SQL, and their changes polled into "+I|v1|v2" lines.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "eddy/engine.h"

namespace eddy::testing {

inline std::shared_ptr<ManualClock> manual_clock() { return std::make_shared<ManualClock>(0); }

inline std::unique_ptr<Engine> engine_on(std::shared_ptr<Clock> clock, size_t batch_size = 1024,
                                         std::string checkpoint_path = "") {
  EngineOptions options;
  options.clock = std::move(clock);
  options.batch_size = batch_size;
  options.checkpoint_path = std::move(checkpoint_path);
  return std::make_unique<Engine>(std::move(options));
}

inline void run_ok(Engine& engine, const std::string& sql) {
  auto outcome = engine.execute(sql);
  ASSERT_TRUE(outcome.is_ok()) << outcome.error().to_string();
}

inline std::unique_ptr<Query> start(Engine& engine, const std::string& sql) {
  auto outcome = engine.execute(sql);
  EXPECT_TRUE(outcome.is_ok()) << (outcome ? "" : outcome.error().to_string());
  if (!outcome) return nullptr;
  EXPECT_TRUE(outcome.value().query != nullptr);
  return std::move(outcome.value().query);
}

inline Input input_of(Engine& engine, const std::string& stream) {
  auto input = engine.input(stream);
  EXPECT_TRUE(input.is_ok()) << (input ? "" : input.error().to_string());
  return std::move(input.value());
}

// "+I|a|1" per row.
inline void append_lines(const Chunk& chunk, std::vector<std::string>& out) {
  for (size_t r = 0; r < chunk.size(); ++r) {
    std::string line = row_kind_symbol(chunk.kind(r));
    for (size_t c = 0; c < chunk.schema().size(); ++c) line += "|" + chunk.value(r, c).to_string();
    out.push_back(std::move(line));
  }
}

// Polls until the query has finished (or `limit` passed, a failure) and returns every change.
inline std::vector<std::string> poll_to_end(
    Query& query, std::chrono::milliseconds limit = std::chrono::milliseconds(10'000)) {
  std::vector<std::string> out;
  const auto give_up = std::chrono::steady_clock::now() + limit;
  Chunk chunk;
  while (std::chrono::steady_clock::now() < give_up) {
    auto polled = query.poll(chunk, std::chrono::milliseconds(50));
    EXPECT_TRUE(polled.is_ok()) << (polled ? "" : polled.error().to_string());
    if (!polled || polled.value() == PollStatus::Finished) return out;
    append_lines(chunk, out);
  }
  ADD_FAILURE() << "the query did not finish";
  return out;
}

// Polls until `count` changes have come (or `limit` passed, a failure); returns them.
inline std::vector<std::string> poll_rows(
    Query& query, size_t count,
    std::chrono::milliseconds limit = std::chrono::milliseconds(10'000)) {
  std::vector<std::string> out;
  const auto give_up = std::chrono::steady_clock::now() + limit;
  Chunk chunk;
  while (out.size() < count && std::chrono::steady_clock::now() < give_up) {
    auto polled = query.poll(chunk, std::chrono::milliseconds(50));
    EXPECT_TRUE(polled.is_ok()) << (polled ? "" : polled.error().to_string());
    if (!polled || polled.value() == PollStatus::Finished) break;
    append_lines(chunk, out);
  }
  EXPECT_EQ(out.size(), count) << "changes so far: " << ::testing::PrintToString(out);
  return out;
}

// Polls for `duration` whatever comes; returns it.
inline std::vector<std::string> drain(Query& query, std::chrono::milliseconds duration) {
  std::vector<std::string> out;
  const auto until = std::chrono::steady_clock::now() + duration;
  Chunk chunk;
  while (std::chrono::steady_clock::now() < until) {
    auto polled = query.poll(chunk, std::chrono::milliseconds(10));
    if (!polled || polled.value() == PollStatus::Finished) break;
    append_lines(chunk, out);
  }
  return out;
}

// Polls once more for a short while and expects nothing.
inline void expect_nothing_more(Query& query) {
  Chunk chunk;
  auto polled = query.poll(chunk, std::chrono::milliseconds(30));
  ASSERT_TRUE(polled.is_ok()) << polled.error().to_string();
  EXPECT_EQ(polled.value(), PollStatus::Timeout);
  std::vector<std::string> lines;
  append_lines(chunk, lines);
  EXPECT_TRUE(lines.empty()) << ::testing::PrintToString(lines);
}

}  // namespace eddy::testing
