"""The I/We gap, trends across waves, priorities and the tidy frames."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from strategies import analysis as sa

from wellbeing_framework import (
    ActionPlan,
    ElementNotFoundError,
    aggregate,
    gap,
    priorities,
    structure,
    trends,
    unstructure,
)
from wellbeing_framework.analysis import ElementKind, Responses, as_action_plan, frames
from wellbeing_framework.analysis.responses import checklist_items


def _individual(speak: int, size: int, team: str, wave: str = "2025") -> tuple[list, list, list]:
    """``size`` people in ``team`` all answering safe-speak with option ``speak``, safe-ask
    'agree' and rest-breaks 'no'."""
    return [("Trust", team)] * size, [[speak, 3, 2]] * size, [wave] * size


def _responses(*parts: tuple[list, list, list]) -> Responses:
    paths, options, waves = [], [], []
    for p, o, w in parts:
        paths += p
        options += o
        waves += w
    return Responses.from_arrays(
        items=sa.individual_items(),
        levels=("trust", "team"),
        group_paths=paths,
        options=np.array(options),
        waves=waves,
    )


def _organisational(speak: int, breaks: int, path: tuple[str, ...]) -> Responses:
    return Responses.from_arrays(
        items=checklist_items(sa.CATALOG, sa.ORGANISATIONAL),
        levels=("trust", "team")[: len(path)],
        group_paths=[path],
        options=np.array([[speak, breaks]]),
    )


def test_the_gap_is_organisational_minus_individual_largest_first() -> None:
    individual = aggregate(_responses(_individual(1, 12, "A"), _individual(4, 12, "B")))
    organisation = _organisational(4, 0, ("Trust",))  # strongly agree (1.0); yes (1.0)
    rows = gap(individual, organisation, level=2)
    by_key = {(r.theme, r.group): r for r in rows}
    # Team A safety: disagree (0.25) and agree (0.75) pooled -> 0.5; the trust says 1.0.
    a_safety = by_key[("demo:safety", ("Trust", "A"))]
    assert a_safety.individual == pytest.approx(0.5)
    assert a_safety.organisational == pytest.approx(1.0)
    assert a_safety.gap == pytest.approx(0.5)
    assert a_safety.organisational_group == ("Trust",)
    assert a_safety.n_individual == 12
    assert a_safety.n_organisational == 1
    rest = by_key[("demo:rest", ("Trust", "A"))]
    assert rest.gap == pytest.approx(1.0)  # staff say no (0), the trust says yes (1)
    gaps = [abs(r.gap) for r in rows if r.gap is not None]
    assert gaps == sorted(gaps, reverse=True)


def test_the_gap_hides_the_individual_side_of_a_small_group() -> None:
    individual = aggregate(_responses(_individual(1, 12, "A"), _individual(4, 3, "B")))
    rows = gap(individual, _organisational(4, 0, ("Trust",)), level=2)
    hidden = [r for r in rows if r.suppressed]
    assert hidden
    for row in hidden:
        # A row whose either side is hidden shows neither: the organisation's counts next to a
        # hidden team would help place it.
        assert (row.individual, row.gap, row.n_individual) == (None, None, None)
        assert (row.organisational, row.n_organisational) == (None, None)
    assert rows[-1].gap is None  # hidden rows come last


def test_trends_only_where_both_waves_are_shown() -> None:
    results = aggregate(
        _responses(
            _individual(1, 20, "A", "2024"),
            _individual(3, 20, "A", "2025"),
            _individual(1, 12, "B", "2024"),
            _individual(3, 4, "B", "2025"),
            _individual(1, 12, "C", "2025"),
        )
    )
    rows = trends(results)
    groups = {r.group for r in rows}
    assert ("Trust", "A") in groups
    assert ("Trust", "B") not in groups  # hidden in 2025 (4 people)
    assert ("Trust", "C") not in groups  # not there in 2024
    a = next(r for r in rows if r.group == ("Trust", "A") and r.element == "demo:safety")
    assert (a.from_wave, a.to_wave) == ("2024", "2025")
    assert a.change == pytest.approx(((0.75 + 0.75) - (0.25 + 0.75)) / 2)
    assert all(r.kind is ElementKind.THEME for r in rows)
    with pytest.raises(ElementNotFoundError, match="no wave '2030'"):
        trends(results, waves=("2024", "2030"))


def test_priorities_name_the_weakest_theme_its_prompts_and_tools() -> None:
    results = aggregate(_responses(_individual(0, 12, "A")))
    found = priorities(results, sa.CATALOG, group=("Trust", "A"), limit=1, item_limit=2)
    (weakest,) = found.themes
    assert weakest.element == "demo:rest"  # everyone says no to breaks: 0.0
    assert weakest.normalised == 0.0
    assert [i.element for i in found.items] == ["demo:rest-breaks", "demo:safe-speak"]
    safety_item = found.items[1]
    assert safety_item.prompts == ("demo:safety-prompt",)
    assert safety_item.tools == ("demo:speak-up-guide",)
    assert found.draft.actions[0].theme == "demo:rest"
    plan = as_action_plan(found.draft, created=dt.date(2025, 5, 1))
    assert isinstance(plan, ActionPlan)
    assert structure(unstructure(plan), ActionPlan) == plan
    assert plan.actions[0].links[0] == "demo:rest"


def test_priorities_of_a_hidden_group_are_empty() -> None:
    results = aggregate(_responses(_individual(0, 12, "A"), _individual(0, 3, "B")))
    found = priorities(results, sa.CATALOG, group=("Trust", "B"))
    assert found.themes == ()
    assert found.items == ()


def test_frames_are_tidy_and_hold_no_hidden_numbers() -> None:
    results = aggregate(_responses(_individual(1, 12, "A"), _individual(4, 3, "B")))
    cells = frames.cells_frame(results)
    assert len(cells) == len(results.cells)
    assert list(cells["element"]) == [c.element for c in results.cells]
    hidden = cells[cells["suppressed"]]
    assert not hidden.empty
    assert hidden["n"].isna().all()
    assert hidden["normalised"].isna().all()
    shown = cells[~cells["suppressed"]]
    assert (shown["n"] >= 10).all()
    assert set(cells.columns) >= {"trust", "team", "group", "wave", "n", "band", "title"}
    groups = frames.groups_frame(results)
    assert list(groups["n"].isna()) == [g.n is None for g in results.groups]
    rows = gap(results, _organisational(4, 0, ("Trust",)))
    assert len(frames.gap_frame(rows)) == len(rows)
    assert list(frames.trends_frame(()).columns)[:3] == ["element", "kind", "group"]
