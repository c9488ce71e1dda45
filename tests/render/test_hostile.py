"""A pack from a stranger: hostile text in every field, and nothing of it survives as mark-up.

The corpus is in ``fixtures/hostile.md``, one case per block between lines of ``=====``. Each
case goes into every text field of a pack at once (titles, statements, guidance, scale labels,
source titles and addresses, section bodies...), the pack is rendered, and the page is audited.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path

import attrs
import pytest

from wellbeing_framework import (
    Catalog,
    Checklist,
    ChecklistItem,
    Pack,
    Prompt,
    ReflectiveModel,
    ResponseScale,
    SessionType,
    Statement,
    Theme,
    Tool,
)
from wellbeing_framework.model import (
    AgendaStep,
    Cadence,
    Mapping,
    Relation,
    ScaleOption,
    Scope,
    Section,
    Source,
    Stage,
    ToolUse,
    Trigger,
    Voice,
    content,
)
from wellbeing_framework.render import (
    element_to_html,
    element_to_markdown,
    pack_to_html,
    pack_to_markdown,
    render_html,
)
from wellbeing_framework.render.handbook import pack_overview_markdown

Audit = Callable[..., list[str]]

_CASES = (Path(__file__).parent / "fixtures" / "hostile.md").read_text(encoding="utf-8")
HOSTILE = [case.strip("\n") for case in _CASES.split("\n=====\n") if case.strip()]
# Just over the cap of 20,000 characters a field.
LONG = [
    "<script>alert(1)</script>" * 1_000,
    "[x](javascript:alert(1)) ![p](https://tracker.example/p.gif) " * 400,
    "a" * 30_000,
]

# Fields that hold ids or references, which the model checks, not free text.
_ID_FIELDS = {
    "id",
    "aliases",
    "theme",
    "scale",
    "themes",
    "addresses",
    "closing",
    "extends",
    "retired",
}
_ID_FIELDS |= {"source", "target"}  # a mapping's ends


def hostile_pack(text: str) -> Pack:
    """A pack with ``text`` in every text field, and in every address."""
    scale = ResponseScale(
        id="own-scale",
        title=text,
        options=(
            ScaleOption(value=text, label=text, score=1),
            ScaleOption(value=text + " ", label=text),
        ),
    )

    def sections() -> tuple[Section, ...]:
        return (Section(title=text, body=text),)

    common = {"title": text, "introduction": text, "sections": sections()}
    theme = Theme(
        id="theme-one",
        **common,
        what_good_looks_like=text,
        statements=(
            Statement(id="st-i", voice=Voice.I, text=text, guidance=text),
            Statement(id="st-we", voice=Voice.WE, text=text, guidance=text),
        ),
        prompts=(Prompt(id="th-prompt", text=text, guidance=text),),
    )
    checklists = tuple(
        Checklist(
            id=f"checklist-{n}",
            **common,
            theme="theme-one",
            scope=scope,
            scale=scale_id,
            items=(ChecklistItem(id=f"item-{n}", text=text, guidance=text),),
        )
        for n, (scope, scale_id) in enumerate(
            [(Scope.INDIVIDUAL, "own-scale"), (Scope.TEAM, "yes-partly-no")]
        )
    )
    tool = Tool(id="tool-one", **common, themes=("theme-one",), uses=(ToolUse.INCIDENT,))
    model = ReflectiveModel(
        id="model-one",
        **common,
        stages=(
            Stage(
                title=text,
                introduction=text,
                prompts=(Prompt(id="model-prompt", text=text, guidance=text),),
            ),
        ),
    )
    session = SessionType(
        id="session-one",
        **common,
        cadence=Cadence.MONTHLY,
        max_participants=8,
        closing="step-last",
        purpose=text,
        triggers=(Trigger(id="trigger-one", text=text, guidance=text),),
        agenda=(
            AgendaStep(id="step-first", text=text, guidance=text),
            AgendaStep(id="step-last", text=text, guidance=text),
        ),
        ground_rules=(text,),
        prompts=(Prompt(id="session-prompt", text=text, guidance=text),),
    )
    return Pack(
        id="hostile-pack",
        title=text,
        version=text,
        summary=text,
        language=text,
        sectors=(text,),
        sources=(
            Source(title=text, publisher=text, url=text, licence=text),
            Source(title=text, publisher=text, url="javascript:alert(1)"),
            Source(title=text, publisher=text, url='https://ok.example/"onclick="alert(1)'),
        ),
        scales=(scale,),
        themes=(theme,),
        checklists=checklists,
        tools=(tool,),
        reflective_models=(model,),
        session_types=(session,),
        mappings=(
            Mapping(
                source="item-0", target="other-pack:thing", relation=Relation.SUPPORTS, note=text
            ),
            Mapping(
                source="st-i", target="hostile-pack:st-we", relation=Relation.EQUIVALENT, note=text
            ),
        ),
    )


def _text_fields(obj: object, path: str = "$") -> Iterator[tuple[str, object]]:
    """Every free-text field in a model, with its path."""
    if isinstance(obj, tuple):
        for n, value in enumerate(obj):
            yield from _text_fields(value, f"{path}[{n}]")
        return
    if not attrs.has(type(obj)):
        return
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        strings = (value,) if isinstance(value, str) else value
        if isinstance(strings, tuple) and strings and isinstance(strings[0], str):
            if field.name in _ID_FIELDS or isinstance(strings[0], Enum):
                continue
            for n, item in enumerate(strings):
                at = (
                    f"{path}.{field.name}"
                    if isinstance(value, str)
                    else f"{path}.{field.name}[{n}]"
                )
                yield at, item
        else:
            yield from _text_fields(value, f"{path}.{field.name}")


def test_the_hostile_pack_really_has_the_text_in_every_field() -> None:
    text = "<b>x</b>"
    fields = dict(_text_fields(hostile_pack(text)))
    urls = {path for path in fields if path.endswith(".url")}
    assert {path for path, value in fields.items() if value.strip() != text} == urls - {
        "$.sources[0].url"
    }
    # Every text field of every content model appears at least once: a new field on a model
    # fails here until this pack fills it.
    model_fields = {
        field.name
        for cls in vars(content).values()
        # Kind is the table of the kinds' names, not content a pack fills in; the validators'
        # SchemaRule is imported into the module, not defined there.
        if isinstance(cls, type)
        and attrs.has(cls)
        and cls.__module__ == content.__name__
        and cls is not content.Kind
        for field in attrs.fields(cls)
        if re.search(r"\bstr\b", str(field.type)) and field.name not in _ID_FIELDS
    }
    assert model_fields
    assert {path.rsplit(".", 1)[1].split("[")[0] for path in fields} >= model_fields


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:40]))
def test_nothing_hostile_survives_in_the_handbook(audit_html: Audit, text: str) -> None:
    pack = hostile_pack(text)
    page = pack_to_html(pack, catalog=Catalog([pack]))
    assert audit_html(page) == []
    assert audit_html(pack_to_html(pack)) == []
    # The Markdown handbook is safe to render again, as one long field.
    assert audit_html(render_html(pack_to_markdown(pack), max_chars=10_000_000), page=False) == []
    assert audit_html(render_html(pack_overview_markdown(pack)), page=False) == []


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:40]))
def test_nothing_hostile_survives_in_a_single_element(audit_html: Audit, text: str) -> None:
    pack = hostile_pack(text)
    for element in pack.elements:
        assert audit_html(element_to_html(element, pack)) == [], element.id
        markdown = element_to_markdown(element, pack, ids=True)
        assert audit_html(render_html(markdown, max_chars=1_000_000), page=False) == []


@pytest.mark.parametrize("text", LONG, ids=lambda t: repr(t[:40]))
def test_long_fields_are_capped_and_safe(audit_html: Audit, text: str) -> None:
    pack = hostile_pack(text)
    page = pack_to_html(pack)
    assert audit_html(page) == []
    # About as long as the same pack with every field cut to the cap (the notes add a little),
    # and well short of the whole text, which is at least a quarter longer.
    capped = pack_to_html(hostile_pack(text[:20_000]))
    assert len(page) < len(capped) * 1.1
    assert "Shortened: this text is" in page
    assert "Shortened: the full text is" in pack_to_markdown(pack)


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:40]))
def test_the_markdown_handbook_is_inert_in_a_viewer_that_shows_raw_html(
    audit_html: Audit, text: str
) -> None:
    # A Markdown file may be opened anywhere: a Git host, an editor preview, an email. Rendered
    # with raw HTML on and every link kept, nothing hostile may come alive.
    from markdown_it import MarkdownIt

    class Trusting(MarkdownIt):
        def validateLink(self, url: str) -> bool:
            return True

    viewer = Trusting("commonmark").enable(["table", "strikethrough"])
    pack = hostile_pack(text)
    for markdown in (
        pack_to_markdown(pack),
        pack_overview_markdown(pack),
        *(element_to_markdown(e, pack, ids=True) for e in pack.elements),
    ):
        assert audit_html(viewer.render(markdown), page=False) == []
