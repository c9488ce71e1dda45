"""Jupyter display: what a notebook shows for packs, themes, checklists, results and gap rows."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from IPython.core.formatters import DisplayFormatter
from strategies import analysis as sa

from wellbeing_framework import Checklist, Results, Theme, WellbeingError, aggregate
from wellbeing_framework.analysis import GapRow, Reconciliation, Rejection, Responses
from wellbeing_framework.render import notebook
from wellbeing_framework.render.report import hidden_text


@pytest.fixture
def shell() -> Any:
    """A stand-in for the IPython shell: a real display formatter, no kernel."""
    return SimpleNamespace(display_formatter=DisplayFormatter())


def _html(shell: Any, obj: object) -> str:
    data, _ = shell.display_formatter.format(obj)
    html = data.get("text/html")
    assert isinstance(html, str), f"no HTML for {type(obj).__name__}"
    return html


@pytest.fixture(scope="module")
def results() -> Results:
    items = sa.individual_items()
    paths = [("North", "Big team")] * 15 + [("North", "Small team")] * 3 + [("South", "Team")] * 12
    options = np.random.default_rng(3).integers(0, 3, size=(len(paths), len(items)))
    responses = Responses.from_arrays(
        items=items, levels=("Service", "Team"), group_paths=paths, options=options
    )
    return aggregate(responses, min_group_size=10)


def test_importing_the_module_does_not_import_ipython() -> None:
    code = (
        "import sys, wellbeing_framework.render.notebook as nb; "
        "print('IPython' in sys.modules, callable(nb.enable))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_enable_outside_ipython_says_so() -> None:
    with pytest.raises(WellbeingError, match="not running in IPython"):
        notebook.enable()


def test_packs_themes_and_checklists_show_as_html(shell: Any) -> None:
    notebook.enable(shell, catalog=sa.CATALOG)
    pack_html = _html(shell, sa.PACK)
    assert "Demo pack" in pack_html
    assert "safety-me" in pack_html  # every element is listed with its id
    theme = sa.PACK.element("safety")
    assert isinstance(theme, Theme)
    assert "What helps you speak up?" in _html(shell, theme)
    checklist = sa.PACK.element("safety-me")
    assert isinstance(checklist, Checklist)
    html = _html(shell, checklist)
    assert "I feel safe to speak up." in html
    assert "Strongly agree" in html  # its scale, resolved


def test_a_theme_shows_without_a_catalog(shell: Any) -> None:
    notebook.enable(shell)
    theme = Theme(id="lonely", title="A theme on its own <b>")
    html = _html(shell, theme)
    assert "A theme on its own" in html
    assert "<b>" not in html


def test_results_show_the_heatmap_and_hide_small_groups(shell: Any, results: Results) -> None:
    notebook.enable(shell, catalog=sa.CATALOG)
    html = _html(shell, results)
    assert "<svg" in html
    assert "Big team" in html
    phrase = hidden_text(10)
    small = html[html.rindex(">Small team<") :].split("</tr>", 1)[0]  # the table, not the chart
    assert phrase in small
    assert "3" not in small.replace(phrase, "")  # its count is not shown
    # The notebook's own page is left alone: styles are scoped, no page frame.
    assert "<html" not in html
    assert "body {" not in html


def test_gap_rows_and_reconciliations_show(shell: Any, results: Results) -> None:
    notebook.enable(shell, catalog=sa.CATALOG)
    row = GapRow(
        theme="demo:safety",
        group=("North",),
        individual=0.5,
        organisational=0.75,
        gap=0.25,
        n_individual=18,
        n_organisational=1,
    )
    assert "+25" in _html(shell, row)
    view = notebook.gap_view([row], results)
    assert "Feeling safe" in view._repr_html_()
    rec = Reconciliation(
        source="x.csv",
        rows_read=3,
        rows_accepted=2,
        rows_rejected=1,
        rejections=(Rejection(row=3, column="Team", value=None, reason="blank"),),
    )
    html = _html(shell, rec)
    assert "x.csv" in html
    assert "Team" in html
