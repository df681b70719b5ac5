// Ctrl-C handling. SIGINT is installed without SA_RESTART, so a blocking read (the line editor,
// a stdin source) returns EINTR instead of resuming.
//   - while a query runs: the query is cancelled (Query::cancel is async-signal-safe); a second
//     Ctrl-C before it has stopped ends the process, in case cancelling is stuck;
//   - interactive, no query: the interrupt is remembered (the prompt clears its input line, a
//     running .read stops);
//   - a script, no query: the process ends, as it would without a handler.
#pragma once

#include "eddy/engine.h"

namespace eddy::shell {

void install_interrupt_handler(bool interactive);

// Marks `query` as the one Ctrl-C cancels, for the guard's lifetime.
class RunningQuery {
 public:
  explicit RunningQuery(Query& query);
  ~RunningQuery();
  RunningQuery(const RunningQuery&) = delete;
  RunningQuery& operator=(const RunningQuery&) = delete;
};

// True once after a Ctrl-C that arrived while no query was running.
bool take_interrupt();

}  // namespace eddy::shell
