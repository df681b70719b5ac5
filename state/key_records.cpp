#include "state/key_records.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <new>

#include "state/huge_pages.h"

namespace eddy {

namespace {

constexpr size_t kCacheLine = 64;

}  // namespace

KeyRecords::Storage KeyRecords::allocate_zeroed(size_t bytes) {
  auto* p = static_cast<std::byte*>(allocate_large(bytes, alignof(std::max_align_t)));
  std::memset(p, 0, bytes);
  return Storage(p, RecordStorageFree{bytes});
}

void RecordStorageFree::operator()(std::byte* p) const {
  free_large(p, bytes, alignof(std::max_align_t));
}

const KeyRecords::Field& KeyRecords::add_field(size_t size, size_t align) {
  fields_.push_back({0, 0, uint32_t(size), uint32_t(std::max<size_t>(align, 1))});
  lay_out();
  return fields_.back();
}

void KeyRecords::lay_out() {
  // The old positions of the fields that existed (the last one is new: nothing to move).
  const std::deque<Field> before(fields_.begin(), fields_.end() - 1);
  const size_t old_stride = stride_;
  size_t end = fields_.size();
  for (size_t i = 0; i < fields_.size(); ++i) {
    Field& field = fields_[i];
    end = (end + field.align - 1) / field.align * field.align;
    field.offset = uint32_t(end);
    field.presence = uint32_t(i);
    end += field.size;
  }
  // A record of at most a cache line is padded to a power of two (no record then straddles two
  // lines) when that wastes at most a quarter of it; more would cost memory than it saves.
  end = (end + 7) / 8 * 8;
  const size_t padded = std::bit_ceil(end);
  stride_ = end <= kCacheLine && (padded - end) * 4 <= end ? padded : end;
  if (capacity_ == 0) return;
  Storage moved = allocate_zeroed(capacity_ * stride_);
  for (size_t key = 0; key < capacity_; ++key) {
    const std::byte* from = data_.get() + key * old_stride;
    std::byte* to = moved.get() + key * stride_;
    for (size_t i = 0; i < before.size(); ++i) {
      std::memcpy(to + fields_[i].offset, from + before[i].offset, before[i].size);
      to[fields_[i].presence] = from[before[i].presence];
    }
  }
  data_ = std::move(moved);
}

void KeyRecords::resize(size_t keys) {
  if (keys <= capacity_) return;
  Storage grown = allocate_zeroed(keys * stride_);
  if (capacity_ > 0) std::memcpy(grown.get(), data_.get(), capacity_ * stride_);
  data_ = std::move(grown);
  capacity_ = keys;
}

}  // namespace eddy
