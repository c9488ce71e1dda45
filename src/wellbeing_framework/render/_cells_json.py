"""The cells of a JSON report, as data and as text, made from the cells' columns.

A report of a million respondents has about 52,000 cells. Made as one :class:`Cell` each, then
one dict each, then written by the general indented writer, they were most of the time of
writing the report. Here the dicts come straight from the columns
(:class:`~wellbeing_framework.analysis.cell_columns.CellColumns`), and the text is written from
them too: the text of each group's fields once per group, of each element's once per element,
each column of numbers in one call of the C encoder, and each shown cell from its element's
template (its distribution's options are the element's), a hidden cell from one constant text.
Property tests hold both equal to what the general path makes, on any results.
"""

from __future__ import annotations

import itertools
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from .._collector import collector_paused
from ..analysis.cells import ElementKind
from ._jsontext import STEP, numbers_text, value_text

if TYPE_CHECKING:
    from ..analysis.results import Results

__all__ = ["cell_records", "cells_text"]


def cell_records(results: Results) -> list[dict[str, Any]]:
    """Each cell as the JSON report holds it: its fields in the :class:`Cell`'s order, less
    the reason, plus the score shown."""
    c, t = results.cell_columns, results.table
    width = len(results.elements)
    per_cell = range(len(c))
    groups = (g for g in t.group for _ in range(width))
    waves = (w for w in t.wave for _ in range(width))
    breakdowns = (b for b in t.breakdown for _ in range(width))
    elements = itertools.chain.from_iterable(itertools.repeat(results.elements, c.nodes))
    with collector_paused():
        return [
            {
                "group": list(group),
                "wave": wave,
                "breakdown": list(breakdown),
                "element": e.ref,
                "kind": e.kind.value,
                "scope": e.scope.value,
                "checklist": e.checklist,
                "n": c.n[k],
                "suppressed": c.suppressed[k],
                "mean": c.mean[k],
                "normalised": c.normalised[k],
                "answered": c.answered[k],
                "unscored": c.unscored[k],
                "missing": c.missing[k],
                "band": c.band[k],
                "distribution": [] if counts is None else list(zip(e.options, counts, strict=True)),
                "score": c.points[k],
            }
            for k, group, wave, breakdown, e, counts in zip(
                per_cell, groups, waves, breakdowns, elements, c.counts, strict=True
            )
        ]


def _name(key: str) -> str:
    return encode_basestring(key) + ": "


def cells_text(results: Results, newline: str) -> str:
    """The text of the report's list of cells, as the indented writer writes
    :func:`cell_records` placed at the indent of ``newline`` (a line break and that indent)."""
    c, t = results.cell_columns, results.table
    if not len(c):
        return "[]"
    inner = newline + STEP  # where each cell's braces go
    field = inner + STEP  # where each cell's fields go
    sep = "," + field
    heads = [
        "{"
        + field
        + f"{_name('group')}{value_text(list(g), field)}{sep}"
        + f"{_name('wave')}{value_text(w, field)}{sep}"
        + f"{_name('breakdown')}{value_text(list(b), field)}{sep}"
        for g, w, b in zip(t.group, t.wave, t.breakdown, strict=True)
    ]
    middles = [
        f"{_name('element')}{value_text(e.ref, field)}{sep}"
        f"{_name('kind')}{value_text(e.kind.value, field)}{sep}"
        f"{_name('scope')}{value_text(e.scope.value, field)}{sep}"
        f"{_name('checklist')}{value_text(e.checklist, field)}{sep}{_name('n')}"
        for e in results.elements
    ]
    hidden = (
        f"null{sep}{_name('suppressed')}true"
        + "".join(f"{sep}{_name(k)}null" for k in ("mean", "normalised", "answered"))
        + "".join(f"{sep}{_name(k)}null" for k in ("unscored", "missing", "band"))
        + f"{sep}{_name('distribution')}[]{sep}{_name('score')}null{inner}}}"
    )
    tails = [
        _shown_template(e.options if e.kind is ElementKind.ITEM else (), field, inner)
        for e in results.elements
    ]
    with collector_paused():
        return (
            "["
            + inner
            + ("," + inner).join(_texts(results, heads, middles, hidden, tails))
            + newline
            + "]"
        )


def _shown_template(options: tuple[str, ...], field: str, inner: str) -> str:
    """A shown cell's fields from ``n`` on, with ``%s`` for each value: ``n``, ``mean``,
    ``normalised``, ``answered``, ``unscored``, ``missing``, ``band``, each option's count
    (of ``options``, the element's: none for a theme), then ``score``."""
    sep = "," + field
    pair = field + STEP + STEP
    if options:
        entries = [
            "["
            + pair
            + encode_basestring(o).replace("%", "%%")
            + ","
            + pair
            + "%s"
            + field
            + STEP
            + "]"
            for o in options
        ]
        distribution = "[" + field + STEP + ("," + field + STEP).join(entries) + field + "]"
    else:
        distribution = "[]"
    return (
        f"%s{sep}{_name('suppressed')}false"
        + "".join(f"{sep}{_name(k)}%s" for k in ("mean", "normalised", "answered"))
        + "".join(f"{sep}{_name(k)}%s" for k in ("unscored", "missing", "band"))
        + f"{sep}{_name('distribution')}{distribution}{sep}{_name('score')}%s{inner}}}"
    )


def _texts(
    results: Results, heads: list[str], middles: list[str], hidden: str, tails: list[str]
) -> list[str]:
    """Each cell's text: its group's head, its element's middle, then its values."""
    c = results.cell_columns
    width = len(results.elements)
    n, mean, normalised = numbers_text(c.n), numbers_text(c.mean), numbers_text(c.normalised)
    answered, unscored = numbers_text(c.answered), numbers_text(c.unscored)
    missing, points = numbers_text(c.missing), numbers_text(c.points)
    labels = {b: "null" if b is None else encode_basestring(b) for b in set(c.band)}
    counts = iter(numbers_text([x for cs in c.counts if cs is not None for x in cs]))
    out = []
    for k, suppressed in enumerate(c.suppressed):
        i, j = divmod(k, width)
        if suppressed:
            out.append(heads[i] + middles[j] + hidden)
            continue
        options = c.counts[k]
        values = (
            n[k],
            mean[k],
            normalised[k],
            answered[k],
            unscored[k],
            missing[k],
            labels[c.band[k]],
            *(() if options is None else itertools.islice(counts, len(options))),
            points[k],
        )
        out.append(heads[i] + middles[j] + tails[j] % values)
    return out
