"""One regression test per finding of issue 9 ("What was found", 1 to 10), each reproducing the
attack as the issue describes it, on synthetic data, through the command line (finding 10,
of the notebook frames, through the API), and asserting that the leak is gone.

Besides ``wellbeing audit`` (the library's own check), each test makes the issue's own
subtraction on the published JSON, so that a test does not pass only because the audit missed
the same thing the suppression did. Finding 8 is also tested through the API in
``test_suppression.py`` (``test_a_filter_on_large_groups_shows_them``); finding 4 at the renderer in
``tests/render/test_report.py``.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from exports import COMMON, ITEMS, People, counts, report, run, write_export
from strategies import analysis as sa

from wellbeing_framework import aggregate
from wellbeing_framework.analysis import Responses, frames

Key = tuple[tuple[str, ...], str | None, tuple[Any, ...]]


def _pools(shown: dict[Key, int | None]) -> Iterable[tuple[Key, int]]:
    """For every shown group with children, the group minus its shown children: the pool of
    its hidden children, which a reader works out by subtraction."""
    for (group, wave, cross), n in shown.items():
        if n is None:
            continue
        children = [
            m
            for (g, w, c), m in shown.items()
            if len(g) == len(group) + 1 and g[:-1] == group and w == wave and c == cross
        ]
        if children:
            yield (group, wave, cross), n - sum(m for m in children if m is not None)


def _assert_no_small_pool(data: dict[str, Any]) -> None:
    k = data["min_group_size"]
    for key, pool in _pools(counts(data)):
        assert pool == 0 or pool >= k, f"{key}: its hidden children pool to {pool}"


def _audit(capsys: pytest.CaptureFixture[str], *files: Path) -> tuple[int, str]:
    code, out, _ = run(capsys, "audit", *map(str, files))
    return code, out


# -- 1 ------------------------------------------------------------------------------------------


def test_finding_1_one_default_report_no_longer_pins_hidden_teams(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Service X = A (12) + B (1); Y = C (20) + D (20); Z = Z1 (1). Published were everyone 54,
    Y 40, C 20, D 20, A 12: then B + Z1 = 54 - 40 - 12 = 2, so B = Z1 = 1. B and Z1 (and Z)
    are held by one row each, so they are reported as X / (other) and (other) / (other): the
    same shape, the same subtraction to defeat."""
    source = write_export(
        tmp_path / "staff.csv",
        [
            People("X", "A", 12),
            People("X", "B", 1),
            People("Y", "C", 20),
            People("Y", "D", 20),
            People("Z", "Z1", 1),
        ],
    )
    data = report(capsys, source, tmp_path / "r.json", "--group-columns", "Service,Team")
    n = counts(data)
    assert n[(("X", "(other)"), "2025", ())] is None
    assert n[(("(other)", "(other)"), "2025", ())] is None
    # The subtraction: everyone - Y - A.
    published = [n[((), "2025", ())], n[(("Y",), "2025", ())], n[(("X", "A"), "2025", ())]]
    assert None in published, "everyone, Y and A all shown: B + Z1 = 2 by subtraction"
    _assert_no_small_pool(data)
    assert _audit(capsys, tmp_path / "r.json")[0] == 0


# -- 2 ------------------------------------------------------------------------------------------

TWO_REPORTS = {
    # --group-columns Team against Service,Team: a service minus its shown team is the other.
    "team-then-service": (
        [
            People("X", "A", 12),
            People("X", "B", 3),
            People("Y", "C", 15),
            People("Y", "D", 11),
            People("Z", "E", 14),
        ],
        ["--group-columns", "Team"],
        ["--group-columns", "Service,Team"],
    ),
    # A minimum of 10, then 5: team D (11) shown by the second gives A + B = 9 away.
    "minimum-10-then-5": (
        [
            People("X", "A", 6),
            People("X", "B", 3),
            People("X", "C", 12),
            People("X", "D", 11),
            People("Y", "E", 15),
        ],
        ["--group-columns", "Service,Team"],
        ["--group-columns", "Service,Team", "--min-group-size", "5"],
    ),
    # A cross-tab by role at service level, then at team level: X's doctors (14) minus team
    # A's (11) are team B's 3 doctors.
    "cross-tab-service-then-team": (
        [
            People("X", "A", 15, role="nurse"),
            People("X", "A", 11, role="doctor"),
            People("X", "B", 14, role="nurse"),
            People("X", "B", 3, role="doctor"),
            People("Y", "C", 16, role="nurse"),
            People("Y", "C", 12, role="doctor"),
        ],
        ["--group-columns", "Service", "--by", "Role"],
        ["--group-columns", "Service,Team", "--by", "Role"],
    ),
}


