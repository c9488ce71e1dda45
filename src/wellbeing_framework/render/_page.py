"""One self-contained HTML page: the frame every handbook and report is printed in.

The page carries everything it needs: its styles are inline, and it loads no script, style sheet,
font or image from anywhere. A Content-Security-Policy in the page says so to the browser too, so
even a mistake elsewhere could not make the page fetch or run anything. It reads on a phone (a
viewport, a fluid width, type at a readable size) and prints on A4 in black on white, with each
major part starting on a new page (a report overrides that) and the address of every link
written out after it.

Classes the base styles give meaning to, for the code that builds a page's body:

- ``wf-part``: a major part of a document; in print it starts on a new page.
- ``wf-meta``: a line of small, muted facts under a heading (kind, version, reference).
- ``wf-note``: a boxed aside; ``wf-truncated`` marks a field that was shortened.
- ``wf-badge``: a small label, such as a scope or a use.
- ``wf-table``: a full-width table; wrap wide ones in ``<div class="wf-scroll">`` for phones.
- ``wf-screen-only`` and ``wf-print-only``: shown only on screen, or only on paper.
- ``wf-keep``: never split across two printed pages.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from .markdown import escape

__all__ = ["CONTENT_SECURITY_POLICY", "base_css", "html_document", "stylesheet"]

#: Nothing may be fetched, run, framed or submitted; only the page's own inline styles and
#: ``data:`` images apply.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

# A BCP 47 language tag, loosely: a page's lang comes from a pack, so it is checked before use.
_LANG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,6}")


@functools.cache
def stylesheet(name: str) -> str:
    """A style sheet that ships with the library, from ``render/styles/``, read once.

    Args:
        name: The file name, such as ``"handbook.css"``.
    """
    return (
        resources.files("wellbeing_framework.render")
        .joinpath("styles", name)
        .read_text(encoding="utf-8")
    )


def base_css() -> str:
    """The styles every page gets: plain CSS with system fonts only, so no font is fetched."""
    return stylesheet("page.css")


def html_document(title: str, body: str, *, lang: str = "en-GB", extra_css: str = "") -> str:
    """A complete, self-contained HTML page.

    Args:
        title: The page title, as plain text (it is escaped here).
        body: The page's content, as HTML that is already safe: built with
            :func:`~wellbeing_framework.render.markdown.render_html` and
            :func:`~wellbeing_framework.render.markdown.escape`, never raw text.
        lang: The language of the content, a BCP 47 tag; anything else falls back to ``en-GB``.
        extra_css: More styles, after the base styles. It cannot end the style element early.
    """
    if not _LANG.fullmatch(lang):
        lang = "en-GB"
    # `</` would let the styles close their own element; in CSS `<\/` means the same text.
    css = (base_css() + extra_css).replace("</", "<\\/")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="generator" content="wellbeing_framework">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{css}</style>\n"
        "</head>\n"
        "<body>\n"
        f'<div class="wf-doc">\n{body}\n</div>\n'
        "</body>\n"
        "</html>\n"
    )
