"""Ids and references: the stable names that responses and mappings use instead of wording.

An id is 2 to 64 characters of lowercase ASCII letters, digits and single hyphens, starting with a
letter. A reference is an id, or ``pack-id:element-id`` for an element of a named pack.
"""

from __future__ import annotations

import functools
import re

__all__ = [
    "ID_PATTERN",
    "ID_RULE",
    "REF_PATTERN",
    "compiled",
    "is_id",
    "is_ref",
    "split_ref",
]

ID_PATTERN = r"[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,63}"
REF_PATTERN = rf"(?:{ID_PATTERN}:)?{ID_PATTERN}"

ID_RULE = "an id is 2 to 64 lowercase letters, digits and single hyphens, starting with a letter"


@functools.cache
def compiled(pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern)``, once, when it is first needed: the models' patterns are compiled
    on their first use rather than on import, which they would otherwise lengthen by a tenth."""
    return re.compile(pattern)


def is_id(value: object) -> bool:
    """True when ``value`` is a well-formed id."""
    return isinstance(value, str) and compiled(ID_PATTERN).fullmatch(value) is not None


def is_ref(value: object) -> bool:
    """True when ``value`` is an id or a ``pack-id:element-id`` reference."""
    return isinstance(value, str) and compiled(REF_PATTERN).fullmatch(value) is not None


def split_ref(ref: str, default_pack: str | None = None) -> tuple[str | None, str]:
    """Split ``pack:element`` into its two ids; a bare id gets ``default_pack``."""
    pack, sep, element = ref.rpartition(":")
    return (pack if sep else default_pack), element
