"""The authoring commands: validate, new-pack and stamp-ids."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from wellbeing_framework import hookimpl
from wellbeing_framework.cli import _context, main

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "tests" / "packs" / "fixtures"
MINIMAL = ROOT / "examples" / "minimal-pack" / "src" / "wellbeing_pack_minimal" / "content"


@pytest.fixture(autouse=True)
def _no_installed_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WELLBEING_DISABLE_PACK_AUTOLOAD", "1")


def test_validate_lists_every_problem_relative_to_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES / "broken" / "duplicate-id", tmp_path / "dup")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "dup"]) == 1
    out = capsys.readouterr().out.splitlines()
    expected = (tmp_path / "dup" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert out == [*(f"dup/{line}" for line in expected), "dup: 4 problems"]


def test_validate_a_clean_pack_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(MINIMAL)]) == 0
    assert capsys.readouterr().out == f"{MINIMAL}: no problems\n"
    # The complete fixture is sound on its own, but names a pack that is not loaded.
    assert main(["validate", str(FIXTURES / "good" / "complete")]) == 1
    assert "no pack 'other-pack' is loaded" in capsys.readouterr().out


def test_validate_a_file_validates_its_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES / "broken" / "unknown-scale", tmp_path / "pack")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "pack/list.md"]) == 1
    assert "pack/list.md:6: unknown scale 'agree-7'" in capsys.readouterr().out


def test_validate_uses_other_packs_given_with_pack_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    overlay = ROOT / "examples" / "overlay-pack"
    assert main(["validate", str(overlay)]) == 1
    assert "extends 'minimal-example', which is not loaded" in capsys.readouterr().out
    assert main(["--pack-dir", str(MINIMAL), "validate", str(overlay)]) == 0
    shutil.copytree(FIXTURES / "cross-pack", tmp_path / "cross-pack")
    monkeypatch.chdir(tmp_path)
    assert main(["--pack-dir", str(MINIMAL), "validate", "cross-pack"]) == 1
    out = capsys.readouterr().out
    assert (
        "cross-pack/mappings.toml:13: mapping target 'not-installed:anything' does not exist" in out
    )


@pytest.mark.parametrize("base_first", [True, False], ids=["base-overlay", "overlay-base"])
def test_validate_base_and_overlay_on_one_command_line_sees_the_base(
    base_first: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    overlay = ROOT / "examples" / "overlay-pack"
    folders = [str(MINIMAL), str(overlay)]
    assert main(["validate", *(folders if base_first else folders[::-1])]) == 0
    out = capsys.readouterr().out
    assert f"{overlay}: no problems" in out
    assert f"{MINIMAL}: no problems" in out
    assert "not loaded" not in out


def test_validate_an_overlay_with_a_broken_base_lists_the_bases_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = tmp_path / "base"
    shutil.copytree(MINIMAL, base)
    toml = base / "pack.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\nunknown-key = 1\n", encoding="utf-8")
    assert main(["validate", str(base), str(ROOT / "examples" / "overlay-pack")]) == 1
    out = capsys.readouterr().out
    assert "unknown-key" in out  # the base's own problem, where it is


def test_validate_an_installed_pack_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--pack-dir", str(MINIMAL), "validate", "minimal-example"]) == 0
    assert capsys.readouterr().out == "minimal-example: no problems\n"


def test_validate_an_installed_pack_that_failed_to_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "closing-step"
    shutil.copytree(FIXTURES / "broken" / "closing-step", broken)
    plugin = ModuleType("broken_pack")

    @hookimpl
    def wellbeing_packs() -> Iterator[Path]:
        yield broken

    plugin.wellbeing_packs = wellbeing_packs  # type: ignore[attr-defined]
    real = _context.make_host
    monkeypatch.setattr(_context, "make_host", lambda **kw: real(**kw, plugins=[plugin]))
    monkeypatch.chdir(tmp_path)
    expected = (broken / "expected.txt").read_text(encoding="utf-8").splitlines()
    for name in ("closing-step", "broken_pack"):  # the pack's id, or its plugin's name
        assert main(["validate", name]) == 1
        captured = capsys.readouterr()
        assert captured.out.splitlines() == [
            *(f"closing-step/{line}" for line in expected),
            f"{name}: 2 problems",
        ]
        assert "closing-step" not in captured.err  # not warned about as well


def test_validate_an_unknown_name_cannot_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "no-such-pack"]) == 2
    assert "'no-such-pack' is neither a folder nor an installed pack" in capsys.readouterr().err


def test_new_pack_then_validate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new-pack", "our-pack", "--dir", "packs", "--title", "Our pack"]) == 0
    out = capsys.readouterr().out
    assert "Created the pack 'our-pack' in packs/our-pack/" in out
    assert "  themes/example-theme.md" in out
    assert main(["validate", "packs/our-pack"]) == 0
    assert main(["new-pack", "our-pack", "--dir", "packs"]) == 2  # not over an existing pack


def test_stamp_ids_check_then_stamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES / "broken" / "item-without-id", tmp_path / "pack")
    monkeypatch.chdir(tmp_path)
    theme = tmp_path / "pack" / "a.md"
    before = theme.read_bytes()
    assert main(["stamp-ids", "--check", "pack"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "pack/a.md:9: no id (would add 'at-raise-worry')",
        "1 item without an id",
    ]
    assert theme.read_bytes() == before  # --check writes nothing
    assert main(["stamp-ids", "pack/a.md"]) == 0
    assert capsys.readouterr().out == "pack/a.md: added 1 id\n"
    assert theme.read_bytes() == before.replace(b"- I can", b"- `at-raise-worry` I can")
    assert main(["stamp-ids", "--check", "pack"]) == 0


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links as on POSIX")
def test_stamp_ids_never_writes_through_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES / "broken" / "item-without-id", tmp_path / "pack")
    outside = tmp_path / "outside.md"
    shutil.copy(tmp_path / "pack" / "a.md", outside)
    (tmp_path / "pack" / "b.md").symlink_to(outside)
    inside = tmp_path / "pack" / "sub"
    inside.mkdir()
    (inside / "c.md").symlink_to("../a.md")
    monkeypatch.chdir(tmp_path)
    before = outside.read_bytes()
    assert main(["stamp-ids", "pack/b.md"]) == 0
    assert "pack/b.md: a symbolic link" in capsys.readouterr().out
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(outside, elsewhere / "a.md")
    (tmp_path / "pack" / "linked").symlink_to(elsewhere, target_is_directory=True)
    assert main(["stamp-ids", "pack/linked/a.md"]) == 0
    assert "pack/linked/a.md: a symbolic link (or in a folder reached through one)" in (
        capsys.readouterr().out
    )
    assert (elsewhere / "a.md").read_bytes() == before
    (tmp_path / "pack" / "linked").unlink()
    assert main(["stamp-ids", "pack"]) == 0
    out = capsys.readouterr().out
    assert "pack/b.md: a symbolic link to a place outside the pack folder" in out
    assert "pack/sub/c.md: a symbolic link (or in a folder reached through one)" in out
    assert "pack/a.md: added 1 id" in out
    assert outside.read_bytes() == before
    assert (inside / "c.md").is_symlink()
