"""Measure the library against references run in the same process, and print each goal.

    python benchmarks/run.py [--quick] [--only NAME[,NAME...]] [--list]

Each ``bench_*.py`` module beside this file has a ``measures(quick: bool)`` function that yields
:class:`Measure` records: a name and a function that does the measuring. Only the measures whose
name contains one of the ``--only`` words run at all, so a single line costs only its own time.

A measure times the library and a reference that does the same work, in rounds interleaved
(library, reference, then reference, library in the next round, and so on), so a burst of load
on a shared machine slows both sides of a round alike. Each line prints the median over the
rounds and the range, the goal, and whether the median meets it::

    aggregate-1e7-duckdb  0.85 [0.80-0.95]  goal <= 1.00  met  library / DuckDB time, ...

``--quick`` uses small inputs and few rounds: a smoke run that the harness still works, whose
figures mean little. These are measurements, not tests: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import importlib.util
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Line:
    """One figure with its goal: ``values`` holds one figure per round (a ratio, seconds or
    bytes, as ``unit`` says); the median is compared with ``target``."""

    name: str
    values: Sequence[float]
    target: float | None
    what: str
    unit: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def text(self) -> str:
        low, high = min(self.values), max(self.values)
        figure = f"{_number(self.median)}{self.unit} [{_number(low)}-{_number(high)}]"
        if self.target is None:
            goal = "no goal     "
        else:
            verdict = "met    " if self.median <= self.target else "NOT MET"
            goal = f"goal <= {_number(self.target)}{self.unit}  {verdict}"
        return f"{self.name:<34} {figure:<22} {goal}  {self.what}"


def _number(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.2f}"


@dataclass(frozen=True)
class Measure:
    """A named measurement, run only when selected; it yields one or more lines. One that is
    still running after ``limit`` seconds is stopped, and its line says so."""

    name: str
    run: Callable[[], Iterable[Line]]
    limit: int = 900


class _OverTime(Exception):
    pass


def _stop(signum: int, frame: object) -> None:
    raise _OverTime


def _lines(measure: Measure) -> Iterator[str]:
    signal.signal(signal.SIGALRM, _stop)
    signal.alarm(measure.limit)
    try:
        for line in measure.run():
            yield line.text()
    except _OverTime:
        yield f"{measure.name:<34} did not finish within {measure.limit} s           NOT MET"
    finally:
        signal.alarm(0)


def interleaved(sides: Sequence[Callable[[], object]], rounds: int) -> list[list[float]]:
    """Seconds of each side per round, the order of the sides reversed every other round so
    that neither always runs first (on a warm cache or a cooled machine)."""
    times: list[list[float]] = [[] for _ in sides]
    for r in range(rounds):
        order = list(range(len(sides)))
        if r % 2:
            order.reverse()
        for s in order:
            start = time.perf_counter()
            sides[s]()
            times[s].append(time.perf_counter() - start)
    return times


def ratios(ours: Sequence[float], reference: Sequence[float]) -> list[float]:
    """Per round, ours over the reference's."""
    return [a / b for a, b in zip(ours, reference, strict=True)]


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
    parser.add_argument(
        "--quick", action="store_true", help="small inputs, few rounds (a smoke run)"
    )
    parser.add_argument(
        "--only",
        metavar="NAME[,NAME...]",
        help="run only the measures whose name contains one of these words",
    )
    parser.add_argument("--list", action="store_true", help="list the measures and stop")
    args = parser.parse_args(argv)
    words = [w for w in (args.only or "").split(",") if w]
    selected = [
        m
        for module in _modules()
        for m in module.measures(args.quick)  # type: ignore[attr-defined]
        if not words or any(w in m.name for w in words)
    ]
    if args.list or not selected:
        for m in selected:
            print(m.name)
        if not selected:
            print(f"no measure matches {args.only!r}; --list shows them", file=sys.stderr)
            return 2
        return 0
    for m in selected:
        for text in _lines(m):
            print(text, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
