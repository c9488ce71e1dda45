"""The README's quick-start commands on the example records give the same answer on any day."""

from __future__ import annotations

import datetime as dt
import glob
import shlex
import types
from pathlib import Path

import pytest

from wellbeing_framework.cli import main

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_command(name: str) -> list[str]:
    """The README line that starts ``$ wellbeing NAME``, as arguments with its globs expanded."""
    lines = [line for line in README.splitlines() if line.startswith(f"$ wellbeing {name} ")]
    assert len(lines) == 1, name
    words = shlex.split(lines[0].removeprefix("$ wellbeing "), comments=True)
    return [w for word in words for w in (sorted(glob.glob(word)) if "*" in word else [word])]


class _Later(dt.date):
    """A date class whose today is years after the examples."""

    @classmethod
    def today(cls) -> _Later:
        return cls(2031, 3, 14)


@pytest.mark.parametrize("name", ["session check", "actions"])
def test_the_readme_checks_the_examples_as_on_a_fixed_day(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    argv = _readme_command(name)
    assert "--today" in argv
    first = main(argv), capsys.readouterr().out
    # Years later, the same command says the same thing: no delay grows with the calendar.
    monkeypatch.setattr("wellbeing_framework.cli._sessions.dt", types.SimpleNamespace(date=_Later))
    later = main(argv), capsys.readouterr().out
    assert later == first
    assert first[0] == 1  # the examples are made to show findings


def test_the_readme_actions_report_short_delays(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    main(_readme_command("actions"))
    out = capsys.readouterr().out
    assert "due 2025-07-01, 9 days overdue" in out
    assert "5 actions on 2025-07-10" in out


def test_without_today_the_date_is_todays(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr("wellbeing_framework.cli._sessions.dt", types.SimpleNamespace(date=_Later))
    argv = [a for a in _readme_command("actions") if a not in ("--today", "2025-07-10")]
    main(argv)
    assert "5 actions on 2031-03-14" in capsys.readouterr().out
