"""Strategies for the content models: valid ids, elements and whole packs."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

from wellbeing_framework import (
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
    CadenceStep,
    Facilitation,
    Mapping,
    Mode,
    Relation,
    ScaleOption,
    Scope,
    Section,
    Source,
    Stage,
    ToolUse,
    Trigger,
    Voice,
)

_word = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=6)

#: Well-formed ids: a letter, then words joined by single hyphens.
ids = st.builds(
    lambda first, rest: "-".join([first, *rest])[:64].rstrip("-"),
    st.text(string.ascii_lowercase, min_size=2, max_size=6),
    st.lists(_word, max_size=3),
)

#: Text a person might write on one line: no leading or trailing space, never empty.
line_text = (
    st.text(
        st.characters(
            codec="utf-8", categories=("L", "N", "P", "Zs"), exclude_characters="\r\n`\\"
        ),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)

#: Short prose (used for guidance and introductions).
prose = st.one_of(st.just(""), line_text)


def _unique(
    strategy: st.SearchStrategy, *, min_size: int = 0, max_size: int = 4
) -> st.SearchStrategy:
    return st.lists(strategy, min_size=min_size, max_size=max_size, unique_by=lambda x: x.id).map(
        tuple
    )


statements = st.builds(
    Statement, id=ids, voice=st.sampled_from(Voice), text=line_text, guidance=prose
)
prompts = st.builds(Prompt, id=ids, text=line_text, guidance=prose)
items = st.builds(ChecklistItem, id=ids, text=line_text, guidance=prose)
triggers = st.builds(Trigger, id=ids, text=line_text, guidance=prose)
agenda_steps = st.builds(AgendaStep, id=ids, text=line_text, guidance=prose)
sections = st.builds(Section, title=line_text, body=prose)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
sources = st.builds(
    Source,
    title=line_text,
    publisher=line_text,
    url=st.none() | st.just("https://example.org/framework"),
    published=st.none() | dates,
    updated=st.none() | dates,
    licence=st.none() | line_text,
)
scale_options = st.builds(
    ScaleOption,
    value=ids,
    label=line_text,
    score=st.none() | st.integers(-5, 10).map(float),
)
scales = st.builds(
    ResponseScale,
    id=ids,
    title=line_text,
    options=st.lists(scale_options, min_size=2, max_size=6, unique_by=lambda o: o.value)
    .filter(lambda opts: any(o.score is not None for o in opts))
    .map(tuple),
)

_element = {
    "id": ids,
    "title": line_text,
    "order": st.none() | st.integers(0, 99),
    "aliases": st.lists(ids, max_size=2, unique=True).map(tuple),
    "introduction": prose,
}

themes = st.builds(
    Theme,
    **_element,
    what_good_looks_like=prose,
    statements=_unique(statements),
    prompts=_unique(prompts),
)
checklists = st.builds(
    Checklist,
    **_element,
    theme=ids,
    scope=st.sampled_from(Scope),
    scale=st.sampled_from(["yes-partly-no", "agree-5", "frequency-5"]),
    items=_unique(items, min_size=1),
)
tools = st.builds(
    Tool,
    **_element,
    themes=st.lists(ids, max_size=2, unique=True).map(tuple),
    uses=st.lists(st.sampled_from(ToolUse), max_size=3, unique=True).map(tuple),
)
stages = st.builds(Stage, title=line_text, introduction=prose, prompts=_unique(prompts, min_size=1))
reflective_models = st.builds(
    ReflectiveModel, **_element, stages=st.lists(stages, min_size=1, max_size=3).map(tuple)
)


@st.composite
def session_types(draw: st.DrawFn) -> SessionType:
    agenda = draw(_unique(agenda_steps, max_size=5))
    low = draw(st.none() | st.integers(1, 6))
    high = draw(st.none() | st.integers(low or 1, 12))
    return draw(
        st.builds(
            SessionType,
            **_element,
            cadence=st.sampled_from(Cadence),
            max_participants=st.just(high),
            min_participants=st.just(low),
            stable_membership=st.booleans(),
            facilitation=st.sampled_from(Facilitation),
            facilitation_optional=st.booleans(),
            modes=st.lists(st.sampled_from(Mode), min_size=1, unique=True).map(tuple),
            minutes=st.booleans(),
            closing=st.just(agenda[-1].id if agenda else None),
            min_duration_minutes=st.none() | st.integers(15, 120),
            max_participants_advice=st.booleans(),
            agenda_fixed=st.booleans(),
            schedule=st.lists(st.integers(1, 52), max_size=2, unique=True).map(
                lambda weeks: tuple(
                    CadenceStep(until_week=w, cadence=Cadence.WEEKLY) for w in sorted(weeks)
                )
            ),
            purpose=prose,
            triggers=_unique(triggers),
            agenda=st.just(agenda),
            ground_rules=st.lists(line_text, max_size=3).map(tuple),
            prompts=_unique(prompts),
        )
    )


mappings = st.builds(
    Mapping,
    source=ids,
    target=st.builds(lambda p, e: f"{p}:{e}", ids, ids),
    relation=st.sampled_from(Relation),
    note=prose,
)

#: Any single element.
elements = st.one_of(themes, checklists, tools, reflective_models, session_types())


@st.composite
def packs(draw: st.DrawFn) -> Pack:
    """A pack whose ids are unique across the pack, as the format requires (references between
    elements are not made consistent: use :func:`valid_packs` for that)."""
    pack = draw(
        st.builds(
            Pack,
            id=ids,
            title=line_text,
            version=st.sampled_from(["1.0.0", "0.3.1", "2.10.0"]),
            summary=line_text,
            sectors=st.lists(ids, max_size=2, unique=True).map(tuple),
            sources=st.lists(sources, min_size=1, max_size=2).map(tuple),
            scales=_unique(scales, max_size=2),
            themes=_unique(themes, max_size=3),
            checklists=_unique(checklists, max_size=2),
            tools=_unique(tools, max_size=2),
            reflective_models=_unique(reflective_models, max_size=1),
            session_types=_unique(session_types(), max_size=2),
            mappings=st.lists(mappings, max_size=2).map(tuple),
        )
    )
    seen: set[str] = set()
    for found, _ in pack.iter_ids():
        if found in seen:
            from hypothesis import reject

            reject()
        seen.add(found)
    return pack
