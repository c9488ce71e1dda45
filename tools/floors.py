"""Install the lowest versions pyproject.toml declares, in a throwaway environment, and run the
demo there: a floor that is not true fails here, not in a user's application.

Every ``name>=X`` of the library's dependencies and of its ``analysis`` extra is pinned to
``name==X``, so a declared floor must be a real release. The library and the packs are built as
wheels and installed with their dependencies resolved against those pins, as pip would for a
user, so the pins must also agree with each other (cattrs 25.2 needs attrs 24.3, say). Then
``wellbeing packs --check``, ``wellbeing demo`` and a pandas frame must run, from a folder
outside the checkout.

Run ``python tools/floors.py`` (``make floors``; ``make test`` runs it). It needs hatchling in the
running environment (the dev extra has it) and the package index, or pip's cache of it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The extras installed with their floors: the analysis extra is what the demo needs. The
#: notebook and dev extras are tools around the library, not what an application installs.
EXTRAS = ("analysis",)

_FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*>=\s*([0-9][^,;\s]*)\s*$")

SMOKE = """
import wellbeing_framework, pathlib, sys
assert "site-packages" in wellbeing_framework.__file__, wellbeing_framework.__file__
from wellbeing_framework import import_csv, make_host
from wellbeing_framework.analysis import frames
from wellbeing_framework.cli._demo import packaged_data
catalog = make_host(strict=True).catalog()
imported = import_csv(
    packaged_data() / "staff-survey.csv", catalog=catalog, pack="crisis-services",
    checklists=["ps-checklist-individual"], group_columns=["Service", "Team"],
    wave_column="Survey round",
)
table = frames.rejections_frame(imported.reconciliation)
assert len(table) >= imported.reconciliation.rows_rejected > 0, table
"""


def floors(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """``name==X`` for every ``name>=X`` the library and ``EXTRAS`` declare.

    Raises:
        SystemExit: A requirement has no ``>=`` floor, or more than a floor, so there is
            nothing exact to test.
    """
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    extras, seen = list(EXTRAS), set()
    while extras:  # an extra may name others of the library's own: wellbeing-framework[report]
        extra = extras.pop()
        seen.add(extra)
        for requirement in project["optional-dependencies"][extra]:
            own = re.fullmatch(rf"{re.escape(project['name'])}\[([^]]+)\]", requirement.strip())
            if own:
                extras += [e.strip() for e in own[1].split(",") if e.strip() not in seen]
            else:
                wanted.append(requirement)
    pins = []
    for requirement in wanted:
        match = _FLOOR.match(requirement)
        if match is None:
            raise SystemExit(f"{pyproject}: {requirement!r}: expected NAME>=VERSION, a floor")
        pins.append(f"{match[1]}=={match[2]}")
    return pins


def _release(version: str) -> tuple[str, ...]:
    """A version without trailing zero parts, so that 24.3 and 24.3.0 compare equal."""
    parts = version.split(".")
    while len(parts) > 1 and parts[-1] == "0":
        parts.pop()
    return tuple(parts)


def _run(*argv: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in argv], cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode:
        shown = " ".join(str(a) for a in argv)
        raise SystemExit(f"floors: {shown} exited {done.returncode}\n{done.stdout}{done.stderr}")
    return done.stdout


def main() -> int:
    start = time.monotonic()
    pins = floors()
    with tempfile.TemporaryDirectory(prefix="wellbeing-floors-") as tmp:
        work = Path(tmp)
        # A pack cache of its own too: the user's would gain an entry for every run's install.
        os.environ["WELLBEING_CACHE_DIR"] = str(work / "cache")
        projects = [ROOT, *sorted(p.parent for p in (ROOT / "packs").glob("*/pyproject.toml"))]
        _run(
            sys.executable,
            *("-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"),
            *("--wheel-dir", work / "wheels", *projects),
        )
        wheels = sorted((work / "wheels").glob("*.whl"))
        library = next(w for w in wheels if w.name.startswith("wellbeing_framework-"))
        _run(sys.executable, "-m", "venv", work / "venv")
        python = work / "venv" / "bin" / "python"
        extras = ",".join(EXTRAS)
        _run(
            python,
            *("-m", "pip", "install", "--quiet", "--disable-pip-version-check"),
            f"wellbeing-framework[{extras}] @ {library.as_uri()}",
            *(w for w in wheels if w != library),
            *pins,
        )
        installed = _run(python, "-m", "pip", "freeze", "--disable-pip-version-check")
        versions = dict(
            line.lower().replace("_", "-").split("==", 1)
            for line in installed.splitlines()
            if "==" in line
        )
        for pin in pins:
            name, _, version = pin.lower().partition("==")
            got = versions.get(name, "not installed")
            if _release(got) != _release(version):
                raise SystemExit(f"floors: {pin} was asked for, got {name} {got}")
        outside = work / "elsewhere"
        outside.mkdir()
        wellbeing = work / "venv" / "bin" / "wellbeing"
        _run(wellbeing, "packs", "--check", cwd=outside)
        # A ledger of its own: the user's would tie this run to every demo run before it.
        ledger = ("--ledger", work / "ledger.sqlite3")
        demo = _run(wellbeing, "demo", "--out", outside / "out", *ledger, cwd=outside)
        if "report.html" not in demo:
            raise SystemExit(f"floors: the demo wrote no report:\n{demo}")
        _run(python, "-c", SMOKE, cwd=outside)
    seconds = time.monotonic() - start
    print(f"floors: {', '.join(pins)}: install, packs, demo and a frame ran ({seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
