// The fixed-size values of one KeyedState (every FixedState it declares), stored as one record
// per key: a key's timestamps, counters and accumulators sit side by side, so an operator that
// touches several of them for a key (a timeout's last row time, start and count) misses the
// cache once, not once per state and again for each state's presence flag.
//
// A record is one presence byte per field followed by the fields in declaration order, each at
// its alignment. A byte rather than a bit, so that setting a value is two plain stores: a new
// key's first write does not wait for its cache line (a bit's read-modify-write would). States
// are declared before keys arrive, but a field added later re-lays the records out; a field's
// position is read through its Field, which the layout updates in place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>

#include "state/prefetch.h"

namespace eddy {

// Frees KeyRecords' storage (allocate_large, state/huge_pages.h).
struct RecordStorageFree {
  size_t bytes = 0;
  void operator()(std::byte* p) const;
};

class KeyRecords {
 public:
  struct Field {
    uint32_t offset = 0;    // of the value in a record
    uint32_t presence = 0;  // of the field's presence byte
    uint32_t size = 0, align = 0;
  };

  // A new field of `size` bytes at `align`; the reference stays valid while the records live.
  const Field& add_field(size_t size, size_t align);
  // Makes room for keys < `keys` (new records are absent in every field).
  void resize(size_t keys);

  std::byte* record(uint32_t key) const { return data_.get() + size_t(key) * stride_; }
  // Starts loading the key's record: one line, or two when it straddles a line boundary.
  void prefetch(uint32_t key) const {
    const std::byte* first = record(key);
    prefetch_line(first);
    prefetch_line(first + stride_ - 1);
  }
  bool present(uint32_t key, const Field& field) const {
    return record(key)[field.presence] != std::byte{0};
  }
  void set_present(uint32_t key, const Field& field) { record(key)[field.presence] = std::byte{1}; }
  void clear_present(uint32_t key, const Field& field) {
    record(key)[field.presence] = std::byte{0};
  }
  template <class T>
  T* value(uint32_t key, const Field& field) const {
    return reinterpret_cast<T*>(record(key) + field.offset);
  }

  size_t stride() const { return stride_; }
  size_t memory_bytes() const { return capacity_ * stride_; }

 private:
  // Places every field (presence bytes first) and moves the existing records to the new layout.
  void lay_out();

  using Storage = std::unique_ptr<std::byte[], RecordStorageFree>;
  static Storage allocate_zeroed(size_t bytes);
  std::deque<Field> fields_;  // a deque: FixedStates keep references to their Field
  size_t stride_ = 0;
  size_t capacity_ = 0;  // records allocated
  Storage data_;
};

}  // namespace eddy
