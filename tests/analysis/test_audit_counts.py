"""A release made from results keeps its counts as arrays (``audit/_counts.py``): it publishes
the same tuples as before, and the audit finds in it, read as arrays, what it finds in the
same release holding plain tuples."""

from __future__ import annotations

import attrs
import numpy as np
from hypothesis import given
from strategies import analysis as sa

from wellbeing_framework.analysis.audit import RESPONDENTS, _findings, release_from_results
from wellbeing_framework.analysis.audit._counts import Counts, family_values
from wellbeing_framework.analysis.results import ElementKind, Results


def _tuples(results: Results) -> dict[str, tuple[int | None, ...]]:
    """Each family's counts as a report publishes them, read cell by cell from the table."""
    t = results.table
    out: dict[str, tuple[int | None, ...]] = {
        RESPONDENTS: tuple(None if n < 0 else int(n) for n in t.n.tolist())
    }
    items = [e for e in results.elements if e.kind is ElementKind.ITEM]
    offset = len(results.elements) - len(items)
    for j, e in enumerate(items):
        answered = t.answered[:, offset + j].tolist()
        unscored = t.unscored[:, offset + j].tolist()
        out[f"item:{e.ref}"] = tuple(
            None if a < 0 else a + u for a, u in zip(answered, unscored, strict=True)
        )
    return out


@given(sa.results())
def test_a_release_from_results_publishes_the_same_counts(results: Results) -> None:
    release = release_from_results(results)
    assert isinstance(release.families, Counts)
    expected = _tuples(results)
    assert dict(release.families) == expected
    assert list(release.families) == list(expected)
    for name, values in expected.items():
        array = family_values(release, name)
        assert isinstance(array, np.ndarray)
        assert array.dtype == np.int64
        assert array.tolist() == [-1 if v is None else v for v in values]


@given(sa.results())
def test_the_audit_finds_the_same_in_arrays_as_in_tuples(results: Results) -> None:
    release = release_from_results(results)
    plain = attrs.evolve(release, families=dict(release.families))
    for options in (False, True):
        got, want = _findings([release], options=options), _findings([plain], options=options)
        assert (got.found, got.checked, got.crossing) == (want.found, want.checked, want.crossing)
