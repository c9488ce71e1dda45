"""The exact audit on hand-built releases: what it reports, what it passes, and what it refuses.

Each release here is small enough to solve by hand, so the interval the audit gives is checked
against the one worked out in the test's docstring.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import attrs
import numpy as np
import pytest
from strategies import analysis as sa

from wellbeing_framework import Report, aggregate, report_json
from wellbeing_framework.analysis import (
    AuditError,
    Release,
    Responses,
    Violation,
    release_from_report,
    release_from_results,
)
from wellbeing_framework.analysis import audit as audit_module
from wellbeing_framework.analysis.audit import ORGANISATIONAL, RESPONDENTS, audit

Node = tuple[tuple[str, ...], int | None]


def _release(
    levels: tuple[str, ...],
    leaves: Sequence[tuple[str, ...]],
    nodes: Sequence[Node],
    *,
    items: dict[str, Sequence[int | None]] | None = None,
    k: int = 10,
) -> Release:
    """A release of one wave: ``nodes`` are (group, count or None where hidden)."""
    families = {RESPONDENTS: tuple(n for _, n in nodes)}
    families.update({f"item:{ref}": tuple(v) for ref, v in (items or {}).items()})
    return Release(
        levels=levels,
        leaves=tuple(leaves),
        min_group_size=k,
        nodes=tuple((group, "2025", ()) for group, _ in nodes),
        families=families,
    )


TEAMS = ("service", "team")


def test_a_service_minus_its_shown_team_is_reported_as_a_pool_and_a_pinned_team() -> None:
    """X (15) = A (12) + B (hidden): B is 3, and X's hidden part pools to exactly 3."""
    release = _release(
        TEAMS,
        [("X", "A"), ("X", "B"), ("Y", "C")],
        [
            ((), 30),
            (("X",), 15),
            (("Y",), 15),
            (("X", "A"), 12),
            (("X", "B"), None),
            (("Y", "C"), 15),
        ],
    )
    found = audit([release])
    assert not found.ok
    assert set(found.violations) == {
        Violation(
            rule="G1",
            report=0,
            family=RESPONDENTS,
            group=("X",),
            wave="2025",
            low=3,
            high=3,
            pooled=True,
        ),
        Violation(
            rule="G2", report=0, family=RESPONDENTS, group=("X", "B"), wave="2025", low=3, high=3
        ),
    }
    assert [str(v) for v in found.violations] == [
        "G1: report 1, X, wave 2025: the hidden cells inside it pool to exactly 3",
        "G2: report 1, X / B, wave 2025: hidden count pinned to 3",
    ]


def test_a_hidden_cell_squeezed_into_a_narrow_interval_is_reported_with_it() -> None:
    """Everyone 20, Y / C 16 shown; X, Y and Y / D hidden. X + Y / D = 4, each at least 1
    (listed groups have someone): X is 1 to 3, as is Y / D, and everyone's hidden part is 4."""
    release = _release(
        TEAMS,
        [("X", "A"), ("Y", "C"), ("Y", "D")],
        [
            ((), 20),
            (("X",), None),
            (("Y",), None),
            (("X", "A"), None),
            (("Y", "C"), 16),
            (("Y", "D"), None),
        ],
    )
    found = audit([release])
    by_group = {v.group: v for v in found.violations}
    assert (by_group[("X",)].rule, by_group[("X",)].low, by_group[("X",)].high) == ("G2", 1, 3)
    assert (by_group[("Y", "D")].low, by_group[("Y", "D")].high) == (1, 3)
    assert by_group[()].pooled
    assert by_group[()].low == 4
    assert str(by_group[("X",)]) == "G2: report 1, X, wave 2025: hidden count narrowed to 1..3"


def test_a_wide_interval_and_a_large_pool_pass() -> None:
    """X (25) = A + B, both hidden: each is 1 to 24, and the pool is 25."""
    release = _release(
        TEAMS,
        [("X", "A"), ("X", "B"), ("Y", "C")],
        [
            ((), 40),
            (("X",), 25),
            (("Y",), 15),
            (("X", "A"), None),
            (("X", "B"), None),
            (("Y", "C"), 15),
        ],
    )
    found = audit([release])
    assert found.ok
    assert found.violations == ()
    assert found.hidden_checked == 2


