"""Reading and validating a Markdown pack against markdown-it-py alone parsing the same files.

A pack of 500 elements (themes, checklists, tools, reflective models and session types, each of a
realistic size) is written to a temporary folder. The library reads it from disk, builds every
element and runs every check (``validate_pack``); the reference is ``MarkdownIt("commonmark")``
parsing the text of each file, already in memory. Target: within 2x.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

from markdown_it import MarkdownIt
from run import Line, Measure, interleaved, ratios

from wellbeing_framework import Catalog
from wellbeing_framework.packs.validate import validate_pack

PACK_TOML = """\
id = "bench"
title = "A pack to measure"
version = "1.0.0"
summary = "Generated for the benchmark."

[[sources]]
title = "The benchmark"
publisher = "wellbeing_framework"
"""

PROSE = (
    "Work in a busy service is easier to sustain when people can stop, think and talk about it.\n"
    "This paragraph stands for the prose an author writes, with *emphasis*, a [link]"
    "(https://example.org) and a second line.\n"
)


def _theme(n: int) -> str:
    def items(prefix: str, count: int) -> str:
        return "\n".join(
            f"- `t{n}-{prefix}-{i}` I can talk about item {i} of theme {n} with my team.\n\n"
            f"  Guidance for item {i}: an example to think of.\n"
            for i in range(count)
        )

    return (
        f'+++\nkind = "theme"\nid = "theme-{n}"\norder = {n}\n+++\n# Theme {n}\n\n{PROSE}\n'
        f"## What good looks like\n\n{PROSE}\n## I statements\n\n{items('i', 5)}\n"
        f"## We statements\n\n{items('we', 5)}\n## Reflective prompts\n\n{items('p', 4)}"
    )


def _checklist(n: int, theme: int) -> str:
    items = "\n".join(
        f"- `c{n}-item-{i}` An item to assess, number {i}.\n\n  What evidence would show it.\n"
        for i in range(8)
    )
    return (
        f'+++\nkind = "checklist"\nid = "checklist-{n}"\ntheme = "theme-{theme}"\n'
        f'scope = "team"\nscale = "agree-5"\n+++\n# Checklist {n}\n\n{PROSE}\n## Items\n\n{items}'
    )


def _tool(n: int, theme: int) -> str:
    steps = "\n".join(f"{i}. A step of the tool, number {i}." for i in range(1, 7))
    return (
        f'+++\nkind = "tool"\nid = "tool-{n}"\nthemes = ["theme-{theme}"]\nuses = ["team"]\n+++\n'
        f"# Tool {n}\n\n{PROSE}\n## How to use it\n\n{steps}\n\n## Why\n\n{PROSE}"
    )


def _model(n: int) -> str:
    stages = "\n".join(
        f"## Stage {s}\n\n{PROSE}\n"
        + "\n".join(f"- `m{n}-s{s}-{i}` A question for stage {s}?" for i in range(3))
        + "\n"
        for s in range(4)
    )
    head = f'+++\nkind = "reflective-model"\nid = "model-{n}"\n+++\n'
    return f"{head}# Model {n}\n\n{PROSE}\n{stages}"


def _session(n: int) -> str:
    agenda = "\n".join(f"{i + 1}. `s{n}-step-{i}` Step {i}.\n" for i in range(5))
    return (
        f'+++\nkind = "session-type"\nid = "session-{n}"\ncadence = "monthly"\n'
        f'max_participants = 8\nclosing = "s{n}-step-4"\n+++\n# Session {n}\n\n{PROSE}\n'
        f"## Purpose\n\n{PROSE}\n## When to convene\n\n- `s{n}-when` Every month.\n\n"
        f"## Agenda\n\n{agenda}\n## Ground rules\n\n- What is said here stays here.\n"
        f"- We listen.\n\n## Prompts\n\n- `s{n}-prompt` What affected you?\n"
    )


def generate(folder: Path, elements: int) -> list[str]:
    """Write a pack of ``elements`` elements; return the text of each element file."""
    (folder / "pack.toml").write_text(PACK_TOML, encoding="utf-8")
    texts = []
    themes = max(1, elements // 5)
    for n in range(elements):
        kind = n % 5
        theme = n // 5 % themes
        text = [_theme, _checklist, _tool, _model, _session][kind](
            *((n // 5,) if kind in (0, 3, 4) else (n, theme))
        )
        path = folder / ("themes", "checklists", "tools", "models", "sessions")[kind] / f"{n}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def _pack_load(rounds: int) -> Iterator[Line]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, 500)
        files = sorted(folder.glob("*/*.md"))
        catalog = Catalog([])
        assert validate_pack(folder, catalog) == (), "the generated pack is sound"
        md = MarkdownIt("commonmark").disable("inline")

        def reference() -> None:
            for path in files:
                md.parse(path.read_text(encoding="utf-8"))

        lib, ref = interleaved([lambda: validate_pack(folder, catalog), reference], rounds)
    yield Line(
        "pack-load-500",
        ratios(lib, ref),
        2.0,
        "validate_pack() / reading and block-parsing the same 500 files",
    )


def measures(quick: bool) -> Iterator[Measure]:
    yield Measure("pack-load-500", lambda: _pack_load(3 if quick else 7))
