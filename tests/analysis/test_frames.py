"""The tidy frames: every column keeps its own name and has one stated dtype.

The dtypes are set by the library, never inferred by pandas, so these tests hold on pandas 2.1
as on pandas 3 (whose inferred text dtype differs): they check the exact dtype of every column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework import Results, aggregate, gap, trends
from wellbeing_framework.analysis import Responses, frames
from wellbeing_framework.analysis.responses import checklist_items

TEXT = pd.StringDtype("python")
BANDS = pd.CategoricalDtype(["red", "amber", "green"], ordered=True)


def _results(levels: tuple[str, str] = ("trust", "team")) -> Results:
    """Two teams of 12 in two waves, and a team of 3 that is hidden."""
    paths, options, waves = [], [], []
    for team, size, speak in (("A", 12, 1), ("B", 12, 4), ("C", 3, 2)):
        for wave in ("2024", "2025"):
            paths += [("Trust", team)] * size
            options += [[speak, 3, 2]] * size
            waves += [wave] * size
    return aggregate(
        Responses.from_arrays(
            items=sa.individual_items(),
            levels=levels,
            group_paths=paths,
            options=np.array(options),
            waves=waves,
        )
    )


def _dtypes(frame: pd.DataFrame) -> dict[str, object]:
    return dict(frame.dtypes.items())


def test_cells_frame_has_one_dtype_per_column() -> None:
    cells = frames.cells_frame(_results())
    kinds = pd.CategoricalDtype(["theme", "item"])
    scopes = pd.CategoricalDtype(["individual", "team", "organisational"])
    assert _dtypes(cells) == {
        "trust": TEXT,
        "team": TEXT,
        "group": TEXT,
        "level": "Int64",
        "wave": TEXT,
        "breakdown": TEXT,
        "element": TEXT,
        "title": TEXT,
        "kind": kinds,
        "theme": TEXT,
        "scope": scopes,
        "n": "Int64",
        "suppressed": np.dtype(bool),
        "mean": np.dtype("float64"),
        "normalised": np.dtype("float64"),
        "score": "Int64",
        "answered": "Int64",
        "unscored": "Int64",
        "missing": "Int64",
        "band": BANDS,
    }
    # Above its level, a level column is missing, not the text "None".
    everyone = cells[cells["group"] == "everyone"]
    assert everyone["team"].isna().all()
    assert everyone["trust"].isna().all()


def test_band_is_ordered_red_amber_green() -> None:
    cells = frames.cells_frame(_results())
    shown = cells[~cells["suppressed"]]
    assert set(shown["band"].dropna()) >= {"red", "green"}
    assert list(shown.sort_values("band")["band"].drop_duplicates().dropna()) == sorted(
        set(shown["band"].dropna()), key=["red", "amber", "green"].index
    )
    assert (shown[shown["band"] < "amber"]["normalised"] < 0.5).all()
    assert cells[cells["suppressed"]]["band"].isna().all()


def test_groups_frame_has_one_dtype_per_column() -> None:
    groups = frames.groups_frame(_results())
    assert _dtypes(groups) == {
        "trust": TEXT,
        "team": TEXT,
        "group": TEXT,
        "level": "Int64",
        "wave": TEXT,
        "breakdown": TEXT,
        "n": "Int64",
        "suppressed": np.dtype(bool),
    }
    assert groups[groups["suppressed"]]["n"].isna().all()


def test_gap_trends_and_rejections_frames_use_the_same_dtypes() -> None:
    results = _results()
    organisation = Responses.from_arrays(
        items=checklist_items(sa.CATALOG, sa.ORGANISATIONAL),
        levels=("trust",),
        group_paths=[("Trust",)],
        options=np.array([[4, 0]]),
    )
    gaps = frames.gap_frame(gap(results, organisation))
    assert not gaps.empty
    assert {c: str(d) for c, d in gaps.dtypes.items()} == {
        "theme": "string",
        "group": "string",
        "wave": "string",
        "individual": "float64",
        "organisational": "float64",
        "gap": "float64",
        "n_individual": "Int64",
        "n_organisational": "Int64",
        "organisational_group": "string",
        "suppressed": "bool",
        "band_individual": "category",
        "band_organisational": "category",
    }
    assert gaps["band_individual"].dtype == BANDS
    changes = frames.trends_frame(trends(results, waves=("2024", "2025")))
    assert not changes.empty
    assert {c: str(d) for c, d in changes.dtypes.items()} == {
        "element": "string",
        "kind": "category",
        "group": "string",
        "from_wave": "string",
        "to_wave": "string",
        "before": "float64",
        "after": "float64",
        "change": "float64",
        "n_before": "Int64",
        "n_after": "Int64",
    }
    # An empty table keeps its columns and dtypes, so code written against it still runs.
    empty = frames.trends_frame(())
    assert _dtypes(empty) == _dtypes(changes)


@pytest.mark.parametrize(
    ("levels", "columns"),
    [
        (("service", "group"), ("service", "level_group")),
        (("level", "wave"), ("level_level", "level_wave")),
        (("n", "band"), ("level_n", "level_band")),
        (("group", "level_group"), ("level_group", "level_level_group")),
    ],
)
def test_a_level_named_like_a_frame_column_never_overwrites_it(
    levels: tuple[str, str], columns: tuple[str, str]
) -> None:
    results = _results(levels)
    cells = frames.cells_frame(results)
    top, team = columns
    # The team names survive in their level column, and the frame's own columns are intact.
    assert set(cells[team].dropna()) == {"A", "B", "C"}
    assert set(cells[top].dropna()) == {"Trust"}
    assert set(cells["group"]) == {"everyone", "Trust", "Trust / A", "Trust / B", "Trust / C"}
    assert set(cells["wave"]) == {"2024", "2025"}
    assert set(cells["level"]) == {0, 1, 2}
    groups = frames.groups_frame(results)
    assert list(groups.columns[:2]) == list(columns)
    assert frames.level_columns(levels) == columns


@given(
    st.lists(st.sampled_from(["group", "level", "wave", "n", "team", "Team", "band"]), max_size=5)
)
def test_level_columns_are_distinct_and_never_a_frame_column(levels: list[str]) -> None:
    columns = frames.level_columns(dict.fromkeys(levels))
    own = set(frames.cells_frame(_results()).columns) - {"trust", "team"}
    assert len(set(columns)) == len(columns)
    assert not set(columns) & own
