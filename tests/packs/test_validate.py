"""Validation against the loaded packs: references to other packs, with file and line."""

from __future__ import annotations

from pathlib import Path

import attrs

from wellbeing_framework import (
    Catalog,
    Checklist,
    ChecklistItem,
    make_host,
    read_pack,
    validate_pack,
)
from wellbeing_framework.model import Scope
from wellbeing_framework.packs.validate import find_pack_folder

ROOT = Path(__file__).parents[2]
MINIMAL = ROOT / "examples" / "minimal-pack" / "src" / "wellbeing_pack_minimal" / "content"
CROSS = Path(__file__).parent / "fixtures" / "cross-pack"
BROKEN = Path(__file__).parent / "fixtures" / "broken"


def _catalog() -> Catalog:
    return make_host(autoload=False, pack_dirs=[MINIMAL]).catalog()


def test_references_to_other_packs_are_checked_against_the_catalog() -> None:
    expected = (CROSS / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in validate_pack(CROSS, _catalog())] == expected


def test_without_a_catalog_only_the_pack_itself_is_checked() -> None:
    assert validate_pack(CROSS) == ()


def test_a_packs_own_problems_and_cross_pack_ones_come_together(tmp_path: Path) -> None:
    broken = BROKEN / "mappings"
    own = {str(p) for p in validate_pack(broken)}
    together = {str(p) for p in validate_pack(broken, _catalog())}
    assert own <= together
    assert len(own) == 4


def test_an_overlay_whose_base_is_not_loaded() -> None:
    overlay = ROOT / "examples" / "overlay-pack"
    empty = Catalog([])
    (problem,) = validate_pack(overlay, empty)
    assert str(problem) == (
        "pack.toml:6: extends 'minimal-example', which is not loaded: install it, or pass its "
        "folder with --pack-dir"
    )
    assert validate_pack(overlay, _catalog()) == ()


def test_a_pack_built_in_python_is_validated_by_element() -> None:
    pack = read_pack(MINIMAL)
    stray = Checklist(
        id="stray",
        title="Stray",
        theme="no-theme",
        scope=Scope.TEAM,
        scale="agree-5",
        items=(ChecklistItem(id="rr-check-sleep", text="Again"),),
    )
    problems = validate_pack(attrs.evolve(pack, checklists=(*pack.checklists, stray)))
    assert [str(p) for p in problems] == [
        "minimal-example:stray: duplicate id 'rr-check-sleep' (first defined at "
        "minimal-example:rest-check)",
        "minimal-example:stray: unknown theme 'no-theme': expected the id of a theme in this pack "
        "(rest-and-recovery) or pack-id:theme-id for a theme of another pack",
    ]


def test_find_pack_folder_of_a_pack_given_by_folder() -> None:
    host = make_host(autoload=False, pack_dirs=[MINIMAL])
    host.load()
    assert find_pack_folder(host, "minimal-example") == MINIMAL
    assert find_pack_folder(host, "not-there") is None
