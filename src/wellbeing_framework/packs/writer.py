"""The Markdown pack writer: a :class:`~wellbeing_framework.Pack` to a folder an author can edit.

One file per element, in a sub-folder by kind (``themes/``, ``checklists/``, ``tools/``,
``reflective-models/``, ``session-types/``), each named with its position and id so that reading
the folder gives the elements back in the same order; ``pack.toml``; and ``mappings.toml`` when
the pack has mappings. An overlay's retirements go in ``retired/``.

Text is written as it is: every text field holds Markdown, and the reader takes the author's
lines as they are. A value that Markdown would read differently (a title ending in ``#``, an item
text spanning lines, a prose paragraph that starts like a heading) cannot be written faithfully.
So before anything is written the writer reads its own output back, and if the pack would not come
back the same it raises :class:`~wellbeing_framework.PackFormatError` naming each such value.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from .._files import write_new_folder
from ..errors import PackFormatError, Problem
from ..model.content import (
    KINDS,
    Checklist,
    Element,
    Pack,
    ReflectiveModel,
    SessionType,
    Theme,
    kind_of,
)
from ..model.convert import unstructure
from . import _prompt_addresses
from ._frontmatter import FENCE
from ._kinds import front_matter_keys
from ._tomlwrite import toml_lines, toml_value
from .reader import read_pack_files

__all__ = ["element_to_markdown", "pack_to_files", "write_pack"]


def write_pack(pack: Pack, folder: str | Path) -> None:
    """Write ``pack`` as a folder of Markdown that reads back as the same pack.

    Args:
        pack: The pack.
        folder: A folder that does not exist yet or is empty.

    Raises:
        PackFormatError: Some value would not read back the same; nothing is written.
        FileError: The folder is not empty, or cannot be written.
    """
    target = Path(folder)
    files = pack_to_files(pack)
    _verify(pack, files)
    write_new_folder(target, files, what="pack")


def pack_to_files(pack: Pack) -> dict[str, str]:
    """The files of a pack folder, by path relative to it, without writing anything."""
    files = {"pack.toml": _pack_toml(pack)}
    for path, element in _element_paths(pack):
        files[path] = element_to_markdown(element)
    width = _width(len(pack.retired))
    for n, element_id in enumerate(pack.retired, start=1):
        files[f"retired/{n:0{width}d}-{element_id}.md"] = "\n".join(
            [FENCE, *toml_lines({"id": element_id, "retired": True}), FENCE, ""]
        )
    if pack.mappings:
        files["mappings.toml"] = _mappings_toml(pack)
    return files


def _width(count: int) -> int:
    return max(2, len(str(count)))


def _element_paths(pack: Pack) -> Iterator[tuple[str, Element]]:
    for kind in KINDS:
        elements = pack.elements_of(kind)
        width = _width(len(elements))
        for n, element in enumerate(elements, start=1):
            yield f"{kind.folder}/{n:0{width}d}-{element.id}.md", element


def element_to_markdown(element: Element) -> str:
    """One element as the text of its file: front matter, title, introduction, sections."""
    data = unstructure(element)
    front = {"kind": element.kind}
    for key in front_matter_keys(element.kind):
        if key in ("kind", "retired") or key not in data:
            continue
        value = data[key]
        if value is None or value == [] or value == _default(element, key):
            continue
        front[key] = value
    out = [FENCE, *toml_lines(front)]
    if addressed := _prompt_addresses.table(element):
        # A table of its own, after the plain keys as TOML requires, one prompt a line.
        out += [f"[{_prompt_addresses.KEY}]", *toml_lines(addressed)]
    out += [FENCE, f"# {element.title}"]
    _prose(out, element.introduction)
    if isinstance(element, Theme):
        _section(out, "What good looks like", element.what_good_looks_like)
        _items(out, "I statements", [(s.id, s.text, s.guidance) for s in element.i_statements])
        _items(out, "We statements", [(s.id, s.text, s.guidance) for s in element.we_statements])
        _items(out, "Reflective prompts", [(p.id, p.text, p.guidance) for p in element.prompts])
    elif isinstance(element, Checklist):
        _items(out, "Items", [(i.id, i.text, i.guidance) for i in element.items])
    elif isinstance(element, ReflectiveModel):
        for stage in element.stages:
            out.append(f"## {stage.title}")
            _prose(out, stage.introduction)
            _list(out, [(p.id, p.text, p.guidance) for p in stage.prompts], ordered=False)
    elif isinstance(element, SessionType):
        _section(out, "Purpose", element.purpose)
        _items(out, "When to convene", [(t.id, t.text, t.guidance) for t in element.triggers])
        _items(out, "Agenda", [(a.id, a.text, a.guidance) for a in element.agenda], ordered=True)
        if element.ground_rules:
            out.append("## Ground rules")
            _bullets(out, element.ground_rules)
        _items(out, "Prompts", [(p.id, p.text, p.guidance) for p in element.prompts])
    for section in element.sections:
        out.append(f"## {section.title}")
        _prose(out, section.body)
    return "\n".join(_spaced(out)) + "\n"


def _default(element: Element, key: str) -> Any:
    for attribute in attrs.fields(type(element)):
        if attribute.name == key:
            return unstructure(attribute.default)
    return None


def _spaced(blocks: list[str]) -> Iterator[str]:
    """The front matter line by line, then each block of the body with one blank line between."""
    fence_seen = 0
    for n, block in enumerate(blocks):
        if fence_seen < 2:
            fence_seen += block == FENCE
            yield block
            continue
        if n and blocks[n - 1] != FENCE:
            yield ""
        yield block


def _prose(out: list[str], text: str) -> None:
    if text:
        out.append(text)


def _section(out: list[str], title: str, body: str) -> None:
    if body:
        out.append(f"## {title}")
        out.append(body)


def _items(
    out: list[str], title: str, items: list[tuple[str, str, str]], *, ordered: bool = False
) -> None:
    if items:
        out.append(f"## {title}")
        _list(out, items, ordered=ordered)


def _list(out: list[str], items: list[tuple[str, str, str]], *, ordered: bool) -> None:
    if not items:
        return
    loose = any(guidance for _, _, guidance in items)
    lines: list[str] = []
    for n, (item_id, text, guidance) in enumerate(items, start=1):
        marker = f"{n}. " if ordered else "- "
        if loose and lines:
            lines.append("")
        lines.append(f"{marker}`{item_id}` {text}")
        if guidance:
            lines.append("")
            lines.extend(_indent(guidance, len(marker)))
    out.append("\n".join(lines))


def _bullets(out: list[str], rules: Sequence[str]) -> None:
    loose = any("\n" in rule for rule in rules)
    lines: list[str] = []
    for rule in rules:
        if loose and lines:
            lines.append("")
        first, *rest = rule.split("\n")
        lines.append(f"- {first}")
        lines.extend(_indent("\n".join(rest), 2) if rest else [])
    out.append("\n".join(lines))


def _indent(text: str, width: int) -> list[str]:
    pad = " " * width
    return [pad + line if line else "" for line in text.split("\n")]


def _pack_toml(pack: Pack) -> str:
    head: dict[str, Any] = {
        "id": pack.id,
        "title": pack.title,
        "version": pack.version,
        "summary": pack.summary,
        "language": pack.language,
    }
    if pack.sectors:
        head["sectors"] = list(pack.sectors)
    if pack.extends is not None:
        head["extends"] = pack.extends
    lines = toml_lines(head)
    for source in pack.sources:
        data = {k: v for k, v in unstructure(source).items() if v is not None}
        if "published" in data:
            data["published"] = source.published
        if "updated" in data:
            data["updated"] = source.updated
        lines += ["", "[[sources]]", *toml_lines(data)]
    for scale in pack.scales:
        lines += [
            "",
            "[[scales]]",
            *toml_lines({"id": scale.id, "title": scale.title}),
            "options = [",
        ]
        for option in scale.options:
            entry: dict[str, Any] = {"value": option.value, "label": option.label}
            if option.score is not None:
                entry["score"] = option.score
            lines.append(f"  {toml_value(entry)},")
        lines.append("]")
    return "\n".join(lines) + "\n"


def _mappings_toml(pack: Pack) -> str:
    lines: list[str] = []
    for mapping in pack.mappings:
        data = {k: v for k, v in unstructure(mapping).items() if v != ""}
        if lines:
            lines.append("")
        lines += ["[[mapping]]", *toml_lines(data)]
    return "\n".join(lines) + "\n"


def _verify(pack: Pack, files: dict[str, str]) -> None:
    """Read the files back; raise if the pack does not come back exactly."""
    try:
        back = read_pack_files(files.items(), check=False)
    except PackFormatError as exc:
        raise PackFormatError(
            [
                Problem(file=p.file, line=p.line, message=f"would not read back: {p.message}")
                for p in exc.problems
            ],
            pack=pack.id,
        ) from None
    if back == pack:
        return
    where: dict[tuple[Any, ...], str] = {}
    counts: dict[str, int] = {}
    for file, element in _element_paths(pack):
        field = kind_of(element).field
        where[(field, counts.get(field, 0))] = file
        counts[field] = counts.get(field, 0) + 1
    problems = []
    for path, ours, theirs in _differences(unstructure(pack), unstructure(back), ()):
        fallback = "mappings.toml" if path[:1] == ("mappings",) else "pack.toml"
        file = where.get(path[:2], fallback)
        name = ".".join(str(p) for p in path[2:] if isinstance(p, str)) or str(path[0])
        problems.append(
            Problem(
                file=file,
                message=f"{name} {ours!r} would read back as {theirs!r}: Markdown cannot hold "
                "it as it is",
            )
        )
    raise PackFormatError(problems, pack=pack.id)


def _differences(
    ours: Any, theirs: Any, path: tuple[Any, ...]
) -> Iterator[tuple[tuple[Any, ...], Any, Any]]:
    if isinstance(ours, dict) and isinstance(theirs, dict):
        for key in ours:
            yield from _differences(ours[key], theirs.get(key), (*path, key))
    elif isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        for n, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            yield from _differences(a, b, (*path, n))
    elif ours != theirs:
        yield path, ours, theirs
