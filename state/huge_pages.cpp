#include "state/huge_pages.h"

#include <algorithm>
#include <new>

#include <sys/mman.h>

namespace eddy {

namespace {

constexpr size_t kCacheLine = 64;
constexpr size_t kHugePage = 2 << 20;

size_t alignment(size_t bytes, size_t align) {
  return bytes >= kHugePage ? kHugePage : std::max(align, kCacheLine);
}

}  // namespace

void* allocate_large(size_t bytes, size_t align) {
  if (bytes < kHugePage)
    return ::operator new(std::max<size_t>(bytes, 1), std::align_val_t(alignment(bytes, align)));
  const size_t size = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = ::operator new(size, std::align_val_t(kHugePage));
  madvise(p, size, MADV_HUGEPAGE);  // advice: an error leaves 4 KB pages
  return p;
}

void free_large(void* p, size_t bytes, size_t align) {
  ::operator delete(p, std::align_val_t(alignment(bytes, align)));
}

}  // namespace eddy
