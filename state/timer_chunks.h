// Storage for the timing wheel's slots (timer_queue.h): each slot is a singly linked list of
// fixed-size chunks taken from one pool per queue. A slot emptied by a cascade returns its
// chunks to the free list, where the next placements pick them up while they are still in
// cache; memory follows the pending entries instead of every slot keeping the capacity of its
// busiest moment, as per-slot vectors would. Private to the timer service.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace eddy::timer_detail {

struct alignas(64) Chunk {
  static constexpr uint32_t kCapacity = 41;  // fills 512 bytes
  Chunk* next;
  uint32_t count;
  uint64_t times[kCapacity];
  uint32_t keys[kCapacity];
};
static_assert(sizeof(Chunk) == 512);

class ChunkPool {
 public:
  // An empty chunk linked in front of `next`.
  Chunk* get(Chunk* next) {
    if (free_ == nullptr) grow();
    Chunk* chunk = free_;
    free_ = chunk->next;
    chunk->next = next;
    chunk->count = 0;
    return chunk;
  }

  void put(Chunk* chunk) {
    chunk->next = free_;
    free_ = chunk;
  }

  void put_list(Chunk* head) {
    while (head != nullptr) {
      Chunk* next = head->next;
      put(head);
      head = next;
    }
  }

  size_t memory_bytes() const { return allocated_ * sizeof(Chunk); }

 private:
  void grow() {
    // Slabs double up to 2 MB, so a small queue stays small and a big one allocates rarely.
    size_t n = std::clamp<size_t>(allocated_, 8, 4096);
    slabs_.emplace_back(new Chunk[n]);
    Chunk* slab = slabs_.back().get();
    for (size_t i = n; i-- > 0;) put(&slab[i]);  // hand out in address order
    allocated_ += n;
  }

  Chunk* free_ = nullptr;
  std::vector<std::unique_ptr<Chunk[]>> slabs_;
  size_t allocated_ = 0;
};

}  // namespace eddy::timer_detail
