"""Privacy properties of aggregation, checked on generated hierarchies.

The counts a reader sees obey sums: a parent group is the sum of its child groups (in every wave
and cross-tab value), a group is the sum of its cross-tab cells, and a filtered group plus the rest
of the group is the whole group (which we assume the reader knows). "Recovered by subtraction"
means: some combination of those sums, with the shown counts filled in, pins down a hidden count
exactly. The tests build those sums here, independently of the code under test, and check:

1. every shown count is at least the minimum, and is the true count;
2. no sum has exactly one hidden part, and when its total is visible the hidden parts add up to 0
   or at least the minimum (the rule the suppression keeps);
3. by brute force, with linear algebra: for every hidden cell with fewer respondents than the
   minimum, the system of sums does not determine it (its unit vector is not in the row space of
   the equations restricted to the hidden unknowns). Bounds (a count is at least 0) are not
   modelled; the minimum is a count, not a statistical guarantee.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework import Results, aggregate
from wellbeing_framework.analysis import Responses, release_from_results
from wellbeing_framework.analysis.audit import audit
from wellbeing_framework.errors import PrivacyError

Key = tuple[tuple[str, ...], str | None, tuple[tuple[str, str], ...]]


def _rows(responses: Responses) -> list[tuple[tuple[str, ...], str | None, str | None]]:
    leaves = [responses.paths[-1][g] for g in responses.groups[:, -1].tolist()]
    waves = [responses.waves[w] for w in responses.wave.tolist()]
    if responses.dimensions:
        values = responses.dimension_values[0]
        roles: list[str | None] = [values[c] for c in responses.dimension_codes[:, 0].tolist()]
    else:
        roles = [None] * len(leaves)
    return list(zip(leaves, waves, roles, strict=True))


def _truth(responses: Responses, breakdowns: Iterable[str | None]) -> Counter[Key]:
    """True respondent counts for every group prefix, wave and role value (None = all roles)."""
    counts: Counter[Key] = Counter()
    for leaf, wave, role in _rows(responses):
        for depth in range(len(leaf) + 1):
            for b in breakdowns:
                if b is None:
                    counts[(leaf[:depth], wave, ())] += 1
                elif b == role:
                    counts[(leaf[:depth], wave, (("role", b),))] += 1
    return counts


def _sums(responses: Responses, columns: list[tuple[tuple[str, str], ...]], parts_of_total: bool):
    """Every sum as (total key, part keys): the hierarchy in each column and wave, and, when
    ``parts_of_total``, the whole group as the sum of its role cells."""
    prefixes = {p[:d] for p in responses.paths[-1] for d in range(len(p) + 1)}
    sums = []
    for wave in responses.waves:
        for b in columns:
            for g in prefixes:
                children = sorted(p for p in prefixes if len(p) == len(g) + 1 and p[:-1] == g)
                if children:
                    sums.append(((g, wave, b), [(c, wave, b) for c in children]))
        if parts_of_total:
            for g in prefixes:
                sums.append(((g, wave, ()), [(g, wave, b) for b in columns if b]))
    return sums


def _check(
    results: Results, truth: Counter[Key], sums, minimum: int, known: set[Key], rule_sums=None
) -> None:
    shown = {}
    hidden = set()
    for cell in results.groups:
        key = (cell.group, cell.wave, cell.breakdown)
        if cell.suppressed:
            assert cell.n is None
            hidden.add(key)
        else:
            assert cell.n is not None
            assert cell.n >= minimum, f"{key} shown with {cell.n} < {minimum}"
            assert cell.n == truth[key]
            shown[key] = cell.n
    published = set(shown) | hidden
    # Every key with people in it is shown, known from elsewhere, or hidden.
    unknown = {k for k in truth if truth[k] > 0 and k not in shown and k not in known} | hidden
    visible = set(shown) | known
    for total, parts in sums if rule_sums is None else rule_sums:
        if truth[total] == 0:
            continue
        live = [p for p in parts if truth[p] > 0]
        hidden_parts = [p for p in live if p in unknown]
        total_hidden = total in unknown
        # The only unknown of a sum is worked out from it: that is allowed only of a cell that
        # is not small (a total hidden beside children all shown, which G2 permits).
        unknowns = [*hidden_parts, *([total] if total_hidden else [])]
        assert len(unknowns) != 1 or truth[unknowns[0]] >= minimum, (
            f"{total}: one hidden part {unknowns}, of {truth[unknowns[0]]} people"
        )
        if total in visible:
            hidden_sum = sum(truth[p] for p in hidden_parts)
            assert hidden_sum == 0 or hidden_sum >= minimum, (total, hidden_parts, hidden_sum)
    # Brute force: a hidden small cell is never determined by the system of sums.
    unknowns = sorted(unknown)
    index = {k: i for i, k in enumerate(unknowns)}
    rows = []
    for total, parts in sums:
        row = np.zeros(len(unknowns))
        if total in index:
            row[index[total]] += 1
        for p in parts:
            if p in index:
                row[index[p]] -= 1
        if row.any():
            rows.append(row)
    if not rows:
        return
    system = np.array(rows)
    rank = np.linalg.matrix_rank(system)
    for key in unknowns:
        if 0 < truth[key] < minimum:
            probe = np.zeros(len(unknowns))
            probe[index[key]] = 1
            assert np.linalg.matrix_rank(np.vstack([system, probe])) > rank, (
                f"hidden {key} ({truth[key]}) can be worked out from the published counts"
            )
    assert published  # something was published


@settings(max_examples=80)
@given(sa.responses(), st.sampled_from([5, 10]))
def test_hierarchy_hides_small_groups_and_cannot_be_subtracted(
    responses: Responses, minimum: int
) -> None:
    results = aggregate(responses, min_group_size=minimum)
    truth = _truth(responses, [None])
    _check(results, truth, _sums(responses, [()], False), minimum, known=set())


@settings(max_examples=60)
@given(sa.responses(roles=("nurse", "doctor", "admin")), st.sampled_from([5, 10]))
def test_cross_tab_meets_the_minimum_on_the_intersection(
    responses: Responses, minimum: int
) -> None:
    results = aggregate(responses, min_group_size=minimum, by=("role",))
    roles = [None, *responses.dimension_values[0]]
    truth = _truth(responses, roles)
    columns = [() if r is None else (("role", r),) for r in roles]
    every_sum = _sums(responses, columns, True)
    # Role cells are published at the deepest level only; the rule holds on the sums among
    # published cells, and no small cell anywhere (published or not) can be worked out.
    depth = len(responses.levels)
    published_sums = [
        (total, parts)
        for total, parts in every_sum
        if (total[2] == () and parts[0][2] == ()) or (total[2] == () and len(total[0]) == depth)
    ]
    assert all(g.breakdown == () or g.level == depth for g in results.groups)
    _check(results, truth, every_sum, minimum, known=set(), rule_sums=published_sums)


@settings(max_examples=30, deadline=None)
@given(sa.responses(roles=("nurse", "doctor")), st.sampled_from([5, 10]))
def test_a_filter_is_a_report_of_the_rows_kept_and_safe_with_the_plain_one(
    responses: Responses, minimum: int
) -> None:
    """A filtered report publishes the rows kept, each cell true or hidden; published after the
    plain report of the same data, the two pass the audit together."""
    chosen = responses.dimension_values[0][0]
    plain = aggregate(responses, min_group_size=minimum)
    results = aggregate(
        responses,
        min_group_size=minimum,
        where={"role": chosen},
        earlier=[release_from_results(plain)],
    )
    truth = _truth(responses, [None, chosen])
    for g in results.groups:
        if not g.suppressed:
            assert g.n == truth[(g.group, g.wave, (("role", chosen),))] >= minimum
    assert results.filters == (("role", chosen),)
    assert audit([release_from_results(plain), release_from_results(results)]).ok


def test_a_filter_that_keeps_every_row_of_a_wholly_hidden_report_passes_with_it() -> None:
    """Nothing published bounds the counts, and HiGHS, warm started, once stopped undecided
    ("Unknown") on such a system: the report was refused as contradicting the earlier one."""
    responses = Responses.from_arrays(
        items=sa.individual_items(),
        levels=("level-1", "level-2"),
        group_paths=[("a0", "b0"), ("a1", "b0"), ("a1", "b1")],
        options=np.array([[2, 4, 0], [-1, -1, 0], [4, 2, 1]]),
        waves=["w2"] * 3,
        dimensions={"role": ["doctor"] * 3},
    )
    plain = aggregate(responses, min_group_size=5)
    kept = aggregate(
        responses, min_group_size=5, where={"role": "doctor"}, earlier=[release_from_results(plain)]
    )
    assert all(g.suppressed for g in (*plain.groups, *kept.groups))
    assert audit([release_from_results(plain), release_from_results(kept)]).ok


def test_a_filter_on_large_groups_shows_them() -> None:
    """Finding 8: a filter hid every cell, even of groups of hundreds."""
    paths = [("A",)] * 300 + [("B",)] * 200
    options = np.zeros((len(paths), 3), dtype=np.int8)
    responses = Responses.from_arrays(
        items=sa.individual_items(),
        levels=("team",),
        group_paths=paths,
        options=options,
        dimensions={"role": ["nurse", "doctor"] * 250},
    )
    results = aggregate(responses, min_group_size=5, where={"role": "nurse"})
    assert {g.group: g.n for g in results.groups} == {(): 250, ("A",): 150, ("B",): 100}


def test_a_hidden_team_is_not_its_service_minus_the_teams_shown() -> None:
    """Hand-made: service of 29 = 12 + 3 + 14; hiding only the 3 would give it away."""
    paths = [("A", "x")] * 12 + [("A", "y")] * 3 + [("A", "z")] * 14 + [("B", "u")] * 20
    options = np.zeros((len(paths), 3), dtype=np.int8)
    responses = Responses.from_arrays(
        items=sa.individual_items(), levels=("service", "team"), group_paths=paths, options=options
    )
    results = aggregate(responses)
    by_group = {g.group: g for g in results.groups}
    assert by_group[("A", "y")].reason == "primary"
    assert by_group[("A", "x")].reason == "complementary"  # the next smallest sibling
    assert by_group[("A", "z")].n == 14
    assert by_group[("A",)].n == 29


def test_a_complementary_group_is_not_its_own_children_summed() -> None:
    """Team x is hidden to protect y; x's own sub-teams are all shown, which would rebuild x
    (and so y): one of them must go too."""
    paths = (
        [("A", "x", "1")] * 11
        + [("A", "x", "2")] * 12
        + [("A", "y", "1")] * 3
        + [("A", "z", "1")] * 30
    )
    options = np.zeros((len(paths), 3), dtype=np.int8)
    responses = Responses.from_arrays(
        items=sa.individual_items(), levels=("a", "b", "c"), group_paths=paths, options=options
    )
    results = aggregate(responses)
    by_group = {g.group: g for g in results.groups}
    assert by_group[("A", "y")].suppressed
    assert by_group[("A", "x")].suppressed
    assert by_group[("A", "x", "1")].suppressed or by_group[("A", "x", "2")].suppressed


@pytest.mark.parametrize("minimum", [0, 1, 4])
def test_a_minimum_below_five_needs_the_words(minimum: int) -> None:
    responses = sa.responses().example() if False else _tiny()
    with pytest.raises(PrivacyError, match="force_small_groups=True" if minimum else "at least 1"):
        aggregate(responses, min_group_size=minimum)


def test_forcing_a_small_minimum_is_recorded() -> None:
    results = aggregate(_tiny(), min_group_size=3, force_small_groups=True)
    assert results.forced_small_groups
    assert results.min_group_size == 3
    assert all(g.n is None or g.n >= 3 for g in results.groups)


def test_the_default_minimum_is_ten() -> None:
    results = aggregate(_tiny())
    assert results.min_group_size == 10
    assert all(g.suppressed for g in results.groups)  # 9 people in all


def _tiny() -> Responses:
    paths = [("A", "x")] * 4 + [("A", "y")] * 5
    return Responses.from_arrays(
        items=sa.individual_items(),
        levels=("service", "team"),
        group_paths=paths,
        options=np.zeros((9, 3), dtype=np.int8),
    )
