"""Measure the library against references run in the same process, and print ratios.

    python benchmarks/run.py [--quick] [--only NAME]

Each ``bench_*.py`` module beside this file has a ``run(quick: bool)`` generator that yields
``(name, ratio, target)``: the library's time (or memory) over a reference's, both measured in
this run on this machine, and the target ratio or None. A shared, noisy machine slows both
alike. One line is printed per measure, ``NAME ratio X``, with the target after it where one is
set. These are measurements, not tests: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent


def best_of(fn: Callable[[], object], *, repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs of ``fn``, in seconds: the least disturbed by other work."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _modules() -> Iterator[object]:
    sys.path.insert(0, str(HERE))
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer repeats")
    parser.add_argument(
        "--only",
        metavar="NAME",
        help="print only the measures whose name contains NAME (the others still run)",
    )
    args = parser.parse_args(argv)
    for module in _modules():
        for name, ratio, target in module.run(args.quick):  # type: ignore[attr-defined]
            if args.only and args.only not in name:
                continue
            note = f"  (target <= {target})" if target is not None else ""
            print(f"{name} ratio {ratio:.2f}{note}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
