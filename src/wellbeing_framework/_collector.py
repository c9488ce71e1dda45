"""Pausing Python's cyclic garbage collector while many small objects are made at once.

The collector runs whenever enough containers have been made since it last ran, and each run
walks every young object: building the 52,000 cells of a large report (or their JSON records,
or the audit's reading of them) set it off hundreds of times, each run finding nothing to free,
since what is being built is all alive. Paused for the build, those runs are not made; the
collector is left as it was found, even when the build raises.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the ``with`` block, then restore its state: enabled
    again only if it was enabled when the block began (a caller that had it off keeps it off,
    and a nested pause does not turn it on early)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
