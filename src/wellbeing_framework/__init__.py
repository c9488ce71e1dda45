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
    from .analysis.aggregate import aggregate as aggregate
    from .analysis.gap import gap as gap
    from .analysis.importing import (
        import_csv as import_csv,
    )
    from .analysis.importing import (
        import_frame as import_frame,
    )
    from .analysis.importing import (
        read_mapping as read_mapping,
    )
    from .analysis.options import ImportOptions as ImportOptions
    from .analysis.priorities import priorities as priorities
    from .analysis.responses import Responses as Responses
    from .analysis.results import Results as Results
    from .analysis.trends import trends as trends
    from .errors import (
        ArgumentError as ArgumentError,
    )
    from .errors import (
        ConversionError as ConversionError,
    )
    from .errors import (
        DataImportError as DataImportError,
    )
    from .errors import (
        DuplicatePackError as DuplicatePackError,
    )
    from .errors import (
        DuplicateScaleError as DuplicateScaleError,
    )
    from .errors import (
        ElementNotFoundError as ElementNotFoundError,
    )
    from .errors import (
        FileError as FileError,
    )
    from .errors import (
        PackFormatError as PackFormatError,
    )
    from .errors import (
        PackLoadError as PackLoadError,
    )
    from .errors import (
        PrivacyError as PrivacyError,
    )
    from .errors import (
        Problem as Problem,
    )
    from .errors import (
        RecordError as RecordError,
    )
    from .errors import (
        WellbeingError as WellbeingError,
    )
    from .model.assessment import Answer as Answer
    from .model.assessment import Assessment as Assessment
    from .model.content import (
        AgendaStep as AgendaStep,
    )
    from .model.content import (
        Cadence as Cadence,
    )
    from .model.content import (
        CadenceStep as CadenceStep,
    )
    from .model.content import (
        Checklist as Checklist,
    )
    from .model.content import (
        ChecklistItem as ChecklistItem,
    )
    from .model.content import (
        Element as Element,
    )
    from .model.content import (
        Facilitation as Facilitation,
    )
    from .model.content import (
        Item as Item,
    )
    from .model.content import (
        Mapping as Mapping,
    )
    from .model.content import (
        Mode as Mode,
    )
    from .model.content import (
        Pack as Pack,
    )
    from .model.content import (
        Prompt as Prompt,
    )
    from .model.content import (
        ReflectiveModel as ReflectiveModel,
    )
    from .model.content import (
        Relation as Relation,
    )
    from .model.content import (
        ResponseScale as ResponseScale,
    )
    from .model.content import (
        ScaleOption as ScaleOption,
    )
    from .model.content import (
        Scope as Scope,
    )
    from .model.content import (
        Section as Section,
    )
    from .model.content import (
        SessionType as SessionType,
    )
    from .model.content import (
        Source as Source,
    )
    from .model.content import (
        Stage as Stage,
    )
    from .model.content import (
        Statement as Statement,
    )
    from .model.content import (
        Theme as Theme,
    )
    from .model.content import (
        Tool as Tool,
    )
    from .model.content import (
        ToolUse as ToolUse,
    )
    from .model.content import (
        Trigger as Trigger,
    )
    from .model.content import (
        Voice as Voice,
    )
    from .model.convert import structure as structure
    from .model.convert import unstructure as unstructure
    from .model.rules import SessionRule as SessionRule
    from .model.scales import CORE_SCALES as CORE_SCALES
    from .model.schema import json_schema as json_schema
    from .model.session import ActionPlan as ActionPlan
    from .model.session import Session as Session
    from .packs.catalog import Catalog as Catalog
    from .packs.catalog import Found as Found
    from .packs.hookspecs import hookimpl as hookimpl
    from .packs.manager import (
        LoadedPack as LoadedPack,
    )
    from .packs.manager import (
        LoadProblem as LoadProblem,
    )
    from .packs.manager import (
        LoadReport as LoadReport,
    )
    from .packs.manager import (
        PackHost as PackHost,
    )
    from .packs.manager import (
        PackLoadWarning as PackLoadWarning,
    )
    from .packs.manager import (
        make_host as make_host,
    )
    from .packs.reader import read_pack as read_pack
    from .packs.validate import validate_pack as validate_pack
    from .packs.writer import write_pack as write_pack
    from .render.handbook import pack_to_html as pack_to_html
    from .render.handbook import pack_to_markdown as pack_to_markdown
    from .render.report import Report as Report
    from .render.report import make_report as make_report
    from .render.report_html import report_html as report_html
    from .render.report_json import report_json as report_json
    from .render.report_markdown import report_markdown as report_markdown
    from .sessions.io import read_records as read_records
    from .sessions.io import write_records as write_records

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