@pytest.mark.parametrize("case", sorted(TWO_REPORTS))
def test_finding_2_two_reports_of_one_file_cannot_be_differenced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    """Each pair leaks when made without a ledger (the audit of both fails); made through one
    ledger, the second is suppressed so that the two pass together."""
    people, first, second = TWO_REPORTS[case]
    source = write_export(tmp_path / "staff.csv", people)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    report(capsys, source, a, *first, "--no-ledger")
    report(capsys, source, b, *second, "--no-ledger")
    code, out = _audit(capsys, a, b)
    assert code == 1, "the case no longer leaks without a ledger: it tests nothing"
    assert re.search(r"\b3\b|exactly 9", out)

    ledger = ["--ledger", str(tmp_path / "ledger.sqlite3")]
    report(capsys, source, a, *first, *ledger)
    second_data = report(capsys, source, b, *second, *ledger)
    code, out = _audit(capsys, a, b)
    assert code == 0, out
    if case == "team-then-service":
        # X (15) minus team A (12, shown by the first report) would be B.
        assert counts(second_data)[(("X",), "2025", ())] is None


# -- 3 ------------------------------------------------------------------------------------------


def test_finding_3_an_item_few_answered_shows_nothing_for_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A shown team of 10 where one person answered an item showed that person's answer; its
    service's item cell minus its sibling's gave it away too."""
    one = ["Strongly disagree", "Agree", "Agree"]
    blank = ["", "Agree", "Agree"]
    source = write_export(
        tmp_path / "staff.csv",
        [
            People("X", "A", 1, answers=one),
            People("X", "A", 9, answers=blank),
            People("X", "B", 12),
            People("Y", "C", 15),
        ],
    )
    data = report(capsys, source, tmp_path / "r.json", "--group-columns", "Service,Team")
    assert counts(data)[(("X", "A"), "2025", ())] == 10  # the team is shown...
    cells = {(tuple(c["group"]), c["element"]): c for c in data["cells"] if not c["breakdown"]}
    regular = cells[(("X", "A"), f"crisis-services:{ITEMS[0]}")]
    assert regular["suppressed"]  # ...its item answered by one is not
    for field in ("distribution", "answered", "missing", "mean", "score"):
        assert regular[field] in (None, []), field
    # Its theme's score would carry that answer too.
    (theme,) = {e["theme"] for e in data["elements"] if e["ref"] == regular["element"]}
    assert cells[(("X", "A"), theme)]["suppressed"]
    # X's item cell minus B's would be A's one answer.
    parent = cells[(("X",), f"crisis-services:{ITEMS[0]}")]
    sibling = cells[(("X", "B"), f"crisis-services:{ITEMS[0]}")]
    assert parent["suppressed"] or sibling["suppressed"]
    assert _audit(capsys, tmp_path / "r.json")[0] == 0


# -- 4 ------------------------------------------------------------------------------------------


def test_finding_4_the_import_block_gives_no_hidden_wave_away(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """'rows accepted 43' minus a shown wave of 40 was a hidden wave of 3, in every format."""
    source = write_export(
        tmp_path / "staff.csv",
        [People("X", "A", 40, wave="2024"), People("X", "A", 3, wave="2025")],
    )
    data = report(capsys, source, tmp_path / "r.json", "--group-columns", "Service,Team")
    assert counts(data)[((), "2025", ())] is None
    assert counts(data)[((), "2024", ())] == 40
    assert (data["import"]["rows_read"], data["import"]["rows_accepted"]) == (None, None)
    for suffix in (".html", ".md"):
        out = tmp_path / f"r{suffix}"
        code, _, _ = run(
            capsys,
            "report",
            str(source),
            *COMMON,
            "--group-columns",
            "Service,Team",
            "-o",
            str(out),
        )
        assert code == 0
        words = re.sub(r"<[^>]*>", " ", out.read_text(encoding="utf-8"))  # not SVG geometry
        assert not re.search(r"\b43\b", words)
    assert _audit(capsys, tmp_path / "r.json")[0] == 0


# -- 5 ------------------------------------------------------------------------------------------

CONFESSION = "Strongly disagree - I told my manager about my depression"


def test_finding_5_a_rejected_answer_is_listed_without_its_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A sentence typed into an answer cell was printed, with its row and column, in the HTML,
    Markdown and JSON reports."""
    people = [People("X", "A", 12), People("X", "B", 12)]
    source = write_export(tmp_path / "staff.csv", people)
    rows = source.read_text(encoding="utf-8").splitlines()
    cells = next(csv.reader([rows[5]]))
    cells[4] = CONFESSION
    rows[5] = ",".join(f'"{c}"' for c in cells)
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    for suffix in (".json", ".html", ".md"):
        out = tmp_path / f"r{suffix}"
        code, printed, err = run(
            capsys,
            "report",
            str(source),
            *COMMON,
            "--group-columns",
            "Service,Team",
            "-o",
            str(out),
        )
        assert code == 0, err
        text = out.read_text(encoding="utf-8")
        assert "depression" not in text
        assert "depression" not in printed + err
        assert ITEMS[0] in text or "reflective" in text.lower()
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    (rejection,) = data["import"]["rejections"]
    assert rejection["row"] == 6
    assert rejection["column"] == ITEMS[0]
    assert set(rejection) == {"row", "column", "reason"}


