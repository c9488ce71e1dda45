"""What the audit reads and what it says: a release (the published counts of one report, as an
attacker reads them), a violation of G1 to G3, and the names of the families of counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from ...errors import WellbeingError

#: The family of counts of respondents; item families are named ``item:<ref>``.
RESPONDENTS = "respondents"


#: The family under which the organisational survey's violations are reported (its release,
#: :attr:`Release.organisational`, counts its leaders as respondents).
ORGANISATIONAL = "organisational"


NodeKey = tuple[tuple[str, ...], "str | None", tuple[tuple[str, str], ...]]


class AuditError(WellbeingError, ValueError):
    """A report given to the audit is not a report the audit can read."""


@attrs.frozen(kw_only=True)
class Release:
    """The published counts of one report, as an attacker reads them.

    Attributes:
        levels: The group column names, top first.
        leaves: Every group path at the deepest level reported (the hierarchy is public).
        breakdown: The cross-tab dimensions, if any.
        filters: ``(dimension, value)`` pairs of a filtered report.
        min_group_size: The report's minimum ``k``.
        nodes: Every cell listed: ``(group path, wave, cross-tab value)`` (a sequence of
            them: a tuple, or a release made from results keeps their columns).
        families: For each family of counts (``respondents``, ``item:<ref>``), the count of
            every node, or None where it is hidden.
        options: For each item family, every node's count of each option of the item's scale
            (its distribution), or None where it is hidden or not published.
        total: The respondents of every wave together, when the report publishes it.
        organisational: The organisational survey's counts, as a release of their own (the
            leaders as its respondents), audited with the other releases' surveys.
    """

    levels: tuple[str, ...]
    leaves: tuple[tuple[str, ...], ...]
    breakdown: tuple[str, ...] = ()
    filters: tuple[tuple[str, str], ...] = ()
    min_group_size: int
    nodes: Sequence[NodeKey]
    families: Mapping[str, tuple[int | None, ...]]
    options: Mapping[str, tuple[tuple[int, ...] | None, ...]] = attrs.field(factory=dict)
    total: int | None = None
    organisational: Release | None = None


@attrs.frozen(kw_only=True)
class Violation:
    """One figure an attacker can work out too closely.

    Attributes:
        rule: ``G1``, ``G2`` or ``G3``.
        report: Which report (0 for the first given) holds the cell.
        family: ``respondents``, ``organisational`` or ``item:<ref>``.
        group, wave, breakdown: The cell (for a pooled sum, the shown cell it is the rest of).
        low, high: The interval the attacker can narrow the count to.
        pooled: True when the figure is the pool of hidden cells inside a shown one.
    """

    rule: str
    report: int
    family: str
    group: tuple[str, ...]
    wave: str | None
    breakdown: tuple[tuple[str, str], ...] = ()
    low: int
    high: int
    pooled: bool = False

    @classmethod
    def at(
        cls,
        node: NodeKey,
        *,
        rule: str,
        report: int,
        family: str,
        low: int,
        high: int,
        pooled: bool = False,
    ) -> Violation:
        """The violation found at the cell of ``node`` (a release's ``nodes`` entry)."""
        group, wave, breakdown = node
        return cls(
            rule=rule,
            report=report,
            family=family,
            group=group,
            wave=wave,
            breakdown=breakdown,
            low=low,
            high=high,
            pooled=pooled,
        )

    def __str__(self) -> str:
        where = _place(self.report, (self.group, self.wave, self.breakdown))
        what = "" if self.family == RESPONDENTS else f" ({self.family})"
        if self.pooled:
            return (
                f"{self.rule}: {where}{what}: the hidden cells inside it pool to exactly {self.low}"
            )
        if self.low == self.high:
            span = f"pinned to {self.low}"
        else:
            span = f"narrowed to {self.low}..{self.high}"
        return f"{self.rule}: {where}{what}: hidden count {span}"


def _where(releases: Sequence[Release], report: int, node: int) -> str:
    """A node of a release, as :func:`_place` words it."""
    nodes = releases[report].nodes
    return _place(report, nodes[node]) if node < len(nodes) else f"report {report + 1}"


def _place(report: int, node: NodeKey) -> str:
    """A cell as a reader finds it: ``report 1, X / B, wave 2025, Role=nurse``."""
    group, wave, breakdown = node
    where = f"report {report + 1}, " + (" / ".join(group) or "everyone")
    if wave is not None:
        where += f", wave {wave}"
    if breakdown:
        where += ", " + ", ".join(f"{d}={v}" for d, v in breakdown)
    return where


Found = list[tuple[Violation, list[tuple[int, int, str]]]]