def test_the_interval_rule_uses_half_the_minimum_rounded_up() -> None:
    """X = 20 - 15 = 5 = A + B, both hidden: each is 1 to 4 (width 3). That breaks G2 with
    k = 10 (half is 5), not with k = 5 (half rounded up is 3, and X's 5 is not below k)."""
    nodes: list[Node] = [((), 20), (("X",), None), (("Y",), 15), (("X", "A"), None)]
    nodes += [(("X", "B"), None), (("Y", "C"), 15)]
    leaves = [("X", "A"), ("X", "B"), ("Y", "C")]
    strict = audit([_release(TEAMS, leaves, nodes)])
    assert ("G2", ("X", "A"), 1, 4) in {(v.rule, v.group, v.low, v.high) for v in strict.violations}
    assert audit([_release(TEAMS, leaves, nodes, k=5)]).ok


def test_releases_safe_alone_are_reported_together() -> None:
    """By team: A 12 shown, B hidden. By service and team: X 15 shown. Each passes alone;
    together X - A = B = 3."""
    by_team = Release(
        levels=("team",),
        leaves=(("A",), ("B",), ("C",), ("D",), ("E",)),
        min_group_size=10,
        nodes=tuple(((g,) if g else (), "2025", ()) for g in ("", "A", "B", "C", "D", "E")),
        families={RESPONDENTS: (55, 12, None, 15, None, 14)},
    )
    by_service = _release(
        TEAMS,
        [("X", "A"), ("X", "B"), ("Y", "C"), ("Y", "D"), ("Z", "E")],
        [
            ((), 55),
            (("X",), 15),
            (("Y",), 26),
            (("Z",), 14),
            (("X", "A"), None),
            (("X", "B"), None),
            (("Y", "C"), 15),
            (("Y", "D"), 11),
            (("Z", "E"), 14),
        ],
    )
    assert audit([by_team]).ok
    assert audit([by_service]).ok
    together = audit([by_team, by_service])
    assert {(v.rule, v.report, v.group, v.low, v.high) for v in together.violations} == {
        ("G2", 0, ("B",), 3, 3),
        ("G1", 1, ("X",), 3, 3),
    }


def test_an_item_answered_by_few_is_reported_as_g3() -> None:
    """Everyone answered in X's teams, but of the item: X 13, B 12, A hidden, so A's is 1."""
    release = _release(
        TEAMS,
        [("X", "A"), ("X", "B"), ("Y", "C")],
        [
            ((), 37),
            (("X",), 22),
            (("Y",), 15),
            (("X", "A"), 10),
            (("X", "B"), 12),
            (("Y", "C"), 15),
        ],
        items={"p:item": (28, 13, 15, None, 12, 15)},
    )
    found = audit([release])
    assert {(v.rule, v.family, v.group, v.low, v.high) for v in found.violations} >= {
        ("G3", "item:p:item", ("X", "A"), 1, 1)
    }
    assert str(next(v for v in found.violations if v.group == ("X", "A"))).endswith(
        "(item:p:item): hidden count pinned to 1"
    )


def test_the_organisational_survey_is_audited_like_respondents_and_reported_as_its_own() -> None:
    """Leaders: everyone 14, Z 12 shown, X and Y hidden. X + Y = 2, and each listed service has
    a leader: both are pinned to 1 (a reader who forgot that would only narrow them to 0..2)."""
    staff = _release(TEAMS, [("X", "A")], [((), 20), (("X",), 20), (("X", "A"), 20)])
    leaders = _release(
        ("service",),
        [("X",), ("Y",), ("Z",)],
        [((), 14), (("X",), None), (("Y",), None), (("Z",), 12)],
    )
    found = audit([attrs.evolve(staff, organisational=leaders)])
    assert {(v.rule, v.family, v.group, v.low, v.high) for v in found.violations} == {
        ("G1", ORGANISATIONAL, (), 2, 2),
        ("G2", ORGANISATIONAL, ("X",), 1, 1),
        ("G2", ORGANISATIONAL, ("Y",), 1, 1),
    }
    assert str(found.violations[1]).startswith("G2: report 1, X, wave 2025 (organisational)")


