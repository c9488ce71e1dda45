"""The results of an analysis: plain, frozen values that reports, frames and notebooks read.

Nothing here holds a person's answers or free text. A :class:`Cell` is an aggregate for one group
(at one level of the hierarchy), one wave and one theme or item; a hidden cell carries no count and
no score, only the reason it is hidden. :class:`Reconciliation` says what an import did with every
row and column, so nothing is dropped silently.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import attrs

from ..model.content import Scope
from ..model.validators import FieldError

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .responses import Responses

__all__ = [
    "DEFAULT_BANDING",
    "Band",
    "Banding",
    "Cell",
    "CellTable",
    "ColumnMatch",
    "DraftAction",
    "DraftActionPlan",
    "ElementInfo",
    "ElementKind",
    "GapRow",
    "GroupCell",
    "GroupMerge",
    "ImportResult",
    "MatchedBy",
    "Priorities",
    "Priority",
    "Reconciliation",
    "Rejection",
    "Results",
    "SuppressionReason",
    "TrendRow",
]


class ElementKind(StrEnum):
    """What a cell scores: a whole theme, or one checklist item."""

    THEME = "theme"
    ITEM = "item"


class SuppressionReason(StrEnum):
    """Why a cell is hidden.

    ``primary``: the group has fewer respondents than the minimum. ``intersection``: a cross-tab
    or filtered cell (a group and a value of another dimension) has fewer than the minimum on the
    intersection itself. ``complementary``: the cell is large enough but is hidden so that a
    smaller hidden cell cannot be worked out as its parent minus the siblings shown.
    """

    PRIMARY = "primary"
    INTERSECTION = "intersection"
    COMPLEMENTARY = "complementary"


class MatchedBy(StrEnum):
    """How an imported column was recognised."""

    ID = "id"
    TEXT = "text"
    MAPPING = "mapping"
    GROUP = "group"
    WAVE = "wave"
    RESPONDENT = "respondent"
    DIMENSION = "dimension"
    IDENTIFIER = "identifier"
    NOT_SELECTED = "not-selected"
    UNMATCHED = "unmatched"


# -- import -----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Rejection:
    """One row the import refused, and why.

    Attributes:
        row: The data row as a spreadsheet shows it: the header is row 1, so the first answer row
            is row 2. For a DataFrame or Arrow table the header is not counted: row 1 is the first.
        column: The column that holds the fault, as headed in the file.
        value: A short excerpt of the value refused (its first few characters, for the data
            owner's ``import --check`` only; never a direct identifier), or None when the value
            was blank or the fault is not in one cell's value.
        reason: What was wrong and what was expected; it never holds the value.
    """

    row: int
    column: str
    value: str | None = None
    reason: str

    def __str__(self) -> str:
        shown = "" if self.value is None else f" {self.value!r}"
        return f"row {self.row}, column {self.column!r}:{shown} {self.reason}"


@attrs.frozen(kw_only=True)
class ColumnMatch:
    """What the import made of one column of the file.

    Attributes:
        column: The column heading as written in the file.
        matched_by: How it was recognised. ``identifier``, ``not-selected`` (a statement of a
            checklist that was not imported) and ``unmatched`` columns are dropped, and so is
            the ``respondent`` column once it has been used to refuse repeats.
        target: The item reference (``pack-id:item-id``), the level name, or None.
    """

    column: str
    matched_by: MatchedBy
    target: str | None = None

    @property
    def dropped(self) -> bool:
        return self.matched_by in (
            MatchedBy.IDENTIFIER,
            MatchedBy.NOT_SELECTED,
            MatchedBy.UNMATCHED,
            MatchedBy.RESPONDENT,
        )


@attrs.frozen(kw_only=True)
class GroupMerge:
    """Spellings of one group value taken as one group (case, spaces, Unicode forms).

    Attributes:
        column: The group or wave column.
        kept: The spelling kept: the most common one (the first in sorted order on a tie).
        merged: The other spellings folded into it.
    """

    column: str
    kept: str
    merged: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Reconciliation:
    """The import's account of itself: ``rows_read == rows_accepted + rows_rejected``.

    A row is rejected as a whole when any of its cells is refused (an answer not on the scale, a
    blank group value, a repeated respondent token in one wave); every refused cell of that row is
    listed. Blank answers are counted as missing, not rejected.

    Attributes:
        source: What was read, as messages name it: the ``source=`` given, else the file's
            name (never its folders), ``<bytes>`` or ``<DataFrame>``.
        rows_read: Data rows read, not counting the header.
        rows_accepted: Rows that became responses.
        rows_rejected: Rows refused; each has at least one entry in ``rejections``.
        rejections: Every refused cell, in row order.
        dropped_columns: Columns dropped at import: direct identifiers (name, email, response id,
            IP address, timestamps and any the caller named), the respondent-token column, and
            columns that matched nothing (free-text comments among them).
        columns: What became of every column.
        items_not_found: Items of the checklists that no column matched (no answers kept).
        answers: Answers kept (blank ones included, as missing).
        missing: Blank answers among them.
        layout: The layout the file was read as (``plain``, ``qualtrics``...), recognised from
            its header unless one was asked for.
        header_rows: How many rows the header took (0 for a DataFrame or Arrow table).
        encoding: The text encoding a CSV was read in; None for a spreadsheet or a table.
        encoding_fallback: True when no encoding was asked for and the bytes were not UTF-8, so
            the file was read as cp1252 (an older Excel "CSV").
        blank_rows: Wholly blank rows skipped (not responses, not counted as read).
        merged_groups: Group and wave values spelt differently that were taken as one.
    """

    source: str
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    rejections: tuple[Rejection, ...] = ()
    dropped_columns: tuple[str, ...] = ()
    columns: tuple[ColumnMatch, ...] = ()
    items_not_found: tuple[str, ...] = ()
    answers: int = 0
    missing: int = 0
    layout: str = "plain"
    header_rows: int = 1
    encoding: str | None = None
    encoding_fallback: bool = False
    blank_rows: int = 0
    merged_groups: tuple[GroupMerge, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.rows_read != self.rows_accepted + self.rows_rejected:
            raise FieldError(
                "rows_read",
                f"{self.rows_read} rows read but {self.rows_accepted} accepted "
                f"+ {self.rows_rejected} rejected",
            )

    @property
    def unmatched_columns(self) -> tuple[str, ...]:
        return tuple(c.column for c in self.columns if c.matched_by is MatchedBy.UNMATCHED)

    @property
    def identifier_columns(self) -> tuple[str, ...]:
        return tuple(c.column for c in self.columns if c.matched_by is MatchedBy.IDENTIFIER)

    @property
    def not_selected_columns(self) -> tuple[str, ...]:
        """Columns that are statements of checklists of the same packs that were not imported."""
        return tuple(c.column for c in self.columns if c.matched_by is MatchedBy.NOT_SELECTED)

    def summary(self) -> str:
        """A few plain lines a person can read: counts, dropped columns, the first rejections."""
        lines = [
            f"{self.source}: {self.rows_read} rows read, {self.rows_accepted} accepted, "
            f"{self.rows_rejected} rejected",
        ]
        lines.append(
            f"read as: {self.layout} layout" + (f", {self.encoding}" if self.encoding else "")
        )
        if self.encoding_fallback:
            lines.append(
                "not UTF-8, so read as cp1252 (Windows); give the encoding if that is wrong"
            )
        if self.identifier_columns:
            lines.append("dropped as identifying: " + ", ".join(self.identifier_columns))
        if self.not_selected_columns:
            lines.append(
                f"dropped, statements of checklists not imported: {len(self.not_selected_columns)}"
            )
        if self.unmatched_columns:
            lines.append("dropped, matched nothing: " + ", ".join(self.unmatched_columns))
        if self.items_not_found:
            lines.append("items with no column: " + ", ".join(self.items_not_found))
        lines.extend(
            f"group spellings merged in {m.column}: {', '.join(m.merged)} -> {m.kept}"
            for m in self.merged_groups
        )
        lines.extend(f"  {r}" for r in self.rejections[:20])
        if len(self.rejections) > 20:
            lines.append(f"  ... and {len(self.rejections) - 20} more")
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class ImportResult:
    """What an import gives: the responses, in columnar form, and its reconciliation."""

    responses: Responses
    reconciliation: Reconciliation


# -- banding ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Band:
    """A band of normalised scores: from ``lower`` (inclusive) up to the next band's lower."""

    label: str
    lower: float


def _ascending(_: object, attribute: attrs.Attribute, value: tuple[Band, ...]) -> None:  # type: ignore[type-arg]
    if not value:
        raise FieldError(attribute.name, "banding needs at least one band")
    lowers = [b.lower for b in value]
    if lowers != sorted(lowers) or len(set(lowers)) != len(lowers):
        raise FieldError(attribute.name, f"bands must rise in order of lower bound, got {lowers}")
    if lowers[0] > 0:
        raise FieldError(attribute.name, "the first band must start at 0 or below")


@attrs.frozen(kw_only=True)
class Banding:
    """Named bands over the normalised score (0 to 1), lowest first. Data, not code: a pack or a
    caller may supply its own (through the converter, from JSON or TOML)."""

    bands: tuple[Band, ...] = attrs.field(validator=_ascending)

    def band(self, normalised: float | None) -> str | None:
        """The label of the band this normalised score falls in; None for None."""
        if normalised is None:
            return None
        label = self.bands[0].label
        for b in self.bands:
            if normalised >= b.lower:
                label = b.label
        return label

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(b.label for b in self.bands)


#: Red below 0.5, amber from 0.5, green from 0.75 (of the normalised score).
DEFAULT_BANDING = Banding(
    bands=(
        Band(label="red", lower=0.0),
        Band(label="amber", lower=0.5),
        Band(label="green", lower=0.75),
    )
)


# -- aggregates -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class GroupCell:
    """How many respondents one group has in one wave (and cross-tab value), or that it is hidden.

    Attributes:
        group: The group path from the top, such as ``("Trust A", "Crisis team")``; ``()`` is
            everyone in the data.
        wave: The wave, or None when the data have no waves.
        breakdown: For a cross-tab or filter, ``(("role", "nurse"),)``; empty otherwise.
        n: Distinct respondents, or None when hidden.
        suppressed: True when hidden.
        reason: Why it is hidden, or None when shown.
    """

    group: tuple[str, ...]
    wave: str | None = None
    breakdown: tuple[tuple[str, str], ...] = ()
    n: int | None
    suppressed: bool = False
    reason: SuppressionReason | None = None

    @property
    def level(self) -> int:
        """The depth in the hierarchy: 0 for everyone, 1 for the first group column..."""
        return len(self.group)


@attrs.frozen(kw_only=True)
class Cell:
    """A theme's or an item's aggregate for one group and wave. There is no place for free text.

    When ``suppressed`` every number is None: no count, no score, no answer counts.

    Attributes:
        group, wave, breakdown: As for :class:`GroupCell`.
        element: ``pack-id:theme-id`` or ``pack-id:item-id``.
        kind: Theme or item.
        scope: Whose checklist the answers come from (individual, team, organisational).
        checklist: For an item, ``pack-id:checklist-id``; for a theme, None.
        n: Distinct respondents in the group (all of them, not only those who answered this
            element), or None when hidden.
        mean: The mean score of the scored answers on the scale's own scores; None when hidden,
            when nothing was scored, or for a theme whose items use more than one scale.
        normalised: The mean of the answers' scores put on 0 to 1, ``(score - min) / (max -
            min)`` of each answer's scale, so that scales compare.
        answered: Scored answers (answers, not people: a theme has several items each).
        unscored: Answers that count but carry no score ("not sure").
        missing: Blank answers.
        band: The band label of ``normalised``.
        distribution: For an item: each option value of its scale with its count of answers.
    """

    group: tuple[str, ...]
    wave: str | None = None
    breakdown: tuple[tuple[str, str], ...] = ()
    element: str
    kind: ElementKind
    scope: Scope
    checklist: str | None = None
    n: int | None
    suppressed: bool = False
    reason: SuppressionReason | None = None
    mean: float | None = None
    normalised: float | None = None
    answered: int | None = None
    unscored: int | None = None
    missing: int | None = None
    band: str | None = None
    distribution: tuple[tuple[str, int], ...] = ()

    @property
    def level(self) -> int:
        return len(self.group)


@attrs.frozen(kw_only=True)
class ElementInfo:
    """What a cell scores: a theme or an item, with what a report needs to name it.

    Attributes:
        ref: ``pack-id:theme-id`` or ``pack-id:item-id``.
        kind: Theme or item.
        scope: Whose checklist it comes from.
        theme: The theme's reference (for a theme, itself).
        title: The theme's title or the item's wording.
        checklist: For an item, ``pack-id:checklist-id``; for a theme, None.
        options: For an item, the values of its scale's options, in order; else empty.
    """

    ref: str
    kind: ElementKind
    scope: Scope
    theme: str
    title: str
    checklist: str | None = None
    options: tuple[str, ...] = ()


_REASONS: tuple[SuppressionReason | None, ...] = (
    None,
    SuppressionReason.PRIMARY,
    SuppressionReason.INTERSECTION,
    SuppressionReason.COMPLEMENTARY,
)


@attrs.frozen(kw_only=True, eq=False)
class CellTable:
    """The columnar form of a :class:`Results`: numpy arrays, one row per node (a group, wave
    and cross-tab value) and one column per element. Hidden numbers are never stored: a hidden
    node's count is -1 and its scores NaN, so nothing suppressed can be read back from here.

    Attributes:
        group, wave, breakdown: Each node's group path, wave and cross-tab value.
        n: Respondents per node, -1 when hidden (int64, shape ``(nodes,)``).
        reason: 0 shown, 1 primary, 2 intersection, 3 complementary (int8).
        mean, normalised: float64, ``(nodes, elements)``; NaN when hidden or nothing scored.
        answered, unscored, missing: int64, ``(nodes, elements)``; -1 when hidden.
        distribution: int64, ``(nodes, items, options)``: answers per option of each item's
            scale (the items are the elements of kind item, in order); -1 when hidden.
    """

    group: tuple[tuple[str, ...], ...]
    wave: tuple[str | None, ...]
    breakdown: tuple[tuple[tuple[str, str], ...], ...]
    n: NDArray[Any]
    reason: NDArray[Any]
    mean: NDArray[Any]
    normalised: NDArray[Any]
    answered: NDArray[Any]
    unscored: NDArray[Any]
    missing: NDArray[Any]
    distribution: NDArray[Any]

    @staticmethod
    def reason_of(code: int) -> SuppressionReason | None:
        return _REASONS[code]


def _num(value: float) -> float | None:
    return None if value != value else float(value)  # NaN is the only value not equal to itself


@attrs.frozen(kw_only=True)
class Results:
    """Every aggregate of one analysis, already private: hidden cells hold no numbers.

    The numbers live in :attr:`table` (numpy); :attr:`cells` and :attr:`groups` build the
    frozen records from it the first time they are read.

    Attributes:
        table: The columnar numbers.
        elements: The themes then the items scored.
        min_group_size: The minimum applied.
        forced_small_groups: True when the caller forced a minimum below 5.
        levels: The names of the group levels, top first (the group columns).
        waves: The waves in order (``(None,)`` when the data have none).
        breakdown: The dimensions cross-tabulated, if any.
        filters: The filter applied, as ``(dimension, value)`` pairs (values of one dimension
            are pooled).
        banding: The bands used.
        hierarchy: Every group path at the deepest level, respondents or not (the names of
            all groups are public: an attacker is assumed to know them).
    """

    table: CellTable = attrs.field(repr=False)
    elements: tuple[ElementInfo, ...]
    min_group_size: int
    forced_small_groups: bool = False
    levels: tuple[str, ...]
    waves: tuple[str | None, ...]
    breakdown: tuple[str, ...] = ()
    filters: tuple[tuple[str, str], ...] = ()
    banding: Banding = DEFAULT_BANDING
    hierarchy: tuple[tuple[str, ...], ...] = ()

    @functools.cached_property
    def groups(self) -> tuple[GroupCell, ...]:
        """The respondent count of each group, wave and cross-tab value (None when hidden)."""
        t = self.table
        out = []
        for i, n in enumerate(t.n.tolist()):
            out.append(
                GroupCell(
                    group=t.group[i],
                    wave=t.wave[i],
                    breakdown=t.breakdown[i],
                    n=None if n < 0 else n,
                    suppressed=n < 0,
                    reason=_REASONS[int(t.reason[i])],
                )
            )
        return tuple(out)

    @functools.cached_property
    def cells(self) -> tuple[Cell, ...]:
        """One cell per node and element, nodes in order, themes before items within a node."""
        t = self.table
        item_index = {
            e.ref: j for j, e in enumerate(e for e in self.elements if e.kind is ElementKind.ITEM)
        }
        mean, norm = t.mean.tolist(), t.normalised.tolist()
        answered, unscored, missing = t.answered.tolist(), t.unscored.tolist(), t.missing.tolist()
        dist = t.distribution.tolist()
        out: list[Cell] = []
        for i, group_cell in enumerate(self.groups):
            for j, e in enumerate(self.elements):
                if group_cell.suppressed or answered[i][j] < 0:
                    out.append(
                        Cell(
                            group=group_cell.group,
                            wave=group_cell.wave,
                            breakdown=group_cell.breakdown,
                            element=e.ref,
                            kind=e.kind,
                            scope=e.scope,
                            checklist=e.checklist,
                            n=None,
                            suppressed=True,
                            reason=group_cell.reason or SuppressionReason.COMPLEMENTARY,
                        )
                    )
                    continue
                normalised = _num(norm[i][j])
                distribution: tuple[tuple[str, int], ...] = ()
                if e.kind is ElementKind.ITEM:
                    counts = dist[i][item_index[e.ref]]
                    distribution = tuple(zip(e.options, counts[: len(e.options)], strict=True))
                out.append(
                    Cell(
                        group=group_cell.group,
                        wave=group_cell.wave,
                        breakdown=group_cell.breakdown,
                        element=e.ref,
                        kind=e.kind,
                        scope=e.scope,
                        checklist=e.checklist,
                        n=group_cell.n,
                        mean=_num(mean[i][j]),
                        normalised=normalised,
                        answered=answered[i][j],
                        unscored=unscored[i][j],
                        missing=missing[i][j],
                        band=self.banding.band(normalised),
                        distribution=distribution,
                    )
                )
        return tuple(out)

    @property
    def themes(self) -> tuple[str, ...]:
        """References of the themes scored, in order."""
        return tuple(e.ref for e in self.elements if e.kind is ElementKind.THEME)

    @property
    def items(self) -> tuple[str, ...]:
        """References of the items scored, in order."""
        return tuple(e.ref for e in self.elements if e.kind is ElementKind.ITEM)

    def element(self, ref: str) -> ElementInfo:
        """The theme or item with this reference. Raises ``KeyError`` if it was not scored."""
        for e in self.elements:
            if e.ref == ref:
                return e
        raise KeyError(f"{ref!r} was not scored in these results")

    def title(self, ref: str) -> str:
        """A theme's title or an item's wording, or the reference itself if unknown."""
        for e in self.elements:
            if e.ref == ref:
                return e.title
        return ref

    def __iter__(self) -> Iterator[Cell]:
        return iter(self.cells)

    def __len__(self) -> int:
        return len(self.table.n) * len(self.elements)

    def select(
        self,
        *,
        group: tuple[str, ...] | None = None,
        level: int | None = None,
        wave: str | None = None,
        element: str | None = None,
        kind: ElementKind | None = None,
        shown: bool | None = None,
        breakdown: tuple[tuple[str, str], ...] | None = (),
    ) -> tuple[Cell, ...]:
        """The cells that match every argument given (None means any). By default only cells
        without a cross-tab value; pass ``breakdown=None`` for all."""
        return tuple(
            c
            for c in self.cells
            if (group is None or c.group == group)
            and (level is None or c.level == level)
            and (wave is None or c.wave == wave)
            and (element is None or c.element == element)
            and (kind is None or c.kind is kind)
            and (shown is None or c.suppressed is not shown)
            and (breakdown is None or c.breakdown == breakdown)
        )

    def cell(
        self,
        group: tuple[str, ...],
        element: str,
        wave: str | None = None,
        breakdown: tuple[tuple[str, str], ...] = (),
    ) -> Cell | None:
        """The one cell for this group, element, wave and cross-tab value, or None."""
        for c in self.cells:
            if (
                c.group == group
                and c.element == element
                and c.wave == wave
                and c.breakdown == breakdown
            ):
                return c
        return None

    def group_cells(self, *, level: int | None = None) -> tuple[GroupCell, ...]:
        """The group counts, optionally at one level only (0 is everyone)."""
        return tuple(g for g in self.groups if level is None or g.level == level)


@attrs.frozen(kw_only=True)
class GapRow:
    """The I/We gap for one theme and group: staff experience against the organisation's view.

    The minimum group size applies to the individual side only: an organisational
    self-assessment is usually one return per organisation or service, and says nothing about any
    one member of staff.

    Attributes:
        theme: ``pack-id:theme-id``.
        group: The group path the individual answers come from.
        wave: The wave, or None.
        individual: Normalised score on the individual checklist (None when hidden).
        organisational: Normalised score of the organisational self-assessment that covers the
            group (its own path, or the nearest group above it that has one).
        gap: ``organisational - individual``: above 0 the organisation rates itself higher than
            its staff experience it. None when either side is missing or hidden.
        n_individual: Respondents on the individual side, or None when hidden.
        n_organisational: Organisational returns pooled for the group; None when hidden (a
            survey of leaders follows the minimum group size).
        organisational_group: The group path the organisational return belongs to.
        suppressed: True when either side is hidden: the row then shows neither.
        band_individual, band_organisational: Band labels of the two scores.
    """

    theme: str
    group: tuple[str, ...]
    wave: str | None = None
    individual: float | None
    organisational: float | None
    gap: float | None
    n_individual: int | None
    n_organisational: int | None
    organisational_group: tuple[str, ...] | None = None
    suppressed: bool = False
    band_individual: str | None = None
    band_organisational: str | None = None


@attrs.frozen(kw_only=True)
class TrendRow:
    """A change between two waves for one element and group; only where both waves are shown.

    Attributes:
        element: ``pack-id:theme-id`` or ``pack-id:item-id``.
        kind: Theme or item.
        group: The group path.
        from_wave, to_wave: The earlier and the later wave.
        before, after: The normalised scores.
        change: ``after - before``.
        n_before, n_after: Respondents in each wave.
    """

    element: str
    kind: ElementKind
    group: tuple[str, ...]
    from_wave: str
    to_wave: str
    before: float
    after: float
    change: float
    n_before: int
    n_after: int


@attrs.frozen(kw_only=True)
class Priority:
    """A weak theme or item, with what the pack offers to work on it.

    Attributes:
        element: ``pack-id:theme-id`` or ``pack-id:item-id``.
        kind: Theme or item.
        theme: The theme the element belongs to.
        title: The theme's title or the item's wording.
        normalised: Its normalised score in the group chosen.
        band: Its band label.
        n: Respondents behind it.
        prompts: References of the theme's reflective prompts.
        tools: References of the pack's tools for the theme.
    """

    element: str
    kind: ElementKind
    theme: str
    title: str
    normalised: float
    band: str | None = None
    n: int
    prompts: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class DraftAction:
    """One suggested action for the weakest themes: a starting point to talk over, not a plan
    imposed. ``tools`` and ``prompts`` are references into the pack; ``item`` is the weak item
    the action is worded from, if any."""

    theme: str
    text: str
    prompts: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()
    item: str | None = None


@attrs.frozen(kw_only=True)
class DraftActionPlan:
    """A draft action plan from the results, for a team to co-create the real one from."""

    title: str
    group: tuple[str, ...]
    wave: str | None = None
    actions: tuple[DraftAction, ...] = ()


@attrs.frozen(kw_only=True)
class Priorities:
    """The weakest themes and items for one group and wave, and a draft action plan."""

    group: tuple[str, ...]
    wave: str | None = None
    themes: tuple[Priority, ...] = ()
    items: tuple[Priority, ...] = ()
    draft: DraftActionPlan
