"""Rich display in Jupyter: packs, themes, checklists and results shown as HTML in a notebook.

Call :func:`enable` once in a notebook::

    from wellbeing_framework.render import notebook
    notebook.enable(catalog=catalog)

and a :class:`~wellbeing_framework.model.content.Pack`, a
:class:`~wellbeing_framework.model.content.Theme`, a
:class:`~wellbeing_framework.model.content.Checklist`, a
:class:`~wellbeing_framework.analysis.results.Results`, a
:class:`~wellbeing_framework.analysis.import_result.Reconciliation` or a
:class:`~wellbeing_framework.analysis.derived.GapRow` left at the end of a cell shows as HTML.
The models themselves know nothing of this: the formatters are registered with IPython from
here, and IPython is looked up only when :func:`enable` runs, so importing this module never
imports IPython.

The HTML is the same safe HTML as the handbook and the report, as fragments (no page, no global
styles), so a notebook's own look is left alone. Hidden groups read as they do in the report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..analysis.derived import GapRow, TrendRow
from ..analysis.import_result import Reconciliation
from ..analysis.results import Results
from ..errors import WellbeingError
from ..model.content import KINDS, Checklist, Element, Pack, Theme, kind_of
from ..packs.catalog import Catalog
from ._html_elements import element_fragment
from ._report_charts import results_fragment
from ._shared import one_line
from .markdown import escape, render_html
from .report import HIDDEN_WORD, group_label, hidden_text, import_summary
from .report_html import reconciliation_html
from .scores import change_text, score_text

__all__ = [
    "HTML",
    "checklist_html",
    "enable",
    "gap_view",
    "pack_html",
    "reconciliation_display",
    "results_html",
    "theme_html",
    "trends_view",
]

#: Styles scoped to the fragments, so they do not reach the rest of the notebook.
_CSS = (
    "<style>"
    ".wf-nb{max-width:60rem;line-height:1.45}"
    ".wf-nb table{border-collapse:collapse;margin:0.4em 0 1em}"
    ".wf-nb th,.wf-nb td{border-bottom:1px solid #d3dcdf;padding:0.25em 0.6em;text-align:left;"
    "vertical-align:top}"
    ".wf-nb .wf-meta{color:#55636a;font-size:0.9em}"
    ".wf-nb .wf-depth-1{padding-left:1.4em}.wf-nb .wf-depth-2{padding-left:2.6em}"
    ".wf-nb .wf-depth-3{padding-left:3.8em}"
    ".wf-nb svg.wf-chart{max-width:100%;height:auto}"
    "</style>"
)


def _wrap(body: str) -> str:
    return f'{_CSS}<div class="wf-nb">{body}</div>'


class HTML:
    """Some safe HTML that shows itself in a notebook (IPython calls ``_repr_html_``)."""

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<HTML view, {len(self.html):,} characters: display it in a notebook>"


def _owner(element: Element, catalog: Catalog | None) -> Pack:
    """The loaded pack holding ``element``, or a stand-in pack holding only it."""
    if catalog is not None:
        for pack in catalog:
            if any(e is element or e == element for e in pack.elements):
                return pack
    title = f"A {kind_of(element).label.lower()}"
    return Pack(id="notebook", title=title, version="-", summary="-").with_elements([element])


def pack_html(pack: Pack, catalog: Catalog | None = None) -> str:
    """A pack's overview: title, version, summary, and its elements by kind, with ids."""
    del catalog  # the overview needs nothing beyond the pack
    parts = [
        f"<h2>{render_html(one_line(pack.title), inline=True)}</h2>",
        f'<p class="wf-meta">Pack <code>{escape(pack.id)}</code>, version '
        f"{escape(pack.version)}</p>",
        render_html(pack.summary),
    ]
    rows = [
        f"<tr><td>{kind.label}</td><td>{render_html(one_line(e.title), inline=True)}</td>"
        f"<td><code>{escape(e.id)}</code></td></tr>"
        for kind in KINDS
        for e in pack.elements_of(kind)
    ]
    if rows:
        parts.append(
            "<table><thead><tr><th>Kind</th><th>Title</th><th>Id</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    return _wrap("".join(parts))


def theme_html(theme: Theme, catalog: Catalog | None = None) -> str:
    """A theme as in the handbook: what good looks like, 'I' and 'We' statements, prompts."""
    return _wrap(element_fragment(theme, _owner(theme, catalog), catalog=catalog))


def checklist_html(checklist: Checklist, catalog: Catalog | None = None) -> str:
    """A checklist as in the handbook, with its scale and items."""
    return _wrap(element_fragment(checklist, _owner(checklist, catalog), catalog=catalog))


def results_html(results: Results) -> str:
    """Results: the heatmap of the latest wave and the group counts, hidden groups hidden."""
    return _wrap(results_fragment(results))


def reconciliation_display(rec: Reconciliation) -> str:
    """An import's reconciliation: counts, dropped columns, every rejection (never its value: a
    notebook is shared as readily as a report)."""
    return _wrap(reconciliation_html(import_summary(rec, None), heading="Import"))


def _gap_table(rows: Sequence[GapRow], results: Results | None) -> str:
    body = []
    for r in rows:
        title = results.title(r.theme) if results is not None else r.theme
        if r.suppressed:
            minimum = results.min_group_size if results is not None else None
            words = hidden_text(minimum) if minimum is not None else HIDDEN_WORD
            cells = (
                f'<td colspan="3" class="wf-hidden" title="{escape(words)}">'
                f"<em>{HIDDEN_WORD}</em></td>"
            )
        else:
            staff = "\u2013" if r.individual is None else score_text(r.individual)
            org = "none" if r.organisational is None else score_text(r.organisational)
            gap = (
                change_text(r.individual, r.organisational)
                if r.individual is not None and r.organisational is not None
                else ""
            )
            cells = f"<td>{staff}</td><td>{org}</td><td><strong>{gap}</strong></td>"
        wave = escape(r.wave or "")
        body.append(
            f"<tr><td>{render_html(one_line(title), inline=True)}</td>"
            f"<td>{escape(group_label(r.group))}</td><td>{wave}</td>{cells}</tr>"
        )
    return _wrap(
        "<table><thead><tr><th>Theme</th><th>Group</th><th>Wave</th><th>Staff (I)</th>"
        "<th>Organisation (We)</th><th>Gap</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def gap_view(rows: Sequence[GapRow], results: Results | None = None) -> HTML:
    """I/We gap rows (from :func:`~wellbeing_framework.analysis.gap.gap`) as a table that shows
    itself in a notebook; hidden rows say so and show no number.

    Args:
        rows: The gap rows, in the order to show them.
        results: The individual results, to name the themes and the minimum group size.
    """
    return HTML(_gap_table(rows, results))


def trends_view(rows: Sequence[TrendRow], results: Results | None = None) -> HTML:
    """Changes between waves (from :func:`~wellbeing_framework.analysis.trends.trends`) as a
    table that shows itself in a notebook.

    Args:
        rows: The trend rows.
        results: The results, to name the themes and items.
    """

    def title(ref: str) -> str:
        return render_html(one_line(results.title(ref) if results else ref), inline=True)

    body = "".join(
        f"<tr><td>{title(t.element)}</td>"
        f"<td>{escape(group_label(t.group))}</td><td>{escape(t.from_wave)}</td>"
        f"<td>{escape(t.to_wave)}</td><td>{score_text(t.before)}</td>"
        f"<td>{score_text(t.after)}</td><td><strong>{change_text(t.before, t.after)}</strong></td>"
        "</tr>"
        for t in rows
    )
    return HTML(
        _wrap(
            "<table><thead><tr><th>Element</th><th>Group</th><th>From</th><th>To</th>"
            f"<th>Before</th><th>After</th><th>Change</th></tr></thead><tbody>{body}</tbody>"
            "</table>"
        )
    )


def enable(ip: Any = None, *, catalog: Catalog | None = None) -> None:
    """Show packs, themes, checklists, results, reconciliations and gap rows as HTML.

    Args:
        ip: The IPython shell; by default the one running (``get_ipython()``).
        catalog: The loaded packs, so that a theme or checklist is shown with its own pack's
            references and scales.

    Raises:
        WellbeingError: Not running under IPython, and no shell was given.
    """
    if ip is None:
        try:
            from IPython import get_ipython
        except ImportError:
            raise WellbeingError(
                "IPython is not installed: install the 'notebook' extra to use notebook display"
            ) from None
        ip = get_ipython()
        if ip is None:
            raise WellbeingError("not running in IPython or Jupyter: there is nothing to enable")
    formatter = ip.display_formatter.formatters["text/html"]
    handlers: dict[type, Callable[[Any], str]] = {
        Pack: lambda p: pack_html(p, catalog),
        Theme: lambda t: theme_html(t, catalog),
        Checklist: lambda c: checklist_html(c, catalog),
        Results: results_html,
        Reconciliation: reconciliation_display,
        GapRow: lambda r: _gap_table([r], None),
    }
    for cls, handler in handlers.items():
        formatter.for_type(cls, handler)
