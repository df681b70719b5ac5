// The timer service: two independent TimerQueues (state/timer_queue.h) and the checkpoint
// format.
//
// Snapshot format, version 1, all integers little-endian:
//   offset  0  magic "EDTM"
//           4  u32 version (1)
//           8  i64 current watermark
//          16  i64 current processing time
//          24  u64 number of event-time timers (E)
//          32  u64 number of processing-time timers (P)
//          40  E entries, then P entries: i64 timestamp, u32 key (12 bytes each), each domain in
//              strictly increasing (timestamp, key) order
//    end - 8   u64 checksum of every preceding byte (see checksum() below)
// restore() accepts exactly this and nothing else: a wrong length, count, order or checksum is
// rejected before anything is allocated from the counts.
#include "state/timer_service.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "state/keyed_state.h"
#include "state/timer_queue.h"

namespace eddy {

using timer_detail::TimerQueue;

struct TimerService::Impl {
  TimerQueue event;
  TimerQueue processing;
};

TimerService::TimerService() : impl_(std::make_unique<Impl>()) {}
TimerService::~TimerService() = default;
TimerService::TimerService(TimerService&&) noexcept = default;
TimerService& TimerService::operator=(TimerService&&) noexcept = default;

void TimerService::changed(KeyId key) {
  if (changed_) changed_->mark(key);
}

void TimerService::register_event_timer(KeyId key, Timestamp timestamp) {
  changed(key);
  impl_->event.add(key, timestamp);
}

void TimerService::delete_event_timer(KeyId key, Timestamp timestamp) {
  changed(key);
  impl_->event.remove(key, timestamp);
}

void TimerService::register_processing_timer(KeyId key, Timestamp timestamp) {
  changed(key);
  impl_->processing.add(key, timestamp);
}

void TimerService::delete_processing_timer(KeyId key, Timestamp timestamp) {
  changed(key);
  impl_->processing.remove(key, timestamp);
}

void TimerService::track_event_timers_due_soon() { impl_->event.track_due_soon(); }

void TimerService::prefetch_event_timers(KeyId key) const { impl_->event.prefetch_key(key); }

void TimerService::prefetch_event_timer(KeyId key, Timestamp timestamp) const {
  impl_->event.prefetch_timer(key, timestamp);
}

std::vector<std::pair<Timestamp, KeyId>>& TimerService::event_timers_due_soon() {
  return impl_->event.due_soon();
}

Timestamp TimerService::upcoming_event_timers(std::vector<std::pair<Timestamp, KeyId>>& out) const {
  return impl_->event.next_block(out);
}

bool TimerService::pop_event_timer(Timestamp watermark, KeyId& key, Timestamp& timestamp) {
  if (!impl_->event.pop(watermark, key, timestamp)) return false;
  changed(key);
  return true;
}

bool TimerService::pop_processing_timer(Timestamp now, KeyId& key, Timestamp& timestamp) {
  if (!impl_->processing.pop(now, key, timestamp)) return false;
  changed(key);
  return true;
}

void TimerService::for_each_timer(
    const std::function<void(TimeDomain, KeyId, Timestamp)>& fn) const {
  impl_->event.for_each([&](KeyId key, Timestamp ts) { fn(TimeDomain::EventTime, key, ts); });
  impl_->processing.for_each(
      [&](KeyId key, Timestamp ts) { fn(TimeDomain::ProcessingTime, key, ts); });
}

void TimerService::reset(Timestamp watermark, Timestamp processing_time) {
  impl_->event.reset(watermark);
  impl_->processing.reset(processing_time);
}

Timestamp TimerService::next_event_timer() const { return impl_->event.earliest(); }

void TimerService::advance_watermark(Timestamp watermark, const Callback& on_timer) {
  KeyId key;
  Timestamp timestamp;
  while (impl_->event.pop(watermark, key, timestamp))
    on_timer(key, timestamp, TimeDomain::EventTime);
}

void TimerService::advance_processing_time(Timestamp now, const Callback& on_timer) {
  KeyId key;
  Timestamp timestamp;
  while (impl_->processing.pop(now, key, timestamp)) {
    on_timer(key, timestamp, TimeDomain::ProcessingTime);
  }
}

Timestamp TimerService::current_watermark() const { return impl_->event.current(); }
Timestamp TimerService::current_processing_time() const { return impl_->processing.current(); }
size_t TimerService::event_timer_count() const { return impl_->event.size(); }
size_t TimerService::processing_timer_count() const { return impl_->processing.size(); }
Timestamp TimerService::next_processing_timer() const { return impl_->processing.earliest(); }

size_t TimerService::memory_bytes() const {
  return sizeof(*this) + impl_->event.memory_bytes() + impl_->processing.memory_bytes();
}

Timestamp TimerService::round_down(Timestamp t, int64_t unit_ms) {
  if (unit_ms <= 1) return t;
  int64_t rem = t % unit_ms;  // C++ truncates towards zero: rem <= 0 for negative t
  if (rem < 0) rem += unit_ms;
  Timestamp floor;
  // Below the first whole unit of the int64 range there is no earlier multiple: stay at the
  // earliest representable time (still "never late").
  if (__builtin_sub_overflow(t, rem, &floor)) return kMinTimestamp;
  return floor;
}

Timestamp TimerService::next_watermark_timer() const {
  // After end of input (watermark kMaxTimestamp) there is no later time: a timer at
  // kMaxTimestamp is already due and fires at the next advance.
  Timestamp watermark = current_watermark();
  return watermark == kMaxTimestamp ? kMaxTimestamp : watermark + 1;
}

namespace {

constexpr char kMagic[4] = {'E', 'D', 'T', 'M'};
constexpr uint32_t kVersion = 1;
constexpr size_t kHeaderBytes = 40;
constexpr size_t kEntryBytes = 12;
constexpr size_t kChecksumBytes = 8;

// A multiply-xorshift over little-endian 64-bit words (the tail zero-padded) and the length.
// Each step is a bijection of the running state, so any change confined to one word, such as a
// flipped bit, always changes the result; ~1 ns per 8 bytes.
uint64_t checksum(std::string_view bytes) {
  uint64_t h = 0x243F6A8885A308D3ull ^ bytes.size();
  for (size_t i = 0; i < bytes.size(); i += 8) {
    uint64_t word = 0;
    for (size_t j = 0; j < 8 && i + j < bytes.size(); ++j) {
      word |= uint64_t(uint8_t(bytes[i + j])) << (8 * j);
    }
    h = (h ^ word) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 32;
  }
  return h;
}

// Little-endian writes at a cursor into a pre-sized buffer.
void put_le(char*& out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) *out++ = char((value >> (8 * i)) & 0xff);
}

uint64_t get_le(std::string_view in, size_t offset, int bytes) {
  uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value |= uint64_t(uint8_t(in[offset + size_t(i)])) << (8 * i);
  return value;
}

// Reads `count` entries at `offset`; false unless strictly increasing by (timestamp, key).
bool read_entries(std::string_view blob, size_t offset, uint64_t count,
                  std::vector<std::pair<Timestamp, KeyId>>& out) {
  out.reserve(count);
  for (uint64_t i = 0; i < count; ++i, offset += kEntryBytes) {
    std::pair<Timestamp, KeyId> entry{Timestamp(get_le(blob, offset, 8)),
                                      KeyId(get_le(blob, offset + 8, 4))};
    if (!out.empty() && !(out.back() < entry)) return false;
    out.push_back(entry);
  }
  return true;
}

}  // namespace

