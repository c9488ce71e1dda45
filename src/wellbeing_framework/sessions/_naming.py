"""Does a learning point seem to name someone? Heuristics that flag text for its author to review.

Wider learning leaves the room, so it must not identify anyone. A machine cannot be sure of that;
it can only point at what looks like a name, an email address, a phone number or a participant's
token, and at text far longer than a learning point should be. Such a point is flagged for the
author, never quietly changed, kept or dropped. Messages say *where* (which word) and *what kind*
of thing was found, never the text itself, so a report of findings does not spread a name further.

Two kinds of concern:

- **firm**: an email address, a phone number, a title with a name (``Dr``, ``Mrs``...), a
  participant's token. These are flagged even after the author marks the point as reviewed.
- **soft**: a capitalised word in the middle of a sentence that is not known to the session type
  (a possible name), and text longer than :data:`MAX_LEARNING_CHARS`. Marking the point
  ``reviewed`` says the author has looked and it names nobody.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

import attrs

from ..model.content import SessionType
from ..model.session import LearningPoint, Session

__all__ = [
    "MAX_LEARNING_CHARS",
    "Concern",
    "describe_concerns",
    "known_words",
    "learning_concerns",
    "naming_concerns",
]

#: A learning point is a sentence or two; past this it is probably an account of the session.
MAX_LEARNING_CHARS = 400

# The look-behind lets a match start only where a run of address characters starts, and the
# possessive ``++`` gives up a run with no ``@`` at once: without both, one long word is tried
# from each of its characters, which takes time growing with the square of its length.
_EMAIL = re.compile(r"(?<![^\s@<>()])[^\s@<>()]++@[^\s@<>()]+\.[A-Za-z]{2,}")
# Ten or more digits with the spaces, dots, dashes and brackets phone numbers are written with.
_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{8,}\d")
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord"})
_NAME_LIKE = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)*")
_WORD_EDGE = "\"'“”‘’()[]{}*_,.;:!?"
_SENTENCE_END = (".", "!", "?", ":", ";")
_BULLETS = frozenset({"-", "*", "•", "–", "—"})
#: Words written with a capital that are not names.
_COMMON = frozenset(
    (
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december"),
        *("christmas", "easter", "eid", "diwali", "ramadan"),
        *("english", "welsh", "scottish", "irish", "british", "european"),
        *("internet", "zoom", "teams"),
    )
)


@attrs.frozen(kw_only=True)
class Concern:
    """One thing in a text that may identify a person.

    Attributes:
        kind: What was found, in words: ``an email address``, ``a capitalised word that may be a
            name``, and so on.
        word: The 1-based position of the word where it starts, or ``None`` for the whole text.
        firm: True for a concern that marking the point as reviewed does not silence.
    """

    kind: str
    word: int | None = None
    firm: bool = True

    def __str__(self) -> str:
        return self.kind if self.word is None else f"{self.kind} at word {self.word}"


@functools.lru_cache(maxsize=64)
def known_words(session_type: SessionType) -> frozenset[str]:
    """Words the session type itself writes with a capital (forum names, model names), in lower
    case: a learning point may use them without being flagged."""
    texts = [
        session_type.title,
        session_type.introduction,
        session_type.purpose,
        *session_type.ground_rules,
        *(s.body for s in session_type.sections),
        *(s.title for s in session_type.sections),
        *(f"{a.text} {a.guidance}" for a in session_type.agenda),
        *(f"{t.text} {t.guidance}" for t in session_type.triggers),
        *(f"{p.text} {p.guidance}" for p in session_type.prompts),
    ]
    return frozenset(
        match.group(0).lower() for text in texts for match in _NAME_LIKE.finditer(text)
    )


def naming_concerns(
    text: str, *, tokens: Iterable[str] = (), known: Iterable[str] = ()
) -> tuple[Concern, ...]:
    """Everything in ``text`` that may identify a person.

    Args:
        text: The text of a learning point.
        tokens: Participant and facilitator tokens, which must not appear in the text.
        known: Lower-case words that are fine with a capital (see :func:`known_words`).
    """
    found: list[Concern] = []
    words = list(re.finditer(r"\S+", text))
    starts = [m.start() for m in words]

    def word_at(offset: int) -> int:
        """The 1-based number of the word that holds ``offset``."""
        return max(1, bisect.bisect_right(starts, offset))

    for match in _EMAIL.finditer(text):
        found.append(Concern(kind="an email address", word=word_at(match.start())))
    for match in _PHONE.finditer(text):
        if sum(c.isdigit() for c in match.group(0)) >= 10:
            found.append(
                Concern(kind="what looks like a phone number", word=word_at(match.start()))
            )
    lowered_tokens = {t.lower() for t in tokens}
    allowed = {w.lower() for w in known} | _COMMON
    sentence_start = True
    previous_title = False
    previous_flagged = False
    for index, match in enumerate(words, start=1):
        raw = match.group(0)
        word = raw.strip(_WORD_EDGE)
        possessive = word.endswith(("'s", "’s"))
        if possessive:
            word = word[:-2]
        if raw.strip(_WORD_EDGE).lower() in lowered_tokens or word.lower() in lowered_tokens:
            found.append(Concern(kind="a participant's token", word=index))
        is_title = word.lower() in _TITLES and word[:1].isupper()
        name_like = _NAME_LIKE.fullmatch(word) is not None and word.lower() not in allowed
        flagged = False
        if previous_title and name_like:
            found.append(Concern(kind="a title with what may be a name", word=index - 1))
            flagged = True
        elif name_like and not is_title and (possessive or not sentence_start):
            # A run of capitalised words ("First Last") is one concern, at its first word.
            if not previous_flagged:
                found.append(
                    Concern(kind="a capitalised word that may be a name", word=index, firm=False)
                )
            flagged = True
        previous_title = is_title
        previous_flagged = flagged and not raw.endswith((",", ";", ".", "!", "?", ":"))
        sentence_start = raw in _BULLETS or raw.rstrip("\"'”’)").endswith(_SENTENCE_END)
    if len(text) > MAX_LEARNING_CHARS:
        found.append(
            Concern(
                kind=f"{len(text)} characters, far more than a learning point needs "
                f"(at most {MAX_LEARNING_CHARS})",
                firm=False,
            )
        )
    return tuple(found)


def learning_concerns(
    point: LearningPoint, session: Session, session_type: SessionType
) -> tuple[Concern, ...]:
    """The concerns about one learning point that its author still has to deal with: every firm
    concern, and the soft ones unless the point is marked ``reviewed``."""
    tokens = (*session.participants, *((session.facilitator,) if session.facilitator else ()))
    concerns = naming_concerns(point.text, tokens=tokens, known=known_words(session_type))
    return tuple(c for c in concerns if c.firm or not point.reviewed)


def describe_concerns(concerns: Iterable[Concern]) -> str:
    """The concerns in one phrase, for a message: ``an email address at word 4; ...``."""
    return "; ".join(str(c) for c in concerns)
