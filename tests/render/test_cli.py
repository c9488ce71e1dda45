"""``wellbeing render`` and ``wellbeing show``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from wellbeing_framework import Catalog, Pack
from wellbeing_framework.cli import main
from wellbeing_framework.cli._context import Context

Audit = Callable[..., list[str]]

PACK_TOML = """\
id = "folder-pack"
title = "A pack from a folder"
version = "0.1.0"
summary = "Written by hand, read by the reader."

[[sources]]
title = "Notes from a team day"
publisher = "A crisis team"
"""

THEME = """\
+++
kind = "theme"
id = "breaks"
+++
# Taking breaks

## I statements

- `breaks-i-take` I take the breaks I am due.
"""

CHECKLIST = """\
+++
kind = "checklist"
id = "breaks-me"
theme = "breaks"
scope = "individual"
scale = "frequency-5"
+++
# Breaks: how it is for me

- `breaks-me-lunch` I stop for lunch.
"""


@pytest.fixture
def loaded(monkeypatch: pytest.MonkeyPatch, sample_pack: Pack) -> Pack:
    """The sample pack as the only loaded pack."""
    monkeypatch.setenv("WELLBEING_DISABLE_PACK_AUTOLOAD", "1")
    monkeypatch.setattr(Context, "catalog", lambda self: Catalog([sample_pack]))
    return sample_pack


def test_render_writes_an_html_handbook(
    loaded: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str], audit_html: Audit
) -> None:
    out = tmp_path / "handbook.html"
    assert main(["render", "sample-pack", "--format", "html", "-o", str(out)]) == 0
    assert capsys.readouterr().out == (f"Wrote the handbook of sample-pack 1.2.0 (HTML) to {out}\n")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<h1>A sample wellbeing pack</h1>" in page
    assert audit_html(page) == []


def test_render_takes_the_format_from_the_file_name(loaded: Pack, tmp_path: Path) -> None:
    assert main(["render", "sample-pack", "-o", str(tmp_path / "h.html")]) == 0
    assert (tmp_path / "h.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["render", "sample-pack", "-o", str(tmp_path / "h.md")]) == 0
    assert (tmp_path / "h.md").read_text(encoding="utf-8").startswith("# A sample wellbeing pack")


def test_render_prints_markdown_without_a_file(
    loaded: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", "sample-pack"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# A sample wellbeing pack\n")
    assert "☐ Yes   ☐ Partly   ☐ No   ☐ Not sure" in out
    assert main(["render", "sample-pack", "--format", "html", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_render_reads_a_pack_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WELLBEING_DISABLE_PACK_AUTOLOAD", "1")
    folder = tmp_path / "folder-pack"
    (folder / "themes").mkdir(parents=True)
    (folder / "pack.toml").write_text(PACK_TOML, encoding="utf-8")
    (folder / "themes" / "breaks.md").write_text(THEME, encoding="utf-8")
    (folder / "breaks-me.md").write_text(CHECKLIST, encoding="utf-8")
    assert main(["render", str(folder), "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert "<h1>A pack from a folder</h1>" in page
    assert 'id="breaks-i-take"' in page
    assert "☐</span> Sometimes" in page  # the core scale frequency-5


def test_render_names_what_it_cannot_find_or_write(
    loaded: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", "no-such-pack"]) == 2
    assert "no pack 'no-such-pack' is loaded (loaded: sample-pack)" in capsys.readouterr().err
    missing = tmp_path / "missing"
    assert main(["render", f"{missing}/"]) == 2
    assert f"{missing}/: no such folder" in capsys.readouterr().err
    assert main(["render", "sample-pack", "-o", str(tmp_path)]) == 2
    assert f"{tmp_path}: cannot write the handbook: it is a folder" in capsys.readouterr().err


def test_show_a_pack_an_element_and_an_item(
    loaded: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "sample-pack"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# A sample wellbeing pack\n")
    assert "- Reflective practice group `reflective-group`" in out
    assert main(["show", "sample-pack:safety-individual"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Psychological safety: how it is for me\n")
    assert "1. I feel able to speak up in team meetings. `safety-ind-speak`" in out
    assert main(["show", "sample-pack:safety-we-listen"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("`safety-we-listen` is in this theme.\n\n# Psychological safety\n")
    assert main(["show", "sample-pack:nothing"]) == 2
    assert "pack 'sample-pack' has nothing with the id 'nothing'" in capsys.readouterr().err


def test_show_cannot_drive_the_terminal(
    monkeypatch: pytest.MonkeyPatch, sample_pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = attrs.evolve(sample_pack, title="Red \x1b[31malert\x1b]0;title\x07 text")
    monkeypatch.setattr(Context, "catalog", lambda self: Catalog([pack]))
    assert main(["show", "sample-pack"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\x07" not in out
    assert out.startswith("# Red \ufffd[31malert\ufffd]0;title\ufffd text\n")


OVERLAY_TOML = """\
id = "sample-local"
title = "The sample pack, as our service uses it"
version = "1.2.0-local.1"
summary = "Our own huddle added to the sample pack."
extends = "sample-pack"

[[sources]]
title = "Our service's notes"
publisher = "A crisis team"
"""

OVERLAY_TOOL = """\
+++
kind = "tool"
id = "our-huddle"
themes = ["safety"]
uses = ["team"]
+++
# Our Monday huddle

Ten minutes, standing up, before the first visit.
"""


def test_render_applies_an_overlay_folder_to_its_base(
    loaded: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "sample-local"
    folder.mkdir()
    (folder / "pack.toml").write_text(OVERLAY_TOML, encoding="utf-8")
    (folder / "our-huddle.md").write_text(OVERLAY_TOOL, encoding="utf-8")
    assert main(["render", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# The sample pack, as our service uses it\n")
    assert "### Our Monday huddle\n" in out
    assert "### Psychological safety\n" in out  # from the base
