"""A release's counts and nodes kept as the arrays and columns they are made from, for the
audit to read as they are.

A release made from results (:func:`.reading.release_from_results`) publishes each family's
count of every node as a tuple of ``int | None``, as a report's reader sees them. The audit
works on arrays: made into tuples and back (a Python object per node and family, 850,000 of
them at 10,000 teams by role), the counts cost more than half of the audit of one release. So
such a release keeps the counts as one array per family (-1 where hidden), gives the tuples
only to whoever asks for them, and :func:`family_values` hands the audit the array itself.

Its nodes likewise (:class:`Nodes`): the results hold each node's group, wave and cross-tab
value as three columns, which the audit's tree reads as columns; 40,000 tuples of the three
made for it took 5 ms at 10,000 teams by role (most of it the garbage collector's runs over
them), more than the rest of the reading of the results.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    import numpy as np

    from .model import NodeKey, Release

__all__ = ["Counts", "Nodes", "blanked", "family_values"]


class Counts(Mapping[str, tuple[int | None, ...]]):
    """Each family's count of every node (None where hidden), made into tuples when first read.

    Args:
        values: Each family's counts, one per node, any value where hidden.
        hidden: Each family's mask of the nodes it hides, as long as its values.
    """

    def __init__(self, values: Mapping[str, Any], hidden: Mapping[str, Any]) -> None:
        import numpy as np

        # The counts as a reader of the report takes them, -1 where hidden: what the audit
        # would make of the tuples (``family_values``), made here without them.
        self._arrays = {
            name: np.where(hidden[name], -1, v).astype(np.int64, copy=False)
            for name, v in values.items()
        }
        self._hidden = hidden
        self._made: dict[str, tuple[int | None, ...]] = {}

    def __getitem__(self, name: str) -> tuple[int | None, ...]:
        made = self._made.get(name)
        if made is None:
            made = self._made[name] = blanked(self._arrays[name].tolist(), self._hidden[name])
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._arrays)

    def __len__(self) -> int:
        return len(self._arrays)

    def array(self, name: str) -> np.ndarray:
        """The family's counts, -1 where hidden (not to be changed: it is shared)."""
        return self._arrays[name]


def blanked(values: list[Any], hidden: Any) -> tuple[Any, ...]:
    """``values`` with None where ``hidden`` (a mask) is set: as a report publishes them."""
    for i in hidden.nonzero()[0].tolist():
        values[i] = None
    return tuple(values)


def family_values(release: Release, name: str) -> np.ndarray | Sequence[int | None]:
    """The family's counts of every node: the array where the release keeps one (-1 where
    hidden), else its tuple."""
    families = release.families
    if isinstance(families, Counts):
        return families.array(name)
    return families[name]


class Nodes(Sequence["NodeKey"]):
    """A release's nodes, ``(group path, wave, cross-tab value)`` each, kept as the three
    columns they are made from: a tuple of the nodes is made when first iterated over (or
    compared), a node when asked for; equal to a sequence of the same nodes.

    Args:
        group, wave, breakdown: Each node's group path, wave and cross-tab value.
    """

    __slots__ = ("_made", "breakdown", "group", "wave")

    def __init__(
        self,
        group: Sequence[tuple[str, ...]],
        wave: Sequence[str | None],
        breakdown: Sequence[tuple[tuple[str, str], ...]],
    ) -> None:
        if not len(group) == len(wave) == len(breakdown):
            raise ValueError("a node's group, wave and cross-tab value come one each")
        self.group, self.wave, self.breakdown = group, wave, breakdown
        self._made: tuple[NodeKey, ...] | None = None

    def nodes(self) -> tuple[NodeKey, ...]:
        """Every node as a tuple, made once."""
        if self._made is None:
            self._made = tuple(zip(self.group, self.wave, self.breakdown, strict=True))
        return self._made

    def __len__(self) -> int:
        return len(self.group)

    @overload
    def __getitem__(self, i: int) -> NodeKey: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[NodeKey, ...]: ...
    def __getitem__(self, i: int | slice) -> NodeKey | tuple[NodeKey, ...]:
        if isinstance(i, slice):
            return self.nodes()[i]
        return self.group[i], self.wave[i], self.breakdown[i]

    def __iter__(self) -> Iterator[NodeKey]:
        return iter(self.nodes())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Nodes | tuple | list):
            return self.nodes() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.nodes())

    def __repr__(self) -> str:
        return repr(self.nodes())
