"""What every command shares: the pack host, built once and only when a command needs it."""

from __future__ import annotations

import sys
import warnings
from typing import TextIO

from ..packs.catalog import Catalog
from ..packs.manager import PackHost, PackLoadWarning, make_host

__all__ = ["Context"]


class Context:
    """The options given before the command, and the host they make."""

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
            host = make_host(strict=self.strict, pack_dirs=self.pack_dirs)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", PackLoadWarning)
                host.load()
            self._caught.extend(caught)
            self._host = host
        return self._host

    def catalog(self) -> Catalog:
        return self.host().catalog()

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
