"""docs/results-guide.md: every command in it runs as written, and its mapping files work."""

from __future__ import annotations

import csv
import re
import shlex
from pathlib import Path

import pytest

from wellbeing_framework import import_csv, make_host
from wellbeing_framework.analysis import read_mapping
from wellbeing_framework.cli import main

ROOT = Path(__file__).parents[1]
GUIDE = ROOT / "docs" / "results-guide.md"
DATA = ROOT / "examples" / "data"


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"^```{kind}\n(.*?)^```$", GUIDE.read_text(encoding="utf-8"), re.M | re.S)


def _commands() -> list[list[str]]:
    commands = []
    for block in _blocks("sh"):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line)
            if words and words[0] == "wellbeing":
                commands.append(words[1:])
    return commands


def test_the_guide_shows_the_whole_journey() -> None:
    names = [c[0] for c in _commands()]
    assert names == ["show", "show", "import", "report"]
    report = _commands()[-1]
    assert "--organisational" in report  # the I/We gap, not only the staff side


@pytest.mark.parametrize("words", _commands(), ids=lambda w: " ".join(w[:2]))
def test_every_command_in_the_guide_runs_as_written(
    words: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    if "-o" in words:
        words = [*words]
        words[words.index("-o") + 1] = str(tmp_path / "report.html")
    code = main(words)
    # The example data has rows wrong on purpose: `import --check` says so with exit 1.
    assert code == (1 if "--check" in words else 0)
    if "-o" in words:
        page = (tmp_path / "report.html").read_text(encoding="utf-8")
        assert "The I/We gap" in page


def test_the_guides_mapping_files_say_the_same_and_import(tmp_path: Path) -> None:
    (csv_text,) = _blocks("csv")
    (toml_text,) = _blocks("toml")
    (tmp_path / "m.csv").write_text(csv_text, encoding="utf-8")
    (tmp_path / "m.toml").write_text(toml_text, encoding="utf-8")
    mapping = read_mapping(tmp_path / "m.csv")
    assert mapping == read_mapping(tmp_path / "m.toml")
    # The staff survey with three headings renamed as the mapping expects.
    with (DATA / "staff-survey.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    catalog = make_host().catalog()
    checklist = catalog.element("crisis-services:ps-checklist-individual")
    wording = {item.id: item.text for item in checklist.items}  # type: ignore[attr-defined]
    renamed = {wording[item]: heading for heading, item in mapping.items()}
    rows[0] = [renamed.get(h, h) for h in rows[0]]
    survey = tmp_path / "survey.csv"
    with survey.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    for path in (tmp_path / "m.csv", tmp_path / "m.toml"):
        imported = import_csv(
            survey,
            catalog=catalog,
            pack="crisis-services",
            checklists=["ps-checklist-individual"],
            group_columns=["Service", "Team"],
            wave_column="Survey round",
            mapping=path,
        )
        assert imported.reconciliation.items_not_found == ()
        assert not set(mapping) & set(imported.reconciliation.unmatched_columns)


def test_the_readme_quick_start_report_has_the_gap_and_points_to_the_guide() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme[readme.index("$ wellbeing report") :]
    quick = quick[: quick.index("\n\n")]
    for flag in ("--organisational ", "--organisational-checklist", "--organisational-group"):
        assert flag in quick
    assert "(docs/results-guide.md)" in readme
