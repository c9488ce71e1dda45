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

The work is columnar: one ``numpy.bincount`` over the answers builds a count cube (finest group x
wave x cross-tab value x item x option); every level, score and count is then arithmetic on that
cube, which is small.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..arguments import expect, expect_int, expect_mapping_of_names, expect_names
from ..errors import PrivacyError, WellbeingError
from .results import DEFAULT_BANDING, Banding, CellTable, ElementInfo, ElementKind, Results
from .scoring import element_infos, score_counts

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .audit import Release
    from .responses import ItemInfo, Responses

__all__ = ["DEFAULT_MIN_GROUP_SIZE", "FLOOR_MIN_GROUP_SIZE", "aggregate", "check_minimum"]

#: The smallest group whose results are shown, unless the caller says otherwise.
DEFAULT_MIN_GROUP_SIZE = 10
#: The lowest minimum allowed without ``force_small_groups=True``.
FLOOR_MIN_GROUP_SIZE = 5

#: Answers handled per pass of the cube builder: bounds the memory used beyond the input.
_CHUNK = 1 << 21

_SHOWN, _PRIMARY, _INTERSECTION, _COMPLEMENTARY = 0, 1, 2, 3


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
        WellbeingError: A dimension or a filter value that the responses do not have.
    """
    import numpy as np

    by = _check_arguments(
        responses, min_group_size, force_small_groups, levels, by, where, banding, items, earlier
    )
    check_minimum(min_group_size, force_small_groups)
    filters = _filter_pairs(responses, where)
    for name in by:
        _dimension_index(responses, name)
    depth = len(responses.levels)
    reported = tuple(range(depth + 1)) if levels is None else tuple(sorted(set(levels)))
    for level in reported:
        if not 0 <= level <= depth:
            names = ", ".join(responses.levels)
            raise WellbeingError(f"no level {level}: expected 0 (everyone) to {depth} ({names})")
    if by and filters:
        raise WellbeingError(
            "cross-tabulate (by=) or filter (where=) in one call, not both: make two reports, "
            "through one ledger, instead"
        )
    if filters:
        # A filtered report is a report of the rows kept; what it publishes is checked against
        # the earlier reports of the same data by the exact audit, not by assumption.
        responses = responses.select_rows(_filter_mask(responses, filters))
    cross_level = max(reported) if by else None
    k = min_group_size

    # -- the grid of nodes: wave x group (every level) x breakdown column --------------------
    sizes = [1, *(len(p) for p in responses.paths)]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    n_groups = int(offsets[-1])
    n_leaves = sizes[-1]
    n_waves = len(responses.waves)
    leaf_to_level = _leaf_to_level(responses)
    columns, n_fine, fine = _columns(responses, by)
    n_cols = len(columns)
    combine = np.zeros((n_cols, n_fine), dtype=np.int64)
    for c, col in enumerate(columns):
        combine[c, list(col.combine)] = 1

    leaf = responses.groups[:, depth - 1] if depth else np.zeros(responses.n_rows, np.int32)
    row_key = responses.wave.astype(np.int64) * n_leaves + leaf
    row_key *= n_fine
    row_key += fine

    n_nodes = n_waves * n_groups * n_cols
    n_fine_cells = np.bincount(row_key, minlength=n_waves * n_leaves * n_fine)
    n_node = _expand(
        n_fine_cells.reshape(n_waves, n_leaves, n_fine, 1), leaf_to_level, combine
    ).reshape(-1)
    infos = responses.items
    width = max((len(i.scale.options) for i in infos), default=1)
    cube = _answer_cube(responses, row_key, n_waves * n_leaves * n_fine, width)
    node_cube = _expand(
        cube.reshape(n_waves, n_leaves, n_fine, len(infos) * (width + 1)), leaf_to_level, combine
    ).reshape(n_nodes, len(infos), width + 1)
    # Who answered each item (any option, scored or not): the item's own minimum applies.
    responders = node_cube[:, :, 1:].sum(axis=2)

    # -- suppression: the quick rules of sums first, then the exact audit ----------------------
    level_of_group = np.repeat(np.arange(depth + 1), sizes)
    node_group = np.tile(np.repeat(np.arange(n_groups), n_cols), n_waves)
    node_level = level_of_group[node_group]
    node_col = np.tile(np.arange(n_cols), n_waves * n_groups)
    published = np.array([c.published for c in columns])[node_col]
    if cross_level is not None:
        # Cross-tab cells are published at one level only: across several levels they would
        # form two-way tables of sums, where a chain of rows and columns can pin a cell down.
        published &= (node_col == 0) | (node_level == cross_level)
    small = (n_node > 0) & (n_node < k)
    hidden = small | ~published
    reason_if_small = np.array([c.primary_reason for c in columns], dtype=np.int8)[node_col]
    reason = np.where(published & small, reason_if_small, _SHOWN).astype(np.int8)
    relations = _relations(responses, columns, n_waves, offsets, cross_level)
    _complementary(n_node, hidden, reason, published, *relations, k)

    item_hidden = hidden[:, None] | ((responders > 0) & (responders < k))
    if by or filters:
        # A cell of a cross-tab or a filter where everyone gave the same answer would say what
        # each of them answered: its item shows nothing.
        alike = (node_cube[:, :, 1:].max(axis=2) == responders) & (responders > 0)
        if by:
            alike &= (node_col > 0)[:, None]
        item_hidden |= alike
    item_reason = np.zeros(n_nodes, dtype=np.int8)
    for j in range(len(infos)):
        column_hidden = item_hidden[:, j].copy()
        _complementary(responders[:, j], column_hidden, item_reason, published, *relations, k)
        item_hidden[:, j] = column_hidden

    emit = published & (n_node > 0) & np.isin(node_level, reported)
    node_wave = np.repeat(np.arange(n_waves), n_groups * n_cols)
    chosen = np.nonzero(emit)[0]
    chosen = chosen[np.lexsort((node_col[chosen], node_wave[chosen], node_group[chosen]))]

    elements = element_infos(infos)
    if not items:
        elements = tuple(e for e in elements if e.kind is ElementKind.THEME)
    scores = score_counts(node_cube[chosen], infos)
    theme_items = _theme_items(element_infos(infos), infos)
    group_paths = [(), *(p for level_paths in responses.paths for p in level_paths)]
    leaves = responses.paths[-1] if depth else ((),)

    def build() -> Results:
        return _results(
            scores=scores,
            node_cube=node_cube[chosen],
            n=n_node[chosen],
            hidden=hidden[chosen],
            reason=reason[chosen],
            item_hidden=item_hidden[chosen],
            theme_items=theme_items,
            elements=elements,
            items=items,
            group=tuple(group_paths[g] for g in node_group[chosen].tolist()),
            wave=tuple(responses.waves[w] for w in node_wave[chosen].tolist()),
            breakdown=tuple(columns[c].breakdown for c in node_col[chosen].tolist()),
            meta={
                "min_group_size": k,
                "forced_small_groups": force_small_groups and k < FLOOR_MIN_GROUP_SIZE,
                "levels": responses.levels,
                "waves": responses.waves,
                "breakdown": by,
                "filters": filters,
                "banding": banding,
                "hierarchy": tuple(leaves),
            },
        )

    from .audit import ITEMS, RESPONDENTS, _findings, release_from_results

    item_column = {f"item:{info.ref}": j for j, info in enumerate(infos)}
    earlier = tuple(earlier)
    new = len(earlier)
    while True:
        results = build()
        releases = [*earlier, release_from_results(results, include_items=items)]
        findings = _findings(releases, options=False)
        # An item cell that cuts across one an earlier report showed (another grouping of the
        # same people) would let the two distributions be solved together: it shows nothing.
        crossing = [(node, family) for r, node, family in findings.crossing if r == new]
        for node, family in crossing:
            item_hidden[int(chosen[node]), item_column[family]] = True
        if crossing:
            continue
        if findings.crossing:  # earlier reports that cross each other: solve them together
            findings = _findings(releases, options=True)
        found = findings.found
        changed: set[tuple[int, str]] = set()
        for _violation, blame in found:
            mine = [(node, family) for r, node, family in blame if r == new]
            if changed.intersection(mine):
                continue  # a cell hidden this round already widens it: see the next round
            for node, family in mine:
                g = int(chosen[node])
                if family == RESPONDENTS:
                    if hidden[g]:
                        continue
                    hidden[g] = True
                    reason[g] = _COMPLEMENTARY
                    item_hidden[g, :] = True
                elif family == ITEMS:
                    if item_hidden[g, :].all():
                        continue
                    item_hidden[g, :] = True
                else:
                    j = item_column[family]
                    if item_hidden[g, j]:
                        continue
                    item_hidden[g, j] = True
                changed.add((node, family))
                break
        if not found:
            return results
        if not changed:
            raise PrivacyError(
                "these results cannot be made safe together with the earlier reports of the "
                "same data: " + "; ".join(str(v) for v, _ in found[:3])
            )


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


def _results(
    *,
    scores: Any,
    node_cube: NDArray[Any],
    n: NDArray[Any],
    hidden: NDArray[Any],
    reason: NDArray[Any],
    item_hidden: NDArray[Any],
    theme_items: list[list[int]],
    elements: tuple[ElementInfo, ...],
    items: bool,
    group: tuple[tuple[str, ...], ...],
    wave: tuple[str | None, ...],
    breakdown: tuple[tuple[tuple[str, str], ...], ...],
    meta: dict[str, Any],
) -> Results:
    """The private results table: every hidden number blanked out."""
    import numpy as np

    n_themes = len(theme_items)
    theme_hidden = np.zeros((len(n), n_themes), dtype=bool)
    for t, members in enumerate(theme_items):
        if members:
            theme_hidden[:, t] = item_hidden[:, members].any(axis=1)
    cell_hidden = np.concatenate([theme_hidden, item_hidden], axis=1)[:, : len(elements)]
    cell_hidden |= hidden[:, None]
    n_elements = len(elements)
    shown = ~cell_hidden
    distribution = node_cube[:, :, 1:] if items else node_cube[:, :0, 1:]
    distribution = np.where((~item_hidden if items else shown[:, :0])[:, :, None], distribution, -1)
    table = CellTable(
        group=group,
        wave=wave,
        breakdown=breakdown,
        n=np.where(hidden, -1, n),
        reason=np.where(hidden, reason, _SHOWN).astype(np.int8),
        mean=np.where(shown, scores.mean[:, :n_elements], np.nan),
        normalised=np.where(shown, scores.normalised[:, :n_elements], np.nan),
        answered=np.where(shown, scores.answered[:, :n_elements], -1),
        unscored=np.where(shown, scores.unscored[:, :n_elements], -1),
        missing=np.where(shown, scores.missing[:, :n_elements], -1),
        distribution=distribution,
    )
    return Results(table=table, elements=elements, **meta)


# -- helpers ------------------------------------------------------------------------------------


def _dimension_index(responses: Responses, name: str) -> int:
    try:
        return responses.dimensions.index(name)
    except ValueError:
        have = ", ".join(responses.dimensions) or "none were kept at import"
        raise WellbeingError(
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
            raise WellbeingError(f"the filter on {name!r} names no value")
        for value in values:
            if value not in responses.dimension_values[d]:
                have = ", ".join(responses.dimension_values[d])
                raise WellbeingError(f"{name!r} has no value {value!r} (values: {have})")
            pairs.append((name, value))
    return tuple(pairs)


def _columns(responses: Responses, by: tuple[str, ...]) -> tuple[list[_Column], int, NDArray[Any]]:
    """The breakdown columns, the number of finest columns, and each row's finest column."""
    import numpy as np

    combo = np.zeros(responses.n_rows, dtype=np.int64)
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


