"""The I/We gap: what staff experience against what the organisation believes it provides.

For each theme and group, the normalised score on the individual checklists (the 'I' side, from
private :class:`Results`) is set against the normalised score of the organisational
self-assessment that covers the group (the 'We' side). The gap is organisational minus
individual: above 0 the organisation rates itself higher than its staff experience it.

The minimum group size applies to the individual side only. An organisational self-assessment is
usually one return per organisation or service, made on behalf of the organisation; it describes
no member of staff, so it is not suppressed. A group whose individual side is hidden still gets a
row, with no individual score and no gap, so that a report can say why.
"""

from __future__ import annotations

from ..model.content import Scope
from .responses import MISSING, Responses
from .results import ElementKind, GapRow, Results
from .scoring import element_infos, score_counts

__all__ = ["gap", "organisational_scores"]


def organisational_scores(
    organisational: Responses,
) -> dict[tuple[tuple[str, ...], str | None, str], tuple[float, int]]:
    """Each organisational return's theme scores, pooled by group path and wave.

    Returns:
        ``(group path, wave, theme ref) -> (normalised score, returns pooled)`` for every theme
        with at least one scored answer. Returns are not suppressed (see the module's notes).
    """
    import numpy as np

    responses = organisational.select_scope(Scope.ORGANISATIONAL)
    if not responses.items or not responses.n_rows:
        return {}
    depth = len(responses.levels)
    leaf = responses.groups[:, depth - 1] if depth else np.zeros(responses.n_rows, np.int64)
    n_leaves = len(responses.paths[-1]) if depth else 1
    key = responses.wave.astype(np.int64) * n_leaves + leaf
    cells, node_of_row = np.unique(key, return_inverse=True)
    node_of_row = node_of_row.reshape(-1)
    width = max(len(i.scale.options) for i in responses.items)
    cube = np.zeros((len(cells), len(responses.items), width + 1), dtype=np.int64)
    np.add.at(
        cube,
        (node_of_row[responses.row], responses.item, responses.option.astype(np.int64) - MISSING),
        1,
    )
    returns = np.bincount(node_of_row, minlength=len(cells))
    scores = score_counts(cube, responses.items)
    elements = element_infos(responses.items)
    out: dict[tuple[tuple[str, ...], str | None, str], tuple[float, int]] = {}
    for c, cell_key in enumerate(cells.tolist()):
        wave = responses.waves[cell_key // n_leaves]
        path = responses.paths[-1][cell_key % n_leaves] if depth else ()
        for j, e in enumerate(elements):
            value = float(scores.normalised[c, j])
            if e.kind is ElementKind.THEME and value == value:
                out[(path, wave, e.ref)] = (value, int(returns[c]))
    return out


def gap(
    individual: Results,
    organisational: Responses,
    *,
    level: int | None = None,
) -> tuple[GapRow, ...]:
    """The I/We gap per theme and group, largest first.

    Args:
        individual: Private results of the individual checklists (from ``aggregate``).
        organisational: The organisational self-assessments. Each covers its own group and
            every group below it; a group takes the nearest one at or above it. Returns in a
            wave match that wave; returns without a wave match every wave.
        level: Only groups at this level (0 is everyone); all levels by default.

    Returns:
        Rows with a gap, largest gap (either way) first, then rows whose individual side is
        hidden or that have no organisational return for the theme.
    """
    org = organisational_scores(organisational)
    by_path: dict[tuple[tuple[str, ...], str], list[tuple[str | None, float, int]]] = {}
    for (path, wave, theme), (score, count) in org.items():
        by_path.setdefault((path, theme), []).append((wave, score, count))
    rows: list[GapRow] = []
    for cell in individual.cells:
        if (
            cell.kind is not ElementKind.THEME
            or cell.breakdown
            or cell.scope is Scope.ORGANISATIONAL
        ):
            continue
        if level is not None and cell.level != level:
            continue
        found = _nearest(by_path, cell.group, cell.element, cell.wave)
        if found is None:
            continue
        org_group, org_score, count = found
        banding = individual.banding
        difference = None if cell.normalised is None else org_score - cell.normalised
        rows.append(
            GapRow(
                theme=cell.element,
                group=cell.group,
                wave=cell.wave,
                individual=cell.normalised,
                organisational=org_score,
                gap=difference,
                n_individual=cell.n,
                n_organisational=count,
                organisational_group=org_group,
                suppressed=cell.suppressed,
                band_individual=banding.band(cell.normalised),
                band_organisational=banding.band(org_score),
            )
        )
    rows.sort(key=lambda r: (r.gap is None, -abs(r.gap or 0.0)))
    return tuple(rows)


def _nearest(
    by_path: dict[tuple[tuple[str, ...], str], list[tuple[str | None, float, int]]],
    group: tuple[str, ...],
    theme: str,
    wave: str | None,
) -> tuple[tuple[str, ...], float, int] | None:
    """The organisational score for the nearest group at or above ``group``: the returns of
    the same wave if any, else those without a wave."""
    for depth in range(len(group), -1, -1):
        entries = by_path.get((group[:depth], theme))
        if not entries:
            continue
        same = [e for e in entries if e[0] == wave] or [e for e in entries if e[0] is None]
        if same:
            count = sum(e[2] for e in same)
            score = sum(e[1] * e[2] for e in same) / count
            return group[:depth], score, count
    return None
