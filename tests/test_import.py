"""Importing the package is cheap: no pack loads and no analysis library is imported."""

from __future__ import annotations

import json
import subprocess
import sys

import wellbeing_framework


def test_import_loads_no_pack_and_no_heavy_library() -> None:
    code = (
        "import sys, json, wellbeing_framework; "
        "print(json.dumps(sorted(m for m in sys.modules "
        "if m.split('.')[0] in {'numpy', 'pandas', 'pyarrow', 'markdown_it'} "
        "or m.startswith('wellbeing_pack'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert json.loads(out.stdout) == []


def test_every_public_name_exists() -> None:
    # ruff's RUF022 keeps __all__ sorted; this checks it promises nothing that is not there.
    for name in wellbeing_framework.__all__:
        assert hasattr(wellbeing_framework, name), name
