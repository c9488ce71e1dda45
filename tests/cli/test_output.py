"""Every command that writes a file writes it whole or not at all, and never over its input."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_framework.cli import _output, main

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
SESSIONS = ROOT / "examples" / "sessions"
INDIVIDUAL = ",".join(f"{t}-checklist-individual" for t in ("ps", "rp", "tw", "lay"))


def report_args(staff: Path, output: Path) -> list[str]:
    return [
        *("report", str(staff), "--pack", "crisis-services", "--checklist", INDIVIDUAL),
        *("--group-columns", "Service,Team", "--wave-column", "Survey round", "-o", str(output)),
    ]


@pytest.fixture
def staff(tmp_path: Path) -> Path:
    path = tmp_path / "staff.csv"
    shutil.copy(DATA / "staff-survey.csv", path)
    return path


def test_a_report_that_fails_mid_write_leaves_the_old_report_intact(
    staff: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "report.html"
    assert main(report_args(staff, output)) == 0
    before = output.read_bytes()
    real_write = os.write

    class Interrupted(OSError):
        pass

    written: list[int] = []

    def fail_half_way(fd: int, data: bytes | memoryview) -> int:
        # The first part of the new report reaches the disk, then the write is cut off.
        if not written:
            written.append(real_write(fd, bytes(data)[: len(data) // 2]))
            raise Interrupted(5, "Input/output error")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", fail_half_way)
    # A different report (Markdown into the same file), so a partial write would show.
    code = main([*report_args(staff, output), "--format", "md"])
    monkeypatch.setattr(os, "write", real_write)
    assert code == 2
    assert written, "the write was not interrupted: the test proves nothing"
    assert "report.html: cannot write the report: input/output error" in capsys.readouterr().err
    assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "staff.csv"]


def test_a_report_over_its_own_input_is_refused(
    staff: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = staff.read_bytes()
    assert main([*report_args(staff, staff.parent / "." / staff.name), "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert "the report would be written over the input" in err
    assert "staff.csv" in err
    assert staff.read_bytes() == before


def test_a_learning_log_over_a_record_it_reads_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "group.json"
    shutil.copy(SESSIONS / "reflective-group-series.json", record)
    before = record.read_bytes()
    assert main(["learning", str(record), "-o", str(record)]) == 2
    assert "the learning log would be written over the input" in capsys.readouterr().err
    assert record.read_bytes() == before
    json.loads(before)


def test_a_handbook_over_a_file_of_its_pack_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new-pack", "our-pack", "--dir", str(tmp_path)]) == 0
    theme = tmp_path / "our-pack" / "themes" / "example-theme.md"
    before = theme.read_bytes()
    capsys.readouterr()
    code = main(["render", str(tmp_path / "our-pack"), "--format", "md", "-o", str(theme)])
    assert code == 2
    assert "the handbook would be written over the input" in capsys.readouterr().err
    assert theme.read_bytes() == before


def test_a_planned_session_sheet_and_record_cannot_share_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.md"
    code = main(
        [
            *("session", "plan", "childrens-services:reflective-wellbeing-session"),
            *("-o", str(out), "--record", str(tmp_path / "." / "plan.md")),
        ]
    )
    assert code == 2
    assert "would be the same file" in capsys.readouterr().err
    assert not out.exists()


def test_a_planned_session_record_with_dash_is_printed_not_written_to_a_file_named_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    plan = ["session", "plan", "childrens-services:reflective-wellbeing-session"]
    assert main([*plan, "--date", "2025-06-03", "-o", "sheet.md", "--record", "-"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["id"] == "reflective-wellbeing-session-2025-06-03"
    assert "Wrote the facilitator sheet to sheet.md" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.md"]
    # Both on standard output would mix them: refused.
    assert main([*plan, "--record", "-"]) == 2
    assert "cannot both go to standard output" in capsys.readouterr().err


def test_printable_shows_control_characters_and_half_characters_as_replacements() -> None:
    from wellbeing_framework.cli._output import printable

    assert printable("a\x1b[2Jb\ud800c\td\n") == "a\ufffd[2Jb\ufffdc\td\n"
    printable("x\ud800").encode("utf-8")  # a terminal can take it


def test_a_report_over_the_release_ledger_is_refused(
    staff: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "releases.sqlite3"
    assert main([*report_args(staff, tmp_path / "r.json"), "--ledger", str(ledger)]) == 0
    before = ledger.read_bytes()
    capsys.readouterr()
    assert main([*report_args(staff, ledger), "--ledger", str(ledger), "--format", "md"]) == 2
    assert "the report would be written over the input" in capsys.readouterr().err
    assert ledger.read_bytes() == before


def test_a_report_that_cannot_be_written_is_not_recorded_in_the_ledger(
    staff: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The ledger never holds a report that nobody was given: the entry is taken once the file
    is written."""
    from wellbeing_framework.analysis.ledger import Ledger

    ledger = tmp_path / "releases.sqlite3"
    output = tmp_path / "r.json"
    assert main([*report_args(staff, output), "--ledger", str(ledger)]) == 0

    def full(fd: int, data: bytes | memoryview) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    # Another report (with a larger minimum), which would be a second entry.
    other = [*report_args(staff, tmp_path / "s.json"), "--min-group-size", "12"]
    assert main([*other, "--ledger", str(ledger)]) == 2
    monkeypatch.undo()
    assert "s.json: cannot write the report: no space left on device" in capsys.readouterr().err
    assert not (tmp_path / "s.json").exists()
    with Ledger(ledger) as opened:
        assert [e.description.rsplit(" -> ", 1)[1] for e in opened.entries()] == [str(output)]


