"""The one rule for showing a score, and that every output follows it."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from wellbeing_framework.analysis import DEFAULT_BANDING, Band, Banding
from wellbeing_framework.analysis._rounding import points, points_of, points_or_none
from wellbeing_framework.render import change_text, score_text

scores = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@given(scores)
def test_a_score_is_shown_rounded_down_to_a_whole_number(value: float) -> None:
    shown = points(value)
    assert 0 <= shown <= 100
    assert shown <= value * 100 + 1e-6 < shown + 1
    assert score_text(value) == str(shown)
    assert points_or_none(value) == shown


def test_the_examples_the_documents_give() -> None:
    assert points(0.6097) == 60  # not 61: rounded down
    assert points(0.746) == 74  # below a band starting at 75, so not shown as 75
    assert points(0.75) == 75
    assert points(0.29) == 29  # 29.000000000000004 once multiplied: still 29
    assert points(1.3) == 100
    assert points(-0.1) == 0
    assert points_or_none(None) is None
    assert points_or_none(math.nan) is None


@given(scores, scores)
def test_a_difference_shown_is_the_difference_of_the_numbers_shown(a: float, b: float) -> None:
    assert int(change_text(a, b).replace("\u2212", "-")) == points(b) - points(a)


# Scores as the results hold them: any double, boundaries of the default bands and NaN (hidden).
_held = st.lists(
    st.floats(allow_infinity=False) | st.sampled_from([0.0, 0.29, 0.5, 0.75, 1.0, math.nan]),
    max_size=30,
)


@given(_held)
def test_a_column_of_scores_is_shown_as_each_score_is(values: list[float]) -> None:
    import numpy as np

    assert points_of(np.asarray(values, dtype=np.float64)) == [points_or_none(v) for v in values]


@given(
    _held,
    st.lists(st.floats(0.0, 1.0), min_size=1, max_size=4, unique=True).map(sorted),
)
def test_a_column_of_scores_falls_in_the_bands_each_score_does(
    values: list[float], lowers: list[float]
) -> None:
    import numpy as np

    lowers[0] = 0.0
    banding = Banding(bands=tuple(Band(label=f"b{k}", lower=x) for k, x in enumerate(lowers)))
    for bands in (banding, DEFAULT_BANDING):
        expected = [None if v != v else bands.band(v) for v in values]
        assert bands.bands_of(np.asarray(values, dtype=np.float64)) == expected
