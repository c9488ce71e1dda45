"""Overlays: add, replace and retire elements of a base pack, installed or given by folder."""

from __future__ import annotations

import warnings
from pathlib import Path

import attrs
import pytest

from wellbeing_framework import PackFormatError, Tool, make_host, read_pack, validate_pack
from wellbeing_framework.packs import PackLoadWarning, apply_overlay

ROOT = Path(__file__).parents[2]
BASE = ROOT / "examples" / "minimal-pack" / "src" / "wellbeing_pack_minimal" / "content"
OVERLAY = ROOT / "examples" / "overlay-pack"
BROKEN = Path(__file__).parent / "fixtures" / "overlay-broken"


def test_overlay_adds_replaces_and_retires() -> None:
    base, overlay = read_pack(BASE), read_pack(OVERLAY)
    merged = apply_overlay(base, overlay)
    assert (merged.id, merged.title, merged.version) == (overlay.id, overlay.title, overlay.version)
    assert merged.summary == overlay.summary
    assert merged.sources == base.sources + overlay.sources
    assert merged.extends is None
    assert merged.retired == ()
    assert [t.id for t in merged.tools] == ["quiet-room"]  # added; end-of-shift-reset retired
    (checklist,) = merged.checklists
    assert checklist == overlay.element("rest-check")  # replaced in the base's place
    assert [i.id for i in checklist.items] == ["rr-team-breaks", "rr-team-cover"]
    assert merged.themes == base.themes  # untouched


def test_overlay_loads_through_the_host_with_its_base_from_a_folder() -> None:
    host = make_host(autoload=False, pack_dirs=[BASE, OVERLAY])
    report = host.load()
    assert report.problems == ()
    catalog = host.catalog()
    assert {p.id for p in catalog} == {"minimal-example", "our-rest-and-recovery"}
    assert catalog.get("our-rest-and-recovery:quiet-room").title == "The quiet room"
    assert "our-rest-and-recovery:end-of-shift-reset" not in catalog
    assert "minimal-example:end-of-shift-reset" in catalog  # the base itself is unchanged


def test_overlay_without_its_base_fails_alone() -> None:
    host = make_host(autoload=False, pack_dirs=[OVERLAY])
    with pytest.warns(PackLoadWarning, match="extends 'minimal-example', which is not loaded"):
        report = host.load()
    assert report.packs == ()


def test_broken_overlay_reports_every_problem_against_its_base() -> None:
    catalog = make_host(autoload=False, pack_dirs=[BASE]).catalog()
    expected = (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in validate_pack(BROKEN, catalog)] == expected


def test_broken_overlay_in_the_host_is_reported_with_its_details() -> None:
    host = make_host(autoload=False, pack_dirs=[BASE, BROKEN])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = host.load()
    (problem,) = report.problems
    assert "does not apply to 'minimal-example'" in problem.reason
    assert any("retires 'no-such-tool'" in d for d in problem.details)
    assert [w.category for w in caught] == [PackLoadWarning]


def test_overlay_for_another_base_is_refused() -> None:
    base = attrs.evolve(read_pack(BASE), id="another-pack")
    with pytest.raises(PackFormatError, match="extends 'minimal-example', but the base given"):
        apply_overlay(base, read_pack(OVERLAY))


def test_replacement_of_another_kind() -> None:
    overlay = attrs.evolve(
        read_pack(OVERLAY), checklists=(), tools=(Tool(id="rest-check", title="Now a tool"),)
    )
    merged = apply_overlay(read_pack(BASE), overlay)
    assert merged.checklists == ()
    assert merged.element("rest-check").title == "Now a tool"


def test_replacement_by_an_old_id_must_keep_the_id_others_use() -> None:
    base = read_pack(BASE)
    theme = attrs.evolve(base.themes[0], aliases=("rest",))
    base = attrs.evolve(base, themes=(theme,))
    renamed = attrs.evolve(theme, id="rest", aliases=())
    overlay = attrs.evolve(read_pack(OVERLAY), themes=(renamed,), checklists=(), retired=())
    with pytest.raises(PackFormatError) as caught:
        apply_overlay(base, overlay)
    messages = [p.message for p in caught.value.problems]
    # The overlay's own tool still uses the old id too.
    assert messages[0].startswith("unknown theme 'rest-and-recovery'")
    assert messages[1:] == [
        "replaces 'rest-and-recovery' with 'rest' (an old id of it); keep the id in aliases to go "
        "on using it, but checklist 'rest-check' of 'minimal-example' still uses "
        "'rest-and-recovery': retire or replace that checklist too",
        "replaces 'rest-and-recovery' with 'rest' (an old id of it); keep the id in aliases to go "
        "on using it, but tool 'end-of-shift-reset' of 'minimal-example' still uses "
        "'rest-and-recovery': retire or replace that tool too",
    ]
    kept = attrs.evolve(renamed, aliases=("rest-and-recovery",))
    merged = apply_overlay(base, attrs.evolve(overlay, themes=(kept,)))
    assert merged.element("rest-and-recovery").id == "rest"
