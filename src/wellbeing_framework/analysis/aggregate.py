"""Aggregation: scores for every group at every level and wave, private by construction.

How a result stays private:

- A cell (a group in a wave, or its intersection with a cross-tab value or a filter) with fewer
  respondents than the minimum is hidden, count and all. The minimum is 10 unless set; below 5
  only with ``force_small_groups=True``.
- Complementary suppression. Every published count is part of sums that a reader can do: a parent
  is the sum of its child groups; a group is the sum of its cross-tab cells; a filtered group plus
  the rest of the group is the whole group. For every such sum we keep two rules: it never has
  exactly one hidden part (one hidden part is its total minus the parts shown), and when its total
  is shown the hidden parts together have 0 or at least the minimum respondents. Where a rule
  fails, the smallest part still shown is hidden too (or, if no part is left, the total), and the
  rules are checked again until they all hold. Groups on levels that are not reported still take
  part, so a report of one level is as safe as a report of all of them.
- A filter is treated as a cross-tab with the rest of each group as an unpublished part, and the
  whole group's count is assumed known (it may be published elsewhere); so a filtered cell is
  shown only if both it and the rest of its group are empty or at least the minimum.
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

from ..errors import PrivacyError, WellbeingError
from .results import DEFAULT_BANDING, Banding, CellTable, ElementKind, Results
from .scoring import element_infos, score_counts

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .responses import Responses

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

    ``combine`` lists the finest columns it sums. ``published`` columns are reported; ``known``
    ones are assumed known to a reader from elsewhere (the whole group when a filter is used);
    the rest are hidden parts that are never shown.
    """

    combine: tuple[int, ...]
    published: bool
    known: bool = False
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

    Returns:
        The private results.

    Raises:
        PrivacyError: A minimum below 5 without ``force_small_groups=True``.
        WellbeingError: A dimension or a filter value that the responses do not have.
    """
    import numpy as np

    check_minimum(min_group_size, force_small_groups)
    by = tuple(by)
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
            "cross-tabulate (by=) or filter (where=) in one call, not both: the sums a reader "
            "could do across the two are not checked"
        )
    cross_level = max(reported) if by else None

    # -- the grid of nodes: wave x group (every level) x breakdown column --------------------
    sizes = [1, *(len(p) for p in responses.paths)]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    n_groups = int(offsets[-1])
    n_leaves = sizes[-1]
    n_waves = len(responses.waves)
    leaf_to_level = _leaf_to_level(responses)
    columns, n_fine, fine = _columns(responses, by, filters)
    n_cols = len(columns)
    combine = np.zeros((n_cols, n_fine), dtype=np.int64)
    for c, col in enumerate(columns):
        combine[c, list(col.combine)] = 1.0

    leaf = responses.groups[:, depth - 1] if depth else np.zeros(responses.n_rows, np.int32)
    row_key = responses.wave.astype(np.int64) * n_leaves + leaf
    row_key *= n_fine
    row_key += fine

    # Respondents per finest cell, then per node.
    n_fine_cells = np.bincount(row_key, minlength=n_waves * n_leaves * n_fine)
    n_node = _expand(
        n_fine_cells.reshape(n_waves, n_leaves, n_fine, 1), leaf_to_level, combine
    ).reshape(-1)

    # -- suppression ---------------------------------------------------------------------------
    level_of_group = np.repeat(np.arange(depth + 1), sizes)
    node_group = np.tile(np.repeat(np.arange(n_groups), n_cols), n_waves)
    node_level = level_of_group[node_group]
    node_col = np.tile(np.arange(n_cols), n_waves * n_groups)
    published = np.array([c.published for c in columns])[node_col]
    if cross_level is not None:
        # Cross-tab cells are published at one level only: across several levels they would
        # form two-way tables of sums, where a chain of rows and columns can pin a cell down.
        published &= (node_col == 0) | (node_level == cross_level)
    known = np.array([c.known for c in columns])[node_col]
    small = (n_node > 0) & (n_node < min_group_size)
    hidden = small | (~published & ~known)
    reason_if_small = np.array([c.primary_reason for c in columns], dtype=np.int8)[node_col]
    reason = np.where(published & small, reason_if_small, _SHOWN).astype(np.int8)
    if filters:
        # The whole group is known to a reader only where the unfiltered report shows it.
        plain_n = n_node[node_col == 0]
        plain_hidden = (plain_n > 0) & (plain_n < min_group_size)
        plain_reason = np.zeros(len(plain_n), dtype=np.int8)
        _complementary(
            plain_n,
            plain_hidden,
            plain_reason,
            np.ones(len(plain_n), dtype=bool),
            np.zeros(len(plain_n), dtype=bool),
            *_relations(responses, [columns[0]], n_waves, offsets, None),
            min_group_size,
        )
        hidden[node_col == 0] = plain_hidden
    relations = _relations(responses, columns, n_waves, offsets, cross_level)
    # With a cross-tab or a filter, cells that are never shown still obey sums; a chain of
    # subtractions through them could reach a small one. Check the chains and break them.
    every = _relations(responses, columns, n_waves, offsets, None) if by or filters else None
    while True:
        _complementary(n_node, hidden, reason, published, known, *relations, min_group_size)
        if every is None or not _break_chains(
            n_node, hidden, reason, published, known, *every, min_group_size
        ):
            break

    # -- the cube of answers, only for the nodes reported ---------------------------------------
    emit = published & (n_node > 0) & np.isin(node_level, reported)
    node_wave = np.repeat(np.arange(n_waves), n_groups * n_cols)
    chosen = np.nonzero(emit)[0]
    chosen = chosen[np.lexsort((node_col[chosen], node_wave[chosen], node_group[chosen]))]

    infos = responses.items
    width = max((len(i.scale.options) for i in infos), default=1)
    cube = _answer_cube(responses, row_key, n_waves * n_leaves * n_fine, width)
    node_cube = _expand(
        cube.reshape(n_waves, n_leaves, n_fine, len(infos) * (width + 1)), leaf_to_level, combine
    ).reshape(n_waves * n_groups * n_cols, len(infos), width + 1)[chosen]

    elements = element_infos(infos)
    if not items:
        elements = tuple(e for e in elements if e.kind is ElementKind.THEME)
    scores = score_counts(node_cube, infos)
    n_elements = len(elements)
    shown = ~hidden[chosen]
    mean = np.where(shown[:, None], scores.mean[:, :n_elements], np.nan)
    normalised = np.where(shown[:, None], scores.normalised[:, :n_elements], np.nan)
    answered = np.where(shown[:, None], scores.answered[:, :n_elements], -1)
    unscored = np.where(shown[:, None], scores.unscored[:, :n_elements], -1)
    missing = np.where(shown[:, None], scores.missing[:, :n_elements], -1)
    distribution = node_cube[:, :, 1:] if items else node_cube[:, :0, 1:]
    distribution = np.where(shown[:, None, None], distribution, -1)

    group_paths = [(), *(p for level_paths in responses.paths for p in level_paths)]
    table = CellTable(
        group=tuple(group_paths[g] for g in node_group[chosen].tolist()),
        wave=tuple(responses.waves[w] for w in node_wave[chosen].tolist()),
        breakdown=tuple(columns[c].breakdown for c in node_col[chosen].tolist()),
        n=np.where(shown, n_node[chosen], -1),
        reason=reason[chosen],
        mean=mean,
        normalised=normalised,
        answered=answered,
        unscored=unscored,
        missing=missing,
        distribution=distribution,
    )
    return Results(
        table=table,
        elements=elements,
        min_group_size=min_group_size,
        forced_small_groups=force_small_groups and min_group_size < FLOOR_MIN_GROUP_SIZE,
        levels=responses.levels,
        waves=responses.waves,
        breakdown=by,
        filters=filters,
        banding=banding,
    )


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


def _columns(
    responses: Responses, by: tuple[str, ...], filters: tuple[tuple[str, str], ...]
) -> tuple[list[_Column], int, NDArray[Any]]:
    """The breakdown columns, the number of finest columns, and each row's finest column."""
    import numpy as np

    rows = responses.n_rows
    combo = np.zeros(rows, dtype=np.int64)
    combos: list[tuple[tuple[str, str], ...]] = [()]
    for name in by:
        d = _dimension_index(responses, name)
        values = responses.dimension_values[d]
        combo = combo * len(values) + responses.dimension_codes[:, d]
        combos = [(*c, (name, v)) for c in combos for v in values]
    n_combos = len(combos)
    if not filters:
        if not by:
            return [_Column(combine=(0,), published=True, primary_reason=_PRIMARY)], 1, combo
        columns = [_Column(combine=tuple(range(n_combos)), published=True, primary_reason=_PRIMARY)]
        columns += [
            _Column(combine=(b,), published=True, breakdown=combos[b]) for b in range(n_combos)
        ]
        return columns, n_combos, combo
    selected = np.ones(rows, dtype=bool)
    for name in dict(filters):
        d = _dimension_index(responses, name)
        values = responses.dimension_values[d]
        codes = [values.index(v) for n, v in filters if n == name]
        selected &= np.isin(responses.dimension_codes[:, d], codes)
    # Finest columns: the rest of the group (0), then the rows kept (1).
    columns = [
        _Column(combine=(0, 1), published=False, known=True),
        _Column(combine=(1,), published=True),
        _Column(combine=(0,), published=False),
    ]
    return columns, 2, selected.astype(np.int64)


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
    """From ``(waves, leaves, finest columns, k)`` to ``(waves, groups, columns, k)``: sum the
    leaves into every level's groups (they are contiguous, the paths being sorted), then the
    finest columns into the breakdown columns."""
    import numpy as np

    per_level = []
    for level, codes in enumerate(leaf_to_level):
        if not codes.size:  # no responses at all: everyone is an empty group, the rest absent
            shape = (fine.shape[0], 1 if level == 0 else 0, *fine.shape[2:])
            per_level.append(np.zeros(shape, dtype=fine.dtype))
            continue
        starts = np.searchsorted(codes, np.arange(int(codes[-1]) + 1))
        per_level.append(np.add.reduceat(fine, starts, axis=1))
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
    known: NDArray[Any],
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
    eligible = published & ~known
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
                continue  # nothing left to hide: every part is hidden or known elsewhere
            hidden[pick] = True
            reason[pick] = _COMPLEMENTARY
            changed = True
        if not changed:
            return


