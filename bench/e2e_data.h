// Input files of the benchmark table (bench/e2e.cpp), generated deterministically so that eddy
// and DuckDB (bench/duckdb/) read the same bytes. Each is written once under /tmp/eddy_bench and
// reused while it exists (delete the directory to regenerate).
#pragma once

#include <cstdint>
#include <string>

namespace eddy::bench {

// The directory the inputs and the file workloads' outputs go to.
std::string data_dir();

// `rows` lines of `uid,ts` (with a header): uid `user_<n>` drawn from `users` users, ts starting
// at 2024-01-01 00:00:00 and `step_us` microseconds apart (rounded down to ms) plus a jitter of
// 0..`jitter_ms` ms, so rows are out of order by up to `jitter_ms` (a watermark that delay behind
// the largest time seen makes no row late). Returns the path (`name`.csv in data_dir()).
std::string make_events_csv(const std::string& name, uint64_t rows, uint64_t users,
                            uint64_t step_us, int jitter_ms, uint64_t seed);

// The core input: `rows` events (3M), 100K users, 1 ms apart, jitter up to 3 s.
std::string core_events_csv(uint64_t rows);
// The interval join's inputs: rows/2 and rows*0.45 events (1.5M and 1.35M for 3M) over 200K
// keys spanning the same time (`rows`/2 seconds / 1000), jitter up to 3 s.
std::string join_left_csv(uint64_t rows);
std::string join_right_csv(uint64_t rows);

// Writes `rows` lines of id,price,name,ts (about 50 bytes a line) to `path` unless it exists.
void make_filter_csv(const std::string& path, uint64_t rows);

}  // namespace eddy::bench
