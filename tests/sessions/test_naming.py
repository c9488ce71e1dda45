"""The check that a learning point may name someone: what it finds, and that it takes time in
proportion to the text, whatever the text."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from wellbeing_framework.sessions._naming import naming_concerns

CASES = Path(__file__).parent / "fixtures" / "naming.txt"


def _cases() -> list[pytest.ParameterSet]:
    """The cases of ``fixtures/naming.txt``, each as (text, tokens, known, expected lines)."""
    blocks = CASES.read_text(encoding="utf-8").split("\n=====\n")[1:]
    out = []
    for block in blocks:
        title, *lines = block.strip("\n").split("\n")
        options = {"tokens": "", "known": ""}
        while lines and lines[0].split(":")[0] in options:
            key, _, value = lines.pop(0).partition(": ")
            options[key] = value
        arrow = lines.index("=>")
        names = {k: tuple(n.strip() for n in v.split(",") if n.strip()) for k, v in options.items()}
        text, expected = "\n".join(lines[:arrow]), lines[arrow + 1 :]
        case = (text, names["tokens"], names["known"], expected)
        out.append(pytest.param(*case, id=title.removeprefix("## ")))
    return out


@pytest.mark.parametrize(("text", "tokens", "known", "expected"), _cases())
def test_what_a_learning_point_holds_and_what_the_check_says(
    text: str, tokens: tuple[str, ...], known: tuple[str, ...], expected: list[str]
) -> None:
    found = naming_concerns(text, tokens=tokens, known=known)
    said = [f"{'firm' if c.firm else 'soft'}: {c}" for c in found] or ["nothing"]
    assert said == expected


def test_an_email_and_a_phone_number_are_found_at_their_words() -> None:
    found = naming_concerns("Ask at desk (wellbeing@example.org) or ring 0161 496 0000 today.")
    assert [(c.kind, c.word) for c in found] == [
        ("an email address", 4),
        ("what looks like a phone number", 7),
    ]


def test_a_long_word_with_no_address_in_it_is_no_email() -> None:
    assert not [c for c in naming_concerns("a" * 5_000) if c.kind == "an email address"]
    found = naming_concerns("x" * 5_000 + "@example.org")
    assert [(c.kind, c.word) for c in found if c.firm] == [("an email address", 1)]


def _seconds(work: Callable[[], object], repeat: int) -> float:
    """The least processor time ``work`` took in ``repeat`` runs. Processor time, not wall
    time, and the collector off, so that other programs on a busy machine and a collection
    falling in one run but not another do not count."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.process_time()
            work()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


# Each a shape that once took time growing with the square of its length: one long word (80,000
# characters took 24 s), many addresses, a long run of digits, capitalised word parts.
SHAPES = {
    "one long word": "a",
    "addresses": "a@b.cc ",
    "digits": "1",
    "digits and dashes": "1-",
    "capitals": "Ab",
    "at signs": "x.y@",
    "words": "Word ",
}


@pytest.mark.parametrize("unit", SHAPES.values(), ids=SHAPES.keys())
def test_the_check_takes_time_in_proportion_to_the_text(unit: str) -> None:
    small = unit * (5_000 // len(unit))
    large = unit * (80_000 // len(unit))  # 16 times as long
    small_time = _seconds(lambda: naming_concerns(small), repeat=5)
    large_time = _seconds(lambda: naming_concerns(large), repeat=3)
    # Linear time gives a ratio near 16 (8 to 18 measured), quadratic time one near 256; the
    # bound leaves room to spare. The small time is floored so the timer cannot fail it.
    assert large_time < 100 * max(small_time, 0.0005), (small_time, large_time)