def _written_commands(tmp_path: Path, staff: Path) -> dict[str, list[str]]:
    """One command line of every command that writes something, without -o."""
    return {
        "report": [*report_args(staff, tmp_path / "unused")[:-2], "--format", "json"],
        "render": ["render", "crisis-services"],
        "show": ["show", "crisis-services:psychological-safety"],
        "session plan": ["session", "plan", "childrens-services:reflective-wellbeing-session"],
        "learning": ["learning", str(SESSIONS / "reflective-group-series.json")],
        "schema": ["schema", "session"],
    }


@pytest.mark.parametrize(
    "command", ["report", "render", "show", "session plan", "learning", "schema"]
)
def test_every_command_that_writes_prints_by_default_and_with_dash_and_writes_with_o(
    command: str, staff: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = _written_commands(tmp_path, staff)[command]
    main(argv)
    printed = capsys.readouterr().out
    assert len(printed) > 200
    main([*argv, "-o", "-"])
    assert capsys.readouterr().out == printed
    target = tmp_path / "written.out"
    main([*argv, "-o", str(target)])
    said = capsys.readouterr().out
    assert str(target) in said
    assert target.read_text(encoding="utf-8") == printed


@pytest.mark.parametrize("name", ["handbook.md", "handbook.html"])
def test_a_file_gets_no_terminal_escape_codes_from_a_pack(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new-pack", "odd-pack"]) == 0
    toml = tmp_path / "odd-pack" / "pack.toml"
    # A colour change, a title-bar rewrite and a bell in the title of someone else's pack.
    hostile = r"Odd \u001b[31mpack\u001b]0;owned\u0007 \u009b2J"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('title = "Odd pack"', f'title = "{hostile}"'),
        encoding="utf-8",
    )
    assert main(["render", "odd-pack", "-o", name]) == 0
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert "pack" in text
    assert not any(ch in text for ch in "\x1b\x07\x9b")
    assert "\ufffd[31mpack" in text  # replaced where it was, so a reader sees something was there


@pytest.mark.parametrize("command", ["report", "render", "schema"])
def test_a_missing_output_folder_is_refused_by_every_command_alike(
    command: str, staff: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A typo in the folder of -o makes no folder: the command says the folder does not exist.
    argv = _written_commands(tmp_path, staff)[command]
    target = tmp_path / "no-such-folder" / "out.txt"
    assert main([*argv, "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"the folder {target.parent} does not exist" in err
    assert not target.parent.exists()


@given(st.text(st.characters(exclude_categories=())), st.sampled_from([1, 2, 3, 7, 1 << 20]))
def test_the_bytes_of_a_printable_text_are_its_utf8_and_any_other_is_left_to_printable(
    text: str, chunk: int
) -> None:
    # Any character, lone surrogates and control characters included, at any chunk boundary.
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_output, "_CHUNK", chunk)
        data = _output._printable_utf8(text)
    assert data == (text.encode("utf-8") if _output.printable(text) == text else None)
    assert _output._printable_utf8(text + "\x85") is None
    assert _output._printable_utf8("\ud800" + text) is None
