// Runs one benchmark case in a forked child process, so its peak memory is its own (the child's
// ru_maxrss, from wait4) and no state of one case (allocator arenas, page cache of the heap)
// carries into the next. The parent must be single-threaded (it only forks and waits).
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace eddy::bench {

// What a case measured (written by the child through a pipe; plain data only).
struct Measured {
  uint64_t events = 0;   // input events (rows read, or the Nexmark generator's event count)
  uint64_t results = 0;  // result rows (delivered to the caller or written to the sink)
  double seconds = 0;    // running the query, not planning it or writing its inputs
};

struct ChildOutcome {
  bool ok = false;
  Measured measured;
  double peak_rss_mb = 0;
  // The child's user + system CPU time (setup included): steadier than wall time on a busy
  // machine, where the child waits for a core.
  double cpu_seconds = 0;
};

// Forks, runs `run()` (returning Measured) in the child and collects it. A child that fails
// prints why on stderr and exits non-zero; the outcome is then !ok.
template <class Run>
ChildOutcome run_in_child(Run run) {
  ChildOutcome outcome;
  int fds[2];
  if (pipe(fds) != 0) return outcome;
  std::fflush(nullptr);  // nothing buffered may be written twice
  pid_t pid = fork();
  if (pid < 0) return outcome;
  if (pid == 0) {
    close(fds[0]);
    Measured measured = run();
    bool written = write(fds[1], &measured, sizeof measured) == ssize_t(sizeof measured);
    std::fflush(nullptr);
    _exit(written ? 0 : 1);
  }
  close(fds[1]);
  ssize_t got = 0;
  char* into = reinterpret_cast<char*>(&outcome.measured);
  while (got < ssize_t(sizeof(Measured))) {
    ssize_t n = read(fds[0], into + got, sizeof(Measured) - size_t(got));
    if (n <= 0) break;
    got += n;
  }
  close(fds[0]);
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) return outcome;
  outcome.ok = got == ssize_t(sizeof(Measured)) && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  outcome.peak_rss_mb = double(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
  auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
  outcome.cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  return outcome;
}

}  // namespace eddy::bench
