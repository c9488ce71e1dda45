"""wellbeing_framework: staff wellbeing and reflective-practice frameworks as structured,
versioned, pluggable content, and the practices around them.

Start with :func:`make_host` to load the installed packs, then look content up in the
:class:`Catalog`::

    >>> from wellbeing_framework import make_host
    >>> catalog = make_host().catalog()          # doctest: +SKIP
    >>> catalog.get("crisis-services:psychological-safety").title   # doctest: +SKIP
    'Psychological safety'

Importing this package loads no pack and imports no numpy, pandas or pyarrow.
"""

from .errors import (
    ConversionError,
    DuplicatePackError,
    ElementNotFoundError,
    PackFormatError,
    PackLoadError,
    Problem,
    RecordError,
    WellbeingError,
)
from .model.content import (
    AgendaStep,
    Cadence,
    Checklist,
    ChecklistItem,
    Element,
    Facilitation,
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
from .model.convert import make_converter, structure, unstructure
from .model.scales import CORE_SCALES
from .model.schema import json_schema
from .packs.catalog import Catalog, Found
from .packs.hookspecs import hookimpl
from .packs.manager import LoadedPack, LoadProblem, LoadReport, PackHost, PackLoadWarning, make_host

__version__ = "0.1.0"

__all__ = [
    "CORE_SCALES",
    "AgendaStep",
    "Cadence",
    "Catalog",
    "Checklist",
    "ChecklistItem",
    "ConversionError",
    "DuplicatePackError",
    "Element",
    "ElementNotFoundError",
    "Facilitation",
    "Found",
    "LoadProblem",
    "LoadReport",
    "LoadedPack",
    "Mapping",
    "Mode",
    "Pack",
    "PackFormatError",
    "PackHost",
    "PackLoadError",
    "PackLoadWarning",
    "Problem",
    "Prompt",
    "RecordError",
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
    "WellbeingError",
    "__version__",
    "hookimpl",
    "json_schema",
    "make_converter",
    "make_host",
    "structure",
    "unstructure",
]
