"""Strategies for the analysis: a small pack, group hierarchies of random sizes, and responses."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import numpy as np
from hypothesis import strategies as st

from wellbeing_framework import Catalog, Checklist, ChecklistItem, Pack, Prompt, Theme, Tool
from wellbeing_framework.analysis import Responses
from wellbeing_framework.analysis.aggregate import aggregate
from wellbeing_framework.analysis.responses import ItemInfo, checklist_items
from wellbeing_framework.analysis.results import DEFAULT_BANDING, Band, Banding, Results
from wellbeing_framework.model import Scope

#: A pack with two themes, individual and organisational checklists on two core scales.
PACK = Pack(
    id="demo",
    title="Demo pack",
    version="1.2",
    summary="A pack for the analysis tests.",
    themes=(
        Theme(
            id="safety",
            title="Feeling safe",
            prompts=(Prompt(id="safety-prompt", text="What helps you speak up?"),),
        ),
        Theme(id="rest", title="Rest and recovery"),
    ),
    checklists=(
        Checklist(
            id="safety-me",
            title="Safety: me",
            theme="safety",
            scope=Scope.INDIVIDUAL,
            scale="agree-5",
            items=(
                ChecklistItem(id="safe-speak", text="I feel safe to speak up."),
                ChecklistItem(id="safe-ask", text="I can ask for help, without judgement!"),
            ),
        ),
        Checklist(
            id="rest-me",
            title="Rest: me",
            theme="rest",
            scope=Scope.INDIVIDUAL,
            scale="yes-partly-no",
            items=(ChecklistItem(id="rest-breaks", text="I take my breaks."),),
        ),
        Checklist(
            id="safety-org",
            title="Safety: us",
            theme="safety",
            scope=Scope.ORGANISATIONAL,
            scale="agree-5",
            items=(ChecklistItem(id="org-speak", text="We make it safe to speak up."),),
        ),
        Checklist(
            id="rest-org",
            title="Rest: us",
            theme="rest",
            scope=Scope.ORGANISATIONAL,
            scale="yes-partly-no",
            items=(ChecklistItem(id="org-breaks", text="We protect breaks."),),
        ),
    ),
    tools=(Tool(id="speak-up-guide", title="Speaking up", themes=("safety",)),),
)

CATALOG = Catalog([PACK])
INDIVIDUAL = ("demo:safety-me", "demo:rest-me")
ORGANISATIONAL = ("demo:safety-org", "demo:rest-org")


def individual_items() -> tuple[ItemInfo, ...]:
    return checklist_items(CATALOG, INDIVIDUAL)


def crossing_groupings() -> tuple[Responses, Responses]:
    """Eight people grouped two ways that cross, found by the attacker: services s0 and s1 of 4
    each, teams t0 and t1 of 4 each across them (team names repeat under both services). By
    Service,Team every team is hidden at a minimum of 3, by Team alone both teams are shown.
    The people: s0/t0 1, s0/t1 3, s1/t0 3, s1/t1 1. From the counts alone s0/t0 is 1..3; the
    three items' distributions leave only 1..2. Returns (by service and team, by team)."""
    paths = [("s0", "t0")] + [("s0", "t1")] * 3 + [("s1", "t0")] * 3 + [("s1", "t1")]
    answers = [
        [0, 4, 1], [2, 3, 1], [4, 2, 2], [2, 4, 1], [3, 2, 2], [2, 2, 0], [3, 2, 1], [4, 4, 2],
    ]  # fmt: skip
    common: dict[str, Any] = {
        "items": individual_items(),
        "options": np.array(answers),
        "waves": ["w2"] * 8,
    }
    by_both = Responses.from_arrays(levels=("Service", "Team"), group_paths=paths, **common)
    by_team = Responses.from_arrays(levels=("Team",), group_paths=[p[1:] for p in paths], **common)
    return by_both, by_team


