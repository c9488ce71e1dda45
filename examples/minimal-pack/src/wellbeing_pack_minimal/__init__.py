"""A minimal wellbeing_framework pack: its content is the Markdown in the ``content`` folder."""

from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable

from wellbeing_framework import hookimpl


@hookimpl
def wellbeing_packs() -> Iterator[Traversable]:
    """Hand the host this distribution's pack folder; the host reads and checks it."""
    yield files(__name__) / "content"
