"""Self-assessment results: import, scoring, private aggregation, the I/We gap, trends.

The modules, in the order data flows through them:

- ``responses``: :class:`Responses`, many answers as numpy arrays of small codes;
- ``importing``: a forms-tool export (CSV, spreadsheet, Parquet or Arrow IPC), a DataFrame or
  an Arrow table to responses, reconciled; told how by one ``ImportOptions`` record
  (``options``), and helped by private modules, one step each: ``_inputs`` (paths, bytes,
  uploads), ``_layouts`` (each tool's header rows and metadata), ``_csvfile``,
  ``_spreadsheets`` and ``_columnar`` (reading, the last in batches), ``_tables`` (columns),
  ``_matching`` (headings to items), ``_grouping`` (group spellings folded, identifying columns
  refused) and ``_coding`` (answers to codes);
- ``scoring``: scores per item and theme from counts of answers, and banding;
- ``aggregate``: results by group, level and wave, with small groups hidden and complementary
  suppression, so that no hidden group can be worked out from the ones shown (counted by
  ``_cube``, its quick rules in ``_sums``, checked by the exact ``audit``);
- ``gap``, ``trends``, ``priorities``: what the results say and what to do next;
- ``frames``: tidy pandas tables;
- ``results`` (with ``cells``, ``import_result`` and ``derived``): the frozen result types
  all of these return (the cells held as columns by ``_cell_columns``).

A module whose name starts with an underscore is not API: it may change in any release.

Its face is below. The functions that share a module's name (``aggregate``, ``gap``,
``trends``, ``priorities``, ``audit``) are reached at the top of the package
(:func:`wellbeing_framework.aggregate`...) or from their modules
(:func:`wellbeing_framework.analysis.audit.audit`). Nothing is imported until a name is used, so
numpy, pandas and pyarrow (the ``analysis`` extra) load only when an analysis function runs.
"""

from typing import TYPE_CHECKING

from .._lazy import attach

if TYPE_CHECKING:  # what a type checker sees; the table below loads each name on first use
    from .aggregate import (
        DEFAULT_MIN_GROUP_SIZE as DEFAULT_MIN_GROUP_SIZE,
    )
    from .aggregate import (
        FLOOR_MIN_GROUP_SIZE as FLOOR_MIN_GROUP_SIZE,
    )
    from .audit import (
        Audit as Audit,
    )
    from .audit import (
        AuditError as AuditError,
    )
    from .audit import (
        Release as Release,
    )
    from .audit import (
        Violation as Violation,
    )
    from .audit import (
        release_from_report as release_from_report,
    )
    from .audit import (
        release_from_results as release_from_results,
    )
    from .cells import Cell as Cell
    from .cells import ElementKind as ElementKind
    from .cells import GroupCell as GroupCell
    from .cells import SuppressionReason as SuppressionReason
    from .derived import DraftAction as DraftAction
    from .derived import DraftActionPlan as DraftActionPlan
    from .derived import GapRow as GapRow
    from .derived import Priorities as Priorities
    from .derived import Priority as Priority
    from .derived import TrendRow as TrendRow
    from .frames import (
        cells_frame as cells_frame,
    )
    from .frames import (
        gap_frame as gap_frame,
    )
    from .frames import (
        groups_frame as groups_frame,
    )
    from .frames import (
        rejections_frame as rejections_frame,
    )
    from .frames import (
        trends_frame as trends_frame,
    )
    from .import_result import ImportResult as ImportResult
    from .import_result import Pooled as Pooled
    from .import_result import Reconciliation as Reconciliation
    from .import_result import Rejection as Rejection
    from .importing import (
        import_csv as import_csv,
    )
    from .importing import (
        import_frame as import_frame,
    )
    from .importing import (
        read_mapping as read_mapping,
    )
    from .options import ImportOptions as ImportOptions
    from .options import Layout as Layout
    from .priorities import as_action_plan as as_action_plan
    from .priorities import support_for as support_for
    from .responses import Responses as Responses
    from .results import DEFAULT_BANDING as DEFAULT_BANDING
    from .results import Band as Band
    from .results import Banding as Banding
    from .results import Results as Results

#: Each public name and the module that holds it: the one list of this package's face.
_PUBLIC: dict[str, str] = {
    **dict.fromkeys(["DEFAULT_MIN_GROUP_SIZE", "FLOOR_MIN_GROUP_SIZE"], "aggregate"),
    **dict.fromkeys(
        [
            "Audit",
            "AuditError",
            "Release",
            "Violation",
            "release_from_report",
            "release_from_results",
        ],
        "audit",
    ),
    **dict.fromkeys(["Cell", "ElementKind", "GroupCell", "SuppressionReason"], "cells"),
    **dict.fromkeys(
        ["DraftAction", "DraftActionPlan", "GapRow", "Priorities", "Priority", "TrendRow"],
        "derived",
    ),
    **dict.fromkeys(
        ["cells_frame", "gap_frame", "groups_frame", "rejections_frame", "trends_frame"], "frames"
    ),
    **dict.fromkeys(["ImportResult", "Pooled", "Reconciliation", "Rejection"], "import_result"),
    **dict.fromkeys(["import_csv", "import_frame", "read_mapping"], "importing"),
    **dict.fromkeys(["ImportOptions", "Layout"], "options"),
    **dict.fromkeys(["as_action_plan", "support_for"], "priorities"),
    "Responses": "responses",
    **dict.fromkeys(["Band", "Banding", "DEFAULT_BANDING", "Results"], "results"),
}

__getattr__, __dir__, __all__ = attach(__name__, _PUBLIC)
