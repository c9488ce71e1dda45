"""The referee works: on hand-built reports that do give people away, the attacker says so.

Without these, a property "the attacker finds nothing" would pass with an attacker that never
finds anything. Each report here is the JSON a careless library could have written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from privacy.attacker import Finding, attack

AGREE = ["strongly-disagree", "disagree", "neither", "agree", "strongly-agree"]


def report(
    groups: Sequence[tuple[Sequence[str], int | None]],
    *,
    levels: Sequence[str] = ("Service", "Team"),
    hierarchy: Sequence[Sequence[str]] | None = None,
    k: int = 10,
    wave: str | None = "2025",
    cells: Sequence[dict[str, Any]] = (),
    **extra: Any,
) -> dict[str, Any]:
    """A minimal JSON report: its groups (path, count or None for hidden) in one wave."""
    leaves = hierarchy or [list(g) for g, _ in groups if len(g) == len(levels)]
    return {
        "format": "wellbeing-report",
        "min_group_size": k,
        "levels": list(levels),
        "waves": [wave],
        "breakdown": [],
        "filters": [],
        "hierarchy": [list(p) for p in leaves],
        "elements": [],
        "groups": [
            {"group": list(g), "wave": wave, "breakdown": [], "n": n, "suppressed": n is None}
            for g, n in groups
        ],
        "cells": list(cells),
        "gap": [],
        "trends": [],
        "priorities": None,
        **extra,
    }


def rules(findings: Sequence[Finding]) -> set[tuple[str, str, float, float]]:
    return {(f.rule, f.what, f.low, f.high) for f in findings}


#: The issue's finding 1: X = A (12) + B (1), Y = C (20) + D (20), Z = Z1 (1).
FINDING_1 = [
    ((), 54),
    (("X",), None),
    (("Y",), 40),
    (("Z",), None),
    (("X", "A"), 12),
    (("X", "B"), None),
    (("Y", "C"), 20),
    (("Y", "D"), 20),
    (("Z", "Z1"), None),
]


def test_finding_1_everyone_less_the_shown_pins_two_hidden_teams() -> None:
    found = rules(attack([report(FINDING_1)]))
    assert ("G2", "hidden X / B, wave 2025", 1, 1) in found
    assert ("G2", "hidden Z / Z1, wave 2025", 1, 1) in found
    assert ("G2", "hidden Z, wave 2025", 1, 1) in found
    pool = "everyone, wave 2025: the hidden cells inside it pool to exactly"
    assert ("G1", pool, 2, 2) in found


def test_the_same_figures_with_the_small_teams_grown_are_safe() -> None:
    groups = [
        ((), 74),
        (("X",), None),
        (("Y",), 40),
        (("Z",), None),
        (("X", "A"), None),
        (("X", "B"), None),
        (("Y", "C"), 20),
        (("Y", "D"), 20),
        (("Z", "Z1"), None),
    ]
    # X and Z hold 34 between them: neither can be narrowed below 10.
    assert attack([report(groups)]) == []


def test_a_narrow_interval_below_the_minimum_is_a_finding() -> None:
    # Service S (14) = T1 (hidden) + T2 (hidden) + T3 (hidden): each is 1..12, safe; with T3
    # shown as 10, T1 + T2 = 4, so each is 1..3: narrower than 5 and wholly below 10.
    groups = [((), 14), (("S",), 14), (("S", "T1"), None), (("S", "T2"), None), (("S", "T3"), 10)]
    found = attack([report(groups)])
    assert ("G2", "hidden S / T1, wave 2025", 1, 3) in rules(found)
    assert [(f.rule, f.low) for f in found if "pool" in f.what] == [("G1", 4)]
    assert (
        attack([report([((), 14), (("S",), 14), (("S", "T1"), None), (("S", "T2"), None)])]) == []
    )


def test_the_import_block_gives_a_hidden_wave_away() -> None:
    # The finding 4: "rows accepted 43" less a shown wave of 40 is a hidden wave of 3.
    first = report([((), 40), (("S",), 40)], levels=("Service",), wave="w1")
    first["waves"] = ["w1", "w2"]
    first["groups"] += [
        {"group": [], "wave": "w2", "breakdown": [], "n": None, "suppressed": True},
        {"group": ["S"], "wave": "w2", "breakdown": [], "n": None, "suppressed": True},
    ]
    assert attack([first]) == []
    first["import"] = {"rows_accepted": 43, "rows_read": 45, "rows_rejected": 2}
    found = rules(attack([first]))
    assert ("G2", "hidden everyone, wave w2", 3, 3) in found


def test_two_reports_differenced_by_their_grouping() -> None:
    # The finding 2: by team alone, teams T1 (12) and T2 (3) are T1 shown, T2 hidden
    # with its service pool hiding it; by service and team, the service is shown.
    by_team = report(
        [((), 25), (("T1",), 12), (("T2",), None), (("T3",), None)],
        levels=("Team",),
    )
    by_service = report(
        [
            ((), 25),
            (("S1",), 15),
            (("S2",), 10),
            (("S1", "T1"), None),
            (("S1", "T2"), None),
            (("S2", "T3"), 10),
        ],
    )
    assert attack([by_team]) == []
    assert attack([by_service]) == []
    found = rules(attack([by_team, by_service]))
    assert ("G2", "hidden T2, wave 2025", 3, 3) in found


def test_two_minimums_differenced() -> None:
    # S (30) = A (12) + B (3) + C (15). At 10, A and B are hidden together (15); at 5, B and C
    # are. Each report alone is safe; together, B = 30 - 12 - 15.
    teams = [["S", "A"], ["S", "B"], ["S", "C"]]
    tens = report(
        [((), 30), (("S",), 30), (("S", "A"), None), (("S", "B"), None), (("S", "C"), 15)]
    )
    fives = report(
        [((), 30), (("S",), 30), (("S", "A"), 12), (("S", "B"), None), (("S", "C"), None)],
        k=5,
        hierarchy=teams,
    )
    assert attack([tens]) == []
    assert attack([fives]) == []
    found = rules(attack([tens, fives]))
    assert ("G2", "hidden S / B, wave 2025", 3, 3) in found
    # A team one report shows is published by that report's minimum, not worked out.
    shown_at_5 = report(
        [((), 30), (("S",), 30), (("S", "A"), 7), (("S", "B"), 8), (("S", "C"), 15)], k=5
    )
    assert attack([tens, shown_at_5]) == []


def item_cell(
    group: Sequence[str], n: int | None, distribution: Sequence[int] | None, blanks: int = 0
) -> dict[str, Any]:
    shown = distribution is not None
    return {
        "group": list(group),
        "wave": "2025",
        "breakdown": [],
        "element": "p:speak",
        "kind": "item",
        "scope": "individual",
        "n": n,
        "suppressed": not shown,
        "answered": sum(distribution) if shown else None,
        "unscored": 0 if shown else None,
        "missing": blanks if shown else None,
        "distribution": [[o, c] for o, c in zip(AGREE, distribution or [], strict=False)],
    }


def test_an_item_answered_by_one_person_in_a_shown_team() -> None:
    # The finding 3: a team of 12 shown, with an item that 11 left blank: the item's
    # answered count is hidden, but the service's distribution less the sister team's is it.
    groups = [((), 24), (("S",), 24), (("S", "A"), 12), (("S", "B"), 12)]
    cells = [
        item_cell((), 24, [5, 5, 2, 0, 1], blanks=11),
        item_cell(("S",), 24, [5, 5, 2, 0, 1], blanks=11),
        item_cell(("S", "A"), 12, None),
        item_cell(("S", "B"), 12, [5, 5, 2, 0, 0], blanks=0),
    ]
    base = report(groups, elements=[], cells=cells)
    base["elements"] = [
        {
            "ref": "p:speak",
            "kind": "item",
            "scope": "individual",
            "theme": "p:safety",
            "options": AGREE,
        }
    ]
    found = rules(attack([base]))
    assert ("G3", "hidden S / A, wave 2025 (p:speak)", 1, 1) in found


def test_a_score_in_the_trends_for_a_hidden_group() -> None:
    data = report(
        [((), 20), (("S",), 20), (("S", "A"), 15), (("S", "B"), None), (("S", "C"), None)]
    )
    data["trends"] = [
        {
            "element": "p:safety",
            "kind": "theme",
            "group": ["S", "B"],
            "from_wave": "2024",
            "to_wave": "2025",
            "before": 0.5,
            "after": 0.6,
            "change": 0.1,
            "n_before": 12,
            "n_after": 3,
        }
    ]
    data["waves"] = ["2024", "2025"]
    data["groups"] += [
        {"group": g["group"], "wave": "2024", "breakdown": [], "n": None, "suppressed": True}
        for g in data["groups"]
    ]
    found = attack([data])
    assert ("G1", "S / B, wave 2025 (respondents in the trend)", 3, 3) in rules(found)
    assert any("trend gives a score" in f.what for f in found)


def test_the_leaders_survey_counts_are_people_too() -> None:
    data = report([((), 30), (("S",), 30)], levels=("Service",))
    data["organisational"] = {
        "mode": "survey",
        "min_group_size": 10,
        "levels": ["Service"],
        "hierarchy": [["S"]],
        "groups": [
            {"group": [], "wave": "2025", "breakdown": [], "n": None, "suppressed": True},
            {"group": ["S"], "wave": "2025", "breakdown": [], "n": None, "suppressed": True},
        ],
    }
    assert attack([data]) == []
    data["organisational_import"] = {"rows_accepted": 3, "rows_read": 3, "rows_rejected": 0}
    found = rules(attack([data]))
    assert ("G1", "leaders: the import's rows accepted", 3, 3) in found
