"""``wellbeing audit``, ``wellbeing ledger`` and the privacy options of ``wellbeing report``.

Every report here goes to the test's own ledger (``$WELLBEING_LEDGER``, set by the conftest)
unless the test names another or none.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from exports import COMMON, People, counts, report, run, write_export

from wellbeing_framework.analysis.ledger import LEDGER_ENV

SERVICES = [
    People("X", "A", 12, role="nurse"),
    People("X", "A", 11, role="doctor"),
    People("X", "B", 3, role="nurse"),
    People("Y", "C", 15, role="nurse"),
    People("Y", "C", 12, role="doctor"),
    People("Y", "D", 11, role="doctor"),
    People("Z", "E", 14, role="nurse"),
]


@pytest.fixture
def staff(tmp_path: Path) -> Path:
    return write_export(tmp_path / "staff.csv", SERVICES)


def _ledger() -> Path:
    return Path(os.environ[LEDGER_ENV])


# -- wellbeing audit ------------------------------------------------------------------------------


def test_audit_passes_a_report_the_library_wrote(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    report(capsys, staff, tmp_path / "r.json", "--group-columns", "Service,Team")
    code, out, _ = run(capsys, "audit", str(tmp_path / "r.json"))
    assert code == 0
    assert out.startswith(f"{tmp_path / 'r.json'}: no figure breaks the guarantee (")
    assert "hidden cells solved for" in out


def test_audit_lists_every_violation_by_file_and_exits_1(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    """A report edited to show team A (23): service X (26) minus A is team B's 3."""
    path = tmp_path / "r.json"
    data = report(capsys, staff, path, "--group-columns", "Service,Team")
    assert counts(data)[(("X", "A"), "2025", ())] is None
    for group in data["groups"]:
        if group["group"] == ["X", "A"]:
            group.update(n=23, suppressed=False)
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(capsys, "audit", str(edited))
    assert code == 1
    lines = out.splitlines()
    assert lines[:2] == [
        f"G1: {edited}, X, wave 2025: the hidden cells inside it pool to exactly 3",
        f"G2: {edited}, X / B, wave 2025: hidden count pinned to 3",
    ]
    # Each statement's answered count is the team's too: each is pinned with it.
    assert len([line for line in lines if line.startswith(f"G3: {edited}, X / B")]) == 3
    assert lines[-1] == f"{edited}: 5 figures break the guarantee"
    assert run(capsys, "audit", str(path))[0] == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON at line 1, column 2"),
        (b"\xff\xfe\x00", "not UTF-8 text: not a JSON report"),
        (b'{"format": "csv"}', 'not a wellbeing report (expected "format": "wellbeing-report")'),
    ],
)
def test_audit_of_a_file_that_is_not_a_report_says_which(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(content)
    code, _, err = run(capsys, "audit", str(path))
    assert code == 2
    assert err == f"wellbeing: error: {path}: {message}\n"


def test_audit_of_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "audit", str(tmp_path / "none.json"))
    assert (code, err) == (2, f"wellbeing: error: {tmp_path / 'none.json'}: no such file\n")


# -- two reports through one ledger ---------------------------------------------------------------


