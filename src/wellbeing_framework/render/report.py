"""The results report: what goes into it, and what the HTML, Markdown and JSON forms share.

A :class:`Report` bundles one analysis: the private :class:`~wellbeing_framework.analysis.results.
Results`, the import's reconciliation, the I/We gap, the changes between waves and the priorities.
:func:`make_report` works all of those out from results and a catalog. The three renderings are in
:mod:`.report_html`, :mod:`.report_markdown` and :mod:`.report_json`; this module holds the choices
they must agree on: the order and names of groups, the bands in words, and what the headline
picks out. The wording of a hidden cell is in :mod:`._hidden`.

Privacy in the report: a hidden group is always described by the same words, whatever the reason
it is hidden, and with no count; saying *why* (too small, or hidden to protect a smaller sibling)
would tell a reader which hidden group is the small one. Free text never reaches a report: results
have no place for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from .._arguments import expect, expect_int
from ..analysis.cells import Cell, ElementKind
from ..analysis.derived import GapRow, Priorities, TrendRow
from ..analysis.import_result import Reconciliation
from ..analysis.results import Results
from ..errors import ElementNotFoundError
from ._hidden import HIDDEN_WORD, hidden_text

if TYPE_CHECKING:
    from ..analysis.audit import Release
    from ..analysis.responses import Responses
    from ..packs.catalog import Catalog

__all__ = [
    "DEFAULT_TITLE",
    "EVERYONE",
    "HIDDEN_WORD",
    "MAX_PROMPTS",
    "MAX_TOOLS",
    "Headline",
    "ImportSummary",
    "Report",
    "band_ranges",
    "band_summary",
    "check_report",
    "group_label",
    "headline",
    "hidden_text",
    "import_summary",
    "make_report",
    "more_text",
    "ref_text",
    "tree_order",
]

#: How the whole of the data (the group at level 0) is named in a report.
EVERYONE = "Everyone"

DEFAULT_TITLE = "Wellbeing self-assessment results"


def group_label(group: Sequence[str]) -> str:
    """A group path as a reader sees it: ``Everyone``, or its names joined by slashes."""
    return " / ".join(group) if group else EVERYONE


def tree_order(groups: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Distinct group paths in the order of an outline: everyone, then each group followed by the
    groups inside it, by name."""
    return sorted(set(groups))


def band_ranges(results: Results) -> list[str]:
    """Each band in words, lowest first, such as ``amber 50 to 74``."""
    bands = results.banding.bands
    parts = []
    for k, band in enumerate(bands):
        low = max(0, round(band.lower * 100))
        if k + 1 < len(bands):
            high = round(bands[k + 1].lower * 100) - 1
            parts.append(
                f"{band.label} below {high + 1}" if k == 0 else f"{band.label} {low} to {high}"
            )
        else:
            parts.append(f"{band.label} {low} and above" if k else f"{band.label} throughout")
    return parts


def band_summary(results: Results) -> str:
    """The bands in words, such as ``red below 50; amber 50 to 74; green 75 and above``."""
    return "; ".join(band_ranges(results))


#: How many of a theme's prompts and tools a report lists; the JSON report keeps them all.
MAX_PROMPTS = 3
MAX_TOOLS = 4


def more_text(refs: Sequence[str], shown: int, what: str) -> str | None:
    """``and 4 more tools in the pack`` when ``refs`` holds more than ``shown``, else None."""
    extra = len(refs) - shown
    return f"and {extra} more {what} in the pack" if extra > 0 else None


def ref_text(catalog: Catalog | None, ref: str) -> str:
    """The words behind a reference: a prompt's or statement's text, an element's title; the
    reference itself when the catalog does not have it."""
    if catalog is None:
        return ref
    try:
        found = catalog.find(ref)
    except ElementNotFoundError:
        return ref
    target = found.item if found.item is not None else found.element
    text = getattr(target, "text", None) or getattr(target, "title", None)
    return text if isinstance(text, str) and text else ref


