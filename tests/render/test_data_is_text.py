"""Data is text: group names and wave values full of Markdown and HTML are inert in every output.

The example survey export is rewritten so that its services, teams and survey rounds are hostile
strings, then taken the whole way through: ``wellbeing report`` in HTML, Markdown and JSON, and
the notebook displays of the results, reconciliation, gap and trends. Each output must show each
string exactly as written, and nothing in it may run, link, load or turn bold. The Markdown is
checked by rendering it with raw HTML switched *on*, as a Git host or an editor preview might.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from wellbeing_framework import aggregate, gap, import_csv, make_host, trends
from wellbeing_framework._escape import html_text, markdown_text
from wellbeing_framework.cli import main

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
THEMES = ("ps", "rp", "tw", "lay")

#: Each real value in the example data, and the hostile string that replaces it.
HOSTILE = {
    "Crisis line": "[x](javascript:alert(1))",
    "Home treatment": "<script>alert(1)</script>",
    "Crisis house": "<img src=x onerror=alert(1)>",
    "Night team": "**bold** _em_ `code`",
    "North team": "&#106;avascript:alert(1) <b>b</b> | pipe",
    "Day team": "# heading",
    "South team": "1. list ![i](https://tracker.example/p.gif)",
    # Waves sort by their text: the letters keep the hostile rounds in order.
    "2024": "A [w](javascript:alert(2))",
    "2025": "B <script>w</script> **round** <img src=x onerror=alert(3)> [c](https://evil.example/)",
}
#: The strings every output must show as written (the groups shown are big enough).
SHOWN = [*HOSTILE.values()]


def _rewrite(source: Path, target: Path) -> Path:
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig"))))
    with target.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([rows[0], *([HOSTILE.get(c, c) for c in r] for r in rows[1:])])
    return target


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return (
        _rewrite(DATA / "staff-survey.csv", folder / "staff.csv"),
        _rewrite(DATA / "leaders-self-assessment.csv", folder / "leaders.csv"),
    )


@pytest.fixture(scope="module")
def outputs(files: tuple[Path, Path]) -> dict[str, str]:
    staff, leaders = files
    found = {}
    for fmt in ("html", "md", "json"):
        output = staff.parent / f"report.{fmt}"
        code = main(
            [
                *("report", str(staff), "--pack", "crisis-services", "--checklist"),
                ",".join(f"{t}-checklist-individual" for t in THEMES),
                *("--group-columns", "Service,Team", "--wave-column", "Survey round"),
                *("--organisational", str(leaders), "--organisational-checklist"),
                ",".join(f"{t}-checklist-organisational" for t in THEMES),
                *("--organisational-group-columns", "Service", "-o", str(output)),
            ]
        )
        assert code == 0
        found[fmt] = output.read_text(encoding="utf-8")
    return found


class _Page(HTMLParser):
    """Every tag, attribute and piece of text of a page, as a browser would tokenise it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(name, value or "") for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def live_things(markup: str) -> list[str]:
    """What in ``markup`` could run, load, link somewhere unsafe or mark text up from data."""
    page = _Page()
    page.feed(markup)
    page.close()
    faults = [f"<{t}>" for t in page.tags if t in ("script", "img", "iframe", "b", "object")]
    for name, value in page.attrs:
        if name.startswith("on"):
            faults.append(f"{name}={value!r}")
        if name in ("href", "src", "xlink:href") and not value.startswith(
            ("#", "https://", "http://", "mailto:")
        ):
            faults.append(f"{name}={value!r}")
        if name in ("href", "src") and ("tracker.example" in value or "evil.example" in value):
            faults.append(f"{name}={value!r}")
    return faults


def text_of(markup: str) -> str:
    page = _Page()
    page.feed(markup)
    page.close()
    return " ".join(" ".join(page.text).split())


def test_the_html_report_shows_every_string_as_text(outputs: dict[str, str]) -> None:
    page = outputs["html"]
    assert live_things(page) == []
    shown = text_of(page)
    for value in SHOWN:
        assert value in shown, value