std::string TimerService::snapshot() const {
  auto event = impl_->event.sorted_timers();
  auto processing = impl_->processing.sorted_timers();
  std::string blob(kHeaderBytes + (event.size() + processing.size()) * kEntryBytes + kChecksumBytes,
                   '\0');
  char* out = blob.data();
  for (char c : kMagic) *out++ = c;
  put_le(out, kVersion, 4);
  put_le(out, uint64_t(current_watermark()), 8);
  put_le(out, uint64_t(current_processing_time()), 8);
  put_le(out, event.size(), 8);
  put_le(out, processing.size(), 8);
  for (const auto* timers : {&event, &processing}) {
    for (const auto& [timestamp, key] : *timers) {
      put_le(out, uint64_t(timestamp), 8);
      put_le(out, key, 4);
    }
  }
  put_le(out, checksum(std::string_view(blob).substr(0, blob.size() - kChecksumBytes)), 8);
  return blob;
}

bool TimerService::restore(std::string_view blob) {
  impl_->event.reset(kMinTimestamp);
  impl_->processing.reset(kMinTimestamp);
  if (blob.size() < kHeaderBytes + kChecksumBytes) return false;
  if (blob.substr(0, sizeof(kMagic)) != std::string_view(kMagic, sizeof(kMagic))) return false;
  if (get_le(blob, 4, 4) != kVersion) return false;
  // Counts are untrusted: bound each by the bytes actually present before multiplying.
  const size_t entry_bytes = blob.size() - kHeaderBytes - kChecksumBytes;
  uint64_t event_count = get_le(blob, 24, 8);
  uint64_t processing_count = get_le(blob, 32, 8);
  if (event_count > entry_bytes / kEntryBytes || processing_count > entry_bytes / kEntryBytes ||
      (event_count + processing_count) * kEntryBytes != entry_bytes) {
    return false;
  }
  std::string_view body = blob.substr(0, blob.size() - kChecksumBytes);
  if (get_le(blob, body.size(), 8) != checksum(body)) return false;

  std::vector<std::pair<Timestamp, KeyId>> event, processing;
  if (!read_entries(blob, kHeaderBytes, event_count, event) ||
      !read_entries(blob, kHeaderBytes + event_count * kEntryBytes, processing_count, processing)) {
    return false;
  }
  // Timers at or before the restored clocks are overdue: they fire at the next advance.
  impl_->event.reset(Timestamp(get_le(blob, 8, 8)));
  impl_->processing.reset(Timestamp(get_le(blob, 16, 8)));
  auto refill = [](TimerQueue& queue, const std::vector<std::pair<Timestamp, KeyId>>& timers) {
    KeyId max_key = 0;
    for (const auto& timer : timers) max_key = std::max(max_key, timer.second);
    queue.reserve(timers.size(), max_key);
    // In (timestamp, key) order the keys are scattered: look a few timers ahead.
    constexpr size_t kAhead = 16;
    for (size_t i = 0; i < timers.size(); ++i) {
      if (i + kAhead < timers.size()) {
        queue.prefetch(timers[i + kAhead].second, timers[i + kAhead].first);
      }
      queue.add(timers[i].second, timers[i].first);
    }
  };
  refill(impl_->event, event);
  refill(impl_->processing, processing);
  return true;
}

}  // namespace eddy
