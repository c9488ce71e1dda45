"""Scoring: from counts of answers per option to scores per item and per theme.

Everything is computed from a count cube: for each node (a group, wave and cross-tab value), each
item and each option, how many answers chose it, with a slot for blank answers. Scores are then a
small matrix product, whatever the number of answers. Scores use the scale's own numbers; an
option without a score (such as "not sure") is counted, not scored; the normalised score puts
every scale on 0 to 1 so that items and themes on different scales compare.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..model.content import Scope
from .cells import ElementInfo, ElementKind
from .responses import MISSING, ItemInfo, normalise_scores
from .results import DEFAULT_BANDING, Banding

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..model.assessment import Assessment
    from ..packs.catalog import Catalog

__all__ = [
    "ScoreArrays",
    "ScoreTables",
    "ThemeScore",
    "element_infos",
    "score_assessment",
    "score_counts",
    "score_tables",
]


@attrs.frozen(kw_only=True, eq=False)
class ScoreTables:
    """Per item and option (``(items, width + 1)``, slot 0 for a blank answer, then the scale's
    options in order): the raw score, the normalised score and whether it is scored."""

    raw: NDArray[Any]
    normalised: NDArray[Any]
    scored: NDArray[Any]
    unscored: NDArray[Any]
    width: int


def score_tables(items: Sequence[ItemInfo]) -> ScoreTables:
    """Lookup tables for a set of items (slot 0 is a blank answer, never scored)."""
    import numpy as np

    width = max((len(i.scale.options) for i in items), default=1)
    raw = np.zeros((len(items), width + 1))
    norm = np.zeros((len(items), width + 1))
    scored = np.zeros((len(items), width + 1), dtype=bool)
    unscored = np.zeros((len(items), width + 1), dtype=bool)
    for i, info in enumerate(items):
        values, is_scored = normalise_scores(info.scale)
        for k, option in enumerate(info.scale.options):
            raw[i, k + 1] = 0.0 if option.score is None else option.score
            norm[i, k + 1] = values[k]
            scored[i, k + 1] = is_scored[k]
            unscored[i, k + 1] = not is_scored[k]
    return ScoreTables(raw=raw, normalised=norm, scored=scored, unscored=unscored, width=width)


@attrs.frozen(kw_only=True, eq=False)
class ScoreArrays:
    """Scores of every node for every element, ``(nodes, elements)``.

    ``mean`` and ``normalised`` are NaN where nothing was scored (and ``mean`` for a theme that
    mixes scales); the counts are answers, not people.
    """

    mean: NDArray[Any]
    normalised: NDArray[Any]
    answered: NDArray[Any]
    unscored: NDArray[Any]
    missing: NDArray[Any]


def element_infos(items: Sequence[ItemInfo]) -> tuple[ElementInfo, ...]:
    """The themes (one per theme and scope, in order of first item) then the items."""
    themes: dict[tuple[str, Scope], ElementInfo] = {}
    for info in items:
        key = (info.theme, info.scope)
        if key not in themes:
            themes[key] = ElementInfo(
                ref=info.theme,
                kind=ElementKind.THEME,
                scope=info.scope,
                theme=info.theme,
                title=info.theme_title or info.theme,
            )
    item_infos = tuple(
        ElementInfo(
            ref=info.ref,
            kind=ElementKind.ITEM,
            scope=info.scope,
            theme=info.theme,
            title=info.text,
            checklist=info.checklist,
            options=tuple(o.value for o in info.scale.options),
        )
        for info in items
    )
    return (*themes.values(), *item_infos)


#: Nodes scored per block: the block's sums stay in the cache while they are combined.
_NODES_PER_BLOCK = 1024


def score_counts(counts: NDArray[Any], items: Sequence[ItemInfo]) -> ScoreArrays:
    """Scores from a count cube.

    Args:
        counts: ``(nodes, items, width + 1)`` answers per option, slot 0 blank answers.
        items: The items, in the cube's order.

    Returns:
        Arrays of shape ``(nodes, themes + items)``, in the order of :func:`element_infos`.
    """
    import numpy as np

    tables = score_tables(items)
    theme_keys = list(dict.fromkeys((i.theme, i.scope) for i in items))
    member = np.zeros((len(items), len(theme_keys)))
    for i, info in enumerate(items):
        member[i, theme_keys.index((info.theme, info.scope))] = 1.0
    one_scale = np.array(
        [len({i.scale.id for i in items if (i.theme, i.scope) == key}) == 1 for key in theme_keys],
        dtype=bool,
    )
    n_nodes, n_elements = counts.shape[0], len(theme_keys) + len(items)
    out = ScoreArrays(
        mean=np.empty((n_nodes, n_elements)),
        normalised=np.empty((n_nodes, n_elements)),
        answered=np.empty((n_nodes, n_elements), dtype=np.int64),
        unscored=np.empty((n_nodes, n_elements), dtype=np.int64),
        missing=np.empty((n_nodes, n_elements), dtype=np.int64),
    )
    for start in range(0, n_nodes, _NODES_PER_BLOCK):
        _score_block(
            counts[start : start + _NODES_PER_BLOCK], tables, member, one_scale, out, start
        )
    return out


def _slot_sums(counts: NDArray[Any], weights: NDArray[Any]) -> NDArray[Any]:
    """``(counts * weights).sum(axis=2)`` in float64, a slot at a time: the same additions in the
    same order, without a ``(nodes, items, slots)`` temporary; slots weighted 0 for every item
    add nothing and are skipped."""
    import numpy as np

    total = np.zeros(counts.shape[:2])
    for s in range(counts.shape[2]):
        if weights[:, s].any():
            total += counts[:, :, s] * weights[:, s]
    return total


def _score_block(
    counts: NDArray[Any],
    tables: ScoreTables,
    member: NDArray[Any],
    one_scale: NDArray[Any],
    out: ScoreArrays,
    start: int,
) -> None:
    """Score one block of nodes into ``out`` from row ``start``."""
    import numpy as np

    stop = start + counts.shape[0]
    n_themes = member.shape[1]
    # Whole numbers in float64 are exact: these sums are the counts, in any order.
    answered = _slot_sums(counts, tables.scored)
    unscored = _slot_sums(counts, tables.unscored)
    missing = counts[:, :, 0].astype(np.float64)
    raw_sum = _slot_sums(counts, tables.raw)
    norm_sum = _slot_sums(counts, tables.normalised)
    t_answered = answered @ member

    def ratio(top: NDArray[Any], bottom: NDArray[Any], into: NDArray[Any]) -> None:
        into[...] = np.nan
        np.divide(top, bottom, out=into, where=bottom > 0)

    ratio(raw_sum @ member, t_answered, out.mean[start:stop, :n_themes])
    out.mean[start:stop, :n_themes][:, ~one_scale] = np.nan
    ratio(raw_sum, answered, out.mean[start:stop, n_themes:])
    ratio(norm_sum @ member, t_answered, out.normalised[start:stop, :n_themes])
    ratio(norm_sum, answered, out.normalised[start:stop, n_themes:])
    for name, per_item in (("answered", answered), ("unscored", unscored), ("missing", missing)):
        into = getattr(out, name)
        into[start:stop, :n_themes] = per_item @ member
        into[start:stop, n_themes:] = per_item


@attrs.frozen(kw_only=True)
class ThemeScore:
    """One person's own score on one theme: for their own feedback, never an aggregate."""

    theme: str
    title: str
    mean: float | None
    normalised: float | None
    answered: int
    unscored: int
    missing: int
    band: str | None