@st.composite
def hierarchies(draw: st.DrawFn, *, max_depth: int = 3) -> list[tuple[tuple[str, ...], int]]:
    """Finest groups with a size each: 2 or 3 levels, 1 to 3 children a node, 0 to 30 people."""
    depth = draw(st.integers(2, max_depth))

    def grow(prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
        if len(prefix) == depth:
            return [prefix]
        width = draw(st.integers(1, 3))
        return [p for k in range(width) for p in grow((*prefix, f"{'abc'[len(prefix) % 3]}{k}"))]

    leaves = grow(())
    return [(leaf, draw(st.integers(0, 30))) for leaf in leaves]


@st.composite
def responses(
    draw: st.DrawFn, *, waves: Sequence[str] = ("w1", "w2"), roles: Sequence[str] = ()
) -> Responses:
    """Responses on the individual checklists for a random hierarchy, in one or more waves, with
    a role per row when ``roles`` is given."""
    items = individual_items()
    paths: list[tuple[str, ...]] = []
    row_waves: list[str] = []
    depth = 2
    for wave in draw(st.lists(st.sampled_from(list(waves)), min_size=1, unique=True)):
        for leaf, size in draw(hierarchies()):
            depth = len(leaf)
            paths += [leaf] * size
            row_waves += [wave] * size
    # All rows share one depth: keep the last hierarchy's depth, pad or cut the others.
    paths = [tuple((*p, "z0", "z0")[:depth]) for p in paths]
    if not paths:
        paths, row_waves = [tuple(f"x{i}" for i in range(depth))], [waves[0]]
    rows = len(paths)
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    width = np.array([len(i.scale.options) for i in items])
    options = (rng.integers(0, 1 << 30, size=(rows, len(items))) % (width + 1)) - 1
    dims: dict[str, list[str]] = {}
    if roles:
        dims["role"] = [roles[k] for k in rng.integers(0, len(roles), size=rows)]
    return Responses.from_arrays(
        items=items,
        levels=tuple(f"level-{i + 1}" for i in range(depth)),
        group_paths=paths,
        options=options,
        waves=row_waves,
        dimensions=dims,
    )


# -- results ------------------------------------------------------------------------------------


def _banding(lowers: list[float]) -> Banding:
    """Bands at these lower bounds (the first moved down to 0 if above it)."""
    lowers = sorted(lowers)
    lowers[0] = min(lowers[0], 0.0)
    return Banding(
        bands=tuple(Band(label=f'band {k}: 100% "%s" – é', lower=x) for k, x in enumerate(lowers))
    )


#: Bandings with bounds anywhere, exactly on scores often (thirds, halves, quarters).
bandings = st.lists(
    st.one_of(st.floats(-0.5, 1.5, allow_nan=False), st.sampled_from([0.25, 1 / 3, 0.5, 0.75])),
    min_size=1,
    max_size=4,
    unique=True,
).map(_banding)


@st.composite
def results(draw: st.DrawFn) -> Results:
    """Results of random responses: any minimum, a cross-tab or none, any banding."""
    data = draw(responses(roles=draw(st.sampled_from([(), ("nurse", "doctor")]))))
    by = draw(st.sampled_from([(), ("role",)])) if "role" in data.dimensions else ()
    k = draw(st.integers(1, 12))
    return aggregate(
        data,
        min_group_size=k,
        force_small_groups=k < 5,
        by=by,
        banding=draw(st.one_of(st.just(DEFAULT_BANDING), bandings)),
    )


# -- CSV exports --------------------------------------------------------------------------------

LABELS = {
    "agree-5": [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ],
    "yes-partly-no": ["Yes", "Partly", "No", "Not sure"],
}


@st.composite
def csv_exports(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A forms-tool export with some bad cells, and what a correct import must report.

    Returns the text and the expected counts: ``rows``, ``rejected_rows`` (1-based spreadsheet
    row numbers), ``missing``.
    """
    items = individual_items()
    header = ["Timestamp", "Email", "Team", *(i.text for i in items)]
    n = draw(st.integers(1, 25))
    out = io.StringIO()
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    writer = csv.writer(
        out, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))
    )
    writer.writerow(header)
    rejected: set[int] = set()
    blanks: dict[int, int] = {}
    for r in range(n):
        team = draw(st.sampled_from(["Team A", "Team B", ""]))
        if not team:
            rejected.add(r + 2)
        answers = []
        for info in items:
            kind = draw(st.sampled_from(["label", "label", "value", "blank", "bad"]))
            if kind == "label":
                answers.append(draw(st.sampled_from(LABELS[info.scale.id])))
            elif kind == "value":
                answers.append(draw(st.sampled_from([o.value for o in info.scale.options])))
            elif kind == "blank":
                answers.append("")
                blanks[r + 2] = blanks.get(r + 2, 0) + 1
            else:
                answers.append(draw(st.sampled_from(["Maybe", "7", "n/a?"])))
                rejected.add(r + 2)
        writer.writerow(["2025-01-01 10:00", f"person{r}@example.org", team, *answers])
    missing = sum(k for row, k in blanks.items() if row not in rejected)
    expected = {"rows": n, "rejected_rows": sorted(rejected), "missing": missing}
    return out.getvalue(), expected
