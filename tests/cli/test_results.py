"""``wellbeing report`` and ``wellbeing import --check`` on the example data and on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wellbeing_framework.analysis._rounding import points_or_none
from wellbeing_framework.cli import main

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
STAFF = DATA / "staff-survey.csv"
LEADERS = DATA / "leaders-self-assessment.csv"
INDIVIDUAL = ",".join(f"{t}-checklist-individual" for t in ("ps", "rp", "tw", "lay"))
ORGANISATIONAL = ",".join(f"{t}-checklist-organisational" for t in ("ps", "rp", "tw", "lay"))
COMMON = [
    "--pack",
    "crisis-services",
    "--checklist",
    INDIVIDUAL,
    "--group-columns",
    "Service,Team",
    "--wave-column",
    "Survey round",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_check_prints_the_reconciliation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "import", str(STAFF), *COMMON, "--check")
    assert code == 1  # some rows are rejected on purpose
    assert "rows read:     227" in out
    assert "rows accepted: 223" in out
    assert "rows rejected: 4" in out
    # Every rejection with its row and column, and every column dropped.
    assert out.count("    row ") == 4
    assert "'Maybe'" in out
    assert "'N/A'" in out
    assert "column 'Team'" in out
    assert "column 'Service'" in out
    assert "'Email'" in out
    assert "'Name'" in out
    assert "Is there anything else you would like to tell us?" in out
    assert "Traceback" not in err


def test_import_check_exits_0_when_every_row_is_accepted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys,
        "import",
        str(LEADERS),
        "--pack",
        "crisis-services",
        "--checklist",
        ORGANISATIONAL,
        "--group-columns",
        "Service",
        "--wave-column",
        "Survey round",
        "--check",
    )
    assert code == 0
    assert "rows rejected: 0" in out


def test_import_check_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "import", str(STAFF), *COMMON, "--check", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["rows_read"] == data["rows_accepted"] + data["rows_rejected"] == 227
    assert len({r["row"] for r in data["rejections"]}) == 4


def test_import_without_check_says_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", str(STAFF), *COMMON)
    assert code == 2
    assert "--check" in err


@pytest.mark.parametrize(("fmt", "suffix"), [("html", ".html"), ("md", ".md"), ("json", ".json")])
def test_report_writes_each_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, suffix: str
) -> None:
    out_file = tmp_path / f"report{suffix}"
    code, out, err = run(
        capsys,
        "report",
        str(STAFF),
        *COMMON,
        "--organisational",
        str(LEADERS),
        "--organisational-checklist",
        ORGANISATIONAL,
        "--organisational-group-columns",
        "Service",
        "-o",
        str(out_file),
    )
    assert code == 0
    assert str(out_file) in out
    assert "4 of 227 rows were rejected" in err
    text = out_file.read_text(encoding="utf-8")
    if fmt == "html":
        assert text.startswith("<!DOCTYPE html>")
        assert "The I/We gap" in text
    elif fmt == "md":
        assert text.startswith("# ")
    else:
        data = json.loads(text)
        assert data["import"]["rows_rejected"] == 4
        assert data["gap"]


def test_report_to_standard_output_with_a_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", str(STAFF), *COMMON, "--format", "json", "-o", "-")
    assert code == 0
    assert json.loads(out)["min_group_size"] == 10


def test_a_minimum_below_5_needs_forcing(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys,
        "report",
        str(STAFF),
        *COMMON,
        "--min-group-size",
        "3",
        "-o",
        "-",
        "--format",
        "json",
    )
    assert code == 2
    assert "--force-small-groups" in err
    code, out, _ = run(
        capsys,
        "report",
        str(STAFF),
        *COMMON,
        "--min-group-size",
        "3",
        "--force-small-groups",
        "-o",
        "-",
        "--format",
        "json",
    )
    assert code == 0
    assert json.loads(out)["forced_small_groups"] is True


def test_a_missing_group_column_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a if a != "Service,Team" else "Service,Ward" for a in COMMON]
    code, _, err = run(capsys, "import", str(STAFF), *argv, "--check")
    assert code == 2
    assert err.startswith("wellbeing: error: ")
    assert "Ward" in err
    assert "Traceback" not in err


def test_an_empty_file_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, _, err = run(capsys, "import", str(empty), *COMMON, "--check")
    assert code == 2
    assert err.startswith("wellbeing: error: ")
    assert "empty.csv" in err


def test_a_missing_file_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "nope.csv"), *COMMON, "--check")
    assert code == 2
    assert "nope.csv: no such file" in err


def test_an_unknown_checklist_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a if a != INDIVIDUAL else "no-such-checklist" for a in COMMON]
    code, _, err = run(capsys, "import", str(STAFF), *argv, "--check")
    assert code == 2
    assert "no-such-checklist" in err


def test_organisational_options_go_together(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "report", str(STAFF), *COMMON, "--organisational", str(LEADERS), "-o", "-"
    )
    assert code == 2
    assert "--organisational-checklist" in err


def test_cli_library_and_json_agree_on_the_private_results(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from wellbeing_framework.analysis.aggregate import aggregate
    from wellbeing_framework.analysis.importing import import_csv
    from wellbeing_framework.model.convert import unstructure
    from wellbeing_framework.packs.manager import make_host

    code, out, _ = run(capsys, "report", str(STAFF), *COMMON, "--format", "json", "-o", "-")
    assert code == 0
    cli_cells = json.loads(out)["cells"]
    imported = import_csv(
        STAFF,
        catalog=make_host().catalog(),
        checklists=INDIVIDUAL.split(","),
        pack="crisis-services",
        group_columns=["Service", "Team"],
        wave_column="Survey round",
    )
    library = []
    for cell in aggregate(imported.responses).cells:
        data = unstructure(cell)
        del data["reason"]
        data["score"] = points_or_none(cell.normalised)
        library.append(data)
    assert cli_cells == json.loads(json.dumps(library))


def test_report_help_explains_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    text = capsys.readouterr().out
    for option in ("--group-columns", "--wave-column", "--min-group-size", "--organisational"):
        assert option in text
