#include "shell/status_line.h"

#include <gtest/gtest.h>

#include "shell/renderer.h"

namespace eddy::shell {
namespace {

TEST(StatusLine, SaysRowsRateOutputWatermarkLateRowsAndState) {
  QueryStats stats;
  stats.rows_in = 1234567;
  stats.rows_out = 42;
  stats.late_rows = 3;
  stats.watermark = 1704103200000;  // 2024-01-01 10:00:00
  stats.state_bytes = 2048;
  stats.keys = 7;
  EXPECT_EQ(StatusLine::format(stats, 2.0, 0),
            "1,234,567 rows read (617,283/s) · 42 out · watermark 2024-01-01 10:00:00.000 · 3 "
            "late · state 2.0 KB (7 keys) · 2s");
}

TEST(StatusLine, ShowsAProgressBarWhenTheSizeIsKnown) {
  QueryStats stats;
  stats.rows_in = 100;
  stats.bytes_read = 250;
  stats.bytes_total = 1000;
  // A quarter in 3 s: 9 s to go.
  EXPECT_EQ(StatusLine::format(stats, 3.0, 0),
            "[█████░░░░░░░░░░░░░░░]  25% ETA 9s  100 rows read (33/s) · 0 out · 3s");
}

TEST(StatusLine, ShowsInstancesAndTheWorstSkew) {
  QueryStats stats;
  stats.rows_in = 40;
  stats.rows_out = 9;
  ParallelOperatorStats& group_by = stats.parallel_operators.emplace_back();
  group_by.name = "GroupAggregate";
  group_by.instances = {{21, 5, 0}, {19, 4, 0}};
  ParallelOperatorStats& window = stats.parallel_operators.emplace_back();
  window.name = "WindowAggregate";
  window.instances = {{30, 3, 0}, {10, 1, 0}};  // the busiest has 30 of a mean of 20
  EXPECT_EQ(StatusLine::format(stats, 2.0, 0),
            "40 rows read (20/s) · 9 out · 2 instances, skew 1.50 · 2s");
}

TEST(StatusLine, NeverWiderThanTheTerminal) {
  QueryStats stats;
  stats.rows_in = 1234567;
  stats.watermark = 1704103200000;
  std::string line = StatusLine::format(stats, 65.0, 40);
  EXPECT_EQ(display_width(line), 39u);
  EXPECT_EQ(line.substr(line.size() - 3), "…");
}

TEST(StatusLine, WritesNothingWhenDisabled) {
  char* data = nullptr;
  size_t size = 0;
  std::FILE* file = open_memstream(&data, &size);
  {
    StatusLine status(file, false, 80);
    status.update(QueryStats{}, true);
  }
  std::fclose(file);
  EXPECT_EQ(size, 0u);
  std::free(data);
}

}  // namespace
}  // namespace eddy::shell
