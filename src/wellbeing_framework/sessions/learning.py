"""The learning log: wider learning from many sessions, grouped for the forums it goes to.

Reflective sessions keep no minutes; what leaves the room is wider learning, written without
names, each point marked with the forum that should hear it (a safeguarding learning group, a
single agency's meeting, a team meeting). :func:`learning_log` gathers the points of held sessions,
groups them by forum and then by theme, and :func:`learning_markdown` writes them as Markdown
ready for a forum's papers. Each point carries only the date and type of its session.

A point that still looks as if it names someone (see ``privacy``) is held back from the log and
listed in :attr:`LearningLog.held_back`, so it is never shared by accident and never lost quietly
either: its author reviews it, and it joins the log once it names nobody.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import attrs

from .._escape import markdown_text
from .._words import plural
from ..model.content import SessionType, Theme
from ..model.session import Session
from ..packs.catalog import Catalog
from ._naming import describe_concerns, learning_concerns
from ._resolve import resolve_session, resolve_theme
from .io import Origin
from .wording import long_date

__all__ = [
    "ForumLearning",
    "HeldBack",
    "LearningLog",
    "LogEntry",
    "ThemeLearning",
    "forum_title",
    "learning_log",
    "learning_markdown",
]


def forum_title(forum: str) -> str:
    """A forum id as words: ``safeguarding-practice-learning`` -> ``Safeguarding practice
    learning``."""
    words = forum.replace("-", " ")
    return words[:1].upper() + words[1:]


@attrs.frozen(kw_only=True)
class LogEntry:
    """One learning point in the log, with only the date and type of its session."""

    text: str
    date: dt.date
    session_type: str
    session_type_title: str
    also: tuple[str, ...] = ()
    """Titles of the point's other themes, beyond the one it is listed under."""


@attrs.frozen(kw_only=True)
class ThemeLearning:
    """The points for one forum under one theme (``theme`` is ``None`` for points with none)."""

    theme: str | None
    title: str
    entries: tuple[LogEntry, ...]


@attrs.frozen(kw_only=True)
class ForumLearning:
    """Everything going to one forum, by theme."""

    forum: str
    title: str
    themes: tuple[ThemeLearning, ...]

    @property
    def count(self) -> int:
        return sum(len(t.entries) for t in self.themes)


@attrs.frozen(kw_only=True)
class HeldBack:
    """A learning point kept out of the log until its author deals with it."""

    session: str
    point: str
    reason: str
    origin: Origin | None = None


@attrs.frozen(kw_only=True)
class LearningLog:
    """Learning by forum and theme, and the points held back for review."""

    forums: tuple[ForumLearning, ...]
    held_back: tuple[HeldBack, ...] = ()

    @property
    def count(self) -> int:
        return sum(f.count for f in self.forums)


def learning_log(
    catalog: Catalog,
    sessions: Iterable[Session],
    *,
    forum: str | None = None,
    locate: Callable[[Session], Origin | None] | None = None,
) -> LearningLog:
    """Gather the wider learning of held sessions, by forum and then by theme.

    A point is listed under its first theme, with its other themes noted beside it. Points of
    sessions not marked held, and points that still seem to name someone, are held back.

    Args:
        catalog: The loaded packs (for the session types and theme titles).
        sessions: The session records.
        forum: Only the learning for this forum.
        locate: Where a session came from (``Records.origin``), for messages.

    Raises:
        RecordError: A session names a session type, trigger, model or theme that is not loaded.
    """
    where = locate or (lambda _: None)
    grouped: dict[str, dict[str | None, list[LogEntry]]] = {}
    titles: dict[str | None, str] = {None: "Other learning"}
    held_back: list[HeldBack] = []
    for session in sorted(sessions, key=lambda s: (s.date, s.id)):
        origin = where(session)
        session_type = resolve_session(catalog, session, origin=origin)
        for index, point in enumerate(session.learning):
            if forum is not None and point.forum != forum:
                continue
            reason = _hold_reason(session, session_type, index)
            if reason:
                held_back.append(
                    HeldBack(session=session.id, point=point.id, reason=reason, origin=origin)
                )
                continue
            themes = [
                _theme(catalog, session, ref, origin, f".learning[{index}].themes[{j}]")
                for j, ref in enumerate(point.themes)
            ]
            for ref, theme in themes:
                titles[ref] = theme.title
            key = themes[0][0] if themes else None
            entry = LogEntry(
                text=" ".join(point.text.split()),
                date=session.date,
                session_type=session.session_type,
                session_type_title=session_type.title,
                also=tuple(theme.title for _, theme in themes[1:]),
            )
            grouped.setdefault(point.forum, {}).setdefault(key, []).append(entry)
    forums = tuple(
        ForumLearning(
            forum=forum_id,
            title=forum_title(forum_id),
            themes=tuple(
                ThemeLearning(theme=ref, title=titles[ref], entries=tuple(entries))
                for ref, entries in sorted(
                    by_theme.items(), key=lambda kv: (kv[0] is None, titles[kv[0]].lower())
                )
            ),
        )
        for forum_id, by_theme in sorted(grouped.items())
    )
    return LearningLog(forums=forums, held_back=tuple(held_back))


def _hold_reason(session: Session, session_type: SessionType, index: int) -> str | None:
    if not session.held:
        return f"the session is marked {session.status}, not held"
    concerns = learning_concerns(session.learning[index], session, session_type)
    if concerns:
        return f"it may identify someone or is too long ({describe_concerns(concerns)})"
    return None


def _theme(
    catalog: Catalog, session: Session, ref: str, origin: Origin | None, path: str
) -> tuple[str, Theme]:
    theme = resolve_theme(catalog, session.type_pack, ref, origin=origin, path=path)
    qualified = ref if ":" in ref else f"{session.type_pack}:{ref}"
    return f"{qualified.partition(':')[0]}:{theme.id}", theme


def learning_markdown(
    log: LearningLog, *, title: str = "Wider learning from reflective sessions"
) -> str:
    """The log as Markdown for a forum's papers: one section per forum, one per theme inside it.

    Only the date and type of each session appear: no names, no session ids. Points held back
    are counted, not shown.
    """
    lines = [f"# {markdown_text(title)}", ""]
    if not log.forums:
        lines += ["No wider learning has been recorded for this period.", ""]
    for forum in log.forums:
        lines += [f"## For: {markdown_text(forum.title)}", ""]
        lines += [f"{plural(forum.count, 'point of learning', 'points of learning')}.", ""]
        for theme in forum.themes:
            lines += [f"### {markdown_text(theme.title)}", ""]
            for entry in theme.entries:
                also = f" *(Also: {markdown_text('; '.join(entry.also))}.)*" if entry.also else ""
                kind = markdown_text(entry.session_type_title)
                # The point is text a person typed: shown as written, never as mark-up.
                lines.append(
                    f"- {markdown_text(entry.text)}{also} — {kind}, {long_date(entry.date)}"
                )
            lines.append("")
    if log.held_back:
        lines += [
            "---",
            "",
            f"{plural(len(log.held_back), 'further point is', 'further points are')} held back "
            "until their authors have reviewed them.",
            "",
        ]
    return "\n".join(lines)
