"""What loading packs finds: the packs that loaded, where each came from, and the problems of
those that did not.

These records are built only when packs load, so they live apart from the host in
:mod:`.manager`: each attrs class costs about half a millisecond to build, and importing the host
(``from wellbeing_framework import make_host``) should not pay for what only a load uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ..model.content import Pack
from .catalog import Catalog

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

    from ..model.rules import SessionRule

__all__ = ["LoadProblem", "LoadReport", "LoadedPack", "Plugin"]


@attrs.frozen(kw_only=True)
class LoadProblem:
    """A pack that did not load, and why.

    Attributes:
        name: The entry-point name, or the folder for a pack given by path.
        reason: What went wrong, in plain words.
        distribution: The distribution that registered it, if any.
        version: That distribution's version.
        details: Every problem, one per line, for a pack whose files did not validate.
    """

    name: str
    reason: str
    distribution: str | None = None
    version: str | None = None
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = f" ({self.distribution} {self.version})" if self.distribution else ""
        return f"{self.name}{where}: {self.reason}"


@attrs.frozen(kw_only=True)
class LoadedPack:
    """A pack that loaded, and where it came from."""

    pack: Pack
    origin: str
    plugin: str | None = None
    distribution: str | None = None
    version: str | None = None


@attrs.frozen(kw_only=True)
class LoadReport:
    """What :meth:`PackHost.load` found: the packs that loaded and the problems of those that
    did not, plus the names blocked by ``WELLBEING_DISABLED_PACKS``."""

    packs: tuple[LoadedPack, ...] = ()
    problems: tuple[LoadProblem, ...] = ()
    disabled: tuple[str, ...] = ()
    catalog: Catalog = attrs.field(eq=False, repr=False)
    #: Every pack folder read, with the plugin that gave it (None for a ``pack_dirs`` folder),
    #: whether or not the pack in it loaded.
    folders: tuple[tuple[str | None, Traversable | Path], ...] = ()
    #: The session rules plugins contributed through ``wellbeing_session_rules``.
    session_rules: tuple[SessionRule, ...] = ()


@attrs.frozen
class Plugin:
    """A registered plugin: its name, and the distribution that gave it, if any."""

    name: str
    distribution: str | None = None
    version: str | None = None