def score_assessment(
    assessment: Assessment, catalog: Catalog, *, banding: Banding = DEFAULT_BANDING
) -> tuple[ThemeScore, ...]:
    """A completed checklist's own scores, theme by theme, to show the person who filled it in.

    Raises:
        RecordError: The assessment names something that does not exist or an answer off the
            scale (see :meth:`Responses.from_assessments`).
    """
    import numpy as np

    from .responses import Responses

    responses = Responses.from_assessments([assessment], catalog)
    width = max(len(i.scale.options) for i in responses.items)
    counts = np.zeros((1, len(responses.items), width + 1), dtype=np.int64)
    slot = responses.item.astype(np.int64) * (width + 1) + responses.option - MISSING
    counts[0] = np.bincount(slot, minlength=counts[0].size).reshape(counts[0].shape)
    arrays = score_counts(counts, responses.items)
    out = []
    for j, e in enumerate(element_infos(responses.items)):
        if e.kind is not ElementKind.THEME:
            continue
        norm = float(arrays.normalised[0, j])
        mean = float(arrays.mean[0, j])
        out.append(
            ThemeScore(
                theme=e.ref,
                title=e.title,
                mean=None if np.isnan(mean) else mean,
                normalised=None if np.isnan(norm) else norm,
                answered=int(arrays.answered[0, j]),
                unscored=int(arrays.unscored[0, j]),
                missing=int(arrays.missing[0, j]),
                band=None if np.isnan(norm) else banding.band(norm),
            )
        )
    return tuple(out)
