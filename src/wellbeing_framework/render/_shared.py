"""What the Markdown and the HTML renderings of content share: order, names, and look-ups.

Nothing here writes mark-up. The words a reader sees for the rules of a session type live here
once, so the printed handbook and the terminal say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from ..errors import ElementNotFoundError
from ..model._ids import split_ref
from ..model.content import (
    KINDS,
    Checklist,
    Element,
    Pack,
    Relation,
    ResponseScale,
    Scope,
    SessionType,
    Source,
    Theme,
    Tool,
    ToolUse,
    element_items,
)
from ..model.scales import CORE_SCALES
from ..packs.catalog import Catalog
from ..sessions.wording import long_date

__all__ = [
    "PARTS",
    "checklists_for",
    "closing_step",
    "next_steps",
    "one_line",
    "option_score_text",
    "ordered",
    "relation_text",
    "resolve_element",
    "resolve_label",
    "resolve_scale",
    "scope_text",
    "source_facts",
    "tools_for",
    "use_text",
]

E = TypeVar("E", bound=Element)

#: How a handbook introduces each part: its heading and a line on how to use it.
_PART_TEXT: dict[str, tuple[str, str]] = {
    "theme": (
        "Themes",
        "Each theme says what good looks like, then sets what each of us experiences ('I' "
        "statements) beside what the organisation does about it ('We' statements). The "
        "reflective prompts are for supervision, team meetings or quiet thought.",
    ),
    "checklist": (
        "Checklists",
        "Print a checklist, tick one box on each line and jot examples in the notes space. The "
        "answers mean most when they are talked through together and turned into actions.",
    ),
    "tool": (
        "Tools",
        "Practical guides and exercises, each marked with where it is meant to be used.",
    ),
    "reflective-model": (
        "Reflective models",
        "Structured ways to think back on a piece of work, one stage at a time, with questions "
        "for each stage.",
    ),
    "session-type": (
        "Sessions",
        "The kinds of reflective session this pack describes: when to hold one, who leads it, "
        "and how it runs.",
    ),
}

#: The parts of a handbook, one per kind in order: anchor (the kind's folder), heading, and a
#: line on how to use the part.
PARTS: tuple[tuple[str, str, str], ...] = tuple((k.folder, *_PART_TEXT[k.name]) for k in KINDS)

_USES = {
    ToolUse.SUPERVISION: "supervision",
    ToolUse.TEAM: "team development",
    ToolUse.INCIDENT: "after an incident",
    ToolUse.SELF_CARE: "looking after yourself",
    ToolUse.PLANNING: "planning and policy",
}
_SCOPES = {
    Scope.INDIVIDUAL: "for individuals",
    Scope.TEAM: "for teams",
    Scope.ORGANISATIONAL: "for the organisation",
}
_RELATIONS = {
    Relation.EQUIVALENT: "matches",
    Relation.SUPPORTS: "supports",
    Relation.PARTIAL: "partly matches",
}

_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def one_line(text: str) -> str:
    """Text with its line breaks turned into spaces, for a heading or a list item."""
    return _LINE_BREAKS.sub(" ", text).strip()


def ordered(elements: Iterable[E]) -> list[E]:
    """Elements in display order: by ``order`` where given, the rest after, as they came."""
    return sorted(elements, key=lambda e: (e.order is None, e.order or 0))


def scope_text(scope: Scope) -> str:
    return _SCOPES[scope]


def use_text(use: ToolUse) -> str:
    return _USES[use]


def relation_text(relation: Relation) -> str:
    return _RELATIONS[relation]


def source_facts(source: Source) -> list[str]:
    """The facts about a source after its title, as short phrases of plain text."""
    facts = [source.publisher]
    if source.published:
        facts.append(f"published {long_date(source.published)}")
    if source.updated:
        facts.append(f"updated {long_date(source.updated)}")
    if source.licence:
        facts.append(f"licence: {source.licence}")
    return facts


def option_score_text(score: float | None) -> str:
    if score is None:
        return "not scored"
    number = int(score) if score == int(score) else score
    return f"scores {number}"


def resolve_scale(
    checklist: Checklist, pack: Pack, catalog: Catalog | None
) -> ResponseScale | None:
    """The scale a checklist is answered on, or ``None`` if it is not loaded.

    The pack's own scales come first, then the catalog's (other packs', contributed), then the
    core scales: a pack rendered from a folder may differ from the installed pack of its id.
    """
    pack_id, scale_id = split_ref(checklist.scale, pack.id)
    if pack_id == pack.id:
        for scale in pack.scales:
            if scale.id == scale_id:
                return scale
    if catalog is not None:
        try:
            return catalog.scale(checklist.scale, pack=pack.id)
        except ElementNotFoundError:
            pass
    return CORE_SCALES.get(scale_id)


def resolve_element(ref: str, pack: Pack, catalog: Catalog | None) -> tuple[Pack, Element] | None:
    """The element a reference names: in ``pack`` for a bare id, else through the catalog."""
    pack_id, element_id = split_ref(ref, pack.id)
    if pack_id == pack.id:
        try:
            return pack, pack.element(element_id)
        except KeyError:
            pass
    if catalog is not None:
        try:
            found = catalog.find(ref, pack=pack.id)
        except ElementNotFoundError:
            return None
        return found.pack, found.element
    return None


def resolve_label(ref: str, pack: Pack, catalog: Catalog | None) -> tuple[str, str | None] | None:
    """The words for whatever a reference names (an element's title, an item's text) and the
    anchor to it when it is in ``pack``; ``None`` when it is not loaded."""
    pack_id, target_id = split_ref(ref, pack.id)
    if pack_id == pack.id:
        for element in pack.elements:
            if target_id == element.id or target_id in element.aliases:
                return element.title, element.id
            for item in element_items(element):
                if item.id == target_id:
                    return item.text, item.id
    if catalog is not None:
        try:
            found = catalog.find(ref, pack=pack.id)
        except ElementNotFoundError:
            return None
        text = found.element.title if found.item is None else found.item.text
        return text, None
    return None


def _points_at(ref: str, theme: Theme, pack: Pack) -> bool:
    pack_id, theme_id = split_ref(ref, pack.id)
    return pack_id == pack.id and (theme_id == theme.id or theme_id in theme.aliases)


def checklists_for(theme: Theme, pack: Pack) -> list[Checklist]:
    """The pack's checklists for a theme, in display order."""
    return ordered(c for c in pack.checklists if _points_at(c.theme, theme, pack))


def tools_for(theme: Theme, pack: Pack) -> list[Tool]:
    """The pack's tools that name a theme, in display order."""
    return ordered(t for t in pack.tools if any(_points_at(r, theme, pack) for r in t.themes))


def closing_step(session: SessionType) -> str | None:
    """The text of the step a session must end with, if its type says."""
    for step in session.agenda:
        if step.id == session.closing:
            return step.text
    return None


def next_steps(scope: Scope) -> tuple[str, tuple[str, str, str]]:
    """The heading and columns of the actions table under a checklist."""
    if scope is Scope.INDIVIDUAL:
        return "What I will do next", ("Action", "Support I need", "By when")
    return "What we will do next", ("Action", "Who", "By when")