def test_a_second_report_with_other_groups_is_suppressed_to_pass_with_the_first(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    """By team, then by service and team, through the default ledger: alone the second would
    show X (26) and, with the first's team A (23), give team B's 3 away."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    first = report(capsys, staff, a, "--group-columns", "Team")
    assert counts(first)[(("A",), "2025", ())] == 23
    alone = report(
        capsys, staff, tmp_path / "alone.json", "--group-columns", "Service,Team", "--no-ledger"
    )
    assert counts(alone)[(("X",), "2025", ())] == 26
    second = report(capsys, staff, b, "--group-columns", "Service,Team")
    assert counts(second)[(("X",), "2025", ())] is None
    assert run(capsys, "audit", str(a), str(b))[0] == 0
    assert run(capsys, "audit", str(a), str(tmp_path / "alone.json"))[0] == 1


# -- wellbeing ledger -----------------------------------------------------------------------------


def test_ledger_list_before_any_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ledger", "list")
    assert code == 0
    assert out == f"{_ledger()}: no ledger yet (no report has been recorded)\n"
    assert not _ledger().exists()


def test_ledger_lists_and_forgets_the_reports(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    report(capsys, staff, tmp_path / "a.json", "--group-columns", "Team", "--title", "By team")
    report(capsys, staff, tmp_path / "b.json", "--group-columns", "Service", "--by", "Role")
    code, out, _ = run(capsys, "ledger", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{_ledger()}: 2 reports"
    assert lines[1].startswith("  1  ")
    assert lines[1].endswith(f"By team (Team; minimum 10) -> {tmp_path / 'a.json'}")
    assert lines[2].endswith(f"(Service; minimum 10; by Role) -> {tmp_path / 'b.json'}")
    data = lines[1].split("data ")[1][:12]
    assert data == lines[2].split("data ")[1][:12]  # the same file: the same data

    assert run(capsys, "ledger", "forget", "1")[:2] == (0, "forgot entry 1\n")
    code, out, _ = run(capsys, "ledger", "list")
    assert out.splitlines()[0] == f"{_ledger()}: 1 report"
    code, _, err = run(capsys, "ledger", "forget", "1")
    assert (code, err) == (2, f"wellbeing: error: {_ledger()}: no entry 1\n")
    code, _, err = run(capsys, "ledger", "forget")
    assert code == 2
    assert "needs the ID of an entry (see 'list')" in err


def test_the_ledger_fingerprints_the_file_read_beside_the_import(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    """The export's SHA-256, read in a thread while it is imported, is that of its bytes (and,
    for the data, of the rows refused: none here)."""
    import sqlite3

    from wellbeing_framework.analysis.ledger import file_fingerprints

    report(capsys, staff, tmp_path / "a.json", "--group-columns", "Team")
    with sqlite3.connect(_ledger()) as db:
        rows = db.execute("SELECT fingerprint, source, rejected FROM releases").fetchall()
    assert rows == [(*file_fingerprints(staff, b"[]"), "[]")]


def test_ledger_option_names_the_file(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.sqlite3"
    report(capsys, staff, tmp_path / "a.json", "--group-columns", "Team", "--ledger", str(mine))
    assert run(capsys, "ledger", "list", "--ledger", str(mine))[1].startswith(f"{mine}: 1 report")
    assert not _ledger().exists()


def test_a_corrupt_ledger_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is a spreadsheet, not a ledger\n" * 100)
    argv = ["--group-columns", "Team", "-o", str(tmp_path / "r.json"), "--ledger", str(bad)]
    code, _, err = run(capsys, "report", str(staff), *COMMON, *argv)
    assert code == 2
    assert err.startswith(f"wellbeing: error: {bad}: cannot open the release ledger: ")
    assert not (tmp_path / "r.json").exists()
    code, _, err = run(capsys, "ledger", "list", "--ledger", str(bad))
    assert code == 2
    assert str(bad) in err


def test_no_ledger_warns_and_records_nothing(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    argv = ["--group-columns", "Team", "-o", str(tmp_path / "r.json"), "--no-ledger"]
    code, _, err = run(capsys, "report", str(staff), *COMMON, *argv)
    assert code == 0
    assert err.startswith("warning: no ledger: this report is not checked against earlier ")
    assert "could give a hidden group away" in err
    assert not _ledger().exists()


def test_ledger_and_no_ledger_do_not_go_together(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    argv = ["--group-columns", "Team", "-o", "-", "--no-ledger", "--ledger", "x.sqlite3"]
    with pytest.raises(SystemExit):
        run(capsys, "report", str(staff), *COMMON, *argv)
    assert "not allowed with argument" in capsys.readouterr().err


# -- --by and --where -----------------------------------------------------------------------------


def test_by_cross_tabulates_at_the_deepest_level(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    data = report(
        capsys, staff, tmp_path / "r.json", "--group-columns", "Service,Team", "--by", "Role"
    )
    assert data["breakdown"] == ["Role"]
    n = counts(data)
    crossed = {key for key in n if key[2]}
    assert crossed
    assert {len(group) for group, _, _ in crossed} == {2}
    assert n[(("Y", "C"), "2025", (("Role", "nurse"),))] == 15
    assert n[(("Y", "C"), "2025", (("Role", "doctor"),))] == 12
    for key, value in n.items():
        assert value is None or value >= 10, key
    assert run(capsys, "audit", str(tmp_path / "r.json"))[0] == 0


def test_where_reports_the_rows_kept_and_is_safe_with_the_plain_report(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    plain, nurses = tmp_path / "plain.json", tmp_path / "nurses.json"
    report(capsys, staff, plain, "--group-columns", "Service,Team")
    data = report(capsys, staff, nurses, "--group-columns", "Service,Team", "--where", "Role=nurse")
    assert data["filters"] == [["Role", "nurse"]]
    nurses_in = {(): 44, ("X",): 15, ("Y",): 15, ("Z",): 14}
    nurses_in.update({("X", "A"): 12, ("X", "B"): 3, ("Y", "C"): 15, ("Z", "E"): 14})
    n = {group: value for (group, _, _), value in counts(data).items()}
    assert set(n) == set(nurses_in)  # team D has no nurse: not listed
    assert n[("X", "B")] is None
    for group, value in n.items():
        assert value in (None, nurses_in[group]), group
    assert n[()] == 44
    assert data["import"]["rows_accepted"] is None  # the whole file's count is not the filter's
    assert run(capsys, "audit", str(plain), str(nurses))[0] == 0


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("Role", "--where 'Role': expected COL=VALUE or COL=VALUE,VALUE"),
        ("Role=", "--where 'Role=': expected COL=VALUE or COL=VALUE,VALUE"),
        ("Role=surgeon", "'Role' has no value 'surgeon' (values: doctor, nurse)"),
    ],
)
def test_a_bad_filter_says_what_to_write(
    capsys: pytest.CaptureFixture[str], staff: Path, where: str, message: str
) -> None:
    argv = ["--group-columns", "Team", "-o", "-", "--where", where]
    code, _, err = run(capsys, "report", str(staff), *COMMON, *argv)
    assert code == 2
    assert message in err


# -- --organisational-mode ------------------------------------------------------------------------

ORG_ITEMS = ("rp-org-policy", "rp-org-protected-time", "rp-org-monitoring")


def _leaders(path: Path, per_service: dict[str, int]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Service", "Round", *ORG_ITEMS])
        for service, n in per_service.items():
            for k in range(n):
                out.writerow([service, "2025", *(("Yes", "Partly", "No")[k % 3],) * 3])
    return path


def _with_leaders(
    capsys: pytest.CaptureFixture[str], staff: Path, leaders: Path, out: Path, *extra: str
) -> tuple[int, str]:
    argv = ["--group-columns", "Service,Team", "-o", str(out), "--organisational", str(leaders)]
    argv += ["--organisational-checklist", "rp-checklist-organisational"]
    argv += ["--organisational-group-columns", "Service", *extra]
    code, _, err = run(capsys, "report", str(staff), *COMMON, *argv)
    return code, err


def test_consensus_publishes_each_groups_agreed_statement(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    leaders = _leaders(tmp_path / "leaders.csv", {"X": 1, "Y": 1, "Z": 1})
    out = tmp_path / "r.json"
    code, err = _with_leaders(capsys, staff, leaders, out, "--organisational-mode", "consensus")
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["organisational"] == {"mode": "consensus"}
    shown = [r for r in data["gap"] if r["group"] == ["Y"] and not r["suppressed"]]
    assert shown
    assert all(r["organisational"] is not None for r in shown)
    # The default with one submission per group is consensus too.
    code, err = _with_leaders(capsys, staff, leaders, tmp_path / "d.json")
    assert code == 0, err
    assert json.loads((tmp_path / "d.json").read_text())["organisational"]["mode"] == "consensus"


def test_consensus_with_two_submissions_for_a_group_is_an_error(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    leaders = _leaders(tmp_path / "leaders.csv", {"X": 2, "Y": 1, "Z": 1})
    out = tmp_path / "r.json"
    code, err = _with_leaders(capsys, staff, leaders, out, "--organisational-mode", "consensus")
    assert code == 2
    assert "more than one submission for a group in one wave" in err
    assert "--organisational-mode survey" in err
    assert not out.exists()


def test_survey_applies_the_minimum_to_the_leaders(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    """One leader per service answering as a survey: every service is a group of one."""
    leaders = _leaders(tmp_path / "leaders.csv", {"X": 1, "Y": 1, "Z": 1})
    out = tmp_path / "r.json"
    code, err = _with_leaders(capsys, staff, leaders, out, "--organisational-mode", "survey")
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    org = data["organisational"]
    assert org["mode"] == "survey"
    assert all(g["n"] is None for g in org["groups"])
    assert data["gap"]
    assert all(r["suppressed"] for r in data["gap"])
    assert all(r["organisational"] is None for r in data["gap"])
    assert run(capsys, "audit", str(out))[0] == 0


def _team_leaders(path: Path, per_team: dict[tuple[str, str], int]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Service", "Team", "Round", *ORG_ITEMS])
        for (service, team), n in per_team.items():
            for k in range(n):
                out.writerow([service, team, "2025", *(("Yes", "Partly", "No")[k % 3],) * 3])
    return path


def test_a_second_survey_of_the_leaders_is_suppressed_with_the_first_through_the_ledger(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    """The leaders by service and team, then by team: X (15) of the first minus team A (12) of
    the second would be team B's 3 leaders. The ledger keeps the leaders' figures too, so the
    second report hides A; a report with other leaders' data is not held against them."""
    leaders = _team_leaders(
        tmp_path / "leaders.csv", {("X", "A"): 12, ("X", "B"): 3, ("Y", "C"): 15, ("Z", "E"): 11}
    )
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for out, columns in ((a, "Service,Team"), (b, "Team")):
        code, err = _with_leaders(
            capsys, staff, leaders, out, "--organisational-group-columns", columns
        )
        assert code == 0, err
    first = json.loads(a.read_text(encoding="utf-8"))["organisational"]
    second = json.loads(b.read_text(encoding="utf-8"))["organisational"]
    assert {tuple(g["group"]): g["n"] for g in first["groups"]}[("X",)] == 15
    assert {tuple(g["group"]): g["n"] for g in second["groups"]}[("A",)] is None
    assert run(capsys, "audit", str(a), str(b))[0] == 0

    other = _team_leaders(tmp_path / "other.csv", {("X", "A"): 30, ("Y", "C"): 20})
    code, err = _with_leaders(
        capsys, staff, other, tmp_path / "c.json", "--organisational-group-columns", "Team"
    )
    assert code == 0, err
    third = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["organisational"]
    assert {tuple(g["group"]): g["n"] for g in third["groups"]} == {(): 50, ("A",): 30, ("C",): 20}


