"""A model's field types, resolved in the module the model says it is from."""

from __future__ import annotations

import importlib
import typing
from typing import Any

__all__ = ["field_types"]


def field_types(cls: type[Any]) -> dict[str, Any]:
    """``typing.get_type_hints(cls)``, the model's module loaded first: :class:`Pack` is had
    without the element classes its fields name (``model._pack``), which ``model.content``
    builds when it is loaded."""
    importlib.import_module(cls.__module__)
    return typing.get_type_hints(cls)
