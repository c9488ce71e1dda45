"""Priorities: the weakest themes and items of a group, what the pack offers for them, and a
draft action plan to start a conversation with.

The draft is a starting point for a team to co-create its own plan, not a plan handed down:
:func:`as_action_plan` turns it into an :class:`~wellbeing_framework.model.session.ActionPlan`
once the team has agreed it.
"""

from __future__ import annotations

import datetime as dt

from ..errors import ElementNotFoundError
from ..model._ids import split_ref
from ..model.content import Checklist, Pack, Prompt, ReflectiveModel, Theme, Tool
from ..model.session import Action, ActionPlan
from ..packs.catalog import Catalog
from .cells import Cell, ElementKind
from .derived import DraftAction, DraftActionPlan, Priorities, Priority
from .results import Results

__all__ = ["as_action_plan", "priorities", "support_for"]


def support_for(
    catalog: Catalog, theme_ref: str, item_ref: str | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The reflective prompts of a theme and the pack's tools for it (or for one of its items),
    as references, the best fit first.

    A pack says what each tool, reflective model and prompt is made for in its ``addresses``
    key (a prompt's in its element's ``prompt_addresses`` table). Every prompt of the theme is
    offered, those made for the item or the theme first. A
    tool that addresses the item itself comes first, then one that addresses the theme, then
    one that addresses another item or statement of the theme. A tool that addresses nothing
    (a guide to the pack as a whole) is never offered. A pack that uses no ``addresses`` at all
    (written before the key existed) offers the tools that list the theme, as it always did.

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
    item = split_ref(item_ref, pack.id)[1] if item_ref is not None else None

    # Every prompt of the theme is offered: those made for the weak item, then those made for
    # the theme, then the rest in the pack's order (one made for another item is no better
    # than one made for nothing in particular).
    def prompt_fit(prompt: Prompt) -> int:
        best = max((_fit(catalog, pack, theme, item, r) for r in prompt.addresses), default=0)
        return best if best >= 2 else 0

    ranked_prompts = sorted(theme.prompts, key=lambda p: -prompt_fit(p))
    prompts = tuple(f"{pack.id}:{p.id}" for p in ranked_prompts)
    makers: tuple[Tool | ReflectiveModel, ...] = (*pack.tools, *pack.reflective_models)
    if not any(m.addresses for m in makers):
        tools = tuple(
            f"{pack.id}:{tool.id}"
            for tool in pack.tools
            if any(_same(t, pack.id, theme) for t in tool.themes)
        )
        return prompts, tools
    ranked: list[tuple[int, int, str]] = []
    for position, maker in enumerate(makers):
        fit = max((_fit(catalog, pack, theme, item, ref) for ref in maker.addresses), default=0)
        if fit:
            ranked.append((-fit, position, f"{pack.id}:{maker.id}"))
    ranked.sort()
    # A tool made for another item of the theme is offered only when nothing is made for this
    # item or for the theme as a whole.
    if ranked and ranked[0][0] < -1:
        ranked = [r for r in ranked if r[0] < -1]
    return prompts, tuple(ref for _, _, ref in ranked)


def _same(ref: str, pack_id: str, theme: Theme) -> bool:
    owner, element = split_ref(ref, pack_id)
    return owner == pack_id and (element == theme.id or element in theme.aliases)


def _fit(catalog: Catalog, pack: Pack, theme: Theme, item: str | None, ref: str) -> int:
    """How well an ``addresses`` entry fits a weak item of a theme: 3 the item itself, 2 the
    theme, 1 another item or statement of the theme, 0 something else."""
    owner, element = split_ref(ref, pack.id)
    if owner != pack.id:
        return 0
    if item is not None and element == item:
        return 3
    if element == theme.id or element in theme.aliases:
        return 2
    try:
        holder = catalog.element(f"{pack.id}:{element}")
    except ElementNotFoundError:
        return 0
    if (isinstance(holder, Theme) and holder.id == theme.id) or (
        isinstance(holder, Checklist) and _same(holder.theme, pack.id, theme)
    ):
        return 1
    return 0


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
    # Through select, which makes this group's cells only, not all of the results'.
    cells = [
        c for c in results.select(group=group, wave=wave, shown=True) if c.normalised is not None
    ]

    def weakest(kind: ElementKind, count: int) -> list[Cell]:
        chosen = [c for c in cells if c.kind is kind]
        chosen.sort(key=lambda c: (c.normalised, c.element))
        return chosen[:count]

    def priority(cell: Cell) -> Priority:
        info = results.element(cell.element)
        item = cell.element if cell.kind is ElementKind.ITEM else None
        prompts, tools = support_for(catalog, info.theme, item)
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
    every_item = [priority(c) for c in weakest(ElementKind.ITEM, len(cells))]
    actions = tuple(
        action
        for theme in themes
        for action in _first_steps(
            catalog, theme, [p for p in every_item if p.theme == theme.theme]
        )
    )
    title = f"Draft action plan for {where}" + (f", {wave}" if wave else "")
    return Priorities(
        group=group,
        wave=wave,
        themes=themes,
        items=items,
        draft=DraftActionPlan(title=title, group=group, wave=wave, actions=actions),
    )


#: How many first steps a draft offers for each weak theme.
STEPS_PER_THEME = 3


def _first_steps(
    catalog: Catalog, theme: Priority, weak_items: list[Priority]
) -> list[DraftAction]:
    """Two or three first steps for a weak theme, each worded from one of its weakest items
    and offering the tools made for that item: a quick win, a deeper change, and a check that
    it helped. With no item shown, the theme's own tools carry a single conversation."""
    if not weak_items:
        return [
            DraftAction(
                theme=theme.theme,
                text=(
                    f"Talk through the results on {_plain(theme.title)} together, choose one "
                    "change to try before the next round, and agree how you will know it helped."
                ),
                prompts=theme.prompts,
                tools=theme.tools,
            )
        ]
    steps: list[DraftAction] = []
    for k, item in enumerate(weak_items[:STEPS_PER_THEME]):
        quoted = f"\u201c{_plain(item.title)}\u201d ({round(item.normalised * 100)} out of 100)"
        # Name a tool in the words only when it is made for this very item.
        made = [t for t in item.tools if _addresses(catalog, t, item.element)]
        tool = f" with \u201c{_title(catalog, made[0])}\u201d" if made else ""
        if k == 0:
            text = (
                f"Quick win on {quoted}: at the next team meeting or supervision, work through "
                f"it{tool}, and agree one small thing to try before the next meeting."
            )
        elif k == 1:
            text = (
                f"Deeper change on {quoted}: ask the people it affects what gets in the way, "
                f"agree one change{tool}, and give it an owner and a date."
            )
        else:
            text = (
                f"Keep track of {quoted}: note what was tried for it, and ask the same question "
                "again in the next round to see whether it moved."
            )
        # A prompt made for this item leads; otherwise each step opens with a different one.
        made_prompts = [p for p in item.prompts if _addresses(catalog, p, item.element)]
        rest = [p for p in item.prompts if p not in made_prompts]
        turn = k % len(rest) if rest else 0
        prompts = (*made_prompts, *rest[turn:], *rest[:turn])
        steps.append(
            DraftAction(
                theme=theme.theme, text=text, prompts=prompts, tools=item.tools, item=item.element
            )
        )
    return steps


def _addresses(catalog: Catalog, ref: str, item_ref: str) -> bool:
    """Whether a tool, model or prompt says it addresses this item (``pack-id:item-id``)."""
    try:
        target = catalog.find(ref).target
    except ElementNotFoundError:
        return False
    pack_id, item = split_ref(item_ref)
    addresses = getattr(target, "addresses", ())
    return any(split_ref(r, pack_id) == (pack_id, item) for r in addresses)


def _title(catalog: Catalog, ref: str) -> str:
    try:
        return catalog.element(ref).title
    except ElementNotFoundError:
        return ref


def _plain(text: str) -> str:
    return text.strip().rstrip(".")


def as_action_plan(
    draft: DraftActionPlan,
    *,
    created: dt.date,
    plan_id: str = "draft-plan",
    owner_role: str = "team manager",
) -> ActionPlan:
    """The draft as an :class:`ActionPlan` record, each action owned by a role and linked to
    its theme, the weak item it is worded from and its tools. Edit it with the team before
    treating it as agreed."""
    return ActionPlan(
        id=plan_id,
        title=draft.title,
        created=created,
        actions=tuple(
            Action(
                id=f"action-{k + 1}",
                text=a.text,
                owner_role=owner_role,
                links=(a.theme, *((a.item,) if a.item else ()), *a.tools),
            )
            for k, a in enumerate(draft.actions)
        ),
    )