def _leaf_to_level(responses: Responses) -> list[NDArray[Any]]:
    """For each level 0..depth, the code at that level of every finest group (non-decreasing)."""
    import numpy as np

    depth = len(responses.levels)
    leaves = responses.paths[-1] if depth else ((),)
    out = [np.zeros(len(leaves), dtype=np.int64)]
    for level in range(1, depth + 1):
        index = {p: k for k, p in enumerate(responses.paths[level - 1])}
        out.append(np.fromiter((index[p[:level]] for p in leaves), np.int64, count=len(leaves)))
    return out


def _expand(
    fine: NDArray[Any], leaf_to_level: list[NDArray[Any]], combine: NDArray[Any]
) -> NDArray[Any]:
    """From ``(waves, leaves, finest columns, k)`` counts to ``(waves, groups, columns, k)``: sum
    the leaves into every level's groups (they are contiguous, the paths being sorted), then the
    finest columns into the breakdown columns.

    Each level is summed from the level below it, not from the leaves again: a level has far
    fewer groups than there are leaves, and sums of whole numbers come out the same in any
    order. (A group with no leaf under it, which no import makes, is summed from the leaves as
    before.)"""
    import numpy as np

    per_level: list[NDArray[Any]] = [fine] * len(leaf_to_level)
    below, first_leaf, incremental = fine, np.arange(fine.shape[1]), True
    for level in reversed(range(len(leaf_to_level))):
        codes = leaf_to_level[level]
        if not codes.size:  # no responses at all: everyone is an empty group, the rest absent
            shape = (fine.shape[0], 1 if level == 0 else 0, *fine.shape[2:])
            per_level[level] = np.zeros(shape, dtype=fine.dtype)
            continue
        wanted = np.arange(int(codes[-1]) + 1)
        # Where each group of this level starts among the groups of the level below.
        starts = np.searchsorted(codes[first_leaf], wanted)
        incremental = incremental and bool(np.all(np.diff(starts) > 0))
        if incremental:
            below = np.add.reduceat(below, starts, axis=1)
            first_leaf = first_leaf[starts]
        else:
            below = np.add.reduceat(fine, np.searchsorted(codes, wanted), axis=1)
        per_level[level] = below
    groups = np.concatenate(per_level, axis=1)
    out: NDArray[Any] = np.einsum("wgfk,cf->wgck", groups, combine)
    return out


