"""Stamping ids: give every item of an identified list that lacks one an id of its own.

An author can write statements, checklist items, prompts, triggers and agenda steps as plain
bullets and let ``wellbeing stamp-ids`` add the ids. Each id is made from the element's id and the
item's words (``ps-raise-worry`` for "I can raise a worry" in ``psychological-safety``), and is
unique in the pack. Nothing else in the file changes: not a space, not a line ending.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import attrs

from ..errors import PackFormatError, Problem
from ..model._ids import is_id
from ..model.content import ELEMENT_KINDS
from ._frontmatter import TomlFault, normalise, parse_toml, split_front_matter
from ._kinds import identified_lists
from ._outline import make_parser, outline

__all__ = ["Stamp", "apply_stamps", "derive_id", "find_missing_ids", "stamp_ids"]

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_WORDS = re.compile(r"[a-z0-9]+")
#: Words that say little about an item, left out of the ids made from it.
_STOP = frozenset(
    " ".join(
        (
            "a an and are as at be been by can could do does for from had has have how i if in",
            "into is it its me my of on or our so than that the their them there they this to",
            "us was we were what when where which who why will with would you your",
        )
    ).split(" ")
)
_MAX_WORDS = 4


@attrs.frozen
class Stamp:
    """An id to add: the 1-based file line of the item, the column to insert at, and the id."""

    line: int
    column: int
    id: str


def derive_id(text: str, prefix: str, taken: Iterable[str]) -> str:
    """An id for an item, made from a prefix and the first telling words of its text.

    Args:
        text: The item's text.
        prefix: Put in front (the element's short name), or "" for none.
        taken: Ids already in use; the result is none of them.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _WORDS.findall(ascii_text.lower())
    telling = [w for w in words if w not in _STOP] or words or ["item"]
    stem = "-".join(filter(None, [prefix, *telling[:_MAX_WORDS]]))
    if not stem[:1].isalpha():
        stem = f"item-{stem}"
    stem = stem[:60].rstrip("-")
    if len(stem) < 2:
        stem = "item"
    used = set(taken)
    candidate, n = stem, 2
    while candidate in used or not is_id(candidate):
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


def _prefix(element_id: str) -> str:
    """A short name for an element: the initials of its words, or the word itself."""
    words = element_id.split("-")
    return "".join(w[0] for w in words) if len(words) > 1 else words[0][:8]


def find_missing_ids(
    text: str, *, taken: set[str] | None = None, file: str = "<text>"
) -> list[Stamp]:
    """The ids :func:`stamp_ids` would add, without changing anything.

    Args:
        text: An element file.
        taken: Ids already used in the pack. The new ids are added to it, so one set can be
            passed for every file of a pack.
        file: The file's name, for messages.

    Raises:
        PackFormatError: The front matter cannot be read, so the kind of element is unknown.
    """
    used = taken if taken is not None else set()
    clean = normalise(text)
    try:
        split = split_front_matter(clean)
        front = parse_toml(split.toml, split.toml_line, "the front matter")
    except TomlFault as fault:
        raise PackFormatError(
            [Problem(file=file, line=fault.line, message=fault.message)]
        ) from None
    kind = front.get("kind")
    if front.get("retired") is True or not isinstance(kind, str) or kind not in ELEMENT_KINDS:
        return []
    element_id = front.get("id")
    prefix = _prefix(element_id) if isinstance(element_id, str) and is_id(element_id) else ""
    tree = outline(make_parser(), split.body)
    stamps: list[Stamp] = []
    for block, _ in identified_lists(kind, tree):
        used.update(split_id[0] for item in block.items if (split_id := item.split_id()))
    for block, _ in identified_lists(kind, tree):
        for item in block.items:
            if item.split_id() is not None or not item.has_paragraph or not item.text:
                continue
            new_id = derive_id(item.text, prefix, used)
            used.add(new_id)
            stamps.append(Stamp(split.body_line + item.line, item.content_column, new_id))
    return stamps


def stamp_ids(text: str, *, taken: set[str] | None = None, file: str = "<text>") -> str:
    """The file with an id added to each item of an identified list that lacks one.

    Only the ids and the space after each are inserted; every other character of the file,
    line endings included, stays as it was.

    Args:
        text: An element file.
        taken: Ids already used in the pack (see :func:`find_missing_ids`).
        file: The file's name, for messages.

    Raises:
        PackFormatError: The front matter cannot be read.
    """
    return apply_stamps(text, find_missing_ids(text, taken=taken, file=file))


def apply_stamps(text: str, stamps: Iterable[Stamp]) -> str:
    """Insert the ids found by :func:`find_missing_ids` into the text they were found in."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = _LINES.findall(text[len(bom) :])
    for stamp in stamps:
        line = lines[stamp.line - 1]
        content = line.rstrip("\r\n")
        ending = line[len(content) :]
        column = stamp.column
        if column >= len(content):
            space = "" if content.endswith(" ") else " "
            lines[stamp.line - 1] = f"{content}{space}`{stamp.id}`{ending}"
        else:
            lines[stamp.line - 1] = f"{content[:column]}`{stamp.id}` {content[column:]}{ending}"
    return bom + "".join(lines)
