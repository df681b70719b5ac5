#include "status_line.h"

#include <cmath>

#include <fmt/format.h>

#include "renderer.h"

namespace eddy::shell {

namespace {

// Redraws at most this often: often enough to look alive, rarely enough to cost nothing.
constexpr auto kRedrawInterval = std::chrono::milliseconds(200);

// 1234567 -> "1,234,567".
std::string grouped(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string bytes_text(uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KB", bytes / 1024.0);
  if (bytes < 1024ull * 1024 * 1024) return fmt::format("{:.1f} MB", bytes / (1024.0 * 1024));
  return fmt::format("{:.1f} GB", bytes / (1024.0 * 1024 * 1024));
}

std::string duration_text(double seconds) {
  auto s = static_cast<uint64_t>(std::llround(seconds));
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
}

}  // namespace

StatusLine::StatusLine(std::FILE* err, bool enabled, size_t width)
    : err_(err), enabled_(enabled), width_(width), started_(std::chrono::steady_clock::now()) {}

std::string StatusLine::format(const QueryStats& stats, double seconds, size_t width) {
  std::string text;
  if (stats.bytes_total > 0) {
    // A bar of 20 cells, the percent of bytes read, and the time left at the rate so far.
    const double done = double(stats.bytes_read) / double(stats.bytes_total);
    const auto filled = static_cast<size_t>(done * 20);
    text += '[';
    for (size_t i = 0; i < 20; ++i) text += i < filled ? "█" : "░";
    text += fmt::format("] {:3.0f}%", done * 100);
    if (done > 0 && done < 1 && seconds > 0.5)
      text += fmt::format(" ETA {}", duration_text(seconds * (1 - done) / done));
    text += "  ";
  }
  text += fmt::format("{} rows read", grouped(stats.rows_in));
  if (seconds > 0.2) text += fmt::format(" ({}/s)", grouped(uint64_t(stats.rows_in / seconds)));
  text += fmt::format(" · {} out", grouped(stats.rows_out));
  if (stats.watermark != kMinTimestamp && stats.watermark != kMaxTimestamp)
    text += fmt::format(" · watermark {}", format_timestamp(stats.watermark));
  if (stats.late_rows > 0) text += fmt::format(" · {} late", grouped(stats.late_rows));
  if (stats.state_bytes > 0)
    text +=
        fmt::format(" · state {} ({} keys)", bytes_text(stats.state_bytes), grouped(stats.keys));
  // Keyed operators on several instances: how many, and how unevenly the keys split the rows.
  if (!stats.parallel_operators.empty()) {
    size_t instances = 0;
    double skew = 1;
    for (const auto& op : stats.parallel_operators) {
      instances = std::max(instances, op.instances.size());
      skew = std::max(skew, op.skew());
    }
    text += fmt::format(" · {} instances, skew {:.2f}", instances, skew);
  }
  text += fmt::format(" · {}", duration_text(seconds));
  // Never wrap: a wrapped line could not be erased with one carriage return.
  if (width > 1 && display_width(text) >= width) text = box_cell(text, width - 1);
  return text;
}

void StatusLine::update(const QueryStats& stats, bool force) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && shown_ && now - drawn_ < kRedrawInterval) return;
  // Nothing for the first moment: a quick query should not flash a line.
  if (!force && now - started_ < kRedrawInterval) return;
  drawn_ = now;
  const std::chrono::duration<double> elapsed = now - started_;
  std::string line = "\r\x1b[K" + format(stats, elapsed.count(), width_);
  std::fputs(line.c_str(), err_);
  std::fflush(err_);
  shown_ = true;
}

void StatusLine::clear() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", err_);
  std::fflush(err_);
  shown_ = false;
}

}  // namespace eddy::shell
