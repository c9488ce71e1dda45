"""The results report in Markdown: the same content as the HTML page, as text that reads well in
an editor, in an email or on a Git host.

Pack text is Markdown already and goes in as its authors wrote it (one line, capped in size).
Text from data (group names, column headings, rejected values) is escaped, so a team called
``<script>`` or ``**urgent**`` is shown as written and never turns into mark-up or HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._arguments import expect
from .._escape import markdown_text
from ..analysis.cells import Cell, ElementKind
from ._markdown_elements import line
from .report import (
    HIDDEN_WORD,
    MAX_PROMPTS,
    MAX_TOOLS,
    ImportSummary,
    Report,
    band_summary,
    check_report,
    group_label,
    headline,
    more_text,
    ref_text,
)
from .scores import change_text, score_text

__all__ = ["md_text", "reconciliation_markdown", "report_markdown"]

#: Plain text from data made safe for Markdown (the one Markdown escape, under its old name here).
md_text = markdown_text


def _pack(text: str) -> str:
    """Pack text (Markdown) for one line or a table cell."""
    return line(text).replace("|", "\\|")


def _score(cell: Cell | None) -> str:
    if cell is None:
        return "\u2013"
    if cell.suppressed:
        return HIDDEN_WORD
    if cell.normalised is None:
        return "no answers"
    band = f" {md_text(cell.band)}" if cell.band else ""
    return f"**{score_text(cell.normalised)}**{band}"


def _table(
    head: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()
) -> list[str]:
    """A pipe table; the columns numbered in ``right`` are aligned right (numbers)."""
    align = ["---:" if i in right else "---" for i in range(len(head))]
    out = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return [*out, ""]


def _howto(report: Report) -> list[str]:
    results = report.results
    waves = [w for w in results.waves if w is not None]
    out = [
        "> **How to read this report**",
        ">",
        "> - **Scores run from 0 to 100.** 0 means every answer was at the bottom of the scale "
        "(strongly disagree, or no), 100 that every answer was at the top; 50 is the middle. "
        f"Bands: {md_text(band_summary(results))}. Scores are rounded down to a whole number, "
        "so that a number never contradicts its band (74.9 shows as 74, not 75); a gap or a "
        "change is the difference of the two numbers shown.",
        f"> - **Minimum group size: {results.min_group_size} people.** Results for a smaller "
        "group are never shown. Sometimes a larger group is hidden as well, so that nobody can "
        "work out a small group's answers from the groups around it. A hidden group shows no "
        f"score and no count, only the word *{HIDDEN_WORD}* ({report.hidden}).",
        "> - **I and We.** 'I' is what staff say on the individual checklists; 'We' is what the "
        "organisation says it provides, on its own checklist. A gap above 0 means the "
        "organisation rates itself higher than staff experience it.",
    ]
    if waves:
        out.append(f"> - Rounds of the survey: {md_text(', '.join(waves))}.")
    if results.filters:
        out.append(
            "> - Only answers with "
            + md_text(", ".join(f"{d} = {v}" for d, v in results.filters))
            + "."
        )
    if results.forced_small_groups:
        out.append(
            "> - **Small groups were forced on:** the minimum was set below 5 on purpose. "
            "Take care where this report goes."
        )
    out += ["> - Free-text answers are never part of this report.", ""]
    return out


def _headline(report: Report) -> list[str]:
    results = report.results
    top = headline(report)
    out = ["## At a glance", ""]
    if top.weakest:
        out += ["**Weakest themes**", ""]
        out += [
            f"- {score_text(c.normalised or 0.0)}: {_pack(results.title(c.element))}"
            + (f" ({md_text(c.band)})" if c.band else "")
            for c in top.weakest
        ]
        out.append("")
    if top.gaps:
        level = md_text(report.level_name(len(top.gaps[0].group)))
        out += [f"**Largest I/We gaps** ({level} level)", ""]
        for r in top.gaps:
            where = "" if r.group == () else f" ({md_text(group_label(r.group))})"
            out.append(
                f"- {change_text(r.individual or 0.0, r.organisational or 0.0)}: "
                f"{_pack(results.title(r.theme))}{where}: staff "
                f"{score_text(r.individual or 0.0)}, organisation "
                f"{score_text(r.organisational or 0.0)}"
            )
        out.append("")
    if top.changes:
        out += ["**Largest changes**", ""]
        out += [
            f"- {change_text(t.before, t.after)}: {_pack(results.title(t.element))}, "
            f"{md_text(group_label(t.group))}: {score_text(t.before)} in {md_text(t.from_wave)}, "
            f"{score_text(t.after)} in {md_text(t.to_wave)}"
            for t in top.changes
        ]
        out.append("")
    return out if len(out) > 2 else []


def _scores(report: Report) -> list[str]:
    results = report.results
    wave = report.latest_wave
    cells = {(c.group, c.element): c for c in report.theme_cells(wave)}
    counts = {g.group: g for g in results.groups if g.wave == wave and g.breakdown == ()}
    head = ["Group", "People", *(_pack(results.title(t)) for t in results.themes)]
    rows = []
    for group in report.groups():
        count = counts.get(group)
        if count is not None and count.suppressed:
            # Said once for the row; the theme cells stay empty rather than repeat it.
            rows.append([md_text(group_label(group)), HIDDEN_WORD, *("" for _ in results.themes)])
            continue
        people = "" if count is None or count.n is None else str(count.n)
        rows.append(
            [
                md_text(group_label(group)),
                people,
                *(_score(cells.get((group, t))) for t in results.themes),
            ]
        )
    when = f" in {md_text(wave)}" if wave else ""
    numbers = range(1, len(head))
    return [f"## Theme scores by group{when}", "", *_table(head, rows, numbers)]


def _gap(report: Report, *, summary: bool = False) -> list[str]:
    levels = report.gap_by_level()
    if summary:
        # The summary keeps the level the headline picks from (everyone, else each service).
        levels = [(name, rows) for name, rows in levels if any(r.gap is not None for r in rows)]
        levels = levels[:1]
    tables: list[str] = []
    for level, rows in levels:
        cells = []
        for r in rows:
            staff = score_text(r.individual) if r.individual is not None else "\u2013"
            org = score_text(r.organisational) if r.organisational is not None else "none"
            gap = (
                f"**{change_text(r.individual, r.organisational)}**"
                if r.individual is not None and r.organisational is not None
                else ""
            )
            theme = _pack(report.results.title(r.theme))
            cells.append([theme, md_text(group_label(r.group)), staff, org, gap])
        tables += [f"{md_text(level)}, largest gap first:", ""]
        tables += _table(
            ["Theme", "Group", "Staff (I)", "Organisation (We)", "Gap"], cells, (2, 3, 4)
        )
    if not tables:
        return []
    return [
        "## The I/We gap",
        "",
        "What staff experience (the individual checklists) against what the organisation "
        "believes it provides (its own self-assessment). Each group is set against the "
        "self-assessment made for it, or else for the nearest group above it.",
        "",
        *tables,
        *_hidden_gap(report),
    ]


def _hidden_gap(report: Report) -> list[str]:
    groups = report.gap_hidden_groups()
    if not groups:
        return []
    names = "; ".join(md_text(group_label(g)) for g in groups)
    return [f"Not in the table (*{report.hidden}*): {names}.", ""]


def _trends(report: Report) -> list[str]:
    changes = report.latest_trends()
    if not changes:
        return []
    first = changes[0]
    order = {t: i for i, t in enumerate(report.results.themes)}
    rows = [
        [
            _pack(report.results.title(t.element)),
            md_text(group_label(t.group)),
            score_text(t.before),
            score_text(t.after),
            f"**{change_text(t.before, t.after)}**",
        ]
        for t in sorted(changes, key=lambda t: (order.get(t.element, 99), t.group))
    ]
    return [
        f"## Changes from {md_text(first.from_wave)} to {md_text(first.to_wave)}",
        "",
        "Only groups shown in both rounds are listed.",
        "",
        *_table(
            ["Theme", "Group", md_text(first.from_wave), md_text(first.to_wave), "Change"],
            rows,
            (2, 3, 4),
        ),
    ]


def _themes(report: Report) -> list[str]:
    results = report.results
    waves = list(results.waves)
    cells = {(c.group, c.element, c.wave): c for c in results.cells if c.breakdown == ()}
    out = ["## Theme by theme", ""]
    for theme in results.themes:
        out += [f"### {_pack(results.title(theme))}", ""]
        rows = [
            [
                md_text(group_label(g)),
                *(_score(cells.get((g, theme, w))) for w in waves),
            ]
            for g in report.groups()
        ]
        out += _table(["Group", *(md_text(w or "Score") for w in waves)], rows, range(1, 9))
        items = [e for e in results.elements if e.kind is ElementKind.ITEM and e.theme == theme]
        if items:
            item_rows = [
                [_pack(i.title), *(_score(cells.get(((), i.ref, w))) for w in waves)] for i in items
            ]
            out += ["Statements, everyone:", ""]
            out += _table(
                ["Statement", *(md_text(w or "Score") for w in waves)], item_rows, range(1, 9)
            )
    return out


def _priorities(report: Report) -> list[str]:
    prio = report.priorities
    if prio is None:
        return []
    where = md_text(group_label(prio.group)) + (f", {md_text(prio.wave)}" if prio.wave else "")
    out = [
        "## Priorities and a draft action plan",
        "",
        f"The weakest themes and statements ({where}) and what the pack offers for each. The "
        "draft is a starting point: agree the real plan with the people it is for.",
        "",
    ]
    for p in prio.themes:
        band = f" ({md_text(p.band)})" if p.band else ""
        out += [f"### {_pack(p.title)}: {score_text(p.normalised)} out of 100{band}", ""]
        for words, refs, limit, what in (
            ("Reflective prompts to start a conversation:", p.prompts, MAX_PROMPTS, "prompts"),
            ("Tools in the pack:", p.tools, MAX_TOOLS, "tools"),
        ):
            if refs:
                out += [words, ""]
                out += [f"- {_pack(ref_text(report.catalog, r))}" for r in refs[:limit]]
                more = more_text(refs, limit, what)
                out += [f"- *{more}*", ""] if more else [""]
    if prio.items:
        out += ["### Weakest statements", ""]
        out += _table(
            ["Statement", "Theme", "Score"],
            [
                [
                    _pack(p.title),
                    _pack(report.results.title(p.theme)),
                    score_text(p.normalised) + (f" {md_text(p.band)}" if p.band else ""),
                ]
                for p in prio.items
            ],
            (2,),
        )
    draft = prio.draft
    if draft.actions:
        out += [f"### {md_text(draft.title)}", ""]  # made from the group and wave: data
        for k, action in enumerate(draft.actions, start=1):
            out.append(
                f"{k}. **{_pack(report.results.title(action.theme))}.** {_pack(action.text)}"
            )
            # The prompts and tools are listed in full above: one of each kind is enough here.
            if action.prompts:
                out.append(f"   - Start with: {_pack(ref_text(report.catalog, action.prompts[0]))}")
            if action.tools:
                tools = "; ".join(_pack(ref_text(report.catalog, r)) for r in action.tools[:2])
                out.append(f"   - Tools: {tools}")
        out.append("")
    return out


def _counts(rec: ImportSummary) -> str:
    if rec.withheld:
        return f"{rec.rows_rejected} rows rejected (the counts read and accepted are withheld)"
    return f"{rec.rows_read} rows read, {rec.rows_accepted} accepted, {rec.rows_rejected} rejected"


def reconciliation_markdown(rec: ImportSummary, *, heading: str = "The staff answers") -> list[str]:
    """What an import did, as Markdown lines: counts, dropped columns, every rejection (row,
    column and reason, never the value)."""
    out = [
        f"### {md_text(heading)}",
        "",
        f"From {md_text(rec.source)}: {_counts(rec)}.",
        "",
    ]
    dropped = (
        ("Dropped because they identify people:", rec.identifier_columns),
        ("Dropped because they match no statement (free text among them):", rec.unmatched_columns),
        ("Statements with no column in the file:", rec.items_not_found),
    )
    for words, names in dropped:
        if names:
            out += [words, "", *(f"- {md_text(n)}" for n in names), ""]
    if rec.rejections:
        out += _table(
            ["Row", "Column", "Why"],
            [
                [str(row), md_text(column), md_text(reason)]
                for row, column, reason in rec.rejections
            ],
            (0,),
        )
    else:
        out += ["No row was rejected.", ""]
    return out


def report_markdown(report: Report, *, summary: bool = False) -> str:
    """The whole report as Markdown.

    Args:
        report: The report.
        summary: A shorter report: the headline, the scores by group, the gap and the
            priorities, with the import's counts but not every rejection, and without the
            tables of every theme, statement and change.
    """
    check_report("report_markdown", report)
    expect("report_markdown", "summary", summary, bool, "True or False")
    results = report.results
    facts = []
    if report.source:
        facts.append(md_text(report.source))
    if results.levels:
        facts.append("groups: " + md_text(", ".join(results.levels)))
    facts.append(f"minimum group size: {results.min_group_size}")
    out = [f"# {md_text(report.title)}", "", "; ".join(facts), ""]
    out += _howto(report)
    out += _headline(report)
    out += _scores(report)
    out += _gap(report, summary=summary)
    if not summary:
        out += _trends(report)
        out += _themes(report)
    out += _priorities(report)
    recs = report.imports()
    if recs:
        out += [
            "## About the data",
            "",
            "Rows read = rows accepted + rows rejected; every rejection and every dropped column "
            "is listed.",
            "",
        ]
        for rec, heading in recs:
            if summary:
                out += [
                    f"- {md_text(heading)}: {_counts(rec)}"
                    + (" (listed in the full report)." if rec.rows_rejected else ".")
                ]
            else:
                out += reconciliation_markdown(rec, heading=heading)
    return "\n".join(out).rstrip() + "\n"
