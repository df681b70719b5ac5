// Helpers for the connector tests: temp files, schemas, contexts and reading a source dry.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "connectors/connector.h"
#include "eddy/clock.h"
#include "runtime/failure.h"
#include "runtime/text_format.h"

namespace eddy::testing_util {

// A path under gtest's temp dir, unique per test and name.
// A path of this test's own, with nothing there yet: a file left by an earlier run whose process
// had the same pid (pids are reused) would otherwise be appended to.
inline std::string temp_path(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string path = ::testing::TempDir() + "eddy_" + std::to_string(::getpid()) + "_" +
                     info->test_suite_name() + "_" + info->name() + "_" + name;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    std::filesystem::remove(path + suffix);
  return path;
}

inline std::string write_file(const std::string& name, const std::string& content) {
  const std::string path = temp_path(name);
  std::ofstream out(path, std::ios::binary);
  out << content;
  return path;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline Schema make_schema(std::initializer_list<Field> fields, int rowtime = -1) {
  Schema s;
  s.fields = fields;
  s.rowtime = rowtime;
  return s;
}

inline ConnectorContext make_context(const Schema& schema,
                                     std::map<std::string, std::string> options,
                                     const Clock* clock = nullptr,
                                     const std::atomic<bool>* cancel = nullptr) {
  ConnectorContext c;
  c.stream = "s";
  c.schema = schema;
  c.options = std::move(options);
  c.clock = clock;
  c.cancel = cancel;
  return c;
}

// One row as "a|b|c" in display text.
inline std::string row_text(const Batch& batch, size_t row) {
  std::string out;
  for (size_t c = 0; c < batch.columns.size(); ++c) {
    if (c > 0) out += '|';
    append_display_text(out, batch.columns[c], row);
  }
  return out;
}

// Checks the batch's internal consistency (every column holds `rows` values).
inline void expect_consistent(const Batch& batch) {
  for (const Column& c : batch.columns) {
    ASSERT_EQ(c.size(), batch.rows);
    if (!c.nulls.empty()) {
      ASSERT_EQ(c.nulls.size(), batch.rows);
    }
  }
}

// Reads until End (Idle is retried up to `max_idle` times) and returns every row's text.
inline std::vector<std::string> read_all(Source& source, const Schema& schema,
                                         size_t batch_size = 1024, int max_idle = 1000) {
  std::vector<std::string> rows;
  int idle = 0;
  for (;;) {
    Batch batch = Batch::with_schema(schema);
    SourceStatus st = source.next(batch, batch_size);
    expect_consistent(batch);
    EXPECT_LE(batch.rows, batch_size);
    for (size_t r = 0; r < batch.rows; ++r) rows.push_back(row_text(batch, r));
    if (st == SourceStatus::End) break;
    if (st == SourceStatus::Idle && ++idle > max_idle) {
      ADD_FAILURE() << "source stayed idle";
      break;
    }
  }
  return rows;
}

// The message of the Failure thrown while reading `source` dry ("" if none).
inline std::string read_error(Source& source, const Schema& schema, size_t batch_size = 1024) {
  try {
    read_all(source, schema, batch_size);
  } catch (const Failure& f) {
    return f.error().message;
  }
  return "";
}

}  // namespace eddy::testing_util
