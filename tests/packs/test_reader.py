"""The Markdown reader: fixture packs, good and broken, with the exact messages expected."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest

from wellbeing_framework import PackFormatError, read_pack
from wellbeing_framework.model import Cadence, Facilitation, Mode, Relation, Scope, ToolUse, Voice
from wellbeing_framework.packs import inspect_pack

FIXTURES = Path(__file__).parent / "fixtures"
COMPLETE = FIXTURES / "good" / "complete"
BROKEN = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def test_complete_pack_reads_every_key() -> None:
    pack = read_pack(COMPLETE)
    assert (pack.id, pack.title, pack.version, pack.language) == (
        "complete",
        "A complete pack",
        "1.2.0",
        "en-GB",
    )
    assert pack.summary.startswith("A small pack")
    assert pack.summary.endswith("is read.")
    assert pack.sectors == ("testing", "health")
    source = pack.sources[0]
    assert source.url == "https://example.org/framework"
    assert source.published == dt.date(2024, 10, 30)
    assert source.updated == dt.date(2025, 1, 15)
    assert source.licence == "CC BY 4.0"
    scale = pack.scale("met-partly-not")
    assert [o.score for o in scale.options] == [2, 1, 0, None]


def test_theme_sections_statements_and_guidance() -> None:
    theme = read_pack(COMPLETE).element("speaking-up")
    assert theme.aliases == ("raising-concerns",)
    assert theme.order == 1
    assert theme.introduction == (
        "People can say what worries them, and are heard.\n"
        "This sentence wraps onto a second line of the introduction."
    )
    assert theme.what_good_looks_like == (
        "Worries are raised early and met with curiosity.\n\n"
        "Leaders thank the person who raised one."
    )
    first = theme.statements[0]
    # A wrapped item joins into one line; paragraphs under the bullet are its guidance.
    assert first.text == "I can raise a worry without fearing blame."
    assert (
        first.guidance
        == "Guidance for the statement, under the bullet.\n\nA second paragraph of guidance."
    )
    assert [s.voice for s in theme.statements] == [Voice.I, Voice.I, Voice.WE]
    assert [p.id for p in theme.prompts] == ["su-prompt-held-back", "su-prompt-change"]
    (section,) = theme.sections
    assert section.title == "Further reading"
    assert "[links](https://example.org)" in section.body


def test_checklist_items_in_a_section_and_plain_bullets_stay_prose() -> None:
    checklist = read_pack(COMPLETE).element("su-checklist")
    assert (checklist.theme, checklist.scope, checklist.scale) == (
        "speaking-up",
        Scope.INDIVIDUAL,
        "met-partly-not",
    )
    assert [i.id for i in checklist.items] == ["su-item-raise", "su-item-heard"]
    assert checklist.items[0].guidance == "Think of the last one."
    assert "- They need no ids." in checklist.introduction
    assert checklist.sections == ()  # the Items section held only the items


def test_tool_model_and_session_type() -> None:
    pack = read_pack(COMPLETE)
    tool = pack.element("huddle")
    assert tool.themes == ("speaking-up", "other-pack:some-theme")
    assert tool.uses == (ToolUse.TEAM, ToolUse.SELF_CARE)
    assert tool.sections[0].body.startswith("1. Everyone says")
    model = pack.element("what-so-what")
    assert [s.title for s in model.stages] == ["What?", "So what?", "Now what?"]
    assert model.stages[0].introduction == "Describe it."
    assert [len(s.prompts) for s in model.stages] == [1, 2, 1]
    session = pack.element("reflective-group")
    assert session.cadence is Cadence.MONTHLY
    assert (session.min_participants, session.max_participants) == (3, 8)
    assert session.facilitation is Facilitation.EXTERNAL
    assert session.facilitation_optional is True
    assert session.min_duration_minutes == 90
    assert session.modes == (Mode.IN_PERSON, Mode.ONLINE)
    assert [s.id for s in session.agenda] == ["rg-open", "rg-explore", "rg-close"]
    assert session.agenda[1].guidance == "Guidance for a step."
    assert session.ground_rules == (
        "What is said here stays here.",
        "We speak for ourselves, and listen without judging.",
    )
    assert session.purpose == "To think together about how the work affects us."
    assert [s.title for s in session.sections] == ["Who it is for"]


def test_mappings_and_ignored_files() -> None:
    pack = read_pack(COMPLETE)
    assert [(m.source, m.target, m.relation) for m in pack.mappings] == [
        ("su-i-raise", "other-pack:raise-concerns", Relation.EQUIVALENT),
        ("speaking-up", "complete:reflective-group", Relation.SUPPORTS),
    ]
    # README.md at the root and notes.txt are not elements.
    assert len(pack.elements) == 5


@pytest.mark.parametrize("folder", BROKEN, ids=[p.name for p in BROKEN])
def test_broken_pack_reports_exactly_the_expected_problems(folder: Path) -> None:
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, "a broken fixture lists at least one problem"
    with pytest.raises(PackFormatError) as caught:
        read_pack(folder)
    assert [str(p) for p in caught.value.problems] == expected
    assert all(p.line is not None or p.file == "pack.toml" for p in caught.value.problems)


def test_every_problem_names_a_file_relative_to_the_pack() -> None:
    files = {p.file for folder in BROKEN for p in inspect_pack(folder).problems}
    assert all(not f.startswith("/") and "\\" not in f for f in files)


def test_reads_through_a_zip_traversable(tmp_path: Path) -> None:
    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in COMPLETE.rglob("*"):
            if path.is_file():
                zf.write(path, f"content/{path.relative_to(COMPLETE).as_posix()}")
    from_zip = read_pack(zipfile.Path(archive) / "content/")
    assert from_zip == read_pack(COMPLETE)


def test_windows_line_ends_and_a_byte_order_mark_read_the_same(tmp_path: Path) -> None:
    copy = tmp_path / "pack"
    shutil.copytree(COMPLETE, copy)
    for path in copy.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    assert read_pack(copy) == read_pack(COMPLETE)


def test_a_file_that_is_not_utf8_is_named_with_its_line(tmp_path: Path) -> None:
    # Made here rather than kept as a fixture: linters and editors choke on such a file.
    copy = tmp_path / "pack"
    shutil.copytree(FIXTURES / "good" / "complete", copy)
    (copy / "tools" / "cafe.md").write_bytes(
        b'+++\nkind = "tool"\nid = "a-tool"\n+++\n# A tool\n\nCaf\xe9 culture.\n'
    )
    with pytest.raises(PackFormatError) as caught:
        read_pack(copy)
    assert [str(p) for p in caught.value.problems] == [
        "tools/cafe.md:7: not valid UTF-8 text: byte 0xe9 at column 4 cannot be read; save the "
        "file as UTF-8"
    ]


def test_a_path_that_is_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(PackFormatError, match="not a folder"):
        read_pack(tmp_path / "missing")


def test_plugin_scales_are_known_when_given(tmp_path: Path) -> None:
    copy = tmp_path / "pack"
    shutil.copytree(FIXTURES / "broken" / "unknown-scale", copy)
    (copy / "expected.txt").unlink()
    with pytest.raises(PackFormatError):
        read_pack(copy)
    assert read_pack(copy, scales=["agree-7"]).checklists[0].scale == "agree-7"


def test_bad_item_does_not_hide_later_items(tmp_path: Path) -> None:
    """All problems in one run: faults in several items and keys of one file all show."""
    problems = inspect_pack(FIXTURES / "broken" / "bad-id").problems
    assert [p.line for p in problems if p.file == "b.md"] == [4, 10, 11]
