"""Each kind of element as a fragment of HTML, for a handbook or a page of its own.

Every piece of pack text passes through :func:`render_html` (Markdown) or :func:`escape` (plain
text) on its way in; ids are escaped too, though the model already restricts them to letters,
digits and hyphens. The fragments use the ``wf-`` classes that ``styles/handbook.css`` styles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

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
from .markdown import escape, render_html

__all__ = ["element_fragment"]


# Headings inside a field (an introduction, a section) sit below the element's own blocks.
_FIELD_OFFSET = 4


def _block(text: str, *, css: str = "", offset: int = _FIELD_OFFSET) -> str:
    if not text.strip():
        return ""
    body = render_html(text, heading_offset=offset)
    return f'<div class="{css}">{body}</div>\n' if css else body


def _inline(text: str) -> str:
    return render_html(one_line(text), inline=True)


def _items(items: Sequence[Item], *, tag: str = "ul", css: str = "wf-list") -> str:
    if not items:
        return ""
    rows = []
    for item in items:
        guidance = _block(item.guidance, css="wf-guidance", offset=5)
        rows.append(
            f'<li id="{escape(item.id)}"><span class="wf-text">{_inline(item.text)}</span>'
            f"{guidance}</li>"
        )
    return f'<{tag} class="{css}">\n' + "\n".join(rows) + f"\n</{tag}>\n"


def _sections(sections: Iterable[Section]) -> str:
    return "".join(
        f'<section class="wf-section"><h4>{_inline(s.title)}</h4>'
        f"{_block(s.body, offset=_FIELD_OFFSET)}</section>\n"
        for s in sections
    )


def _titled(title: str, body: str, *, css: str = "") -> str:
    if not body:
        return ""
    cls = f' class="{css}"' if css else ""
    return f"<section{cls}><h4>{escape(title)}</h4>\n{body}</section>\n"


@attrs.frozen
class _Page:
    """What an element is rendered within: its pack, the catalog, and the ids of the elements
    on the same page, which are the only ones a link may point to."""

    pack: Pack
    catalog: Catalog | None
    on_page: frozenset[str]


def _link(target: Element, page: _Page) -> str:
    if target.id in page.on_page:
        return f'<a href="#{escape(target.id)}">{_inline(target.title)}</a>'
    return _inline(target.title)


def _ref(ref: str, page: _Page) -> str:
    """A reference to an element: a link if it is on the page, its title if it is loaded."""
    found = resolve_element(ref, page.pack, page.catalog)
    if found is None:
        return f"<code>{escape(ref)}</code>"
    if found[0] is page.pack:
        return _link(found[1], page)
    return _inline(found[1].title)


def _header(element: Element, pack: Pack, kicker: str, facts: Sequence[str] = ()) -> str:
    ref = f"{pack.id}:{element.id}"
    meta = [*facts, f"Reference <code>{escape(ref)}</code>"]
    return (
        f'<p class="wf-kicker">{kicker}</p>\n'
        f"<h3>{_inline(element.title)}</h3>\n"
        f'<p class="wf-meta">{" · ".join(meta)}</p>\n'
        f"{_block(element.introduction, css='wf-intro')}"
    )


def _theme(theme: Theme, page: _Page) -> str:
    pack = page.pack
    parts = [_header(theme, pack, "Theme")]
    if theme.what_good_looks_like.strip():
        parts.append(
            '<section class="wf-good"><h4>What good looks like</h4>\n'
            f"{_block(theme.what_good_looks_like)}</section>\n"
        )
    voices = []
    if theme.i_statements:
        voices.append(
            '<section class="wf-voice wf-voice-i"><h4>I statements</h4>\n'
            '<p class="wf-meta">How each of us experiences it</p>\n'
            f"{_items(theme.i_statements)}</section>\n"
        )
    if theme.we_statements:
        voices.append(
            '<section class="wf-voice wf-voice-we"><h4>We statements</h4>\n'
            '<p class="wf-meta">What the organisation does</p>\n'
            f"{_items(theme.we_statements)}</section>\n"
        )
    if voices:
        parts.append('<div class="wf-statements">\n' + "".join(voices) + "</div>\n")
    parts.append(_titled("Reflective prompts", _items(theme.prompts, tag="ol", css="wf-prompts")))
    related = [
        f'<li>{_link(c, page)} <span class="wf-badge">{escape(scope_text(c.scope))}</span></li>'
        for c in checklists_for(theme, pack)
    ] + [f"<li>{_link(t, page)}</li>" for t in tools_for(theme, pack)]
    if related:
        parts.append(
            _titled(
                "Checklists and tools for this theme",
                '<ul class="wf-related wf-screen-only">' + "".join(related) + "</ul>\n",
                css="wf-screen-only",
            )
        )
    parts.append(_sections(theme.sections))
    return "".join(parts)


def _ticks(scale: ResponseScale) -> str:
    boxes = "".join(
        f'<span class="wf-tick"><span class="wf-box" aria-hidden="true">☐</span> '
        f"{escape(one_line(o.label))}</span>"
        for o in scale.options
    )
    return f'<div class="wf-ticks">{boxes}</div>'


def _how_to_answer(scale: ResponseScale | None, checklist: Checklist) -> str:
    if scale is None:
        return (
            '<p class="wf-note">This checklist is answered on the scale '
            f"<code>{escape(checklist.scale)}</code>, which is not loaded, so its answers "
            "cannot be listed.</p>\n"
        )
    options = "".join(
        f"<li><strong>{escape(one_line(o.label))}</strong> "
        f'<span class="wf-meta">({option_score_text(o.score)})</span></li>'
        for o in scale.options
    )
    return (
        '<div class="wf-note wf-keep wf-scale"><p><strong>How to answer:</strong> tick one box '
        f"on each line. The answers are on the scale “{escape(one_line(scale.title))}”:</p>"
        f'<ul class="wf-options">{options}</ul></div>\n'
    )


def _checklist(checklist: Checklist, page: _Page) -> str:
    pack = page.pack
    theme = _ref(checklist.theme, page)
    scale = resolve_scale(checklist, pack, page.catalog)
    # An individual's answers are their own: the sheet asks for no name.
    fill = "<span>Date:</span>"
    if checklist.scope is not Scope.INDIVIDUAL:
        fill = "<span>Team or service:</span>" + fill
    parts = [
        _header(
            checklist,
            pack,
            f"Checklist {escape(scope_text(checklist.scope))}",
            [f"Theme: {theme}"],
        ),
        f'<div class="wf-fill wf-keep">{fill}</div>\n',
        _how_to_answer(scale, checklist),
    ]
    rows = []
    for item in checklist.items:
        guidance = _block(item.guidance, css="wf-guidance", offset=5)
        ticks = _ticks(scale) if scale is not None else ""
        rows.append(
            f'<li class="wf-item wf-keep" id="{escape(item.id)}">'
            f'<div class="wf-text">{_inline(item.text)}</div>{guidance}{ticks}'
            '<div class="wf-notes">Notes</div></li>'
        )
    parts.append('<ol class="wf-items">\n' + "\n".join(rows) + "\n</ol>\n")
    heading, columns = next_steps(checklist.scope)
    head = "".join(f"<th>{c}</th>" for c in columns)
    parts.append(
        f'<section class="wf-actions wf-keep"><h4>{heading}</h4>'
        f'<table class="wf-table"><thead><tr>{head}</tr></thead><tbody>'
        + "<tr><td></td><td></td><td></td></tr>" * 3
        + "</tbody></table></section>\n"
    )
    parts.append(_sections(checklist.sections))
    return "".join(parts)


def _tool(tool: Tool, page: _Page) -> str:
    facts = []
    if tool.uses:
        facts.append(
            "Use for "
            + " ".join(f'<span class="wf-badge">{escape(use_text(u))}</span>' for u in tool.uses)
        )
    if tool.themes:
        facts.append("Themes: " + ", ".join(_ref(ref, page) for ref in tool.themes))
    return _header(tool, page.pack, "Tool", facts) + _sections(tool.sections)


def _model(model: ReflectiveModel, page: _Page) -> str:
    stages = "".join(
        f'<li class="wf-stage"><h4>{_inline(stage.title)}</h4>'
        f"{_block(stage.introduction, offset=5)}"
        f"{_items(stage.prompts, css='wf-prompts')}</li>\n"
        for stage in model.stages
    )
    body = f'<ol class="wf-stages">\n{stages}</ol>\n' if stages else ""
    return _header(model, page.pack, "Reflective model") + body + _sections(model.sections)


def _session(session: SessionType, page: _Page) -> str:
    rules = session_rules(session)
    closing = closing_step(session)
    rows = "".join(f"<dt>{escape(what)}</dt><dd>{escape(rule)}</dd>" for what, rule in rules)
    if closing is not None:
        rows += f"<dt>Always ends with</dt><dd>{_inline(closing)}</dd>"
    steps = []
    for step in session.agenda:
        last = ' <span class="wf-badge">always last</span>' if step.id == session.closing else ""
        guidance = _block(step.guidance, css="wf-guidance", offset=5)
        steps.append(
            f'<li id="{escape(step.id)}"><span class="wf-text">{_inline(step.text)}</span>'
            f"{last}{guidance}</li>"
        )
    agenda = '<ol class="wf-agenda">\n' + "\n".join(steps) + "\n</ol>\n" if steps else ""
    rules_list = "".join(f"<li>{_inline(rule)}</li>" for rule in session.ground_rules)
    return "".join(
        [
            _header(session, page.pack, "Session type"),
            _titled("Purpose", _block(session.purpose)),
            '<section class="wf-note wf-rules wf-keep"><h4>At a glance</h4>'
            f'<dl class="wf-facts">{rows}</dl></section>\n',
            _titled("When to hold one", _items(session.triggers)),
            _titled("Agenda", agenda),
            _titled(
                "Ground rules", f'<ul class="wf-list">{rules_list}</ul>\n' if rules_list else ""
            ),
            _titled("Prompts", _items(session.prompts, css="wf-prompts")),
            _sections(session.sections),
        ]
    )


def element_fragment(
    element: Element,
    pack: Pack,
    *,
    catalog: Catalog | None = None,
    on_page: Iterable[str] = (),
) -> str:
    """One element as an ``<article>``, its id the element's id, headed by an ``<h3>``.

    Args:
        element: The element.
        pack: The pack it belongs to, for references and scales.
        catalog: The loaded packs, to resolve references to other packs and contributed scales.
        on_page: The ids of the other elements on the same page, which links may point to;
            any other element is named by its title only.
    """
    page = _Page(pack, catalog, frozenset([element.id, *on_page]))
    if isinstance(element, Theme):
        body = _theme(element, page)
    elif isinstance(element, Checklist):
        body = _checklist(element, page)
    elif isinstance(element, Tool):
        body = _tool(element, page)
    elif isinstance(element, ReflectiveModel):
        body = _model(element, page)
    else:
        body = _session(element, page)
    return (
        f'<article class="wf-element wf-{element.kind}" id="{escape(element.id)}">\n{body}'
        "</article>\n"
    )
