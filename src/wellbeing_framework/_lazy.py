"""A package's public face, loaded name by name on first use (PEP 562).

Each facade keeps one table of its public names and the modules that hold them; this makes the
module ``__getattr__``, ``__dir__`` and ``__all__`` from it, as scientific Python's
``lazy_loader.attach`` does, so that importing a package imports none of its modules until a
name is asked for. A test checks that each facade's ``TYPE_CHECKING`` imports (what a type
checker sees) list exactly the same names from the same modules.

A name that has moved to another facade keeps working where it was for a while: asking for it
there warns (``DeprecationWarning``, naming the new place) and gives the same object. It is not
in ``__all__`` or ``dir()``, so nothing new is written against the old place.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["attach"]


def attach(
    package: str, public: Mapping[str, str], moved: Mapping[str, str] | None = None
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` for ``package``, whose public names are the
    keys of ``public``, each held by the module it maps to: relative to the package
    (``"io"``), or written with its dots (``"..model.session"``) for one outside it.

    ``moved`` maps each name that used to be public here to the module it is public in now
    (an absolute name, such as ``"wellbeing_framework.model"``)."""
    moved = moved or {}

    def __getattr__(name: str) -> Any:
        module = public.get(name)
        if module is None:
            if name in moved:
                return _moved(package, name, moved[name])
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        relative = module if module.startswith(".") else f".{module}"  # "..model.x" goes up
        value = getattr(importlib.import_module(relative, package), name)
        setattr(sys.modules[package], name, value)  # the next look-up is a plain attribute
        return value

    names = sorted(public)

    def __dir__() -> list[str]:
        return sorted({*names, *vars(sys.modules[package])})

    return __getattr__, __dir__, names


def _moved(package: str, name: str, home: str) -> Any:
    # Not cached on the package, so that every use of the old place warns, not only the first.
    warnings.warn(
        f"{package}.{name} has moved: import it from {home} (the old place will be removed)",
        DeprecationWarning,
        stacklevel=3,  # the caller of the module's __getattr__
    )
    return getattr(importlib.import_module(home), name)
