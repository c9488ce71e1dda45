"""The example data: made by its generator, byte for byte, and shaped as its README says."""

from __future__ import annotations

import csv
import importlib.util
import io
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("example_data_generate", DATA / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(generator: ModuleType) -> dict[str, bytes]:
    files: dict[str, bytes] = generator.generate()
    return files


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_committed_files_are_what_the_generator_makes(generated: dict[str, bytes]) -> None:
    assert sorted(generated) == ["leaders-self-assessment.csv", "staff-survey.csv"]
    for name, data in generated.items():
        assert (DATA / name).read_bytes() == data, (
            f"examples/data/{name} is not what generate.py makes: run "
            "'.venv/bin/python examples/data/generate.py'"
        )


def test_the_generator_writes_files_with_main(generator: ModuleType, tmp_path: Path) -> None:
    assert generator.main(["--out", str(tmp_path)]) == 0
    for name in ("staff-survey.csv", "leaders-self-assessment.csv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes()


def test_files_are_written_as_excel_writes_csv_utf8(generated: dict[str, bytes]) -> None:
    for data in generated.values():
        assert data.startswith(b"\xef\xbb\xbf")
        assert b"\r\n" in data
        assert data.count(b"\n") >= data.count(b"\r\n")


def test_the_staff_survey_is_shaped_like_a_forms_export(
    generator: ModuleType, generated: dict[str, bytes]
) -> None:
    header, *rows = _rows(generated["staff-survey.csv"])
    assert header[:5] == ["ID", "Start time", "Completion time", "Email", "Name"]
    assert header[-1] == generator.FREE_TEXT
    # Bookkeeping and groups, then every individual checklist of the pack, then free text.
    items = [i.text for c, _ in generator._checklists("individual") for i in c.items]
    assert header[9:-1] == items
    labels = {
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
        *("Never", "Rarely", "Sometimes", "Often", "Always"),
        *("Yes", "No", "Does not apply"),
        "",
    }
    answers = Counter(a for r in rows for a in r[9:-1])
    # Answers are the scale's labels, except the two cells spoiled on purpose.
    assert {a for a in answers if a not in labels} == {"Maybe", "N/A"}
    assert answers["Maybe"] == answers["N/A"] == 1
    assert sum(1 for r in rows if not r[header.index("Team")]) == 1
    assert sum(1 for r in rows if not r[header.index("Service")]) == 1
    # A quoted line break, as free text often has.
    assert any("\n" in r[-1] for r in rows)


def test_teams_have_the_sizes_the_readme_gives(
    generator: ModuleType, generated: dict[str, bytes]
) -> None:
    header, *rows = _rows(generated["staff-survey.csv"])
    service, team, wave = (header.index(c) for c in ("Service", "Team", "Survey round"))
    spoiled = {
        k for k, r in enumerate(rows) if not r[service] or not r[team] or {"Maybe", "N/A"} & set(r)
    }
    sizes = Counter((r[wave], r[service], r[team]) for k, r in enumerate(rows) if k not in spoiled)
    for (svc, tm), (first, second) in generator.TEAMS.items():
        assert sizes[("2024", svc, tm)] == first
        assert sizes[("2025", svc, tm)] == second
    small = [t for t, sizes_ in generator.TEAMS.items() if min(sizes_) < 10]
    assert len(small) >= 2  # some teams must be hidden by the default minimum


def test_leaders_answer_once_per_service_and_round(generated: dict[str, bytes]) -> None:
    header, *rows = _rows(generated["leaders-self-assessment.csv"])
    service, wave = header.index("Service"), header.index("Survey round")
    pairs = Counter((r[service], r[wave]) for r in rows)
    assert set(pairs.values()) == {1}
    assert {w for _, w in pairs} == {"2024", "2025"}
    assert {a for r in rows for a in r[7:]} <= {"Yes", "Partly", "No", "Not sure"}
