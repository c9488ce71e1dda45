"""The complete example in docs/pack-format.md is a pack that validates, file for file."""

from __future__ import annotations

import re
from pathlib import Path

from wellbeing_framework import Catalog, Pack, Statement, Theme, read_pack, validate_pack
from wellbeing_framework.model import Voice

DOC = Path(__file__).parents[2] / "docs" / "pack-format.md"
FILE = re.compile(r"^`([\w./-]+)`:\n\n```\w*\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def _example(folder: Path) -> Path:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("\n## A complete example", 1)[1].split("\n## Checking a pack", 1)[0]
    files = FILE.findall(section)
    assert len(files) == 7, "pack.toml, mappings.toml and one file per kind of element"
    for name, body in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def test_the_complete_example_validates(tmp_path: Path) -> None:
    folder = _example(tmp_path)
    pack = read_pack(folder)
    assert {e.kind for e in pack.elements} == {
        "theme",
        "checklist",
        "tool",
        "reflective-model",
        "session-type",
    }
    # The mapping's target, as the crisis-services pack defines it.
    statement = Statement(id="tw-we-fair-workload", voice=Voice.WE, text="We share the load.")
    theme = Theme(id="team-wellbeing", title="Team wellbeing", statements=(statement,))
    other = Pack(id="crisis-services", title="t", version="1.0.0", summary="s", themes=(theme,))
    assert validate_pack(folder, Catalog([other])) == ()
    assert len(validate_pack(folder, Catalog([]))) == 1  # the target is checked
