#include "result_view.h"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

namespace eddy::shell {

namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

}  // namespace

std::string render_to_string(const std::function<void(std::FILE*)>& render) {
  char* data = nullptr;
  size_t size = 0;
  std::FILE* file = open_memstream(&data, &size);
  if (!file) return "";
  render(file);
  std::fclose(file);
  std::string text(data, size);
  std::free(data);
  return text;
}

ResultView::ResultView(const Schema& schema, std::FILE* out, bool live, size_t screen_rows)
    : table_(schema), out_(out), live_(live), screen_rows_(screen_rows) {}

bool ResultView::redraw_due() const {
  return live_ && table_.settled() && table_.version() != drawn_version_ &&
         std::chrono::steady_clock::now() - drawn_at_ >= kRedrawInterval;
}

void ResultView::replace(const std::string& text) {
  std::string frame;
  // Back to the first line of the previous drawing, and clear from there down.
  if (drawn_lines_ > 0) frame += fmt::format("\r\x1b[{}A", drawn_lines_);
  frame += "\r\x1b[J";
  frame += text;
  std::fwrite(frame.data(), 1, frame.size(), out_);
  std::fflush(out_);
  drawn_lines_ = size_t(std::count(text.begin(), text.end(), '\n'));
}

void ResultView::redraw(BoxLimits limits) {
  if (!live_) return;
  drawn_version_ = table_.version();
  drawn_at_ = std::chrono::steady_clock::now();
  // The last screenful: the box takes 4 lines, the footer and the status line one each.
  const size_t room = screen_rows_ > 7 ? screen_rows_ - 7 : 1;
  const size_t total = table_.size();
  const size_t shown = std::min(total, room);
  limits.max_rows = 0;
  std::string text = render_to_string([&](std::FILE* file) {
    auto renderer = make_renderer(Mode::Table, file, limits);
    render_rows(
        *renderer, table_.schema(), shown,
        [&](size_t from, size_t count) { return table_.rows(total - shown + from, count); },
        Mode::Table, limits);
  });
  if (shown < total) {
    text += fmt::format("(the last {} of {} rows; the whole table when the query ends)\n", shown,
                        total);
  } else {
    text += fmt::format("({} row{}, running)\n", total, total == 1 ? "" : "s");
  }
  replace(text);
}

void ResultView::finish(Mode mode, BoxLimits limits) {
  const bool boxed = mode == Mode::Box || mode == Mode::Table;
  std::string text = render_to_string([&](std::FILE* file) {
    auto renderer = make_renderer(mode, file, boxed ? limits : BoxLimits{});
    render_rows(
        *renderer, table_.schema(), table_.size(),
        [&](size_t from, size_t count) { return table_.rows(from, count); }, mode,
        boxed ? limits : BoxLimits{});
  });
  if (boxed && limits.max_rows > 0 && table_.size() > limits.max_rows)
    text +=
        fmt::format("({} rows, {} shown: .maxrows to show more)\n", table_.size(), limits.max_rows);
  if (live_) {
    replace(text);
  } else {
    std::fwrite(text.data(), 1, text.size(), out_);
    std::fflush(out_);
  }
}

}  // namespace eddy::shell