def _break_chains(
    n: NDArray[Any],
    hidden: NDArray[Any],
    reason: NDArray[Any],
    published: NDArray[Any],
    known: NDArray[Any],
    totals: NDArray[Any],
    ptr: NDArray[Any],
    parts: NDArray[Any],
    minimum: int,
) -> bool:
    """Work out every count a reader can reach by subtraction (a sum with one unknown member
    gives that member; repeat), and where one of them is a small group, hide the smallest shown
    cell on the chain that reached it. Returns True if anything was hidden."""
    import numpy as np

    n_rel = len(totals)
    rel_of_part = np.repeat(np.arange(n_rel), np.diff(ptr))
    member_rel = np.concatenate([np.arange(n_rel), rel_of_part])
    member_node = np.concatenate([totals, parts])
    base = (n == 0) | ((published | known) & ~hidden)
    reader = base.copy()
    derived_by = np.full(len(n), -1, dtype=np.int64)
    while True:
        unknown = ~reader[member_node]
        count = np.bincount(member_rel, weights=unknown, minlength=n_rel)
        found = unknown & (count[member_rel] == 1)
        if not found.any():
            break
        derived_by[member_node[found]] = member_rel[found]
        reader[member_node[found]] = True
    exposed = np.nonzero(reader & ~base & (n > 0) & (n < minimum))[0]
    shown = published & ~known & ~hidden & (n > 0)
    changed = False
    for cell in exposed.tolist():
        pick = _blame(cell, derived_by, shown, n, totals, ptr, parts, set())
        if pick is not None and not hidden[pick]:
            hidden[pick] = True
            shown[pick] = False
            reason[pick] = _COMPLEMENTARY
            changed = True
    return changed


def _blame(
    cell: int,
    derived_by: NDArray[Any],
    shown: NDArray[Any],
    n: NDArray[Any],
    totals: NDArray[Any],
    ptr: NDArray[Any],
    parts: NDArray[Any],
    seen: set[int],
) -> int | None:
    """The smallest shown cell on the chain of sums that gave ``cell`` away, if any."""
    import numpy as np

    seen.add(cell)
    r = int(derived_by[cell])
    if r < 0:
        return None
    members = np.concatenate([[totals[r]], parts[ptr[r] : ptr[r + 1]]])
    members = members[members != cell]
    candidates = members[shown[members]]
    if candidates.size:
        return int(candidates[np.argmin(n[candidates])])
    for member in members.tolist():
        if member not in seen and derived_by[member] >= 0:
            pick = _blame(member, derived_by, shown, n, totals, ptr, parts, seen)
            if pick is not None:
                return pick
    return None


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
