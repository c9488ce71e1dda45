"""The results report as one self-contained HTML page that a wellbeing lead can read at a glance.

In order: a short "how to read this" box with the minimum group size; the headline (weakest
themes, largest I/We gaps, largest changes); theme scores by group as a heatmap; the I/We gap;
the changes between waves; a table per theme; the priorities with the pack's reflective prompts
and tools and a draft action plan; and what the import did with every row and column.

Every hidden cell says the same word (from :mod:`._hidden`) and shows no number; every score is
shown by the one rule of :mod:`~wellbeing_framework.analysis._rounding`; cells are coloured by their
band (red, amber, green) with the band's name written in them. Each chart is drawn twice, for a
wide page (and paper) and for a phone (``wf-wide`` and ``wf-narrow``; the styles show one), so
its text stays readable at 390 pixels; printed, the parts run on, with no part left alone on a
page. Text from packs goes through
:func:`~wellbeing_framework.render.markdown.render_html`; text from data (group names, column
headings, rejected values) through :func:`~wellbeing_framework.render.markdown.escape`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis.cells import Cell, ElementKind
from ..analysis.derived import GapRow
from ..analysis.results import Results
from ._charts import ARROW_POINTS, text_colour
from ._charts import NEUTRAL_FILL as NEUTRAL
from ._page import html_document, stylesheet
from ._report_charts import band_fills, gap_chart, group_cell, heatmap_chart, trends_chart
from ._shared import one_line
from .markdown import escape, render_html
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

__all__ = ["reconciliation_html", "report_body", "report_html"]


# --- pieces ----------------------------------------------------------------------------------


def _hidden_td(hidden: str, *, span: int = 1) -> str:
    """A hidden cell: the one short word, its meaning in a tooltip (the key is under the table)."""
    colspan = f' colspan="{span}"' if span > 1 else ""
    return f'<td class="wf-hidden"{colspan} title="{escape(hidden)}">{HIDDEN_WORD}</td>'


def _score_td(cell: Cell | None, hidden: str, fills: dict[str, str], *, span: int = 1) -> str:
    colspan = f' colspan="{span}"' if span > 1 else ""
    if cell is None:
        return f'<td class="wf-num"{colspan}>\u2013</td>'
    if cell.suppressed:
        return _hidden_td(hidden, span=span)
    if cell.normalised is None:
        return f'<td class="wf-num"{colspan}>no answers</td>'
    fill = fills.get(cell.band, NEUTRAL) if cell.band else NEUTRAL
    band = f' <span class="wf-band">{escape(cell.band)}</span>' if cell.band else ""
    return (
        f'<td class="wf-score" style="background:{fill};color:{text_colour(fill)}">'
        f"{score_text(cell.normalised)}{band}</td>"
    )


def _wide_and_narrow(wide: str, narrow: str) -> str:
    """A chart drawn twice: for a desk or paper, and for a phone; the styles show one."""
    return f'<div class="wf-wide">{wide}</div><div class="wf-narrow">{narrow}</div>'


def _title(results: Results, ref: str) -> str:
    return render_html(one_line(results.title(ref)), inline=True)


# --- sections --------------------------------------------------------------------------------


def _howto(report: Report) -> str:
    results = report.results
    n = results.min_group_size
    waves = [w for w in results.waves if w is not None]
    forced = (
        "<li><strong>Small groups were forced on:</strong> the minimum group size was set "
        "below 5 on purpose. Take care where this report goes.</li>"
        if results.forced_small_groups
        else ""
    )
    rounds = f"<li>Rounds of the survey: {escape(', '.join(waves))}.</li>" if waves else ""
    filters = (
        "<li>Only answers with "
        + escape(", ".join(f"{d} = {v}" for d, v in results.filters))
        + ".</li>"
        if results.filters
        else ""
    )
    return (
        '<section class="wf-note wf-howto" aria-labelledby="wf-howto-h">'
        '<h2 id="wf-howto-h">How to read this report</h2><ul>'
        "<li><strong>Scores run from 0 to 100.</strong> 0 means every answer was at the bottom "
        "of the scale (strongly disagree, or no), 100 that every answer was at the top; 50 is "
        f"the middle. Bands: {escape(band_summary(results))}. Scores are rounded down to a "
        "whole number, so that a number never contradicts its band (74.9 shows as 74, not 75); "
        "a gap or a change is the difference of the two numbers shown.</li>"
        f"<li><strong>Minimum group size: {n} people.</strong> Results for a smaller group are "
        "never shown. Sometimes a larger group is hidden as well, so that nobody can work out a "
        "small group's answers from the groups around it. A hidden group shows no score and no "
        f"count: it just says <em>{HIDDEN_WORD}</em>.</li>"
        "<li><strong>I and We.</strong> 'I' is what staff say on the individual checklists; "
        "'We' is what the organisation says it provides, on its own checklist. A gap above 0 "
        "means the organisation rates itself higher than staff experience it.</li>"
        f"{rounds}{filters}{forced}"
        "<li>Free-text answers are never part of this report.</li>"
        "</ul></section>\n"
    )


def _headline(report: Report) -> str:
    results = report.results
    top = headline(report)
    cards = []
    if top.weakest:
        items = "".join(
            f'<li><span class="wf-big">{score_text(c.normalised or 0.0)}</span> '
            f"{_title(results, c.element)}"
            + (f' <span class="wf-band">({escape(c.band)})</span>' if c.band else "")
            + "</li>"
            for c in top.weakest
        )
        cards.append(f'<div class="wf-card"><h3>Weakest themes</h3><ul>{items}</ul></div>')
    if top.gaps:
        items = "".join(
            f'<li><span class="wf-big">{change_text(r.individual or 0.0, r.organisational or 0.0)}'
            f"</span> {_title(results, r.theme)}"
            + ("" if r.group == () else f" ({escape(group_label(r.group))})")
            + f"<br><small>staff {score_text(r.individual or 0.0)}, organisation "
            f"{score_text(r.organisational or 0.0)}</small></li>"
            for r in top.gaps
        )
        level = escape(report.level_name(len(top.gaps[0].group)))
        cards.append(
            f'<div class="wf-card"><h3>Largest I/We gaps</h3><p class="wf-refs">{level} level: '
            'every group is under <a href="#wf-gap-section">The I/We gap</a></p>'
            f"<ul>{items}</ul></div>"
        )
    if top.changes:
        items = "".join(
            f'<li><span class="wf-big">{change_text(t.before, t.after)}</span> '
            f"{_title(results, t.element)}, {escape(group_label(t.group))}"
            f"<br><small>{score_text(t.before)} in {escape(t.from_wave)}, "
            f"{score_text(t.after)} in {escape(t.to_wave)}</small></li>"
            for t in top.changes
        )
        cards.append(f'<div class="wf-card"><h3>Largest changes</h3><ul>{items}</ul></div>')
    if not cards:
        return ""
    return (
        '<section aria-labelledby="wf-headline-h"><h2 id="wf-headline-h">At a glance</h2>'
        f'<div class="wf-headline">{"".join(cards)}</div></section>\n'
    )


def _heatmap_section(report: Report) -> str:
    wave = report.latest_wave
    results = report.results
    when = f" in {escape(wave)}" if wave else ""
    shown = {g.group for g in results.groups if g.wave == wave and not g.suppressed}
    total = {g.group for g in results.groups if g.wave == wave and g.breakdown == ()}
    return (
        '<section class="wf-part" id="wf-scores"><h2>Theme scores by group</h2>'
        '<figure class="wf-figure">'
        + _wide_and_narrow(
            heatmap_chart(results, wave),
            heatmap_chart(results, wave, chart_id="wf-heatmap-narrow", compact=True),
        )
        + f"<figcaption>Scores out of 100{when}, for everyone and for each group of at least "
        f"{results.min_group_size} people. {len(total - shown)} of {len(total)} groups are "
        f"{escape(report.hidden)}. The tables under "
        '<a href="#wf-themes">Theme by theme</a> give every round.'
        "</figcaption></figure></section>\n"
    )


def _gap_row(report: Report, r: GapRow) -> str:
    if r.individual is None or r.organisational is None:
        staff = score_text(r.individual) if r.individual is not None else "\u2013"
        org = score_text(r.organisational) if r.organisational is not None else "none"
        cells = f'<td class="wf-num">{staff}</td><td class="wf-num">{org}</td><td></td>'
    else:
        cells = (
            f'<td class="wf-num">{score_text(r.individual)}</td>'
            f'<td class="wf-num">{score_text(r.organisational)}</td>'
            f'<td class="wf-num"><strong>'
            f"{change_text(r.individual, r.organisational)}</strong></td>"
        )
    return (
        f"<tr><td>{_title(report.results, r.theme)}</td>"
        f"<td>{escape(group_label(r.group))}</td>{cells}</tr>"
    )


def _gap_section(report: Report) -> str:
    if not report.gap:
        return ""
    results = report.results
    latest = [r for r in report.gap if r.wave == report.latest_wave]
    chart = gap_chart(results, latest)
    narrow = gap_chart(results, latest, chart_id="wf-gap-narrow", compact=True)
    when = f" ({escape(report.latest_wave)})" if report.latest_wave else ""
    figure = (
        f'<figure class="wf-figure">{_wide_and_narrow(chart, narrow)}</figure>'
        if chart and narrow
        else ""
    )
    # A table per level, the level of the headline first, so the two agree.
    tables = "".join(
        '<div class="wf-scroll"><table class="wf-table">'
        f"<caption>{escape(level)}: largest gap first{when}</caption>"
        '<thead><tr><th>Theme</th><th>Group</th><th class="wf-num">'
        '<span class="wf-long">Staff (I)</span><span class="wf-short">I</span></th>'
        '<th class="wf-num"><span class="wf-long">Organisation (We)</span>'
        '<span class="wf-short">We</span></th><th class="wf-num">Gap</th></tr></thead>'
        f"<tbody>{''.join(_gap_row(report, r) for r in rows)}</tbody></table></div>"
        for level, rows in report.gap_by_level()
    )
    return (
        '<section class="wf-part" id="wf-gap-section"><div class="wf-keep"><h2>The I/We gap</h2>'
        "<p>How what staff experience (the individual checklists) compares with what the "
        "organisation believes it provides (its own self-assessment), theme by theme. Each "
        "group is set against the self-assessment made for it, or else for the nearest group "
        "above it (a team against its service's).</p>"
        f"{figure}</div>{tables}{_hidden_list(report)}</section>\n"
    )


def _hidden_list(report: Report) -> str:
    groups = report.gap_hidden_groups()
    if not groups:
        return ""
    names = "; ".join(escape(group_label(g)) for g in groups)
    hidden = escape(report.hidden)
    return f'<p class="wf-hidden-note">Not in the table (<em>{hidden}</em>): {names}.</p>'


def _trends_section(report: Report) -> str:
    chart = trends_chart(report)
    narrow = trends_chart(report, chart_id="wf-trends-narrow", compact=True)
    if chart is None or narrow is None:
        return ""
    return (
        '<section class="wf-part" id="wf-trends-section"><h2>Changes between rounds</h2>'
        f'<figure class="wf-figure">{_wide_and_narrow(chart, narrow)}<figcaption>Only groups '
        "shown in both rounds are drawn. An arrow runs from the earlier score to the later one "
        f"for a change of {ARROW_POINTS} points or more; a change of a few points is within "
        "what chance alone can do."
        "</figcaption></figure></section>\n"
    )


def _theme_tables(report: Report) -> str:
    results = report.results
    waves = list(results.waves)
    groups = report.groups()
    cells = {(c.group, c.element, c.wave): c for c in results.cells if c.breakdown == ()}
    counts = {(g.group, g.wave): g for g in results.groups if g.breakdown == ()}
    fills = band_fills(results)
    parts = [
        '<section class="wf-part" id="wf-themes"><h2>Theme by theme</h2>'
        "<p>Each theme's score for every group and round, and each statement's score for "
        "everyone. <em>People</em> is how many people answered in that group; "
        f"<em>{escape(report.hidden)}</em>.</p>"
    ]
    head = "".join(
        f'<th class="wf-num">{escape(w or "Score")}</th><th class="wf-num">People</th>'
        for w in waves
    )
    for theme in results.themes:
        body = []
        for group in groups:
            tds = []
            for wave in waves:
                cell = cells.get((group, theme, wave))
                if cell is not None and cell.suppressed:
                    tds.append(_score_td(cell, report.hidden, fills, span=2))
                    continue
                tds.append(_score_td(cell, report.hidden, fills))
                count = counts.get((group, wave))
                n = "" if count is None or count.n is None else str(count.n)
                tds.append(f'<td class="wf-num">{n}</td>')
            body.append(f"<tr>{group_cell(group)}{''.join(tds)}</tr>")
        items = [e for e in results.elements if e.kind is ElementKind.ITEM and e.theme == theme]
        item_rows = []
        for item in items:
            scores = "".join(
                _score_td(cells.get(((), item.ref, w)), report.hidden, fills) for w in waves
            )
            item_rows.append(
                f"<tr><td>{render_html(one_line(item.title), inline=True)}</td>{scores}</tr>"
            )
        item_head = "".join(f'<th class="wf-num">{escape(w or "Score")}</th>' for w in waves)
        statements = (
            '<div class="wf-scroll"><table class="wf-table">'
            f"<caption>Statements, everyone</caption><thead><tr><th>Statement</th>{item_head}"
            f"</tr></thead><tbody>{''.join(item_rows)}</tbody></table></div>"
            if item_rows
            else ""
        )
        parts.append(
            f"<h3>{_title(results, theme)}</h3>"
            '<div class="wf-scroll"><table class="wf-table">'
            f"<caption>By group</caption><thead><tr><th>Group</th>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>{statements}"
        )
    parts.append("</section>\n")
    return "".join(parts)


def _ref_list(report: Report, refs: Sequence[str], limit: int, what: str) -> str:
    if not refs:
        return ""
    items = [
        f"<li>{render_html(one_line(ref_text(report.catalog, r)), inline=True)}</li>"
        for r in refs[:limit]
    ]
    more = more_text(refs, limit, what)
    if more:
        items.append(f'<li class="wf-refs">{escape(more)}</li>')
    return f"<ul>{''.join(items)}</ul>"


def _refs_inline(report: Report, refs: Sequence[str], limit: int) -> str:
    return "; ".join(
        render_html(one_line(ref_text(report.catalog, r)), inline=True) for r in refs[:limit]
    )


def _priorities_section(report: Report) -> str:
    prio = report.priorities
    if prio is None:
        return ""
    results = report.results
    where = escape(group_label(prio.group)) + (f", {escape(prio.wave)}" if prio.wave else "")
    parts = [
        '<section class="wf-part" id="wf-priorities"><h2>Priorities and a draft action plan</h2>'
        f"<p>The weakest themes and statements ({where}), what the pack offers for each, and "
        "a first draft of actions. The draft is a starting point: agree the real plan with the "
        "people it is for.</p>"
    ]
    for p in prio.themes:
        band = f" ({escape(p.band)})" if p.band else ""
        parts.append(
            f"<h3>{render_html(one_line(p.title), inline=True)}: "
            f"{score_text(p.normalised)} out of 100{band}</h3>"
        )
        if p.prompts:
            parts.append("<h4>Reflective prompts to start a conversation</h4>")
            parts.append(_ref_list(report, p.prompts, MAX_PROMPTS, "prompts"))
        if p.tools:
            parts.append("<h4>Tools in the pack</h4>")
            parts.append(_ref_list(report, p.tools, MAX_TOOLS, "tools"))
    if prio.items:
        rows = "".join(
            f"<tr><td>{render_html(one_line(p.title), inline=True)}</td>"
            f"<td>{_title(results, p.theme)}</td>"
            f'<td class="wf-num">{score_text(p.normalised)}'
            + (f' <span class="wf-band">{escape(p.band)}</span>' if p.band else "")
            + "</td></tr>"
            for p in prio.items
        )
        parts.append(
            '<h3>Weakest statements</h3><div class="wf-scroll"><table class="wf-table">'
            '<thead><tr><th>Statement</th><th>Theme</th><th class="wf-num">Score</th></tr>'
            f"</thead><tbody>{rows}</tbody></table></div>"
        )
    draft = prio.draft
    if draft.actions:
        actions = []
        for action in draft.actions:
            # The prompts and tools are listed in full above: one of each kind is enough here.
            extra = ""
            if action.prompts:
                extra += (
                    f'<p class="wf-refs">Start with: {_refs_inline(report, action.prompts, 1)}</p>'
                )
            if action.tools:
                extra += f'<p class="wf-refs">Tools: {_refs_inline(report, action.tools, 2)}</p>'

            actions.append(
                f"<li><p><strong>{_title(results, action.theme)}.</strong> "
                f"{render_html(one_line(action.text), inline=True)}</p>{extra}</li>"
            )
        parts.append(
            # Made from the group and the wave, which are data: text, never Markdown.
            f"<h3>{escape(one_line(draft.title))}</h3>"
            f'<ol class="wf-actions">{"".join(actions)}</ol>'
        )
    parts.append("</section>\n")
    return "".join(parts)


def reconciliation_html(rec: ImportSummary, *, heading: str = "The staff answers") -> str:
    """What an import did: rows read, accepted and rejected, every rejection (row, column and
    reason, never the value), every column dropped."""
    withheld = '<td class="wf-num">withheld</td>'
    facts = [
        ("Rows read", rec.rows_read),
        ("Rows accepted", rec.rows_accepted),
        ("Rows rejected", rec.rows_rejected),
    ]
    rows = "".join(
        f'<tr><th scope="row">{k}</th>'
        + (withheld if v is None else f'<td class="wf-num">{v}</td>')
        + "</tr>"
        for k, v in facts
    )
    parts = [
        f"<h3>{escape(heading)}</h3>",
        f'<p class="wf-meta">From <code>{escape(rec.source)}</code></p>',
        f'<table class="wf-table wf-facts-table"><tbody>{rows}</tbody></table>',
    ]
    if rec.withheld:
        parts.append(
            "<p>The counts of rows read and accepted are withheld: with the counts shown above "
            "they would give a hidden group away.</p>"
        )
    dropped = (
        ("Dropped because they identify people", rec.identifier_columns),
        ("Dropped because they match no statement (free text among them)", rec.unmatched_columns),
        ("Statements with no column in the file", rec.items_not_found),
    )
    for words, names in dropped:
        if names:
            listed = "".join(f"<li><code>{escape(n)}</code></li>" for n in names)
            parts.append(f"<p><strong>{words}:</strong></p><ul>{listed}</ul>")
    if rec.rejections:
        body = "".join(
            f'<tr><td class="wf-num">{row}</td><td>{escape(column)}</td>'
            f"<td>{escape(reason)}</td></tr>"
            for row, column, reason in rec.rejections
        )
        parts.append(
            '<div class="wf-scroll"><table class="wf-table"><caption>Rejected rows (row numbers '
            "as a spreadsheet shows them; what was typed stays with the data owner)</caption>"
            '<thead><tr><th class="wf-num">Row</th><th>Column</th><th>Why</th></tr></thead>'
            f"<tbody>{body}</tbody></table></div>"
        )
    else:
        parts.append("<p>No row was rejected.</p>")
    return "".join(parts)


def _import_section(report: Report) -> str:
    imports = report.imports()
    if not imports:
        return ""
    parts = [
        '<section class="wf-part" id="wf-import"><h2>About the data</h2>'
        "<p>What the import did with every row and column: rows read = rows accepted + rows "
        "rejected, and every rejection and every dropped column is listed.</p>"
    ]
    parts += [reconciliation_html(summary, heading=heading) for summary, heading in imports]
    parts.append("</section>\n")
    return "".join(parts)


def _contents(report: Report) -> str:
    links = [("wf-scores", "Theme scores by group")]
    if report.gap:
        links.append(("wf-gap-section", "The I/We gap"))
    if report.latest_trends():
        links.append(("wf-trends-section", "Changes between rounds"))
    links.append(("wf-themes", "Theme by theme"))
    if report.priorities is not None:
        links.append(("wf-priorities", "Priorities and a draft action plan"))
    if report.reconciliation is not None or report.organisational_reconciliation is not None:
        links.append(("wf-import", "About the data"))
    items = "".join(f'<li><a href="#{a}">{t}</a></li>' for a, t in links)
    return f'<nav class="wf-screen-only" aria-label="Contents"><ol>{items}</ol></nav>\n'


def _header(report: Report) -> str:
    results = report.results
    facts = []
    if report.source:
        facts.append(escape(report.source))
    if results.levels:
        facts.append("Groups: " + escape(", ".join(results.levels)))
    waves = [w for w in results.waves if w is not None]
    if waves:
        facts.append("Rounds: " + escape(", ".join(waves)))
    facts.append(f"Minimum group size: {results.min_group_size}")
    dot = " \u00b7 "
    return (
        f"<header><h1>{escape(report.title)}</h1>"
        f'<p class="wf-meta">{dot.join(facts)}</p></header>\n'
    )


def report_body(report: Report) -> str:
    """The report's content, without the page around it."""
    return (
        '<div class="wf-report">'
        + _header(report)
        + _howto(report)
        + _headline(report)
        + _contents(report)
        + _heatmap_section(report)
        + _gap_section(report)
        + _trends_section(report)
        + _theme_tables(report)
        + _priorities_section(report)
        + _import_section(report)
        + "</div>"
    )


def report_html(report: Report) -> str:
    """The whole report as one self-contained HTML page: styles and charts inline, nothing
    fetched, nothing run; it prints with each major part on a new page."""
    check_report("report_html", report)
    return html_document(report.title, report_body(report), extra_css=stylesheet("report.css"))
