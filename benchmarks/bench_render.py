"""Rendering pack text safely against bare markdown-it-py ``js-default`` on the same text.

The library's :func:`render_html` adds a link policy, an image rule, a heading offset and a size
cap to markdown-it-py's ``js-default`` preset. This measures what those cost on many fields of
the sizes a pack holds: short items rendered inline, and paragraphs of guidance with emphasis,
lists and a few links, rendered as blocks.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from markdown_it import MarkdownIt
from run import Line, Measure, interleaved, ratios

from wellbeing_framework.render.markdown import render_html

# Words of the kind pack text uses, to build sentences from.
_VOCABULARY = """
staff team support supervision reflect safe speak listen manager time space learning incident
wellbeing plan agree review notice pressure care colleague protected regular open honest feedback
action trust workload rest break shift service people together
"""
_WORDS = tuple(_VOCABULARY.split())


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 18))]
    if rng.random() < 0.2:
        words[rng.randrange(len(words))] = f"**{rng.choice(_WORDS)}**"
    if rng.random() < 0.1:
        words[rng.randrange(len(words))] = f"[guide](https://example.org/{rng.choice(_WORDS)})"
    if rng.random() < 0.03:
        words[rng.randrange(len(words))] = "[bad](javascript:alert(1))"
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    text = " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))
    if rng.random() < 0.25:
        text += "\n\n" + "\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(2, 5)))
    return text


def fields(count: int, *, seed: int = 7) -> tuple[list[str], list[str]]:
    """Item texts (one line each) and prose fields (one to three paragraphs each)."""
    rng = random.Random(seed)
    items = [_sentence(rng) for _ in range(count)]
    prose = ["\n\n".join(_paragraph(rng) for _ in range(rng.randint(1, 3))) for _ in range(count)]
    return items, prose


def _render(quick: bool) -> Iterator[Line]:
    items, prose = fields(300 if quick else 2_000)
    bare = MarkdownIt("js-default")

    def reference() -> None:
        for text in items:
            bare.renderInline(text)
        for text in prose:
            bare.render(text)

    def library() -> None:
        for text in items:
            render_html(text, inline=True)
        for text in prose:
            render_html(text)

    library()  # build the shared parser before timing, as any real use has done already
    lib, ref = interleaved([library, reference], 3 if quick else 7)
    yield Line(
        "render-html",
        ratios(lib, ref),
        1.2,
        "render_html() / bare markdown-it-py js-default on the same fields",
    )


def measures(quick: bool) -> Iterator[Measure]:
    yield Measure("render-html", lambda: _render(quick))
