"""A release's nodes kept as columns (``audit._counts.Nodes``, as a release made from results
keeps them) are the tuple of the same nodes: equal to it, read alike, and audited alike (the
same tree of cells, the same findings)."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from wellbeing_framework.analysis.audit import _cell_tree as cell_tree
from wellbeing_framework.analysis.audit import _findings
from wellbeing_framework.analysis.audit._counts import Nodes

from .test_nested import releases

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _columns(nodes: Any) -> Nodes:
    return Nodes(
        tuple(key[0] for key in nodes), tuple(key[1] for key in nodes), [k[2] for k in nodes]
    )


@FAST
@given(releases())
def test_nodes_kept_as_columns_are_the_tuple_of_them(release: Any) -> None:
    nodes = _columns(release.nodes)
    want = tuple(release.nodes)
    assert nodes == want
    assert want == nodes
    assert nodes == list(want)
    assert nodes != (*want, ((), None, ()))
    assert len(nodes) == len(want)
    assert [nodes[i] for i in range(len(want))] == list(want)
    assert tuple(nodes) == want
    assert nodes[1:3] == want[1:3]
    assert nodes[-1:] == want[-1:]
    assert hash(nodes) == hash(want)
    assert repr(nodes) == repr(want)
    assert {key: i for i, key in enumerate(nodes)} == {key: i for i, key in enumerate(want)}


@FAST
@given(releases())
def test_a_release_with_its_nodes_as_columns_is_audited_alike(release: Any) -> None:
    """The tree's spans of finest cells read the columns as they are, and come out as the
    tuple's; the findings (of the tree and of the linear programs) are the same."""
    columns = attrs.evolve(release, nodes=_columns(release.nodes))
    got, want = cell_tree._spans(columns), cell_tree._spans(release)
    assert got[0].tolist() == want[0].tolist()
    assert got[1].tolist() == want[1].tolist()
    assert got[2] == want[2]
    for tree in (True, False):
        a = _findings([columns], options=True, tree=tree)
        b = _findings([release], options=True, tree=tree)
        assert (a.found, a.checked) == (b.found, b.checked)


def test_a_node_comes_with_its_group_wave_and_value() -> None:
    with pytest.raises(ValueError, match="one each"):
        Nodes(((),), ("2025", "2024"), ((),))
