"""How a hidden cell is worded, in one place for every output.

A hidden cell shows :data:`HIDDEN_WORD` and nothing else, in every table and chart of the HTML,
Markdown and notebook outputs, so a narrow table stays narrow; :func:`hidden_text` explains the
word once where a reader needs it (the key under a table, a chart's legend, a tooltip, the JSON
report's ``hidden_wording``). The words are the same whatever the reason a cell is hidden, and
carry no count: saying *why* (too small, or hidden to protect a smaller group) would tell a
reader which hidden group is the small one.
"""

from __future__ import annotations

__all__ = ["HIDDEN_WORD", "hidden_text"]

#: The word every hidden cell shows in place of a score or a count.
HIDDEN_WORD = "hidden"


def hidden_text(min_group_size: int) -> str:
    """What :data:`HIDDEN_WORD` means, for a key or a tooltip: the same whatever the reason."""
    return f"hidden: fewer than {min_group_size} people, or hidden to protect a smaller group"
