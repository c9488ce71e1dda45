"""Work in the background that stands aside while a CSV is read on both cores.

The ledger's fingerprint of a large export (SHA-256 of its bytes, :class:`~.ledger.FileHashing`)
is read in a thread while the export is imported. On two cores it competes with the two halves
of the CSV being read at once (:func:`~._arrowcsv.read_halves`) and slows them by about as long
as it takes (1M rows: 0.25 s); everywhere else in the import, and before it, one core is idle.
So the reading of the halves holds :func:`both_cores`, and the hashing waits for a core between
its blocks (:func:`wait_for_a_core`): the same work, done in the idle moments.

The hashing stands aside only for the readings of the thread that started it, the import it
was started beside: those end, and the thread asks for the fingerprint only between them, so
a wait always ends, however busy the machine. Readings in other threads (a server importing
many uploads at once) do not hold it up. Nothing here depends on the operating system's
priorities, which let a background thread starve on a busy machine.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["both_cores", "wait_for_a_core"]

#: The readings under way, by the thread that runs each.
_readings: Counter[int] = Counter()
_changed = threading.Condition()


@contextmanager
def both_cores() -> Iterator[None]:
    """Held by a thread while a reading of its own takes both cores."""
    thread = threading.get_ident()
    with _changed:
        _readings[thread] += 1
    try:
        yield
    finally:
        with _changed:
            _readings[thread] -= 1
            _changed.notify_all()


def wait_for_a_core(thread: int) -> None:
    """Return once the thread ``thread`` (an ident) holds :func:`both_cores` no more."""
    with _changed:
        _changed.wait_for(lambda: _readings[thread] <= 0)
