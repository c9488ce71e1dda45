"""The commands: plan a session, check records, measure supervision, gather learning, follow up
actions. Bad input exits 2 with the file and field, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from wellbeing_framework.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "sessions"
PACKS = [
    arg
    for folder in sorted(ROOT.glob("packs/wellbeing-pack-*/src/*/content"))
    for arg in ("--pack-dir", str(folder))
]


@pytest.fixture(autouse=True)
def _only_the_seed_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    # The seed packs come from their folders, not from whatever is installed.
    monkeypatch.setenv("WELLBEING_DISABLE_PACK_AUTOLOAD", "1")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*PACKS, *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_plan_a_session_after_an_incident(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet, record = tmp_path / "sheet.md", tmp_path / "session.json"
    code, out, _ = run(
        capsys,
        "session",
        "plan",
        "childrens-services:reflective-wellbeing-session",
        "--trigger",
        "rws-trigger-serious-violence",
        "--model",
        "crisis-services:gibbs-reflective-cycle",
        "--date",
        "2025-06-03",
        "--incident-date",
        "2025-05-28",
        "-o",
        str(sheet),
        "--record",
        str(record),
    )
    assert code == 0
    assert f"Wrote the facilitator sheet to {sheet}" in out
    text = sheet.read_text()
    assert text.startswith("# Reflective wellbeing session: facilitator sheet")
    assert "## Prompts from Gibbs' reflective cycle" in text
    data = json.loads(record.read_text())
    assert (data["status"], data["trigger"]) == ("planned", "rws-trigger-serious-violence")
    assert data["agenda"][-1] == "rws-close-uplifting"
    # The plan the command wrote passes its own type's rules.
    code, out, _ = run(capsys, "session", "check", str(record), "--today", "2025-06-01")
    assert code == 0, out
    assert "0 errors, 0 warnings, 0 notes" in out


def test_plan_a_monthly_group_as_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "group.html"
    code, _, _ = run(
        capsys,
        "session",
        "plan",
        "reflective-groups:reflective-group",
        "--date",
        "2025-06-03",
        "-o",
        str(sheet),
    )
    assert code == 0
    page = sheet.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "Reflective practice group" in page


def test_plan_prints_markdown_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "session", "plan", "reflective-groups:reflective-group", "--format", "md"
    )
    assert code == 0
    assert out.startswith("# Reflective practice group: facilitator sheet")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["reflective-groups:nothing"],
            "session_type: no session type 'reflective-groups:nothing'",
        ),
        (["reflective-group"], "names no pack"),
        (
            ["reflective-groups:reflective-group", "--trigger", "rg-nope"],
            "trigger: 'rg-nope' is not a trigger",
        ),
        (["reflective-groups:reflective-group", "--model", "gibbs"], "model: no reflective model"),
        (
            ["reflective-groups:reflective-group", "--mode", "hybrid"],
            "mode: this session type meets",
        ),
    ],
)
def test_plan_bad_input_exits_2_with_the_field(
    capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    code, _, err = run(capsys, "session", "plan", *args)
    assert code == 2
    assert err.startswith("wellbeing: error: ")
    assert expected in err


def test_check_a_group_series_with_a_churn_problem(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / "reflective-group-series.json")
    code, out, _ = run(capsys, "session", "check", path, "--today", "2025-07-01")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{path}: session rg-east-04: warning: the membership changed a lot")
    assert lines[-1] == "7 sessions checked: 0 errors, 1 warning, 0 notes"


def test_check_a_well_run_incident_session(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "session", "check", str(EXAMPLES / "incident-session.json"), "--today", "2025-07-01"
    )
    assert code == 0
    assert out.strip() == "1 session checked: 0 errors, 0 warnings, 0 notes"


def test_supervision_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "session",
        "supervision",
        str(EXAMPLES / "supervision-series.json"),
        "--today",
        "2025-07-10",
    )
    assert code == 1
    assert "held: 6; cancelled: 1" in out
    assert "longest gap: 63 days" in out
    assert "frequency met: no; length met: no" in out


def test_learning_log_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "learning.md"
    code, _, err = run(
        capsys, "learning", *map(str, sorted(EXAMPLES.glob("*.json"))), "-o", str(out_file)
    )
    assert code == 0
    assert err == ""
    text = out_file.read_text()
    assert "## For: Safeguarding practice learning" in text
    assert "p-3301" not in text
    assert "rws-2025-06-03" not in text


def test_learning_held_back_is_listed_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((EXAMPLES / "incident-session.json").read_text())
    data["learning"][0]["text"] = "Ring Mrs Okafor on 01632 960 123 about the rota."
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data))
    code, out, err = run(capsys, "learning", str(path))
    assert code == 1
    assert f"{path}: session rws-2025-06-03: learning point rws-0603-out-of-hours held back" in err
    assert "Okafor" not in out + err


def test_actions_report(capsys: pytest.CaptureFixture[str]) -> None:
    files = [
        str(EXAMPLES / "action-plan.json"),
        str(EXAMPLES / "incident-session.json"),
        str(EXAMPLES / "reflective-group-series.json"),
    ]
    code, out, _ = run(capsys, "actions", *files, "--today", "2025-07-01")
    assert code == 1
    assert out.startswith("5 actions on 2025-07-01 (open: 1, in-progress: 2, done: 1, dropped: 1)")
    assert "action dtp-confidential-route (wellbeing lead): due 2025-04-30, 62 days overdue" in out
    assert "learning point Handovers at the end of late shifts" in out


def test_a_malformed_file_exits_2_with_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[\n  {"id": "s-one",}\n]\n')
    code, _, err = run(capsys, "session", "check", str(path))
    assert code == 2
    assert f"{path}: line 2, column 18: not valid JSON" in err


def test_minutes_in_a_file_exit_2_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((EXAMPLES / "incident-session.json").read_text())
    path = tmp_path / "minutes.json"
    path.write_text(json.dumps({**data, "minutes": "A said..."}))
    code, _, err = run(capsys, "session", "check", str(path))
    assert code == 2
    assert f"{path}: $.minutes: a session record keeps no minutes" in err


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"trigger": "rws-trigger-nope"}, "$.trigger: 'rws-trigger-nope' is not a trigger"),
        ({"model": "nope"}, "$.model: no reflective model 'childrens-services:nope'"),
        ({"session_type": "childrens-services:nope"}, "$.session_type: no session type"),
        (
            {"incident_date": "2025-07-01"},
            "$.incident_date: the incident (2025-07-01) is after the session",
        ),
    ],
)
def test_bad_records_exit_2_with_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: dict[str, str], expected: str
) -> None:
    data = json.loads((EXAMPLES / "incident-session.json").read_text())
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**data, **change}))
    code, _, err = run(capsys, "session", "check", str(path))
    assert code == 2
    assert str(path) in err
    assert expected in err


def test_an_unknown_theme_in_learning_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((EXAMPLES / "incident-session.json").read_text())
    data["learning"][1]["themes"] = ["crisis-services:nope"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    code, _, err = run(capsys, "learning", str(path))
    assert code == 2
    assert f"{path}: $.learning[1].themes[0]: no theme 'crisis-services:nope'" in err


def test_a_bad_date_option_is_an_argument_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["session", "check", "x.json", "--today", "1 July"])
    assert caught.value.code == 2
    assert "expected a date as YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["session", "plan"],
        ["session", "check"],
        ["session", "supervision"],
        ["learning"],
        ["actions"],
    ],
)
def test_every_command_explains_itself(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main([*command, "--help"])
    assert caught.value.code == 0
    assert len(capsys.readouterr().out) > 300


def test_all_the_examples_checked_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Copied anywhere, the examples still check: they name packs by id, not by path.
    for example in EXAMPLES.glob("*.json"):
        shutil.copy(example, tmp_path)
    files = sorted(tmp_path.glob("*.json"))
    sessions = sum(
        len(data) if isinstance(data, list) else int("session_type" in data)
        for data in (json.loads(f.read_text()) for f in files)
    )
    code, out, _ = run(capsys, "session", "check", *map(str, files), "--today", "2025-07-10")
    assert code == 1
    found = {(line.split(": ")[1], line.split(": ")[2]) for line in out.splitlines()[:-1]}
    assert found == {
        ("session sup-2041-03", "warning"),  # 45 minutes, not 90
        ("session sup-2041-05", "warning"),  # a missed month
        ("session rg-east-04", "warning"),  # half the group replaced
        ("session rg-east-07", "info"),  # planned, date passed
        ("session rws-2025-06-03", "warning"),  # an action overdue
    }
    assert out.splitlines()[-1] == (f"{sessions} sessions checked: 0 errors, 4 warnings, 1 note")
