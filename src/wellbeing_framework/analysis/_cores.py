"""Work in the background that stands aside while a CSV is read on both cores.

The ledger's fingerprint of a large export (SHA-256 of its bytes, :class:`~.ledger.FileHashing`)
is read in a thread while the export is imported. On two cores it competes with the two halves
of the CSV being read at once (:func:`~._arrowcsv.read_halves`) and slows them by about as long
as it takes (1M rows: 0.25 s); everywhere else in the import, and before it, one core is idle.
So the reading of the halves holds :func:`both_cores`, and the hashing waits for a core between
its blocks (:func:`wait_for_a_core`): the same work, done in the idle moments.

A wait ends when the reading does, whatever else the machine is doing: nothing here depends on
the operating system's priorities, which let a background thread starve on a busy machine.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["both_cores", "wait_for_a_core"]

_readings = 0
_changed = threading.Condition()


@contextmanager
def both_cores() -> Iterator[None]:
    """Held while a reading takes both cores; readings in other threads may hold it too."""
    global _readings
    with _changed:
        _readings += 1
    try:
        yield
    finally:
        with _changed:
            _readings -= 1
            _changed.notify_all()


def wait_for_a_core() -> None:
    """Return once no reading holds :func:`both_cores` (at once when none does)."""
    with _changed:
        _changed.wait_for(lambda: _readings == 0)
