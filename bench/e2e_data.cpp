#include "e2e_data.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include <fmt/format.h>
#include <unistd.h>

namespace eddy::bench {

namespace {

constexpr int64_t kStartMs = 1704067200000LL;  // 2024-01-01 00:00:00 UTC

struct Lcg {
  uint64_t state;
  uint64_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  }
};

std::FILE* create(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) {
    fmt::print(stderr, "error: cannot write {}\n", path);
    std::exit(1);
  }
  return f;
}

// "YYYY-MM-DD hh:mm:ss.mmm" into `out` (kTimeText bytes: room for any year).
constexpr size_t kTimeText = 48;

void format_time(int64_t ms, char* out) {
  std::time_t secs = ms / 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::snprintf(out, kTimeText, "%04d-%02d-%02d %02d:%02d:%02d.%03d", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, int(ms % 1000));
}

// Writes to a temporary name and renames, so an interrupted run leaves no half file behind (and
// two runs writing the same file at once do not write into one).
template <class Write>
std::string write_once(const std::string& path, Write write) {
  if (std::filesystem::exists(path)) return path;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::string partial = fmt::format("{}.partial.{}", path, getpid());
  std::FILE* f = create(partial);
  write(f);
  std::fclose(f);
  std::filesystem::rename(partial, path);
  return path;
}

}  // namespace

std::string data_dir() { return "/tmp/eddy_bench"; }

std::string make_events_csv(const std::string& name, uint64_t rows, uint64_t users,
                            uint64_t step_us, int jitter_ms, uint64_t seed) {
  return write_once(data_dir() + "/" + name + ".csv", [&](std::FILE* f) {
    std::fputs("uid,ts\n", f);
    Lcg rng{seed};
    char time[kTimeText];
    for (uint64_t i = 0; i < rows; ++i) {
      uint64_t user = rng.next() % users;
      int64_t jitter = int64_t(rng.next() % uint64_t(jitter_ms + 1));
      format_time(kStartMs + int64_t(i * step_us / 1000) + jitter, time);
      std::fprintf(f, "user_%llu,%s\n", (unsigned long long)user, time);
    }
  });
}

std::string core_events_csv(uint64_t rows) {
  return make_events_csv(fmt::format("events_{}", rows), rows, 100'000, 1000, 3000, 1);
}

std::string join_left_csv(uint64_t rows) {
  return make_events_csv(fmt::format("join_left_{}", rows), rows / 2, 200'000, 1000, 3000, 2);
}

std::string join_right_csv(uint64_t rows) {
  // 0.45 * rows over the left's time span: 1000 / 0.9 us apart.
  return make_events_csv(fmt::format("join_right_{}", rows), rows * 45 / 100, 200'000, 1111, 3000,
                         3);
}

void make_filter_csv(const std::string& path, uint64_t rows) {
  write_once(path, [&](std::FILE* f) {
    std::fputs("id,price,name,ts\n", f);
    Lcg rng{42};
    char time[kTimeText];
    for (uint64_t i = 0; i < rows; ++i) {
      unsigned price = unsigned(rng.next() % 10000);
      uint64_t user = rng.next() % 100000;
      format_time(1700000000000LL + int64_t(i) * 10, time);
      std::fprintf(f, "%llu,%u.%02u,user_%llu,%s\n", (unsigned long long)i, price / 100,
                   price % 100, (unsigned long long)user, time);
    }
  });
}

}  // namespace eddy::bench
