"""Bytes to text the way people's files arrive: one helper for every reader of the library.

Spreadsheet programs and editors on Windows save text with a byte-order mark (BOM): UTF-8 with
``EF BB BF``, UTF-16 with ``FF FE`` or ``FE FF``. A BOM says the encoding for certain, so it wins
over any default; without one, UTF-8 is tried, and an older Excel "CSV" (Windows-1252, cp1252) is
the one fallback a caller may allow, because those are the bytes such files hold in practice.

Used by the CSV import (``analysis``) and meant for every JSON or TOML reader (``sessions``,
``packs``), which sit in layers that must not import each other; hence a module of its own here.
"""

from __future__ import annotations

import codecs

__all__ = ["FALLBACK", "bom_encoding", "decode_text", "is_utf8"]

#: The one encoding tried when bytes are not UTF-8 and the caller allows a fallback.
FALLBACK = "cp1252"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``head`` names, or None without one.

    ``utf-8-sig`` and ``utf-16`` both remove the mark as they decode.
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def is_utf8(raw: bytes, *, partial: bool = False) -> bool:
    """True when ``raw`` is valid UTF-8; with ``partial``, a character cut off at the very end
    (the head of a larger file) does not count against it."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(raw, final=not partial)
    except UnicodeDecodeError:
        return False
    return True


def decode_text(raw: bytes, encoding: str | None = None, *, fallback: bool = False) -> str:
    """Decode a whole file's bytes.

    Args:
        raw: The bytes.
        encoding: The encoding the caller asked for; None means "work it out": a BOM's
            encoding, else UTF-8 (then ``FALLBACK`` when ``fallback`` is true and the bytes are
            not UTF-8). A BOM is removed whatever the encoding.
        fallback: Allow cp1252 when no encoding was asked for and the bytes are not UTF-8.

    Raises:
        UnicodeDecodeError: The bytes are not in the encoding (the caller words the message,
            with its file name).
        LookupError: ``encoding`` names no codec.
    """
    chosen = encoding or bom_encoding(raw[:4]) or "utf-8"
    if encoding is None and fallback and chosen == "utf-8" and not is_utf8(raw):
        chosen = FALLBACK
    text = raw.decode(chosen)
    return text.removeprefix("\ufeff")
