"""The quick rules of sums (``analysis/_sums.py``) hide what the reference hides: the rules as
first written, with array operations on each sum's few parts, on random sums of random cells."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_framework.analysis._sums import COMPLEMENTARY, complementary


def reference(
    n: Any, hidden: Any, reason: Any, published: Any, totals: Any, ptr: Any, parts: Any, k: int
) -> None:
    """The quick rules as they were written first: the failing sums found with array
    operations, then each checked again and fixed with array operations of its own."""
    n_rel = len(totals)
    rel_of_part = np.repeat(np.arange(n_rel), np.diff(ptr))
    nonzero = n > 0
    while True:
        hid = hidden & nonzero
        hidden_parts = np.bincount(rel_of_part, weights=hid[parts], minlength=n_rel)
        hidden_sum = np.bincount(rel_of_part, weights=(hid * n)[parts], minlength=n_rel)
        total_hidden = hid[totals]
        failing = nonzero[totals] & (
            (hidden_parts + total_hidden == 1)
            | (~total_hidden & (hidden_sum > 0) & (hidden_sum < k))
        )
        changed = False
        for r in np.nonzero(failing)[0].tolist():
            members = parts[ptr[r] : ptr[r + 1]]
            total = int(totals[r])
            live = members[n[members] > 0]
            hidden_live = live[hidden[live]]
            whole_hidden = bool(hidden[total]) and n[total] > 0
            fails = len(hidden_live) + int(whole_hidden) == 1 or (
                not whole_hidden and 0 < int(n[hidden_live].sum()) < k
            )
            if not fails:
                continue
            shown = members[nonzero[members] & ~hidden[members] & published[members]]
            if shown.size:
                pick = int(shown[np.argmin(n[shown])])
            elif not hidden[total] and published[total]:
                pick = total
            else:
                continue
            hidden[pick] = True
            reason[pick] = COMPLEMENTARY
            changed = True
        if not changed:
            return


@st.composite
def sums(draw: st.DrawFn) -> tuple[Any, ...]:
    """Cells with counts (some empty, many small) and sums over them, each a total and parts."""
    cells = draw(st.integers(2, 12))
    n = np.array(draw(st.lists(st.integers(0, 12), min_size=cells, max_size=cells)))
    hidden = np.array(draw(st.lists(st.booleans(), min_size=cells, max_size=cells)))
    published = np.array(draw(st.lists(st.booleans(), min_size=cells, max_size=cells)))
    totals: list[int] = []
    parts: list[int] = []
    ptr = [0]
    for _ in range(draw(st.integers(1, 8))):
        total = draw(st.integers(0, cells - 1))
        others = [c for c in range(cells) if c != total]
        members = draw(st.lists(st.sampled_from(others), min_size=1, max_size=5, unique=True))
        totals.append(total)
        parts += members
        ptr.append(len(parts))
    k = draw(st.sampled_from([3, 5, 10]))
    return n, hidden, published, np.array(totals), np.array(ptr), np.array(parts), k


@given(sums())
def test_the_quick_rules_hide_what_the_reference_hides(case: tuple[Any, ...]) -> None:
    n, hidden, published, totals, ptr, parts, k = case
    rel_of_part = np.repeat(np.arange(len(totals)), np.diff(ptr))
    got_hidden, got_reason = hidden.copy(), np.zeros(len(n), dtype=np.int8)
    complementary(n, got_hidden, got_reason, published, totals, ptr, parts, rel_of_part, k)
    want_hidden, want_reason = hidden.copy(), np.zeros(len(n), dtype=np.int8)
    reference(n, want_hidden, want_reason, published, totals, ptr, parts, k)
    assert got_hidden.tolist() == want_hidden.tolist()
    assert got_reason.tolist() == want_reason.tolist()
