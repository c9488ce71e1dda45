"""How a score is shown: one rule for the HTML and Markdown reports, the JSON, the charts and the
notebook tables, so that 60.97 reads as 60 in all of them.

A normalised score (0 to 1) is shown as a whole number out of 100, **rounded down**. Rounded down,
not to the nearest, so that a number never contradicts its band: a band that starts at 0.75
starts at 75, and 0.746, which is below it (amber), shows as 74, not as a 75 labelled amber. A
difference between two scores (an I/We gap, a change between rounds) is the difference of the two
numbers shown, so the sums on the page add up.

Nothing here imports numpy, so the renderers can use it without the ``analysis`` extra.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["points", "points_of", "points_or_none"]


def points(normalised: float) -> int:
    """A normalised score (0 to 1) as the whole number out of 100 that every output shows.

    Rounded down (see the module's docstring); values outside 0 to 1 are clipped to it. The tiny
    allowance keeps a score that is exactly on a boundary, such as 0.29 (29.000000000000004
    once multiplied), from falling one below it.
    """
    return math.floor(min(1.0, max(0.0, normalised)) * 100 + 1e-9)


def points_or_none(normalised: float | None) -> int | None:
    """:func:`points`, or None for a missing score (None or NaN)."""
    if normalised is None or normalised != normalised:
        return None
    return points(normalised)


def points_of(normalised: Any) -> list[int | None]:
    """:func:`points_or_none` of every score of a numpy array (NaN: None), in one pass: the same
    double arithmetic (clipped, times 100, plus the allowance), for the 52,000 cells of a large
    report at once."""
    import numpy as np

    scaled = np.floor(np.minimum(1.0, np.maximum(0.0, normalised)) * 100 + 1e-9)
    return [None if x != x else int(x) for x in scaled.tolist()]