def test_the_draft_action_plan_names_its_wave_as_text(outputs: dict[str, str]) -> None:
    # Once, the latest wave's value in the draft plan's heading became a live link in HTML and
    # raw HTML in Markdown.
    wave = HOSTILE["2025"]
    assert f"<h3>Draft action plan for everyone, {html_text(wave)}</h3>" in outputs["html"]
    assert f"### Draft action plan for everyone, {markdown_text(wave)}\n" in outputs["md"]


@pytest.mark.parametrize("tables", [False, True], ids=["commonmark", "with-tables"])
def test_the_markdown_report_stays_inert_when_rendered_with_raw_html_on(
    outputs: dict[str, str], tables: bool
) -> None:
    md = MarkdownIt("commonmark")  # raw HTML on, as many Markdown viewers have it
    if tables:
        md.enable(["table", "strikethrough"])
    rendered = md.render(outputs["md"])
    assert live_things(rendered) == []
    shown = text_of(rendered)
    for value in SHOWN:
        assert value in shown, value
    # Nothing from the data became mark-up: no emphasis, heading or link made from it.
    assert "<strong>bold</strong>" not in rendered
    assert "<em>em</em>" not in rendered
    assert "<h1>heading</h1>" not in rendered
    assert 'href="https://tracker.example' not in rendered


def test_the_json_report_keeps_every_string_exactly(outputs: dict[str, str]) -> None:
    data = json.loads(outputs["json"])
    strings: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    for value in SHOWN:
        assert value in strings, value
    # No escaping was applied: JSON strings are data, the consumer decides how to show them.
    assert not any("&lt;" in s or "\\*" in s for s in strings)


def test_the_notebook_displays_show_every_string_as_text(files: tuple[Path, Path]) -> None:
    from wellbeing_framework.render.notebook import (
        gap_view,
        reconciliation_display,
        results_html,
        trends_view,
    )

    staff, leaders = files
    catalog = make_host().catalog()
    common = {"catalog": catalog, "pack": "crisis-services", "wave_column": "Survey round"}
    people = import_csv(
        staff,
        checklists=[f"{t}-checklist-individual" for t in THEMES],
        group_columns=["Service", "Team"],
        **common,  # type: ignore[arg-type]  # the keyword arguments above, by name
    )
    org = import_csv(
        leaders,
        checklists=[f"{t}-checklist-organisational" for t in THEMES],
        group_columns=["Service"],
        **common,  # type: ignore[arg-type]
    )
    results = aggregate(people.responses, min_group_size=5, force_small_groups=True)
    gap_rows = gap(results, org.responses)
    trend_rows = trends(results)
    displays = {
        "results": results_html(results),
        "reconciliation": reconciliation_display(people.reconciliation),
        "gap": gap_view(gap_rows, results).html,
        "trends": trends_view(trend_rows, results).html,
    }
    for name, markup in displays.items():
        assert live_things(markup) == [], name
    groups = text_of(displays["gap"] + displays["trends"] + displays["results"])
    for value in SHOWN:
        assert value in groups, value


def test_dimension_names_and_values_are_text_in_every_format() -> None:
    import numpy as np
    from strategies import analysis as sa

    from wellbeing_framework.analysis.responses import Responses
    from wellbeing_framework.render.report import Report
    from wellbeing_framework.render.report_html import report_html
    from wellbeing_framework.render.report_json import report_json_text
    from wellbeing_framework.render.report_markdown import report_markdown

    role, value = "<b>Role</b>", "[nurse](javascript:alert(1)) <script>x</script> **all**"
    items = sa.individual_items()
    rows = 40
    responses = Responses.from_arrays(
        items=items,
        levels=("Team",),
        group_paths=[("North",)] * 20 + [("South",)] * 20,
        options=np.random.default_rng(3).integers(0, 2, size=(rows, len(items))),
        dimensions={role: [value] * 30 + ["other"] * 10},
    )
    results = aggregate(responses, min_group_size=10, where={role: value})
    report = Report(results=results, catalog=sa.CATALOG, source="Data: <i>x</i>.csv")
    page = report_html(report)
    assert live_things(page) == []
    assert f"{role} = {value}" in text_of(page)
    rendered = MarkdownIt("commonmark").render(report_markdown(report))
    assert live_things(rendered) == []
    assert f"{role} = {value}" in text_of(rendered)
    assert [role, value] in json.loads(report_json_text(report))["filters"]
