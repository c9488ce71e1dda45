"""The benchmark harness still runs: a smoke run of one small measure, not a timed test."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUN), *args], capture_output=True, text=True, timeout=300, check=False
    )


def test_a_quick_run_prints_the_measure_with_its_range_and_goal() -> None:
    done = _run("--quick", "--only", "render-html")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1, "only the measure asked for runs"
    pattern = r"render-html +\d+\.\d\d \[\d+\.\d\d-\d+\.\d\d\] +goal <= 1\.20  (met|NOT MET) "
    assert re.match(pattern, lines[0]), lines[0]


def test_every_goal_of_the_issues_is_listed() -> None:
    done = _run("--list")
    assert done.returncode == 0, done.stderr
    names = set(done.stdout.split())
    for name in (
        "aggregate-1e7",
        "aggregate-3e7",
        "teams-10k-by-role",
        "end-to-end",
        "import-quoted",
        "import",
        "audit-1000-groups-1e6",
        "audit-1000-groups-1e7",
        "audit-overhead",
        "memory",
    ):
        assert name in names


def test_a_name_that_matches_nothing_is_an_error() -> None:
    done = _run("--only", "no-such-measure")
    assert done.returncode == 2
    assert "--list" in done.stderr
