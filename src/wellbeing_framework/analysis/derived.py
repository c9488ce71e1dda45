"""What is worked out from :class:`~.results.Results`: the I/We gap, trends and priorities.

:class:`GapRow` sets what staff experience against what the organisation says it provides,
:class:`TrendRow` is a change between two waves, and :class:`Priorities` are the weakest themes
and items with a draft action plan for a team to co-create the real one from. Like the results,
they hold no person's answers and no free text.
"""

from __future__ import annotations

import attrs

from .cells import ElementKind

__all__ = ["DraftAction", "DraftActionPlan", "GapRow", "Priorities", "Priority", "TrendRow"]


@attrs.frozen(kw_only=True)
class GapRow:
    """The I/We gap for one theme and group: staff experience against the organisation's view.

    The minimum group size applies to the individual side only: an organisational
    self-assessment is usually one return per organisation or service, and says nothing about any
    one member of staff.

    Attributes:
        theme: ``pack-id:theme-id``.
        group: The group path the individual answers come from.
        wave: The wave, or None.
        individual: Normalised score on the individual checklist (None when hidden).
        organisational: Normalised score of the organisational self-assessment that covers the
            group (its own path, or the nearest group above it that has one).
        gap: ``organisational - individual``: above 0 the organisation rates itself higher than
            its staff experience it. None when either side is missing or hidden.
        n_individual: Respondents on the individual side, or None when hidden.
        n_organisational: Organisational returns pooled for the group; None when hidden (a
            survey of leaders follows the minimum group size).
        organisational_group: The group path the organisational return belongs to.
        suppressed: True when either side is hidden: the row then shows neither.
        band_individual, band_organisational: Band labels of the two scores.
    """

    theme: str
    group: tuple[str, ...]
    wave: str | None = None
    individual: float | None
    organisational: float | None
    gap: float | None
    n_individual: int | None
    n_organisational: int | None
    organisational_group: tuple[str, ...] | None = None
    suppressed: bool = False
    band_individual: str | None = None
    band_organisational: str | None = None


@attrs.frozen(kw_only=True)
class TrendRow:
    """A change between two waves for one element and group; only where both waves are shown.

    Attributes:
        element: ``pack-id:theme-id`` or ``pack-id:item-id``.
        kind: Theme or item.
        group: The group path.
        from_wave, to_wave: The earlier and the later wave.
        before, after: The normalised scores.
        change: ``after - before``.
        n_before, n_after: Respondents in each wave.
    """

    element: str
    kind: ElementKind
    group: tuple[str, ...]
    from_wave: str
    to_wave: str
    before: float
    after: float
    change: float
    n_before: int
    n_after: int


@attrs.frozen(kw_only=True)
class Priority:
    """A weak theme or item, with what the pack offers to work on it.

    Attributes:
        element: ``pack-id:theme-id`` or ``pack-id:item-id``.
        kind: Theme or item.
        theme: The theme the element belongs to.
        title: The theme's title or the item's wording.
        normalised: Its normalised score in the group chosen.
        band: Its band label.
        n: Respondents behind it.
        prompts: References of the theme's reflective prompts.
        tools: References of the pack's tools for the theme.
    """

    element: str
    kind: ElementKind
    theme: str
    title: str
    normalised: float
    band: str | None = None
    n: int
    prompts: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class DraftAction:
    """One suggested action for the weakest themes: a starting point to talk over, not a plan
    imposed. ``tools`` and ``prompts`` are references into the pack; ``item`` is the weak item
    the action is worded from, if any."""

    theme: str
    text: str
    prompts: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()
    item: str | None = None


@attrs.frozen(kw_only=True)
class DraftActionPlan:
    """A draft action plan from the results, for a team to co-create the real one from."""

    title: str
    group: tuple[str, ...]
    wave: str | None = None
    actions: tuple[DraftAction, ...] = ()


@attrs.frozen(kw_only=True)
class Priorities:
    """The weakest themes and items for one group and wave, and a draft action plan."""

    group: tuple[str, ...]
    wave: str | None = None
    themes: tuple[Priority, ...] = ()
    items: tuple[Priority, ...] = ()
    draft: DraftActionPlan