# -- 6 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "values", "option"),
    [
        ("Email", "team-{k}", "--group-columns"),  # refused by its heading
        ("Contact", "person{k}@example.org", "--group-columns"),  # by its content
        ("Who", "Sam Patel {k}", "--wave-column"),  # a value per person
    ],
)
def test_finding_6_a_column_of_names_or_emails_is_never_a_grouping(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, column: str, values: str, option: str
) -> None:
    source = tmp_path / "staff.csv"
    with source.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow([column, "Team", "Round", *ITEMS])
        for k in range(30):
            out.writerow([values.format(k=k), "A", "2025", "Agree", "Agree", "Agree"])
    argv = ["report", str(source), "--pack", "crisis-services"]
    argv += ["--checklist", "rp-checklist-individual", "-o", str(tmp_path / "r.json")]
    if option == "--group-columns":
        argv += ["--group-columns", column, "--wave-column", "Round"]
    else:
        argv += ["--group-columns", "Team", "--wave-column", column]
    code, out_text, err = run(capsys, *argv)
    assert code != 0
    assert f"column {column!r}" in err
    assert "example.org" not in err + out_text
    assert "Sam Patel" not in err + out_text
    assert not (tmp_path / "r.json").exists()


# -- 7 ------------------------------------------------------------------------------------------

ORG_ITEMS = ("rp-org-policy", "rp-org-protected-time", "rp-org-monitoring")


