"""Tidy pandas tables of results, for notebooks and for tools that take over from there.

pandas is imported when a function here is first called (it comes with the ``analysis`` extra).
Every table is tidy: one row per observation, one column per variable; hidden cells keep their
row, with empty numbers, so a reader sees that they exist and why they are empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..model.convert import unstructure
from .results import GapRow, Reconciliation, Results, TrendRow
from .rounding import points_or_none

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["cells_frame", "gap_frame", "groups_frame", "rejections_frame", "trends_frame"]


def _group_columns(results: Results, groups: Sequence[tuple[str, ...]]) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {
        name: [g[k] if k < len(g) else None for g in groups]
        for k, name in enumerate(results.levels)
    }
    columns["group"] = [" / ".join(g) if g else "everyone" for g in groups]
    columns["level"] = [len(g) for g in groups]
    return columns


def groups_frame(results: Results) -> pd.DataFrame:
    """One row per group, wave and cross-tab value: its respondents, or that it is hidden (never
    why: saying which hidden group is the small one would help find it)."""
    import pandas as pd

    t = results.table
    data: dict[str, Any] = dict(_group_columns(results, t.group))
    data["wave"] = list(t.wave)
    data["breakdown"] = [", ".join(f"{d}={v}" for d, v in b) for b in t.breakdown]
    data["n"] = pd.array([None if n < 0 else n for n in t.n.tolist()], dtype="Int64")
    data["suppressed"] = (t.n < 0).tolist()
    return pd.DataFrame(data)


def cells_frame(results: Results) -> pd.DataFrame:
    """One row per group, wave, cross-tab value and theme or item, built from the columnar
    table without going through a Python object per cell."""
    import numpy as np
    import pandas as pd

    t = results.table
    nodes, elements = t.mean.shape
    groups = pd.DataFrame(_group_columns(results, t.group)).loc[
        np.repeat(np.arange(nodes), elements)
    ]
    groups = groups.reset_index(drop=True)
    # A cell is hidden with its group, or on its own (an item few answered, or its theme).
    hidden = np.repeat(t.n < 0, elements) | (t.answered.reshape(-1) < 0)
    info = results.elements

    def counts(values: Any) -> Any:
        flat = np.asarray(values, dtype=np.int64).reshape(-1)
        return pd.arrays.IntegerArray(np.where(hidden, 0, flat), hidden.copy())

    normalised = t.normalised.reshape(-1)
    data = {
        **{c: groups[c] for c in groups.columns},
        "wave": np.repeat(np.asarray(t.wave, dtype=object), elements),
        "breakdown": np.repeat(
            np.asarray([", ".join(f"{d}={v}" for d, v in b) for b in t.breakdown], dtype=object),
            elements,
        ),
        "element": np.tile(np.asarray([e.ref for e in info], dtype=object), nodes),
        "title": np.tile(np.asarray([e.title for e in info], dtype=object), nodes),
        "kind": np.tile(np.asarray([str(e.kind) for e in info], dtype=object), nodes),
        "theme": np.tile(np.asarray([e.theme for e in info], dtype=object), nodes),
        "scope": np.tile(np.asarray([str(e.scope) for e in info], dtype=object), nodes),
        "n": counts(np.repeat(t.n, elements)),
        "suppressed": hidden,
        "mean": t.mean.reshape(-1),
        "normalised": normalised,
        # The whole number out of 100 that the reports show, by their one rule (rounded down).
        "score": pd.array([points_or_none(v) for v in normalised.tolist()], dtype="Int64"),
        "answered": counts(t.answered),
        "unscored": counts(t.unscored),
        "missing": counts(t.missing),
        "band": [results.banding.band(None if v != v else float(v)) for v in normalised.tolist()],
    }
    return pd.DataFrame(data)


def gap_frame(rows: Sequence[GapRow]) -> pd.DataFrame:
    """The I/We gap, one row per theme and group, largest gap first (as given)."""
    import pandas as pd

    records = [unstructure(r) for r in rows]
    for record in records:
        record["group"] = " / ".join(record["group"]) or "everyone"
        if record["organisational_group"] is not None:
            record["organisational_group"] = (
                " / ".join(record["organisational_group"]) or "everyone"
            )
    return pd.DataFrame.from_records(records, columns=_fields(GapRow))


def trends_frame(rows: Sequence[TrendRow]) -> pd.DataFrame:
    """Changes between waves, one row per element, group and pair of waves."""
    import pandas as pd

    records = [unstructure(r) for r in rows]
    for record in records:
        record["group"] = " / ".join(record["group"]) or "everyone"
    return pd.DataFrame.from_records(records, columns=_fields(TrendRow))


def rejections_frame(reconciliation: Reconciliation) -> pd.DataFrame:
    """Every refused cell of an import: row, column, value and reason."""
    import pandas as pd

    return pd.DataFrame.from_records(
        [unstructure(r) for r in reconciliation.rejections],
        columns=["row", "column", "value", "reason"],
    )


def _fields(cls: type) -> list[str]:
    import attrs

    return [f.name for f in attrs.fields(cls)]