def test_a_report_of_the_same_file_that_refuses_other_rows_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A blank team refuses its row when Team is a group column, not otherwise: by service, X
    is 25; by service and team, 24. Side by side, the difference is that one person, answers
    and all. The ledger took the two for other data; now the second is refused."""
    people = [
        People("X", "A", 12),
        People("X", "", 1, answers=["Strongly disagree"] * 3),
        People("X", "B", 12),
        People("Y", "C", 15),
    ]
    source = write_export(tmp_path / "staff.csv", people)
    first = report(capsys, source, tmp_path / "a.json", "--group-columns", "Service")
    assert counts(first)[(("X",), "2025", ())] == 25
    out = tmp_path / "b.json"
    argv = ["--group-columns", "Service,Team", "-o", str(out)]
    code, _, err = run(capsys, "report", str(source), *COMMON, *argv)
    assert code == 2
    assert err == (
        f"wellbeing: error: {source}: ledger entry 1 is a report of this file that refused "
        "other rows (row 14 is refused by one and not the other): set side by side, the two "
        "reports would show those rows' answers. Make this report with the group, wave and "
        "statement choices of that one, or put those rows right in the file (see 'wellbeing "
        "import ... --check'); if that report was never shared, 'wellbeing ledger forget 1'\n"
    )
    assert not out.exists()
    # Reports that refuse the same rows go on being made; a forgotten one is not held against.
    report(
        capsys, source, tmp_path / "c.json", "--group-columns", "Service", "--min-group-size", "12"
    )
    assert run(capsys, "ledger", "forget", "1")[0] == 0
    assert run(capsys, "ledger", "forget", "2")[0] == 0
    second = report(capsys, source, out, "--group-columns", "Service,Team")
    assert counts(second)[(("X",), "2025", ())] == 24


def test_a_survey_of_the_same_leaders_file_that_refuses_other_rows_is_refused(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    """The leaders by service (X: 25, with a leader whose team is blank), then by service and
    team (X: 24, that leader refused): the difference would be that leader's answers."""
    leaders = _team_leaders(
        tmp_path / "leaders.csv",
        {("X", "A"): 12, ("X", ""): 1, ("X", "B"): 12, ("Y", "C"): 15, ("Z", "E"): 11},
    )
    code, err = _with_leaders(
        capsys, staff, leaders, tmp_path / "a.json", "--organisational-group-columns", "Service"
    )
    assert code == 0, err
    first = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["organisational"]
    assert {tuple(g["group"]): g["n"] for g in first["groups"]}[("X",)] == 25
    out = tmp_path / "b.json"
    code, err = _with_leaders(
        capsys, staff, leaders, out, "--organisational-group-columns", "Service,Team"
    )
    assert code == 2
    assert err.startswith(
        f"wellbeing: error: {leaders}: ledger entry 1 is a report of this file that refused "
        "other rows (row 14 is refused by one and not the other)"
    )
    assert not out.exists()


def test_audit_of_reports_of_other_data_says_they_contradict(
    capsys: pytest.CaptureFixture[str], staff: Path, tmp_path: Path
) -> None:
    other = write_export(tmp_path / "other.csv", [People("X", "A", 30), People("Y", "C", 30)])
    report(capsys, staff, tmp_path / "a.json", "--group-columns", "Service,Team")
    report(capsys, other, tmp_path / "b.json", "--group-columns", "Service,Team")
    code, _, err = run(capsys, "audit", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert code == 2
    assert err.startswith("wellbeing: error: report ")
    assert "contradict each other: are all the reports of the same data?" in err
