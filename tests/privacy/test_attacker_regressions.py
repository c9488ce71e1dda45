"""Leaks the independent attacker found in what the library wrote, each shrunk to its smallest
example and kept, with the library's own audit checked against the same leak."""

from __future__ import annotations

import copy
import json
from typing import Any

import numpy as np
from privacy.attacker import attack
from strategies import analysis as sa

from wellbeing_framework.analysis.aggregate import aggregate
from wellbeing_framework.analysis.audit import audit, release_from_report
from wellbeing_framework.analysis.responses import Responses, checklist_items
from wellbeing_framework.analysis.results import Reconciliation
from wellbeing_framework.render.report import make_report
from wellbeing_framework.render.report_json import report_json


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
