"""The writer: a pack written to Markdown reads back as the same pack."""

from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from strategies import content
from strategies.packs import valid_packs

from wellbeing_framework import Pack, PackFormatError, read_pack, write_pack
from wellbeing_framework.errors import FileError
from wellbeing_framework.packs import inspect_pack, pack_to_files
from wellbeing_framework.packs.writer import element_to_markdown

COMPLETE = Path(__file__).parent / "fixtures" / "good" / "complete"


@given(valid_packs())
def test_written_pack_reads_back_the_same(pack: Pack) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write_pack(pack, Path(tmp) / "pack")
        assert read_pack(Path(tmp) / "pack") == pack


@given(content.packs())
def test_any_pack_is_written_faithfully_or_refused(pack: Pack) -> None:
    """A pack whose text Markdown cannot hold as it is is refused, naming the value; nothing
    else is ever written differently from what was given."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pack"
        try:
            write_pack(pack, folder)
        except PackFormatError as exc:
            refused: PackFormatError | None = exc
        else:
            refused = None
        if refused is not None:
            assert refused.problems
            assert not folder.exists(), "nothing is written when the pack is refused"
            return
        reading = inspect_pack(folder, check=False)
        assert reading.problems == ()
        assert reading.pack == pack


def test_complete_fixture_round_trips(tmp_path: Path) -> None:
    pack = read_pack(COMPLETE)
    write_pack(pack, tmp_path / "out")
    assert read_pack(tmp_path / "out") == pack


def test_layout_one_file_per_element_by_kind() -> None:
    files = pack_to_files(read_pack(COMPLETE))
    assert sorted(files) == [
        "checklists/01-su-checklist.md",
        "mappings.toml",
        "pack.toml",
        "reflective-models/01-what-so-what.md",
        "session-types/01-reflective-group.md",
        "themes/01-speaking-up.md",
        "tools/01-huddle.md",
    ]


def test_element_markdown_reads_like_an_author_wrote_it() -> None:
    theme = read_pack(COMPLETE).element("speaking-up")
    text = element_to_markdown(theme)
    assert text.startswith('+++\nkind = "theme"\nid = "speaking-up"\norder = 1\n')
    assert "\n# Speaking up\n\n" in text
    assert (
        "\n## I statements\n\n- `su-i-raise` I can raise a worry without fearing blame.\n\n" in text
    )
    assert "  Guidance for the statement, under the bullet.\n" in text


def test_a_title_markdown_would_change_is_refused(tmp_path: Path) -> None:
    pack = read_pack(COMPLETE)
    theme = attrs.evolve(pack.themes[0], title="Speaking up #")
    with pytest.raises(PackFormatError) as caught:
        write_pack(attrs.evolve(pack, themes=(theme,)), tmp_path / "out")
    (problem,) = caught.value.problems
    assert problem.file == "themes/01-speaking-up.md"
    assert "title 'Speaking up #' would read back as 'Speaking up'" in problem.message


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileError, match="the folder is not empty; name a new one"):
        write_pack(read_pack(COMPLETE), tmp_path)
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"
