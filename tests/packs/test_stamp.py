"""Stamping ids: items of identified lists get ids, and nothing else in the file changes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_framework import PackFormatError
from wellbeing_framework.packs import stamp_ids
from wellbeing_framework.packs.reader import read_pack_files
from wellbeing_framework.packs.stamp import derive_id, find_missing_ids

PACK_TOML = (
    'id = "stamped"\ntitle = "Stamped"\nversion = "1.0.0"\nsummary = "s"\n\n'
    '[[sources]]\ntitle = "t"\npublisher = "p"\n'
)

THEME = """\
+++
kind = "theme"
id = "psychological-safety"
+++
# Psychological safety

- Bullets in the introduction are prose, and get no ids.

## I statements

- I can raise a worry without fearing blame.
- `ps-i-heard` I am listened to.
*   I can ask for help.

    Guidance stays as it is.

## Reflective prompts

1. What stops you from speaking up?
2)	What would make it easier?
"""


def _without_stamped_ids(stamped: str, ids: list[str]) -> str:
    for new_id in ids:
        stamped = stamped.replace(f"`{new_id}` ", "", 1)
    return stamped


def test_stamps_missing_ids_only() -> None:
    stamped = stamp_ids(THEME)
    assert (
        "- `ps-raise-worry-without-fearing` I can raise a worry without fearing blame." in stamped
    )
    assert "- `ps-i-heard` I am listened to." in stamped
    assert "*   `ps-ask-help` I can ask for help." in stamped
    assert "1. `ps-stops-speaking-up` What stops you from speaking up?" in stamped
    assert "2)\t`ps-make-easier` What would make it easier?" in stamped
    assert "- Bullets in the introduction are prose" in stamped


def test_nothing_else_changes_byte_for_byte() -> None:
    for variant in (THEME, THEME.replace("\n", "\r\n"), "\ufeff" + THEME):
        stamped = stamp_ids(variant)
        added = [s.id for s in find_missing_ids(variant)]
        assert len(added) == 4
        assert _without_stamped_ids(stamped, added) == variant
        assert stamped.count("\r\n") == variant.count("\r\n")


def test_stamped_file_reads_and_stamping_again_changes_nothing() -> None:
    stamped = stamp_ids(THEME)
    pack = read_pack_files([("pack.toml", PACK_TOML), ("theme.md", stamped)])
    assert len(pack.themes[0].statements) == 3
    assert stamp_ids(stamped) == stamped


def test_ids_are_unique_in_the_pack() -> None:
    taken = {"ps-raise-worry-without-fearing"}
    stamped = stamp_ids(THEME, taken=taken)
    assert "`ps-raise-worry-without-fearing-2`" in stamped
    assert "ps-raise-worry-without-fearing-2" in taken  # shared across the files of a pack


def test_a_checklist_without_any_ids_is_stamped() -> None:
    checklist = (
        '+++\nkind = "checklist"\nid = "rest-check"\ntheme = "rest"\nscope = "team"\n'
        'scale = "agree-5"\n+++\n# Rest\n\n- We take breaks.\n- We go home on time.\n'
    )
    assert [s.id for s in find_missing_ids(checklist)] == ["rc-take-breaks", "rc-go-home-time"]


def test_unreadable_front_matter_is_an_error_that_names_the_file() -> None:
    with pytest.raises(PackFormatError) as caught:
        stamp_ids("no front matter\n- an item\n", file="a.md")
    assert str(caught.value.problems[0]).startswith("a.md:1: expected front matter")


@given(
    st.text(min_size=1, max_size=60),
    st.sets(st.from_regex(r"[a-z][a-z0-9-]{1,10}", fullmatch=True)),
)
def test_derived_ids_are_valid_and_unused(text: str, taken: set[str]) -> None:
    new_id = derive_id(text, "ps", taken)
    assert re.fullmatch(r"[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,63}", new_id)
    assert new_id not in taken


@given(
    st.lists(
        st.text(
            st.characters(
                codec="utf-8", categories=("L", "N", "P", "Zs"), exclude_characters="`\r\n"
            ),
            min_size=1,
            max_size=30,
        ).filter(lambda t: t.strip() and t.strip()[0].isalpha()),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(["\n", "\r\n"]),
)
def test_stamping_any_items_changes_only_the_ids(items: list[str], newline: str) -> None:
    text = (
        newline.join(
            ["+++", 'kind = "theme"', 'id = "a-theme"', "+++", "# A", "", "## We statements", ""]
            + [f"- {item.strip()}" for item in items]
        )
        + newline
    )
    stamped = stamp_ids(text)
    added = [s.id for s in find_missing_ids(text)]
    assert _without_stamped_ids(stamped, added) == text
    assert find_missing_ids(stamped) == []
