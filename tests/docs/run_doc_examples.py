#!/usr/bin/env python3
"""Runs the shell examples in markdown files (README.md, docs/*.md) and checks their output.

An example is a fenced code block with lines starting with `$ `: each such line is a command
(its continuation lines follow until bash sees a complete command), and the lines after it, up
to the next `$ ` line or the end of the block, are what it must print (stdout and stderr
merged). Blanks at the ends of lines, blank lines at the end and the exit status are not
compared (write `; echo $?` to show one), but a command killed by a signal fails.

Each example block runs with bash in a fresh directory that looks like the repository root:
`build` is the directory of the eddy under test (so `build/eddy` is that binary, also on PATH),
every other top-level directory is a private directory of links to the repository's entries
(a file written into `examples/` stays private; one written deeper would not), and the
markdown's fixture files are there. Commands must not use /tmp: with several test runs at once
they would collide.

Instructions for the runner are HTML comments, invisible to a reader, placed before a block:

    <!-- doctest: file NAME -->   the next block is the file NAME, written into the directory
                                  of every example of the markdown file; if the next block is
                                  an example, NAME is what its `$ cat NAME` shows
    <!-- doctest: file NAME from OTHER.md -->  the file NAME that OTHER.md declares
    <!-- doctest: continue -->    the next example runs in the previous example's directory
                                  (with the files it left), instead of a fresh one
    <!-- doctest: vary REGEX -->  in the next example, text of an expected line matching REGEX
                                  stands for any text matching REGEX (timestamps, timings)
    <!-- doctest: skip REASON --> the next example is not run; skips are counted and listed

A block whose first line starts with `eddy> ` is an interactive session: `build/eddy` runs on a
pseudo-terminal (TERM=dumb, 50 rows of 200 columns), each line after an `eddy> ` or `   ...> `
prompt is typed when that prompt appears, and what the terminal then shows, from the first
prompt on, must be the block (a table redrawn in place counts as its last drawing).

In expected output a line `...` stands for any number of lines, and a line ending in ` (re)`
is a regular expression for the whole line, as in the shell transcripts (tests/shell/*.t).

Usage: run_doc_examples.py --eddy PATH [--repo DIR] FILE.md...
Exits 1 if an example fails, printing file:line, the command and a diff; there is no --update:
the docs are prose, and a person decides whether the doc or the engine is wrong.
"""

import argparse
import difflib
import functools
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import terminal  # noqa: E402
from cram import line_matches, run_bash  # noqa: E402

PROMPT, CONTINUATION = "eddy> ", "   ...> "
DIRECTIVE = re.compile(r"^\s*<!--\s*doctest:\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^(\s*)(```+|~~~+)")
ANY_LINES = "..."
COMMAND_TIMEOUT = 60


class DocError(Exception):
    """A markdown file the runner cannot make sense of (a bad directive, an unclosed block)."""


class Block:
    def __init__(self, line, lines, directives):
        self.line = line            # 1-based line of the opening fence
        self.lines = lines          # the block's content, fence indentation removed
        self.directives = directives  # [(line, text)] written before it

    def is_session(self):
        return bool(self.lines) and self.lines[0].startswith(PROMPT)

    def is_example(self):
        return self.is_session() or any(l.startswith("$ ") for l in self.lines)


