"""Fixtures of the Python package's tests (docs/testing.md, "Python"). They import the
installed package: `ctest -L python` installs it into build/python/site and sets PYTHONPATH;
by hand: PYTHONPATH=build/python/site python3 -m pytest tests/python."""

import pathlib

import pytest

import eddy

REPO = pathlib.Path(__file__).resolve().parents[2]
LOGINS_CSV = REPO / "examples" / "data" / "logins.csv"

LOGINS = f"""
CREATE STREAM logins (uid STRING, status STRING, ip STRING, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = '{LOGINS_CSV}', 'format' = 'csv', 'csv.header' = 'true')
"""


@pytest.fixture
def engine():
    return eddy.connect()


@pytest.fixture
def logins(engine):
    """An engine with the login log of examples/data as the stream `logins`."""
    engine.execute(LOGINS)
    return engine
