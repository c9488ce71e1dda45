"""Strategies for text that tries to get live mark-up into a rendered page."""

from __future__ import annotations

from hypothesis import strategies as st

#: Pieces of Markdown and HTML that an attacker, or an unlucky author, might combine.
FRAGMENTS = (
    "<script>",
    "</script>",
    "alert(1)",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>",
    "</a>",
    "<iframe src=https://evil.example>",
    "<svg onload=alert(1)>",
    "<style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "&#106;avascript:",
    "&#x6A;",
    "data:text/html,",
    "vbscript:",
    "https://ok.example/",
    "mailto:a@b.example",
    "[",
    "](",
    ")",
    "![",
    "]: ",
    "<",
    ">",
    '"',
    "'",
    "=",
    " onclick=",
    "`",
    "```",
    "\n",
    "\n\n",
    "    ",
    "- ",
    "1. ",
    "> ",
    "# ",
    "|",
    "\\",
    "*",
    "_",
    "&",
    ";",
)

#: Text made of the pieces above and a little noise.
hostile_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40
).map("".join)

_TAGS = ("a", "p", "div", "span", "img", "script", "iframe", "object", "embed", "svg", "style")
_ATTRS = (
    "",
    " href=https://ok.example/",
    " href='javascript:alert(1)'",
    ' onclick="alert(1)"',
    " src=https://evil.example/x.png",
    " style='color:red'",
    " class=x",
)

#: Raw HTML start and end tags with letters and spaces between them, and no Markdown syntax.
raw_tags = st.lists(
    st.one_of(
        st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(_TAGS), st.sampled_from(_ATTRS)),
        st.builds(lambda t: f"</{t}>", st.sampled_from(_TAGS)),
        st.text(st.characters(categories=("L", "Zs")), max_size=8),
    ),
    min_size=1,
    max_size=20,
).map("".join)
