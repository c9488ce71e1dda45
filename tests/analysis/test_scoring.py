"""Scoring and aggregation against values worked out by hand."""

from __future__ import annotations

import attrs
import numpy as np
import pytest
from strategies import analysis as sa

from wellbeing_framework import Answer, Assessment, Catalog, aggregate, structure, unstructure
from wellbeing_framework.analysis import DEFAULT_BANDING, Band, Banding, ElementKind, Responses
from wellbeing_framework.analysis.scoring import score_assessment
from wellbeing_framework.errors import ConversionError, RecordError, WellbeingError

# Items: safe-speak, safe-ask (agree-5: scores 1..5), rest-breaks (yes 2, partly 1, no 0,
# not sure unscored). Option codes index the scale: agree-5 0..4; yes 0, partly 1, no 2, not sure 3.
OPTIONS = [
    [3, 4, 0],  # agree (4), strongly agree (5), yes (2)
    [1, -1, 3],  # disagree (2), blank, not sure
    [2, 2, 1],  # neither (3), neither (3), partly (1)
]


def _three() -> Responses:
    return Responses.from_arrays(
        items=sa.individual_items(),
        levels=("team",),
        group_paths=[("A",)] * 3,
        options=np.array(OPTIONS),
    )


def _shown(results, element):
    return results.cell((), element)


def test_item_scores_by_hand() -> None:
    results = aggregate(_three(), min_group_size=2, force_small_groups=True)
    speak = _shown(results, "demo:safe-speak")
    assert speak.n == 3
    assert speak.mean == pytest.approx((4 + 2 + 3) / 3)
    assert speak.normalised == pytest.approx(((4 - 1) + (2 - 1) + (3 - 1)) / 3 / 4)
    assert (speak.answered, speak.unscored, speak.missing) == (3, 0, 0)
    assert speak.distribution == (
        ("strongly-disagree", 0),
        ("disagree", 1),
        ("neither", 1),
        ("agree", 1),
        ("strongly-agree", 0),
    )
    ask = _shown(results, "demo:safe-ask")
    assert (ask.answered, ask.missing) == (2, 1)
    assert ask.mean == pytest.approx(4.0)
    breaks = _shown(results, "demo:rest-breaks")
    assert (breaks.answered, breaks.unscored, breaks.missing) == (2, 1, 0)
    assert breaks.mean == pytest.approx(1.5)  # yes 2, partly 1; "not sure" counted, not scored
    assert breaks.normalised == pytest.approx(0.75)


def test_an_item_answered_by_fewer_than_the_minimum_is_hidden_with_its_theme() -> None:
    """Three people, but only two answered safe-ask: with a minimum of 3 that item shows
    nothing, and neither does its theme (whose score would carry the two answers)."""
    results = aggregate(_three(), min_group_size=3, force_small_groups=True)
    ask = results.cell((), "demo:safe-ask")
    assert ask is not None
    assert ask.suppressed
    assert (ask.n, ask.answered, ask.missing, ask.distribution) == (None, None, None, ())
    safety = results.cell((), "demo:safety")
    assert safety is not None
    assert safety.suppressed
    assert safety.mean is None
    speak = results.cell((), "demo:safe-speak")
    assert speak is not None
    assert speak.n == 3  # answered by all three


def test_theme_scores_pool_their_items() -> None:
    results = aggregate(_three(), min_group_size=2, force_small_groups=True)
    safety = _shown(results, "demo:safety")
    assert safety.kind is ElementKind.THEME
    assert (safety.answered, safety.missing) == (5, 1)
    assert safety.mean == pytest.approx((4 + 2 + 3 + 5 + 3) / 5)
    assert safety.normalised == pytest.approx((3 + 1 + 2 + 4 + 2) / 5 / 4)
    assert safety.band == "amber"  # 0.6
    rest = _shown(results, "demo:rest")
    assert rest.band == "green"  # 0.75


def test_a_theme_mixing_scales_has_no_raw_mean() -> None:
    items = list(sa.individual_items())
    mixed = [items[0], type(items[2])(**{**_fields(items[2]), "theme": items[0].theme})]
    responses = Responses.from_arrays(
        items=mixed, levels=("team",), group_paths=[("A",)], options=np.array([[4, 2]])
    )
    cell = aggregate(responses, min_group_size=1, force_small_groups=True).cell((), "demo:safety")
    assert cell.mean is None
    assert cell.normalised == pytest.approx((1.0 + 0.0) / 2)


def _fields(obj: object) -> dict[str, object]:
    return attrs.asdict(obj, recurse=False)


def test_banding_is_data() -> None:
    banding = Banding(bands=(Band(label="low", lower=0), Band(label="high", lower=0.4)))
    assert [banding.band(x) for x in (0.0, 0.39, 0.4, 1.0, None)] == [
        "low",
        "low",
        "high",
        "high",
        None,
    ]
    assert structure(unstructure(banding), Banding) == banding
    assert DEFAULT_BANDING.labels == ("red", "amber", "green")
    with pytest.raises(ConversionError, match="bands must rise"):
        structure({"bands": [{"label": "a", "lower": 0.5}, {"label": "b", "lower": 0.1}]}, Banding)
    results = aggregate(_three(), min_group_size=2, force_small_groups=True, banding=banding)
    assert results.cell((), "demo:safety").band == "high"


