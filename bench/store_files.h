// Checkpoint store files for benchmarks: a fresh path in the temp directory, and removal of the
// store with its WAL and shared-memory files.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace eddy::bench {

inline void remove_store(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

inline std::string fresh_store_path(const char* name) {
  std::string path = std::filesystem::temp_directory_path() /
                     ("eddy_bench_" + std::to_string(::getpid()) + "_" + name + ".db");
  remove_store(path);
  return path;
}

}  // namespace eddy::bench
