"""Aggregation: scores for every group at every level and wave, private by construction.

The guarantee is stated once, in ``docs/privacy.md``: against an attacker who holds every figure
of every report released from the same data, and an integer-programming solver, no count or
pooled sum of fewer than the minimum ``k`` people can be worked out exactly, and no hidden cell
can be pinned, or squeezed into a narrow interval, below ``k`` (G1 to G3). How it is met:

- **Primary suppression.** A cell (a group in a wave, or its intersection with a cross-tab value)
  with fewer than ``k`` respondents is hidden, count and all; so is an item cell answered by
  fewer than ``k`` people (its score, distribution and blanks). The minimum is 10 unless set;
  below 5 only with ``force_small_groups=True``.
- **Quick rules of sums.** A parent is the sum of its child groups, a group the sum of its
  cross-tab cells. No such sum may have exactly one hidden part, and the hidden parts of a shown
  total hold 0 or at least ``k``; the smallest shown part is hidden until both hold, for the
  respondents and for each item's answers alike. Levels not reported still take part.
- **The exact audit** (:mod:`.audit`) then solves the attacker's problem over these results and
  every earlier release given, and where anything still breaks G1 to G3, hides the nearest
  shown cell and solves again, until nothing does.
- A filter (``where=``) is a report of the rows kept; a cross-tab or filtered cell where everyone
  gave the same answer to an item shows nothing for that item.
- Respondents are counted as submissions (one per respondent and wave); free text never enters:
  :class:`Responses` has no place for it.

The work is columnar: one pass over the answers (:mod:`._cube`) builds a count cube (finest group
x wave x cross-tab value, for the finest cells someone is in, x item x option); every level,
score and count is then arithmetic on that cube, which is small. The steps: check the request
(:func:`_reported_levels`), count (:func:`_count`), the quick rules (:func:`_quick_rules`, with
:mod:`._sums`), what the published nodes show (:class:`_Table`), then the audit's rounds
(:func:`_audited`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._arguments import expect, expect_int, expect_mapping_of_names, expect_names
from ..errors import ArgumentError, PrivacyError
from ._cube import Rollup, answer_cube, leaf_to_level
from ._sums import COMPLEMENTARY, complementary, relations
from .results import DEFAULT_BANDING, Banding, CellTable, ElementInfo, ElementKind, Results
from .scoring import ScoreArrays, element_infos, score_counts

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .audit import Release
    from .responses import ItemInfo, Responses

__all__ = ["DEFAULT_MIN_GROUP_SIZE", "FLOOR_MIN_GROUP_SIZE", "aggregate", "check_minimum"]

#: The smallest group whose results are shown, unless the caller says otherwise.
DEFAULT_MIN_GROUP_SIZE = 10
#: The lowest minimum allowed without ``force_small_groups=True``.
FLOOR_MIN_GROUP_SIZE = 5

_SHOWN, _PRIMARY, _INTERSECTION = 0, 1, 2


def check_minimum(min_group_size: int, force_small_groups: bool) -> None:
    """Refuse a minimum group size below 5 unless forced, and one below 1 always.

    Raises:
        PrivacyError: The minimum is not allowed.
    """
    if isinstance(min_group_size, bool) or not isinstance(min_group_size, int):
        raise PrivacyError(f"the minimum group size must be a whole number, got {min_group_size!r}")
    if min_group_size < 1:
        raise PrivacyError(f"the minimum group size must be at least 1, got {min_group_size}")
    if min_group_size < FLOOR_MIN_GROUP_SIZE and not force_small_groups:
        raise PrivacyError(
            f"a minimum group size of {min_group_size} is below {FLOOR_MIN_GROUP_SIZE}: results "
            "for groups that small can point at a person. If you must, pass "
            "force_small_groups=True (on the command line, --force-small-groups)"
        )


@attrs.frozen(kw_only=True)
class _Column:
    """One breakdown column of the node grid.

    ``combine`` lists the finest columns it sums; ``published`` columns are reported.
    """

    combine: tuple[int, ...]
    published: bool
    primary_reason: int = _INTERSECTION
    breakdown: tuple[tuple[str, str], ...] = ()


def aggregate(
    responses: Responses,
    *,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    force_small_groups: bool = False,
    levels: Sequence[int] | None = None,
    by: Sequence[str] = (),
    where: Mapping[str, str | Sequence[str]] | None = None,
    banding: Banding = DEFAULT_BANDING,
    items: bool = True,
    earlier: Sequence[Release] = (),
) -> Results:
    """Score and aggregate responses by group, level and wave, hiding what could identify anyone.

    Args:
        responses: The responses (from an import or from assessments).
        min_group_size: The fewest respondents a shown cell may have (default 10).
        force_small_groups: Must be True to allow a minimum below 5.
        levels: The depths to report: 0 is everyone, 1 the first group column, and so on.
            All by default. Suppression always takes every level into account.
        by: Dimensions (extra columns kept at import, such as a role) to cross-tabulate.
        where: A filter: a dimension and the value (or values, pooled) to keep.
        banding: The bands for the normalised score.
        items: Include a cell per item as well as per theme.
        earlier: What earlier reports of the same data published (from a release ledger):
            the results are suppressed so that they and those reports are safe together.

    Returns:
        The private results.

    Raises:
        PrivacyError: A minimum below 5 without ``force_small_groups=True``.
        ArgumentError: A level, dimension or filter value that the responses do not have, or
            both ``by`` and ``where``.
    """
    by = _check_arguments(
        responses, min_group_size, force_small_groups, levels, by, where, banding, items, earlier
    )
    check_minimum(min_group_size, force_small_groups)
    filters = _filter_pairs(responses, where)
    reported = _reported_levels(responses, levels, by, filters)
    if filters:
        # A filtered report is a report of the rows kept; what it publishes is checked against
        # the earlier reports of the same data by the exact audit, not by assumption.
        responses = responses.select_rows(_filter_mask(responses, filters))
    cross_level = max(reported) if by else None
    grid = _count(responses, by)
    marks = _quick_rules(grid, responses, min_group_size, cross_level, alike=bool(by or filters))
    table = _Table.of(grid, marks, responses, reported, items)
    meta = {
        "min_group_size": min_group_size,
        "forced_small_groups": force_small_groups and min_group_size < FLOOR_MIN_GROUP_SIZE,
        "levels": responses.levels,
        "waves": responses.waves,
        "breakdown": by,
        "filters": filters,
        "banding": banding,
        "hierarchy": tuple(responses.paths[-1] if responses.levels else ((),)),
    }
    return _audited(table, marks, meta, tuple(earlier))


def _reported_levels(
    responses: Responses,
    levels: Sequence[int] | None,
    by: tuple[str, ...],
    filters: tuple[tuple[str, str], ...],
) -> tuple[int, ...]:
    """The levels to report, sorted, once the dimensions and levels asked for are checked."""
    for name in by:
        _dimension_index(responses, name)
    depth = len(responses.levels)
    reported = tuple(range(depth + 1)) if levels is None else tuple(sorted(set(levels)))
    for level in reported:
        if not 0 <= level <= depth:
            names = ", ".join(responses.levels)
            raise ArgumentError(f"no level {level}: expected 0 (everyone) to {depth} ({names})")
    if by and filters:
        raise ArgumentError(
            "cross-tabulate (by=) or filter (where=) in one call, not both: make two reports, "
            "through one ledger, instead"
        )
    return reported


@attrs.frozen(kw_only=True, eq=False)
class _Grid:
    """Every node (wave x group at every level x breakdown column, in that order of nesting)
    with its counts: respondents ``n`` and the people who answered each item ``responders``;
    where each node sits; and the occupied finest cells' answers per item and option
    (``cells``, summed into nodes by ``rollup``), from which :meth:`cube_at` sums a node's."""

    columns: list[_Column]
    offsets: NDArray[Any]
    n: NDArray[Any]
    responders: NDArray[Any]
    group: NDArray[Any]
    level: NDArray[Any]
    col: NDArray[Any]
    wave: NDArray[Any]
    cells: NDArray[Any]
    rollup: Rollup

    def cube_at(self, nodes: NDArray[Any]) -> NDArray[Any]:
        """Answers per item and option of the ``nodes``, ``(len(nodes), items, slots)``."""
        shape = self.cells.shape
        flat = self.cells.reshape(shape[0], shape[1] * shape[2])
        return self.rollup.sums_at(flat, nodes).reshape(len(nodes), shape[1], shape[2])


