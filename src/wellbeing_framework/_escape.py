"""Text from data made inert: one function per output format.

A group name, a wave value, a dimension value, a rejected cell, a learning point, a report's title:
anything that came from data rather than from a pack's Markdown is text, and must be shown as
written, never read as mark-up. ``<script>`` must not run, ``[x](javascript:...)`` must not
become a link and ``**urgent**`` must not turn bold, in HTML as in Markdown (which a Git host, an
editor's preview or an email client may render with raw HTML switched on). Every such string goes
through :func:`html_text` or :func:`markdown_text` on its way into an output; JSON needs nothing,
since its strings are never mark-up.

This module is at the bottom of the layers, beside the errors, so that the session layer (the
learning log) escapes the same way as the renderers.
"""

from __future__ import annotations

import html
import re

__all__ = ["html_text", "markdown_text"]

# Every ASCII punctuation mark that can start or end Markdown or HTML mark-up (emphasis, code,
# links and images, raw HTML and autolinks, entities, headings, tables, strikethrough). A
# backslash before any ASCII punctuation is always a literal character in CommonMark.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
# What starts a block only at the start of a line: a list item or a setext underline.
_LINE_START = re.compile(r"^([-=]|\d+[.)])")


def html_text(text: str) -> str:
    """Text made safe to put into HTML, in an element or in a quoted attribute."""
    return html.escape(text, quote=True)


def markdown_text(text: str) -> str:
    """Text made safe to put into Markdown: one line (runs of white space, line breaks among them,
    become one space), with every character that could start mark-up escaped, so a renderer shows
    exactly the text."""
    flat = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    # A list marker or an underline at the start: escape its punctuation (``1\.``, ``\-``).
    return _LINE_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], flat)
