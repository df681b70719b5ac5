// Ranges of a file decoded on worker threads and taken in file order (parallel_text_reader.h).
#include "connectors/parallel_text_reader.h"

#include <algorithm>

namespace eddy {

namespace {

// Lines of a range other than the first are counted from here, far from line 1 (the jsonl
// decoder takes a byte-order mark only on line 1) and from any real line count.
constexpr int64_t kLineBase = int64_t(1) << 40;

}  // namespace

uint64_t ParallelTextReader::range_size(uint64_t bytes, size_t threads, uint64_t max_bytes) {
  const uint64_t share = bytes / (std::max<size_t>(threads, 1) * 4);
  return std::max<uint64_t>(1, std::min<uint64_t>(share, std::max<uint64_t>(max_bytes, 1)));
}

ParallelTextReader::ParallelTextReader(DecoderFactory factory, const RangeTask& first,
                                       uint64_t size, uint64_t range_bytes, size_t threads,
                                       const std::atomic<bool>* cancel)
    : factory_(std::move(factory)),
      first_(first),
      range_bytes_(std::max<uint64_t>(range_bytes, 1)),
      window_(std::max<size_t>(threads, 1) + 1),
      cancel_(cancel),
      previous_end_(first.begin),
      previous_state_(first.state) {
  const uint64_t left = size > first.begin ? size - first.begin : 0;
  count_ = std::max<uint64_t>(1, (left + range_bytes_ - 1) / range_bytes_);
  threads = static_cast<size_t>(std::min<uint64_t>(std::max<size_t>(threads, 1), count_));
  threads_.reserve(threads);
  for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

ParallelTextReader::~ParallelTextReader() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_.store(true);
  }
  work_ready_.notify_all();
  for (std::thread& t : threads_) t.join();
}

RangeTask ParallelTextReader::task(uint64_t index) const {
  RangeTask t;
  t.begin = first_.begin + index * range_bytes_;
  t.stop = index + 1 < count_ ? t.begin + range_bytes_ : UINT64_MAX;
  if (index == 0) {
    t.first_line = first_.first_line;
    t.state = first_.state;
  } else {
    t.align = true;
    t.first_line = kLineBase;
    t.state = settled_state_.value_or(first_.state);
  }
  return t;
}

void ParallelTextReader::work() {
  std::unique_ptr<RangeDecoder> decoder;
  std::exception_ptr setup_error;
  try {
    decoder = factory_();
  } catch (...) {
    setup_error = std::current_exception();
  }
  for (;;) {
    RangeTask t;
    uint64_t index = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      // Ranges after the first wait for its end state (past a csv header) as their guess.
      work_ready_.wait(lock, [&] {
        return stop_.load() || issued_ >= count_ ||
               (issued_ < taken_ + window_ && (issued_ == 0 || settled_state_));
      });
      if (stop_.load() || issued_ >= count_) return;
      index = issued_++;
      t = task(index);
    }
    DecodedRange range = DecodedRange::starting(t);
    if (setup_error) {
      range.exception = setup_error;
    } else {
      try {
        decoder->decode(t, stop_, range);
      } catch (...) {
        range.exception = std::current_exception();
      }
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (index == 0) settled_state_ = range.end_state;
      done_.emplace(index, std::move(range));
    }
    range_done_.notify_all();
    if (index == 0) work_ready_.notify_all();
  }
}

DecodedRange ParallelTextReader::take() {
  DecodedRange range;
  uint64_t index = 0;
  RangeTask nominal;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    range_done_.wait(lock, [&] { return done_.count(taken_) > 0; });
    index = taken_++;
    auto it = done_.find(index);
    range = std::move(it->second);
    done_.erase(it);
    nominal = task(index);
  }
  work_ready_.notify_all();
  if (index > 0 && !range.cancelled &&
      (range.begin != previous_end_ || range.start_state != previous_state_)) {
    // The guessed start was inside a record (a quoted newline) or after a different state: decode
    // the range again from where the previous one really ended.
    RangeTask redo;
    redo.begin = previous_end_;
    redo.stop = nominal.stop;
    redo.first_line = kLineBase;
    redo.state = previous_state_;
    range = DecodedRange::starting(redo);
    try {
      if (!own_) own_ = factory_();
      own_->decode(redo, stop_, range);
    } catch (...) {
      range.exception = std::current_exception();
    }
  }
  if (cancel_ && cancel_->load()) range.cancelled = true;
  previous_end_ = range.end;
  previous_state_ = range.end_state;
  return range;
}

}  // namespace eddy
