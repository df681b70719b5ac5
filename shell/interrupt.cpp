#include "interrupt.h"

#include <atomic>
#include <csignal>

namespace eddy::shell {

namespace {

std::atomic<Query*> g_query{nullptr};
volatile std::sig_atomic_t g_interrupted = 0;
volatile std::sig_atomic_t g_interactive = 0;

void die_by_sigint() {
  std::signal(SIGINT, SIG_DFL);
  std::raise(SIGINT);
}

void on_sigint(int) {
  if (Query* query = g_query.load()) {
    if (query->cancelled()) die_by_sigint();
    query->cancel();
    return;
  }
  if (!g_interactive) die_by_sigint();
  g_interrupted = 1;
}

}  // namespace

void install_interrupt_handler(bool interactive) {
  g_interactive = interactive ? 1 : 0;
  struct sigaction action = {};
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: interrupt blocking reads
  sigaction(SIGINT, &action, nullptr);
}

RunningQuery::RunningQuery(Query& query) { g_query.store(&query); }

RunningQuery::~RunningQuery() { g_query.store(nullptr); }

bool take_interrupt() {
  if (!g_interrupted) return false;
  g_interrupted = 0;
  return true;
}

}  // namespace eddy::shell
