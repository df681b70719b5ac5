// Memory for large per-key arrays that operators visit in random key order: key records, the
// key index's slots, timer slots, row lists. On 4 KB pages a visit to a large one misses the TLB
// as well as the cache, and a software prefetch hides a page walk poorly, so arrays of 2 MB and
// more ask for transparent huge pages (which the kernel gives on request in its 'madvise' mode,
// Debian's default); smaller ones are plain, cache-line aligned allocations.
#pragma once

#include <cstddef>
#include <vector>

namespace eddy {

// `bytes` at least `align`-aligned (huge-page aligned and advised from 2 MB on), freed by
// free_large with the same size.
void* allocate_large(size_t bytes, size_t align);
void free_large(void* p, size_t bytes, size_t align);

template <class T>
struct LargeArrayAllocator {
  using value_type = T;
  LargeArrayAllocator() = default;
  template <class U>
  LargeArrayAllocator(const LargeArrayAllocator<U>&) {}
  T* allocate(size_t n) { return static_cast<T*>(allocate_large(n * sizeof(T), alignof(T))); }
  void deallocate(T* p, size_t n) { free_large(p, n * sizeof(T), alignof(T)); }
  friend bool operator==(const LargeArrayAllocator&, const LargeArrayAllocator&) { return true; }
};

// A vector indexed by key id that grows large.
template <class T>
using LargeVector = std::vector<T, LargeArrayAllocator<T>>;

}  // namespace eddy
