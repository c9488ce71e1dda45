"""Synthetic forms exports for the privacy tests that go through the command line.

A test says how many people are in each service, team, role and wave; :func:`write_export`
writes a CSV of them answering the crisis-services pack's reflective-practice checklist (three
statements on the agree-5 scale), each answer drawn from a seeded generator unless the test
fixes them. :func:`report` runs ``wellbeing report`` on it and returns the JSON it wrote.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from wellbeing_framework.cli import main

ITEMS = ("rp-ind-regular", "rp-ind-emotional-impact", "rp-ind-group-reflection")
OPTIONS = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
COMMON = (
    "--pack",
    "crisis-services",
    "--checklist",
    "rp-checklist-individual",
    "--wave-column",
    "Round",
)


class People(NamedTuple):
    """``n`` people of one team, role and wave; ``answers`` (one per item, "" for a blank)
    fixes what each of them answered."""

    service: str
    team: str
    n: int
    role: str = "nurse"
    wave: str = "2025"
    answers: Sequence[str] | None = None


def write_export(path: Path, people: Iterable[People], *, seed: int = 0) -> Path:
    draw = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Service", "Team", "Role", "Round", *ITEMS])
        for p in people:
            for _ in range(p.n):
                answers = p.answers or [draw.choice(OPTIONS) for _ in ITEMS]
                out.writerow([p.service, p.team, p.role, p.wave, *answers])
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line; its exit code, standard output and standard error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def report(
    capsys: pytest.CaptureFixture[str], source: Path, output: Path, *options: str
) -> dict[str, Any]:
    """``wellbeing report SOURCE ... -o OUTPUT`` (JSON), which must succeed; its JSON."""
    code, _, err = run(capsys, "report", str(source), *COMMON, "-o", str(output), *options)
    assert code == 0, err
    data: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return data


def counts(data: dict[str, Any]) -> dict[tuple[tuple[str, ...], str | None, tuple[Any, ...]], Any]:
    """A JSON report's respondent counts: (group, wave, cross-tab value) -> n (None if hidden)."""
    return {
        (tuple(g["group"]), g["wave"], tuple(tuple(b) for b in g["breakdown"])): g["n"]
        for g in data["groups"]
    }
