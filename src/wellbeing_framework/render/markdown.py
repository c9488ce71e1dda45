"""The one safe Markdown set-up, for text nobody here wrote.

Packs come from strangers and every field of one is Markdown typed by a person, so every piece of
pack text that reaches HTML goes through :func:`render_html` (Markdown) or :func:`escape` (plain
text). The set-up follows markdown-it-py's own advice for untrusted input: the ``js-default``
preset, which escapes raw HTML, with linkify off. On top of that:

- links only to ``http:``, ``https:`` and ``mailto:``; any other link (``javascript:``,
  ``data:``, ``vbscript:``, ``file:``, a relative path) is shown as its text, not as a link;
- no images at all: a remote image would let its author see who opened the page, and when. An
  image becomes a plain link when its address is http(s), and its alt text otherwise;
- a size cap per field, so one enormous field cannot swamp a page; a shortened field says so.

Pack text written into a Markdown output (a handbook, a report, a facilitator sheet) goes through
:func:`safe_markdown`, since that file may be opened in a viewer far more trusting than this one.

The parser is built once, on first use, and shared: building one costs far more than rendering a
field, and :func:`render_html` is called once for every field of a pack.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from .._escape import html_text

__all__ = [
    "DEFAULT_MAX_CHARS",
    "escape",
    "is_allowed_url",
    "render_html",
    "safe_href",
    "safe_markdown",
    "truncate_text",
]

#: The default cap on the characters of one field.
DEFAULT_MAX_CHARS = 20_000

# Lower-cased URL beginnings that may become links. Compared on the normalised URL, in which
# markdown-it has already decoded entities and percent-encoded spaces and control characters, so
# `java\tscript:` or `&#106;avascript:` cannot start with any of these.
_ALLOWED_PREFIXES = ("http://", "https://", "mailto:")
_IMAGE_PREFIXES = ("http://", "https://")
# The longest prefix above: lower-casing only this much keeps the check cheap on long URLs.
_PREFIX_LEN = max(len(p) for p in _ALLOWED_PREFIXES)

# How far back from the cap to look for a space or line break to cut at, so a shortened field
# does not end in the middle of a word.
_CUT_WINDOW = 200


def is_allowed_url(url: str) -> bool:
    """Whether a (normalised) URL may be a link: http, https or mailto, nothing else.

    Args:
        url: The address, as markdown-it normalises it (entities decoded, unsafe characters
            percent-encoded).
    """
    return url[:_PREFIX_LEN].lower().startswith(_ALLOWED_PREFIXES)


class _SafeMarkdownIt(MarkdownIt):
    """``js-default`` that links to http, https and mailto only."""

    def validateLink(self, url: str) -> bool:
        # The default lets through anything but a short list of bad schemes; this lets through
        # only the good ones. Relative links are refused too: a handbook has no other pages.
        return is_allowed_url(url)


def _link_open(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    href = token.attrGet("href")
    if isinstance(href, str) and href and is_allowed_url(href):
        return f'<a href="{escapeHtml(href)}" rel="nofollow noopener noreferrer">'
    # markdown-it keeps a link whose address it refused, with an empty href: show its text
    # only. Links cannot nest, so the first link_close after this one is its own.
    for later in tokens[idx + 1 :]:
        if later.type == "link_close":
            later.hidden = True
            break
    return ""


def _image(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    alt = _plain_text(token.children or ())
    src = token.attrGet("src")
    if isinstance(src, str) and src[:8].lower().startswith(_IMAGE_PREFIXES):
        label = f"Image: {alt}" if alt else "Image"
        return (
            f'<a class="wf-image-link" href="{escapeHtml(src)}" '
            f'rel="nofollow noopener noreferrer">{escapeHtml(label)}</a>'
        )
    return escapeHtml(alt)


def _plain_text(tokens: Sequence[Token]) -> str:
    """The text of inline tokens with every mark-up dropped (an image's alt text)."""
    parts: list[str] = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type == "image":
            parts.append(_plain_text(token.children or ()))
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _heading(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # A field's own headings sit under the page's: move them down by the offset asked for.
    offset = env.get("wf_heading_offset", 0) if env else 0
    if offset:
        token = tokens[idx]
        token.tag = f"h{min(6, int(token.tag[1:]) + offset)}"
    return self.renderToken(tokens, idx, options, env)


@functools.cache
def _parser() -> MarkdownIt:
    md = _SafeMarkdownIt("js-default", {"linkify": False, "typographer": False})
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("image", _image)
    md.add_render_rule("heading_open", _heading)
    md.add_render_rule("heading_close", _heading)
    return md


def truncate_text(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> tuple[str, bool]:
    """Cut ``text`` to at most ``max_chars`` characters, at a space or line break if one is near.

    Returns:
        The text, shortened or not, and whether it was shortened.

    Raises:
        ValueError: ``max_chars`` is less than 1.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")
    if len(text) <= max_chars:
        return text, False
    cut = text[:max_chars]
    space = max(cut.rfind(" ", max_chars - _CUT_WINDOW), cut.rfind("\n", max_chars - _CUT_WINDOW))
    if space > 0:
        cut = cut[:space]
    return cut.rstrip(), True


def _truncation_note(length: int, max_chars: int) -> str:
    return (
        f"Shortened: this text is {length:,} characters long and only the first "
        f"{max_chars:,} are shown."
    )


def render_html(
    text: str, *, max_chars: int = DEFAULT_MAX_CHARS, inline: bool = False, heading_offset: int = 0
) -> str:
    """Safe HTML of Markdown text from a pack or a person.

    Raw HTML is escaped, links go only to http, https and mailto addresses, images become links
    or their alt text, and text longer than ``max_chars`` is shortened with a visible note.

    Args:
        text: The Markdown.
        max_chars: The most characters of ``text`` to render.
        inline: Render one line of text without a wrapping paragraph (for an item, a title).
            Block mark-up such as ``# heading`` or ``- list`` then stays as written.
        heading_offset: How many levels to move the text's own headings down (with 2, a ``#``
            heading becomes ``<h3>``), so they sit under the page's headings. At most ``<h6>``.

    Raises:
        ValueError: ``max_chars`` is less than 1.
    """
    body, shortened = truncate_text(text, max_chars)
    body = _defuse_brackets(body)
    env: EnvType = {"wf_heading_offset": heading_offset} if heading_offset > 0 else {}
    md = _parser()
    if inline:
        out: str = md.renderInline(body, env)
        if shortened:
            note = _truncation_note(len(text), max_chars)
            out += f' <span class="wf-truncated">({escapeHtml(note)})</span>'
        return out
    out = str(md.render(body, env))
    if shortened:
        note = _truncation_note(len(text), max_chars)
        out += f'<p class="wf-truncated">{escapeHtml(note)}</p>\n'
    return out


#: More opening brackets than any real field has links. Above it, brackets are escaped.
MAX_BRACKETS = 200


def _defuse_brackets(text: str) -> str:
    """Escape ``[`` when a field holds very many of them.

    markdown-it-py's link-label scan takes time that grows with the square of the number of
    unclosed ``[`` (20,000 of them take seconds), so a hostile pack could stall rendering. A field
    past :data:`MAX_BRACKETS` keeps its text but loses its links.
    """
    if text.count("[") <= MAX_BRACKETS:
        return text
    return text.replace("\\", "\\\\").replace("[", "\\[")


#: Plain text made safe to put into HTML (an element or a quoted attribute): the one HTML escape.
escape = html_text


def safe_href(url: str | None) -> str | None:
    """A URL from a pack, normalised and escaped for an ``href``, or ``None`` if it may not be a
    link (anything but http, https and mailto)."""
    if not url:
        return None
    md = _parser()
    normalised = md.normalizeLink(url.strip())
    if not is_allowed_url(normalised):
        return None
    return escapeHtml(normalised)


# -- Markdown out -------------------------------------------------------------------------------


class _PermissiveMarkdownIt(MarkdownIt):
    """CommonMark with raw HTML on and every link kept: what the most trusting viewer of a
    Markdown file would make of it, so that :func:`safe_markdown` sees all it might do."""

    def validateLink(self, url: str) -> bool:
        return True


@functools.cache
def _viewer() -> MarkdownIt:
    # Code is read as plain text: whether a field's backticks or indentation make code depends on
    # what is written before it (a backtick left open by another field closes this one's code
    # span; four spaces are code only at the start of a line), so mark-up inside code counts.
    viewer = _PermissiveMarkdownIt("commonmark").enable(["table", "strikethrough"])
    return viewer.disable(["code", "fence", "backticks"])


# In the fallback, a backslash before each of these: ``<`` starts raw HTML and autolinks, ``[``
# starts links, images and link definitions, and ``\`` is doubled so an escape already in the
# text cannot swallow the new one.
_DEFUSE = re.compile(r"([\\<\[])")


# Where raw HTML may begin (a tag, a closing tag, a comment, a declaration, a processing
# instruction), and the one kind of ``<`` that may stay: an autolink to http, https or mailto.
_HTML_START = re.compile(r"<[A-Za-z/!?]")
_ALLOWED_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]*>", re.IGNORECASE)


def _balanced(text: str, opening: str, closing: str) -> bool:
    depth = 0
    for char in text:
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _open_to_neighbours(text: str) -> bool:
    """Whether another field written before or after ``text`` could make something of it that it
    is not alone. Raw HTML may be opened here and closed there, in ways no tag pattern lists
    (``<?`` runs to the next ``?>``); a bracket or parenthesis left open may be closed there into a
    link; a label ending in ``:`` takes the next line as its destination; an image may point at a
    definition in another field. None of this is written by ordinary prose, and escaping it
    changes nothing a reader sees outside code."""
    if "![" in text or _HTML_START.search(_ALLOWED_AUTOLINK.sub("", text)):
        return True
    if not _balanced(text, "[", "]") or ("](" in text and not _balanced(text, "(", ")")):
        return True
    return text.rstrip().endswith(("]:", "<"))


def _live(text: str) -> bool:
    """Whether a viewer would find raw HTML, an image or a link to anything but http, https or
    mailto in ``text``, or could in ``text`` beside what another field writes before or after it
    (a link definition, which any field of the same document may use, counts too)."""
    if _open_to_neighbours(text):
        return True
    env: EnvType = {}
    tokens = _viewer().parse(text, env)
    references = env.get("references", {})
    if any(not is_allowed_url(str(ref.get("href", ""))) for ref in references.values()):
        return True
    for token in tokens:
        if token.type == "html_block":
            return True
        for child in token.children or ():
            if child.type in ("html_inline", "image"):
                return True
            if child.type == "link_open" and not is_allowed_url(str(child.attrGet("href") or "")):
                return True
    return False


@functools.lru_cache(maxsize=2048)
def safe_markdown(text: str) -> str:
    """Pack Markdown made safe to put into a Markdown output (a handbook, a report, a sheet).

    A Markdown file may be opened in a viewer that shows raw HTML and follows any link, so a
    field that holds raw HTML, an image or a link to anything but http, https or mailto, or
    could once another field is written beside it, has its ``<`` and ``[`` escaped: all of it is
    then shown as text, the rest of its Markdown (emphasis, lists) as written; inside code the
    escapes show. Every other field, which is nearly every field, comes back as it was.
    """
    if "<" not in text and "[" not in text:
        return text  # no raw HTML, autolink, link or image can be written without one of these
    if text.count("[") <= MAX_BRACKETS and not _live(text):
        return text
    return _DEFUSE.sub(r"\\\1", text)
