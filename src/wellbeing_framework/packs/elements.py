"""Element files: front matter and Markdown body to a theme, checklist, tool, model or session type.

Each kind knows which level-two sections mean something (``I statements``, ``Agenda``...) and
which of its lists are identified lists, whose items start with their id in backticks. The
front-matter keys of a kind are the fields of its model that the body does not give, so the
format follows the model one to one. Values go through the library's strict converter, and each
fault it finds is reported at the line of the key or item that holds it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

import attrs
from markdown_it import MarkdownIt

from ..errors import Problem
from ..model.content import ELEMENT_KINDS, Element, Voice
from ..model.ids import ID_RULE, is_id, is_ref
from .body import ListBlock, Outline, Region, outline
from .checks import Index, Loc
from .frontmatter import (
    TomlFault,
    fault_message,
    fault_path,
    key_lines,
    parse_toml,
    split_front_matter,
)
from .lenient import structure_leniently

__all__ = [
    "KIND_FOLDERS",
    "SECTIONS",
    "Retired",
    "front_matter_keys",
    "identified_lists",
    "read_element",
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

#: The sub-folder the writer puts each kind in.
KIND_FOLDERS = {
    "theme": "themes",
    "checklist": "checklists",
    "tool": "tools",
    "reflective-model": "reflective-models",
    "session-type": "session-types",
}


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


def front_matter_keys(kind: str) -> tuple[str, ...]:
    """The keys an element of this kind may have in its front matter, in the model's order."""
    cls = ELEMENT_KINDS[kind]
    body = _BODY_FIELDS[kind] | _COMMON_BODY
    return ("kind", *(f.name for f in attrs.fields(cls) if f.name not in body), "retired")


_REQUIRED = {"checklist": ("theme", "scope", "scale")}
_ID_KEYS = ("closing",)
_REF_KEYS = ("theme", "scale")


@attrs.frozen
class Retired:
    """An overlay file that retires an element of the base pack."""

    id: str


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


class _File:
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


def read_element(
    md: MarkdownIt, index: Index, file: str, text: str
) -> tuple[Element | Retired | None, list[Problem]]:
    """Read one element file (text already normalised).

    Returns the element (or the id it retires) and the problems found; the element is None
    whenever there are problems. Ids, aliases and places are recorded in ``index``.
    """
    state = _File(file, index)
    try:
        split = split_front_matter(text)
        front = parse_toml(split.toml, split.toml_line, "the front matter")
    except TomlFault as fault:
        state.report(fault.line, fault.message)
        return None, state.problems
    state.body_line = split.body_line
    opening = split.toml_line - 1
    lines = {
        str(key[0]): line
        for key, line in key_lines(split.toml, split.toml_line).items()
        if len(key) == 1
    }
    state.paths.update({(key,): line for key, line in lines.items()})
    element_id = _element_id(state, front, lines.get("id", opening))
    retired = front.get("retired", False)
    if retired is True:
        return _retired(state, front, lines, element_id, opening)
    if retired is not False:
        state.report(lines.get("retired", opening), "retired: expected true or false")
    kind = _kind(state, front, lines.get("kind", opening))
    if kind is None:
        if element_id is not None:
            index.broken[element_id] = None
            index.declared.append((element_id, Loc(file, lines.get("id", opening)), "element"))
        return None, state.problems
    allowed = front_matter_keys(kind)
    for key in front:
        if key not in allowed:
            state.report(lines.get(key, opening), _unknown_key(key, kind, allowed))
    for key in _REQUIRED.get(kind, ()):
        if key not in front:
            state.report(
                opening, f"missing key {key!r}: a {kind} needs {', '.join(_REQUIRED[kind])}"
            )
    data: dict[str, Any] = {
        k: v for k, v in front.items() if k in allowed and k not in ("kind", "retired")
    }
    data["id"] = element_id or "invalid-id"
    _check_values(state, data, lines, opening)
    tree = outline(md, split.body)
    title_line = _title(state, tree, data)
    _BUILDERS[kind](state, tree, data)
    if element_id is not None:
        index.declared.append((element_id, Loc(file, lines.get("id", opening)), kind))
        aliases = data.get("aliases", ())
        if isinstance(aliases, list):
            where = Loc(file, lines.get("aliases", opening))
            index.aliases.extend((a, where, element_id) for a in aliases if isinstance(a, str))
    element, errors = structure_leniently(data, ELEMENT_KINDS[kind])
    for error in errors:
        state.report(*_locate(state, error, opening))
    if element is None:
        if element_id is not None:
            index.broken[element_id] = kind
        return None, state.problems
    # Placed even when the file has problems: the checks across the pack still run on it, but
    # a pack with any problem is never returned. Items are placed only when nothing was set
    # aside, since only then do they match the lines they were read from one to one.
    _place(state, element, title_line, lines, items=not errors)
    return element, state.problems