def test_the_surveys_of_several_reports_are_audited_together() -> None:
    """One report shows the leaders by service (X 15), the other by team (A 12): B is 3."""
    staff = _release(TEAMS, [("X", "A")], [((), 20), (("X",), 20), (("X", "A"), 20)])
    by_service = _release(
        TEAMS,
        [("X", "A"), ("X", "B"), ("Y", "C")],
        [
            ((), 30),
            (("X",), 15),
            (("Y",), 15),
            (("X", "A"), None),
            (("X", "B"), None),
            (("Y", "C"), 15),
        ],
    )
    by_team = _release(
        ("team",),
        [("A",), ("B",), ("C",)],
        [((), 30), (("A",), 12), (("B",), None), (("C",), None)],
    )
    one, two = (attrs.evolve(staff, organisational=r) for r in (by_service, by_team))
    assert audit([one]).ok
    assert audit([two]).ok
    found = audit([staff, one, two])
    assert ("G2", ORGANISATIONAL, ("X", "B"), 3, 3) in {
        (v.rule, v.family, v.group, v.low, v.high) for v in found.violations
    }
    assert {v.report for v in found.violations} <= {1, 2}  # never the report without one


def test_figures_no_data_can_give_are_an_audit_error_naming_the_cell() -> None:
    """Everyone 20 and Y 20 leave nobody for X, which is listed, so has someone."""
    release = _release(
        TEAMS,
        [("X", "A"), ("Y", "C")],
        [((), 20), (("X",), None), (("Y",), 20), (("X", "A"), None), (("Y", "C"), 20)],
    )
    with pytest.raises(AuditError) as info:
        audit([release])
    assert str(info.value) == (
        "report 1, X, wave 2025: the published figures contradict each other: are all the "
        "reports of the same data?"
    )


def test_no_release_is_nothing_to_find() -> None:
    assert audit([]).ok


def test_it_is_public() -> None:
    assert "ORGANISATIONAL" in audit_module.__all__


# -- reading reports ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], r'r.json: not a wellbeing report \(expected "format": "wellbeing-report"\)'),
        ({"format": "csv"}, "r.json: not a wellbeing report"),
        (
            {"format": "wellbeing-report", "levels": ["Team"], "min_group_size": 0, "groups": []},
            "r.json: min_group_size: expected a whole number of at least 1",
        ),
        (
            {"format": "wellbeing-report", "levels": "Team", "min_group_size": 10, "groups": []},
            "r.json: levels: expected a list of strings",
        ),
        (
            {
                "format": "wellbeing-report",
                "levels": [],
                "min_group_size": 10,
                "groups": [{"group": [], "wave": None, "n": -1}],
            },
            r"r.json: groups\[0\].n: expected a count or null",
        ),
        (
            {
                "format": "wellbeing-report",
                "levels": [],
                "min_group_size": 10,
                "groups": [{"group": [], "wave": None, "n": 12}],
                "cells": [{"group": ["X"], "wave": None, "kind": "item", "element": "p:i"}],
            },
            r"r.json: cells\[0\]: its group is not listed under groups",
        ),
    ],
)
def test_a_report_the_audit_cannot_read_says_where(data: object, message: str) -> None:
    with pytest.raises(AuditError, match=message):
        release_from_report(data, source="r.json")  # type: ignore[arg-type]


def _responses() -> Responses:
    paths = [("A", "x")] * 12 + [("A", "y")] * 3 + [("A", "z")] * 14 + [("B", "u")] * 20
    options = np.ones((len(paths), 3), dtype=np.int8)
    options[:5, 0] = 0  # five blanks in team x's first item
    return Responses.from_arrays(
        items=sa.individual_items(), levels=("service", "team"), group_paths=paths, options=options
    )


