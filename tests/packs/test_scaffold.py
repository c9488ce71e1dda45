"""A new pack from the scaffold validates as it stands."""

from __future__ import annotations

from pathlib import Path

import pytest

from wellbeing_framework import WellbeingError, read_pack, validate_pack
from wellbeing_framework.errors import FileError


def test_new_pack_validates_as_it_stands(tmp_path: Path) -> None:
    from wellbeing_framework.packs.scaffold import new_pack

    folder = new_pack(tmp_path / "ours", "our-pack", title='Our "own" pack')
    assert validate_pack(folder) == ()
    pack = read_pack(folder)
    assert (pack.id, pack.title) == ("our-pack", 'Our "own" pack')
    theme = pack.themes[0]
    assert theme.i_statements
    assert theme.we_statements
    assert theme.prompts
    assert [c.theme for c in pack.checklists] == [theme.id]
    assert len(pack.tools) == 1
    assert (folder / "README.md").is_file()


def test_new_pack_refuses_a_bad_id_and_a_folder_in_use(tmp_path: Path) -> None:
    from wellbeing_framework.packs.scaffold import new_pack

    with pytest.raises(WellbeingError, match="not a valid pack id"):
        new_pack(tmp_path / "x", "Our Pack")
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.md").write_text("mine", encoding="utf-8")
    with pytest.raises(FileError, match="the folder is not empty; name a new one"):
        new_pack(tmp_path / "used", "our-pack")
    assert (tmp_path / "used" / "notes.md").read_text(encoding="utf-8") == "mine"
