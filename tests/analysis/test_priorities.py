"""Priorities with packs that say what their tools address: the right tool for each weak
result, never the general guides, and first steps worded from the weak items themselves."""

from __future__ import annotations

import datetime as dt

import attrs
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework import Catalog, Prompt, Tool, aggregate, priorities
from wellbeing_framework.analysis import Priorities, Responses, as_action_plan, support_for
from wellbeing_framework.analysis.responses import checklist_items
from wellbeing_framework.sessions import action_report

TOOLS = (
    # A guide to the whole pack: made for nothing in particular.
    Tool(id="about-this-pack", title="About this pack", themes=("safety", "rest")),
    Tool(id="speak-up-guide", title="Speaking up", themes=("safety",), addresses=("safe-speak",)),
    Tool(
        id="safety-talk", title="A team talk on safety", themes=("safety",), addresses=("safety",)
    ),
    Tool(id="break-plan", title="Planning breaks", themes=("rest",), addresses=("rest-breaks",)),
)
CATALOG = Catalog([attrs.evolve(sa.PACK, tools=TOOLS)])
ADDRESSES = {f"demo:{t.id}": {f"demo:{a}" for a in t.addresses} for t in TOOLS}


def _priorities(answers: list[list[int]], catalog: Catalog = CATALOG) -> Priorities:
    """Priorities for everyone, from one row of options per person (0-based: safe-speak and
    safe-ask on agree-5, rest-breaks on yes-partly-no), with every shown item listed."""
    responses = Responses.from_arrays(
        items=checklist_items(catalog, sa.INDIVIDUAL),
        levels=("trust", "team"),
        group_paths=[("Trust", "A")] * len(answers),
        options=np.array(answers),
        waves=["2025"] * len(answers),
    )
    return priorities(aggregate(responses), catalog, limit=2, item_limit=10)


def test_the_tool_made_for_the_item_comes_first_then_the_themes() -> None:
    prompts, tools = support_for(CATALOG, "demo:safety", "demo:safe-speak")
    assert prompts == ("demo:safety-prompt",)
    assert tools == ("demo:speak-up-guide", "demo:safety-talk")
    # For the other item of the theme, the theme's tool: one made for a sibling item is not
    # offered while something made for the theme exists.
    assert support_for(CATALOG, "demo:safety", "demo:safe-ask")[1] == ("demo:safety-talk",)


def test_the_general_guide_is_never_offered() -> None:
    for theme, item in (("demo:safety", None), ("demo:rest", "demo:rest-breaks")):
        assert "demo:about-this-pack" not in support_for(CATALOG, theme, item)[1]


def test_a_pack_without_addresses_offers_the_tools_of_the_theme_as_before() -> None:
    assert support_for(sa.CATALOG, "demo:safety") == (
        ("demo:safety-prompt",),
        ("demo:speak-up-guide",),
    )


def test_each_weak_theme_gets_first_steps_worded_from_its_weakest_items() -> None:
    # Everyone strongly disagrees they can speak up, disagrees they can ask, says no to breaks.
    found = _priorities([[0, 1, 2]] * 12)
    by_theme: dict[str, list[str]] = {}
    for action in found.draft.actions:
        by_theme.setdefault(action.theme, []).append(action.text)
    assert set(by_theme) == {"demo:safety", "demo:rest"}
    safety = by_theme["demo:safety"]
    assert len(safety) == 2  # one step per weak item the theme has
    assert safety[0].startswith("Quick win on \u201cI feel safe to speak up\u201d (0 out of 100)")
    assert "with \u201cSpeaking up\u201d" in safety[0]  # the tool made for that item
    assert safety[1].startswith("Deeper change on \u201cI can ask for help, without judgement!")
    assert "with \u201c" not in safety[1]  # no tool is made for that item, so none is named
    # Not one sentence repeated for every theme.
    assert len({text.split(":")[1] for text in safety + by_theme["demo:rest"]}) == 3


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(0, 3)), min_size=12, max_size=30
    )
)
def test_every_tool_offered_as_an_action_addresses_its_item_or_theme(
    answers: list[tuple[int, int, int]],
) -> None:
    found = _priorities([list(row) for row in answers])
    titles = {p.element: p.title.rstrip(".") for p in found.items}
    for action in found.draft.actions:
        item = action.item
        if item is None:
            continue  # a theme with no item shown: one conversation, with the theme's tools
        assert f"\u201c{titles[item]}\u201d" in action.text  # worded from its item
        for tool in action.tools:
            assert tool != "demo:about-this-pack"
            assert ADDRESSES[tool] & {item, action.theme}, (tool, item)
        if "with \u201c" in action.text:
            named = action.text.split("with \u201c")[1].split("\u201d")[0]
            assert item in ADDRESSES[next(f"demo:{t.id}" for t in TOOLS if t.title == named)]


def test_the_drafted_plan_links_each_action_to_its_item_and_tools_and_reports_them() -> None:
    found = _priorities([[0, 1, 2]] * 12)
    plan = as_action_plan(found.draft, created=dt.date(2025, 5, 1))
    (k, speak), *_ = [(k, a) for k, a in enumerate(plan.actions) if "demo:safe-speak" in a.links]
    assert speak.links == (
        "demo:safety",
        "demo:safe-speak",
        "demo:speak-up-guide",
        "demo:safety-talk",
    )
    # The action report (``wellbeing actions``) resolves every link of the draft, tools too.
    report = action_report(CATALOG, [plan], today=dt.date(2025, 6, 1))
    assert [(link.kind, link.label) for link in report.lines[k].links] == [
        ("theme", "Feeling safe"),
        ("checklist item", "I feel safe to speak up."),
        ("tool", "Speaking up"),
        ("tool", "A team talk on safety"),
    ]


PROMPTS = (
    Prompt(id="safety-prompt", text="What helps you speak up?"),
    Prompt(id="ask-prompt", text="Who did you last ask for help?", addresses=("safe-ask",)),
    Prompt(id="whole-prompt", text="What would make this a safer team?", addresses=("safety",)),
)


def _with_prompts(*prompts: Prompt) -> Catalog:
    safety = attrs.evolve(sa.PACK.themes[0], prompts=prompts)
    return Catalog([attrs.evolve(sa.PACK, tools=TOOLS, themes=(safety, *sa.PACK.themes[1:]))])


def test_the_prompt_made_for_the_item_comes_first_then_the_themes_then_the_rest() -> None:
    catalog = _with_prompts(*PROMPTS)
    assert support_for(catalog, "demo:safety", "demo:safe-ask")[0] == (
        "demo:ask-prompt",
        "demo:whole-prompt",
        "demo:safety-prompt",
    )
    # For the other item, nothing is made for it: the theme's prompt, then the rest in order.
    assert support_for(catalog, "demo:safety", "demo:safe-speak")[0] == (
        "demo:whole-prompt",
        "demo:safety-prompt",
        "demo:ask-prompt",
    )


def test_each_first_step_opens_with_a_prompt_made_for_its_item_when_there_is_one() -> None:
    found = _priorities([[0, 1, 2]] * 12, _with_prompts(*PROMPTS))
    steps = {a.item: a for a in found.draft.actions if a.theme == "demo:safety"}
    assert steps["demo:safe-ask"].prompts[0] == "demo:ask-prompt"
    assert steps["demo:safe-speak"].prompts[0] != "demo:ask-prompt"