def _answer_cube(
    responses: Responses, row_key: NDArray[Any], n_cells: int, width: int
) -> NDArray[Any]:
    """Answers per finest cell, item and option (slot 0 blank), by chunked ``bincount``."""
    import numpy as np

    slots = width + 1
    per_cell = len(responses.items) * slots
    size = n_cells * per_cell
    cube = np.zeros(size, dtype=np.int64)
    for start in range(0, responses.n_answers, _CHUNK):
        stop = start + _CHUNK
        key = row_key[responses.row[start:stop]]
        key *= per_cell
        key += responses.item[start:stop].astype(np.int64) * slots
        key += responses.option[start:stop]
        key += 1
        cube += np.bincount(key, minlength=size)
    return cube


def _relations(
    responses: Responses,
    columns: list[_Column],
    n_waves: int,
    offsets: NDArray[Any],
    cross_level: int | None,
) -> tuple[NDArray[Any], NDArray[Any], NDArray[Any]]:
    """Every sum a reader can do, as (total node, its parts): parent groups and their children in
    each column and wave; each group's columns that sum into another column. With a cross-tab
    (``cross_level`` set) its cells are published at that level only, so they enter only the
    sums of their own group there; cells on other levels are never shown and left out.

    Returns:
        The total node of each relation, and its parts as a CSR pair (pointers, nodes).
    """
    import numpy as np

    n_groups = int(offsets[-1])
    n_cols = len(columns)
    depth = len(responses.levels)
    # Group tree: parent group node of every non-root group node.
    child_group: list[int] = []
    parent_group: list[int] = []
    for level in range(1, depth + 1):
        parent_index = (
            {p: k for k, p in enumerate(responses.paths[level - 2])} if level > 1 else None
        )
        for k, path in enumerate(responses.paths[level - 1]):
            child_group.append(int(offsets[level]) + k)
            parent_group.append(
                0 if parent_index is None else int(offsets[level - 1]) + parent_index[path[:-1]]
            )
    child_g = np.asarray(child_group, dtype=np.int64)
    parent_g = np.asarray(parent_group, dtype=np.int64)
    order = np.argsort(parent_g, kind="stable")
    child_g, parent_g = child_g[order], parent_g[order]
    tree_parents, tree_starts = np.unique(parent_g, return_index=True)

    totals: list[NDArray[Any]] = []
    part_lists: list[NDArray[Any]] = []
    counts: list[NDArray[Any]] = []
    waves = np.arange(n_waves, dtype=np.int64)
    for c in range(n_cols if cross_level is None else 1):
        # Hierarchy: parent (w, g, c) = sum of children (w, child, c).
        base = waves[:, None] * n_groups
        totals.append(((base + tree_parents[None, :]) * n_cols + c).reshape(-1))
        part_lists.append(((base + child_g[None, :]) * n_cols + c).reshape(-1))
        sizes = np.diff(np.append(tree_starts, len(child_g)))
        counts.append(np.tile(sizes, n_waves))
    # Columns: for a column made of several finest columns, the columns whose finest sets
    # partition it are its parts (the grid's columns are built so that such partitions exist).
    fine_sets = [set(col.combine) for col in columns]
    for c, whole in enumerate(fine_sets):
        parts = _partition(c, whole, fine_sets)
        if not parts:
            continue
        group_nodes = (
            np.arange(n_groups, dtype=np.int64)
            if cross_level is None
            else np.arange(int(offsets[cross_level]), int(offsets[cross_level + 1]), dtype=np.int64)
        )
        nodes = (waves[:, None] * n_groups + group_nodes[None, :]).reshape(-1) * n_cols
        totals.append(nodes + c)
        part_lists.append((nodes[:, None] + np.asarray(parts)[None, :]).reshape(-1))
        counts.append(np.full(len(nodes), len(parts)))
    total = np.concatenate(totals)
    parts_flat = np.concatenate(part_lists)
    ptr = np.concatenate([[0], np.cumsum(np.concatenate(counts))]).astype(np.int64)
    return total, ptr, parts_flat


