"""Scoring, aggregation and import against hand-written numpy and pandas on the same data.

- ``aggregate-1e6`` / ``aggregate-1e7``: ``aggregate()`` (every level of a three-level hierarchy,
  two waves, themes and items, with suppression) over a hand-written ``numpy.bincount`` of score
  sums and counts by finest group and item. Target 2.0. Quick mode skips 10^7.
- ``suppression-overhead``: ``aggregate()`` with the default minimum over the same call with a
  minimum of 1 (nothing to hide), on teams of very uneven sizes. Target 1.25.
- ``import-100k``: ``import_csv()`` of a 100,000-row forms export over ``pandas.read_csv`` alone
  on the same file. Target 2.0.
- ``memory-1e7-bytes-per-answer``: peak bytes allocated by ``aggregate()`` (tracemalloc) per
  answer, beyond the responses already in memory. The "ratio" printed is bytes; target 40.
"""

from __future__ import annotations

import csv
import tempfile
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from run import best_of

from wellbeing_framework.analysis.aggregate import aggregate
from wellbeing_framework.analysis.importing import import_csv
from wellbeing_framework.analysis.responses import Responses, checklist_items
from wellbeing_framework.model.content import Checklist, ChecklistItem, Pack, Scope, Theme
from wellbeing_framework.packs.catalog import Catalog

THEMES = 4
ITEMS_PER_THEME = 5
LABELS = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]


def _catalog() -> Catalog:
    themes = tuple(Theme(id=f"theme-{t}", title=f"Theme {t}") for t in range(THEMES))
    checklists = tuple(
        Checklist(
            id=f"check-{t}",
            title=f"Checklist {t}",
            theme=f"theme-{t}",
            scope=Scope.INDIVIDUAL,
            scale="agree-5",
            items=tuple(
                ChecklistItem(id=f"item-{t}-{i}", text=f"Statement {t} {i} about work.")
                for i in range(ITEMS_PER_THEME)
            ),
        )
        for t in range(THEMES)
    )
    pack = Pack(
        id="bench", title="Bench", version="1", summary="x", themes=themes, checklists=checklists
    )
    return Catalog([pack])


CATALOG = _catalog()
CHECKLISTS = [f"bench:check-{t}" for t in range(THEMES)]


def _responses(answers: int, seed: int = 7) -> Responses:
    """Synthetic responses: 10 organisations x 10 services x 10 teams, two waves, uneven team
    sizes (some under the minimum), 20 items, about 5% blank."""
    rng = np.random.default_rng(seed)
    items = checklist_items(CATALOG, CHECKLISTS)
    n_items = len(items)
    rows = answers // n_items
    team_weight = rng.gamma(0.6, size=1000)
    team = rng.choice(1000, size=rows, p=team_weight / team_weight.sum()).astype(np.int32)
    team.sort()
    groups = np.stack([team // 100, team // 10, team], axis=1).astype(np.int32)
    paths = (
        tuple((f"org-{o:02d}",) for o in range(10)),
        tuple((f"org-{s // 10:02d}", f"service-{s:03d}") for s in range(100)),
        tuple(
            (f"org-{t // 100:02d}", f"service-{t // 10:03d}", f"team-{t:04d}") for t in range(1000)
        ),
    )
    option = rng.integers(0, 5, size=rows * n_items).astype(np.int8)
    option[rng.random(rows * n_items) < 0.05] = -1
    return Responses(
        items=items,
        levels=("organisation", "service", "team"),
        paths=paths,
        groups=groups,
        waves=("2024", "2025"),
        wave=rng.integers(0, 2, size=rows).astype(np.int16),
        dimensions=(),
        dimension_values=(),
        dimension_codes=np.zeros((rows, 0), dtype=np.int16),
        row=np.repeat(np.arange(rows, dtype=np.int32), n_items),
        item=np.tile(np.arange(n_items, dtype=np.int16), rows),
        option=option,
    )


def _reference(responses: Responses) -> object:
    """Hand-written numpy: score each answer, sum and count by finest group, wave and item."""
    scores = np.array([[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]] * len(responses.items))
    scored = responses.option >= 0
    n_items = len(responses.items)
    key = (responses.groups[:, -1].astype(np.int64) * 2 + responses.wave)[responses.row] * n_items
    key += responses.item
    size = 1000 * 2 * n_items
    sums = np.bincount(key, weights=scores[responses.item, responses.option + 1], minlength=size)
    counts = np.bincount(key, weights=scored, minlength=size)
    return sums / np.maximum(counts, 1)


def _aggregate_ratio(answers: int, repeat: int) -> float:
    responses = _responses(answers)
    ours = best_of(lambda: aggregate(responses), repeat=repeat)
    reference = best_of(lambda: _reference(responses), repeat=repeat)
    return ours / reference


def _suppression_ratio(repeat: int) -> float:
    responses = _responses(1_000_000)
    with_minimum = best_of(lambda: aggregate(responses), repeat=repeat)
    without = best_of(
        lambda: aggregate(responses, min_group_size=1, force_small_groups=True), repeat=repeat
    )
    return with_minimum / without


def _write_export(path: Path, rows: int) -> None:
    rng = np.random.default_rng(3)
    items = checklist_items(CATALOG, CHECKLISTS)
    teams = rng.integers(0, 300, size=rows)
    answers = rng.integers(0, 5, size=(rows, len(items)))
    blank = rng.random((rows, len(items))) < 0.03
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(
            ["Timestamp", "Email", "Name", "Organisation", "Team", *(i.text for i in items)]
        )
        for r in range(rows):
            writer.writerow(
                [
                    "2025-03-01 09:30:00",
                    f"p{r}@example.org",
                    f"Person {r}",
                    f"Org {teams[r] // 30}",
                    f"Team {teams[r]}",
                    *("" if blank[r, j] else LABELS[a] for j, a in enumerate(answers[r])),
                ]
            )


def _import_ratio(repeat: int) -> float:
    import pandas as pd

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        _write_export(path, 100_000)
        ours = best_of(
            lambda: import_csv(
                path,
                catalog=CATALOG,
                checklists=CHECKLISTS,
                group_columns=["Organisation", "Team"],
                wave="2025",
            ),
            repeat=repeat,
        )
        reference = best_of(lambda: pd.read_csv(path), repeat=repeat)
    return ours / reference


def _memory_per_answer(answers: int) -> float:
    responses = _responses(answers)
    aggregate(responses)  # warm caches so only the call itself is measured
    tracemalloc.start()
    aggregate(responses)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / responses.n_answers


def run(quick: bool) -> Iterator[tuple[str, float, float | None]]:
    repeat = 3 if quick else 5
    yield "aggregate-1e6", _aggregate_ratio(1_000_000, repeat), 2.0
    if not quick:
        yield "aggregate-1e7", _aggregate_ratio(10_000_000, 3), 2.0
    yield "suppression-overhead", _suppression_ratio(repeat), 1.25
    yield "import-100k", _import_ratio(7), 2.0  # best of 7: parsing is the noisiest
    if not quick:
        yield "memory-1e7-bytes-per-answer", _memory_per_answer(10_000_000), 40.0