def _count(responses: Responses, by: tuple[str, ...]) -> _Grid:
    """Count the answers once into the finest cells and sum them into every node."""
    import numpy as np

    depth = len(responses.levels)
    sizes = [1, *(len(p) for p in responses.paths)]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    n_groups, n_leaves, n_waves = int(offsets[-1]), sizes[-1], len(responses.waves)
    to_level = leaf_to_level(responses)
    columns, n_fine, fine = _columns(responses, by)
    n_cols = len(columns)
    combine = np.zeros((n_cols, n_fine), dtype=np.int64)
    for c, col in enumerate(columns):
        combine[c, list(col.combine)] = 1

    leaf = responses.groups[:, depth - 1] if depth else np.zeros(responses.n_rows, np.int32)
    row_key = responses.wave.astype(np.int64) * n_leaves + leaf
    if by:  # without a cross-tab every row is in the one finest column: nothing to add
        row_key *= n_fine
        row_key += fine
    n_fine_cells = n_waves * n_leaves * n_fine
    n_cells = np.bincount(row_key, minlength=n_fine_cells)
    # Only the finest cells someone is in are counted and summed: at 10,000 teams by role
    # most of them are empty.
    occupied = np.flatnonzero(n_cells)
    rollup = Rollup.of(occupied, (n_waves, n_leaves, n_fine), to_level, combine)
    n_node = rollup.expand(n_cells[occupied, None]).reshape(-1)
    infos = responses.items
    width = max((len(i.scale.options) for i in infos), default=1)
    place = np.cumsum(n_cells > 0) - 1  # each occupied cell's place among them
    cube = answer_cube(responses, place[row_key], len(occupied), width)
    node_group = np.tile(np.repeat(np.arange(n_groups), n_cols), n_waves)
    return _Grid(
        columns=columns,
        offsets=offsets,
        n=n_node,
        # Who answered each item (any option, scored or not): the item's own minimum applies.
        # Every node needs it for the rules of sums; the options only shown nodes need.
        responders=rollup.expand(_slot_total(cube)).reshape(len(n_node), len(infos)),
        group=node_group,
        level=np.repeat(np.arange(depth + 1), sizes)[node_group],
        col=np.tile(np.arange(n_cols), n_waves * n_groups),
        wave=np.repeat(np.arange(n_waves), n_groups * n_cols),
        cells=cube,
        rollup=rollup,
    )


