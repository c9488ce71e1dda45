"""Counted nouns: "1 problem", "3 problems", as a person writes them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wellbeing_framework._words import plural


def test_one_takes_the_singular_and_every_other_count_the_plural() -> None:
    assert plural(1, "problem") == "1 problem"
    assert plural(0, "problem") == "0 problems"
    assert plural(3, "header row") == "3 header rows"
    assert plural(3, "point of learning", "points of learning") == "3 points of learning"
    assert plural(2, "further point is", "further points are") == "2 further points are"


@given(st.integers(min_value=0, max_value=10**6), st.from_regex(r"[a-z]{2,12}", fullmatch=True))
def test_the_count_comes_first_and_only_one_is_singular(count: int, noun: str) -> None:
    text = plural(count, noun)
    assert text.startswith(f"{count} ")
    assert "(s)" not in text
    assert (text == f"{count} {noun}") == (count == 1)
    assert (text == f"{count} {noun}s") == (count != 1)
