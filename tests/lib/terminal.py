"""A program on a pseudo-terminal, and what a terminal would show of its output.

Used by the interactive shell tests (tests/shell/interactive_test.py, editing_test.py) and by
the doc-test runner for `eddy>` sessions (tests/docs/run_doc_examples.py).
"""

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time


class Pty:
    """`argv` run on a pseudo-terminal of `size` (rows, columns) with exactly `env`."""

    def __init__(self, argv, cwd=None, env=None, size=None):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            if cwd:
                os.chdir(cwd)
            os.execve(argv[0], list(argv), env if env is not None else dict(os.environ))
        if size:
            fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
        self.output = b""

    def read_until(self, needle, timeout=10.0):
        """Reads until `needle` (bytes) appears after what was consumed; returns (found, the text
        read, up to and including the needle)."""
        deadline = time.time() + timeout
        while needle not in self.output:
            remaining = deadline - time.time()
            if remaining <= 0:
                break
            ready, _, _ = select.select([self.fd], [], [], min(remaining, 0.1))
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                self.output += chunk
        found = needle in self.output
        if found:
            end = self.output.index(needle) + len(needle)
            text, self.output = self.output[:end], self.output[end:]
        else:
            text, self.output = self.output, b""
        return found, text.decode("utf-8", errors="replace")

    def send(self, data):
        os.write(self.fd, data)

    def wait_for_editor(self, timeout=10.0):
        """Waits until the line editor owns the terminal (raw mode). libedit writes its prompt
        before it switches; what is typed in that gap goes through the terminal's cooked mode:
        echoed twice, and a Ctrl-D reaches the editor as a NUL."""
        deadline = time.time() + timeout
        while termios.tcgetattr(self.fd)[3] & termios.ICANON and time.time() < deadline:
            time.sleep(0.005)

    def send_eof(self):
        """Types Ctrl-D at the line editor's prompt."""
        self.wait_for_editor()
        os.write(self.fd, b"\x04")

    def wait(self, timeout=10.0):
        """The exit status, or None after killing the program when it runs past `timeout`."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            try:  # keep draining so the child never blocks on a full terminal
                ready, _, _ = select.select([self.fd], [], [], 0.05)
                if ready:
                    os.read(self.fd, 4096)
            except OSError:
                time.sleep(0.05)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        return None


TOKEN = re.compile(r"\x1b\[(\d*)([A-Za-z])|\r\n|\n|\r|[^\x1b\r\n]+|\x1b")


def screen_lines(text):
    """The lines a terminal shows after `text`: carriage returns, newlines, cursor up
    (ESC [ n A) and erase below / to the end of the line (ESC [ J, ESC [ K), which the shell's
    live table and status line use; other escape sequences are dropped."""
    lines, row, col = [""], 0, 0
    for m in TOKEN.finditer(text):
        token = m.group(0)
        if m.group(2):
            n = int(m.group(1) or 1)
            if m.group(2) == "A":
                row = max(0, row - n)
            elif m.group(2) in "JK":
                lines[row] = lines[row][:col]
                if m.group(2) == "J":
                    del lines[row + 1:]
        elif token in ("\r\n", "\n"):
            row, col = row + 1, 0
            if row == len(lines):
                lines.append("")
        elif token == "\r":
            col = 0
        elif token != "\x1b":
            line = lines[row].ljust(col)
            lines[row] = line[:col] + token + line[col + len(token):]
            col += len(token)
    return lines
