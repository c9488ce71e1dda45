"""wellbeing_framework: staff wellbeing and reflective-practice frameworks as structured,
versioned, pluggable content, and the practices around them.

Start with :func:`make_host` to load the installed packs, then look content up in the
:class:`Catalog`::

    >>> from wellbeing_framework import make_host
    >>> catalog = make_host().catalog()          # doctest: +SKIP
    >>> catalog.get("crisis-services:psychological-safety").title   # doctest: +SKIP
    'Psychological safety'

Here are the names a pack author, an application embedding the library and an analyst need:
the content models, the plugin host and catalog, the errors, importing and aggregating results,
and the reports. The rest is in the subpackages, each with a face of its own:
:mod:`wellbeing_framework.packs` (reading, writing, overlays, scaffolds),
:mod:`wellbeing_framework.analysis` (result types, the privacy audit, frames),
:mod:`wellbeing_framework.sessions` (planning, rule checks, learning, actions, supervision) and
:mod:`wellbeing_framework.render` (handbooks, facilitator sheets, Markdown).

Importing this package loads no pack and imports none of its modules until a name is used, and
never numpy, pandas or pyarrow.
"""

from typing import TYPE_CHECKING

from ._lazy import attach

__version__ = "0.1.0"

if TYPE_CHECKING:  # what a type checker sees; the table below loads each name on first use
    from .analysis.aggregate import aggregate
    from .analysis.gap import gap
    from .analysis.importing import import_csv, import_frame, read_mapping
    from .analysis.options import ImportOptions
    from .analysis.priorities import priorities
    from .analysis.responses import Responses
    from .analysis.results import Results
    from .analysis.trends import trends
    from .errors import (
        ArgumentError,
        ConversionError,
        DataImportError,
        DuplicatePackError,
        DuplicateScaleError,
        ElementNotFoundError,
        FileError,
        PackFormatError,
        PackLoadError,
        PrivacyError,
        Problem,
        RecordError,
        WellbeingError,
    )
    from .model.assessment import Answer, Assessment
    from .model.content import (
        AgendaStep,
        Cadence,
        CadenceStep,
        Checklist,
        ChecklistItem,
        Element,
        Facilitation,
        Item,
        Mapping,
        Mode,
        Pack,
        Prompt,
        ReflectiveModel,
        Relation,
        ResponseScale,
        ScaleOption,
        Scope,
        Section,
        SessionType,
        Source,
        Stage,
        Statement,
        Theme,
        Tool,
        ToolUse,
        Trigger,
        Voice,
    )
    from .model.convert import structure, unstructure
    from .model.rules import SessionRule
    from .model.scales import CORE_SCALES
    from .model.schema import json_schema
    from .model.session import ActionPlan, Session
    from .packs.catalog import Catalog, Found
    from .packs.hookspecs import hookimpl
    from .packs.manager import (
        LoadedPack,
        LoadProblem,
        LoadReport,
        PackHost,
        PackLoadWarning,
        make_host,
    )
    from .packs.reader import read_pack
    from .packs.validate import validate_pack
    from .packs.writer import write_pack
    from .render.handbook import pack_to_html, pack_to_markdown
    from .render.report import Report, make_report
    from .render.report_html import report_html
    from .render.report_json import report_json
    from .render.report_markdown import report_markdown
    from .sessions.io import read_records, write_records

#: Each public name and the module that holds it: the one list of the package's face.
_PUBLIC: dict[str, str] = {
    # Content, as a pack author writes it in Python.
    **dict.fromkeys(
        [
            "AgendaStep",
            "Cadence",
            "CadenceStep",
            "Checklist",
            "ChecklistItem",
            "Element",
            "Facilitation",
            "Item",
            "Mapping",
            "Mode",
            "Pack",
            "Prompt",
            "ReflectiveModel",
            "Relation",
            "ResponseScale",
            "ScaleOption",
            "Scope",
            "Section",
            "SessionType",
            "Source",
            "Stage",
            "Statement",
            "Theme",
            "Tool",
            "ToolUse",
            "Trigger",
            "Voice",
        ],
        "model.content",
    ),
    "CORE_SCALES": "model.scales",
    **dict.fromkeys(["structure", "unstructure"], "model.convert"),
    "json_schema": "model.schema",
    **dict.fromkeys(["Answer", "Assessment"], "model.assessment"),
    **dict.fromkeys(["ActionPlan", "Session"], "model.session"),
    "SessionRule": "model.rules",
    # Packs: the plugin host, the catalog, and the Markdown format.
    "hookimpl": "packs.hookspecs",
    **dict.fromkeys(
        ["LoadProblem", "LoadReport", "LoadedPack", "PackHost", "PackLoadWarning", "make_host"],
        "packs.manager",
    ),
    **dict.fromkeys(["Catalog", "Found"], "packs.catalog"),
    "read_pack": "packs.reader",
    "write_pack": "packs.writer",
    "validate_pack": "packs.validate",
    # Errors: one hierarchy, each naming where.
    **dict.fromkeys(
        [
            "ArgumentError",
            "ConversionError",
            "DataImportError",
            "DuplicatePackError",
            "DuplicateScaleError",
            "ElementNotFoundError",
            "FileError",
            "PackFormatError",
            "PackLoadError",
            "PrivacyError",
            "Problem",
            "RecordError",
            "WellbeingError",
        ],
        "errors",
    ),
    # Results: import, aggregate privately, read what they say, report.
    **dict.fromkeys(["import_csv", "import_frame", "read_mapping"], "analysis.importing"),
    "ImportOptions": "analysis.options",
    "Responses": "analysis.responses",
    "aggregate": "analysis.aggregate",
    "Results": "analysis.results",
    "gap": "analysis.gap",
    "trends": "analysis.trends",
    "priorities": "analysis.priorities",
    **dict.fromkeys(["Report", "make_report"], "render.report"),
    "report_html": "render.report_html",
    "report_json": "render.report_json",
    "report_markdown": "render.report_markdown",
    **dict.fromkeys(["pack_to_html", "pack_to_markdown"], "render.handbook"),
    # Session records.
    **dict.fromkeys(["read_records", "write_records"], "sessions.io"),
}

__getattr__, __dir__, _names = attach(__name__, _PUBLIC)
__all__ = ["__version__", *_names]