def _slot_total(cube: NDArray[Any]) -> NDArray[Any]:
    """Answers per cell and item over every option, blanks left out: ``cube[:, :, 1:].sum(2)``
    a slot at a time, with no ``(cells, items, options)`` temporary."""
    total = cube[:, :, 1].copy()
    for s in range(2, cube.shape[2]):
        total += cube[:, :, s]
    return total


@attrs.frozen(kw_only=True, eq=False)
class _Marks:
    """What is hidden and why, per node (``hidden``, ``reason``) and per node and item
    (``item_hidden``); the nodes that are published and the sums a reader can do. The arrays
    are changed in place as the audit hides more."""

    hidden: NDArray[Any]
    reason: NDArray[Any]
    item_hidden: NDArray[Any]
    published: NDArray[Any]


def _quick_rules(
    grid: _Grid, responses: Responses, k: int, cross_level: int | None, *, alike: bool
) -> _Marks:
    """Primary suppression and the quick rules of sums, for the respondents and each item."""
    import numpy as np

    columns, n_node, responders = grid.columns, grid.n, grid.responders
    published = np.array([c.published for c in columns])[grid.col]
    if cross_level is not None:
        # Cross-tab cells are published at one level only: across several levels they would
        # form two-way tables of sums, where a chain of rows and columns can pin a cell down.
        published &= (grid.col == 0) | (grid.level == cross_level)
    small = (n_node > 0) & (n_node < k)
    hidden = small | ~published
    reason_if_small = np.array([c.primary_reason for c in columns], dtype=np.int8)[grid.col]
    reason = np.where(published & small, reason_if_small, _SHOWN).astype(np.int8)
    fine_sets = [set(col.combine) for col in columns]
    sums = relations(responses, fine_sets, len(responses.waves), grid.offsets, cross_level)
    complementary(n_node, hidden, reason, published, *sums, k)

    item_hidden = hidden[:, None] | ((responders > 0) & (responders < k))
    if alike:
        # A cell of a cross-tab or a filter where everyone gave the same answer would say what
        # each of them answered: its item shows nothing. (A hidden node shows no item already.)
        _hide_all_alike(grid, hidden, item_hidden, cross_tab=cross_level is not None)
    item_reason = np.zeros(len(n_node), dtype=np.int8)
    # Each item's responders and hidden cells as contiguous rows: the rules read them often.
    by_item, hidden_by_item = responders.T.copy(), item_hidden.T.copy()
    for j in range(responders.shape[1]):
        complementary(by_item[j], hidden_by_item[j], item_reason, published, *sums, k)
    item_hidden[...] = hidden_by_item.T
    return _Marks(hidden=hidden, reason=reason, item_hidden=item_hidden, published=published)