def test_a_report_and_its_results_are_the_same_release() -> None:
    """What the JSON report publishes is what the results hold: the library's two readings of a
    release agree, node for node and count for count."""
    results = aggregate(_responses())
    from_results = release_from_results(results)
    data = json.loads(json.dumps(report_json(Report(results=results))))
    from_report = release_from_report(data)
    assert from_report.nodes == from_results.nodes
    assert from_report.leaves == from_results.leaves
    assert from_report.families == from_results.families
    assert any(v is None for v in from_report.families[RESPONDENTS])
    assert audit([from_report]).ok


def test_results_without_items_publish_only_respondents() -> None:
    release = release_from_results(aggregate(_responses(), items=False), include_items=False)
    assert set(release.families) == {RESPONDENTS}


def test_shown_counts_that_do_not_add_up_are_an_audit_error_naming_the_cell() -> None:
    """Everyone 30 = X 15 + Y 16, every count shown: nothing is hidden, yet no data gives that."""
    release = _release(TEAMS, [("X",), ("Y",)], [((), 30), (("X",), 15), (("Y",), 16)])
    with pytest.raises(AuditError) as info:
        audit([release])
    assert str(info.value) == (
        "report 1, everyone, wave 2025: its count 30 and the shown counts inside it (31) "
        "contradict each other: are all the reports of the same data?"
    )


def test_two_reports_showing_one_cell_with_two_counts_are_an_audit_error() -> None:
    one = _release(("service",), [("X",)], [((), 30), (("X",), 30)])
    two = _release(("service",), [("X",)], [((), 31), (("X",), 31)])
    with pytest.raises(AuditError) as info:
        audit([one, two])
    assert str(info.value) == (
        "report 2, everyone, wave 2025: shows 31 where report 1, everyone, wave 2025 shows 30 "
        "for the same people: the published figures contradict each other: are all the "
        "reports of the same data?"
    )


def test_the_audit_solves_after_another_highs_user_in_the_process() -> None:
    """HiGHS keeps one thread scheduler per process: a solver that asked for another number of
    threads than the first one made it with failed ("Not Set"). Two releases are solved by the
    linear programs; here, in a fresh process, after a solve with HiGHS's own defaults."""
    import subprocess
    import sys

    script = """
import highspy, numpy as np
from wellbeing_framework.analysis.audit import RESPONDENTS, Release, audit
h = highspy.Highs()
h.setOptionValue("output_flag", False)
h.addVars(1, np.zeros(1), np.full(1, 5.0))
h.run()
release = Release(
    levels=("team",),
    leaves=(("A",), ("B",)),
    min_group_size=5,
    nodes=(((), "2025", ()), (("A",), "2025", ()), (("B",), "2025", ())),
    families={RESPONDENTS: (30, None, None)},
)
print(audit([release, release]).ok)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "True"


def test_a_filtered_report_without_a_wave_leaves_that_wave_audited_in_the_others() -> None:
    """A report filtered to admins lists only the wave that had admins; a report of everyone
    shows wave 1's everyone (3) and hides its two directorates (each at least 1): each is 1 or
    2. The wave the filtered report does not list still has people outside its filter, so the
    audit of both reports together must still see wave 1 (it dropped out of the joint system)."""
    admins = Release(
        levels=("directorate",),
        leaves=(("d0",), ("d1",)),
        filters=(("role", "admin"),),
        min_group_size=3,
        nodes=(((), "w2", ()), (("d0",), "w2", ())),
        families={RESPONDENTS: (5, 5)},
    )
    everyone = Release(
        levels=("directorate",),
        leaves=(("d0",), ("d1",)),
        min_group_size=3,
        nodes=(
            ((), "w1", ()),
            ((), "w2", ()),
            (("d0",), "w1", ()),
            (("d0",), "w2", ()),
            (("d1",), "w1", ()),
        ),
        families={RESPONDENTS: (3, None, None, None, None)},
    )
    found = {
        (v.report, v.group, v.wave): (v.rule, v.low, v.high)
        for v in audit([admins, everyone]).violations
    }
    assert found[(1, ("d0",), "w1")] == ("G2", 1, 2)
    assert found[(1, ("d1",), "w1")] == ("G2", 1, 2)
