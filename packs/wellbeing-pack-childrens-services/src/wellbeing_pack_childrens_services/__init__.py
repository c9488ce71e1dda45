"""The childrens-services content pack for wellbeing_framework."""

from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable

from wellbeing_framework import hookimpl


@hookimpl
def wellbeing_packs() -> Iterator[Traversable]:
    """Yield this distribution's pack folder; the host reads it."""
    yield files(__name__) / "content"
