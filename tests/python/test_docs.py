"""docs/python.md's first example runs and prints what the page shows."""

import os
import re
import subprocess
import sys

from conftest import REPO


def test_the_five_line_example_prints_what_the_page_shows():
    page = (REPO / "docs" / "python.md").read_text()
    code = re.search(r"```python\n(.*?)```", page, re.S).group(1)
    shown = re.search(r"```text\n(.*?)```", page, re.S).group(1)
    assert len(code.strip().splitlines()) == 5
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         env=os.environ, timeout=120)
    assert run.returncode == 0, run.stderr
    assert [line.rstrip() for line in run.stdout.splitlines()] == shown.rstrip().splitlines()
