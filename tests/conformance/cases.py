"""Conformance cases: the .case file format, and comparing eddy's rows with Flink's.

A .case file is a sequence of records separated by blank lines; lines starting with '#' are
comments:

    file NAME          the lines up to the next blank line are the input file NAME
    sql                the eddy script up to the next blank line: streams, views, then one query
    ordered            the query orders its rows (ORDER BY): compare them in order
    expect-difference REASON
                       eddy and Flink knowingly disagree here (a deliberate difference listed
                       in docs/flink.md); the case passes while they still disagree
"""

import collections
import csv
import io
import math
import os
import re


class Case:
    def __init__(self, name, files, sql, ordered=False, expect_difference=None):
        self.name = name
        self.files = files  # {name: [lines]}
        self.sql = sql
        self.ordered = ordered
        self.expect_difference = expect_difference

    def write_files(self, directory):
        for name, lines in self.files.items():
            with open(os.path.join(directory, name), "w") as f:
                f.write("".join(line + "\n" for line in lines))
        with open(os.path.join(directory, "case.sql"), "w") as f:
            f.write(self.sql.rstrip().rstrip(";") + ";\n")

    def to_text(self, comment=""):
        out = [f"# {line}" if line else "#" for line in comment.splitlines()]
        if out:
            out.append("")
        for name, lines in self.files.items():
            out += [f"file {name}"] + lines + [""]
        out += ["sql"] + self.sql.strip().splitlines() + [""]
        if self.ordered:
            out += ["ordered", ""]
        if self.expect_difference:
            out += [f"expect-difference {self.expect_difference}", ""]
        return "\n".join(out).rstrip() + "\n"


def parse_case(path):
    with open(path) as f:
        lines = [line.rstrip("\n") for line in f if not line.startswith("#")]
    records, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(line)
        elif current:
            records.append(current)
            current = []
    case = Case(os.path.splitext(os.path.basename(path))[0], {}, "")
    for record in records:
        head, body = record[0].strip(), record[1:]
        if head.startswith("file "):
            case.files[head[5:].strip()] = body
        elif head == "sql":
            case.sql = "\n".join(body)
        elif head == "ordered":
            case.ordered = True
        elif head.startswith("expect-difference"):
            case.expect_difference = head[len("expect-difference"):].strip() or "yes"
        else:
            raise ValueError(f"{path}: unknown record '{head}'")
    if not case.sql:
        raise ValueError(f"{path}: no sql record")
    return case


def load_cases(directory):
    return [parse_case(os.path.join(directory, name))
            for name in sorted(os.listdir(directory)) if name.endswith(".case")]


# ---- comparing results

_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+|Infinity|NaN)$")


def normalize(value):
    """One cell as both engines' csv agree on it: numbers by value (eddy writes 2.0 and 1e+20
    where Java writes 2.0 and 1.0E20), NULL and the empty string alike (csv cannot tell)."""
    if value == "":
        return None
    if _NUMBER.match(value):
        number = float(value)
        if math.isfinite(number):
            return float(f"{number:.9g}")
        return value
    return value


def read_csv(text):
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return [], []
    return rows[0], rows[1:]


def eddy_rows(stdout):
    """eddy --mode csv: the header, then the rows (an updating result's final rows)."""
    _, rows = read_csv(stdout)
    return [tuple(normalize(v) for v in row) for row in rows]


def flink_rows(text):
    """The runner's csv: an updating result has an op column first; its changes are folded into
    the final rows (+I and +U add a row, -U and -D take one equal row away). Returns (rows,
    problems): a retraction of a row that is not there is a problem of Flink's changelog."""
    header, rows = read_csv(text)
    if not header or header[0] != "op":
        return [tuple(normalize(v) for v in row) for row in rows], []
    table = collections.Counter()
    order = []
    problems = []
    for row in rows:
        op, values = row[0], tuple(normalize(v) for v in row[1:])
        if op in ("+I", "+U"):
            table[values] += 1
            order.append(values)
        elif table[values] > 0:
            table[values] -= 1
        else:
            problems.append(f"{op} of a row not in the result: {values}")
    final = []
    for values in order:
        if table[values] > 0:
            final.append(values)
            table[values] -= 1
    return final, problems


def sort_key(row):
    return tuple((v is None, type(v).__name__, v if v is not None else 0) for v in row)


def compare(eddy, flink, ordered):
    """A description of how the two results differ, or None when they agree."""
    if not ordered:
        eddy, flink = sorted(eddy, key=sort_key), sorted(flink, key=sort_key)
    if eddy == flink:
        return None
    only_eddy = collections.Counter(eddy) - collections.Counter(flink)
    only_flink = collections.Counter(flink) - collections.Counter(eddy)
    lines = [f"eddy {len(eddy)} rows, Flink {len(flink)} rows"]
    for row, n in sorted(only_eddy.items(), key=lambda x: sort_key(x[0]))[:8]:
        lines.append(f"  only eddy  {n}x {format_row(row)}")
    for row, n in sorted(only_flink.items(), key=lambda x: sort_key(x[0]))[:8]:
        lines.append(f"  only Flink {n}x {format_row(row)}")
    if not only_eddy and not only_flink:
        lines.append("  same rows, different order")
    return "\n".join(lines)


def format_row(row):
    return "(" + ", ".join("NULL" if v is None else str(v) for v in row) + ")"
