"""Strategies for Markdown packs: whole packs that the format can hold, and broken pack files.

:func:`valid_packs` narrows :func:`strategies.content.packs` in two ways, each for a reason:

- **References hold together**, as the reader checks them: a checklist's theme is a theme of the
  pack, its scale a core or pack scale, a tool's themes are themes of the pack, a mapping's
  source is an id of the pack, and no alias is also an id.
- **'I' statements come before 'We' statements**, as their two sections do in a file.
- **Text reads back as itself.** Every text field holds Markdown, and the reader keeps the
  author's own lines. Text that would *be* Markdown structure where it stands cannot come back
  the same: a title ending in ``#`` loses it (a heading's closing sequence), and prose or an item
  starting with ``-``, ``1.``, ``#``, ``>``, ``[x]:`` or ``***`` becomes a list, a heading, a
  quote, a link definition or a rule. Such text is made to start with a letter and not end with
  ``#``. (The writer refuses text like that rather than write something else: see
  ``test_writer.py``.) Section titles are kept clear of the names that mean something.
"""

from __future__ import annotations

import difflib
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from strategies import content
from wellbeing_framework import Pack, structure, unstructure
from wellbeing_framework.model import CORE_SCALES, Section
from wellbeing_framework.packs._kinds import SECTIONS, section_key

#: Keys whose strings are Markdown in a pack's files.
_MARKDOWN_KEYS = frozenset(
    {"title", "text", "introduction", "guidance", "body", "what_good_looks_like", "purpose"}
)


def markdown_safe(text: str) -> str:
    """Text that reads back as itself wherever the format puts it (see the module's doc)."""
    if not text:
        return text
    if not text[0].isalpha():
        text = "x " + text
    if text.endswith("#"):
        text += "x"
    return text


def _safe(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _safe(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_safe(v, key) for v in value]
    if isinstance(value, str) and (key in _MARKDOWN_KEYS or key == "ground_rules"):
        return markdown_safe(value)
    return value


def _reserved(kind: str, title: str) -> bool:
    names = SECTIONS.get(kind, {})
    key = section_key(title)
    return key in names or bool(difflib.get_close_matches(key, list(names), n=1, cutoff=0.8))


@st.composite
def valid_packs(draw: st.DrawFn, *, overlays: bool = True) -> Pack:
    """A pack that reads, validates and round-trips through Markdown (see the module's doc)."""
    pack = draw(content.packs())
    data = _safe(unstructure(pack))
    themes = [t["id"] for t in data["themes"]]
    scales = [*CORE_SCALES, *(s["id"] for s in data["scales"])]
    assume(not set(CORE_SCALES) & {s["id"] for s in data["scales"]})
    if not themes:
        data["checklists"] = []
    for checklist in data["checklists"]:
        checklist["theme"] = draw(st.sampled_from(themes))
        checklist["scale"] = draw(st.sampled_from(scales))
    for theme in data["themes"]:
        # The format holds 'I' and 'We' statements in two sections, 'I' first.
        theme["statements"].sort(key=lambda statement: statement["voice"] != "I")
    for tool in data["tools"]:
        tool["themes"] = draw(st.lists(st.sampled_from(themes), unique=True)) if themes else []
    for kind in ("themes", "checklists", "tools", "session_types"):
        singular = {"themes": "theme", "checklists": "checklist", "tools": "tool"}.get(
            kind, "session-type"
        )
        for element in data[kind]:
            sections = draw(st.lists(content.sections, max_size=2))
            element["sections"] = [
                unstructure(Section(title=markdown_safe(s.title), body=markdown_safe(s.body)))
                for s in sections
                if not _reserved(singular, markdown_safe(s.title))
            ]
    kept = structure(data, Pack)  # without the checklists left out above
    ids = [i for i, element in kept.iter_ids() if element is not None]
    aliases = [a for e in kept.elements for a in e.aliases]
    # Every id counts, scales' too (the reader refuses an alias that is a scale's id).
    every_id = {i for i, _ in kept.iter_ids()}
    assume(not set(aliases) & every_id and len(set(aliases)) == len(aliases))
    for mapping in data["mappings"]:
        mapping["source"] = draw(st.sampled_from(ids)) if ids else mapping["source"]
        if ids and mapping["target"].partition(":")[0] == pack.id:
            # A target in this pack must be one of its ids.
            mapping["target"] = f"{pack.id}:{draw(st.sampled_from(ids))}"
    if not ids:
        data["mappings"] = []
    if overlays and draw(st.booleans()):
        base = draw(content.ids.filter(lambda i: i != pack.id))
        retired = draw(st.lists(content.ids, max_size=2, unique=True))
        assume(not set(retired) & (every_id | set(aliases)))
        data["extends"] = base
        data["retired"] = retired
    return structure(data, Pack)
