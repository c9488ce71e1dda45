"""Leaks the independent attacker found in what the library wrote, each shrunk to its smallest
example and kept, with the library's own audit checked against the same leak."""

from __future__ import annotations

import copy
import json
from typing import Any

import numpy as np
from privacy.attacker import attack
from strategies import analysis as sa

from wellbeing_framework import aggregate, make_report, report_json
from wellbeing_framework.analysis import Reconciliation, Responses, release_from_report
from wellbeing_framework.analysis.audit import audit
from wellbeing_framework.analysis.responses import checklist_items
from wellbeing_framework.render import audited_report_json


def _responses(items: Any, paths: list[tuple[str, ...]], waves: list[str]) -> Responses:
    width = np.array([len(i.scale.options) for i in items])
    options = np.arange(len(paths) * len(items)).reshape(len(paths), len(items)) % width
    return Responses.from_arrays(
        items=items, levels=("Service",), group_paths=paths, options=options, waves=waves
    )


def _accepted(responses: Responses, source: str) -> Reconciliation:
    n = responses.n_rows
    return Reconciliation(source=source, rows_read=n, rows_accepted=n, rows_rejected=0)


def test_the_leaders_import_counts_do_not_give_a_hidden_wave_of_leaders_away() -> None:
    # Found by the attacker: 12 leaders answered in w1 and 2 in w2, so the survey hides w2,
    # but the organisational import block said "rows accepted 14": 14 - 12 = 2 leaders.
    staff = _responses(sa.individual_items(), [("s0",)] * 30, ["w1"] * 15 + ["w2"] * 15)
    leaders = _responses(
        checklist_items(sa.CATALOG, sa.ORGANISATIONAL), [("s0",)] * 14, ["w1"] * 12 + ["w2"] * 2
    )
    report = make_report(
        aggregate(staff, min_group_size=5),
        catalog=sa.CATALOG,
        reconciliation=_accepted(staff, "staff.csv"),
        organisational=leaders,
        organisational_reconciliation=_accepted(leaders, "leaders.csv"),
        organisational_mode="survey",
    )
    data = json.loads(json.dumps(report_json(report)))
    assert data["organisational_import"]["rows_accepted"] is None
    assert data["organisational_import"]["rows_read"] is None
    assert attack([data]) == []
    assert audit([release_from_report(data)]).ok
    # The report as it was: the attacker and the library's audit both see the two leaders.
    leaky = copy.deepcopy(data)
    leaky["organisational_import"].update(rows_read=14, rows_accepted=14)
    assert [str(f) for f in attack([leaky]) if f.low == f.high == 2]
    found = audit([release_from_report(leaky)]).violations
    assert [(v.family, v.wave, v.low, v.high) for v in found] == [("organisational", "w2", 2, 2)]