def _leaders(path: Path, per_service: dict[str, int]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Service", "Round", *ORG_ITEMS])
        for service, n in per_service.items():
            for k in range(n):
                out.writerow([service, "2025", *(["Yes", "Partly", "No"][k % 3],) * 3])
    return path


def test_finding_7_the_we_side_of_many_leaders_is_suppressed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The 'We' side was never suppressed, even from many leaders answering one by one: its
    counts next to a hidden team revealed the team."""
    source = write_export(
        tmp_path / "staff.csv",
        [People("X", "A", 12), People("Y", "B", 12), People("Z", "C", 14)],
    )
    leaders = _leaders(tmp_path / "leaders.csv", {"X": 12, "Y": 11, "Z": 2})
    data = report(
        capsys,
        source,
        tmp_path / "r.json",
        "--group-columns",
        "Service,Team",
        "--organisational",
        str(leaders),
        "--organisational-checklist",
        "rp-checklist-organisational",
        "--organisational-group-columns",
        "Service",
    )
    org = data["organisational"]
    assert org["mode"] == "survey"  # many submissions per service: the default
    shown = {
        tuple(g["group"]): g["n"]
        for g in org["groups"]
        if g["wave"] == "2025" and not g["breakdown"]
    }
    assert shown[("Z",)] is None  # 2 leaders
    # Everyone minus the services shown would be Z's 2 leaders.
    assert None in (shown[()], shown[("X",)], shown[("Y",)])
    for row in data["gap"]:
        if row["group"][:1] == ["Z"]:
            assert row["suppressed"]
            assert row["organisational"] is None
            assert row["n_organisational"] is None
    counted = {row["n_organisational"] for row in data["gap"]} - {None}
    assert counted <= {n for n in shown.values() if n is not None}
    assert _audit(capsys, tmp_path / "r.json")[0] == 0


# -- 8 ------------------------------------------------------------------------------------------


def test_finding_8_a_filter_shows_large_groups(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``--where`` hid every cell, even in groups of hundreds with a low minimum."""
    source = write_export(
        tmp_path / "staff.csv",
        [
            People("X", "A", 150, role="nurse"),
            People("X", "A", 150, role="doctor"),
            People("X", "B", 100, role="nurse"),
            People("X", "B", 100, role="doctor"),
        ],
    )
    data = report(
        capsys,
        source,
        tmp_path / "r.json",
        "--group-columns",
        "Service,Team",
        "--where",
        "Role=nurse",
        "--min-group-size",
        "5",
    )
    assert data["filters"] == [["Role", "nurse"]]
    assert {g: n for (g, _, _), n in counts(data).items()} == {
        (): 250,
        ("X",): 250,
        ("X", "A"): 150,
        ("X", "B"): 100,
    }


# -- 9 ------------------------------------------------------------------------------------------


def test_finding_9_a_cross_tab_cell_answering_alike_shows_no_answers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A shown cross-tab cell where everyone gave the same answer published it: a statement
    about each person in it."""
    source = write_export(
        tmp_path / "staff.csv",
        [
            People("X", "A", 12, role="nurse", answers=["Strongly disagree"] * 3),
            People("X", "A", 14, role="doctor"),
            People("X", "B", 15, role="nurse"),
            People("X", "B", 13, role="doctor"),
        ],
        seed=9,
    )
    data = report(
        capsys, source, tmp_path / "r.json", "--group-columns", "Service,Team", "--by", "Role"
    )
    assert counts(data)[(("X", "A"), "2025", (("Role", "nurse"),))] == 12  # the cell is shown
    cells = {
        (tuple(c["group"]), tuple(tuple(b) for b in c["breakdown"]), c["element"]): c
        for c in data["cells"]
    }
    nurses = (("Role", "nurse"),)
    for item in ITEMS:
        ref = f"crisis-services:{item}"
        cell = cells[(("X", "A"), nurses, ref)]
        assert cell["suppressed"]
        assert cell["distribution"] in (None, [])
        # Team A's item minus its doctors' would be the nurses' answers again.
        doctors = cells[(("X", "A"), (("Role", "doctor"),), ref)]
        assert cells[(("X", "A"), (), ref)]["suppressed"] or doctors["suppressed"]
    assert _audit(capsys, tmp_path / "r.json")[0] == 0


# -- 10 -----------------------------------------------------------------------------------------


def test_finding_10_frames_carry_no_reason_and_no_hidden_count() -> None:
    """The DataFrames kept the primary/complementary reason that the reports drop: it tells a
    reader which hidden group is the small one."""
    paths = [("A", "x")] * 12 + [("A", "y")] * 3 + [("A", "z")] * 14
    responses = Responses.from_arrays(
        items=sa.individual_items(),
        levels=("service", "team"),
        group_paths=paths,
        options=np.zeros((len(paths), 3), dtype=np.int8),
    )
    results = aggregate(responses)
    assert sum(g.suppressed for g in results.groups) == 2  # y, and x to protect it
    for frame in (frames.groups_frame(results), frames.cells_frame(results)):
        assert not [c for c in frame.columns if "reason" in c.lower()]
        hidden = frame[frame["suppressed"]]
        assert len(hidden)
        assert hidden["n"].isna().all()
        for column in ("answered", "unscored", "missing"):
            if column in frame:
                assert hidden[column].isna().all()
        assert "primary" not in frame.to_string()
        assert "complementary" not in frame.to_string()
