"""wellbeing_framework: staff wellbeing and reflective-practice frameworks as structured,
versioned, pluggable content, and the practices around them.

Start with :func:`make_host` to load the installed packs, then look content up in the
:class:`Catalog`::

    >>> from wellbeing_framework import make_host
    >>> catalog = make_host().catalog()          # doctest: +SKIP
    >>> catalog.get("crisis-services:psychological-safety").title   # doctest: +SKIP
    'Psychological safety'

Here are the names a pack author, an application embedding the library and an analyst need:
the pack and its elements, the records and the converter, the plugin host and catalog, the
errors most caught, importing and aggregating results, and the reports. The rest is in the
subpackages, each with a face of its own:
:mod:`wellbeing_framework.model` (every model: the parts of elements, records, scales, schemas),
:mod:`wellbeing_framework.packs` (reading, writing, overlays, scaffolds, load reports),
:mod:`wellbeing_framework.analysis` (result types, the privacy audit, frames),
:mod:`wellbeing_framework.sessions` (planning, rule checks, learning, actions, supervision),
:mod:`wellbeing_framework.render` (handbooks, facilitator sheets, Markdown) and
:mod:`wellbeing_framework.errors` (the whole error hierarchy). Names that were at the top in
0.1 and have moved still work from here, with a warning that names their new place.

Importing this package loads no pack and imports none of its modules until a name is used, and
never numpy, pandas or pyarrow.
"""

from typing import TYPE_CHECKING

from ._lazy import attach

__version__ = "0.1.0"

if TYPE_CHECKING:  # what a type checker sees; the table below loads each name on first use
    from .analysis.aggregate import aggregate as aggregate
    from .analysis.gap import gap as gap
    from .analysis.importing import import_csv as import_csv
    from .analysis.importing import import_frame as import_frame
    from .analysis.options import ImportOptions as ImportOptions
    from .analysis.priorities import priorities as priorities
    from .analysis.results import Results as Results
    from .analysis.trends import trends as trends
    from .errors import ArgumentError as ArgumentError
    from .errors import ConversionError as ConversionError
    from .errors import DataImportError as DataImportError
    from .errors import ElementNotFoundError as ElementNotFoundError
    from .errors import PackFormatError as PackFormatError
    from .errors import PackLoadError as PackLoadError
    from .errors import PrivacyError as PrivacyError
    from .errors import WellbeingError as WellbeingError
    from .model._pack import Pack as Pack
    from .model.assessment import Answer as Answer
    from .model.assessment import Assessment as Assessment
    from .model.content import Checklist as Checklist
    from .model.content import ChecklistItem as ChecklistItem
    from .model.content import Element as Element
    from .model.content import Prompt as Prompt
    from .model.content import ReflectiveModel as ReflectiveModel
    from .model.content import ResponseScale as ResponseScale
    from .model.content import SessionType as SessionType
    from .model.content import Statement as Statement
    from .model.content import Theme as Theme
    from .model.content import Tool as Tool
    from .model.convert import structure as structure
    from .model.convert import unstructure as unstructure
    from .model.session import ActionPlan as ActionPlan
    from .model.session import Session as Session
    from .packs.catalog import Catalog as Catalog
    from .packs.hookspecs import hookimpl as hookimpl
    from .packs.manager import PackHost as PackHost
    from .packs.manager import make_host as make_host
    from .packs.reader import read_pack as read_pack
    from .packs.validate import validate_pack as validate_pack
    from .packs.writer import write_pack as write_pack
    from .render.report import Report as Report
    from .render.report import make_report as make_report
    from .render.report_html import report_html as report_html
    from .render.report_json import report_json as report_json
    from .render.report_markdown import report_markdown as report_markdown
    from .sessions.io import read_records as read_records
    from .sessions.io import write_records as write_records

#: Each public name and the module that holds it: the one list of the package's face. It is
#: what a pack author, an application and an analyst need; each subpackage has the rest.
_PUBLIC: dict[str, str] = {
    # Content, as a pack author writes it in Python: the pack, its five kinds of element and
    # the parts most written; the rest is in wellbeing_framework.model.
    **dict.fromkeys(
        [
            "Checklist",
            "ChecklistItem",
            "Element",
            "Prompt",
            "ReflectiveModel",
            "ResponseScale",
            "SessionType",
            "Statement",
            "Theme",
            "Tool",
        ],
        "model.content",
    ),
    # Built apart from the elements, so that the statement a pack author or an application
    # writes first (Pack, make_host, Catalog) builds none of them; it is content's all the same.
    "Pack": "model._pack",
    # Records an application keeps, and the strict converter.
    **dict.fromkeys(["Answer", "Assessment"], "model.assessment"),
    **dict.fromkeys(["ActionPlan", "Session"], "model.session"),
    **dict.fromkeys(["structure", "unstructure"], "model.convert"),
    **dict.fromkeys(["read_records", "write_records"], "sessions.io"),
    # Packs: the plugin host, the catalog, and the Markdown format.
    "hookimpl": "packs.hookspecs",
    **dict.fromkeys(["PackHost", "make_host"], "packs.manager"),
    "Catalog": "packs.catalog",
    "read_pack": "packs.reader",
    "write_pack": "packs.writer",
    "validate_pack": "packs.validate",
    # Errors: the root and the ones most caught; every error is in wellbeing_framework.errors.
    **dict.fromkeys(
        [
            "ArgumentError",
            "ConversionError",
            "DataImportError",
            "ElementNotFoundError",
            "PackFormatError",
            "PackLoadError",
            "PrivacyError",
            "WellbeingError",
        ],
        "errors",
    ),
    # Results: import, aggregate privately, read what they say, report.
    **dict.fromkeys(["import_csv", "import_frame"], "analysis.importing"),
    "ImportOptions": "analysis.options",
    "aggregate": "analysis.aggregate",
    "Results": "analysis.results",
    "gap": "analysis.gap",
    "trends": "analysis.trends",
    "priorities": "analysis.priorities",
    **dict.fromkeys(["Report", "make_report"], "render.report"),
    "report_html": "render.report_html",
    "report_json": "render.report_json",
    "report_markdown": "render.report_markdown",
}

#: Names that were public here in 0.1 and now live in a subpackage's face: they still work
#: from here, with a DeprecationWarning naming the new place, until they are removed.
_MOVED: dict[str, str] = {
    **dict.fromkeys(
        [
            "AgendaStep",
            "CORE_SCALES",
            "Cadence",
            "CadenceStep",
            "Facilitation",
            "Item",
            "Mapping",
            "Mode",
            "Relation",
            "ScaleOption",
            "Scope",
            "Section",
            "SessionRule",
            "Source",
            "Stage",
            "ToolUse",
            "Trigger",
            "Voice",
            "json_schema",
        ],
        "wellbeing_framework.model",
    ),
    **dict.fromkeys(
        ["Found", "LoadProblem", "LoadReport", "LoadedPack", "PackLoadWarning"],
        "wellbeing_framework.packs",
    ),
    **dict.fromkeys(
        ["DuplicatePackError", "DuplicateScaleError", "FileError", "Problem", "RecordError"],
        "wellbeing_framework.errors",
    ),
    **dict.fromkeys(["Responses", "read_mapping"], "wellbeing_framework.analysis"),
    **dict.fromkeys(["pack_to_html", "pack_to_markdown"], "wellbeing_framework.render"),
}

__getattr__, __dir__, _names = attach(__name__, _PUBLIC, _MOVED)
__all__ = ["__version__", *_names]
