"""The cells of a JSON report, as data and as text, made from the cells' columns.

A report of a million respondents has about 52,000 cells. Made as one :class:`Cell` each, then
one dict each, then written by the general indented writer, they were most of the time of
writing the report. Here the dicts come straight from the columns
(:class:`~wellbeing_framework.analysis._cell_columns.CellColumns`), and the text is written from
them too: the text of each group's fields once per group, of each element's once per element,
each column of numbers in one call of the C encoder, and each shown cell from its element's
template (its distribution's options are the element's), a hidden cell from one constant text.
Property tests hold both equal to what the general path makes, on any results.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from .._collector import collector_paused
from ..analysis.cells import ElementKind
from ._jsontext import STEP, numbers_text, value_text

if TYPE_CHECKING:
    from ..analysis.results import Results

__all__ = ["cell_records", "cells_text", "group_records"]


def cell_records(results: Results) -> list[dict[str, Any]]:
    """Each cell as the JSON report holds it: its fields in the :class:`Cell`'s order, less
    the reason, plus the score shown."""
    c, t = results.cell_columns, results.table
    width = len(results.elements)
    # Each element's fields once (an enum's value costs a look-up each time it is read).
    about = [(e.ref, e.kind.value, e.scope.value, e.checklist, e.options) for e in results.elements]
    nodes = zip(t.group, t.wave, t.breakdown, strict=True)
    per_node = itertools.chain.from_iterable(itertools.repeat(node, width) for node in nodes)
    per_element = itertools.chain.from_iterable(itertools.repeat(about, c.nodes))
    with collector_paused():
        return [
            {
                "group": list(group),
                "wave": wave,
                "breakdown": list(breakdown),
                "element": ref,
                "kind": kind,
                "scope": scope,
                "checklist": checklist,
                "n": n,
                "suppressed": suppressed,
                "mean": mean,
                "normalised": normalised,
                "answered": answered,
                "unscored": unscored,
                "missing": missing,
                "band": band,
                "distribution": [] if counts is None else list(zip(options, counts, strict=True)),
                "score": points,
            }
            for (
                (group, wave, breakdown),
                (ref, kind, scope, checklist, options),
                n,
                suppressed,
                mean,
                normalised,
                answered,
                unscored,
                missing,
                band,
                counts,
                points,
            ) in zip(
                per_node,
                per_element,
                c.n,
                c.suppressed,
                c.mean,
                c.normalised,
                c.answered,
                c.unscored,
                c.missing,
                c.band,
                c.counts,
                c.points,
                strict=True,
            )
        ]


def group_records(results: Results) -> list[dict[str, Any]]:
    """Each group as the JSON report holds it: its
    :class:`~wellbeing_framework.analysis.cells.GroupCell`'s fields, less the
    reason, made from the table's columns (through the converter, 2,200 groups took 0.15 s)."""
    t = results.table
    with collector_paused():
        return [
            {
                "group": list(group),
                "wave": wave,
                "breakdown": list(breakdown),
                "n": None if n < 0 else n,
                "suppressed": n < 0,
            }
            for group, wave, breakdown, n in zip(
                t.group, t.wave, t.breakdown, t.n.tolist(), strict=True
            )
        ]


def _name(key: str) -> str:
    return encode_basestring(key) + ": "


def cells_text(results: Results, newline: str) -> list[str]:
    """The text of the report's list of cells, in pieces to be joined, as the indented writer
    writes :func:`cell_records` placed at the indent of ``newline`` (a line break and that
    indent)."""
    c, t = results.cell_columns, results.table
    if not len(c):
        return ["[]"]
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
    # Per element, with %s first for the group's head: one for a hidden cell, one for a shown.
    templates = [
        (
            "%s" + (middle + hidden).replace("%", "%%"),
            "%s"
            + middle.replace("%", "%%")
            + _shown_template(e.options if e.kind is ElementKind.ITEM else (), field, inner),
        )
        for middle, e in zip(middles, results.elements, strict=True)
    ]
    with collector_paused():
        texts = list(_texts(results, heads, templates))
        pieces = ["," + inner] * (2 * len(texts) + 1)
        pieces[1::2] = texts
        pieces[0], pieces[-1] = "[" + inner, newline + "]"
        return pieces


def _shown_template(options: tuple[str, ...], field: str, inner: str) -> str:
    """A shown cell's fields from ``n`` on, with ``%s`` for each value: ``n``, ``mean``,
    ``normalised``, ``answered``, ``unscored``, ``missing``, ``band``, each option's count
    (of ``options``, the element's: none for a theme), then ``score``."""
    sep = "," + field
    pair = field + STEP + STEP
    if options:
        entries = [
            f"[{pair}{encode_basestring(o).replace('%', '%%')},{pair}%s{field}{STEP}]"
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


def _texts(results: Results, heads: list[str], templates: list[tuple[str, str]]) -> Iterator[str]:
    """Each cell's text, in order, from its element's templates: an element at a time, each
    of its values taken from a column of texts (the texts of a hidden cell's are not used)."""
    c, t = results.cell_columns, results.table
    width = len(results.elements)
    n = numbers_text(t.n.tolist())  # a shown cell's count is its group's
    columns = [numbers_text(v) for v in (c.mean, c.normalised, c.answered, c.unscored)]
    columns += [numbers_text(c.missing)]
    labels = {b: "null" if b is None else encode_basestring(b) for b in set(c.band)}
    columns += [[labels[b] for b in c.band]]
    points = numbers_text(c.points)
    by_element = []
    item = 0
    for j, (hidden, shown) in enumerate(templates):
        counts = []
        if results.elements[j].kind is ElementKind.ITEM:
            options = len(results.elements[j].options)
            counts = [numbers_text(t.distribution[:, item, o].tolist()) for o in range(options)]
            item += 1
        values = zip(
            heads, n, *(col[j::width] for col in columns), *counts, points[j::width], strict=True
        )
        by_element.append(
            [
                hidden % row[0] if suppressed else shown % row
                for suppressed, row in zip(c.suppressed[j::width], values, strict=True)
            ]
        )
    return itertools.chain.from_iterable(zip(*by_element, strict=True))
