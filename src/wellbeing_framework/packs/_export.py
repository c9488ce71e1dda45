"""A pack as JSON, for tools in other languages: its ids, its wording and its scales' values.

A survey tool or a web form written in JavaScript needs the item ids to name its columns (or
the answers of an :class:`~wellbeing_framework.Assessment`) and the option values a scale takes.
The export holds the pack as the converter writes it and, for every scale its checklists use,
that scale in full, by the reference the checklist gives (``agree-5``, a core scale, is not in
the pack itself). ``wellbeing schema pack-export`` describes the shape.
"""

from __future__ import annotations

from typing import Any

from ..model.content import Pack, ResponseScale
from ..model.convert import unstructure
from ..model.schema import SCHEMA_DIALECT, json_schema
from .catalog import Catalog

__all__ = ["EXPORT_FORMAT", "EXPORT_VERSION", "export_pack", "export_schema"]

EXPORT_FORMAT = "wellbeing-pack"
#: The version of the export's shape; it changes when a field changes meaning or goes away.
EXPORT_VERSION = 1


def export_pack(catalog: Catalog, pack_id: str) -> dict[str, Any]:
    """The pack ``pack_id`` and the scales its checklists use, as JSON-able data.

    Raises:
        ElementNotFoundError: No such pack is loaded, or a checklist uses a scale that is not.
    """
    pack = catalog.pack(pack_id)
    scales = {c.scale: catalog.scale(c.scale, pack=pack.id) for c in pack.checklists}
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "pack": unstructure(pack),
        "scales": {ref: unstructure(scale) for ref, scale in sorted(scales.items())},
    }


def export_schema() -> dict[str, Any]:
    """A JSON Schema (2020-12) of what :func:`export_pack` returns."""
    models = json_schema([Pack, ResponseScale])
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "wellbeing_framework pack export",
        "description": (
            "What `wellbeing export PACK` writes: the pack, and each scale its checklists use "
            "under the reference the checklist gives."
        ),
        "type": "object",
        "properties": {
            "format": {"const": EXPORT_FORMAT},
            "version": {"const": EXPORT_VERSION},
            "pack": {"$ref": "#/$defs/Pack"},
            "scales": {"type": "object", "additionalProperties": {"$ref": "#/$defs/ResponseScale"}},
        },
        "required": ["format", "version", "pack", "scales"],
        "additionalProperties": False,
        "$defs": models["$defs"],
    }
