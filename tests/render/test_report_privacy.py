"""The report never shows a number for a hidden group, in HTML, Markdown or JSON.

Generated hierarchies with groups of random sizes (many under the minimum) are aggregated, and the
three forms of the report are read back: every number next to a hidden group must be absent, and
every count the report prints must be the count of a group that is shown.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework import (
    Report,
    Results,
    aggregate,
    report_html,
    report_json,
    report_markdown,
)
from wellbeing_framework.analysis import ElementKind, GapRow, Responses
from wellbeing_framework.render.report import EVERYONE, HIDDEN_WORD, hidden_text

DIGITS = re.compile(r"\d")
SVG = "{http://www.w3.org/2000/svg}"


class _Rows(HTMLParser):
    """The text of every table cell, row by row, outside the charts. A cell spanning columns is
    followed by empty cells, so that columns line up."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.hidden: list[tuple[str, str | None]] = []  # each hidden cell: its text and tooltip
        self.svg = 0
        self.cell = False
        self.in_hidden = False
        self.span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.svg += 1
        elif self.svg:
            return
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self.rows[-1].append("")
            self.cell = True
            found = dict(attrs)
            self.span = int(found.get("colspan") or 1)
            self.in_hidden = "wf-hidden" in (found.get("class") or "").split()
            if self.in_hidden:
                self.hidden.append(("", found.get("title")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.svg -= 1
        elif tag in ("td", "th") and self.cell:
            self.cell = False
            self.rows[-1].extend([""] * (self.span - 1))

    def handle_data(self, data: str) -> None:
        if self.cell and not self.svg:
            self.rows[-1][-1] += data
            if self.in_hidden:
                text, title = self.hidden[-1]
                self.hidden[-1] = (text + data, title)


def _lettered(responses: Responses) -> Responses:
    """The same responses with digit-free group names (``a0`` becomes ``aA``), so that any digit
    in a hidden group's row of the report can only be a number the report put there."""
    table = str.maketrans("0123456789", "ABCDEFGHIJ")
    paths = tuple(
        tuple(tuple(name.translate(table) for name in path) for path in level)
        for level in responses.paths
    )
    return attrs.evolve(responses, paths=paths)


def _results(responses: Responses, minimum: int) -> Results:
    return aggregate(_lettered(responses), min_group_size=minimum, force_small_groups=minimum < 5)


def _report(results: Results) -> Report:
    # One gap row per group and theme of the last wave, hidden where the group is hidden.
    wave = results.waves[-1]
    gap = tuple(
        GapRow(
            theme=c.element,
            group=c.group,
            wave=wave,
            individual=c.normalised,
            organisational=0.5,
            gap=None if c.normalised is None else 0.5 - c.normalised,
            n_individual=c.n,
            n_organisational=1,
            suppressed=c.suppressed,
        )
        for c in results.select(kind=ElementKind.THEME, wave=wave)
    )
    return Report(results=results, gap=gap, catalog=sa.CATALOG)


minimums = st.sampled_from([3, 5, 10])


@settings(max_examples=25)
@given(sa.responses(), minimums)
def test_html_shows_no_number_for_a_hidden_group(responses: Responses, minimum: int) -> None:
    results = _results(responses, minimum)
    page = report_html(_report(results))
    phrase = hidden_text(minimum)
    parser = _Rows()
    parser.feed(page)
    assert len(parser.hidden) >= sum(g.suppressed for g in results.groups)
    for text, tooltip in parser.hidden:
        # The same short word, and nothing else, in every hidden cell; its meaning in the tooltip.
        assert text.strip() == HIDDEN_WORD
        assert tooltip == phrase
    for note in re.findall(r'<p class="wf-hidden-note">(.*?)</p>', page):
        assert not DIGITS.search(note.replace(phrase, "")), note
    # In the heatmap, a hidden cell draws the word "hidden" and nothing else.
    svg = ET.fromstring(re.search(r'<svg [^>]*id="wf-heatmap".*?</svg>', page, re.S)[0])  # type: ignore[index]
    drawn_hidden = 0
    for g in svg.iter(f"{SVG}g"):
        tooltip = "".join(g.find(f"{SVG}title").itertext())  # type: ignore[union-attr]
        if tooltip.endswith(phrase):
            drawn_hidden += 1
            assert ["".join(t.itertext()) for t in g.iter(f"{SVG}text")] == ["hidden"]
    # A theme is hidden with its group, or on its own when one of its items is.
    assert drawn_hidden == sum(
        1 for c in results.select(kind=ElementKind.THEME, wave=results.waves[-1]) if c.suppressed
    )
    # Why a group is hidden is never said: it would tell which hidden group is the small one.
    assert "complementary" not in page
    assert "primary" not in page


@settings(max_examples=25)
@given(sa.responses(), minimums)
def test_every_count_in_the_html_is_a_shown_groups_count(
    responses: Responses, minimum: int
) -> None:
    results = _results(responses, minimum)
    parser = _Rows()
    report = _report(results)
    parser.feed(report_html(report))
    counts = {(c.group, c.wave, c.element): c.n for c in results.select(kind=ElementKind.THEME)}
    names = {g.group[-1] if g.group else EVERYONE for g in results.groups}
    waves = list(results.waves)
    # The theme tables' rows: the group, then a score and a count for each wave; one table per
    # theme, its rows in the report's order of groups.
    rows = [r for r in parser.rows if len(r) == 1 + 2 * len(waves) and r[0] in names]
    groups = report.groups()
    assert len(rows) == len(groups) * len(results.themes)
    for k, row in enumerate(rows):
        group = groups[k % len(groups)]
        theme = results.themes[k // len(groups)]
        assert row[0] == (group[-1] if group else EVERYONE)
        for w, wave in enumerate(waves):
            score, people = row[1 + 2 * w].strip(), row[2 + 2 * w].strip()
            n = counts.get((group, wave, theme))
            if n is None:
                # Hidden (or absent in that wave): no count, and no score.
                assert people == ""
                assert score in (HIDDEN_WORD, "\u2013")
            else:
                assert int(people) == n


@settings(max_examples=25)
@given(sa.responses(), minimums)
def test_markdown_shows_no_number_for_a_hidden_group(responses: Responses, minimum: int) -> None:
    results = _results(responses, minimum)
    text = report_markdown(_report(results))
    phrase = hidden_text(minimum)
    cells = [
        cell.strip()
        for line in text.splitlines()
        if line.startswith("|")
        for cell in line.strip("|").split(" | ")
        if "hidden" in cell
    ]
    assert len(cells) >= sum(g.suppressed for g in results.groups)
    assert set(cells) <= {HIDDEN_WORD}  # the same word, and nothing else, in every hidden cell
    for line in text.splitlines():
        if phrase in line and not line.startswith("> - **Minimum group size"):
            # Besides the key, the one list of groups left out of the gap table: names, and no
            # number.
            assert line.startswith("Not in the table")
            assert not DIGITS.search(line.replace(phrase, "")), line
    assert "complementary" not in text


@settings(max_examples=25)
@given(sa.responses(), minimums)
def test_json_hidden_cells_hold_no_count_and_no_score(responses: Responses, minimum: int) -> None:
    results = _results(responses, minimum)
    data = report_json(_report(results))
    json.dumps(data, allow_nan=False)  # plain JSON: no NaN for a missing score
    assert len(data["cells"]) == len(results.cells)
    for cell in data["cells"]:
        assert "reason" not in cell
        if cell["suppressed"]:
            assert cell["n"] is None
            for key in ("mean", "normalised", "answered", "unscored", "missing", "band"):
                assert cell[key] is None
            assert cell["distribution"] == []
        else:
            assert cell["n"] >= minimum
    for group in data["groups"]:
        assert "reason" not in group
        assert (group["n"] is None) == group["suppressed"]
    for row in data["gap"]:
        if row["suppressed"]:
            assert row["individual"] is None
            assert row["n_individual"] is None