def _element_id(state: _File, front: dict[str, Any], line: int) -> str | None:
    value = front.get("id")
    if value is None:
        state.report(line, "missing key 'id': every element needs an id, like id = \"my-theme\"")
        return None
    if not is_id(value):
        state.report(line, f"{value!r} is not a valid id: {ID_RULE}")
        return None
    return str(value)


def _kind(state: _File, front: dict[str, Any], line: int) -> str | None:
    kinds = ", ".join(ELEMENT_KINDS)
    value = front.get("kind")
    if value is None:
        state.report(line, f"missing key 'kind': expected one of {kinds}")
        return None
    if not isinstance(value, str) or value not in ELEMENT_KINDS:
        close = difflib.get_close_matches(str(value), ELEMENT_KINDS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        state.report(line, f"unknown kind {value!r}: expected one of {kinds}{hint}")
        return None
    return str(value)


def _unknown_key(key: str, kind: str, allowed: Sequence[str]) -> str:
    listed = [k for k in allowed if k != "retired"]
    close = difflib.get_close_matches(key, listed, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    if difflib.get_close_matches(key, ["title", "introduction", "sections"], n=1):
        hint = " (the title is the level-one heading of the body, the rest is its Markdown)"
    return f"unknown key {key!r} for a {kind}{hint}: expected one of {', '.join(listed)}"


def _retired(
    state: _File, front: dict[str, Any], lines: dict[str, int], element_id: str | None, opening: int
) -> tuple[Retired | None, list[Problem]]:
    for key in front:
        if key not in ("kind", "id", "retired"):
            state.report(
                lines.get(key, opening),
                f"unknown key {key!r} in a retired element: it needs only id and retired = true "
                "(and may keep its kind)",
            )
    if "kind" in front:
        _kind(state, front, lines.get("kind", opening))
    if element_id is None or state.problems:
        return None, state.problems
    loc = Loc(state.file, lines.get("id", opening))
    state.index.retired[element_id] = loc
    state.index.declared.append((element_id, loc, "retired element"))
    return Retired(element_id), state.problems


def _check_values(state: _File, data: dict[str, Any], lines: dict[str, int], opening: int) -> None:
    """Check ids and references here, where every bad one can be reported; the model's own
    validators would stop at the first."""
    aliases = data.get("aliases")
    if isinstance(aliases, list):
        for alias in aliases:
            if isinstance(alias, str) and not is_id(alias):
                state.report(
                    lines.get("aliases", opening), f"alias {alias!r} is not a valid id: {ID_RULE}"
                )
        data["aliases"] = [a for a in aliases if not isinstance(a, str) or is_id(a)]
    for key in _ID_KEYS:
        value = data.get(key)
        if isinstance(value, str) and not is_id(value):
            state.report(lines.get(key, opening), f"{key}: {value!r} is not a valid id: {ID_RULE}")
            data[key] = "invalid-id"
    refs = [(key, data.get(key)) for key in _REF_KEYS]
    themes = data.get("themes")
    if isinstance(themes, list):
        refs.extend(("themes", ref) for ref in themes)
    for key, value in refs:
        if isinstance(value, str) and not is_ref(value):
            state.report(
                lines.get(key, opening),
                f"{key}: {value!r} is not a valid reference: expected an id or pack-id:element-id "
                f"({ID_RULE})",
            )
    if isinstance(themes, list):
        data["themes"] = [ref for ref in themes if not isinstance(ref, str) or is_ref(ref)]
    for key in _REF_KEYS:
        if isinstance(data.get(key), str) and not is_ref(data[key]):
            data[key] = "invalid-ref"


def _title(state: _File, tree: Outline, data: dict[str, Any]) -> int:
    if tree.title is None:
        line = state.line(tree.stray if tree.stray is not None else 0)
        state.report(line, "expected the element's title as a level-one heading, like # My title")
        data["title"] = "untitled"
        title_line = line
    else:
        title_line = state.line(tree.title.line)
        if tree.stray is not None:
            state.report(
                state.line(tree.stray),
                "expected the title (a level-one heading, # Title) before anything else",
            )
        if not tree.title.text.strip():
            state.report(title_line, "expected the element's title after '#'")
        data["title"] = tree.title.text or "untitled"
    for line in tree.extra_titles:
        state.report(
            state.line(line),
            "a second level-one heading: an element has one title; use ## for a section",
        )
    state.paths[("title",)] = title_line
    return title_line


def _items(
    state: _File,
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


def _strict_lists(state: _File, tree: Outline, region: Region, title: str, what: str) -> None:
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


def _sections(state: _File, tree: Outline, data: dict[str, Any], kind: str) -> None:
    """Fill ``data`` from the sections of a theme or a session type."""
    meanings = SECTIONS[kind]
    seen: dict[str, int] = {}
    sections: list[dict[str, str]] = []
    for heading, region in tree.sections:
        key = section_key(heading.text)
        meaning = meanings.get(key)
        line = state.line(heading.line)
        if meaning is None:
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


def _theme(state: _File, tree: Outline, data: dict[str, Any]) -> None:
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


def _session_type(state: _File, tree: Outline, data: dict[str, Any]) -> None:
    _sections(state, tree, data, "session-type")


def _tool(state: _File, tree: Outline, data: dict[str, Any]) -> None:
    data["introduction"] = tree.prose(tree.intro)
    sections: list[dict[str, str]] = []
    for heading, region in tree.sections:
        state.paths[("sections", len(sections))] = state.line(heading.line)
        sections.append({"title": heading.text, "body": tree.prose(region)})
    data["sections"] = sections


def _checklist(state: _File, tree: Outline, data: dict[str, Any]) -> None:
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


def _reflective_model(state: _File, tree: Outline, data: dict[str, Any]) -> None:
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


_BUILDERS = {
    "theme": _theme,
    "checklist": _checklist,
    "tool": _tool,
    "reflective-model": _reflective_model,
    "session-type": _session_type,
}


def _locate(state: _File, fault: str, fallback: int) -> tuple[int, str]:
    """A converter fault (``$.statements[2].id: reason``) as a file line and a message."""
    parts, reason = fault_path(fault)
    line = fallback
    for end in range(len(parts), 0, -1):
        found = state.paths.get(parts[:end])
        if found is not None:
            line = found
            break
    return line, fault_message(parts, reason)


def _place(
    state: _File, element: Element, title_line: int, lines: dict[str, int], *, items: bool
) -> None:
    """Record where the element, its keys and its items are, for the checks across the pack."""
    index = state.index
    keys = {key: Loc(state.file, line) for key, line in lines.items()}
    index.place(element, Loc(state.file, title_line), keys)
    if not items:
        return
    for path, item_lines in state.item_lines.items():
        holder: Any = element
        for part in path:
            holder = holder[part] if isinstance(part, int) else getattr(holder, part)
        for item, line in zip(holder, item_lines, strict=False):
            index.place(item, Loc(state.file, line))