def test_items_can_be_left_out() -> None:
    results = aggregate(_three(), min_group_size=3, force_small_groups=True, items=False)
    assert {c.kind for c in results.cells} == {ElementKind.THEME}


def test_hidden_cells_carry_no_numbers() -> None:
    results = aggregate(_three())
    for cell in results.cells:
        assert cell.suppressed
        assert (cell.n, cell.mean, cell.normalised, cell.answered, cell.band) == (None,) * 5
        assert cell.distribution == ()
    assert (results.table.n == -1).all()
    assert np.isnan(results.table.normalised).all()


def test_levels_and_unknown_levels() -> None:
    results = aggregate(_three(), min_group_size=3, force_small_groups=True, levels=[1])
    assert {c.level for c in results.cells} == {1}
    with pytest.raises(WellbeingError, match="no level 4"):
        aggregate(_three(), levels=[4])


def test_unknown_dimension_is_a_clear_error() -> None:
    with pytest.raises(WellbeingError, match="no dimension 'role'"):
        aggregate(_three(), by=["role"])


# -- assessments -------------------------------------------------------------------------------


def _assessment(**changes: object) -> Assessment:
    values = {
        "pack": "demo",
        "pack_version": "1.2",
        "checklist": "safety-me",
        "respondent": "r-1",
        "group": ("Trust", "Team A"),
        "wave": "2025",
        "answers": (Answer(item="safe-speak", value="agree"), Answer(item="safe-ask")),
        "comment": "I would rather not say this to my manager.",
    }
    values.update(changes)
    return Assessment(**values)  # type: ignore[arg-type]


def test_an_assessment_round_trips() -> None:
    a = _assessment()
    assert structure(unstructure(a), Assessment) == a


def test_assessments_become_responses_without_their_comments() -> None:
    records = [_assessment(respondent=f"r-{k}") for k in range(3)]
    responses = Responses.from_assessments(records, sa.CATALOG, levels=("trust", "team"))
    assert responses.n_rows == 3
    assert responses.option.tolist() == [3, -1] * 3
    held = [repr(getattr(responses, f.name)) for f in attrs.fields(Responses)]
    assert not any("manager" in h for h in held)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"checklist": "nope"}, "$[0].checklist", "pack 'demo' has nothing with the id 'nope'"),
        ({"answers": (Answer(item="zz", value="agree"),)}, "$[0].answers[0].item", "has no item"),
        (
            {"answers": (Answer(item="safe-ask", value="perhaps"),)},
            "$[0].answers[0].value",
            "is not on the scale",
        ),
    ],
)
def test_assessments_that_do_not_fit_are_refused(changes, field: str, message: str) -> None:
    with pytest.raises(RecordError) as info:
        Responses.from_assessments([_assessment(**changes)], sa.CATALOG)
    assert info.value.field == field
    assert message in str(info.value)


def test_a_checklist_named_by_its_old_id_codes_the_same_items() -> None:
    renamed = attrs.evolve(
        sa.PACK,
        checklists=tuple(
            attrs.evolve(c, aliases=("safety-old",)) if c.id == "safety-me" else c
            for c in sa.PACK.checklists
        ),
    )
    catalog = Catalog([renamed])
    records = [
        _assessment(respondent="r-1"),
        _assessment(respondent="r-2", checklist="safety-old"),
        _assessment(respondent="r-3", checklist="demo:safety-me"),
        _assessment(respondent="r-4", checklist="rest-me", answers=(Answer(item="rest-breaks"),)),
    ]
    responses = Responses.from_assessments(records, catalog)
    assert [i.ref for i in responses.items] == [
        "demo:safe-speak",
        "demo:safe-ask",
        "demo:rest-breaks",
    ]
    assert responses.item.tolist() == [0, 1, 0, 1, 0, 1, 2]
    assert responses.packs == (("demo", "1.2"),)


def test_a_token_twice_in_one_wave_is_refused() -> None:
    with pytest.raises(RecordError, match="used again in wave '2025'"):
        Responses.from_assessments([_assessment(), _assessment()], sa.CATALOG)


def test_a_person_sees_their_own_scores() -> None:
    (score,) = score_assessment(_assessment(), sa.CATALOG)
    assert score.theme == "demo:safety"
    assert (score.mean, score.normalised, score.answered, score.missing) == (4.0, 0.75, 1, 1)
    assert score.band == "green"


def test_assessments_without_groups_aggregate_for_everyone() -> None:
    records = [_assessment(respondent=None, group=()) for _ in range(10)]
    results = aggregate(Responses.from_assessments(records, sa.CATALOG))
    (everyone,) = results.groups
    assert (everyone.group, everyone.n) == ((), 10)


def test_responses_with_no_rows_aggregate_to_nothing() -> None:
    empty = _three().select_rows(np.zeros(3, dtype=bool))
    results = aggregate(empty)
    assert results.cells == ()
    assert results.groups == ()
