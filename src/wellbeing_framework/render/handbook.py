"""A pack as a handbook, or one element, in Markdown or as a self-contained HTML page.

The handbook is what a wellbeing lead prints for a team meeting: a title page with the pack's
summary, version and sources; contents; then the themes (what good looks like, 'I' and 'We'
statements side by side, reflective prompts), printable checklists with a tick box for every
answer and space for notes, tools, reflective models, session types with their rules and agenda,
and the links to other packs. In print each theme, checklist, model and session starts a page.

Every piece of pack text goes through the safe Markdown set-up in
:mod:`wellbeing_framework.render.markdown`, so a pack from a stranger cannot put a script, a
remote image or a ``javascript:`` link into the page.
"""

from __future__ import annotations

from .._escape import markdown_text
from .._words import plural
from ..model.content import KINDS, Checklist, Element, Pack
from ..packs.catalog import Catalog
from ._html_elements import element_fragment
from ._markdown_elements import element_markdown, field, line
from ._page import html_document, stylesheet
from ._shared import (
    PARTS,
    one_line,
    ordered,
    relation_text,
    resolve_label,
    scope_text,
    source_facts,
)
from .markdown import escape, render_html, safe_href

__all__ = [
    "element_to_html",
    "element_to_markdown",
    "pack_overview_markdown",
    "pack_to_html",
    "pack_to_markdown",
]


def _elements_by_part(pack: Pack) -> dict[str, list[Element]]:
    return {kind.folder: ordered(pack.elements_of(kind)) for kind in KINDS}


# --- HTML ----------------------------------------------------------------------------------


def _cover_html(pack: Pack, catalog: Catalog | None) -> str:
    facts = [("Version", escape(pack.version)), ("Pack", f"<code>{escape(pack.id)}</code>")]
    if pack.extends:
        base = escape(pack.extends)
        if catalog is not None and pack.extends in catalog:
            base = (
                f"{render_html(one_line(catalog.pack(pack.extends).title), inline=True)} ({base})"
            )
        facts.append(("Adapts", base))
    if pack.sectors:
        facts.append(
            (
                "Sectors",
                " ".join(f'<span class="wf-badge">{escape(s)}</span>' for s in pack.sectors),
            )
        )
    if pack.retired:
        facts.append(("Retires", ", ".join(f"<code>{escape(r)}</code>" for r in pack.retired)))
    rows = "".join(f"<dt>{what}</dt><dd>{value}</dd>" for what, value in facts)
    sources = []
    for source in pack.sources:
        href = safe_href(source.url)
        url = ""
        if href:
            url = f' <a href="{href}">{escape(source.url or "")}</a>'
        elif source.url:
            url = f' <span class="wf-meta">{escape(source.url)}</span>'
        facts_text = escape("; ".join(one_line(f) for f in source_facts(source)))
        sources.append(
            f"<li><cite>{render_html(one_line(source.title), inline=True)}</cite>. "
            f"{facts_text}.{url}</li>"
        )
    sources_html = (
        '<section class="wf-sources"><h2>Where this comes from</h2>'
        f"<ul>{''.join(sources)}</ul></section>\n"
        if sources
        else ""
    )
    return (
        '<header class="wf-cover">\n<p class="wf-kicker">Wellbeing handbook</p>\n'
        f"<h1>{render_html(one_line(pack.title), inline=True)}</h1>\n"
        f'<div class="wf-summary">{render_html(pack.summary, heading_offset=2)}</div>\n'
        f'<dl class="wf-facts">{rows}</dl>\n{sources_html}</header>\n'
    )


def _contents_html(pack: Pack, groups: dict[str, list[Element]]) -> str:
    entries = []
    for key, heading, _ in PARTS:
        if not groups[key]:
            continue
        inner = "".join(
            f'<li><a href="#{escape(e.id)}">{render_html(one_line(e.title), inline=True)}</a></li>'
            for e in groups[key]
        )
        entries.append(f'<li><a href="#_{key}">{heading}</a><ol>{inner}</ol></li>')
    if pack.mappings:
        entries.append('<li><a href="#_mappings">Links to other packs</a></li>')
    return (
        '<nav class="wf-contents" id="_contents" aria-label="Contents"><h2>Contents</h2>'
        f"<ol>{''.join(entries)}</ol></nav>\n"
    )


def _mappings_html(pack: Pack, catalog: Catalog | None) -> str:
    rows = []
    for mapping in pack.mappings:
        source = resolve_label(mapping.source, pack, catalog)
        if source is None:
            here = f"<code>{escape(mapping.source)}</code>"
        else:
            text = render_html(one_line(source[0]), inline=True)
            here = f'<a href="#{escape(source[1])}">{text}</a>' if source[1] else text
        target = resolve_label(mapping.target, pack, catalog)
        there = f"<code>{escape(mapping.target)}</code>"
        if target is not None:
            there = f"{render_html(one_line(target[0]), inline=True)} <br>{there}"
        note = render_html(one_line(mapping.note), inline=True) if mapping.note else ""
        rows.append(
            f"<tr><td>{here}</td><td>{escape(relation_text(mapping.relation))}</td>"
            f"<td>{there}</td><td>{note}</td></tr>"
        )
    return (
        '<section class="wf-part" id="_mappings"><h2>Links to other packs</h2>\n'
        '<p class="wf-part-intro">Where something in this pack corresponds to something in '
        "another, so results and actions can be read across frameworks.</p>\n"
        '<div class="wf-scroll"><table class="wf-table wf-mappings"><thead><tr>'
        "<th>In this pack</th><th>Relation</th><th>In the other pack</th><th>Note</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table></div></section>\n"
    )