def _hide_all_alike(
    grid: _Grid, hidden: NDArray[Any], item_hidden: NDArray[Any], *, cross_tab: bool
) -> None:
    """Hide each item of a node where someone answered and every answer chose the same option
    (blanks aside). With a cross-tab only its cells count, not the groups' totals."""
    import numpy as np

    responders = grid.responders
    # Only nodes where it can matter are looked at: shown, answered, a cross-tab cell if any.
    nodes = np.flatnonzero(
        ~hidden & (responders > 0).any(axis=1) & ((grid.col > 0) if cross_tab else True)
    )
    cube = grid.cube_at(nodes)
    for start in range(0, len(nodes), 4096):
        some = nodes[start : start + 4096]
        most = cube[start : start + 4096, :, 1:].max(axis=2)
        item_hidden[some] |= (most == responders[some]) & (responders[some] > 0)


def _check_arguments(
    responses: object,
    min_group_size: object,
    force_small_groups: object,
    levels: object,
    by: object,
    where: object,
    banding: object,
    items: object,
    earlier: object,
) -> tuple[str, ...]:
    """Refuse an argument of the wrong kind with its name; return ``by`` as a tuple."""
    from .audit import Release
    from .responses import Responses

    at = "aggregate"
    expect(at, "responses", responses, Responses, "Responses (from an import)")
    expect_int(at, "min_group_size", min_group_size)
    expect(at, "force_small_groups", force_small_groups, bool, "True or False")
    expect(at, "items", items, bool, "True or False")
    expect(at, "banding", banding, Banding, "a Banding")
    if levels is not None:
        expect(at, "levels", levels, (list, tuple, range), "a list of levels or None")
        for level in levels:  # type: ignore[attr-defined]
            expect_int(at, "levels", level)
    if where is not None:
        for dimension, values in expect_mapping_of_names(at, "where", where).items():
            expect_names(at, f"where[{dimension!r:.20}]", values)
    expect(at, "earlier", earlier, (list, tuple), "a list of earlier releases")
    for release in earlier:  # type: ignore[attr-defined]
        expect(at, "earlier", release, Release, "releases from a ledger")
    return expect_names(at, "by", by)


def _theme_items(elements: Sequence[ElementInfo], infos: Sequence[ItemInfo]) -> list[list[int]]:
    """For each theme element (in order), the indexes of its items."""
    themes = [e for e in elements if e.kind is ElementKind.THEME]
    return [
        [j for j, info in enumerate(infos) if (info.theme, info.scope) == (t.ref, t.scope)]
        for t in themes
    ]


