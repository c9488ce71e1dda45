"""The kinds of element: which keys and sections each has, and how a body fills its fields.

Each kind knows which level-two sections mean something (``I statements``, ``Agenda``...) and
which of its lists are identified lists, whose items start with their id in backticks. The
front-matter keys of a kind are the fields of its model that the body does not give, so the
format follows the model one to one. Reading a whole element file is :mod:`._elementfile`'s work.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from ..errors import Problem
from ..model._ids import ID_RULE, is_id
from ..model.content import ELEMENT_KINDS, Voice
from . import _prompt_addresses
from ._checks import Index, Loc
from ._outline import ListBlock, Outline, Region

__all__ = [
    "BUILDERS",
    "SECTIONS",
    "FileState",
    "front_matter_keys",
    "identified_lists",
    "required_keys",
    "section_key",
]

#: The fields of each kind that its body gives, not its front matter.
_BODY_FIELDS: dict[str, frozenset[str]] = {
    "theme": frozenset({"what_good_looks_like", "statements", "prompts"}),
    "checklist": frozenset({"items"}),
    "tool": frozenset(),
    "reflective-model": frozenset({"stages"}),
    "session-type": frozenset({"purpose", "triggers", "agenda", "ground_rules", "prompts"}),
}
_COMMON_BODY = frozenset({"title", "introduction", "sections"})


@attrs.frozen
class _Meaning:
    """What a named section holds: ``prose``, an identified ``list`` or plain ``bullets``."""

    field: str
    holds: str
    title: str
    voice: Voice | None = None


def _meanings(*meanings: _Meaning) -> dict[str, _Meaning]:
    return {m.title.casefold(): m for m in meanings}


#: The level-two sections that mean something, by kind, keyed by :func:`section_key`.
SECTIONS: dict[str, dict[str, _Meaning]] = {
    "theme": _meanings(
        _Meaning("what_good_looks_like", "prose", "What good looks like"),
        _Meaning("statements", "list", "I statements", Voice.I),
        _Meaning("statements", "list", "We statements", Voice.WE),
        _Meaning("prompts", "list", "Reflective prompts"),
    ),
    "session-type": _meanings(
        _Meaning("purpose", "prose", "Purpose"),
        _Meaning("triggers", "list", "When to convene"),
        _Meaning("agenda", "list", "Agenda"),
        _Meaning("ground_rules", "bullets", "Ground rules"),
        _Meaning("prompts", "list", "Prompts"),
    ),
}

#: What the items of each identified list are, for messages.
_WHAT = {
    "statements": "statements",
    "prompts": "prompts",
    "triggers": "reasons to convene",
    "agenda": "agenda steps",
    "items": "items",
}
_QUOTES = re.compile(r"[\"'‘’“”]")
_EXPECTED_ITEM = "expected a list item starting with its id in backticks, like - `my-id` text"


def section_key(title: str) -> str:
    """A heading as it is matched against the names above: case, quotes and spacing ignored,
    so ``'I' Statements`` is ``I statements``."""
    return " ".join(_QUOTES.sub("", title).casefold().split()).rstrip(":")


def required_keys(kind: str) -> tuple[str, ...]:
    """The front-matter keys an element of this kind cannot do without, beyond kind and id."""
    cls = ELEMENT_KINDS[kind]
    body = _BODY_FIELDS[kind] | _COMMON_BODY | {"id"}
    return tuple(
        f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING and f.name not in body
    )


def front_matter_keys(kind: str) -> tuple[str, ...]:
    """The keys an element of this kind may have in its front matter, in the model's order,
    then the table of what its prompts address where it has prompts."""
    cls = ELEMENT_KINDS[kind]
    body = _BODY_FIELDS[kind] | _COMMON_BODY
    keys = (f.name for f in attrs.fields(cls) if f.name not in body)
    tables = (_prompt_addresses.KEY,) if kind in _prompt_addresses.KINDS else ()
    return ("kind", *keys, *tables, "retired")


def identified_lists(kind: str, tree: Outline) -> list[tuple[ListBlock, bool]]:
    """The lists of a body that hold identified items, each with True where every list in its
    region must be identified (a list of statements) and False where only lists that already
    have ids are (a checklist's prose may hold ordinary bullets)."""
    found: list[tuple[ListBlock, bool]] = []
    if kind == "checklist":
        regions = [tree.intro, *(region for _, region in tree.sections)]
        blocks = [block for region in regions for block in region.lists]
        chosen = [b for b in blocks if b.has_ids] or blocks
        found.extend((block, False) for block in chosen)
    elif kind == "reflective-model":
        found.extend((block, True) for _, region in tree.sections for block in region.lists)
    elif kind in SECTIONS:
        meanings = SECTIONS[kind]
        for heading, region in tree.sections:
            meaning = meanings.get(section_key(heading.text))
            if meaning is not None and meaning.holds == "list":
                found.extend((block, True) for block in region.lists)
    return found


class FileState:
    """One element file being read: its problems and where each value came from."""

    def __init__(self, file: str, index: Index) -> None:
        self.file = file
        self.index = index
        self.problems: list[Problem] = []
        self.paths: dict[tuple[str | int, ...], int] = {}
        self.body_line = 1
        #: The file line of each item, by the path of the tuple that holds it.
        self.item_lines: dict[tuple[str | int, ...], list[int]] = {}
        self.pending: dict[tuple[str | int, ...], list[dict[str, Any]]] = {}

    def report(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(file=self.file, line=line, message=message))

    def line(self, body_line: int) -> int:
        """The file line of a 0-based body line."""
        return self.body_line + body_line


def _items(
    state: FileState,
    blocks: Sequence[ListBlock],
    path: tuple[str | int, ...],
    extra: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The identified items of ``blocks`` as data for the converter, each placed by line.

    ``path`` is where the items go in the element (``("prompts",)``, ``("stages", 2,
    "prompts")``). An id repeated within one tuple is left out here: the pack-wide check reports
    every duplicate id, naming both places.
    """
    found = state.item_lines.setdefault(path, [])
    taken = {item["id"] for item in state.pending.get(path, [])}
    out: list[dict[str, Any]] = []
    for block in blocks:
        for item in block.items:
            line = state.line(item.line)
            split = item.split_id()
            if split is None:
                state.report(line, _EXPECTED_ITEM)
                continue
            item_id, text = split
            if not is_id(item_id):
                state.report(line, f"{item_id!r} is not a valid id: {ID_RULE}")
                continue
            state.index.declared.append((item_id, Loc(state.file, line), str(path[-1])))
            if not text:
                state.report(line, f"expected the text of {item_id!r} after its id")
                continue
            if item_id in taken:
                continue
            taken.add(item_id)
            state.paths[(*path, len(found))] = line
            found.append(line)
            out.append({"id": item_id, "text": text, "guidance": item.rest, **(extra or {})})
    state.pending.setdefault(path, []).extend(out)
    return out


def _strict_lists(state: FileState, tree: Outline, region: Region, title: str, what: str) -> None:
    """Report anything but lists in a section that holds only a list."""
    covered = {n for block in region.lists for n in range(block.start, block.end)}
    for number in range(region.start, region.end):
        if number not in covered and tree.lines[number].strip(" \t"):
            state.report(
                state.line(number),
                f"only a list of {what} belongs under '{title}': move this text to the "
                "introduction or to a section of its own",
            )
            return


def _sections(state: FileState, tree: Outline, data: dict[str, Any], kind: str) -> None:
    """Fill ``data`` from the sections of a theme or a session type."""
    meanings = SECTIONS[kind]
    seen: dict[str, int] = {}
    sections: list[dict[str, str]] = []
    for heading, region in tree.sections:
        key = section_key(heading.text)
        meaning = meanings.get(key)
        line = state.line(heading.line)
        if meaning is None:
            import difflib  # only for a section of no special meaning: many bodies have none

            close = difflib.get_close_matches(key, list(meanings), n=1, cutoff=0.8)
            if close:
                state.report(
                    line,
                    f"section '{heading.text}' is not one a {kind} knows: did you mean "
                    f"'{meanings[close[0]].title}'? (other sections are kept as prose)",
                )
            state.paths[("sections", len(sections))] = line
            sections.append({"title": heading.text, "body": tree.prose(region)})
            continue
        if key in seen:
            state.report(
                line,
                f"a second '{meaning.title}' section (the first is at line {seen[key]}): "
                "keep them in one",
            )
            continue
        seen[key] = line
        if meaning.holds == "prose":
            state.paths[(meaning.field,)] = line
            data[meaning.field] = tree.prose(region)
        elif meaning.holds == "list":
            _strict_lists(state, tree, region, meaning.title, _WHAT[meaning.field])
            extra = {"voice": meaning.voice.value} if meaning.voice is not None else None
            data.setdefault(meaning.field, []).extend(
                _items(state, region.lists, (meaning.field,), extra)
            )
        else:
            _strict_lists(state, tree, region, meaning.title, "rules")
            data[meaning.field] = [
                _bullet(item.text, item.rest) for b in region.lists for item in b.items
            ]
    data["introduction"] = tree.prose(tree.intro)
    data["sections"] = sections


def _bullet(text: str, rest: str) -> str:
    return f"{text}\n\n{rest}" if text and rest else text or rest


def _theme(state: FileState, tree: Outline, data: dict[str, Any]) -> None:
    _sections(state, tree, data, "theme")
    # 'I' statements come before 'We' statements, whichever section the author put first, so
    # a theme means the same however its sections are ordered.
    lines = state.item_lines.get(("statements",), [])
    pairs = sorted(
        zip(data.get("statements", []), lines, strict=False), key=lambda p: p[0]["voice"] != "I"
    )
    data["statements"] = [statement for statement, _ in pairs]
    state.item_lines[("statements",)] = [line for _, line in pairs]
    for n, (_, line) in enumerate(pairs):
        state.paths[("statements", n)] = line


def _session_type(state: FileState, tree: Outline, data: dict[str, Any]) -> None:
    _sections(state, tree, data, "session-type")


def _tool(state: FileState, tree: Outline, data: dict[str, Any]) -> None:
    data["introduction"] = tree.prose(tree.intro)
    sections: list[dict[str, str]] = []
    for heading, region in tree.sections:
        state.paths[("sections", len(sections))] = state.line(heading.line)
        sections.append({"title": heading.text, "body": tree.prose(region)})
    data["sections"] = sections


def _checklist(state: FileState, tree: Outline, data: dict[str, Any]) -> None:
    chosen = [block for block, _ in identified_lists("checklist", tree) if block.has_ids]
    data["introduction"] = tree.prose(tree.intro, without=chosen)
    sections: list[dict[str, str]] = []
    for heading, region in tree.sections:
        body = tree.prose(region, without=chosen)
        if body or not any(block in chosen for block in region.lists):
            state.paths[("sections", len(sections))] = state.line(heading.line)
            sections.append({"title": heading.text, "body": body})
    data["sections"] = sections
    data["items"] = _items(state, chosen, ("items",))


def _reflective_model(state: FileState, tree: Outline, data: dict[str, Any]) -> None:
    data["introduction"] = tree.prose(tree.intro)
    stages: list[dict[str, Any]] = []
    for heading, region in tree.sections:
        position = len(stages)
        state.paths[("stages", position)] = state.line(heading.line)
        stages.append(
            {
                "title": heading.text,
                "introduction": tree.prose(region, without=region.lists),
                "prompts": _items(state, region.lists, ("stages", position, "prompts")),
            }
        )
    data["stages"] = stages
    data["sections"] = []


#: Fills the data for the converter from a body, by kind.
BUILDERS = {
    "theme": _theme,
    "checklist": _checklist,
    "tool": _tool,
    "reflective-model": _reflective_model,
    "session-type": _session_type,
}
