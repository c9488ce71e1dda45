"""The hooks a pack can implement: the contract between the library and pack authors.

A pack is a module registered under the ``wellbeing_framework`` entry-point group. It implements
one or more of these hooks with :data:`wellbeing_framework.hookimpl`. Each hook yields typed
records; the library does the reading, checking and merging. Keep packs to data: a pack written
only in Markdown needs nothing but :func:`wellbeing_packs`.

Every hook here is documented in ``docs/hooks.md`` with its exact signature, and tested.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from ..model.content import Pack, ResponseScale
    from ..model.rules import SessionRule

__all__ = ["PROJECT", "hookimpl", "hookspec"]

#: The pluggy project name, and the entry-point group packs register under.
PROJECT = "wellbeing_framework"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def wellbeing_packs() -> Iterable[Pack | Traversable | PathLike[str] | str]:
    """Contribute packs.

    Yield pack folders in the Markdown pack format (a :class:`~importlib.resources.abc.Traversable`
    from :func:`importlib.resources.files`, or a path) and the host reads them; or yield a
    ready-made :class:`~wellbeing_framework.Pack`. Reading a folder through ``importlib.resources``
    works from a wheel or a zip as well as from source.

    Example::

        from importlib.resources import files
        from wellbeing_framework import hookimpl

        @hookimpl
        def wellbeing_packs():
            yield files(__name__) / "content"
    """
    raise NotImplementedError  # pragma: no cover - a specification, never called


@hookspec
def wellbeing_scales() -> Iterable[ResponseScale]:
    """Contribute response scales that any pack may use by id, beside the core scales.

    A scale may not reuse the id of a core scale or of another contributed scale.

    Example::

        from wellbeing_framework import ResponseScale, hookimpl
        from wellbeing_framework.model import ScaleOption

        @hookimpl
        def wellbeing_scales():
            yield ResponseScale(
                id="met-partly-not",
                title="Met, partly met or not met",
                options=(
                    ScaleOption(value="met", label="Met", score=2),
                    ScaleOption(value="partly", label="Partly met", score=1),
                    ScaleOption(value="not-met", label="Not met", score=0),
                ),
            )
    """
    raise NotImplementedError  # pragma: no cover


@hookspec
def wellbeing_session_rules() -> Iterable[SessionRule]:
    """Contribute rules that sessions are checked against, beside the built-in ones.

    Yield :class:`~wellbeing_framework.model.SessionRule` objects: each has an ``id`` and is called
    with the sessions of one series (a tuple of :class:`~wellbeing_framework.Session`) and their
    :class:`~wellbeing_framework.SessionType`, and returns findings.

    Example::

        from wellbeing_framework import hookimpl
        from wellbeing_framework.model import SessionRule
        from wellbeing_framework.sessions import Finding, Severity

        def check_online_only(sessions, session_type):
            for session in sessions:
                if session.mode != "online":
                    yield Finding(
                        rule="online-only", severity=Severity.WARNING, session=session.id,
                        reason="our groups meet online only",
                    )

        @hookimpl
        def wellbeing_session_rules():
            yield SessionRule(id="online-only", check=check_online_only)
    """
    raise NotImplementedError  # pragma: no cover