def pack_to_html(pack: Pack, *, catalog: Catalog | None = None) -> str:
    """The whole pack as a handbook: one self-contained HTML page to read, share or print.

    Args:
        pack: The pack.
        catalog: The loaded packs, to resolve references to other packs and contributed scales;
            without it only the pack itself and the core scales are known.
    """
    groups = _elements_by_part(pack)
    parts = [_cover_html(pack, catalog), _contents_html(pack, groups)]
    on_page = frozenset(e.id for e in pack.elements)
    for key, heading, intro in PARTS:
        if not groups[key]:
            continue
        articles = "".join(
            element_fragment(e, pack, catalog=catalog, on_page=on_page) for e in groups[key]
        )
        parts.append(
            f'<section class="wf-part" id="_{key}"><h2>{heading}</h2>\n'
            f'<p class="wf-part-intro">{escape(intro)}</p>\n{articles}'
            '<p class="wf-back wf-screen-only"><a href="#_contents">Back to contents</a></p>'
            "</section>\n"
        )
    if pack.mappings:
        parts.append(_mappings_html(pack, catalog))
    return html_document(
        f"{one_line(pack.title)} (version {pack.version})",
        "".join(parts),
        lang=pack.language,
        extra_css=stylesheet("handbook.css"),
    )


def element_to_html(element: Element, pack: Pack, *, catalog: Catalog | None = None) -> str:
    """One element (a checklist to print, say) as a self-contained HTML page."""
    title = line(element.title)
    body = (
        f'<p class="wf-meta">From {render_html(one_line(pack.title), inline=True)}, '
        f"version {escape(pack.version)}</p>\n{element_fragment(element, pack, catalog=catalog)}"
    )
    return html_document(title, body, lang=pack.language, extra_css=stylesheet("handbook.css"))


# --- Markdown ------------------------------------------------------------------------------


def _cover_markdown(pack: Pack) -> list[str]:
    out = [f"# {line(pack.title)}", "", field(pack.summary), ""]
    out += [f"- Version: {markdown_text(pack.version)}", f"- Pack: `{pack.id}`"]
    if pack.extends:
        out.append(f"- Adapts: `{pack.extends}`")
    if pack.sectors:
        out.append(f"- Sectors: {markdown_text(', '.join(pack.sectors))}")
    out.append("")
    if pack.sources:
        out += ["## Where this comes from", ""]
        for source in pack.sources:
            facts = "; ".join(markdown_text(line(f)) for f in source_facts(source))
            url = ""
            if source.url and safe_href(source.url) and ">" not in source.url:
                url = f" <{source.url}>"
            out.append(f"- *{line(source.title)}*. {facts}.{url}")
        out.append("")
    return out


def pack_to_markdown(pack: Pack, *, catalog: Catalog | None = None) -> str:
    """The whole pack as a handbook in Markdown, which also reads as plain text.

    Args:
        pack: The pack.
        catalog: The loaded packs, to resolve references to other packs and contributed scales.
    """
    groups = _elements_by_part(pack)
    out = _cover_markdown(pack)
    out += ["## Contents", ""]
    for key, heading, _ in PARTS:
        if groups[key]:
            out.append(f"- {heading}: " + "; ".join(line(e.title) for e in groups[key]))
    if pack.mappings:
        out.append("- Links to other packs")
    out.append("")
    for key, heading, intro in PARTS:
        if not groups[key]:
            continue
        out += [f"## {heading}", "", f"*{intro}*", ""]
        for element in groups[key]:
            out += [element_markdown(element, pack, catalog=catalog, level=3), ""]
    if pack.mappings:
        out += _mappings_markdown(pack, catalog)
    return "\n".join(out).rstrip() + "\n"


def _mappings_markdown(pack: Pack, catalog: Catalog | None) -> list[str]:
    out = ["## Links to other packs", ""]
    for mapping in pack.mappings:
        source = resolve_label(mapping.source, pack, catalog)
        target = resolve_label(mapping.target, pack, catalog)
        here = line(source[0]) if source else f"`{mapping.source}`"
        there = f"{line(target[0])} (`{mapping.target}`)" if target else f"`{mapping.target}`"
        out += [f"- {here}", "", f"  {relation_text(mapping.relation).capitalize()}: {there}", ""]
        if mapping.note.strip():
            out += [f"  {line(mapping.note)}", ""]
    return out


def element_to_markdown(
    element: Element, pack: Pack, *, catalog: Catalog | None = None, ids: bool = False
) -> str:
    """One element as Markdown, headed by its title.

    Args:
        element: The element.
        pack: The pack it belongs to.
        catalog: The loaded packs, to resolve references to other packs and contributed scales.
        ids: Show the id of every item after its text, as an author needs to see them.
    """
    return element_markdown(element, pack, catalog=catalog, level=1, ids=ids)


def pack_overview_markdown(pack: Pack) -> str:
    """A short overview of a pack: its summary, sources, and every element with its id."""
    out = _cover_markdown(pack)
    groups = _elements_by_part(pack)
    for key, heading, _ in PARTS:
        if not groups[key]:
            continue
        out += [f"## {heading}", ""]
        for element in groups[key]:
            extra = f" ({scope_text(element.scope)})" if isinstance(element, Checklist) else ""
            out.append(f"- {line(element.title)}{extra} `{element.id}`")
        out.append("")
    if pack.mappings:
        out += ["## Links to other packs", "", f"{plural(len(pack.mappings), 'mapping')}.", ""]
    return "\n".join(out).rstrip() + "\n"
