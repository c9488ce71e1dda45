"""Priorities: the weakest themes and items of a group, what the pack offers for them, and a
draft action plan to start a conversation with.

The draft is a starting point for a team to co-create its own plan, not a plan handed down:
:func:`as_action_plan` turns it into an :class:`~wellbeing_framework.model.session.ActionPlan`
once the team has agreed it.
"""

from __future__ import annotations

import datetime as dt

from ..errors import ElementNotFoundError
from ..model.content import Theme
from ..model.ids import split_ref
from ..model.session import Action, ActionPlan
from ..packs.catalog import Catalog
from .results import (
    Cell,
    DraftAction,
    DraftActionPlan,
    ElementKind,
    Priorities,
    Priority,
    Results,
)

__all__ = ["as_action_plan", "priorities", "support_for"]


def support_for(catalog: Catalog, theme_ref: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The reflective prompts of a theme and the tools of its pack made for it, as references.

    Returns:
        ``(prompts, tools)``; both empty when the theme is not in the catalog.
    """
    try:
        found = catalog.find(theme_ref)
    except ElementNotFoundError:
        return (), ()
    theme = found.element
    if not isinstance(theme, Theme):
        return (), ()
    pack = found.pack
    prompts = tuple(f"{pack.id}:{p.id}" for p in theme.prompts)
    tools = tuple(
        f"{pack.id}:{tool.id}"
        for tool in pack.tools
        if any(_same(t, pack.id, theme) for t in tool.themes)
    )
    return prompts, tools


def _same(ref: str, pack_id: str, theme: Theme) -> bool:
    owner, element = split_ref(ref, pack_id)
    return owner == pack_id and (element == theme.id or element in theme.aliases)


def priorities(
    results: Results,
    catalog: Catalog,
    *,
    group: tuple[str, ...] = (),
    wave: str | None = None,
    limit: int = 3,
    item_limit: int = 5,
) -> Priorities:
    """The weakest themes and items for one group and wave, lowest normalised score first.

    Only shown cells count: a hidden group has no priorities to report.

    Args:
        results: Private results.
        catalog: The content, for prompts and tools.
        group: The group path (``()`` is everyone).
        wave: The wave; by default the latest in the results.
        limit: How many themes.
        item_limit: How many items.
    """
    if wave is None:
        wave = results.waves[-1]
    cells = [
        c
        for c in results.cells
        if c.group == group
        and c.wave == wave
        and not c.breakdown
        and not c.suppressed
        and c.normalised is not None
    ]

    def weakest(kind: ElementKind, count: int) -> list[Cell]:
        chosen = [c for c in cells if c.kind is kind]
        chosen.sort(key=lambda c: (c.normalised, c.element))
        return chosen[:count]

    def priority(cell: Cell) -> Priority:
        info = results.element(cell.element)
        prompts, tools = support_for(catalog, info.theme)
        # Only shown, scored cells reach here, so neither is None.
        assert cell.normalised is not None
        assert cell.n is not None
        return Priority(
            element=cell.element,
            kind=cell.kind,
            theme=info.theme,
            title=info.title,
            normalised=cell.normalised,
            band=cell.band,
            n=cell.n,
            prompts=prompts,
            tools=tools,
        )

    themes = tuple(priority(c) for c in weakest(ElementKind.THEME, limit))
    items = tuple(priority(c) for c in weakest(ElementKind.ITEM, item_limit))
    where = " / ".join(group) or "everyone"
    actions = tuple(
        DraftAction(
            theme=p.theme,
            text=(
                f"Talk through the results on {p.title.rstrip('.')} together, choose one change "
                "to try before the next round, and agree how you will know it helped."
            ),
            prompts=p.prompts,
            tools=p.tools,
        )
        for p in themes
    )
    title = f"Draft action plan for {where}" + (f", {wave}" if wave else "")
    return Priorities(
        group=group,
        wave=wave,
        themes=themes,
        items=items,
        draft=DraftActionPlan(title=title, group=group, wave=wave, actions=actions),
    )


def as_action_plan(
    draft: DraftActionPlan,
    *,
    created: dt.date,
    plan_id: str = "draft-plan",
    owner_role: str = "team manager",
) -> ActionPlan:
    """The draft as an :class:`ActionPlan` record, each action owned by a role and linked to
    its theme and tools. Edit it with the team before treating it as agreed."""
    return ActionPlan(
        id=plan_id,
        title=draft.title,
        created=created,
        actions=tuple(
            Action(
                id=f"action-{k + 1}",
                text=a.text,
                owner_role=owner_role,
                links=(a.theme, *a.tools),
            )
            for k, a in enumerate(draft.actions)
        ),
    )
