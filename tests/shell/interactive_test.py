#!/usr/bin/env python3
"""Tests of the eddy shell that need a live process: an interactive session through a
pseudo-terminal (prompts, multi-line statements, errors that do not end the session, Ctrl-C,
Ctrl-D), results streaming while input is still open, and Ctrl-C cancelling a running query.

Usage: interactive_test.py PATH/TO/eddy
"""

import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import terminal  # noqa: E402

EDDY = None
FAILURES = []


def check(name, condition, detail=""):
    if condition:
        print("ok   " + name)
    else:
        print("FAIL " + name + ("\n" + detail if detail else ""))
        FAILURES.append(name)


class Pty(terminal.Pty):
    """An eddy process on a pseudo-terminal, with no history file."""

    def __init__(self, args=(), cwd=None, size=None):
        env = dict(os.environ, EDDY_HISTORY="", TERM="dumb", LC_ALL="C.UTF-8")
        super().__init__([EDDY] + list(args), cwd, env, size)


def interrupt_until_prompt(shell):
    """Sends Ctrl-C until the prompt comes back. On a loaded machine a Ctrl-C can land in a gap
    where nothing reads it yet (between writing the prompt and the line editor reading, or
    before a query installs its handler); another one at the prompt does nothing."""
    seen = ""
    for _ in range(5):
        shell.send(b"\x03")
        found, text = shell.read_until(b"eddy> ", timeout=2.0)
        seen += text
        if found:
            return True, seen
    return False, seen


def test_interactive_session(workdir):
    shell = Pty(cwd=workdir)
    found, text = shell.read_until(b"eddy> ")
    check("prompt appears", found, text)

    shell.send(b".mode csv\r")
    shell.read_until(b"eddy> ")
    shell.send(b"SELECT 1 AS a;\r")
    found, text = shell.read_until(b"eddy> ")
    check("query prints its result", found and "a\r\n1\r\n" in text, repr(text))

    shell.send(b"SELECT 2\r")
    found, text = shell.read_until(b"...> ")
    check("continuation prompt for an unfinished statement", found, repr(text))
    shell.send(b"  AS b;\r")
    found, text = shell.read_until(b"eddy> ")
    check("multi-line statement runs", found and "b\r\n2\r\n" in text, repr(text))

    shell.send(b"SELEC 1;\r")
    found, text = shell.read_until(b"eddy> ")
    check("error is printed and the session continues", found and "error:" in text, repr(text))

    shell.send(b"SELECT 3\r")
    shell.read_until(b"...> ")
    time.sleep(0.3)
    found, text = interrupt_until_prompt(shell)
    check("Ctrl-C at the prompt drops the pending statement", found, repr(text))
    shell.send(b"SELECT 4 AS d;\r")
    found, text = shell.read_until(b"eddy> ")
    check("after Ctrl-C a new statement starts", found and "d\r\n4\r\n" in text, repr(text))

    shell.send_eof()
    status = shell.wait()
    check("Ctrl-D exits with status 0", status == 0, "status %r" % status)


def test_interrupt_running_query(workdir):
    """Ctrl-C cancels a query that would never end and returns to the prompt."""
    shell = Pty(cwd=workdir)
    shell.read_until(b"eddy> ")
    shell.send(b".mode csv\r")
    shell.read_until(b"eddy> ")
    shell.send(b"CREATE STREAM lines (line STRING) WITH ('connector' = 'stdin', "
               b"'format' = 'csv');\r")
    shell.read_until(b"eddy> ")
    shell.send(b"SELECT line FROM lines;\r")
    found, text = shell.read_until(b"line\r\n")
    check("continuous query over the terminal starts", found, repr(text))
    time.sleep(0.3)
    found, text = interrupt_until_prompt(shell)
    check("Ctrl-C cancels the running query", found, repr(text))
    shell.send(b"SELECT 5 AS e;\r")
    found, text = shell.read_until(b"eddy> ")
    check("the shell goes on after a cancelled query", found and "e\r\n5\r\n" in text, repr(text))
    shell.send_eof()
    check("exit after a cancelled query", shell.wait() == 0)


