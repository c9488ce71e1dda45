"""The results report in HTML, Markdown and JSON, from results built in the test."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import attrs
import numpy as np
import pytest
from strategies import analysis as sa

from wellbeing_framework import (
    Report,
    Results,
    aggregate,
    report_html,
    report_json,
    report_markdown,
    unstructure,
)
from wellbeing_framework.analysis import (
    DraftAction,
    DraftActionPlan,
    ElementKind,
    GapRow,
    Priorities,
    Priority,
    Reconciliation,
    Rejection,
    Responses,
    TrendRow,
)
from wellbeing_framework.analysis.results import ColumnMatch, MatchedBy
from wellbeing_framework.render import render_html
from wellbeing_framework.render._page import CONTENT_SECURITY_POLICY
from wellbeing_framework.render.report import band_summary, headline, hidden_text
from wellbeing_framework.render.report_json import report_json_text
from wellbeing_framework.render.report_markdown import md_text

HOSTILE = '<script>alert("x")</script> **bold** | pipe [link](javascript:alert(1))'

#: Team sizes: two teams under the minimum of 10, the rest above it.
TEAMS = {
    ("North", "Alpha"): 14,
    ("North", "Beta"): 4,
    ("North", "Gamma"): 12,
    ("South", "Delta"): 22,
    ("South", HOSTILE): 7,
    ("South", "Epsilon"): 11,
}


def _responses(waves: tuple[str, ...] = ("2024", "2025")) -> Responses:
    items = sa.individual_items()
    rng = np.random.default_rng(7)
    paths: list[tuple[str, ...]] = []
    row_waves: list[str] = []
    for wave in waves:
        for path, size in TEAMS.items():
            paths += [path] * size
            row_waves += [wave] * size
    width = np.array([len(i.scale.options) for i in items])
    options = rng.integers(0, 100, size=(len(paths), len(items))) % width
    return Responses.from_arrays(
        items=items,
        levels=("Service", "Team"),
        group_paths=paths,
        options=options,
        waves=row_waves,
    )


@pytest.fixture(scope="module")
def results() -> Results:
    return aggregate(_responses(), min_group_size=10)


def _trends(results: Results) -> tuple[TrendRow, ...]:
    out = []
    for theme in results.themes:
        for g in sorted({c.group for c in results.cells}):
            a, b = results.cell(g, theme, "2024"), results.cell(g, theme, "2025")
            if a and b and a.normalised is not None and b.normalised is not None:
                assert a.n is not None
                assert b.n is not None
                out.append(
                    TrendRow(
                        element=theme,
                        kind=ElementKind.THEME,
                        group=g,
                        from_wave="2024",
                        to_wave="2025",
                        before=a.normalised,
                        after=b.normalised,
                        change=b.normalised - a.normalised,
                        n_before=a.n,
                        n_after=b.n,
                    )
                )
    return tuple(out)


def _gap(results: Results) -> tuple[GapRow, ...]:
    rows = []
    for c in results.select(kind=ElementKind.THEME, wave="2025"):
        if c.level > 1:
            continue
        org = 0.9
        rows.append(
            GapRow(
                theme=c.element,
                group=c.group,
                wave="2025",
                individual=c.normalised,
                organisational=org,
                gap=None if c.normalised is None else org - c.normalised,
                n_individual=c.n,
                n_organisational=1,
                organisational_group=c.group,
                suppressed=c.suppressed,
            )
        )
    return tuple(rows)


RECONCILIATION = Reconciliation(
    source="staff.csv",
    rows_read=142,
    rows_accepted=140,
    rows_rejected=2,
    rejections=(
        Rejection(row=7, column="I take my breaks.", value="Maybe", reason="is not on the scale"),
        Rejection(row=19, column="Team", value=None, reason="the group value is blank"),
    ),
    dropped_columns=("Email", "Name", "Anything else?"),
    columns=(
        ColumnMatch(column="Email", matched_by=MatchedBy.IDENTIFIER),
        ColumnMatch(column="Name", matched_by=MatchedBy.IDENTIFIER),
        ColumnMatch(column="Anything else?", matched_by=MatchedBy.UNMATCHED),
        ColumnMatch(column="Team", matched_by=MatchedBy.GROUP, target="Team"),
    ),
    answers=300,
    missing=4,
)


@pytest.fixture(scope="module")
def report(results: Results) -> Report:
    weakest = sorted(
        (c for c in results.select(group=(), wave="2025", kind=ElementKind.THEME)),
        key=lambda c: c.normalised or 0.0,
    )
    themes = tuple(
        Priority(
            element=c.element,
            kind=ElementKind.THEME,
            theme=c.element,
            title=results.title(c.element),
            normalised=c.normalised or 0.0,
            band=c.band,
            n=c.n or 0,
            prompts=("demo:safety-prompt",),
            tools=("demo:speak-up-guide",),
        )
        for c in weakest
    )
    draft = DraftActionPlan(
        title="Draft action plan",
        group=(),
        wave="2025",
        actions=(
            DraftAction(
                theme=themes[0].theme,
                text="Talk it over with the team.",
                prompts=("demo:safety-prompt",),
                tools=("demo:speak-up-guide",),
            ),
        ),
    )
    return Report(
        results=results,
        reconciliation=RECONCILIATION,
        gap=_gap(results),
        trends=_trends(results),
        priorities=Priorities(group=(), wave="2025", themes=themes, items=(), draft=draft),
        catalog=sa.CATALOG,
        source="Data: staff.csv",
    )


# --- JSON ------------------------------------------------------------------------------------


def test_json_has_the_documented_shape(report: Report) -> None:
    data = json.loads(report_json_text(report))
    assert {"import", "cells", "gap", "trends", "priorities", "min_group_size", "levels"} <= set(
        data
    )
    assert {"waves", "elements", "groups", "hidden_wording", "banding"} <= set(data)
    assert set(data["import"]) >= {
        "rows_read",
        "rows_accepted",
        "rows_rejected",
        "rejections",
        "identifier_columns",
        "unmatched_columns",
    }
    assert data["import"]["rows_read"] == 142
    # A rejection names its row, column and reason; what was typed never leaves the import.
    assert data["import"]["rejections"][0] == {
        "row": 7,
        "column": "I take my breaks.",
        "reason": "is not on the scale",
    }
    assert data["import"]["identifier_columns"] == ["Email", "Name"]
    assert data["import"]["unmatched_columns"] == ["Anything else?"]
    assert data["hierarchy"] == [list(p) for p in sorted(TEAMS)]
    assert data["min_group_size"] == 10
    assert data["levels"] == ["Service", "Team"]
    assert data["waves"] == ["2024", "2025"]
    cell = data["cells"][0]
    assert {"group", "element", "n", "suppressed"} <= set(cell)
    assert isinstance(cell["group"], list)


def test_json_cells_are_the_librarys_cells_without_the_reason(
    report: Report, results: Results
) -> None:
    data = report_json(report)
    expected = []
    for c in results.cells:
        d = unstructure(c)
        d.pop("reason")
        # And the whole number the other reports show: rounded down, none when hidden.
        d["score"] = None if c.normalised is None else math.floor(c.normalised * 100 + 1e-9)
        expected.append(d)
    assert data["cells"] == expected


def test_json_cells_keep_the_order_of_the_cells_fields(report: Report, results: Results) -> None:
    # The JSON text of a report stays the same from one release of the library to the next, so
    # that two reports can be compared line by line: the keys come in the Cell's own order.
    data = report_json(report)
    for cell, c in zip(data["cells"], results.cells, strict=True):
        fields = [k for k in unstructure(c) if k != "reason"]
        assert list(cell) == [*fields, "score"]


def test_json_names_the_prompts_and_tools_it_refers_to(report: Report) -> None:
    refs = report_json(report)["references"]
    assert refs == {
        "demo:safety-prompt": "What helps you speak up?",
        "demo:speak-up-guide": "Speaking up",
    }


# --- HTML ------------------------------------------------------------------------------------

ALLOWED = frozenset(
    {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "div",
        "header",
        "nav",
        "section",
        "article",
        "figure",
        "figcaption",
        "p",
        "a",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "strong",
        "em",
        "small",
        "code",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "span",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "svg",
        "desc",
        "defs",
        "pattern",
        "marker",
        "rect",
        "line",
        "circle",
        "path",
        "text",
        "tspan",
        "g",
    }
)


#: The one inline style the report writes: a score cell's colours.
STYLE = r"background:#[0-9a-f]{6};color:#[0-9a-f]{6}"


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.faults: list[str] = []
        self.styles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            self.faults.append(f"<{tag}>")
        if tag == "style":
            self.styles += 1
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name in ("src", "srcset", "xlink:href", "action"):
                self.faults.append(f"{name}={value!r} on <{tag}>")
            if name == "href" and not value.startswith(("#", "https://", "http://", "mailto:")):
                self.faults.append(f"href={value!r}")
            if name == "style" and not re.fullmatch(
                r"background:#[0-9a-f]{6};color:#[0-9a-f]{6}", value
            ):
                self.faults.append(f"style={value!r}")
            for ref in re.findall(r"url\(([^)]*)\)", value):
                if not ref.startswith("#"):
                    self.faults.append(f"url({ref})")

    def handle_comment(self, data: str) -> None:
        self.faults.append("a comment")


def test_html_is_one_self_contained_inert_page(report: Report) -> None:
    page = report_html(report)
    audit = _Audit()
    audit.feed(page)
    assert audit.faults == []
    assert audit.styles == 1
    assert CONTENT_SECURITY_POLICY in page
    assert "<script" not in page.lower()
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert not re.search(r"@import|url\(|https?:", style)


def test_every_chart_is_well_formed_svg(report: Report) -> None:
    page = report_html(report)
    charts = re.findall(r"<svg .*?</svg>", page, re.S)
    # The heatmap, the gap and the trends, each for a wide page and for a phone.
    ids = [ET.fromstring(chart).get("id") for chart in charts]
    assert ids == [f"wf-{c}{n}" for c in ("heatmap", "gap", "trends") for n in ("", "-narrow")]


def test_data_text_is_shown_as_text(report: Report) -> None:
    page = report_html(report)
    assert "<script>alert" not in page
    assert "javascript:" not in page.replace("[link](javascript:alert(1))", "")
    md = report_markdown(report)
    # The Markdown, rendered again, shows the team's odd name as text, not as mark-up.
    rendered = render_html(md)
    assert "<script>" not in rendered
    assert 'href="javascript' not in rendered


def test_md_text_survives_a_markdown_renderer() -> None:
    for text in (HOSTILE, "# heading", "- item", "1. first", "> quote", "a\\b", "`code`", "&amp;"):
        rendered = render_html(md_text(text), inline=True)
        plain = re.sub(r"<[^>]+>", "", rendered)
        assert plain.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace(
            "&quot;", '"'
        ) == " ".join(text.split())


def test_the_page_says_how_to_read_it_first(report: Report, results: Results) -> None:
    page = report_html(report)
    howto = page.index("How to read this report")
    assert howto < page.index("At a glance") < page.index('id="wf-heatmap"')
    box = page[howto : page.index("</section>", howto)]
    assert "Minimum group size: 10 people" in box
    assert band_summary(results) in box
    assert "Free-text answers are never part of this report" in box
    order = [
        "wf-scores",
        "wf-gap-section",
        "wf-trends-section",
        "wf-themes",
        "wf-priorities",
        "wf-import",
    ]
    positions = [page.index(f'id="{anchor}"') for anchor in order]
    assert positions == sorted(positions)


def test_the_headline_names_the_weakest_theme_and_largest_gap(
    report: Report, results: Results
) -> None:
    top = headline(report)
    everyone = results.select(group=(), wave="2025", kind=ElementKind.THEME)
    assert top.weakest[0].normalised == min(c.normalised or 0 for c in everyone)
    gaps = [abs(r.gap) for r in report.gap if r.gap is not None and r.group == ()]
    assert top.gaps[0].gap is not None
    assert abs(top.gaps[0].gap) == max(gaps)
    glance = report_html(report).split("At a glance", 1)[1].split("</section>", 1)[0]
    assert results.title(top.weakest[0].element) in glance


def test_priorities_show_the_packs_prompts_and_tools_by_name(report: Report) -> None:
    page = report_html(report)
    section = page[page.index('id="wf-priorities"') :]
    assert "What helps you speak up?" in section
    assert "Speaking up" in section
    assert "Draft action plan" in section
    assert "Talk it over with the team." in section
    md = report_markdown(report)
    assert "What helps you speak up?" in md


def test_the_import_is_reconciled_in_the_report(report: Report) -> None:
    for text in (report_html(report), report_markdown(report)):
        tail = text[text.index("About the data") :]
        for fact in ("142", "140", "I take my breaks.", "Email", "Anything else?"):
            assert fact in tail
        assert "Maybe" not in text  # the value refused is a person's own words
        assert re.search(r"\b7\b", tail)
        assert re.search(r"\b19\b", tail)


def test_the_import_counts_are_withheld_where_they_would_give_a_hidden_wave_away(
    results: Results,
) -> None:
    """Finding 4: "rows accepted 43" minus a shown wave of 40 is a hidden wave of 3. With a
    wave of everyone hidden, the report gives the rejections but not the accepted count."""
    paths = [("North", "Alpha")] * 40 + [("North", "Alpha")] * 3
    small = Responses.from_arrays(
        items=sa.individual_items(),
        levels=("Service", "Team"),
        group_paths=paths,
        options=np.zeros((43, 3), dtype=np.int8),
        waves=["2024"] * 40 + ["2025"] * 3,
    )
    rec = attrs.evolve(RECONCILIATION, rows_read=45, rows_accepted=43, rows_rejected=2)
    report = Report(results=aggregate(small), reconciliation=rec)
    data = json.loads(report_json_text(report))
    assert (data["import"]["rows_read"], data["import"]["rows_accepted"]) == (None, None)
    assert data["import"]["rows_rejected"] == 2
    page, md = report_html(report), report_markdown(report)
    start = page.index('id="wf-import"')
    for section in (page[start : page.index("</section>", start)], md[md.index("## About") :]):
        assert not re.search(r"\b4[35]\b", section)
        assert "withheld" in section


def test_hidden_groups_read_the_same_everywhere(report: Report) -> None:
    phrase = hidden_text(10)
    page = report_html(report)
    assert page.count(phrase) > 0
    # The wording of the chart, the tables and the gap is the one phrase; no other words for it.
    assert "fewer than 10" not in page.replace(phrase, "")
    md = report_markdown(report)
    assert "fewer than 10" not in md.replace(phrase, "")


def test_the_summary_is_shorter_and_keeps_the_essentials(report: Report) -> None:
    full, short = report_markdown(report), report_markdown(report, summary=True)
    assert len(short) < len(full)
    for part in ("How to read this report", "At a glance", "Theme scores by group", "Priorities"):
        assert part in short
    assert "## Theme by theme" not in short
    assert "142 rows read" in short


def test_a_report_without_waves_gap_or_priorities_still_reads(results: Results) -> None:
    one = aggregate(_responses(waves=("2025",)), min_group_size=10)
    bare = Report(results=one)
    page = report_html(bare)
    assert "Theme scores by group" in page
    assert "The I/We gap" not in page
    assert "Changes between rounds" not in page
    assert report_json(bare)["import"] is None
    assert report_markdown(bare).startswith("# ")


def test_forced_small_groups_are_flagged() -> None:
    forced = aggregate(_responses(), min_group_size=3, force_small_groups=True)
    page = report_html(Report(results=forced))
    assert "Small groups were forced on" in page
    assert "Minimum group size: 3 people" in page


def test_the_report_prints_well(report: Report) -> None:
    page = report_html(report)
    assert "@media print" in page
    assert page.count('class="wf-part"') >= 5  # each major part starts a printed page
