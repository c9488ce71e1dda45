"""One element file: front matter and Markdown body to a theme, checklist, tool, model or
session type.

The front matter is checked key by key (kind, id, unknown keys, ids and references), the body is
outlined and filled in by its kind's builder, and everything goes through the library's strict
converter; each fault is reported at the line of the key or item that holds it. A file that
retires an element of an overlay's base gives a :class:`Retired`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
from markdown_it import MarkdownIt

from ..errors import Fault, Problem
from ..model._ids import ID_RULE, is_id, is_ref
from ..model.content import ELEMENT_KINDS, Element
from . import _prompt_addresses
from ._checks import Index, Loc
from ._frontmatter import TomlFault, key_lines, parse_toml, split_front_matter
from ._kinds import BUILDERS, FileState, front_matter_keys, required_keys
from ._lenient import fault_message, structure_leniently
from ._outline import Outline, outline

__all__ = ["Retired", "read_element"]

_ID_KEYS = ("closing",)
_REF_KEYS = ("theme", "scale")
_REF_LIST_KEYS = ("themes", "addresses")


@attrs.frozen
class Retired:
    """An overlay file that retires an element of the base pack."""

    id: str


def read_element(
    md: MarkdownIt, index: Index, file: str, text: str
) -> tuple[Element | Retired | None, list[Problem]]:
    """Read one element file (text already normalised).

    Returns the element (or the id it retires) and the problems found; the element is None
    whenever there are problems. Ids, aliases and places are recorded in ``index``.
    """
    state = FileState(file, index)
    try:
        split = split_front_matter(text)
        front = parse_toml(split.toml, split.toml_line, "the front matter")
    except TomlFault as fault:
        state.report(fault.line, fault.message)
        return None, state.problems
    state.body_line = split.body_line
    opening = split.toml_line - 1
    all_lines = key_lines(split.toml, split.toml_line)
    lines = {str(key[0]): line for key, line in all_lines.items() if len(key) == 1}
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
    required = required_keys(kind)
    for key in required:
        if key not in front:
            state.report(opening, f"missing key {key!r}: a {kind} needs {', '.join(required)}")
    data: dict[str, Any] = {
        k: v for k, v in front.items() if k in allowed and k not in ("kind", "retired")
    }
    data["id"] = element_id or "invalid-id"
    _check_values(state, data, lines, opening)
    tree = outline(md, split.body)
    title_line = _title(state, tree, data)
    BUILDERS[kind](state, tree, data)
    _prompt_addresses.attach(state, data, all_lines)
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


def _element_id(state: FileState, front: dict[str, Any], line: int) -> str | None:
    value = front.get("id")
    if value is None:
        state.report(line, "missing key 'id': every element needs an id, like id = \"my-theme\"")
        return None
    if not is_id(value):
        state.report(line, f"{value!r} is not a valid id: {ID_RULE}")
        return None
    return str(value)


def _kind(state: FileState, front: dict[str, Any], line: int) -> str | None:
    kinds = ", ".join(ELEMENT_KINDS)
    value = front.get("kind")
    if value is None:
        state.report(line, f"missing key 'kind': expected one of {kinds}")
        return None
    if not isinstance(value, str) or value not in ELEMENT_KINDS:
        import difflib  # only for a misspelt kind: a pack that reads cleanly never needs it

        close = difflib.get_close_matches(str(value), ELEMENT_KINDS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        state.report(line, f"unknown kind {value!r}: expected one of {kinds}{hint}")
        return None
    return str(value)


def _unknown_key(key: str, kind: str, allowed: Sequence[str]) -> str:
    import difflib  # only for an unknown key, as above

    listed = [k for k in allowed if k != "retired"]
    close = difflib.get_close_matches(key, listed, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    if difflib.get_close_matches(key, ["title", "introduction", "sections"], n=1):
        hint = " (the title is the level-one heading of the body, the rest is its Markdown)"
    return f"unknown key {key!r} for a {kind}{hint}: expected one of {', '.join(listed)}"


def _retired(
    state: FileState,
    front: dict[str, Any],
    lines: dict[str, int],
    element_id: str | None,
    opening: int,
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


def _check_values(
    state: FileState, data: dict[str, Any], lines: dict[str, int], opening: int
) -> None:
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
    for key in _REF_LIST_KEYS:
        if isinstance(data.get(key), list):
            refs.extend((key, ref) for ref in data[key])
    for key, value in refs:
        if isinstance(value, str) and not is_ref(value):
            state.report(
                lines.get(key, opening),
                f"{key}: {value!r} is not a valid reference: expected an id or pack-id:element-id "
                f"({ID_RULE})",
            )
    for key in _REF_LIST_KEYS:
        if isinstance(data.get(key), list):
            data[key] = [ref for ref in data[key] if not isinstance(ref, str) or is_ref(ref)]
    for key in _REF_KEYS:
        if isinstance(data.get(key), str) and not is_ref(data[key]):
            data[key] = "invalid-ref"


def _title(state: FileState, tree: Outline, data: dict[str, Any]) -> int:
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


def _locate(state: FileState, fault: Fault, fallback: int) -> tuple[int, str]:
    """A converter fault as a file line (of the key or item nearest its path) and a message."""
    line = fallback
    for end in range(len(fault.path), 0, -1):
        found = state.paths.get(fault.path[:end])
        if found is not None:
            line = found
            break
    return line, fault_message(fault)


def _place(
    state: FileState, element: Element, title_line: int, lines: dict[str, int], *, items: bool
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