def _report(
    responses: Responses,
    k: int,
    earlier: list[dict[str, Any]],
    by: tuple[str, ...] = (),
    where: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A report as ``wellbeing report`` makes it beside earlier ones of the same data."""
    releases = [release_from_report(e) for e in earlier]
    results = aggregate(
        responses,
        min_group_size=k,
        force_small_groups=k < 5,
        by=by,
        where=where,
        earlier=releases,
    )
    report = make_report(results, catalog=sa.CATALOG)
    return json.loads(json.dumps(audited_report_json(report, releases)))


def test_two_groupings_that_cross_do_not_narrow_a_team_through_the_distributions() -> None:
    by_both, by_team = sa.crossing_groupings()
    first = _report(by_both, 3, [])
    second = _report(by_team, 3, [first])
    assert [g["n"] for g in first["groups"] if len(g["group"]) == 2] == [None] * 4
    assert attack([first]) == []
    found = attack([first, second])
    assert found == [], "\n".join(map(str, found))
    # The teams' answers cut across the services': beside the first report, the second shows
    # its teams' counts but not their answers.
    assert {g["n"] for g in second["groups"] if g["group"]} == {4}
    assert all(c["suppressed"] for c in second["cells"] if c["group"] and c["kind"] == "item")
    # Made without the ledger, the second shows the teams' answers, and the library's audit
    # of the two together sees what the attacker sees.
    alone = _report(by_team, 3, [])
    assert ("G2", 1, 2) in {(f.rule, f.low, f.high) for f in attack([first, alone])}
    found_by_audit = audit([release_from_report(first), release_from_report(alone)]).violations
    assert ("G2", ("s0", "t0"), 1, 2) in {(v.rule, v.group, v.low, v.high) for v in found_by_audit}


def test_a_service_in_two_directorates_by_role_at_10_then_5() -> None:
    # Found by the attacker, at the default minimum: service s0 is in directorates d0 (10
    # people) and d1 (3); s1 (7) in d0. By Directorate,Service and role at 10, then by Service
    # and role at 5 (which shows s0's 7 doctors), the distributions narrow d0/s0's doctors to
    # 1..5 and its nurses to 5..9.
    rows = [
        ("d0", "s0", "nurse", [2, 3, 0]), ("d0", "s0", "doctor", [3, 1, 2]),
        ("d0", "s0", "doctor", [2, 3, 2]), ("d0", "s0", "nurse", [0, 1, 2]),
        ("d0", "s0", "doctor", [3, 4, 1]), ("d0", "s0", "doctor", [2, 4, 1]),
        ("d0", "s0", "nurse", [4, 4, 3]), ("d0", "s0", "nurse", [3, 4, 2]),
        ("d0", "s0", "nurse", [0, 1, 3]), ("d0", "s0", "doctor", [1, 2, 1]),
        ("d0", "s1", "nurse", [1, 1, 3]), ("d0", "s1", "doctor", [0, 2, 2]),
        ("d0", "s1", "doctor", [2, 2, 0]), ("d0", "s1", "doctor", [2, 4, 3]),
        ("d0", "s1", "nurse", [4, 2, 2]), ("d0", "s1", "nurse", [2, 4, 2]),
        ("d0", "s1", "nurse", [3, 2, 1]), ("d1", "s0", "doctor", [1, 0, 3]),
        ("d1", "s0", "doctor", [3, 0, 3]), ("d1", "s0", "nurse", [0, 2, 1]),
    ]  # fmt: skip
    common = {
        "items": sa.individual_items(),
        "options": np.array([r[3] for r in rows]),
        "waves": ["w2"] * len(rows),
        "dimensions": {"role": [r[2] for r in rows]},
    }
    both = Responses.from_arrays(
        levels=("Directorate", "Service"), group_paths=[r[:2] for r in rows], **common
    )
    service = Responses.from_arrays(
        levels=("Service",), group_paths=[r[1:2] for r in rows], **common
    )
    first = _report(both, 10, [], by=("role",))
    second = _report(service, 5, [first], by=("role",))
    assert attack([first]) == []
    found = attack([first, second])
    assert found == [], "\n".join(map(str, found))


def test_everyone_beside_a_filtered_report_does_not_give_the_rest_away() -> None:
    # Found by the attacker: d0 has 3 doctors and a nurse, d1 5 doctors and 2 nurses. A report
    # of the doctors, then one of everyone, showed d0 as 4 beside its 3 doctors: the nurse on
    # her own. The audit's pools came only from shown cells that nest, and the doctors of
    # everyone cross each directorate of everyone.
    rows = [("d0", "doctor")] * 3 + [("d0", "nurse")] + [("d1", "doctor")] * 5
    rows += [("d1", "nurse")] * 2
    staff = Responses.from_arrays(
        items=sa.individual_items(),
        levels=("Directorate",),
        group_paths=[r[:1] for r in rows],
        options=np.zeros((len(rows), 3), dtype=np.int8),
        waves=["w2"] * len(rows),
        dimensions={"role": [r[1] for r in rows]},
    )
    doctors = _report(staff, 3, [], where={"role": "doctor"})
    everyone = _report(staff, 3, [doctors])
    shown = {tuple(g["group"]): g["n"] for g in everyone["groups"]}
    assert shown[("d0",)] is None
    assert attack([doctors, everyone], distributions=False) == []
    # The report as it was: both the attacker and the library's audit see the nurse.
    leaky = copy.deepcopy(everyone)
    for g in leaky["groups"]:
        g["n"] = {(): 11, ("d0",): 4, ("d1",): 7}[tuple(g["group"])]
    assert ("G1", 1, 1) in {
        (f.rule, f.low, f.high) for f in attack([doctors, leaky], distributions=False)
    }
    found = audit([release_from_report(doctors), release_from_report(leaky)]).violations
    assert [(v.rule, v.group, v.low, v.pooled) for v in found][:1] == [("G1", ("d0",), 1, True)]


def test_the_rest_of_a_filtered_group_is_not_pinned_by_two_pools() -> None:
    # Found by the attacker: s0 has 4 nurses and a doctor, s1 5 nurses and 3 doctors. A report
    # of the nurses, then one of everyone (s0 hidden, s1 shown as 8): everyone (13) less s1
    # (8) less s0's nurses (4) is s0's one doctor.
    rows = [("s0", "nurse")] * 4 + [("s0", "doctor")] + [("s1", "nurse")] * 5
    rows += [("s1", "doctor")] * 3
    staff = Responses.from_arrays(
        items=sa.individual_items(),
        levels=("Service",),
        group_paths=[r[:1] for r in rows],
        options=np.zeros((len(rows), 3), dtype=np.int8),
        waves=["w1"] * len(rows),
        dimensions={"role": [r[1] for r in rows]},
    )
    nurses = _report(staff, 3, [], where={"role": "nurse"})
    everyone = _report(staff, 3, [nurses])
    found = attack([nurses, everyone], distributions=False)
    assert not found, "\n".join(map(str, found))


def test_everyone_less_a_team_of_the_second_grouping_is_checked() -> None:
    # Found by the attacker: grouped by Team,Unit (minimum 3, by role) and then by
    # Directorate,Service (10), the second showed everyone (17) and d0/s0 (10): the other 7,
    # d0/s1 and d1/s0, pooled below 10. The audit took pools from one way of nesting only, and
    # the first report's units set everyone's chain.
    people = [(("d0", "s0", "t0", "u1"), "nurse")] * 5 + [(("d0", "s0", "t0", "u1"), "doctor")] * 5
    people += [(("d0", "s1", "t0", "u0"), "doctor")] + [(("d1", "s0", "t0", "u0"), "nurse")] * 5
    people += [(("d1", "s0", "t0", "u0"), "doctor")]
    columns = ("Directorate", "Service", "Team", "Unit")

    def grouped(*chosen: str) -> Responses:
        return Responses.from_arrays(
            items=sa.individual_items(),
            levels=chosen,
            group_paths=[tuple(p[columns.index(c)] for c in chosen) for p, _ in people],
            options=np.zeros((len(people), 3), dtype=np.int8),
            waves=["w1"] * len(people),
            dimensions={"role": [r for _, r in people]},
        )

    units = _report(grouped("Team", "Unit"), 3, [], by=("role",))
    services = _report(grouped("Directorate", "Service"), 10, [units])
    assert attack([units, services], distributions=False) == []
    leaky = copy.deepcopy(services)
    for g in leaky["groups"]:
        g["n"] = {(): 17, ("d0", "s0"): 10}.get(tuple(g["group"]))
    assert attack([units, leaky], distributions=False)
    found = audit([release_from_report(units), release_from_report(leaky)]).violations
    assert ("G1", (), 7, True) in {(v.rule, v.group, v.low, v.pooled) for v in found}