@attrs.frozen(kw_only=True)
class Report:
    """Everything one results report shows.

    Attributes:
        results: The private results (individual checklists).
        title: The report's title.
        reconciliation: What the import of the individual answers did, row by row.
        organisational_reconciliation: The same for the organisational self-assessment, if any.
        gap: The I/We gap rows (largest first).
        trends: Changes between waves.
        priorities: The weakest themes and items with the pack's prompts and tools, and a draft
            action plan.
        catalog: The loaded packs, to name prompts and tools; without it references are shown.
        source: A line on where the data came from (file names), if wanted.
        organisational_mode: ``consensus`` or ``survey`` when there is a 'We' side.
        organisational_results: In the survey mode, the private results of the leaders'
            answers, which the report publishes (and protects) like the staff's.
    """

    results: Results
    title: str = DEFAULT_TITLE
    reconciliation: Reconciliation | None = None
    organisational_reconciliation: Reconciliation | None = None
    gap: tuple[GapRow, ...] = ()
    trends: tuple[TrendRow, ...] = ()
    priorities: Priorities | None = None
    catalog: Catalog | None = attrs.field(default=None, eq=False, repr=False)
    source: str | None = None
    organisational_mode: str | None = None
    organisational_results: Results | None = None

    @property
    def latest_wave(self) -> str | None:
        """The last wave of the results (None for data without waves)."""
        return self.results.waves[-1]

    def imports(self) -> list[tuple[ImportSummary, str]]:
        """The public accounts of the imports, each with its heading."""
        out = []
        if self.reconciliation is not None:
            out.append((import_summary(self.reconciliation, self.results), "The staff answers"))
        if self.organisational_reconciliation is not None:
            # A survey of leaders is about people, and its counts follow the staff's rule; one
            # agreed submission per group (consensus, no results) is the organisation's own.
            org = import_summary(self.organisational_reconciliation, self.organisational_results)
            out.append((org, "The organisation's self-assessment"))
        return out

    @property
    def hidden(self) -> str:
        """The wording of a hidden cell in this report."""
        return hidden_text(self.results.min_group_size)

    def theme_cells(self, wave: str | None = None) -> list[Cell]:
        """Every theme cell without a cross-tab value, for one wave (the latest by default)."""
        chosen = self.latest_wave if wave is None else wave
        return [
            c
            for c in self.results.select(kind=ElementKind.THEME)
            if c.wave == chosen and c.breakdown == ()
        ]

    def groups(self) -> list[tuple[str, ...]]:
        """The groups reported on, in outline order."""
        return tree_order(g.group for g in self.results.groups if g.breakdown == ())

    def latest_gap(self) -> list[GapRow]:
        """The gap rows of the latest wave, largest gap first, hidden ones last."""
        rows = [r for r in self.gap if r.wave == self.latest_wave]
        return sorted(rows, key=lambda r: (r.gap is None, -abs(r.gap or 0.0)))

    def level_name(self, depth: int) -> str:
        """What the groups ``depth`` levels down are called: ``Everyone``, or the level's column
        heading (``Service``, ``Team``)."""
        levels = self.results.levels
        if depth <= 0:
            return EVERYONE
        return levels[depth - 1] if depth <= len(levels) else f"Level {depth}"

    def gap_by_level(self) -> list[tuple[str, list[GapRow]]]:
        """The shown gap rows of the latest wave, a list per level (everyone first, then each
        service, then each team), largest gap first in each; the headline picks from the first.
        """
        rows = [r for r in self.latest_gap() if not r.suppressed]
        depths = sorted({len(r.group) for r in rows})
        return [(self.level_name(d), [r for r in rows if len(r.group) == d]) for d in depths]

    def gap_hidden_groups(self) -> list[tuple[str, ...]]:
        """The groups whose gap rows in the latest wave are hidden, in outline order."""
        return tree_order(r.group for r in self.gap if r.wave == self.latest_wave and r.suppressed)

    def latest_trends(self) -> list[TrendRow]:
        """The changes between the last two waves."""
        waves = [w for w in self.results.waves if w is not None]
        if len(waves) < 2:
            return []
        pair = (waves[-2], waves[-1])
        return [t for t in self.trends if (t.from_wave, t.to_wave) == pair]


@attrs.frozen(kw_only=True)
class ImportSummary:
    """What a shareable report says of an import (the full reconciliation is for the data owner:
    ``wellbeing import --check`` and the API).

    A rejection keeps its row, column and reason, never the value: a sentence typed into an
    answer cell is a person's own words. The counts of rows read and accepted are given only when
    the report already shows them (everyone shown in every wave); otherwise they would give a
    hidden count away by subtraction.

    Attributes:
        source: The file read.
        rows_read, rows_accepted: None when withheld.
        rows_rejected: Rows refused.
        rejections: ``(row, column, reason)`` of every refused cell.
        identifier_columns, unmatched_columns, items_not_found: As the reconciliation has them.
    """

    source: str
    rows_read: int | None
    rows_accepted: int | None
    rows_rejected: int
    rejections: tuple[tuple[int, str, str], ...] = ()
    identifier_columns: tuple[str, ...] = ()
    unmatched_columns: tuple[str, ...] = ()
    items_not_found: tuple[str, ...] = ()

    @property
    def withheld(self) -> bool:
        return self.rows_accepted is None


def import_summary(rec: Reconciliation, results: Results | None) -> ImportSummary:
    """The public account of an import, given the results it fed (None: an organisational
    self-assessment by consensus, whose counts are submissions, not people)."""
    shown = True
    if results is not None:
        everyone = [g for g in results.groups if g.group == () and g.breakdown == ()]
        shown = bool(everyone) and all(g.n is not None for g in everyone)
        shown = shown and sum(g.n or 0 for g in everyone) == rec.rows_accepted
        shown = shown and not results.filters
    return ImportSummary(
        source=rec.source,
        rows_read=rec.rows_read if shown else None,
        rows_accepted=rec.rows_accepted if shown else None,
        rows_rejected=rec.rows_rejected,
        rejections=tuple((r.row, r.column, r.reason) for r in rec.rejections),
        identifier_columns=rec.identifier_columns,
        unmatched_columns=rec.unmatched_columns,
        items_not_found=rec.items_not_found,
    )


