"""What every command shares: the pack host, built once and only when a command needs it."""

from __future__ import annotations

import importlib.util
import os
import sys
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..errors import WellbeingError
from ..packs.catalog import Catalog
from ..packs.manager import PackHost, PackLoadWarning, make_host

if TYPE_CHECKING:
    from ..model.content import Pack, ResponseScale

__all__ = ["ENV_CACHE_DIR", "Context", "cache_dir", "require"]

#: Where the command keeps the packs it has read (see ``packs/_cache.py``); empty: keep none.
ENV_CACHE_DIR = "WELLBEING_CACHE_DIR"


def cache_dir() -> Path | None:
    """The folder the command keeps packs in: ``WELLBEING_CACHE_DIR``, else ``wellbeing`` in
    the user's cache folder (``XDG_CACHE_HOME``, else ``~/.cache``); None when the variable
    is set but empty, or there is no home to put it in."""
    chosen = os.environ.get(ENV_CACHE_DIR)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base:
        return Path(base) / "wellbeing"
    try:
        return Path.home() / ".cache" / "wellbeing"
    except RuntimeError:  # no home directory can be worked out
        return None


def require(*modules: str) -> None:
    """Stop, before anything is read or printed, when one of ``modules`` is not installed: the
    ModuleNotFoundError is the one importing it would raise, which ``main()`` turns into the
    message naming the extra to install."""
    for module in modules:
        if importlib.util.find_spec(module) is None:
            raise ModuleNotFoundError(f"No module named {module!r}", name=module)


class Context:
    """The shared options (--pack-dir, --strict, given before or after the command), and the
    host they make."""

    def __init__(
        self,
        *,
        pack_dirs: tuple[str, ...] = (),
        strict: bool | None = None,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.pack_dirs = pack_dirs
        self.strict = strict
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self._host: PackHost | None = None
        self._caught: list[warnings.WarningMessage] = []

    def host(self) -> PackHost:
        """The plugin host with every pack loaded. Load warnings are kept and shown at the end."""
        if self._host is None:
            # Keeping the packs read saves parsing the installed packs' Markdown on every run.
            host = make_host(strict=self.strict, pack_dirs=self.pack_dirs, cache_dir=cache_dir())
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", PackLoadWarning)
                host.load()
            self._caught.extend(caught)
            self._host = host
        return self._host

    def catalog(self) -> Catalog:
        return self.host().catalog()

    def folder_pack(self, folder: Path, catalog: Catalog | None = None) -> Pack:
        """The pack in a folder given on the command line, read as loading would read it: with
        the scales plugins contribute, and laid over its base if it is an overlay.

        Raises:
            WellbeingError: The folder holds no sound pack, or its base is not in ``catalog``
                (by default, the loaded packs).
        """
        from ..packs.reader import read_pack

        catalog = catalog if catalog is not None else self.catalog()
        contributed = _contributed(catalog)
        pack = read_pack(folder, scales=contributed)
        if pack.extends:
            from ..packs.overlay import apply_overlay

            pack = apply_overlay(catalog.pack(pack.extends), pack, scales=contributed)
        return pack

    def catalog_with(self, folders: Iterable[Path]) -> Catalog:
        """The loaded packs and those of ``folders`` that are not loaded already, so that packs
        given together on one command line see each other (an overlay its base) as if each had
        been given with --pack-dir. A folder that does not read is left out: the command reports
        its problems itself."""
        catalog = self.catalog()
        extra: dict[str, Pack] = {}
        origins = {p.id: catalog.origin(p.id) for p in catalog}
        pending = list(folders)
        # Bases before their overlays, whatever the order given: go round while any is added.
        while pending:
            left = []
            for folder in pending:
                current = Catalog([*catalog, *extra.values()], scales=_contributed(catalog))
                try:
                    pack = self.folder_pack(folder, current)
                except WellbeingError:
                    left.append(folder)
                    continue
                if pack.id not in catalog and pack.id not in extra:
                    extra[pack.id] = pack
                    origins[pack.id] = f"folder {folder}"
            if len(left) == len(pending):
                break
            pending = left
        if not extra:
            return catalog
        return Catalog([*catalog, *extra.values()], scales=_contributed(catalog), origins=origins)

    def drop_warnings(self, about: str | None = None) -> None:
        """Forget load warnings a command has already shown another way (all of them, or those
        that mention ``about``), so they are not printed twice."""
        self._caught = [
            w for w in self._caught if about is not None and about not in str(w.message)
        ]

    def flush_warnings(self) -> None:
        """Print the load warnings, once, on standard error."""
        for w in self._caught:
            print(f"wellbeing: warning: {w.message}", file=self.err)
        self._caught.clear()


def _contributed(catalog: Catalog) -> list[ResponseScale]:
    """The scales plugins contribute (the catalog's shared scales less the core ones)."""
    from ..model.scales import CORE_SCALES

    return [s for s in catalog.shared_scales if s.id not in CORE_SCALES]
