#!/usr/bin/env python3
"""Checks run_doc_examples.py itself: what passes, what fails and how it says so.

Each case is a small markdown page in a throwaway repository whose `build/eddy` is a shell
script, run through the runner; the exit status and the runner's report are checked.
Usage: runner_test.py
"""

import os
import subprocess
import sys
import tempfile
import textwrap

RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run_doc_examples.py")
FENCE = "```"

PASSING = """\
# A page whose examples all pass

<!-- doctest: file greeting.sql -->
FENCE sql
SELECT 'hello';
FENCE

An example may use a file declared further down the page (data.csv):

FENCE text
$ build/eddy greeting.sql data.csv
eddy greeting.sql data.csv
$ cat greeting.sql
SELECT 'hello';
$ printf 'a\\nb\\n' | build/eddy -c "
SELECT 1;
SELECT 2"
eddy -c 
SELECT 1;
SELECT 2
FENCE

<!-- doctest: file data.csv -->
FENCE console
$ cat data.csv
k,v
a,1
FENCE

<!-- doctest: file nested/dir/x.txt -->
FENCE
x
FENCE

FENCE text
$ cat > notes.txt <<'END'
one
two
END
$ cat notes.txt; cat nested/dir/x.txt; echo "exit status $?"
one
two
x
exit status 0
$ echo scratch > examples/new.txt && ls examples; echo done
new.txt
ours.txt
done
FENCE

<!-- doctest: continue -->
<!-- doctest: vary \\d\\d:\\d\\d:\\d\\d -->
FENCE text
$ cat notes.txt examples/new.txt; date +%H:%M:%S; seq 1 5; echo 'id 42'
one
two
scratch
12:00:00
1
...
5
id \\d+ (re)
$ false

FENCE

<!-- doctest: skip needs a terminal -->
FENCE text
$ build/eddy
eddy>
FENCE
"""

FAILING = """\
# A page with a wrong example

FENCE text
$ echo one; echo two
one
three
$ echo fine
fine
FENCE
"""


def make_repo(root, pages):
    for directory in ("build", "examples", "docs"):
        os.makedirs(os.path.join(root, directory))
    with open(os.path.join(root, "examples", "ours.txt"), "w") as f:
        f.write("repository file\n")
    eddy = os.path.join(root, "build", "eddy")
    with open(eddy, "w") as f:
        f.write('#!/bin/sh\necho "eddy $*"\n')
    os.chmod(eddy, 0o755)
    for name, text in pages.items():
        with open(os.path.join(root, name), "w", encoding="utf-8") as f:
            f.write(text.replace("FENCE", FENCE))
    return eddy


def run(root, eddy, *pages):
    proc = subprocess.run([sys.executable, RUNNER, "--eddy", eddy, "--repo", root] +
                          [os.path.join(root, p) for p in pages],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
    return proc.returncode, proc.stdout


failures = []


def check(name, condition, output):
    if not condition:
        failures.append("%s\n%s" % (name, textwrap.indent(output, "    ")))


def main():
    with tempfile.TemporaryDirectory(prefix="eddy-doctest-selftest-") as root:
        eddy = make_repo(root, {
            "docs/passing.md": PASSING,
            "docs/failing.md": FAILING,
            "docs/other.md": "<!-- doctest: file data.csv from passing.md -->\n"
                             "FENCE text\n$ cat data.csv\nk,v\na,1\nFENCE\n",
            "docs/tmp.md": "FENCE text\n$ echo x > /tmp/x\nFENCE\n",
            "docs/unknown.md": "<!-- doctest: setup x -->\nFENCE text\n$ true\nFENCE\n",
            "docs/killed.md": "FENCE text\n$ sh -c 'kill -9 $$'\nFENCE\n",
            "docs/missing.md": "<!-- doctest: file a.sql from nowhere.md -->\nFENCE\nx\nFENCE\n",
            "docs/escape.md": "<!-- doctest: file ../x.sql -->\nFENCE\nx\nFENCE\n",
        })

        status, out = run(root, eddy, "docs/passing.md")
        check("passing page passes", status == 0 and
              "docs/passing.md: 5 examples, 9 commands, 0 failed, 1 skipped" in out and
              "skipped docs/passing.md:68: needs a terminal" in out, out)
        check("a file written into examples/ leaves the repository alone",
              sorted(os.listdir(os.path.join(root, "examples"))) == ["ours.txt"], out)

        status, out = run(root, eddy, "docs/failing.md")
        check("wrong output fails with file:line and a diff", status == 1 and
              "FAIL docs/failing.md:4: $ echo one; echo two" in out and
              "-three" in out and "+two" in out and " one" in out and
              "1 failed" in out, out)

        status, out = run(root, eddy, "docs/other.md")
        check("file from another page", status == 0 and "0 failed" in out, out)

        status, out = run(root, eddy, "docs/tmp.md")
        check("/tmp is refused", status == 1 and "docs/tmp.md:2: the command uses /tmp" in out, out)

        status, out = run(root, eddy, "docs/unknown.md")
        check("unknown directive", status == 1 and
              "docs/unknown.md:1: unknown doctest directive 'setup x'" in out, out)

        status, out = run(root, eddy, "docs/killed.md")
        check("killed by a signal fails", status == 1 and "[killed: exit status" in out, out)

        status, out = run(root, eddy, "docs/missing.md")
        check("file from a missing page", status == 1 and "nowhere.md" in out, out)

        status, out = run(root, eddy, "docs/escape.md")
        check("a fixture outside the example's directory", status == 1 and
              "'../x.sql' is not a relative path inside" in out, out)

        status, out = run(root, eddy, "docs/passing.md", "docs/failing.md")
        check("one failing page fails the run", status == 1, out)

    for failure in failures:
        print("FAIL " + failure)
    print("%d failed" % len(failures) if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
