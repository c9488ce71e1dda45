"""Importing the package is cheap: no pack loads and no analysis library is imported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import wellbeing_framework

HEAVY = "{'numpy', 'pandas', 'pyarrow', 'scipy', 'highspy', 'sqlite3', 'markdown_it', 'difflib'}"


@pytest.mark.parametrize(
    "statement",
    [
        "import wellbeing_framework",
        # What a pack author or an application writes first, and what an analyst does.
        "from wellbeing_framework import Pack, make_host, Catalog",
        "from wellbeing_framework import ImportOptions, import_csv, aggregate",
    ],
)
def test_import_loads_no_pack_and_no_heavy_library(statement: str) -> None:
    code = (
        f"import sys, json; {statement}; "
        "print(json.dumps(sorted(m for m in sys.modules "
        f"if m.split('.')[0] in {HEAVY} "
        "or m.startswith('wellbeing_pack'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert json.loads(out.stdout) == []


def test_every_public_name_exists() -> None:
    # ruff's RUF022 keeps __all__ sorted; this checks it promises nothing that is not there.
    for name in wellbeing_framework.__all__:
        assert hasattr(wellbeing_framework, name), name
