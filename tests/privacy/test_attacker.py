"""The independent attacker finds nothing in what the library publishes.

Each example is a small survey (2 to 4 levels of groups of 1 to 30 people, two waves, blank
answers, a role per person) and one or two reports of it, made as ``wellbeing report`` makes
them: aggregated against the earlier releases in one ledger, audited, recorded. The attacker of
``attacker.py`` then reads the published JSON only, and must find no breach of G1 to G3.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import event, given, settings
from hypothesis import strategies as st
from privacy.attacker import attack
from strategies import analysis as sa

from wellbeing_framework import aggregate, make_report
from wellbeing_framework.analysis import Reconciliation, Responses
from wellbeing_framework.analysis.ledger import Ledger
from wellbeing_framework.analysis.responses import checklist_items
from wellbeing_framework.errors import PrivacyError
from wellbeing_framework.render import audited_report_text

COLUMNS = ("Directorate", "Service", "Team", "Unit")
ROLES = ("nurse", "doctor", "admin")
LEADER_ITEMS = checklist_items(sa.CATALOG, sa.ORGANISATIONAL)

#: The examples are small, so the whole file runs in seconds; the ``ci`` profile draws more.
FEWER = settings(max_examples=max(10, settings.default.max_examples // 3))


@dataclass
class Survey:
    """One set of answers: a row per person, with every column a report may group by. Its
    repr is what was drawn, enough to make it again."""

    columns: tuple[str, ...]
    sizes: dict[tuple[tuple[str, ...], str], int]  # (finest group, wave) -> people
    seed: int
    alike: float  # the share of people who answer every item with its first option
    blank: float  # the share of answers left blank
    roles: int  # how many of the roles occur
    rejected: int  # rows the import refused

    def __post_init__(self) -> None:
        self.paths = [leaf for (leaf, _), n in self.sizes.items() for _ in range(n)]
        self.waves = [wave for (_, wave), n in self.sizes.items() for _ in range(n)]
        rng = np.random.default_rng(self.seed)
        width = np.array([len(i.scale.options) for i in sa.individual_items()])
        options = rng.integers(0, 1 << 30, size=(len(self.paths), len(width))) % width
        options[rng.random(len(self.paths)) < self.alike] = 0
        options[rng.random(options.shape) < self.blank] = -1
        self.options = options
        self.role = [ROLES[r] for r in rng.integers(0, self.roles, len(self.paths))]

    def responses(self, columns: Sequence[str]) -> Responses:
        """The answers grouped by some of the columns, top first."""
        chosen = [self.columns.index(c) for c in columns]
        return Responses.from_arrays(
            items=sa.individual_items(),
            levels=tuple(columns),
            group_paths=[tuple(p[i] for i in chosen) for p in self.paths],
            options=self.options,
            waves=self.waves,
            dimensions={"role": self.role},
        )

    def reconciliation(self) -> Reconciliation:
        accepted = len(self.paths)
        return Reconciliation(
            source="survey.csv",
            rows_read=accepted + self.rejected,
            rows_accepted=accepted,
            rows_rejected=self.rejected,
        )


@st.composite
def surveys(draw: st.DrawFn) -> Survey:
    """2 to 4 levels; a handful of finest groups, whose names repeat under different parents as
    team names do; 0 to 30 people in each in each of two waves."""
    depth = draw(st.integers(2, 4))
    columns = COLUMNS[:depth]
    names = st.tuples(*(st.sampled_from([f"{c[0].lower()}{i}" for i in range(2)]) for c in columns))
    leaves = sorted(draw(st.sets(names, min_size=1, max_size=6)))
    sizes = {(leaf, wave): draw(st.integers(0, 30)) for leaf in leaves for wave in ("w1", "w2")}
    if not any(sizes.values()):
        sizes[(leaves[0], "w1")] = 1
    return Survey(
        columns=columns,
        sizes=sizes,
        seed=draw(st.integers(0, 2**32 - 1)),
        alike=draw(st.sampled_from([0.0, 0.5])),
        blank=draw(st.sampled_from([0.0, 0.2, 0.7])),
        roles=draw(st.integers(1, 3)),
        rejected=draw(st.integers(0, 2)),
    )


@st.composite
def choices(draw: st.DrawFn, survey: Survey) -> dict[str, Any]:
    """What one report asks for: its group columns, minimum, cross-tab or filter."""
    depth = len(survey.columns)
    start = draw(st.integers(0, depth - 1))
    stop = draw(st.integers(start + 1, depth))
    kind = draw(st.sampled_from(["plain", "by", "where"]))
    chosen: dict[str, Any] = {
        "columns": survey.columns[start:stop],
        "k": draw(st.sampled_from([3, 5, 10])),
    }
    if kind == "by":
        chosen["by"] = ("role",)
    elif kind == "where":
        roles = sorted(set(survey.role))
        chosen["where"] = {"role": draw(st.lists(st.sampled_from(roles), min_size=1, unique=True))}
    return chosen


@st.composite
def leaders(draw: st.DrawFn, survey: Survey) -> Responses | None:
    """An organisational survey: leaders of each top-level group answering one by one."""
    if not draw(st.booleans()):
        return None
    tops = sorted({p[0] for p in survey.paths})
    paths: list[tuple[str]] = []
    waves: list[str] = []
    for top in tops:
        for wave in ("w1", "w2"):
            size = draw(st.integers(0, 14))
            paths += [(top,)] * size
            waves += [wave] * size
    if len(paths) < 2:
        return None
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    width = np.array([len(i.scale.options) for i in LEADER_ITEMS])
    options = rng.integers(0, 1 << 30, size=(len(paths), len(LEADER_ITEMS))) % width
    return Responses.from_arrays(
        items=LEADER_ITEMS,
        levels=(survey.columns[0],),
        group_paths=paths,
        options=options,
        waves=waves,
    )


def publish(
    survey: Survey,
    ledger: Ledger,
    chosen: dict[str, Any],
    organisational: Responses | None = None,
) -> dict[str, Any]:
    """One report as ``wellbeing report`` makes it: suppressed against the ledger's earlier
    releases of the same data, audited, recorded, and read back as the JSON written."""
    earlier = ledger.releases("survey")
    results = aggregate(
        survey.responses(chosen["columns"]),
        min_group_size=chosen["k"],
        force_small_groups=chosen["k"] < 5,
        by=chosen.get("by", ()),
        where=chosen.get("where"),
        earlier=earlier,
    )
    report = make_report(
        results,
        catalog=sa.CATALOG,
        reconciliation=survey.reconciliation(),
        organisational=organisational,
        organisational_reconciliation=None
        if organisational is None
        else Reconciliation(
            source="leaders.csv",
            rows_read=organisational.n_rows,
            rows_accepted=organisational.n_rows,
            rows_rejected=0,
        ),
        organisational_mode=None if organisational is None else "survey",
    )
    published = audited_report_text(report, earlier)
    ledger.record("survey", published, repr(chosen))
    data: dict[str, Any] = json.loads(published)
    return data


@FEWER
@given(st.data())
def test_one_report_gives_nobody_away(tmp_path_factory: Any, data: st.DataObject) -> None:
    survey = data.draw(surveys())
    chosen = data.draw(choices(survey))
    org = data.draw(leaders(survey))
    with Ledger(Path(tmp_path_factory.mktemp("ledger")) / "ledger.sqlite3") as ledger:
        report = publish(survey, ledger, chosen, org)
    found = attack([report])
    assert not found, "\n".join(map(str, found))


@FEWER
@given(st.data())
def test_two_reports_through_one_ledger_give_nobody_away(
    tmp_path_factory: Any, data: st.DataObject
) -> None:
    survey = data.draw(surveys())
    with Ledger(Path(tmp_path_factory.mktemp("ledger")) / "ledger.sqlite3") as ledger:
        reports = [publish(survey, ledger, data.draw(choices(survey)))]
        try:
            reports.append(publish(survey, ledger, data.draw(choices(survey))))
        except PrivacyError:
            # The library may refuse a second report it cannot make safe beside the first (a
            # cross-tab of a pool the first showed): nothing is written, nothing to attack.
            event("second report refused")
    found = attack(reports)
    assert not found, "\n".join(map(str, found))
