#!/usr/bin/env python3
"""Runs a shell transcript test (cram-style) against the eddy binary.

A transcript (*.t) interleaves commentary with commands and their expected output:

    Commentary lines start in column 0 and are ignored.

      $ eddy --mode csv -c "SELECT 1 AS a"
      a
      1
      $ printf 'SELECT 1;\\n' \\
      >   | eddy --mode csv
      ...
      [1]

Commands are indented two spaces and start with `$ ` (continuation lines with `> `); each runs
with bash in a temporary directory shared by the whole file, `eddy` on PATH, stderr merged into
stdout. The expected output follows, indented two spaces. A non-zero exit status is written as
`[N]` after the output. A line ending in ` (re)` is a Python regular expression matched against
the whole actual line; output without a final newline ends with ` (no-eol)`.

Usage: run_transcript.py --eddy PATH [--update] FILE.t
On a mismatch it prints a diff and exits 1; --update rewrites the file with the actual output.
"""

import argparse
import difflib
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from cram import line_matches, run_bash  # noqa: E402

INDENT = "  "


def parse(lines):
    """Yields ("text", line) or ("command", [command lines], [expected lines])."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(INDENT + "$ "):
            command = [line[len(INDENT) + 2:]]
            i += 1
            while i < len(lines) and lines[i].startswith(INDENT + "> "):
                command.append(lines[i][len(INDENT) + 2:])
                i += 1
            expected = []
            while (i < len(lines) and lines[i].startswith(INDENT)
                   and not lines[i].startswith(INDENT + "$ ")):
                expected.append(lines[i][len(INDENT):])
                i += 1
            yield ("command", command, expected)
        else:
            yield ("text", line)
            i += 1


def run(command, cwd, env):
    actual, status = run_bash("\n".join(command), cwd, env)
    if status != 0:
        actual.append("[%d]" % status)
    return actual


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--eddy", required=True)
    parser.add_argument("--update", action="store_true")
    parser.add_argument("transcript")
    args = parser.parse_args()

    with open(args.transcript, encoding="utf-8") as f:
        original = f.read().split("\n")
    if original and original[-1] == "":
        original.pop()

    env = dict(os.environ)
    env["PATH"] = os.path.dirname(os.path.abspath(args.eddy)) + os.pathsep + env.get("PATH", "")
    env["EDDY_HISTORY"] = ""
    env["LC_ALL"] = "C.UTF-8"
    env["TESTDIR"] = os.path.dirname(os.path.abspath(args.transcript))

    result = []
    with tempfile.TemporaryDirectory(prefix="eddy-transcript-") as cwd:
        for item in parse(original):
            if item[0] == "text":
                result.append(item[1])
                continue
            _, command, expected = item
            actual = run(command, cwd, env)
            result.append(INDENT + "$ " + command[0])
            result.extend(INDENT + "> " + line for line in command[1:])
            if len(expected) == len(actual):
                # Lines that match keep their expected spelling ((re) lines stay patterns), so
                # a diff shows only the lines that differ.
                actual = [e if line_matches(e, a) else a for e, a in zip(expected, actual)]
            result.extend(INDENT + line for line in actual)

    if result == original:
        return 0
    if args.update:
        with open(args.transcript, "w", encoding="utf-8") as f:
            f.write("\n".join(result) + "\n")
        print("updated " + args.transcript)
        return 0
    sys.stdout.writelines(difflib.unified_diff(
        [l + "\n" for l in original], [l + "\n" for l in result],
        args.transcript, args.transcript + " (actual)"))
    return 1


if __name__ == "__main__":
    sys.exit(main())