@attrs.frozen(kw_only=True)
class Headline:
    """What a reader should see first.

    Attributes:
        weakest: The weakest themes for everyone in the latest wave (up to two), weakest first.
        gaps: The largest I/We gaps in the latest wave (up to two).
        changes: The largest changes between the last two waves, themes only (up to three).
    """

    weakest: tuple[Cell, ...]
    gaps: tuple[GapRow, ...]
    changes: tuple[TrendRow, ...]


def headline(report: Report, *, size: int = 2) -> Headline:
    """Pick the headline: weakest themes, largest gaps, largest changes."""
    everyone = [
        c
        for c in report.theme_cells()
        if c.group == () and not c.suppressed and c.normalised is not None
    ]
    weakest = sorted(everyone, key=lambda c: c.normalised or 0.0)[:size]
    # The gaps at the top of the hierarchy that has them (everyone, else each service...).
    gaps = [r for r in report.latest_gap() if r.gap is not None]
    top = min((len(r.group) for r in gaps), default=0)
    chosen_gaps = [r for r in gaps if len(r.group) == top][:size]
    changes = sorted(
        (t for t in report.latest_trends() if t.kind is ElementKind.THEME),
        key=lambda t: -abs(t.change),
    )[: size + 1]
    return Headline(weakest=tuple(weakest), gaps=tuple(chosen_gaps), changes=tuple(changes))


def check_report(where: str, report: object) -> None:
    """Refuse anything but a :class:`Report` given to one of the report writers."""
    expect(where, "report", report, Report, "a Report (from make_report)")


def make_report(
    results: Results,
    *,
    catalog: Catalog,
    reconciliation: Reconciliation | None = None,
    organisational: Responses | None = None,
    organisational_reconciliation: Reconciliation | None = None,
    title: str = DEFAULT_TITLE,
    source: str | None = None,
    priorities_limit: int = 3,
    organisational_mode: str | None = None,
    organisational_earlier: Sequence[Release] = (),
) -> Report:
    """Work out the gap, the trends and the priorities, and bundle them with the results.

    Args:
        results: The private results of the individual checklists.
        catalog: The loaded packs (for prompts, tools and titles).
        reconciliation: The import's reconciliation of the individual answers.
        organisational: The organisational self-assessment responses, for the I/We gap.
        organisational_reconciliation: Their import's reconciliation.
        title: The report's title.
        source: A line on where the data came from.
        priorities_limit: How many of the weakest themes to give priorities for.
        organisational_mode: ``consensus`` (one agreed submission per group, published as the
            organisation's statement) or ``survey`` (many leaders, the minimum applies); by
            default consensus when every group has exactly one submission, else survey.
        organisational_earlier: In the survey mode, what earlier reports published of the same
            leaders' answers (``Ledger.organisational_releases``): the survey is suppressed so
            that it and they are safe together.
    """
    from ..analysis.aggregate import aggregate
    from ..analysis.gap import gap
    from ..analysis.gap import organisational_mode as mode_of
    from ..analysis.responses import Responses
    from ..packs.catalog import Catalog

    at = "make_report"
    expect(at, "results", results, Results, "Results (from aggregate)")
    expect(at, "catalog", catalog, Catalog, "a Catalog (make_host().catalog())")
    for name, value in (
        ("reconciliation", reconciliation),
        ("organisational_reconciliation", organisational_reconciliation),
    ):
        if value is not None:
            expect(at, name, value, Reconciliation, "the import's Reconciliation, or None")
    if organisational is not None:
        expect(at, "organisational", organisational, Responses, "Responses, or None")
    expect(at, "title", title, str, "a string")
    if source is not None:
        expect(at, "source", source, str, "a string, or None")
    expect_int(at, "priorities_limit", priorities_limit, minimum=0)
    if organisational_mode is not None:
        expect(at, "organisational_mode", organisational_mode, str, "consensus, survey or None")
    from ..analysis.priorities import priorities
    from ..analysis.trends import trends
    from ..model.content import Scope

    gap_rows: tuple[GapRow, ...] = ()
    mode = None
    org_results = None
    if organisational is not None:
        mode = mode_of(organisational, organisational_mode)  # type: ignore[arg-type]
        if mode == "survey":
            org_results = aggregate(
                organisational.select_scope(Scope.ORGANISATIONAL),
                min_group_size=results.min_group_size,
                force_small_groups=results.forced_small_groups,
                items=False,
                earlier=organisational_earlier,
            )
        gap_rows = gap(results, organisational, organisational_results=org_results)
    return Report(
        results=results,
        title=title,
        reconciliation=reconciliation,
        organisational_reconciliation=organisational_reconciliation,
        gap=tuple(gap_rows),
        trends=tuple(trends(results, kind=ElementKind.THEME)),
        priorities=priorities(
            results, catalog, group=(), wave=results.waves[-1], limit=priorities_limit
        ),
        catalog=catalog,
        source=source,
        organisational_mode=mode,
        organisational_results=org_results,
    )