@attrs.frozen(kw_only=True, eq=False)
class _Table:
    """What the published nodes show that the suppression does not change: worked out once,
    before the audit's rounds, for the published nodes only (``chosen``, in the table's order:
    group, then wave, then breakdown column). Their numbers (``scores``, ``cube``) are worked
    out only for the nodes still shown then (``live``, places in ``chosen``): the audit only
    hides more, so no other node will show one, and at 10,000 teams by role nearly all are
    hidden."""

    chosen: NDArray[Any]
    live: NDArray[Any]
    scores: ScoreArrays
    cube: NDArray[Any]
    n: NDArray[Any]
    theme_items: list[list[int]]
    elements: tuple[ElementInfo, ...]
    items: bool
    item_column: dict[str, int]
    group: tuple[tuple[str, ...], ...]
    wave: tuple[str | None, ...]
    breakdown: tuple[tuple[tuple[str, str], ...], ...]

    @classmethod
    def of(
        cls,
        grid: _Grid,
        marks: _Marks,
        responses: Responses,
        reported: tuple[int, ...],
        items: bool,
    ) -> _Table:
        import numpy as np

        # The levels reported compared, not ``np.isin``-ed: see ``_cube._steps``.
        emit = marks.published & (grid.n > 0) & (grid.level[:, None] == [*reported]).any(axis=1)
        chosen = np.nonzero(emit)[0]
        # Nodes are numbered wave, group, column: a stable sort by group orders them group,
        # wave, column (a lexsort of all three took 1 ms at 10,000 teams by role).
        chosen = chosen[np.argsort(grid.group[chosen], kind="stable")]
        live = np.flatnonzero(~marks.hidden[chosen])
        infos = responses.items
        elements = element_infos(infos)
        # The grid counts in int32 where it can (``answer_cube``); what is published is int64.
        cube = grid.cube_at(chosen[live]).astype(np.int64)
        group_paths = [(), *(p for level_paths in responses.paths for p in level_paths)]
        breakdowns = [c.breakdown for c in grid.columns]
        return cls(
            chosen=chosen,
            live=live,
            scores=score_counts(cube, infos),
            cube=cube,
            n=grid.n[chosen],
            theme_items=_theme_items(elements, infos),
            elements=elements
            if items
            else tuple(e for e in elements if e.kind is ElementKind.THEME),
            items=items,
            item_column={f"item:{info.ref}": j for j, info in enumerate(infos)},
            # By ``map``, in C, not a generator a row at a time: 40,000 rows at 10,000 teams.
            group=tuple(map(group_paths.__getitem__, grid.group[chosen].tolist())),
            wave=tuple(map(responses.waves.__getitem__, grid.wave[chosen].tolist())),
            breakdown=tuple(map(breakdowns.__getitem__, grid.col[chosen].tolist())),
        )


def _audited(
    table: _Table, marks: _Marks, meta: dict[str, Any], earlier: tuple[Release, ...]
) -> Results:
    """The results once the exact audit finds nothing, with these and the earlier releases
    together: each round hides what the audit blames (the nearest shown cell of each finding)
    and solves again."""
    from .audit import _findings, release_from_results

    new = len(earlier)
    while True:
        results = _results(table, marks, meta)
        releases = [*earlier, release_from_results(results, include_items=table.items)]
        findings = _findings(releases, options=False)
        # An item cell that cuts across one an earlier report showed (another grouping of the
        # same people) would let the two distributions be solved together: it shows nothing.
        crossing = [(node, family) for r, node, family in findings.crossing if r == new]
        for node, family in crossing:
            marks.item_hidden[int(table.chosen[node]), table.item_column[family]] = True
        if crossing:
            continue
        if findings.crossing:  # earlier reports that cross each other: solve them together
            findings = _findings(releases, options=True)
        found = findings.found
        if not found:
            return results
        changed = _hide_blamed(found, new, table, marks)
        if not changed:
            raise PrivacyError(
                "these results cannot be made safe together with the earlier reports of the "
                "same data: " + "; ".join(str(v) for v, _ in found[:3])
            )


def _hide_blamed(found: Any, new: int, table: _Table, marks: _Marks) -> set[tuple[int, str]]:
    """For each finding, hide the first cell of these results it blames that is still shown,
    unless a cell hidden this round already widens it; return the cells hidden."""
    from .audit import ITEMS, RESPONDENTS

    hidden, reason, item_hidden = marks.hidden, marks.reason, marks.item_hidden
    changed: set[tuple[int, str]] = set()
    for _violation, blame in found:
        mine = [(node, family) for r, node, family in blame if r == new]
        if changed.intersection(mine):
            continue  # a cell hidden this round already widens it: see the next round
        for node, family in mine:
            g = int(table.chosen[node])
            if family == RESPONDENTS:
                if hidden[g]:
                    continue
                hidden[g] = True
                reason[g] = COMPLEMENTARY
                item_hidden[g, :] = True
            elif family == ITEMS:
                if item_hidden[g, :].all():
                    continue
                item_hidden[g, :] = True
            else:
                j = table.item_column[family]
                if item_hidden[g, j]:
                    continue
                item_hidden[g, j] = True
            changed.add((node, family))
            break
    return changed


