"""The analyst's notebook in examples/ runs from top to bottom and shows the reconciled results."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "notebook.ipynb"


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    return nb


def _outputs(nb: nbformat.NotebookNode) -> list[dict[str, object]]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


def test_the_committed_notebook_has_no_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None


def test_the_notebook_runs_without_errors(executed: nbformat.NotebookNode) -> None:
    assert not [o for o in _outputs(executed) if o.get("output_type") == "error"]


def test_the_notebook_shows_the_reconciliation(executed: nbformat.NotebookNode) -> None:
    text = "".join(str(o.get("text", "")) for o in _outputs(executed))
    assert "rows read 227, accepted 223, rejected 4" in text


def test_results_display_as_html_with_hidden_groups(executed: nbformat.NotebookNode) -> None:
    html = [
        str(o["data"]["text/html"])  # type: ignore[index]
        for o in _outputs(executed)
        if isinstance(o.get("data"), dict) and "text/html" in o["data"]  # type: ignore[operator]
    ]
    assert any("<svg" in h and "hidden: fewer than 10 people" in h for h in html)


def test_the_notebook_gets_the_same_results_as_the_library(
    executed: nbformat.NotebookNode,
) -> None:
    from wellbeing_framework.analysis.aggregate import aggregate
    from wellbeing_framework.analysis.importing import import_csv
    from wellbeing_framework.model.content import Scope
    from wellbeing_framework.packs.manager import make_host

    catalog = make_host().catalog()
    imported = import_csv(
        NOTEBOOK.parent / "data" / "staff-survey.csv",
        catalog=catalog,
        pack="crisis-services",
        checklists=[c.id for c in catalog.checklists("crisis-services", scope=Scope.INDIVIDUAL)],
        group_columns=["Service", "Team"],
        wave_column="Survey round",
    )
    cells = aggregate(imported.responses).cells
    shown = sum(not c.suppressed for c in cells)
    text = "".join(str(o.get("text", "")) for o in _outputs(executed))
    assert f"{len(cells)} cells, {shown} shown; minimum group size 10" in text
