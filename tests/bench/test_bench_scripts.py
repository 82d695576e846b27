"""Every benchmark in bench/ still runs to its table: a benchmark that breaks when the code it times changes
reports nothing, and nobody would notice until its figures were needed.

The scripts run as people run them (`.venv/bin/python bench/<name>.py` from the repository root), at
their smallest sizes. Their figures are not judged here: a benchmark reports, and speed is never a
test's verdict. What is judged is that each ran to the end, printed its table and its verdict, and
ended with no traceback. A script whose target was missed exits 1 by design, so the exit code is
only required to be 0 or 1; a traceback, a missing table or a missing verdict fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_bench(name: str, *args: str, timeout: float = 600, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, f"bench/{name}.py", *args], cwd=ROOT, capture_output=True, text=True,
        timeout=timeout, env={**os.environ, **(env or {})},
    )
    output = result.stdout + result.stderr
    assert "Traceback (most recent call last)" not in output, output[-4000:]
    assert result.returncode in (0, 1), output[-4000:]
    return output


@pytest.mark.parametrize(("name", "table", "verdict"), [
    ("route", "graph", "synthetic (50 roles"),
    ("team", "ms a person", "1,000 people in"),
    ("recommend", "ratio to optimum", "mean ratio to optimum"),
    ("export", "| format", "| iCalendar"),
    ("uploads", "plan file", "files over target."),
])
def test_each_small_benchmark_runs_to_its_verdict(name, table, verdict):
    output = run_bench(name)
    assert table in output and verdict in output, output[-4000:]
