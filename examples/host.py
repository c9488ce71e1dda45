"""A small host: load every wellbeing pack there is and say what was found.

    python examples/host.py [PACK-FOLDER ...]

Installed packs (such as ``pip install -e examples/minimal-pack``) are found through their entry
points; pack folders named on the command line are read as well. A pack that fails to load is
listed with the reason, and the others still load.
"""

from __future__ import annotations

import sys
import warnings

from wellbeing_framework import make_host
from wellbeing_framework.packs import PackLoadWarning


def main(argv: list[str]) -> int:
    host = make_host(pack_dirs=argv)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PackLoadWarning)  # failures are listed below instead
        report = host.load()
    if not report.packs:
        print("No packs loaded. Try: pip install -e examples/minimal-pack")
    for loaded in report.packs:
        pack = loaded.pack
        print(f"{pack.id} {pack.version}: {pack.title} (from {loaded.origin})")
        for theme in pack.themes:
            counts = f"{len(theme.statements)} statements, {len(theme.prompts)} prompts"
            print(f"  theme {theme.id}: {counts}")
        for checklist in pack.checklists:
            print(f"  checklist {checklist.id}: {len(checklist.items)} items on {checklist.scale}")
        for element in (*pack.tools, *pack.reflective_models, *pack.session_types):
            print(f"  {element.kind} {element.id}: {element.title}")
    for problem in report.problems:
        print(f"failed to load: {problem}")
        for detail in problem.details:
            print(f"  {detail}")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
