"""The I/We gap: what staff experience against what the organisation believes it provides.

For each theme and group, the normalised score on the individual checklists (the 'I' side, from
private :class:`Results`) is set against the normalised score of the organisational
self-assessment that covers the group (the 'We' side). The gap is organisational minus
individual: above 0 the organisation rates itself higher than its staff experience it.

The 'We' side comes in one of two modes:

- ``consensus``: one agreed submission per organisational group, made on behalf of the
  organisation. It is the organisation's own statement, describes no member of staff, and is
  published as it is. Two submissions for one group (in one wave) are an error.
- ``survey``: many leaders answer one by one. Their answers are then data about people, and are
  aggregated with the same minimum group size and the same protection as the staff's.

By default the mode is consensus when every organisational group has exactly one submission,
and survey otherwise. A row whose either side is hidden shows neither side.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, get_args

from .._arguments import expect, expect_int
from ..errors import ArgumentError, DataImportError
from ..model.content import Scope
from .cells import ElementKind
from .derived import GapRow
from .responses import MISSING, Responses
from .results import Results
from .scoring import element_infos, score_counts

if TYPE_CHECKING:
    from .import_result import ImportResult

__all__ = [
    "ORGANISATIONAL_MODES",
    "OrganisationalMode",
    "gap",
    "import_organisational",
    "organisational_mode",
    "organisational_scores",
]

#: How the organisational self-assessment was made (see the module's notes).
OrganisationalMode = Literal["consensus", "survey"]

#: The modes, as the command line offers them and the report's schema allows them.
ORGANISATIONAL_MODES: tuple[OrganisationalMode, ...] = get_args(OrganisationalMode)


def organisational_mode(
    organisational: Responses, mode: OrganisationalMode | None = None
) -> OrganisationalMode:
    """The mode of an organisational self-assessment: the one asked for, checked, or the default.

    Raises:
        DataImportError: Consensus was asked for but a group has two submissions in one wave.
        ArgumentError: A mode other than consensus or survey.
    """
    import numpy as np

    if mode is not None and mode not in ORGANISATIONAL_MODES:
        expected = " or ".join(ORGANISATIONAL_MODES)
        raise ArgumentError(f"organisational mode {mode!r}: expected {expected}")
    responses = organisational.select_scope(Scope.ORGANISATIONAL)
    depth = len(responses.levels)
    leaf = responses.groups[:, depth - 1] if depth else np.zeros(responses.n_rows, np.int64)
    key = responses.wave.astype(np.int64) * max(len(responses.paths[-1]) if depth else 1, 1) + leaf
    _, counts = np.unique(key, return_counts=True)
    single = bool((counts == 1).all())
    if mode == "consensus" and not single:
        raise DataImportError(
            "the organisational self-assessment has more than one submission for a group in "
            "one wave, so it is not one agreed statement: use the survey mode "
            "(--organisational-mode survey), where the minimum group size applies"
        )
    if mode is not None:
        return mode
    return "consensus" if single else "survey"


def import_organisational(
    read: Callable[[bool], ImportResult], mode: OrganisationalMode | None = None
) -> ImportResult:
    """The organisational self-assessment, imported by ``read(rows_are_people)`` (see
    :class:`~.options.ImportOptions`) as its mode needs.

    By consensus each group's one row is its agreed statement, not a person: a group of one row
    is the point, and nothing is pooled. In the survey mode the rows are leaders answering one
    by one, and a value held by one of them is pooled under "(other)" as the staff's are.

    Raises:
        DataImportError: As :func:`organisational_mode`.
    """
    if mode == "survey":  # known already: read once, as people's answers
        return read(True)
    # Otherwise the mode is consensus, or it is found from the rows: read them as statements
    # first, and again as people only when they turn out to be a survey.
    statements = read(False)
    if organisational_mode(statements.responses, mode) == "consensus":
        return statements
    return read(True)


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
    organisational_results: Results | None = None,
) -> tuple[GapRow, ...]:
    """The I/We gap per theme and group, largest first.

    Args:
        individual: Private results of the individual checklists (from ``aggregate``).
        organisational: The organisational self-assessments. Each covers its own group and
            every group below it; a group takes the nearest one at or above it. Returns in a
            wave match that wave; returns without a wave match every wave.
        level: Only groups at this level (0 is everyone); all levels by default.
        organisational_results: In the survey mode, the private results of the organisational
            answers (``aggregate`` of them): the 'We' side is read from their shown cells only.

    Returns:
        Rows with a gap, largest gap (either way) first, then rows with either side hidden.
    """
    expect("gap", "individual", individual, Results, "Results (from aggregate)")
    expect("gap", "organisational", organisational, Responses, "Responses (from an import)")
    expect_int("gap", "level", level, optional=True)
    if organisational_results is not None:
        expect("gap", "organisational_results", organisational_results, Results, "Results or None")
    org: dict[tuple[tuple[str, ...], str | None, str], tuple[float | None, int | None]]
    if organisational_results is None:
        org = dict(organisational_scores(organisational))
    else:
        org = _shown_scores(organisational_results)
    by_path: dict[tuple[tuple[str, ...], str], list[tuple[str | None, float | None, int | None]]]
    by_path = {}
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
        hidden = cell.suppressed or org_score is None
        rows.append(
            GapRow(
                theme=cell.element,
                group=cell.group,
                wave=cell.wave,
                individual=None if hidden else cell.normalised,
                organisational=None if hidden else org_score,
                gap=None if hidden or cell.normalised is None else org_score - cell.normalised,  # type: ignore[operator]
                n_individual=None if hidden else cell.n,
                n_organisational=None if hidden else count,
                organisational_group=org_group,
                suppressed=hidden,
                band_individual=None if hidden else banding.band(cell.normalised),
                band_organisational=None if hidden else banding.band(org_score),
            )
        )
    rows.sort(key=lambda r: (r.gap is None, -abs(r.gap or 0.0)))
    return tuple(rows)


def _shown_scores(
    results: Results,
) -> dict[tuple[tuple[str, ...], str | None, str], tuple[float | None, int | None]]:
    """The organisational survey's theme scores by group, wave and theme; None where hidden."""
    out: dict[tuple[tuple[str, ...], str | None, str], tuple[float | None, int | None]] = {}
    for cell in results.cells:
        if cell.kind is not ElementKind.THEME or cell.breakdown:
            continue
        if cell.scope is not Scope.ORGANISATIONAL:
            continue
        if cell.suppressed:
            out[(cell.group, cell.wave, cell.element)] = (None, None)
        elif cell.normalised is not None:
            out[(cell.group, cell.wave, cell.element)] = (cell.normalised, cell.n)
    return out


def _nearest(
    by_path: dict[tuple[tuple[str, ...], str], list[tuple[str | None, float | None, int | None]]],
    group: tuple[str, ...],
    theme: str,
    wave: str | None,
) -> tuple[tuple[str, ...], float | None, int | None] | None:
    """The organisational score for the nearest group at or above ``group``: the returns of
    the same wave if any, else those without a wave; a hidden score stays hidden."""
    for depth in range(len(group), -1, -1):
        entries = by_path.get((group[:depth], theme))
        if not entries:
            continue
        same = [e for e in entries if e[0] == wave] or [e for e in entries if e[0] is None]
        if same:
            if any(e[1] is None or e[2] is None for e in same):
                return group[:depth], None, None
            total = sum(e[2] or 0 for e in same)
            score = sum((e[1] or 0.0) * (e[2] or 0) for e in same) / total
            return group[:depth], score, total
    return None