def test_streaming_output(workdir):
    """Rows are printed while the input is still open."""
    proc = subprocess.Popen(
        [EDDY, "--mode", "csv", "-c",
         "CREATE STREAM lines (line STRING) WITH ('connector' = 'stdin', 'format' = 'csv'); "
         "SELECT line FROM lines"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=workdir)
    proc.stdin.write(b"first\n")
    proc.stdin.flush()
    deadline = time.time() + 10
    buffer = b""
    while time.time() < deadline and b"first\n" not in buffer:
        ready, _, _ = select.select([proc.stdout], [], [], 0.1)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                break
            buffer += chunk
    check("a row is printed before the input ends", b"line\nfirst\n" in buffer, repr(buffer))
    proc.stdin.write(b"second\n")
    proc.stdin.close()
    proc.stdin = None  # communicate() must not touch the closed pipe
    rest, err = proc.communicate(timeout=10)
    check("the query ends with its input", proc.returncode == 0 and (buffer + rest).endswith(
        b"first\nsecond\n"), repr((proc.returncode, buffer, rest, err)))

    # SIGINT stops a script's continuous query: the output so far is kept, status 130.
    proc = subprocess.Popen(
        [EDDY, "--mode", "csv", "-c",
         "CREATE STREAM lines (line STRING) WITH ('connector' = 'stdin', 'format' = 'csv'); "
         "SELECT line FROM lines"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=workdir)
    proc.stdin.write(b"only\n")
    proc.stdin.flush()
    buffer = b""
    deadline = time.time() + 10
    while time.time() < deadline and b"only\n" not in buffer:
        ready, _, _ = select.select([proc.stdout], [], [], 0.1)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                break
            buffer += chunk
    proc.send_signal(signal.SIGINT)
    stdin, proc.stdin = proc.stdin, None  # kept open: only the signal may end the query
    try:
        rest, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        rest, err = proc.communicate()
    stdin.close()
    check("SIGINT cancels a script's query with status 130",
          proc.returncode == 130 and b"only\n" in buffer, repr((proc.returncode, buffer, err)))


def test_table_mode_redraws(workdir):
    """An updating result on a terminal is a table redrawn in place as it changes, then the
    final table; a status line on stderr says how the query is doing and is erased at the end."""
    shell = Pty(cwd=workdir, size=(24, 100))
    shell.read_until(b"eddy> ")
    shell.send(b"CREATE STREAM ticks (n BIGINT) WITH ('connector' = 'datagen', "
               b"'rows-per-second' = '40', 'fields.n.kind' = 'sequence', 'fields.n.start' = '1');\r")
    shell.read_until(b"eddy> ")
    shell.send(b"SELECT n % 3 AS k, COUNT(*) AS c FROM ticks GROUP BY n % 3;\r")
    found, text = shell.read_until(b"rows, running)", timeout=10)
    check("table mode draws the table while the query runs", found, repr(text))
    time.sleep(1.5)
    found, text = interrupt_until_prompt(shell)
    check("Ctrl-C ends the table-mode query", found, repr(text))
    # Redraws move the cursor back up over the previous drawing and clear it.
    check("the table is redrawn in place", re.search(r"\x1b\[\d+A\r\x1b\[J", text) is not None,
          repr(text[-2000:]))
    check("the status line shows rows read", "rows read" in text and "out" in text,
          repr(text[-2000:]))
    final = text[text.rfind("\x1b[J"):]
    check("the final table has one row per key and no op column",
          final.count("│ ") >= 4 and "op" not in final and "+U" not in final, repr(final))
    check("the status line is erased before the final table",
          "rows read" not in final, repr(final))
    shell.send_eof()
    shell.wait()


def test_screen_width(workdir):
    """Box output fits the terminal: a wide value is cut with '…'; escapes show newlines."""
    shell = Pty(cwd=workdir, size=(24, 40))
    shell.read_until(b"eddy> ")
    shell.send(b"SELECT 'a value far too wide for a terminal of forty columns' AS v, "
               b"'two' || CHR(10) || 'lines' AS w;\r")
    found, text = shell.read_until(b"eddy> ")
    box = [line for line in terminal.screen_lines(text) if line[:1] in "┌│├└"]
    check("a box is printed", found and len(box) == 5, repr(text))
    check("every box line fits 40 columns", all(len(line) <= 40 for line in box), repr(box))
    check("the wide value is cut with an ellipsis", any("…" in line for line in box), repr(box))
    check("a newline in a value is shown escaped", "two\\nlines" in text or "two\\nl" in text,
          repr(text))
    shell.send(b".maxwidth 0\r")
    shell.read_until(b"eddy> ")
    shell.send(b"SELECT 'a value far too wide for a terminal of forty columns' AS v;\r")
    found, text = shell.read_until(b"eddy> ")
    check(".maxwidth 0 lifts the limit", "forty columns" in text, repr(text))
    shell.send_eof()
    shell.wait()


def test_header_at_once(workdir):
    """A continuous query that has no rows yet shows its box header at once."""
    shell = Pty(cwd=workdir, size=(24, 80))
    shell.read_until(b"eddy> ")
    shell.send(b"CREATE STREAM lines (line STRING) WITH ('connector' = 'stdin', "
               b"'format' = 'csv');\r")
    shell.read_until(b"eddy> ")
    shell.send(b"SELECT line FROM lines;\r")
    found, text = shell.read_until(b"line", timeout=5)
    found2, more = shell.read_until("├".encode(), timeout=5)
    check("the header of a continuous query appears before any row", found and found2,
          repr(text + more))
    time.sleep(0.3)
    interrupt_until_prompt(shell)
    shell.send_eof()
    shell.wait()


def main():
    global EDDY
    if len(sys.argv) != 2:
        print("usage: interactive_test.py PATH/TO/eddy")
        return 2
    EDDY = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="eddy-interactive-") as workdir:
        test_interactive_session(workdir)
        test_interrupt_running_query(workdir)
        test_streaming_output(workdir)
        test_table_mode_redraws(workdir)
        test_screen_width(workdir)
        test_header_at_once(workdir)
    if FAILURES:
        print("%d failed: %s" % (len(FAILURES), ", ".join(FAILURES)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
