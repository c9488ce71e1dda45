"""Each kind of element as Markdown: for a handbook in Markdown and for the terminal.

The Markdown reads as plain text too (tick boxes are ``☐`` characters, rules are a list), and it
is safe to pass back through :func:`~wellbeing_framework.render.markdown.render_html`, as anything
is. A pack's text is Markdown already and goes in as written, except that text meant for one line
(a title, an item) has its line breaks taken out, every field is capped in size, and a field with
raw HTML, an image or an unsafe link is shown as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .._escape import markdown_text
from ..model.content import (
    Checklist,
    Element,
    Item,
    Pack,
    ReflectiveModel,
    ResponseScale,
    Scope,
    Section,
    SessionType,
    Theme,
    Tool,
    kind_of,
)
from ..packs.catalog import Catalog
from ..sessions.wording import session_rules
from ._shared import (
    checklists_for,
    closing_step,
    next_steps,
    one_line,
    option_score_text,
    resolve_element,
    resolve_scale,
    scope_text,
    tools_for,
    use_text,
)
from .markdown import DEFAULT_MAX_CHARS, safe_markdown, truncate_text

__all__ = ["element_markdown", "field", "indent", "line"]


def field(text: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """A prose field, capped in size, with a note when it was shortened, and safe to open in any
    Markdown viewer (see :func:`~wellbeing_framework.render.markdown.safe_markdown`)."""
    body, shortened = truncate_text(text.strip(), max_chars)
    body = safe_markdown(body)
    if shortened:
        body += f"\n\n*(Shortened: the full text is {len(text):,} characters long.)*"
    return body


def line(text: str) -> str:
    """Text for one line (a heading, a list item), capped in size."""
    return field(one_line(text)).replace("\n\n", " ")


def _plain(text: str) -> str:
    """A pack field meant as plain text (a scale's title and labels, as the HTML shows them),
    escaped and capped like any one-line field."""
    return markdown_text(line(text))


def indent(text: str, width: int) -> str:
    """Each line of ``text`` indented by ``width`` spaces (a blank line left empty), so that it
    continues the list item or step it follows."""
    pad = " " * width
    return "\n".join(pad + row if row.strip() else "" for row in text.splitlines())


def _list(items: Sequence[Item], *, numbered: bool = False, ids: bool = False) -> list[str]:
    out = []
    for number, item in enumerate(items, start=1):
        marker = f"{number}. " if numbered else "- "
        tail = f" `{item.id}`" if ids else ""
        out.append(f"{marker}{line(item.text)}{tail}")
        if item.guidance.strip():
            out.append("")
            out.append(indent(field(item.guidance), len(marker)))
        out.append("")
    return out


def _sections(sections: Iterable[Section], h: str) -> list[str]:
    out = []
    for section in sections:
        out += [f"{h}# {line(section.title)}", ""]
        if section.body.strip():
            out += [field(section.body), ""]
    return out


def _block(heading: str, body: list[str]) -> list[str]:
    return [heading, "", *body] if body else []


def _theme_name(ref: str, pack: Pack, catalog: Catalog | None) -> str:
    found = resolve_element(ref, pack, catalog)
    return line(found[1].title) if found else f"`{ref}`"


def _header(element: Element, pack: Pack, h: str, facts: Sequence[str] = ()) -> list[str]:
    kind = kind_of(element).label
    if isinstance(element, Checklist):
        kind = f"{kind} {scope_text(element.scope)}"
    meta = " · ".join([kind, *facts, f"Reference `{pack.id}:{element.id}`"])
    out = [f"{h} {line(element.title)}", "", meta, ""]
    if element.introduction.strip():
        out += [field(element.introduction), ""]
    return out


def _theme(theme: Theme, pack: Pack, h: str, ids: bool) -> list[str]:
    out = _header(theme, pack, h)
    if theme.what_good_looks_like.strip():
        out += [f"{h}# What good looks like", "", field(theme.what_good_looks_like), ""]
    out += _block(
        f"{h}# I statements: how each of us experiences it", _list(theme.i_statements, ids=ids)
    )
    out += _block(
        f"{h}# We statements: what the organisation does", _list(theme.we_statements, ids=ids)
    )
    out += _block(f"{h}# Reflective prompts", _list(theme.prompts, numbered=True, ids=ids))
    related = [
        f"- {line(c.title)} ({scope_text(c.scope)})" for c in checklists_for(theme, pack)
    ] + [f"- {line(t.title)} (tool)" for t in tools_for(theme, pack)]
    out += _block(f"{h}# Checklists and tools for this theme", [*related, ""] if related else [])
    return out + _sections(theme.sections, h)


def _how_to_answer(scale: ResponseScale | None, checklist: Checklist) -> list[str]:
    if scale is None:
        return [
            f"This checklist is answered on the scale `{checklist.scale}`, which is not loaded, "
            "so its answers cannot be listed.",
            "",
        ]
    options = "; ".join(f"{_plain(o.label)} ({option_score_text(o.score)})" for o in scale.options)
    return [
        f"**How to answer:** tick one box on each line. The answers are on the scale "
        f"“{_plain(scale.title)}”: {options}.",
        "",
    ]


def _checklist(
    checklist: Checklist, pack: Pack, h: str, ids: bool, catalog: Catalog | None
) -> list[str]:
    out = _header(checklist, pack, h, [f"Theme: {_theme_name(checklist.theme, pack, catalog)}"])
    scale = resolve_scale(checklist, pack, catalog)
    out += _how_to_answer(scale, checklist)
    fill = "Date: ____________"
    if checklist.scope is not Scope.INDIVIDUAL:
        fill = "Team or service: ____________________ · " + fill
    out += [fill, ""]
    ticks = "   ".join(f"☐ {_plain(o.label)}" for o in scale.options) if scale else ""
    for number, item in enumerate(checklist.items, start=1):
        marker = f"{number}. "
        pad = " " * len(marker)
        tail = f" `{item.id}`" if ids else ""
        out += [f"{marker}{line(item.text)}{tail}", ""]
        if item.guidance.strip():
            out += [indent(field(item.guidance), len(marker)), ""]
        if ticks:
            out += [pad + ticks, ""]
        out += [pad + "Notes: ______________________________________", ""]
    heading, columns = next_steps(checklist.scope)
    out += [
        f"{h}# {heading}",
        "",
        "| " + " | ".join(columns) + " |",
        "| --- | --- | --- |",
        *["|   |   |   |"] * 3,
        "",
    ]
    return out + _sections(checklist.sections, h)


def _tool(tool: Tool, pack: Pack, h: str, catalog: Catalog | None) -> list[str]:
    facts = []
    if tool.uses:
        facts.append("Use for " + ", ".join(use_text(u) for u in tool.uses))
    if tool.themes:
        facts.append("Themes: " + ", ".join(_theme_name(r, pack, catalog) for r in tool.themes))
    return _header(tool, pack, h, facts) + _sections(tool.sections, h)


def _model(model: ReflectiveModel, pack: Pack, h: str, ids: bool) -> list[str]:
    out = _header(model, pack, h)
    for number, stage in enumerate(model.stages, start=1):
        out += [f"{h}# {number}. {line(stage.title)}", ""]
        if stage.introduction.strip():
            out += [field(stage.introduction), ""]
        out += _list(stage.prompts, ids=ids)
    return out + _sections(model.sections, h)


def _session(session: SessionType, pack: Pack, h: str, ids: bool) -> list[str]:
    out = _header(session, pack, h)
    if session.purpose.strip():
        out += [f"{h}# Purpose", "", field(session.purpose), ""]
    rules = [f"- **{what}:** {rule}" for what, rule in session_rules(session)]
    closing = closing_step(session)
    if closing is not None:
        rules.append(f"- **Always ends with:** {line(closing)}")
    out += [f"{h}# At a glance", "", *rules, ""]
    out += _block(f"{h}# When to hold one", _list(session.triggers, ids=ids))
    agenda = _list(session.agenda, numbered=True, ids=ids)
    out += _block(f"{h}# Agenda", agenda)
    if session.ground_rules:
        out += [f"{h}# Ground rules", "", *(f"- {line(r)}" for r in session.ground_rules), ""]
    out += _block(f"{h}# Prompts", _list(session.prompts, ids=ids))
    return out + _sections(session.sections, h)


def element_markdown(
    element: Element,
    pack: Pack,
    *,
    catalog: Catalog | None = None,
    level: int = 1,
    ids: bool = False,
) -> str:
    """One element as Markdown.

    Args:
        element: The element.
        pack: The pack it belongs to, for references and scales.
        catalog: The loaded packs, to resolve references to other packs and contributed scales.
        level: The heading level of the element's title (its blocks are one level below).
        ids: Show the id of every item, for authors.
    """
    h = "#" * max(1, min(level, 5))
    if isinstance(element, Theme):
        out = _theme(element, pack, h, ids)
    elif isinstance(element, Checklist):
        out = _checklist(element, pack, h, ids, catalog)
    elif isinstance(element, Tool):
        out = _tool(element, pack, h, catalog)
    elif isinstance(element, ReflectiveModel):
        out = _model(element, pack, h, ids)
    else:
        out = _session(element, pack, h, ids)
    return "\n".join(out).rstrip() + "\n"
