#include "output_faults.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

namespace eddy::shell {

namespace {

void on_sigpipe(int) {
  const int saved = errno;
  // A pipe whose reader has closed polls as POLLERR on the writing end. poll and _exit are
  // async-signal-safe; what stdio still buffers has no reader anyway.
  pollfd out{STDOUT_FILENO, 0, 0};
  if (::poll(&out, 1, 0) == 1 && (out.revents & POLLERR)) _exit(0);
  errno = saved;
}

}  // namespace

void install_output_fault_handlers() {
  struct sigaction action = {};
  action.sa_handler = on_sigpipe;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGPIPE, &action, nullptr);
  std::signal(SIGXFSZ, SIG_IGN);
}

bool standard_output_ok() {
  errno = 0;
  if (std::fflush(stdout) == 0 && !std::ferror(stdout)) return true;
  const int error = errno;
  if (error == EPIPE) return true;  // the reader went away: not an error (see above)
  std::fprintf(stderr, "error: cannot write to standard output%s%s\n", error ? ": " : "",
               error ? std::strerror(error) : " (disk full or file size limit?)");
  return false;
}

}  // namespace eddy::shell
