"""The content models keep their own rules, whoever builds them."""

from __future__ import annotations

import typing

import attrs
import pytest
from hypothesis import given
from strategies import content

from wellbeing_framework import (
    Element,
    ElementNotFoundError,
    Pack,
    ResponseScale,
    SessionType,
    Statement,
    Theme,
    Tool,
)
from wellbeing_framework.model import CORE_SCALES, AgendaStep, ScaleOption, Voice
from wellbeing_framework.model._ids import is_id, is_ref, split_ref
from wellbeing_framework.model._validators import FieldError
from wellbeing_framework.model.content import KINDS, kind_of


@pytest.mark.parametrize("good", ["ab", "ps-i-speak-up", "a1", "x" * 64, "team2-b"])
def test_good_ids(good: str) -> None:
    assert is_id(good)


@pytest.mark.parametrize("bad", ["a", "Ab", "1a", "a--b", "-ab", "ab-", "a b", "x" * 65, "é-a"])
def test_bad_ids(bad: str) -> None:
    assert not is_id(bad)
    with pytest.raises(FieldError, match="is not a valid id"):
        Statement(id=bad, voice=Voice.I, text="x")


def test_references_name_a_pack_or_not() -> None:
    assert is_ref("crisis-services:psychological-safety")
    assert not is_ref("crisis-services:")
    assert split_ref("pk:el") == ("pk", "el")
    assert split_ref("el", "pk") == ("pk", "el")


@given(content.ids)
def test_generated_ids_are_valid(value: str) -> None:
    assert is_id(value)


def test_an_option_without_a_score_is_counted_not_scored() -> None:
    scale = CORE_SCALES["yes-partly-no"]
    assert [o.value for o in scale.options if not o.scored] == ["not-sure"]
    assert (scale.min_score, scale.max_score) == (0, 2)


def test_a_scale_needs_a_scored_option_and_distinct_values() -> None:
    with pytest.raises(FieldError, match="at least one option with a score"):
        ResponseScale(
            id="sc",
            title="S",
            options=(ScaleOption(value="a", label="A"), ScaleOption(value="b", label="B")),
        )
    with pytest.raises(FieldError, match="a value of its own"):
        ResponseScale(
            id="sc",
            title="S",
            options=(
                ScaleOption(value="a", label="A", score=1),
                ScaleOption(value="a", label="B", score=2),
            ),
        )


def test_asking_a_scale_for_an_unknown_answer_lists_the_allowed_ones() -> None:
    with pytest.raises(ElementNotFoundError, match="expected one of yes, partly, no, not-sure"):
        CORE_SCALES["yes-partly-no"].option("maybe")


def test_statements_split_by_voice() -> None:
    theme = Theme(
        id="th",
        title="T",
        statements=(
            Statement(id="i-one", voice=Voice.I, text="I am heard."),
            Statement(id="we-one", voice=Voice.WE, text="We listen."),
        ),
    )
    assert [s.id for s in theme.i_statements] == ["i-one"]
    assert [s.id for s in theme.we_statements] == ["we-one"]


def test_duplicate_item_ids_inside_an_element_are_refused() -> None:
    with pytest.raises(FieldError, match="statement id 'dup' appears twice"):
        Theme(
            id="th",
            title="T",
            statements=(
                Statement(id="dup", voice=Voice.I, text="a"),
                Statement(id="dup", voice=Voice.WE, text="b"),
            ),
        )


def test_a_session_type_cannot_need_more_than_it_allows() -> None:
    with pytest.raises(FieldError, match="min_participants: 9 is more than max_participants"):
        SessionType(id="grp", title="Group", min_participants=9, max_participants=8)


def test_elements_are_found_by_id_or_alias() -> None:
    theme = Theme(id="safety", title="Safety", aliases=("old-safety",))
    pack = Pack(id="pk", title="P", version="1.0.0", summary="S", themes=(theme,))
    assert pack.element("safety") is theme
    assert pack.element("old-safety") is theme
    with pytest.raises(ElementNotFoundError, match="pack 'pk' has no element 'nope'"):
        pack.element("nope")


def test_iter_ids_covers_items_inside_elements() -> None:
    session_type = SessionType(
        id="grp", title="G", agenda=(AgendaStep(id="open", text="Open"),), closing="open"
    )
    pack = Pack(id="pk", title="P", version="1", summary="S", session_types=(session_type,))
    assert [i for i, _ in pack.iter_ids()] == ["grp", "open"]


def test_one_table_names_every_kind_of_element() -> None:
    pack_fields = {f.name for f in attrs.fields(Pack)}
    assert {kind.cls for kind in KINDS} == set(typing.get_args(Element))
    for kind in KINDS:
        assert kind.field in pack_fields
        assert kind.cls.kind == kind.name


def test_with_elements_puts_each_element_in_its_kind_in_order() -> None:
    themes = [Theme(id=f"theme-{n}", title=f"Theme {n}") for n in range(3)]
    tool = Tool(id="a-tool", title="A tool")
    pack = Pack(id="a-pack", title="P", version="1.0.0", summary="S")
    filled = pack.with_elements([themes[2], tool, themes[0], themes[1]])
    assert filled.themes == (themes[2], themes[0], themes[1])
    assert filled.tools == (tool,)
    assert filled.elements == (themes[2], themes[0], themes[1], tool)
    assert filled.with_elements(filled.elements) == filled
    assert [kind_of(e).label for e in filled.elements] == ["Theme"] * 3 + ["Tool"]


def test_a_pack_had_before_its_elements_behaves_as_content_s_own() -> None:
    # Pack is built apart from the element classes (model._pack), so that importing it builds
    # none of them; it must still be content's Pack everywhere: pickles, reprs, the converter,
    # the schema and its field types, with nothing else imported first.
    import subprocess
    import sys

    code = (
        "import pickle, sys, typing\n"
        "from wellbeing_framework import Pack\n"
        "assert 'wellbeing_framework.model.content' not in sys.modules\n"
        "pack = Pack(id='pk', title='P', version='1', summary='S')\n"
        "print(repr(Pack), repr(pack.elements), repr(list(pack.iter_ids())))\n"
        "from wellbeing_framework.model import json_schema, structure, unstructure\n"
        "assert 'Pack' in json_schema([Pack])['$defs']\n"
        "assert structure(unstructure(pack), Pack) == pack\n"
        "from wellbeing_framework.model import content\n"
        "assert content.Pack is Pack and pickle.loads(pickle.dumps(pack)) == pack\n"
        "assert typing.get_type_hints(Pack)['themes'] == tuple[content.Theme, ...]\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["<class", "'wellbeing_framework.model.content.Pack'>", "()", "[]"]
