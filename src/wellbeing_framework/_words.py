"""Counted nouns written as a person would write them: "1 problem", "3 problems", never
"1 problem(s)". One helper, so that every message of the library and the command line agrees."""

from __future__ import annotations

__all__ = ["noun", "plural"]


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``count`` with the noun in the right number.

    Args:
        count: How many.
        singular: The noun for one ("problem", "point of learning").
        many: The noun for any other count, where adding "s" is wrong ("people", "points of
            learning"); by default ``singular`` with an "s".

    >>> plural(1, "problem"), plural(0, "header row"), plural(2, "person", "people")
    ('1 problem', '0 header rows', '2 people')
    """
    if count == 1:
        return f"{count} {singular}"
    return f"{count} {many if many is not None else singular + 's'}"


def noun(count: int, singular: str, many: str | None = None) -> str:
    """The noun alone, in the number ``count`` asks for: ``unknown key colour`` but
    ``unknown keys colour, size``.

    >>> noun(1, "key"), noun(2, "key")
    ('key', 'keys')
    """
    return plural(count, singular, many).split(" ", 1)[1]
