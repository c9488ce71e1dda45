"""The Markdown body of an element file, as an outline with line numbers.

markdown-it-py finds the structure (the level-one title, the level-two sections, the lists and
their items) and its token maps say which lines each part covers. The text itself is always
taken from the author's own lines, not rebuilt from tokens, so prose keeps every link, emphasis
and reference definition exactly as written, and a pack written back to Markdown reads the same.

Only top-level tokens are looked at, once each: the outline costs little beyond the parse itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs
from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = [
    "Heading",
    "Item",
    "ListBlock",
    "Outline",
    "Region",
    "make_parser",
    "outline",
    "parse_item_id",
]

#: A list marker at the start of a list item's first line: bullet or number.
_MARKER = re.compile(r"[ ]{0,3}(?:[-+*]|\d{1,9}[.)])")
#: An id in backticks at the very start of an item's text, and the space after it.
_ID_SPAN = re.compile(r"(`+)[ ]?([^`]*?)[ ]?\1(?!`)\s*")
#: What an author clearly meant as an id, even if it breaks the rules (so it is reported).
_ID_LIKE = re.compile(r"[A-Za-z0-9_.-]+")


def make_parser() -> MarkdownIt:
    """The parser for element bodies: CommonMark, the structure every editor previews.

    Only the block structure is needed here (headings, lists, paragraphs, with their lines);
    the text is taken from the author's lines. So inline parsing (emphasis, links...) is left
    off, which saves close to half the work; rendering parses inline Markdown itself.
    """
    return MarkdownIt("commonmark").disable("inline")


@attrs.frozen
class Heading:
    """A level-one or level-two heading: its text and its 0-based body line."""

    text: str
    line: int
    end: int


@attrs.frozen
class Item:
    """One item of a top-level list.

    Attributes:
        line: The 0-based body line the item starts on.
        text: Its first paragraph, lines joined by single spaces ("" if it has none).
        rest: Everything after the first paragraph, dedented under the marker, as written.
        content_column: The index in its first line where the item's text starts (where an id
            is inserted).
        has_paragraph: True when the item starts with a paragraph on its first line.
    """

    line: int
    text: str
    rest: str
    content_column: int
    has_paragraph: bool

    def split_id(self) -> tuple[str, str] | None:
        """The id in backticks at the start of the text and the text after it, if any."""
        return parse_item_id(self.text)


def parse_item_id(text: str) -> tuple[str, str] | None:
    """``("my-id", "the text")`` for text that starts with an id-like word in backticks."""
    match = _ID_SPAN.match(text)
    if match is None or _ID_LIKE.fullmatch(match.group(2)) is None:
        return None
    return match.group(2), text[match.end() :]


@attrs.frozen
class ListBlock:
    """A top-level list: the lines it covers and its items."""

    start: int
    end: int
    ordered: bool
    items: tuple[Item, ...]

    @property
    def has_ids(self) -> bool:
        """True when any item starts with an id in backticks: an identified list."""
        return any(item.split_id() is not None for item in self.items)


@attrs.frozen
class Region:
    """The lines under a heading (or before the first section), and the lists among them."""

    start: int
    end: int
    lists: tuple[ListBlock, ...]


@attrs.frozen
class Outline:
    """An element body: its title, the region before the first section, and the sections.

    Attributes:
        lines: The body's lines.
        title: The level-one heading, if there is one.
        stray: 0-based lines of content that came before the title.
        extra_titles: 0-based lines of any further level-one headings.
        intro: The region between the title and the first section.
        sections: Each level-two heading with the region under it.
    """

    lines: Sequence[str]
    title: Heading | None
    stray: int | None
    extra_titles: tuple[int, ...]
    intro: Region
    sections: tuple[tuple[Heading, Region], ...]

    def prose(self, region: Region, *, without: Sequence[ListBlock] = ()) -> str:
        """The author's text of a region, less the given lists, with blank edges trimmed.

        Where a list is taken out from the middle, what was before and after it are joined by
        one blank line.
        """
        parts: list[str] = []
        start = region.start
        inside = (b for b in without if region.start <= b.start < region.end)
        for block in sorted(inside, key=lambda b: b.start):
            parts.append(_trim(self.lines[start : block.start]))
            start = block.end
        parts.append(_trim(self.lines[start : region.end]))
        return "\n\n".join(part for part in parts if part)


def _trim(lines: Sequence[str]) -> str:
    """Lines joined, less blank lines at either end (as markdown-it sees blank: spaces, tabs)."""
    first, last = 0, len(lines)
    while first < last and not lines[first].strip(" \t"):
        first += 1
    while last > first and not lines[last - 1].strip(" \t"):
        last -= 1
    return "\n".join(lines[first:last])


def _dedent(line: str, columns: int) -> str:
    """Remove up to ``columns`` columns of leading white space (a tab moves to the next stop)."""
    column = 0
    index = 0
    while index < len(line) and column < columns:
        char = line[index]
        if char == " ":
            column += 1
        elif char == "\t":
            column = (column // 4 + 1) * 4
        else:
            break
        index += 1
    return " " * max(0, column - columns) + line[index:]


def _content_column(first_line: str) -> tuple[int, int, int]:
    """Where a list item's marker ends, the column its content is indented to, and the index
    of the first character of its text on the first line."""
    match = _MARKER.match(first_line)
    marker_end = match.end() if match is not None else 0
    raw = first_line[marker_end:]
    text_at = marker_end + len(raw) - len(raw.lstrip(" \t"))
    after = raw.expandtabs(4)
    spaces = len(after) - len(after.lstrip(" "))
    if spaces == len(after) or spaces > 4:
        # An empty first line, or indented code after the marker: content sits one past it.
        return marker_end, marker_end + 1, text_at
    return marker_end, marker_end + spaces, text_at


def _item(lines: Sequence[str], tokens: Sequence[Token], index: int, end: int) -> Item:
    """Build the item whose ``list_item_open`` token is ``tokens[index]``."""
    start, stop = tokens[index].map or (0, 0)
    first = lines[start] if start < len(lines) else ""
    marker_end, indent, text_at = _content_column(first)
    content = [_dedent(" " * marker_end + first[marker_end:], indent)]
    content.extend(_dedent(line, indent) for line in lines[start + 1 : stop])
    following = tokens[index + 1] if index + 1 < end else None
    if (
        following is not None
        and following.type == "paragraph_open"
        and following.map is not None
        and following.map[0] == start
    ):
        inline = tokens[index + 2]
        text = " ".join(part.strip() for part in inline.content.split("\n"))
        rest = _trim(content[following.map[1] - start :])
        return Item(start, text, rest, text_at, True)
    return Item(start, "", _trim(content), text_at, False)


def _list(lines: Sequence[str], tokens: Sequence[Token], index: int) -> tuple[ListBlock, int]:
    """Build the list opened at ``tokens[index]``; return it and the index after its close."""
    opening = tokens[index]
    close = opening.type.replace("_open", "_close")
    level = opening.level
    items_at: list[int] = []
    cursor = index + 1
    while cursor < len(tokens):
        token = tokens[cursor]
        if token.level == level and token.type == close:
            break
        if token.level == level + 1 and token.type == "list_item_open":
            items_at.append(cursor)
        cursor += 1
    items = tuple(_item(lines, tokens, at, cursor) for at in items_at)
    start, stop = opening.map or (0, 0)
    return ListBlock(start, stop, opening.type == "ordered_list_open", items), cursor + 1


def outline(md: MarkdownIt, body: str) -> Outline:
    """Parse an element body (already normalised) into its outline."""
    lines = body.split("\n")
    tokens = md.parse(body)
    title: Heading | None = None
    stray: int | None = None
    extra_titles: list[int] = []
    headings: list[Heading] = []
    lists: list[ListBlock] = []
    index = 0
    count = len(tokens)
    while index < count:
        token = tokens[index]
        if token.level != 0 or token.nesting == -1 or token.map is None:
            index += 1
            continue
        kind = token.type
        if kind == "heading_open" and token.tag in ("h1", "h2"):
            heading = Heading(tokens[index + 1].content, token.map[0], token.map[1])
            if token.tag == "h2":
                headings.append(heading)
            elif title is None and not headings:
                title = heading
            else:
                extra_titles.append(heading.line)
            index += 3
            continue
        if title is None and not headings and stray is None:
            stray = token.map[0]
        if kind in ("bullet_list_open", "ordered_list_open"):
            block, index = _list(lines, tokens, index)
            lists.append(block)
            continue
        index += 1
    intro_start = title.end if title is not None else 0
    bounds = [h.line for h in headings] + [len(lines)]
    intro = _region(intro_start, bounds[0], lists)
    sections = tuple(
        (heading, _region(heading.end, bounds[n + 1], lists)) for n, heading in enumerate(headings)
    )
    return Outline(lines, title, stray, tuple(extra_titles), intro, sections)


def _region(start: int, end: int, lists: Sequence[ListBlock]) -> Region:
    return Region(start, end, tuple(b for b in lists if start <= b.start < end))
