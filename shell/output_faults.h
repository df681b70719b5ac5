// Faults of the output the shell writes to. A reader that went away (`eddy ... | head -1`) ends
// eddy quietly with exit status 0, as other Unix tools do; a file-size limit (`ulimit -f`) makes
// writes fail with EFBIG instead of killing the process, so a sink names the file it could not
// write, and standard output that could not be written is an error at the end.
#pragma once

namespace eddy::shell {

// SIGPIPE: exit 0 when standard output's reader is gone, else the write fails with EPIPE (a
// sink's FIFO: the sink reports it). SIGXFSZ: ignored.
void install_output_fault_handlers();

// After the run: true when standard output took everything written to it; otherwise prints an
// error to stderr and returns false.
bool standard_output_ok();

}  // namespace eddy::shell
