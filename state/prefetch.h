// Starts loading a cache line that a lookup a few steps ahead will read, so misses on large
// state overlap instead of queueing.
#pragma once

namespace eddy {

// GCC 12 treats a function that only calls __builtin_prefetch as pure and drops calls to it as
// dead code (KeyIndex's prefetch vanished that way), so on x86 the instruction is spelled out.
inline void prefetch_line(const void* p) {
#if defined(__x86_64__) || defined(__i386__)
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
#else
  __builtin_prefetch(p);
#endif
}

}  // namespace eddy