def read_blocks(path, md):
    """Yields the fenced blocks of a markdown file with the directives written before each."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    pending = []
    i = 0
    while i < len(lines):
        m = DIRECTIVE.match(lines[i])
        if m:
            pending.append((i + 1, m.group(1)))
            i += 1
            continue
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence = m.group(1), m.group(2)
        start = i
        i += 1
        content = []
        while i < len(lines) and not lines[i].strip().startswith(fence):
            line = lines[i]
            content.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            i += 1
        if i == len(lines):
            raise DocError("%s:%d: code block is not closed" % (md, start + 1))
        i += 1
        yield Block(start + 1, content, pending)
        pending = []
    if pending:
        raise DocError("%s:%d: doctest directive with no code block after it" % (md, pending[0][0]))


HEREDOC = re.compile(r"<<-?\s*(['\"]?)(\w+)\1")


def heredocs_closed(script):
    lines = script.split("\n")
    for number, line in enumerate(lines):
        for m in HEREDOC.finditer(line):
            if not any(l.strip() == m.group(2) for l in lines[number + 1:]):
                return False
    return True


COMPOUND = re.compile(r"(^|[;&|(\s])(for|while|until|if|case|select)\s")


def unquoted_text(script):
    """The script without its quoted parts and comments, or None if a quote is left open."""
    out = []
    quote = None
    i = 0
    while i < len(script):
        c = script[i]
        if quote == "'":
            if c == "'":
                quote = None
        elif quote == '"':
            if c == "\\":
                i += 1
            elif c == '"':
                quote = None
        elif c == "\\":
            i += 1
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or script[i - 1] in " \t\n;&|("):
            while i < len(script) and script[i] != "\n":
                i += 1
            continue
        else:
            out.append(c)
        i += 1
    return None if quote else "".join(out)


def bash_complete(script):
    """True when bash would run `script` as it is: no open quote, bracket or here-document, no
    trailing backslash. A compound command (for, while, if, ...) is left to `bash -n`."""
    if script.endswith("\\") or not heredocs_closed(script):
        return False
    text = unquoted_text(script)
    if text is None or text.count("(") > text.count(")") or text.count("{") > text.count("}"):
        return False
    if not COMPOUND.search(text):
        return True
    proc = subprocess.run(["bash", "-n", "-c", script], stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return b"unexpected end of file" not in proc.stderr and b"unexpected EOF" not in proc.stderr


SESSION_SIZE = (50, 200)  # rows, columns of the terminal a session runs on


def run_session(block, eddy, cwd, env):
    """Types a session's lines into `eddy` on a pseudo-terminal, each after the prompt the block
    shows for it; returns the lines the terminal shows from the first prompt on."""
    typed = []  # (the prompt the line follows, the line)
    for line in block.lines:
        for prompt in (PROMPT, CONTINUATION):
            if line.startswith(prompt):
                typed.append((prompt, line[len(prompt):]))
    shell = terminal.Pty([eddy], cwd, dict(env, TERM="dumb"), SESSION_SIZE)
    transcript = ""
    for prompt, line in typed + [(PROMPT, None)]:
        # A prompt starts a line; text that merely contains one (typed `a > b`) does not.
        found, text = shell.read_until(("\n" + prompt).encode(), timeout=COMMAND_TIMEOUT)
        transcript += text
        if not found:
            transcript += "\n[no %r prompt within %d s]" % (prompt.strip(), COMMAND_TIMEOUT)
            break
        if line is not None:
            shell.wait_for_editor()
            shell.send(line.encode() + b"\r")
    shell.send_eof()
    shell.wait()
    lines = [l.rstrip() for l in terminal.screen_lines(transcript)]
    while lines and not lines[0].startswith(PROMPT):
        lines.pop(0)  # the banner
    if lines and lines[-1] == PROMPT.rstrip():
        lines.pop()  # the prompt the session was left at
    return lines


def split_commands(block):
    """[(line offset in the block, command text, expected lines)]; a session is one command,
    `build/eddy`, that expects the whole block."""
    lines = block.lines
    if block.is_session():
        expected = [l.rstrip() for l in lines]
        while expected and expected[-1] == "":
            expected.pop()
        return [(0, "build/eddy", expected)]
    commands = []
    i = 0
    while i < len(lines) and not lines[i].startswith("$ "):
        i += 1
    while i < len(lines):
        start = i
        command = [lines[i][2:]]
        i += 1
        while not bash_complete("\n".join(command)) and i < len(lines):
            command.append(lines[i])
            i += 1
        expected = []
        while i < len(lines) and not lines[i].startswith("$ "):
            expected.append(lines[i])
            i += 1
        expected = [l.rstrip() for l in expected]
        while expected and expected[-1] == "":
            expected.pop()
        commands.append((start, "\n".join(command), expected))
    return commands


def vary_pattern(expected, varying):
    """A regex for `expected` in which every match of a `varying` regex may be any such text."""
    if not varying:
        return None
    combined = "|".join("(?:%s)" % v for v in varying)
    parts = []
    pos = 0
    for m in re.finditer(combined, expected):
        parts.append(re.escape(expected[pos:m.start()]))
        parts.append("(?:%s)" % combined)
        pos = m.end()
    if pos == 0:
        return None
    parts.append(re.escape(expected[pos:]))
    return re.compile("".join(parts))


def outputs_match(expected, actual, varying):
    """Whether the actual lines are the expected ones (`...` for any lines, (re), vary)."""
    patterns = [vary_pattern(e, varying) for e in expected]

    @functools.lru_cache(maxsize=None)
    def match(i, j):
        if i == len(expected):
            return j == len(actual)
        if expected[i] == ANY_LINES:
            return any(match(i + 1, k) for k in range(j, len(actual) + 1))
        if j == len(actual):
            return False
        same = line_matches(expected[i], actual[j]) or (
            patterns[i] is not None and patterns[i].fullmatch(actual[j]) is not None)
        return same and match(i + 1, j + 1)

    return match(0, 0)


class Sandbox:
    """Fresh directories that look like the repository root, with `build` the eddy under test."""

    def __init__(self, repo, build_dir, root):
        self.repo = repo
        self.build_dir = build_dir
        self.root = root
        self.count = 0

    def eddy(self):
        return os.path.join(self.build_dir, "eddy")

    def fresh(self, fixtures):
        self.count += 1
        path = os.path.join(self.root, "example-%d" % self.count)
        os.mkdir(path)
        for name in sorted(os.listdir(self.repo)):
            if name.startswith(".") or name.startswith("build") or name == "Testing":
                continue
            target = os.path.join(path, name)
            os.symlink(os.path.join(self.repo, name), target)
            if os.path.isdir(target):
                make_private(target)  # `cd examples && ../build/eddy` finds this `build`
        os.symlink(self.build_dir, os.path.join(path, "build"))
        write_fixtures(path, fixtures)
        return path


def make_private(directory):
    """Replaces a link to a repository directory with a directory of links to its entries, so
    that writing into it leaves the repository alone."""
    if os.path.islink(directory):
        source = os.path.realpath(directory)
        os.remove(directory)
        os.mkdir(directory)
        for entry in os.listdir(source):
            os.symlink(os.path.join(source, entry), os.path.join(directory, entry))
    elif not os.path.exists(directory):
        os.mkdir(directory)


def write_fixtures(path, fixtures):
    for name, content in fixtures.items():
        parent = path
        for part in name.split("/")[:-1]:
            parent = os.path.join(parent, part)
            make_private(parent)
        target = os.path.join(path, name)
        if os.path.lexists(target):
            os.remove(target)
        with open(target, "w", encoding="utf-8") as f:
            f.write(content)


def cat_output(commands, name):
    for _, command, expected in commands:
        if command.strip() == "cat " + name:
            return expected
    return None


FILE_NAME = re.compile(r"^[\w.-]+(/[\w.-]+)*$")


def parse_directives(block, md):
    """The directives before a block as a dict: skip, files [(name, from_md)], continue, vary."""
    parsed = {"skip": None, "files": [], "continue": False, "vary": []}
    for line, text in block.directives:
        word, _, rest = text.partition(" ")
        rest = rest.strip()
        if word == "skip" and rest:
            parsed["skip"] = rest
        elif word == "file" and rest:
            name, _, source = rest.partition(" from ")
            name = name.strip()
            if not FILE_NAME.match(name) or ".." in name.split("/"):
                raise DocError("%s:%d: file: '%s' is not a relative path inside the example's "
                               "directory" % (md, line, name))
            parsed["files"].append((name, source.strip() or None))
        elif word == "continue" and not rest:
            parsed["continue"] = True
        elif word == "vary" and rest:
            try:
                re.compile(rest)
            except re.error as e:
                raise DocError("%s:%d: vary: bad regular expression: %s" % (md, line, e))
            parsed["vary"].append(rest)
        else:
            raise DocError("%s:%d: unknown doctest directive '%s' (file NAME [from DOC.md], "
                           "continue, vary REGEX, skip REASON)" % (md, line, text))
    return parsed


def read_fixtures(path, md, seen=()):
    """The files a markdown file declares (`file NAME`), wherever they are in it, so an example
    may use a file the text shows further down."""
    fixtures = {}
    for block in read_blocks(path, md):
        directives = parse_directives(block, md)
        commands = split_commands(block) if block.is_example() else None
        for name, source in directives["files"]:
            if source:
                other = os.path.join(os.path.dirname(path), source)
                if other in seen or not os.path.exists(other):
                    raise DocError("%s:%d: file %s from %s: no such markdown file (or a cycle)"
                                   % (md, block.line, name, source))
                theirs = read_fixtures(other, source, seen + (path,))
                if name not in theirs:
                    raise DocError("%s:%d: %s declares no file %s" % (md, block.line, source, name))
                fixtures[name] = theirs[name]
            elif commands is None:
                fixtures[name] = "\n".join(block.lines) + "\n"
            else:
                content = cat_output(commands, name)
                if content is None:
                    raise DocError("%s:%d: 'file %s' before an example without `$ cat %s`"
                                   % (md, block.line, name, name))
                fixtures[name] = "\n".join(content) + "\n"
    return fixtures


def run_file(path, md, sandbox, env):
    """Runs the examples of the markdown file at `path`, called `md` in messages; returns
    (examples, commands, skips, failures)."""
    fixtures = read_fixtures(path, md)
    examples = commands_run = 0
    skips, failures = [], []
    previous_dir = None
    for block in read_blocks(path, md):
        directives = parse_directives(block, md)
        varying = directives["vary"]
        if not block.is_example():
            if directives["skip"] or directives["continue"] or varying:
                raise DocError("%s:%d: skip, continue and vary apply to examples (`$ ` lines)"
                               % (md, block.line))
            continue
        commands = split_commands(block)
        examples += 1
        if directives["skip"]:
            skips.append((block.line, directives["skip"]))
            continue
        if directives["continue"]:
            if previous_dir is None:
                raise DocError("%s:%d: 'continue' with no example before it" % (md, block.line))
            cwd = previous_dir
        else:
            cwd = sandbox.fresh(fixtures)
        previous_dir = cwd

        for offset, command, expected in commands:
            line = block.line + 1 + offset
            commands_run += 1
            if "/tmp/" in command:
                failures.append("%s:%d: the command uses /tmp; write files in the example's own "
                                "directory (a relative path) so parallel runs cannot collide\n"
                                % (md, line))
                continue
            if block.is_session():
                actual, status = run_session(block, sandbox.eddy(), cwd, env), 0
            else:
                try:
                    actual, status = run_bash(command, cwd, env, timeout=COMMAND_TIMEOUT)
                except subprocess.TimeoutExpired:
                    actual, status = ["(timed out after %d s)" % COMMAND_TIMEOUT], -1
            # Trailing blanks are invisible on the page (and editors drop them).
            actual = [l.rstrip() for l in actual]
            while actual and actual[-1] == "":
                actual.pop()
            if status < 0 or status >= 128:
                actual.append("[killed: exit status %d]" % status)
            if outputs_match(expected, actual, varying):
                continue
            if len(expected) == len(actual):
                # Matching lines keep their expected spelling, so the diff shows only the others.
                actual = [e if outputs_match([e], [a], varying) else a
                          for e, a in zip(expected, actual)]
            diff = difflib.unified_diff([l + "\n" for l in expected], [l + "\n" for l in actual],
                                        "expected (%s:%d)" % (md, line), "actual", lineterm="\n")
            failures.append("%s:%d: $ %s\n%s" % (md, line, command, "".join(diff)))
    return examples, commands_run, skips, failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--eddy", required=True, help="the eddy binary; its directory is `build`")
    parser.add_argument("--repo", default=os.path.join(os.path.dirname(__file__), "..", ".."),
                        help="the repository root the examples run from")
    parser.add_argument("markdown", nargs="+")
    args = parser.parse_args()

    eddy = os.path.abspath(args.eddy)
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(eddy) + os.pathsep + env.get("PATH", "")
    env["EDDY_HISTORY"] = ""
    env["LC_ALL"] = "C.UTF-8"
    env["TZ"] = "UTC"
    # 'parallelism' 'auto' as one thread, whatever the machine's cores: EXPLAIN and state sizes
    # print the same everywhere (an example that shows parallelism sets it).
    env["EDDY_PARALLELISM"] = "1"

    status = 0
    # Memory-backed when there is such a place: each example links ~250 repository entries and
    # checkpoints fsync, both slow on a busy disk.
    scratch = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="eddy-doctest-", dir=scratch) as root:
        sandbox = Sandbox(os.path.abspath(args.repo), os.path.dirname(eddy), root)
        for md in args.markdown:
            name = os.path.relpath(os.path.abspath(md), os.path.abspath(args.repo))
            try:
                examples, commands, skips, failures = run_file(md, name, sandbox, env)
            except DocError as e:
                print("error: %s" % e)
                status = 1
                continue
            for failure in failures:
                print("FAIL " + failure)
            print("%s: %d examples, %d commands, %d failed, %d skipped"
                  % (name, examples, commands, len(failures), len(skips)))
            for line, reason in skips:
                print("  skipped %s:%d: %s" % (name, line, reason))
            if failures:
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
