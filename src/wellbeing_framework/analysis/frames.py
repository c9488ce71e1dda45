"""Tidy pandas tables of results, for notebooks and for tools that take over from there.

pandas is imported when a function here is first called (it comes with the ``analysis`` extra).
Every table is tidy: one row per observation, one column per variable; hidden cells keep their
row, with empty numbers, so a reader sees that they exist and why they are empty.

Every column has a dtype set here, never one pandas infers, so a frame is the same on pandas 2
and 3 (whose inferred text dtype differs): text is ``string`` (python storage, ``<NA>`` for
missing), counts are nullable ``Int64``, scores ``float64`` (NaN when hidden), flags ``bool``,
``kind`` and ``scope`` categoricals of their fixed values, and ``band`` an *ordered* categorical
(red < amber < green), so sorting and comparing bands means something.

Each group level has a column of its own, named as the level is (``Service``, ``Team``). A level
whose name is one of the frame's own columns (``group``, ``level``, ``wave``...) gets the prefix
``level_`` (``level_group``), so it never overwrites one: see :func:`level_columns`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ArgumentError
from ..model.content import Scope
from ..model.convert import unstructure
from ._rounding import points_or_none
from .cells import ElementKind
from .derived import GapRow, TrendRow
from .import_result import Reconciliation
from .results import Results

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "cells_frame",
    "gap_frame",
    "groups_frame",
    "level_columns",
    "rejections_frame",
    "trends_frame",
]

_COUNTS = frozenset(
    {
        *("n", "answered", "unscored", "missing", "score", "level", "row"),
        *("n_individual", "n_organisational", "n_before", "n_after"),
    }
)
_FLOATS = frozenset(
    {"mean", "normalised", "individual", "organisational", "gap", "before", "after", "change"}
)
_BANDS = frozenset({"band", "band_individual", "band_organisational"})
#: The columns the frames have of their own, which a group level may not take: those above,
#: and the text ones.
_OWN_COLUMNS = _COUNTS | _FLOATS | _BANDS | {"suppressed", "kind", "scope"}
_OWN_COLUMNS |= {"group", "wave", "breakdown", "element", "title", "theme"}


def level_columns(levels: Iterable[str]) -> tuple[str, ...]:
    """The column that holds each group level in :func:`cells_frame` and :func:`groups_frame`:
    the level's own name, or ``level_`` and its name where that is one of the frames' own
    columns (or another level's column)."""
    taken = set(_OWN_COLUMNS)
    out = []
    for name in levels:
        column = name
        while column in taken:
            column = f"level_{column}"
        taken.add(column)
        out.append(column)
    return tuple(out)


def _text() -> Any:
    import pandas as pd

    # Python storage on purpose: pandas 3 would pick pyarrow where it is installed, pandas 2.1
    # python, and the dtype would then differ between the two.
    return pd.StringDtype("python")


def _typed(frame: pd.DataFrame, *, band_labels: Sequence[str] = ()) -> pd.DataFrame:
    """``frame`` with every column cast to its one dtype (see the module docstring)."""
    import pandas as pd

    dtypes: dict[str, Any] = {}
    for column in frame.columns:
        if column in _COUNTS:
            dtypes[column] = "Int64"
        elif column in _FLOATS:
            dtypes[column] = "float64"
        elif column == "suppressed":
            dtypes[column] = "bool"
        elif column == "kind":
            dtypes[column] = pd.CategoricalDtype([k.value for k in ElementKind])
        elif column == "scope":
            dtypes[column] = pd.CategoricalDtype([s.value for s in Scope])
        elif column in _BANDS:
            unknown = set(frame[column].dropna()) - set(band_labels)
            if unknown:
                raise ArgumentError(
                    f"{column}: bands {sorted(unknown)} are not among {list(band_labels)}: "
                    "pass band_labels=results.banding.labels"
                )
            dtypes[column] = pd.CategoricalDtype(list(band_labels), ordered=True)
        else:
            dtypes[column] = _text()
    return frame.astype(dtypes)


def _group_columns(results: Results, groups: Sequence[tuple[str, ...]]) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {
        column: [g[k] if k < len(g) else None for g in groups]
        for k, column in enumerate(level_columns(results.levels))
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
    return _typed(pd.DataFrame(data))


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
    return _typed(pd.DataFrame(data), band_labels=results.banding.labels)


def gap_frame(rows: Sequence[GapRow], *, band_labels: Sequence[str] | None = None) -> pd.DataFrame:
    """The I/We gap, one row per theme and group, largest gap first (as given).

    Args:
        rows: The gap rows, from :func:`~wellbeing_framework.gap`.
        band_labels: The bands, lowest first, for the ordered ``band_*`` columns; the default
            banding's (red, amber, green) unless given.
    """
    import pandas as pd

    records = [unstructure(r) for r in rows]
    for record in records:
        record["group"] = " / ".join(record["group"]) or "everyone"
        if record["organisational_group"] is not None:
            record["organisational_group"] = (
                " / ".join(record["organisational_group"]) or "everyone"
            )
    frame = pd.DataFrame.from_records(records, columns=_fields(GapRow))
    return _typed(frame, band_labels=_bands(band_labels))


def trends_frame(rows: Sequence[TrendRow]) -> pd.DataFrame:
    """Changes between waves, one row per element, group and pair of waves."""
    import pandas as pd

    records = [unstructure(r) for r in rows]
    for record in records:
        record["group"] = " / ".join(record["group"]) or "everyone"
    return _typed(pd.DataFrame.from_records(records, columns=_fields(TrendRow)))


def rejections_frame(reconciliation: Reconciliation) -> pd.DataFrame:
    """Every refused cell of an import: row, column, value and reason."""
    import pandas as pd

    frame = pd.DataFrame.from_records(
        [unstructure(r) for r in reconciliation.rejections],
        columns=["row", "column", "value", "reason"],
    )
    return _typed(frame)


def _bands(labels: Sequence[str] | None) -> Sequence[str]:
    from .results import DEFAULT_BANDING

    return DEFAULT_BANDING.labels if labels is None else labels


def _fields(cls: type) -> list[str]:
    import attrs

    return [f.name for f in attrs.fields(cls)]
