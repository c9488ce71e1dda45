"""The demo's report, a handbook and a facilitator sheet as a person sees them in a real browser.

Each page is opened in headless Chromium (see ``tests/cdp.py``) at a desktop width (1280 px) and
a phone's (390 px) and printed to PDF, and the test measures what a reader would notice: the page
scrolling sideways, a table that needs scrolling to see its last columns, chart text too small to
read or drawn over other text, hidden cells worded differently, a printed page holding next to
nothing, too many pages. The page is measured by a script that DevTools runs in it (the page
itself can run nothing: its Content-Security-Policy forbids scripts).

Without Chromium (``make test`` installs it when it can) these tests skip and say why.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cdp import Chromium, Page, find_chromium

from wellbeing_framework.cli import main
from wellbeing_framework.render._hidden import HIDDEN_WORD

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (make test installs Debian's chromium when it can)",
)
pypdf = pytest.importorskip("pypdf")

DESKTOP, PHONE = 1280, 390
#: Smallest chart text, in CSS pixels as drawn, that a reader can read on a phone or a desk.
MIN_CHART_TEXT = 10.5
#: The printed demo report: at most two thirds of the 19 pages it took before.
MAX_REPORT_PAGES = 12

# What a person would notice, measured in the page. It returns plain data for the asserts.
MEASURE = r"""
(() => {
  const root = document.documentElement;
  const shown = (el) => el.getClientRects().length > 0 &&
    getComputedStyle(el).visibility !== "hidden";
  const charts = [...document.querySelectorAll("svg.wf-chart")].filter(shown).map((svg) => {
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim()).map((t) => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, size: parseFloat(t.getAttribute("font-size")) * scale,
              x0: r.left, x1: r.right, y0: r.top, y1: r.bottom};
    });
    const overlaps = [];
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i], b = texts[j];
        const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        // Glyph boxes include the space above and below letters: a sliver does not count.
        if (w > 1 && h > 0.35 * Math.min(a.y1 - a.y0, b.y1 - b.y0)) {
          overlaps.push(a.text + " / " + b.text);
        }
      }
    }
    return {id: svg.id, width: box.width, right: box.right,
            smallest: Math.min(...texts.map((t) => t.size)), overlaps};
  });
  const tables = [...document.querySelectorAll("table")].filter(shown).map((t) => {
    const box = t.getBoundingClientRect();
    const holder = t.parentElement.getBoundingClientRect();
    return {caption: (t.caption || t.querySelector("th") || t).textContent.slice(0, 40),
            width: t.scrollWidth, room: Math.min(holder.width, root.clientWidth),
            right: box.right};
  });
  const hidden = [
    ...[...document.querySelectorAll("td.wf-hidden")].filter(shown).map((td) => td.textContent),
    ...[...document.querySelectorAll("svg .wf-hidden")].filter(shown).map((t) => t.textContent),
  ].map((s) => s.trim());
  return {viewport: root.clientWidth, scrollWidth: root.scrollWidth, charts, tables, hidden};
})()
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    assert CHROMIUM is not None
    with Chromium(CHROMIUM) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo's outputs and the crisis-services handbook, written by the command line."""
    out = tmp_path_factory.mktemp("browser")
    assert main(["demo", "--out", str(out)]) == 0
    handbook = out / "handbook.html"
    args = ["render", "crisis-services", "--format", "html", "-o", str(handbook)]
    assert main(args) == 0
    return {
        "report": out / "report.html",
        "sheet": out / "facilitator-sheet.html",
        "handbook": handbook,
    }


def _look(browser: Chromium, path: Path, width: int) -> tuple[Page, dict[str, Any]]:
    page = browser.open(path, width=width)
    measured: dict[str, Any] = page.evaluate(MEASURE)
    return page, measured


@pytest.mark.parametrize("name", ["report", "sheet", "handbook"])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_a_page_reads_at_desktop_and_phone_width(
    browser: Chromium, pages: dict[str, Path], name: str, width: int
) -> None:
    page, seen = _look(browser, pages[name], width)
    try:
        # Nothing makes the page scroll sideways.
        assert seen["scrollWidth"] <= seen["viewport"], seen["scrollWidth"]
        # Every table shows all its columns without scrolling.
        for table in seen["tables"]:
            assert table["width"] <= table["room"] + 1, table
        # Chart text is big enough to read, and no two labels are drawn over each other.
        for chart in seen["charts"]:
            assert chart["right"] <= seen["viewport"] + 0.5, chart["id"]
            assert chart["smallest"] >= MIN_CHART_TEXT, (chart["id"], chart["smallest"])
            assert chart["overlaps"] == [], (chart["id"], chart["overlaps"][:5])
        # The page asked for nothing but itself: no network, no other file.
        assert set(page.requests()) == {pages[name].resolve().as_uri()}
    finally:
        page.close()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_every_hidden_cell_of_the_report_is_worded_the_same(
    browser: Chromium, pages: dict[str, Path], width: int
) -> None:
    page, seen = _look(browser, pages["report"], width)
    page.close()
    # The demo hides several teams: the heatmap and the tables show each of them.
    assert len(seen["hidden"]) >= 8
    assert set(seen["hidden"]) == {HIDDEN_WORD}


def test_the_printed_report_is_compact_and_no_page_is_nearly_empty(
    browser: Chromium, pages: dict[str, Path]
) -> None:
    page = browser.open(pages["report"], width=DESKTOP)
    try:
        headings = page.evaluate(
            "[...document.querySelectorAll('h2, h3, h4')].map((h) => h.textContent.trim())"
        )
        reader = pypdf.PdfReader(io.BytesIO(page.pdf()))
    finally:
        page.close()
    printed = [p.extract_text() or "" for p in reader.pages]
    assert 4 <= len(printed) <= MAX_REPORT_PAGES
    # Every page but the last carries a real share of the report: not one card, a lone heading or
    # a footnote (those came to 7 to 50 words a page).
    words = [len(text.split()) for text in printed]
    assert min(words[:-1]) >= 90, words
    # No page ends on a heading whose content is on the next page.
    for number, text in enumerate(printed, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines, f"page {number} is blank"
        assert lines[-1] not in headings, f"page {number} ends on the heading {lines[-1]!r}"
    # Each major part is printed, in order.
    text = "\n".join(printed)
    at = 0
    for part in ("At a glance", "Theme scores by group", "The I/We gap", "Theme by theme"):
        at = text.find(part, at)
        assert at >= 0, f"{part!r} is missing, or out of order"
    # A4, as a UK reader's printer expects (595 by 842 points).
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


@pytest.mark.parametrize(("name", "most"), [("sheet", 3), ("handbook", 60)])
def test_the_sheet_and_the_handbook_print_without_empty_pages(
    browser: Chromium, pages: dict[str, Path], name: str, most: int
) -> None:
    page = browser.open(pages[name], width=DESKTOP)
    try:
        reader = pypdf.PdfReader(io.BytesIO(page.pdf()))
    finally:
        page.close()
    printed = [p.extract_text() or "" for p in reader.pages]
    assert 1 <= len(printed) <= most
    assert all(re.search(r"\w", text) for text in printed), "a blank printed page"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