def _results(table: _Table, marks: _Marks, meta: dict[str, Any]) -> Results:
    """The private results table: every hidden number blanked out. Only nodes shown when the
    table was made (``table.live``) can hold numbers; the others are blank throughout."""
    import numpy as np

    chosen, live, scores, elements = table.chosen, table.live, table.scores, table.elements
    hidden = marks.hidden[chosen]
    item_hidden = marks.item_hidden[chosen[live]]
    n_themes = len(table.theme_items)
    theme_hidden = np.zeros((len(live), n_themes), dtype=bool)
    for t, members in enumerate(table.theme_items):
        if members:
            theme_hidden[:, t] = item_hidden[:, members].any(axis=1)
    n_elements = len(elements)
    cell_hidden = np.concatenate([theme_hidden, item_hidden], axis=1)[:, :n_elements]
    shown = ~(cell_hidden | hidden[live, None])

    def blank(values: NDArray[Any], fill: float, where: NDArray[Any] = shown) -> NDArray[Any]:
        """The live nodes' ``values`` where ``where``, else ``fill``, as in every other node."""
        kept = np.where(where, values, fill)
        out = np.full((len(chosen), *kept.shape[1:]), fill, dtype=kept.dtype)
        out[live] = kept
        return out

    some = item_hidden.shape[1] if table.items else 0  # no distributions without items
    cells = CellTable(
        group=table.group,
        wave=table.wave,
        breakdown=table.breakdown,
        n=np.where(hidden, -1, table.n),
        reason=np.where(hidden, marks.reason[chosen], _SHOWN).astype(np.int8),
        mean=blank(scores.mean[:, :n_elements], np.nan),
        normalised=blank(scores.normalised[:, :n_elements], np.nan),
        answered=blank(scores.answered[:, :n_elements], -1),
        unscored=blank(scores.unscored[:, :n_elements], -1),
        missing=blank(scores.missing[:, :n_elements], -1),
        distribution=blank(table.cube[:, :some, 1:], -1, ~item_hidden[:, :some, None]),
    )
    return Results(table=cells, elements=elements, **meta)


# -- helpers ------------------------------------------------------------------------------------


def _dimension_index(responses: Responses, name: str) -> int:
    try:
        return responses.dimensions.index(name)
    except ValueError:
        have = ", ".join(responses.dimensions) or "none were kept at import"
        raise ArgumentError(
            f"no dimension {name!r} to cross-tabulate or filter by (dimensions: {have})"
        ) from None


def _filter_pairs(
    responses: Responses, where: Mapping[str, str | Sequence[str]] | None
) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for name, wanted in (where or {}).items():
        d = _dimension_index(responses, name)
        values = (wanted,) if isinstance(wanted, str) else tuple(wanted)
        if not values:
            raise ArgumentError(f"the filter on {name!r} names no value")
        for value in values:
            if value not in responses.dimension_values[d]:
                have = ", ".join(responses.dimension_values[d])
                raise ArgumentError(f"{name!r} has no value {value!r} (values: {have})")
            pairs.append((name, value))
    return tuple(pairs)


def _columns(responses: Responses, by: tuple[str, ...]) -> tuple[list[_Column], int, NDArray[Any]]:
    """The breakdown columns, the number of finest columns, and each row's finest column (an
    empty array without a cross-tab, where every row is in column 0)."""
    import numpy as np

    combo = np.zeros(responses.n_rows if by else 0, dtype=np.int64)
    combos: list[tuple[tuple[str, str], ...]] = [()]
    for name in by:
        d = _dimension_index(responses, name)
        values = responses.dimension_values[d]
        combo = combo * len(values) + responses.dimension_codes[:, d]
        combos = [(*c, (name, v)) for c in combos for v in values]
    if not by:
        return [_Column(combine=(0,), published=True, primary_reason=_PRIMARY)], 1, combo
    n_combos = len(combos)
    columns = [_Column(combine=tuple(range(n_combos)), published=True, primary_reason=_PRIMARY)]
    columns += [_Column(combine=(b,), published=True, breakdown=combos[b]) for b in range(n_combos)]
    return columns, n_combos, combo


def _filter_mask(responses: Responses, filters: tuple[tuple[str, str], ...]) -> NDArray[Any]:
    """The rows a filter keeps: for each dimension named, one of its values."""
    import numpy as np

    selected = np.ones(responses.n_rows, dtype=bool)
    for name in dict(filters):
        d = _dimension_index(responses, name)
        values = responses.dimension_values[d]
        codes = [values.index(v) for n, v in filters if n == name]
        selected &= np.isin(responses.dimension_codes[:, d], codes)
    return selected
