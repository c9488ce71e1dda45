"""An assessment names its respondent by an opaque token at most, never a name or an email."""

from __future__ import annotations

import pytest

from wellbeing_framework import Assessment, ConversionError, structure

RECORD = {"pack": "demo", "pack_version": "1", "checklist": "safety-me", "group": ["Team A"]}


@pytest.mark.parametrize(
    ("respondent", "why"),
    [
        ("jane@example.org", "looks like an email address"),
        ("Jane Smith", "contains a space, so it looks like a name"),
        ("jane", "has no digit, so it may be a name"),
        ("", "is not an opaque token"),
    ],
)
def test_a_name_or_an_email_is_refused_as_a_respondent(respondent: str, why: str) -> None:
    with pytest.raises(ConversionError) as caught:
        structure({**RECORD, "respondent": respondent}, Assessment)
    (problem,) = caught.value.errors
    assert problem.startswith("$.respondent: is not an opaque token")
    assert why in problem
    if respondent:
        assert respondent not in problem  # the value may be a person's name: never echoed


@pytest.mark.parametrize("respondent", ["r-0413", "p_17", "A1B2", None])
def test_a_token_or_none_is_a_respondent(respondent: str | None) -> None:
    assert structure({**RECORD, "respondent": respondent}, Assessment).respondent == respondent