def _partition(c: int, whole: set[int], fine_sets: list[set[int]]) -> list[int]:
    """The parts a reader can sum to get column ``c``: the largest other columns inside it that
    cover it exactly. A column equal to a later one has that one as its single part, so that the
    two are always shown or hidden together."""
    for k in range(c + 1, len(fine_sets)):
        if fine_sets[k] == whole:
            return [k]
    candidates = [k for k, s in enumerate(fine_sets) if k != c and s < whole and s]
    maximal = [k for k in candidates if not any(fine_sets[k] < fine_sets[j] for j in candidates)]
    covered: set[int] = set()
    chosen: list[int] = []
    for k in sorted(maximal, key=lambda k: -len(fine_sets[k])):
        if not (fine_sets[k] & covered):
            chosen.append(k)
            covered |= fine_sets[k]
    return chosen if covered == whole and len(chosen) > 1 else []


def _complementary(
    n: NDArray[Any],
    hidden: NDArray[Any],
    reason: NDArray[Any],
    published: NDArray[Any],
    totals: NDArray[Any],
    ptr: NDArray[Any],
    parts: NDArray[Any],
    minimum: int,
) -> None:
    """Hide more cells until no sum exposes a hidden one (see the module's docstring).

    Works in place on ``hidden`` and ``reason``. Each pass finds the failing sums with array
    operations; only those are fixed one by one, so the cost is small when few groups are small.
    """
    import numpy as np

    n_rel = len(totals)
    rel_of_part = np.repeat(np.arange(n_rel), np.diff(ptr))
    nonzero = n > 0
    eligible = published
    while True:
        hid = hidden & nonzero
        hidden_parts = np.bincount(rel_of_part, weights=hid[parts], minlength=n_rel)
        hidden_sum = np.bincount(rel_of_part, weights=(hid * n)[parts], minlength=n_rel)
        total_hidden = hid[totals]
        failing = nonzero[totals] & (
            (hidden_parts + total_hidden == 1)
            | (~total_hidden & (hidden_sum > 0) & (hidden_sum < minimum))
        )
        changed = False
        for r in np.nonzero(failing)[0].tolist():
            members = parts[ptr[r] : ptr[r + 1]]
            total = int(totals[r])
            if not _fails(members, total, n, hidden, minimum):
                continue
            shown_parts = members[nonzero[members] & ~hidden[members] & eligible[members]]
            if shown_parts.size:
                pick = int(shown_parts[np.argmin(n[shown_parts])])
            elif not hidden[total] and eligible[total]:
                pick = total
            else:
                continue  # nothing left to hide: every part is hidden already
            hidden[pick] = True
            reason[pick] = _COMPLEMENTARY
            changed = True
        if not changed:
            return


def _fails(
    members: NDArray[Any], total: int, n: NDArray[Any], hidden: NDArray[Any], minimum: int
) -> bool:
    live = members[n[members] > 0]
    hidden_live = live[hidden[live]]
    total_hidden = bool(hidden[total]) and n[total] > 0
    if len(hidden_live) + int(total_hidden) == 1:
        return True
    hidden_sum = int(n[hidden_live].sum())
    return not total_hidden and 0 < hidden_sum < minimum
