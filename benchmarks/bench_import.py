"""Importing the library against importing its dependencies, each in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

DEPENDENCIES = "import attrs, cattrs, pluggy, markdown_it"
LIBRARY = "import wellbeing_framework"


def _import_time(statement: str, repeat: int) -> float:
    """The fastest wall time of a fresh interpreter running ``statement``, less a bare start."""

    def once(code: str) -> float:
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                f"import time; t=time.perf_counter(); {code}; print(time.perf_counter()-t)",
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return float(out.stdout)

    return min(once(statement) for _ in range(repeat))


def run(quick: bool) -> Iterator[tuple[str, float, float | None]]:
    repeat = 5 if quick else 15
    deps = _import_time(DEPENDENCIES, repeat)
    lib = _import_time(LIBRARY, repeat)
    yield "import", lib / deps, 1.3
