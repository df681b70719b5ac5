#!/usr/bin/env python3
"""Line editing in an interactive eddy session, on a pseudo-terminal: a statement typed over
several lines is one history entry (recalled whole), the history file (~/.eddy_history, or
$EDDY_HISTORY; none when not interactive), Ctrl-D on a continuation line, tab completion.

Usage: editing_test.py PATH/TO/eddy
"""

import os
import subprocess
import sys
import tempfile

import interactive_test
import terminal
from interactive_test import Pty, check

UP = b"\x10"  # Ctrl-P: the previous history entry (emacs bindings, whatever the terminal)


def session(workdir, env=None):
    """An eddy session at its first prompt. Without `env`, the environment of interactive_test's
    Pty (no history file); with it, exactly `env` plus TERM and LC_ALL."""
    if env is None:
        shell = Pty(cwd=workdir)
    else:
        shell = terminal.Pty([interactive_test.EDDY], workdir,
                             dict(env, TERM="dumb", LC_ALL="C.UTF-8"))
    found, text = shell.read_until(b"eddy> ")
    check("prompt appears", found, repr(text))
    return shell


def test_history(workdir):
    shell = session(workdir)  # history in memory only (EDDY_HISTORY="")
    shell.send(b".mode csv\r")
    shell.read_until(b"eddy> ")
    shell.send(b"SELECT 7\r")
    shell.read_until(b"...> ")
    shell.send(b"  AS seven -- a comment\r")
    shell.read_until(b"...> ")
    shell.send(b"  ;\r")
    found, text = shell.read_until(b"eddy> ")
    check("a statement over three lines runs", found and "seven\r\n7\r\n" in text, repr(text))
    shell.send(UP)
    found, text = shell.read_until(b"SELECT 7 AS seven ;")
    check("Up recalls the whole statement, on one line", found, repr(text))
    shell.send(b"\r")
    found, text = shell.read_until(b"eddy> ")
    check("the recalled statement runs", found and "seven\r\n7\r\n" in text, repr(text))
    shell.send_eof()
    check("Ctrl-D at an empty prompt exits", shell.wait() == 0)


def test_history_file(workdir):
    home = os.path.join(workdir, "home")
    os.makedirs(home, exist_ok=True)
    env = dict(os.environ, HOME=home)
    env.pop("EDDY_HISTORY", None)
    subprocess.run([interactive_test.EDDY, "-c", "SELECT 1"], cwd=workdir, check=True,
                   capture_output=True, env=env)
    subprocess.run([interactive_test.EDDY], input=b"SELECT 1;\n", cwd=workdir, check=True,
                   capture_output=True, env=env)
    check("no history file when not interactive", not os.listdir(home), repr(os.listdir(home)))

    shell = session(workdir, env)
    shell.send(b"SELECT 'kept'\r")
    shell.read_until(b"...> ")
    shell.send(b"AS word;\r")
    shell.read_until(b"eddy> ")
    shell.send_eof()
    shell.wait()
    path = os.path.join(home, ".eddy_history")
    content = open(path, encoding="utf-8", errors="replace").read() if os.path.exists(path) else ""
    check("the session's history is kept in $HOME/.eddy_history",
          "kept" in content and "word" in content, repr(content))

    shell = session(workdir, env)
    shell.send(UP)
    found, text = shell.read_until(b"AS word;")
    check("a new session recalls the last one's statement, whole", found, repr(text))
    shell.send(b"\r")
    found, text = shell.read_until(b"eddy> ")
    check("and runs it", found and "kept" in text, repr(text))
    shell.send_eof()
    shell.wait()


def test_ctrl_d_on_continuation(workdir):
    shell = session(workdir)
    shell.send(b".mode csv\r")
    shell.read_until(b"eddy> ")
    shell.send(b"SELECT 8\r")
    shell.read_until(b"...> ")
    shell.send(b"  AS\r")
    shell.read_until(b"...> ")
    shell.send_eof()
    found, text = shell.read_until(b"eddy> ")
    check("Ctrl-D on a continuation line says what it dropped and returns to the prompt",
          found and "(dropped unfinished statement: SELECT 8 AS)" in text, repr(text))
    shell.send(UP)
    shell.read_until(b"SELECT 8 AS")
    shell.send(b" eight;\r")
    found, text = shell.read_until(b"eddy> ")
    check("Up recalls the dropped statement", found and "eight\r\n8\r\n" in text, repr(text))
    shell.send_eof()
    check("a second Ctrl-D exits", shell.wait() == 0)


def test_completion(workdir):
    shell = session(workdir)
    shell.send(b".mo\t")
    found, text = shell.read_until(b".mode ")
    check("Tab completes a dot-command", found, repr(text))
    shell.send(b"csv\r")
    shell.read_until(b"eddy> ")
    with open(os.path.join(workdir, "people.csv"), "w") as f:
        f.write("ann,4\n")
    shell.send(b"CREATE STREAM people (user_name STRING, age INT) WITH ('connector' = 'file', "
               b"'path' = 'people.csv', 'format' = 'csv');\r")
    shell.read_until(b"eddy> ")
    shell.send(b"sel\t")
    found, text = shell.read_until(b"select ")
    check("Tab completes a keyword, in the case typed", found, repr(text))
    shell.send(b"ag\t")
    found, text = shell.read_until(b"age ")
    check("Tab completes a column of a stream", found, repr(text))
    shell.send(b"+ CHAR_LEN\t")
    found, text = shell.read_until(b"CHAR_LENGTH")
    check("Tab completes a function name", found, repr(text))
    shell.send(b"('ab') AS n FROM peo\t")
    found, text = shell.read_until(b"people ")
    check("Tab completes a stream name", found, repr(text))
    shell.send(b";\r")
    found, text = shell.read_until(b"eddy> ")
    check("the completed statement runs", found and "n\r\n6\r\n" in text, repr(text))
    shell.send_eof()
    check("exit after completion", shell.wait() == 0)


def main():
    if len(sys.argv) != 2:
        print("usage: editing_test.py PATH/TO/eddy")
        return 2
    interactive_test.EDDY = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="eddy-editing-") as workdir:
        test_history(workdir)
        test_history_file(workdir)
        test_ctrl_d_on_continuation(workdir)
        test_completion(workdir)
    if interactive_test.FAILURES:
        print("%d failed: %s" % (len(interactive_test.FAILURES),
                                 ", ".join(interactive_test.FAILURES)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
