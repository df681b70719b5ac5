"""What the cram-style runners share: running a command and matching its output.

Used by tests/shell/run_transcript.py (shell transcripts) and tests/docs/run_doc_examples.py
(the examples in README.md and docs/). A command runs with bash, stderr merged into stdout; its
output is a list of lines, the last one marked ` (no-eol)` when the output does not end in a
newline. An expected line ending in ` (re)` is a Python regular expression for the whole line.
"""

import re
import subprocess


def run_bash(script, cwd, env, timeout=120):
    """Runs `script` with bash; returns (output lines, exit status)."""
    proc = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    text = proc.stdout.decode("utf-8", errors="replace")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    elif lines:
        lines[-1] += " (no-eol)"
    return lines, proc.returncode


def line_matches(expected, actual):
    if expected == actual:
        return True
    if expected.endswith(" (re)"):
        try:
            return re.fullmatch(expected[:-5], actual) is not None
        except re.error:
            return False
    return False
