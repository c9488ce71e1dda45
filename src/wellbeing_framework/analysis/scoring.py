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
    counts = counts.astype(np.float64, copy=False)
    answered = (counts * tables.scored).sum(axis=2)
    unscored = (counts * tables.unscored).sum(axis=2)
    missing = counts[:, :, 0]
    raw_sum = (counts * tables.raw).sum(axis=2)
    norm_sum = (counts * tables.normalised).sum(axis=2)

    theme_keys = list(dict.fromkeys((i.theme, i.scope) for i in items))
    member = np.zeros((len(items), len(theme_keys)))
    for i, info in enumerate(items):
        member[i, theme_keys.index((info.theme, info.scope))] = 1.0
    one_scale = np.array(
        [len({i.scale.id for i in items if (i.theme, i.scope) == key}) == 1 for key in theme_keys],
        dtype=bool,
    )
    t_answered = answered @ member
    t_raw = raw_sum @ member
    t_norm = norm_sum @ member

    def ratio(top: NDArray[Any], bottom: NDArray[Any]) -> NDArray[Any]:
        out = np.full(top.shape, np.nan)
        np.divide(top, bottom, out=out, where=bottom > 0)
        return out

    t_mean = ratio(t_raw, t_answered)
    t_mean[:, ~one_scale] = np.nan
    return ScoreArrays(
        mean=np.concatenate([t_mean, ratio(raw_sum, answered)], axis=1),
        normalised=np.concatenate([ratio(t_norm, t_answered), ratio(norm_sum, answered)], axis=1),
        answered=np.concatenate([t_answered, answered], axis=1).astype(np.int64),
        unscored=np.concatenate([unscored @ member, unscored], axis=1).astype(np.int64),
        missing=np.concatenate([missing @ member, missing], axis=1).astype(np.int64),
    )


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
