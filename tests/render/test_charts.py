"""The SVG charts: well-formed, inert, accessible, and never a number for a hidden group."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_framework.analysis._rounding import points
from wellbeing_framework.render import change_text, score_text
from wellbeing_framework.render._charts import (
    ARROW_POINTS,
    HIDDEN_WORD,
    Arrow,
    Dumbbell,
    HeatCell,
    HeatRow,
    TrendPanel,
    band_colour,
    contrast,
    gap_svg,
    heatmap_svg,
    text_colour,
    trends_svg,
)

SVG = "{http://www.w3.org/2000/svg}"

#: Every element a chart may use. Anything else (script, foreignObject, image, use, a, style...)
#: could run code, fetch something or carry mark-up from data.
CHART_TAGS = frozenset(
    {"svg", "title", "desc", "defs", "pattern", "marker", "rect", "line", "circle", "path"}
    | {"text", "tspan", "g"}
)

labels = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=40
) | st.sampled_from(
    ["<script>alert(1)</script>", "]]>", "&amp;", '"><svg onload=x>', "a\x00b\x1bc", "\ufffe"]
)
scores = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


def parse(svg: str) -> ET.Element:
    """The chart as XML; fails the test if it is not well-formed."""
    return ET.fromstring(svg)


def inert_faults(root: ET.Element) -> list[str]:
    """Every way the chart could run code or fetch something."""
    faults = []
    for el in root.iter():
        tag = el.tag.replace(SVG, "")
        if tag not in CHART_TAGS:
            faults.append(f"element <{tag}>")
        for name, value in el.attrib.items():
            local = name.split("}")[-1]
            if local.startswith("on"):
                faults.append(f"event attribute {name}")
            if local == "href":
                faults.append(f"href {value!r}")
            for ref in re.findall(r"url\(([^)]*)\)", value):
                if not ref.startswith("#"):
                    faults.append(f"url({ref}) in {name}")
    return faults


def texts(el: ET.Element) -> list[str]:
    """The words drawn inside ``el`` (not its tooltip title)."""
    return ["".join(t.itertext()) for t in el.iter(f"{SVG}text")]


def check_accessible(root: ET.Element) -> None:
    assert root.get("role") == "img"
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    labelled = (root.get("aria-labelledby") or "").split()
    assert len(labelled) == 2
    assert set(labelled) <= ids
    title = root.find(f"{SVG}title")
    assert title is not None
    assert (title.text or "").strip()  # a chart always has a name, even given a blank title
    assert root.find(f"{SVG}desc") is not None


@st.composite
def heatmaps(draw: st.DrawFn) -> tuple[list[str], list[HeatRow]]:
    columns = draw(st.lists(labels, min_size=1, max_size=5))
    rows = draw(
        st.lists(
            st.builds(
                HeatRow,
                label=labels,
                depth=st.integers(0, 3),
                cells=st.tuples(
                    *(
                        st.builds(
                            HeatCell,
                            value=st.none() | scores,
                            hidden=st.booleans(),
                            band=st.none() | st.sampled_from(["red", "amber", "green", "<b>"]),
                        )
                        for _ in columns
                    )
                ),
            ),
            max_size=8,
        )
    )
    return columns, rows


@given(heatmaps(), labels)
def test_heatmap_is_well_formed_inert_and_accessible(
    grid: tuple[list[str], list[HeatRow]], title: str
) -> None:
    columns, rows = grid
    root = parse(heatmap_svg(title=title, description="d", columns=columns, rows=rows))
    assert inert_faults(root) == []
    check_accessible(root)


@given(heatmaps(), st.booleans())
def test_a_hidden_cell_shows_no_number_whatever_it_holds(
    grid: tuple[list[str], list[HeatRow]], compact: bool
) -> None:
    columns, rows = grid
    root = parse(
        heatmap_svg(
            title="t",
            description="d",
            columns=columns,
            rows=rows,
            hidden_note="hidden",
            compact=compact,
        )
    )
    assert inert_faults(root) == []
    groups = list(root.iter(f"{SVG}g"))
    cells = [c for r in rows for c in r.cells]
    assert len(groups) == len(cells)  # one group per cell, in order
    for cell, g in zip(cells, groups, strict=True):
        drawn = texts(g)
        tooltip = "".join(g.find(f"{SVG}title").itertext())  # type: ignore[union-attr]
        if cell.hidden:
            assert drawn == [HIDDEN_WORD]
            # The tooltip is the row, the column and the note: no score is added to it.
            assert "out of 100" not in tooltip
        elif cell.value is not None:
            # Not colour alone: the score is written in the cell, and the band too.
            assert drawn[0] == score_text(cell.value)
            if cell.band:
                assert drawn[1] == cell.band


def test_labels_from_data_are_text_not_markup() -> None:
    svg = heatmap_svg(
        title="<script>alert(1)</script>",
        description="x",
        columns=["<b>Theme</b>"],
        rows=[HeatRow(label='"><script>alert(2)</script>', cells=(HeatCell(value=0.5),))],
    )
    root = parse(svg)
    assert "<script" not in svg
    assert all(el.tag.replace(SVG, "") in CHART_TAGS for el in root.iter())
    assert any("<script>alert(2)" in t for t in texts(root))  # shown, as text


def test_a_row_must_have_a_cell_per_column() -> None:
    with pytest.raises(ValueError, match="2 cells for 3 columns"):
        heatmap_svg(
            title="t",
            description="d",
            columns=["a", "b", "c"],
            rows=[HeatRow(label="x", cells=(HeatCell(), HeatCell()))],
        )


@given(
    st.lists(
        st.builds(
            Dumbbell,
            label=labels,
            individual=st.none() | scores,
            organisational=st.none() | scores,
            hidden=st.booleans(),
        ),
        max_size=6,
    ),
    st.booleans(),
)
def test_gap_chart_is_inert_and_hides_the_hidden_side(rows: list[Dumbbell], compact: bool) -> None:
    root = parse(gap_svg(title="t", description="d", rows=rows, compact=compact))
    assert inert_faults(root) == []
    check_accessible(root)
    groups = list(root.iter(f"{SVG}g"))
    assert len(groups) == len(rows)
    for row, g in zip(rows, groups, strict=True):
        drawn = texts(g)
        circles = list(g.iter(f"{SVG}circle"))
        if row.hidden:
            assert circles == []  # no marker for staff
            assert "I: hidden" in drawn
        if row.hidden or row.organisational is None or row.individual is None:
            assert drawn[-1] == "\u2013"  # no gap is written
        else:
            assert drawn[-1] == change_text(row.individual, row.organisational)
            # Both numbers are written, and the two markers differ in shape, not only colour.
            assert score_text(row.individual) in drawn
            assert score_text(row.organisational) in drawn
            assert len(circles) == 1
            assert len(list(g.iter(f"{SVG}rect"))) == 1


@given(
    st.lists(
        st.builds(
            TrendPanel,
            title=labels,
            rows=st.lists(
                st.builds(
                    Arrow, label=labels, before=scores, after=scores, depth=st.integers(0, 2)
                ),
                max_size=5,
            ).map(tuple),
        ),
        min_size=1,
        max_size=4,
    ),
    labels,
    labels,
    st.booleans(),
)
def test_trends_chart_writes_the_change_it_draws(
    panels: list[TrendPanel], before: str, after: str, compact: bool
) -> None:
    root = parse(
        trends_svg(
            title="t",
            description="d",
            panels=panels,
            from_label=before,
            to_label=after,
            compact=compact,
        )
    )
    assert inert_faults(root) == []
    check_accessible(root)
    arrows = [a for p in panels for a in p.rows]
    groups = list(root.iter(f"{SVG}g"))
    assert len(groups) == len(arrows)
    for arrow, g in zip(arrows, groups, strict=True):
        note = texts(g)[-1]
        expected = (
            f"{score_text(arrow.before)} \u2192 {score_text(arrow.after)} "
            f"({change_text(arrow.before, arrow.after)})"
        )
        assert note == expected
        # An arrow exactly for a change shown of ARROW_POINTS or more, whatever the layout.
        shown = points(arrow.after) - points(arrow.before)
        drawn = [line for line in g.iter(f"{SVG}line") if line.get("marker-end")]
        assert len(drawn) == (1 if abs(shown) >= ARROW_POINTS else 0)


@given(st.integers(1, 7).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n - 1))))
def test_every_band_fill_has_readable_text(bands: tuple[int, int]) -> None:
    count, position = bands
    fill = band_colour(position, count)
    assert re.fullmatch(r"#[0-9a-f]{6}", fill)
    assert contrast(fill, text_colour(fill)) >= 4.5  # WCAG AA, small text


@given(st.integers(0, 100), scores)
def test_shown_numbers_agree_with_band_boundaries(boundary: int, value: float) -> None:
    # A band starting at 0.75 starts at 75: a score below the boundary never shows as it.
    assert (points(value) >= boundary) == (value >= boundary / 100 - 1e-12)


@given(scores, scores)
def test_a_change_is_the_difference_of_the_numbers_shown(a: float, b: float) -> None:
    text = change_text(a, b).replace("\u2212", "-")
    assert int(text) == points(b) - points(a)
    assert text == "0" or text[0] in "+-"


# Machado, Oliveira and Fernandes (2009): how a colour looks with each kind of colour blindness,
# at full severity, as matrices on linear RGB.
_SIMULATIONS = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
    "none": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
}  # fmt: skip


def _lab(colour: str, matrix: tuple[tuple[float, ...], ...]) -> tuple[float, float, float]:
    """CIE L*a*b* of ``colour`` as seen through ``matrix``."""

    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    rgb = [linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5)]
    r, g, b = (
        min(1.0, max(0.0, sum(m * v for m, v in zip(row, rgb, strict=True)))) for row in matrix
    )
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


@pytest.mark.parametrize("seen_as", sorted(_SIMULATIONS))
def test_red_amber_and_green_stay_apart_for_colour_blind_readers(seen_as: str) -> None:
    red, amber, green = (band_colour(k, 3) for k in range(3))
    labs = [_lab(c, _SIMULATIONS[seen_as]) for c in (red, amber, green)]
    for a, b in ((0, 1), (0, 2), (1, 2)):
        assert math.dist(labs[a], labs[b]) >= 30, (seen_as, a, b)


def test_the_band_colours_read_as_the_bands_they_name() -> None:
    def rgb(colour: str) -> tuple[int, ...]:
        return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))

    r, g, b = rgb(band_colour(0, 3))
    assert r > 2 * g
    assert r > 2 * b
    r, g, b = rgb(band_colour(1, 3))
    assert r > g > b
    assert r > 200
    assert g > 150
    r, g, b = rgb(band_colour(2, 3))
    assert g > r
    assert g > b
    # Two bands are red and green; more than three run from red through amber to green.
    assert [band_colour(k, 2) for k in range(2)] == [band_colour(0, 3), band_colour(2, 3)]
    five = [band_colour(k, 5) for k in range(5)]
    assert five[0] == band_colour(0, 3)
    assert five[2] == band_colour(1, 3)
    assert five[4] == band_colour(2, 3)
