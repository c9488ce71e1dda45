"""Ids and references: the stable names that responses and mappings use instead of wording.

An id is 2 to 64 characters of lowercase ASCII letters, digits and single hyphens, starting with a
letter. A reference is an id, or ``pack-id:element-id`` for an element of a named pack.
"""

from __future__ import annotations

import re

__all__ = [
    "ID_PATTERN",
    "ID_RULE",
    "REF_PATTERN",
    "is_id",
    "is_ref",
    "split_ref",
]

ID_PATTERN = r"[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,63}"
REF_PATTERN = rf"(?:{ID_PATTERN}:)?{ID_PATTERN}"
_ID = re.compile(ID_PATTERN)
_REF = re.compile(REF_PATTERN)

ID_RULE = "an id is 2 to 64 lowercase letters, digits and single hyphens, starting with a letter"


def is_id(value: object) -> bool:
    """True when ``value`` is a well-formed id."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def is_ref(value: object) -> bool:
    """True when ``value`` is an id or a ``pack-id:element-id`` reference."""
    return isinstance(value, str) and _REF.fullmatch(value) is not None


def split_ref(ref: str, default_pack: str | None = None) -> tuple[str | None, str]:
    """Split ``pack:element`` into its two ids; a bare id gets ``default_pack``."""
    pack, sep, element = ref.rpartition(":")
    return (pack if sep else default_pack), element
